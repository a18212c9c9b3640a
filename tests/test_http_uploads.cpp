// Uploads over HTTP: the happy path, every refusal, and hostile names.
// A whole server in-process on port 0, driven through real sockets.
#include <catch2/catch.hpp>
#include <sstream>
#include <thread>

#include "store/ids.hpp"
#include "support/chat_client.hpp"
#include "support/http_client.hpp"
#include "support/test_server.hpp"

using namespace chitchat;
using namespace chitchat::proto;
using namespace test;
using namespace std::chrono_literals;

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
