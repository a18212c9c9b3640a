// A whole server in-process on port 0, driven through real sockets.
#include <catch2/catch.hpp>
#include <sstream>
#include <thread>

#include "support/http_client.hpp"
#include "support/test_server.hpp"
#include "support/ws_client.hpp"

using namespace chitchat;
using namespace chitchat::proto;
using test::WsClient;
using namespace std::chrono_literals;
namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;

namespace {

const std::string png("\x89PNG\r\n\x1A\n-image-bytes", 20);

// A client with a display name, in General Talk.
std::unique_ptr<WsClient> named(std::uint16_t port, const std::string& name, WsClient::Options options = {}) {
    auto c = std::make_unique<WsClient>(port, options);
    REQUIRE(c->refused_status() == 0);
    REQUIRE(c->expect<Welcome>());
    c->send(SetName{name});
    REQUIRE(c->expect<Session>());
    c->send(Join{"General Talk", std::nullopt});
    REQUIRE(c->expect<Joined>());
    return c;
}

WsClient::Options from(const std::string& origin) {
    WsClient::Options o;
    o.origin = origin;
    return o;
}

WsClient::Options with_cookie(const std::string& cookie) {
    WsClient::Options o;
    o.cookie = cookie;
    return o;
}

}  // namespace

TEST_CASE("HTTP: health, static files and the session cookie") {
    test::TestServer s;
    auto health = test::http_get(s.port, "/healthz");
    CHECK(health.result_int() == 200);
    CHECK(health.body() == R"({"status":"ok"})");
    const std::string set_cookie(health[test::http::field::set_cookie]);
    CHECK(set_cookie.starts_with("chitchat_sid="));
    CHECK(set_cookie.find("HttpOnly") != std::string::npos);
    CHECK(set_cookie.find("SameSite=Lax") != std::string::npos);
    const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
    CHECK(test::http_get(s.port, "/", cookie)[test::http::field::set_cookie].empty());

    auto wasm = test::http_get(s.port, "/chitchat.wasm", cookie);
    CHECK(wasm.result_int() == 200);
    CHECK(wasm[test::http::field::content_type] == "application/wasm");
    const std::string etag(wasm[test::http::field::etag]);
    CHECK_FALSE(etag.empty());
    CHECK(wasm.body().size() == 8);

    test::http::request<test::http::string_body> again{test::http::verb::get, "/chitchat.wasm", 11};
    again.set(test::http::field::if_none_match, etag);
    CHECK(test::http_request(s.port, again).result_int() == 304);
    auto head = test::http_get(s.port, "/chitchat.wasm", cookie, test::http::verb::head);
    CHECK(head.result_int() == 200);
    CHECK(head[test::http::field::content_length] == "8");

    auto missing = test::http_get(s.port, "/nope.js");
    CHECK(missing.result_int() == 404);
    CHECK(missing[test::http::field::content_type] == "application/json");
    CHECK(missing.body() == R"({"error":{"code":"not_found","message":"no such file"}})");
    CHECK(test::http_get(s.port, "/%2e%2e/%2e%2e/etc/passwd").result_int() == 400);
    CHECK(test::http_get(s.port, "/", "", test::http::verb::delete_).result_int() == 405);
}

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

TEST_CASE("WebSocket: a frame over 64 KiB closes with 1009") {
    test::TestServer s;
    WsClient c(s.port);
    REQUIRE(c.expect<Welcome>());
    c.send_text(R"({"type":"set_name","name":")" + std::string(70 * 1024, 'x') + "\"}");
    CHECK_FALSE(c.expect<Session>(3s));
    CHECK(c.close_code() == std::optional<unsigned>(1009));
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

