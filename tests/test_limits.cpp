// Limits and shutdown over real sockets: sizes, slow peers, caps, the rate limit and 1001.
// A whole server in-process on port 0, driven through real sockets.
#include <catch2/catch.hpp>
#include <sstream>
#include <thread>

#include "support/chat_client.hpp"
#include "support/http_client.hpp"
#include "support/test_server.hpp"

using namespace chitchat;
using namespace chitchat::proto;
using namespace test;
using namespace std::chrono_literals;
namespace net = boost::asio;

TEST_CASE("WebSocket: a frame over 64 KiB closes with 1009") {
    test::TestServer s;
    WsClient c(s.port);
    REQUIRE(c.expect<Welcome>());
    c.send_text(R"({"type":"set_name","name":")" + std::string(70 * 1024, 'x') + "\"}");
    CHECK_FALSE(c.expect<Session>(3s));
    CHECK(c.close_code() == std::optional<unsigned>(1009));
}

TEST_CASE("WebSocket: a client that stops reading is closed, the others are not slowed") {
    test::TestServer s(test::unlimited());
    WsClient::Options slow_options;
    slow_options.receive_buffer = 4096;
    auto slow = named(s.port, "Slow", slow_options);
    auto fast = named(s.port, "Fast");
    auto sender = named(s.port, "Sender");
    const std::string body(2000, 'x');
    const auto start = std::chrono::steady_clock::now();
    int acknowledged = 0;
    for (int i = 0; i < 4000; ++i) {
        sender->send(Send{"General Talk", body, "m" + std::to_string(i), std::nullopt});
        if (sender->expect<NewMessage>()) ++acknowledged;
        REQUIRE(fast->expect<NewMessage>());
    }
    CHECK(acknowledged == 4000);
    CHECK(std::chrono::steady_clock::now() - start < 60s);
    // The slow reader was dropped: draining what it has ends in a closed connection.
    int drained = 0;
    while (slow->next(2s)) ++drained;
    CHECK(drained < 4000);
    CHECK_FALSE(slow->is_open());
}

TEST_CASE("slow headers are cut off, and connections per address are capped") {
    chitchat::server::Config config;
    config.header_timeout = 300ms;
    config.max_conns_per_ip = 2;
    config.cap_loopback = true;
    test::TestServer s(config);
    namespace net = boost::asio;
    net::io_context ioc;
    net::ip::tcp::socket slow(ioc);
    slow.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), s.port));
    net::write(slow, net::buffer(std::string("GET / HTTP/1.1\r\nHost: x\r\n")));
    net::ip::tcp::socket second(ioc);
    second.connect(slow.remote_endpoint());
    net::ip::tcp::socket third(ioc);
    third.connect(slow.remote_endpoint());
    std::string reply(256, '\0');
    boost::system::error_code ec;
    const auto n = third.read_some(net::buffer(reply), ec);
    CHECK(reply.substr(0, n).starts_with("HTTP/1.1 429"));

    std::this_thread::sleep_for(600ms);
    char byte;
    slow.read_some(net::buffer(&byte, 1), ec);
    CHECK(ec == net::error::eof);  // closed by the server for taking too long
}

TEST_CASE("stopping closes every WebSocket with 1001") {
    auto s = std::make_unique<test::TestServer>();
    WsClient c(s->port);
    REQUIRE(c.expect<Welcome>());
    std::thread stopper([&] { s->server->stop(); });
    CHECK_FALSE(c.next(5s));
    stopper.join();
    CHECK(c.close_code() == std::optional<unsigned>(1001));
}

TEST_CASE("WebSocket: the rate limit answers rate_limited") {
    chitchat::server::Config config;
    config.rate = {3, 60'000};
    test::TestServer s(config);
    auto a = named(s.port, "Zoë");
    for (int i = 0; i < 3; ++i) {
        a->send(Send{"General Talk", "m", "ok" + std::to_string(i), std::nullopt});
        REQUIRE(a->expect<NewMessage>());
    }
    a->send(Send{"General Talk", "m", "too-many", std::nullopt});
    const auto e = a->expect<ErrorReply>();
    REQUIRE(e);
    CHECK(e->code == ErrorCode::rate_limited);
    CHECK(e->client_id == std::optional<std::string>("too-many"));
}

TEST_CASE("behind a trusted proxy, the per-address cap counts X-Forwarded-For") {
    chitchat::server::Config config;
    config.max_conns_per_ip = 2;
    config.trust_proxy = true;
    TestServer s(config);
    const auto via_proxy = [&](const std::string& forwarded) {
        WsClient::Options o;
        o.headers = {{"X-Forwarded-For", forwarded}};
        return std::make_unique<WsClient>(s.port, o);
    };
    auto a1 = via_proxy("198.51.100.1, 203.0.113.7");  // the last entry is the proxy's word
    auto a2 = via_proxy("203.0.113.7");
    CHECK(a1->refused_status() == 0);
    CHECK(a2->refused_status() == 0);
    CHECK(via_proxy("10.0.0.1, 203.0.113.7")->refused_status() == 429);
    CHECK(via_proxy("203.0.113.8")->refused_status() == 0);  // another client behind the same proxy
    a1.reset();  // a place is given back when a connection ends
    bool given_back = false;  // once the server has seen the close
    for (int tries = 0; tries < 50 && !given_back; ++tries) {
        given_back = via_proxy("203.0.113.7")->refused_status() == 0;
        if (!given_back) std::this_thread::sleep_for(20ms);
    }
    CHECK(given_back);
}

TEST_CASE("without --trust-proxy, X-Forwarded-For is ignored") {
    chitchat::server::Config config;
    config.max_conns_per_ip = 1;
    TestServer s(config);
    std::vector<std::unique_ptr<WsClient>> clients;
    for (int i = 0; i < 3; ++i) {  // all from loopback, which is not capped, whatever they claim
        WsClient::Options o;
        o.headers = {{"X-Forwarded-For", "203.0.113.7"}};
        clients.push_back(std::make_unique<WsClient>(s.port, o));
        CHECK(clients.back()->refused_status() == 0);
    }
}
