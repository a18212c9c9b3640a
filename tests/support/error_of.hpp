// The one error a fake peer was sent (and forgets everything it was sent); fails the test if
// there is not exactly one.
#pragma once
#include <catch2/catch.hpp>

#include "support/fake_peer.hpp"

namespace test {

inline chitchat::proto::ErrorReply error_of(const std::shared_ptr<FakePeer>& peer) {
    auto e = peer->only<chitchat::proto::ErrorReply>();
    REQUIRE(e);
    return *e;
}

}  // namespace test
