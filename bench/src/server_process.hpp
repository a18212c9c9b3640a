// A server the bench starts itself, so that a scenario can kill it with SIGKILL and start it
// again on the same port and data folder (the chaos soak).
#pragma once
#include <sys/types.h>

#include <string>
#include <vector>

namespace bench {

class ServerProcess {
public:
    // `command` is the binary and its arguments; the bench adds nothing to them.
    explicit ServerProcess(std::vector<std::string> command, unsigned short port);
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    void start();            // returns once the port accepts connections; throws if it never does
    void kill_hard();        // SIGKILL, then reaps it
    void stop();             // SIGTERM, then reaps it (SIGKILL after 10 s)
    pid_t pid() const { return pid_; }

private:
    std::vector<std::string> command_;
    unsigned short port_;
    pid_t pid_ = 0;
};

}  // namespace bench