TEST_CASE("HTTP uploads") {
    test::TestServer s;
    WsClient c(s.port);
    REQUIRE(c.expect<Welcome>());
    const std::string cookie = c.cookie();

    CHECK(test::upload(s.port, cookie, "cat.png", png).result_int() == 401);
    c.send(SetName{"Zoë"});
    REQUIRE(c.expect<Session>());

    auto ok = test::upload(s.port, cookie, "../../café.png", png);
    REQUIRE(ok.result_int() == 201);
    const auto answer = decode_upload(ok.body());
    REQUIRE(answer.ok());
    CHECK(answer->name == "café.png");
    CHECK(answer->size == png.size());
    CHECK(answer->mime == "image/png");
    CHECK(answer->url == "/uploads/" + answer->id + "/caf%C3%A9.png");

    auto served = test::http_get(s.port, answer->url, cookie);
    CHECK(served.result_int() == 200);
    CHECK(served.body() == png);
    CHECK(served[test::http::field::content_type] == "image/png");
    CHECK(served["X-Content-Type-Options"] == "nosniff");
    CHECK(served["Content-Security-Policy"] == "sandbox");
    CHECK(std::string(served[test::http::field::content_disposition]).starts_with("inline"));
    CHECK(std::string(served[test::http::field::cache_control]).find("max-age") != std::string::npos);
    CHECK(test::http_get(s.port, "/uploads/" + answer->id + "/other.png").result_int() == 404);

    auto text = test::upload(s.port, cookie, "notes.txt", "plain words");
    REQUIRE(text.result_int() == 201);
    auto served_text = test::http_get(s.port, decode_upload(text.body())->url);
    CHECK(std::string(served_text[test::http::field::content_disposition]).starts_with("attachment"));

    const auto refused = test::upload(s.port, cookie, "page.html", "<html>");
    CHECK(refused.result_int() == 415);
    CHECK(decode_http_error(refused.body())->code == "unsupported_type");
    CHECK(test::upload(s.port, cookie, "fake.png", "<html><script>alert(1)</script>").result_int() == 415);
    CHECK(test::upload(s.port, cookie, "cat.png", png, "other_field").result_int() == 400);

    SECTION("the attachment can be posted") {
        c.send(Join{"General Talk", std::nullopt});
        REQUIRE(c.expect<Joined>());
        c.send(Send{"General Talk", "", "with-file", answer->id});
        const auto m = c.expect<NewMessage>();
        REQUIRE(m);
        CHECK(m->message.attachment == std::optional<Attachment>(*answer));
    }
}

