// chitchat-server: see `chitchat-server --help` and README.md.
#include <sys/resource.h>

#include <csignal>
#include <cstdio>
#include <exception>

#include "config.hpp"
#include "log.hpp"
#include "server.hpp"

int main(int argc, char** argv) {
    using namespace chitchat::server;
    auto command = parse_command_line(argc, argv, process_environment());
    if (!command) {
        std::fprintf(stderr, "chitchat-server: %s\n", command.error().c_str());
        return 2;
    }
    if (command->help) {
        std::fputs(usage().c_str(), stdout);
        return 0;
    }
    std::signal(SIGPIPE, SIG_IGN);
    // One descriptor per connection: take all the system allows (the soft limit is often 1024).
    if (rlimit files{}; getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
        files.rlim_cur = files.rlim_max;
        setrlimit(RLIMIT_NOFILE, &files);
    }
    try {
        Server server(command->config);
        server.start();
        server.run_until_signalled();
    } catch (const std::exception& e) {
        log::error(std::string("chitchat-server: ") + e.what());
        return 1;
    }
    return 0;
}
