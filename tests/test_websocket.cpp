// The chat over real WebSockets: sessions, origins, channels, history, resends and RFC 6455.
// A whole server in-process on port 0, driven through real sockets.
#include <catch2/catch.hpp>
#include <sstream>
#include <thread>

#include "clock.hpp"
#include "support/chat_client.hpp"
#include "support/http_client.hpp"
#include "support/test_server.hpp"

using namespace chitchat;
using namespace chitchat::proto;
using namespace test;
using namespace std::chrono_literals;
namespace ws = chitchat::ws;

TEST_CASE("WebSocket: a bot gets its session cookie on the upgrade, and keeps its name") {
    test::TestServer s;
    std::string cookie;
    {
        WsClient bot(s.port);
        REQUIRE(bot.refused_status() == 0);
        REQUIRE(bot.set_cookie_header());
        CHECK(bot.set_cookie_header()->find("HttpOnly") != std::string::npos);
        cookie = bot.cookie();
        const auto welcome = bot.expect<Welcome>();
        REQUIRE(welcome);
        CHECK_FALSE(welcome->user);
        bot.send(SetName{"Bot"});
        CHECK(bot.expect<Session>() == Session{User{"Bot"}});
    }
    WsClient again(s.port, with_cookie(cookie));
    CHECK_FALSE(again.set_cookie_header());
    CHECK(again.expect<Welcome>()->user == std::optional<User>(User{"Bot"}));

    WsClient forged(s.port, with_cookie("chitchat_sid=../../etc"));
    CHECK(forged.set_cookie_header());  // malformed: a new session
}

TEST_CASE("WebSocket: cross-site upgrades are refused") {
    chitchat::server::Config config;
    config.allow_origins = {"http://127.0.0.1:8081"};
    test::TestServer s(config);
    CHECK(WsClient(s.port, from("http://evil.example")).refused_status() == 403);
    CHECK(WsClient(s.port, from("http://127.0.0.1:" + std::to_string(s.port))).refused_status() == 0);
    CHECK(WsClient(s.port, from("http://127.0.0.1:8081")).refused_status() == 0);

    // The allowed origin may also use the HTTP API with its cookie (CORS); others get no such header.
    test::http::request<test::http::string_body> req{test::http::verb::get, "/healthz", 11};
    req.set(test::http::field::origin, "http://127.0.0.1:8081");
    auto res = test::http_request(s.port, req);
    CHECK(res[test::http::field::access_control_allow_origin] == "http://127.0.0.1:8081");
    CHECK(res[test::http::field::access_control_allow_credentials] == "true");
    req.set(test::http::field::origin, "http://evil.example");
    CHECK(test::http_request(s.port, req)[test::http::field::access_control_allow_origin].empty());
    WsClient::Options elsewhere;
    elsewhere.path = "/other";
    CHECK(WsClient(s.port, elsewhere).refused_status() == 404);
}

TEST_CASE("WebSocket: bad input gets an error and the connection stays") {
    test::TestServer s;
    WsClient c(s.port);
    REQUIRE(c.expect<Welcome>());
    c.send_text("{not json");
    CHECK(c.expect<ErrorReply>()->code == ErrorCode::bad_request);
    c.send_text(R"({"type":"teleport"})");
    CHECK(c.expect<ErrorReply>() == ErrorReply{ErrorCode::unknown_type, "unknown type \"teleport\"", "teleport", {}});
    c.send_text(R"({"type":"set_name","name":42})");
    CHECK(c.expect<ErrorReply>()->ref == std::optional<std::string>("set_name"));
    c.send_binary("\x01\x02");
    CHECK(c.expect<ErrorReply>()->code == ErrorCode::bad_request);
    c.send(Join{"General Talk", std::nullopt});
    CHECK(c.expect<ErrorReply>()->code == ErrorCode::name_required);
    c.send(Ping{7});
    CHECK(c.expect<Pong>() == Pong{7});
}