TEST_CASE("HTTP uploads: too large is refused before the body is read") {
    chitchat::server::Config config;
    config.max_upload_mb = 1;
    test::TestServer s(config);
    WsClient c(s.port);
    REQUIRE(c.expect<Welcome>());
    c.send(SetName{"Zoë"});
    REQUIRE(c.expect<Session>());

    // Only the header is sent: the answer must come without the 50 MiB body.
    namespace net = boost::asio;
    net::io_context ioc;
    boost::beast::tcp_stream stream(ioc);
    stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), s.port));
    const std::string header = "POST /api/uploads HTTP/1.1\r\nHost: x\r\nCookie: " + c.cookie() +
                               "\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 52428800\r\n\r\n";
    net::write(stream, net::buffer(header));
    stream.expires_after(5s);
    boost::beast::flat_buffer buffer;
    test::HttpResponse res;
    test::http::read(stream, buffer, res);
    CHECK(res.result_int() == 413);
    CHECK(decode_http_error(res.body())->code == "too_large");

    // A body that says nothing of its size is cut off at the limit.
    const std::string part = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\n\r\n" +
                             std::string(1024 * 1024 + 100 * 1024, 'x') + "\r\n--b--\r\n";
    std::ostringstream chunked;
    chunked << "POST /api/uploads HTTP/1.1\r\nHost: x\r\nCookie: " << c.cookie()
            << "\r\nContent-Type: multipart/form-data; boundary=b\r\nTransfer-Encoding: chunked\r\n\r\n"
            << std::hex << part.size() << "\r\n" << part << "\r\n0\r\n\r\n";
    boost::beast::tcp_stream second(ioc);
    second.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), s.port));
    net::write(second, net::buffer(chunked.str()));
    boost::beast::flat_buffer buffer2;
    test::HttpResponse res2;
    test::http::read(second, buffer2, res2);
    CHECK(res2.result_int() == 413);
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
        auto& ws = a->stream();
        ws.text(true);
        ws.write_some(false, net::buffer(text.substr(0, 10)));
        ws.write_some(false, net::buffer(text.substr(10, 10)));
        ws.write_some(true, net::buffer(text.substr(20)));
        const auto m = a->expect<NewMessage>();
        REQUIRE(m);
        CHECK(m->message.body == "in pieces");
    }
    SECTION("a ping is answered with a pong, and the connection stays") {
        int pongs = 0;
        a->stream().control_callback([&](websocket::frame_type kind, beast::string_view payload) {
            if (kind == websocket::frame_type::pong && payload == "are you there") ++pongs;
        });
        a->stream().ping("are you there");
        a->send(Ping{7});
        REQUIRE(a->expect<Pong>());  // read after the pong, which came first
        CHECK(pongs == 1);
    }
    SECTION("a fragment that claims 2^64 - 1 bytes closes with 1009, nothing is buffered for it") {
        a->stream().text(true);
        a->stream().write_some(false, net::buffer(std::string("{")));  // a message begun
        // Its continuation, written on the socket under Beast's client: a length Beast would never
        // send, and one that wraps around when added to what the message already holds.
        const std::string header("\x00\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x01\x02\x03\x04", 14);
        net::write(a->stream().next_layer().socket(), net::buffer(header + std::string(1000, 'x')));
        CHECK_FALSE(a->next());
        CHECK(a->close_code() == std::optional<unsigned>(1009));
    }
    SECTION("text that is not UTF-8 closes with 1007") {
        a->send_text("{\"type\":\"ping\",\"t\":\"\xff\"}");
        CHECK_FALSE(a->next());
        CHECK(a->close_code() == std::optional<unsigned>(1007));
    }
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

TEST_CASE("HTTP: the cookie is Secure only over https behind a trusted proxy") {
    chitchat::server::Config config;
    config.trust_proxy = true;
    test::TestServer s(config);
    test::http::request<test::http::string_body> req{test::http::verb::get, "/healthz", 11};
    req.set("X-Forwarded-Proto", "https");
    CHECK(std::string(test::http_request(s.port, req)[test::http::field::set_cookie]).ends_with("; Secure"));
    CHECK(std::string(test::http_get(s.port, "/healthz")[test::http::field::set_cookie]).find("Secure") ==
          std::string::npos);
}

TEST_CASE("HTTP uploads: hostile file names are stored under server ids") {
    test::TestServer s;
    WsClient c(s.port);
    REQUIRE(c.expect<Welcome>());
    c.send(SetName{"Zoë"});
    REQUIRE(c.expect<Session>());
    const std::vector<std::pair<std::string, std::string>> names = {
        {"../../x.png", "x.png"},
        {"/etc/passwd.png", "passwd.png"},
        {std::string("a\0b.png", 7), "ab.png"},
        {std::string(300, 'n') + ".png", std::string(96, 'n') + ".png"},
        {"\xE2\x80\xA5\xE2\x88\x95x.png", "\xE2\x80\xA5\xE2\x88\x95x.png"},  // look-alike dots and slash: only a label
    };
    for (const auto& [sent, kept] : names) {
        const auto res = test::upload(s.port, c.cookie(), sent, png);
        REQUIRE(res.result_int() == 201);
        const auto answer = decode_upload(res.body());
        REQUIRE(answer.ok());
        CHECK(answer->name == kept);
        CHECK(test::http_get(s.port, answer->url).body() == png);
    }
    // Nothing but ids (and their records) in the uploads folder.
    for (const auto& entry : std::filesystem::directory_iterator(s.dir.path() / "uploads")) {
        const std::string name = entry.path().filename().string();
        INFO(name);
        CHECK(chitchat::server::is_id(name.substr(0, 32)));
        CHECK((name.size() == 32 || name == name.substr(0, 32) + ".json"));
    }
}
