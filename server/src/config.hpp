// The server's settings: command-line flags, each also an environment variable
// (--max-upload-mb is CHITCHAT_MAX_UPLOAD_MB); a flag wins over the environment.
#pragma once
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "chitchat/limits.hpp"
#include "chitchat/result.hpp"
#include "chat/rate_limiter.hpp"

namespace chitchat::server {

struct Config {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;                      // 0 picks a free port
    std::filesystem::path web_root = "web";
    std::filesystem::path data_dir = "data";
    std::filesystem::path uploads = "uploads";
    std::uint64_t max_upload_mb = limits::default_upload_mb;
    RateLimit rate{20, 5000};                       // sends per connection
    unsigned threads = 0;                           // 0: one per core
    std::vector<std::string> allow_origins;         // other origins allowed to open /ws
    std::uint32_t max_conns_per_ip = 256;           // 0: no cap
    bool cap_loopback = false;                      // loopback clients are not capped unless set
    std::size_t max_channels = 1000;
    bool persist = true;                            // false: keep everything in memory only
    bool sync_full = false;                         // --sync full: fsync every commit
    unsigned retain_days = 0;                       // delete posts older than this; 0: keep forever
    bool trust_proxy = false;                       // X-Forwarded-For/-Proto from a proxy in front
    std::chrono::milliseconds header_timeout{10'000};  // a request's header must arrive within this

    std::uint64_t max_upload_bytes() const { return max_upload_mb * 1024 * 1024; }
};

// What the command line asked for: a configuration to run, or help to print.
struct Command {
    Config config;
    bool help = false;
};

using Getenv = std::function<std::optional<std::string>(const std::string&)>;
Getenv process_environment();

// The configuration, or one line saying which value is wrong and why.
Result<Command, std::string> parse_command_line(int argc, const char* const* argv, const Getenv& env);

std::string usage();

}  // namespace chitchat::server
