#include <catch2/catch.hpp>

#include "http/util.hpp"
#include "chitchat/url.hpp"

using namespace chitchat;
using namespace chitchat::server;

TEST_CASE("the session cookie") {
    const std::string sid = "0123456789abcdef0123456789abcdef";
    CHECK(session_id_from("chitchat_sid=" + sid) == sid);
    CHECK(session_id_from("a=b; chitchat_sid=" + sid + "; c=d") == sid);
    CHECK_FALSE(session_id_from(""));
    CHECK_FALSE(session_id_from("chitchat_sid=short"));
    CHECK_FALSE(session_id_from("chitchat_sid=0123456789ABCDEF0123456789ABCDEF"));  // ours are lowercase
    CHECK_FALSE(session_id_from("chitchat_sid=../../../../etc/passwd0123456789abcd"));
    CHECK_FALSE(session_id_from("xchitchat_sid=" + sid));
    const std::string header = session_cookie_header(sid, false);
    CHECK(header == "chitchat_sid=" + sid + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000");
    CHECK(session_cookie_header(sid, true).ends_with("; Secure"));
}

TEST_CASE("cross-site WebSocket upgrades are refused") {
    const std::vector<std::string> none;
    CHECK(origin_allowed(std::nullopt, "127.0.0.1:8080", none));  // bots send no Origin
    CHECK(origin_allowed("http://127.0.0.1:8080", "127.0.0.1:8080", none));
    CHECK(origin_allowed("https://Chat.Example.org", "chat.example.org", none));
    CHECK_FALSE(origin_allowed("http://127.0.0.1:8081", "127.0.0.1:8080", none));  // cookies ignore ports
    CHECK_FALSE(origin_allowed("http://evil.example", "127.0.0.1:8080", none));
    CHECK_FALSE(origin_allowed("null", "127.0.0.1:8080", none));
    CHECK_FALSE(origin_allowed("http://127.0.0.1:8080.evil.example", "127.0.0.1:8080", none));
    CHECK(origin_allowed("http://127.0.0.1:8081", "127.0.0.1:8080", {"http://127.0.0.1:8081"}));
}

TEST_CASE("MIME types") {
    CHECK(mime_type("a/chitchat.wasm") == "application/wasm");
    CHECK(mime_type("index.HTML") == "text/html; charset=utf-8");
    CHECK(mime_type("chitchat.js") == "text/javascript; charset=utf-8");
    CHECK(mime_type("noext") == "application/octet-stream");
}

TEST_CASE("URL paths never leave the root") {
    const std::filesystem::path root = "/srv/www";
    CHECK(resolve_path(root, "/") == root / "index.html");
    CHECK(resolve_path(root, "/chitchat.wasm?v=1") == root / "chitchat.wasm");
    CHECK(resolve_path(root, "/a/b.js") == root / "a" / "b.js");
    CHECK(resolve_path(root, "/a/") == root / "a" / "index.html");
    CHECK(resolve_path(root, "/caf%C3%A9.txt") == root / "café.txt");
    CHECK_FALSE(resolve_path(root, "/../etc/passwd"));
    CHECK_FALSE(resolve_path(root, "/a/../../etc/passwd"));
    CHECK_FALSE(resolve_path(root, "/%2e%2e/etc/passwd"));
    CHECK_FALSE(resolve_path(root, "/a%2f..%2f..%2fetc"));
    CHECK_FALSE(resolve_path(root, "/a%5c..%5cb"));
    CHECK_FALSE(resolve_path(root, "/a%00.html"));
    CHECK_FALSE(resolve_path(root, "/%zz"));
    CHECK_FALSE(resolve_path(root, "relative"));
}

TEST_CASE("percent-encoding") {
    CHECK(percent_encode("café au lait.png") == "caf%C3%A9%20au%20lait.png");
    CHECK(percent_decode("caf%C3%A9%20au%20lait.png") == "café au lait.png");
    CHECK_FALSE(percent_decode("%4"));
    CHECK_FALSE(percent_decode("%g0"));
}

TEST_CASE("the client address behind a proxy: the last X-Forwarded-For entry") {
    CHECK(forwarded_for("203.0.113.7")->to_string() == "203.0.113.7");
    CHECK(forwarded_for("10.0.0.1, 203.0.113.7")->to_string() == "203.0.113.7");
    CHECK(forwarded_for("10.0.0.1,2001:db8::1")->to_string() == "2001:db8::1");
    CHECK_FALSE(forwarded_for(""));
    CHECK_FALSE(forwarded_for("203.0.113.7, not-an-address"));
    CHECK_FALSE(forwarded_for("203.0.113.7,"));
}
