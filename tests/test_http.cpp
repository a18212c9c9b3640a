// HTTP over real sockets: health, static files and the session cookie.
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
