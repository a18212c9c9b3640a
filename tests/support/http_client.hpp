// One HTTP request to a server on 127.0.0.1, answered or timed out, for the tests.
#pragma once
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <string>

namespace test {

namespace http = boost::beast::http;
using HttpResponse = http::response<http::string_body>;

inline HttpResponse http_request(std::uint16_t port, http::request<http::string_body> req) {
    namespace net = boost::asio;
    net::io_context ioc;
    boost::beast::tcp_stream stream(ioc);
    stream.expires_after(std::chrono::seconds(10));
    stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
    req.prepare_payload();
    http::write(stream, req);
    boost::beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    if (req.method() == http::verb::head) parser.skip(true);
    http::read(stream, buffer, parser);
    return parser.release();
}

inline HttpResponse http_get(std::uint16_t port, const std::string& target, const std::string& cookie = {},
                             http::verb verb = http::verb::get) {
    http::request<http::string_body> req{verb, target, 11};
    if (!cookie.empty()) req.set(http::field::cookie, cookie);
    return http_request(port, std::move(req));
}

// A multipart/form-data upload of one file in the field `file`.
inline HttpResponse upload(std::uint16_t port, const std::string& cookie, const std::string& filename,
                           const std::string& content, const std::string& field = "file") {
    const std::string boundary = "----chitchat-test-boundary";
    http::request<http::string_body> req{http::verb::post, "/api/uploads", 11};
    if (!cookie.empty()) req.set(http::field::cookie, cookie);
    req.set(http::field::content_type, "multipart/form-data; boundary=" + boundary);
    req.body() = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename +
                 "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
    return http_request(port, std::move(req));
}

}  // namespace test
