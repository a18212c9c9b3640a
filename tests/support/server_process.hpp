// The real chitchat-server binary as a child process, for what only a process can show:
// a kill -9, a SIGTERM, the exit code.
#pragma once
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace test {

class ServerProcess {
public:
    ServerProcess(const std::filesystem::path& dir, std::vector<std::string> extra = {}) {
        std::vector<std::string> args = {CHITCHAT_SERVER_BINARY, "--port", "0", "--threads", "2",
                                         "--data-dir", (dir / "data").string(), "--uploads", (dir / "uploads").string(),
                                         "--web-root", (dir / "web").string()};
        args.insert(args.end(), extra.begin(), extra.end());
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        int pipe_fds[2];
        if (::pipe(pipe_fds) != 0) throw std::runtime_error("pipe");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
        posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
        if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) != 0)
            throw std::runtime_error("cannot start the server");
        posix_spawn_file_actions_destroy(&actions);
        ::close(pipe_fds[1]);
        log_fd_ = pipe_fds[0];
        // The first line says where it listens: "... listening on http://127.0.0.1:PORT ...".
        const std::string marker = "listening on http://127.0.0.1:";
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (log_.find(marker) == std::string::npos || log_.find(' ', log_.find(marker) + marker.size()) == std::string::npos) {
            if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("the server did not start: " + log_);
            char buf[512];
            const ssize_t n = ::read(log_fd_, buf, sizeof buf);
            if (n <= 0) throw std::runtime_error("the server exited: " + log_);
            log_.append(buf, static_cast<std::size_t>(n));
        }
        port = static_cast<std::uint16_t>(std::stoi(log_.substr(log_.find(marker) + marker.size())));
    }
    ~ServerProcess() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
        if (log_fd_ >= 0) ::close(log_fd_);
    }
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    // Sends a signal and waits for the exit; returns the exit status (or -signal).
    int stop(int signal) {
        ::kill(pid_, signal);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    }

    // Everything the server wrote to stderr so far.
    const std::string& log() {
        char buf[4096];
        const int flags = ::fcntl(log_fd_, F_GETFL);
        ::fcntl(log_fd_, F_SETFL, flags | O_NONBLOCK);
        for (ssize_t n; (n = ::read(log_fd_, buf, sizeof buf)) > 0;) log_.append(buf, static_cast<std::size_t>(n));
        ::fcntl(log_fd_, F_SETFL, flags);
        return log_;
    }

    std::uint16_t port = 0;

private:
    pid_t pid_ = -1;
    int log_fd_ = -1;
    std::string log_;
};

}  // namespace test