TEST_CASE("WebSocket: messages reach the channel, live") {
    test::TestServer s;
    auto a = named(s.port, "Zoë");
    auto b = named(s.port, "Иван");
    a->send(Send{"General Talk", "Привет, мир", "a-1", std::nullopt});
    const auto ack = a->expect<NewMessage>();
    REQUIRE(ack);
    CHECK(ack->message.client_id == std::optional<std::string>("a-1"));
    const auto got = b->expect<NewMessage>();
    REQUIRE(got);
    CHECK(got->message.sender == "Zoë");
    CHECK(got->message.body == "Привет, мир");
    CHECK_FALSE(got->message.client_id);
    const auto now = chitchat::server::now_ms();
    CHECK(got->message.ts <= now);
    CHECK(got->message.ts > now - 10'000);
}

TEST_CASE("WebSocket: the online counter follows sessions") {
    test::TestServer s;
    WsClient a(s.port);
    REQUIRE(a.expect<Welcome>()->online == 1);
    auto b = std::make_unique<WsClient>(s.port);
    CHECK(b->expect<Welcome>()->online == 2);
    CHECK(a.expect<Online>() == Online{2});
    WsClient a_tab(s.port, with_cookie(a.cookie()));
    CHECK(a_tab.expect<Welcome>()->online == 2);
    b->close();
    b.reset();
    CHECK(a.expect<Online>() == Online{1});
}

TEST_CASE("WebSocket: channels, history, resends and catch-up over real sockets") {
    test::TestServer s(test::unlimited());
    auto a = named(s.port, "Zoë");
    auto b = named(s.port, "Иван");

    SECTION("a duplicate channel name is refused") {
        a->send(CreateChannel{"Café"});
        REQUIRE(a->expect<Joined>());
        b->send(CreateChannel{"  café "});
        const auto e = b->expect<ErrorReply>();
        REQUIRE(e);
        CHECK(e->code == ErrorCode::channel_exists);
        CHECK(e->ref == std::optional<std::string>("create_channel"));
    }
    SECTION("101 messages keep the last 100") {
        for (int i = 1; i <= 101; ++i) {
            a->send(Send{"General Talk", "m" + std::to_string(i), "c" + std::to_string(i), std::nullopt});
            REQUIRE(a->expect<NewMessage>());
        }
        b->send(Join{"General Talk", 0});
        const auto j = b->expect<Joined>();
        REQUIRE(j);
        REQUIRE(j->messages.size() == 100);
        CHECK(j->messages.front().id == 2);
        CHECK(j->messages.back().body == "m101");
        CHECK(j->gap == 1);
    }
    SECTION("a resend with the same client_id posts once") {
        a->send(Send{"General Talk", "once", "same-id", std::nullopt});
        const auto first = a->expect<NewMessage>();
        REQUIRE(first);
        REQUIRE(b->expect<NewMessage>());
        a->send(Send{"General Talk", "once", "same-id", std::nullopt});
        CHECK(a->expect<NewMessage>() == first);
        b->send(Ping{1});
        const auto next = b->next();  // the pong, not a second copy of the message
        REQUIRE(next);
        CHECK(std::holds_alternative<Pong>(*next));
    }
    SECTION("catch-up after a disconnect returns exactly the missed messages") {
        a->send(Send{"General Talk", "before", "b1", std::nullopt});
        REQUIRE(a->expect<NewMessage>());  // a's own copy, so each later expect waits for its own send
        const auto seen = b->expect<NewMessage>();
        REQUIRE(seen);
        const std::string cookie = b->cookie();
        b->close();
        b.reset();
        for (int i = 0; i < 3; ++i) {
            a->send(Send{"General Talk", "missed " + std::to_string(i), "m" + std::to_string(i), std::nullopt});
            REQUIRE(a->expect<NewMessage>());
        }
        WsClient back(s.port, with_cookie(cookie));
        const auto welcome = back.expect<Welcome>();
        REQUIRE(welcome);
        CHECK(welcome->user == std::optional<User>(User{"Иван"}));
        back.send(Join{"General Talk", seen->message.id});
        const auto j = back.expect<Joined>();
        REQUIRE(j);
        REQUIRE(j->messages.size() == 3);
        CHECK(j->messages[0].body == "missed 0");
        CHECK(j->messages[2].body == "missed 2");
        CHECK(j->gap == 0);
    }
}

TEST_CASE("WebSocket: fragments, pings and UTF-8, as RFC 6455 has them") {
    test::TestServer s(test::unlimited());
    auto a = named(s.port, "Zoë");
    SECTION("a message in three fragments is one message") {
        const std::string text =
            chitchat::proto::encode(chitchat::proto::ClientMessage{Send{"General Talk", "in pieces", "f1", std::nullopt}});
        a->send_frame(ws::text, text.substr(0, 10), false);
        a->send_frame(ws::continuation, text.substr(10, 10), false);
        a->send_frame(ws::continuation, text.substr(20), true);
        const auto m = a->expect<NewMessage>();
        REQUIRE(m);
        CHECK(m->message.body == "in pieces");
    }
    SECTION("a ping is answered with a pong, and the connection stays") {
        a->ping("are you there");
        a->send(Ping{7});
        REQUIRE(a->expect<Pong>());  // read after the pong, which came first
        CHECK(a->pongs_with("are you there") == 1);
    }
    SECTION("a fragment that claims 2^64 - 1 bytes closes with 1009, nothing is buffered for it") {
        a->send_frame(ws::text, "{", false);  // a message begun
        // Its continuation: a length no client would send, and one that wraps around when added
        // to what the message already holds.
        const std::string header("\x00\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x01\x02\x03\x04", 14);
        a->send_raw(header + std::string(1000, 'x'));
        CHECK_FALSE(a->next());
        CHECK(a->close_code() == std::optional<unsigned>(1009));
    }
    SECTION("text that is not UTF-8 closes with 1007") {
        a->send_text("{\"type\":\"ping\",\"t\":\"\xff\"}");
        CHECK_FALSE(a->next());
        CHECK(a->close_code() == std::optional<unsigned>(1007));
    }
}
