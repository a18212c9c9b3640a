#include "config.hpp"

#include <charconv>
#include <cstdlib>
#include <limits>
#include <map>
#include <thread>

namespace chitchat::server {
namespace {

template <class T>
std::optional<T> number(std::string_view s, T min, T max) {
    T value{};
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || end != s.data() + s.size() || value < min || value > max) return std::nullopt;
    return value;
}

std::optional<RateLimit> rate_limit(std::string_view s) {
    if (s == "0" || s == "off") return RateLimit{0, 1000};
    const std::size_t slash = s.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    const auto count = number<std::uint32_t>(s.substr(0, slash), 1, 1'000'000);
    const auto seconds = number<std::uint32_t>(s.substr(slash + 1), 1, 86'400);
    if (!count || !seconds) return std::nullopt;
    return RateLimit{*count, static_cast<std::int64_t>(*seconds) * 1000};
}

std::optional<bool> on_off(std::string_view s) {
    if (s == "on" || s == "true" || s == "1") return true;
    if (s == "off" || s == "false" || s == "0") return false;
    return std::nullopt;
}

struct Option {
    const char* flag;
    const char* value_name;   // nullptr: a switch
    const char* help;
    // Stores the value; returns what a valid value looks like when it is not one.
    std::function<std::optional<std::string>(Config&, const std::string&)> set;
};

const std::vector<Option>& options() {
    using R = std::optional<std::string>;
    static const std::vector<Option> list = {
        {"--host", "ADDR", "address to listen on (default 127.0.0.1)",
         [](Config& c, const std::string& v) -> R { if (v.empty()) return "an address"; c.host = v; return {}; }},
        {"--port", "N", "port, 0 picks a free one (default 8080)",
         [](Config& c, const std::string& v) -> R {
             auto n = number<std::uint16_t>(v, 0, 65535); if (!n) return "a port from 0 to 65535"; c.port = *n; return {}; }},
        {"--web-root", "DIR", "static files of the web client (default ./web)",
         [](Config& c, const std::string& v) -> R { if (v.empty()) return "a folder"; c.web_root = v; return {}; }},
        {"--data-dir", "DIR", "the database, DIR/chitchat.db (default ./data)",
         [](Config& c, const std::string& v) -> R { if (v.empty()) return "a folder"; c.data_dir = v; return {}; }},
        {"--uploads", "DIR", "uploaded files (default ./uploads)",
         [](Config& c, const std::string& v) -> R { if (v.empty()) return "a folder"; c.uploads = v; return {}; }},
        {"--max-upload-mb", "N", "largest upload in MiB (default 10)",
         [](Config& c, const std::string& v) -> R {
             auto n = number<std::uint64_t>(v, 1, 4096); if (!n) return "a size from 1 to 4096"; c.max_upload_mb = *n; return {}; }},
        {"--rate-limit", "N/S", "at most N sends per connection in S seconds, 0 = off (default 20/5)",
         [](Config& c, const std::string& v) -> R {
             auto r = rate_limit(v); if (!r) return "N/S such as 20/5, or 0"; c.rate = *r; return {}; }},
        {"--threads", "N", "I/O threads (default: one per core)",
         [](Config& c, const std::string& v) -> R {
             auto n = number<unsigned>(v, 1, 256); if (!n) return "a count from 1 to 256"; c.threads = *n; return {}; }},
        {"--allow-origin", "URL", "another Origin allowed to open /ws, e.g. http://127.0.0.1:8081 (repeatable)",
         [](Config& c, const std::string& v) -> R {
             if (v.find("://") == std::string::npos) return "an origin such as http://host:port";
             c.allow_origins.push_back(v); return {}; }},
        {"--max-conns-per-ip", "N", "open connections per client address, 0 = no cap (default 256)",
         [](Config& c, const std::string& v) -> R {
             auto n = number<std::uint32_t>(v, 0, 10'000'000); if (!n) return "a count, or 0"; c.max_conns_per_ip = *n; return {}; }},
        {"--cap-loopback", nullptr, "apply --max-conns-per-ip to loopback clients too (default: not capped)",
         [](Config& c, const std::string&) -> R { c.cap_loopback = true; return {}; }},
        {"--max-channels", "N", "channels the server holds at most (default 1000)",
         [](Config& c, const std::string& v) -> R {
             auto n = number<std::size_t>(v, 1, 1'000'000); if (!n) return "a count from 1"; c.max_channels = *n; return {}; }},
        {"--persist", "on|off", "keep sessions and messages in --data-dir (default on)",
         [](Config& c, const std::string& v) -> R { auto b = on_off(v); if (!b) return "on or off"; c.persist = *b; return {}; }},
        {"--sync", "normal|full", "normal: survives a crash of the server; full: also a power loss (default normal)",
         [](Config& c, const std::string& v) -> R {
             if (v != "normal" && v != "full") return "normal or full";
             c.sync_full = v == "full";
             return {}; }},
        {"--retain-days", "N", "delete posts (and their uploads) older than N days, hourly; 0 keeps all (default 0)",
         [](Config& c, const std::string& v) -> R {
             auto n = number<unsigned>(v, 0, 100'000); if (!n) return "a number of days, or 0"; c.retain_days = *n; return {}; }},
        {"--trust-proxy", nullptr, "behind a proxy: count connections per address by X-Forwarded-For, and https from X-Forwarded-Proto",
         [](Config& c, const std::string&) -> R { c.trust_proxy = true; return {}; }},
    };
    return list;
}

std::string env_name(std::string_view flag) {
    std::string name = "CHITCHAT_";
    for (char c : flag.substr(2)) name += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return name;
}

}  // namespace

Getenv process_environment() {
    return [](const std::string& name) -> std::optional<std::string> {
        const char* v = std::getenv(name.c_str());
        return v ? std::optional<std::string>(v) : std::nullopt;
    };
}

Result<Command, std::string> parse_command_line(int argc, const char* const* argv, const Getenv& env) {
    Command command;
    Config& config = command.config;
    auto apply = [&](const Option& o, const std::string& value, const std::string& source) -> std::optional<std::string> {
        if (!o.value_name) {
            const auto b = on_off(value.empty() ? "on" : value);
            if (!b) return source + ": expected on or off, got \"" + value + "\"";
            if (*b) o.set(config, value);
            return std::nullopt;
        }
        if (auto wanted = o.set(config, value)) return source + ": expected " + *wanted + ", got \"" + value + "\"";
        return std::nullopt;
    };

    for (const Option& o : options()) {  // the environment first; flags override it
        const auto value = env(env_name(o.flag));
        if (!value) continue;
        if (std::string(o.flag) == "--allow-origin") {  // comma-separated in the environment
            std::string_view rest = *value;
            while (!rest.empty()) {
                const auto comma = rest.find(',');
                if (auto e = apply(o, std::string(rest.substr(0, comma)), env_name(o.flag))) return Failure{*e};
                rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
            }
        } else if (auto e = apply(o, *value, env_name(o.flag))) {
            return Failure{*e};
        }
    }
    bool origins_from_flags = false;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            command.help = true;
            continue;
        }
        std::optional<std::string> inline_value;
        if (const auto eq = arg.find('='); eq != std::string::npos && arg.rfind("--", 0) == 0) {
            inline_value = arg.substr(eq + 1);
            arg.resize(eq);
        }
        const Option* o = nullptr;
        for (const Option& candidate : options())
            if (arg == candidate.flag) o = &candidate;
        if (!o) return Failure{"unknown option \"" + arg + "\" (see --help)"};
        std::string value;
        if (o->value_name) {
            if (inline_value) value = *inline_value;
            else if (i + 1 < argc) value = argv[++i];
            else return Failure{arg + ": needs a value (" + o->value_name + ")"};
            if (arg == "--allow-origin" && !origins_from_flags) {
                config.allow_origins.clear();  // flags replace the environment's list
                origins_from_flags = true;
            }
        } else if (inline_value) {
            value = *inline_value;
        }
        if (auto e = apply(*o, value, arg)) return Failure{*e};
    }
    if (config.threads == 0) config.threads = std::max(1u, std::thread::hardware_concurrency());
    return command;
}

std::string usage() {
    std::string text =
        "usage: chitchat-server [options]\n"
        "       chitchat-server backup FILE [--data-dir DIR]   a consistent copy of a running server's database\n"
        "Chit-Chat server: the web client, its WebSocket at /ws, uploads and sessions.\n\n";
    for (const Option& o : options()) {
        std::string left = std::string("  ") + o.flag + (o.value_name ? std::string(" ") + o.value_name : "");
        left.resize(std::max<std::size_t>(left.size() + 2, 28), ' ');
        text += left + o.help + "  [" + env_name(o.flag) + "]\n";
    }
    text += "  --help                    this text\n";
    return text;
}

}  // namespace chitchat::server
