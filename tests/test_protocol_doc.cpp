// docs/protocol.md is the contract: every JSON example in it must decode, and every message
// type of the protocol must have an example.
#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <sstream>

#include "chitchat/protocol.hpp"

using namespace chitchat::proto;

namespace {

std::vector<std::string> json_blocks(const std::string& markdown) {
    std::vector<std::string> blocks;
    const std::string open = "```json\n", close = "```";
    for (std::size_t at = markdown.find(open); at != std::string::npos; at = markdown.find(open, at)) {
        at += open.size();
        const std::size_t end = markdown.find(close, at);
        REQUIRE(end != std::string::npos);
        blocks.push_back(markdown.substr(at, end - at));
        at = end + close.size();
    }
    return blocks;
}

}  // namespace

TEST_CASE("every example in docs/protocol.md decodes") {
    std::ifstream file(CHITCHAT_SOURCE_DIR "/docs/protocol.md");
    REQUIRE(file);
    std::stringstream text;
    text << file.rdbuf();
    const auto blocks = json_blocks(text.str());
    REQUIRE(blocks.size() >= 17);

    std::set<std::string> seen;
    int http_bodies = 0;
    for (const auto& block : blocks) {
        INFO(block);
        if (const auto c = decode_client(block); c.ok()) {
            seen.insert(std::string(type_name(*c)));
        } else if (const auto s = decode_server(block); s.ok()) {
            seen.insert(std::string(type_name(*s)));
        } else {
            const bool http = decode_upload(block).ok() || decode_http_error(block).ok();
            CHECK(http);
            http_bodies += http;
        }
    }
    CHECK(http_bodies == 2);
    const std::set<std::string> all{"set_name", "create_channel", "join", "send", "ping", "welcome", "session",
                                    "joined", "message", "channels", "online", "pong", "error", "history",
                                    "search", "search_results", "edit", "delete", "react", "update"};
    CHECK(seen == all);
}
