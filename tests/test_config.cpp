#include <catch2/catch.hpp>
#include <map>

#include "config.hpp"

using namespace chitchat::server;

namespace {

chitchat::Result<Command, std::string> parse(std::vector<const char*> args, std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), "chitchat-server");
    return parse_command_line(static_cast<int>(args.size()), args.data(),
                              [env](const std::string& name) -> std::optional<std::string> {
                                  const auto it = env.find(name);
                                  return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
                              });
}

}  // namespace

TEST_CASE("defaults") {
    const auto c = parse({});
    REQUIRE(c.ok());
    CHECK(c->config.host == "127.0.0.1");
    CHECK(c->config.port == 8080);
    CHECK(c->config.max_upload_mb == 10);
    CHECK(c->config.rate.count == 20);
    CHECK(c->config.rate.window_ms == 5000);
    CHECK(c->config.threads >= 1);
    CHECK(c->config.persist);
    CHECK_FALSE(c->config.sync_full);
    CHECK_FALSE(c->help);
}

TEST_CASE("flags, with a space or an equals sign") {
    const auto c = parse({"--port", "0", "--rate-limit=0", "--allow-origin", "http://127.0.0.1:8081", "--threads", "3",
                          "--data-dir", "/tmp/x", "--persist", "off", "--cap-loopback"});
    REQUIRE(c.ok());
    CHECK(c->config.port == 0);
    CHECK(c->config.rate.count == 0);
    CHECK(c->config.allow_origins == std::vector<std::string>{"http://127.0.0.1:8081"});
    CHECK(c->config.threads == 3);
    CHECK(c->config.data_dir == "/tmp/x");
    CHECK_FALSE(c->config.persist);
    CHECK(c->config.cap_loopback);
}

TEST_CASE("sync is normal or full (--sync)") {
    CHECK_FALSE(parse({"--sync", "normal"})->config.sync_full);
    CHECK(parse({"--sync=full"})->config.sync_full);
    CHECK(parse({}, {{"CHITCHAT_SYNC", "full"}})->config.sync_full);
    CHECK(parse({"--sync", "off"}).error() == "--sync: expected normal or full, got \"off\"");
    CHECK(parse({"--retain-days", "30"})->config.retain_days == 30);
    CHECK(parse({})->config.retain_days == 0);
    CHECK(parse({"--retain-days", "-1"}).error().starts_with("--retain-days:"));
}

TEST_CASE("the environment, overridden by flags") {
    const auto c = parse({"--port", "9001"}, {{"CHITCHAT_PORT", "9000"}, {"CHITCHAT_MAX_UPLOAD_MB", "5"},
                                               {"CHITCHAT_ALLOW_ORIGIN", "http://a:1,http://b:2"}});
    REQUIRE(c.ok());
    CHECK(c->config.port == 9001);
    CHECK(c->config.max_upload_mb == 5);
    CHECK(c->config.allow_origins.size() == 2);
}

TEST_CASE("a bad value is one clear line") {
    CHECK(parse({"--port", "70000"}).error() == "--port: expected a port from 0 to 65535, got \"70000\"");
    CHECK(parse({"--rate-limit", "fast"}).error().starts_with("--rate-limit: expected N/S"));
    CHECK(parse({"--max-upload-mb", "0"}).error().starts_with("--max-upload-mb:"));
    CHECK(parse({"--port"}).error() == "--port: needs a value (N)");
    CHECK(parse({"--bogus"}).error() == "unknown option \"--bogus\" (see --help)");
    CHECK(parse({}, {{"CHITCHAT_PORT", "x"}}).error().starts_with("CHITCHAT_PORT: expected a port"));
    CHECK(parse({"--help"})->help);
    CHECK(usage().find("--max-upload-mb") != std::string::npos);
}
