// chitchat-server: see `chitchat-server --help` and README.md.
#include <sys/resource.h>

#include <csignal>
#include <cstdio>
#include <exception>
#include <string_view>
#include <vector>

#include "config.hpp"
#include "log.hpp"
#include "server.hpp"
#include "store/backup.hpp"

namespace {

// chitchat-server backup FILE [--data-dir DIR]: a consistent copy of a running server's database.
int backup(int argc, char** argv) {
    using namespace chitchat::server;
    if (argc < 3 || argv[2][0] == '-') {
        std::fprintf(stderr, "usage: chitchat-server backup FILE [--data-dir DIR]\n");
        return 2;
    }
    std::vector<char*> rest = {argv[0]};
    rest.insert(rest.end(), argv + 3, argv + argc);
    auto command = parse_command_line(static_cast<int>(rest.size()), rest.data(), process_environment());
    if (!command) {
        std::fprintf(stderr, "chitchat-server: %s\n", command.error().c_str());
        return 2;
    }
    try {
        backup_database(command->config.data_dir / "chitchat.db", argv[2]);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "chitchat-server backup: %s\n", e.what());
        return 1;
    }
    std::fprintf(stderr, "chitchat-server backup: %s written\n", argv[2]);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace chitchat::server;
    if (argc >= 2 && std::string_view(argv[1]) == "backup") return backup(argc, argv);
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
