// A real server in this process, on a free port, with its own temporary folders.
#pragma once
#include <filesystem>
#include <fstream>
#include <memory>

#include "server.hpp"
#include "support/temp_dir.hpp"

namespace test {

struct TestServer {
    TempDir dir;
    std::unique_ptr<chitchat::server::Server> server;
    std::uint16_t port = 0;

    explicit TestServer(chitchat::server::Config config = {}) {
        config.host = "127.0.0.1";
        config.port = 0;
        config.data_dir = dir.path() / "data";
        config.uploads = dir.path() / "uploads";
        config.web_root = dir.path() / "web";
        config.threads = 2;
        std::filesystem::create_directories(config.web_root);
        std::ofstream(config.web_root / "index.html") << "<!doctype html><title>Chit-Chat</title>";
        std::ofstream(config.web_root / "chitchat.wasm") << std::string("\0asm\x01\0\0\0", 8);
        server = std::make_unique<chitchat::server::Server>(config);
        port = server->start();
    }
    ~TestServer() { server->stop(); }
};

// The default rate limit would get in the way of tests that send a lot.
inline chitchat::server::Config unlimited() {
    chitchat::server::Config c;
    c.rate = {0, 1000};
    return c;
}

}  // namespace test
