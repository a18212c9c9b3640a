// Helpers for tests that talk to an in-process server: a named client in General Talk, and
// the options for an origin or a cookie.
#pragma once
#include <catch2/catch.hpp>
#include <memory>

#include "support/ws_client.hpp"

namespace test {

// A client with a display name, in General Talk.
inline std::unique_ptr<WsClient> named(std::uint16_t port, const std::string& name, WsClient::Options options = {}) {
    auto c = std::make_unique<WsClient>(port, options);
    REQUIRE(c->refused_status() == 0);
    REQUIRE(c->expect<chitchat::proto::Welcome>());
    c->send(chitchat::proto::SetName{name});
    REQUIRE(c->expect<chitchat::proto::Session>());
    c->send(chitchat::proto::Join{"General Talk", std::nullopt});
    REQUIRE(c->expect<chitchat::proto::Joined>());
    return c;
}

inline WsClient::Options from(const std::string& origin) {
    WsClient::Options o;
    o.origin = origin;
    return o;
}

inline WsClient::Options with_cookie(const std::string& cookie) {
    WsClient::Options o;
    o.cookie = cookie;
    return o;
}

// The smallest file that passes the PNG check.
inline const std::string png("\x89PNG\r\n\x1A\n-image-bytes", 20);

}  // namespace test
