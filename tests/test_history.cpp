#include <catch2/catch.hpp>

#include "chitchat/history.hpp"

using namespace chitchat;

namespace {
Message msg(std::string body) {
    Message m;
    m.channel = "General Talk";
    m.sender = "Zoë";
    m.body = std::move(body);
    return m;
}
}  // namespace

TEST_CASE("ids count up from 1 per channel") {
    ChannelHistory h;
    CHECK(h.last_id() == 0);
    CHECK(h.append(msg("a")).id == 1);
    CHECK(h.append(msg("b")).id == 2);
    CHECK(h.last_id() == 2);
}

TEST_CASE("the 100 most recent are kept, oldest first") {
    ChannelHistory h;
    for (int i = 1; i <= 101; ++i) h.append(msg(std::to_string(i)));
    REQUIRE(h.messages().size() == 100);
    CHECK(h.messages().front().id == 2);
    CHECK(h.messages().back().id == 101);
    for (std::size_t i = 0; i < 100; ++i) CHECK(h.messages()[i].id == i + 2);

    SECTION("without after: everything retained, no gap") {
        const auto s = h.after(std::nullopt);
        CHECK(s.messages.size() == 100);
        CHECK(s.gap == 0);
    }
    SECTION("after 0 reports the one that expired") {
        const auto s = h.after(0);
        CHECK(s.messages.size() == 100);
        CHECK(s.messages.front().id == 2);
        CHECK(s.gap == 1);
    }
    SECTION("after 50 gives 51..101 and no gap") {
        const auto s = h.after(50);
        REQUIRE(s.messages.size() == 51);
        CHECK(s.messages.front().id == 51);
        CHECK(s.gap == 0);
    }
    SECTION("after 101 is empty") {
        const auto s = h.after(101);
        CHECK(s.messages.empty());
        CHECK(s.gap == 0);
    }
    SECTION("after an id from the future is empty") {
        CHECK(h.after(500).messages.empty());
        CHECK(h.after(500).gap == 0);
    }
}

TEST_CASE("a long absence reports every expired message") {
    ChannelHistory h;
    for (int i = 1; i <= 250; ++i) h.append(msg("m"));
    const auto s = h.after(10);
    CHECK(s.messages.size() == 100);
    CHECK(s.messages.front().id == 151);
    CHECK(s.gap == 140);  // 11..150
}

TEST_CASE("restoring keeps ids and ignores repeats") {
    ChannelHistory h(3);
    for (std::uint64_t id : {5, 6, 6, 7, 8}) {
        Message m = msg("x");
        m.id = id;
        h.restore(m);
    }
    CHECK(h.last_id() == 8);
    REQUIRE(h.messages().size() == 3);
    CHECK(h.messages().front().id == 6);
    CHECK(h.append(msg("y")).id == 9);
}
