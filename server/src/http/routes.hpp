// Every plain HTTP request as a function from request to response, testable without a socket
// (the shape of Beast's advanced_server `handle_request`). WebSocket upgrades are not here.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "config.hpp"
#include "http/request.hpp"
#include "store/upload_store.hpp"

namespace chitchat::server {

struct HttpContext {
    const Config& config;
    UploadStore& uploads;
    std::function<std::optional<std::string>(const std::string& sid)> display_name;
};

// Who is asking: their session, and the Set-Cookie value when the request came without one.
struct Caller {
    std::string sid;
    std::optional<std::string> set_cookie;
};

Response handle_request(const Request& req, const Caller& caller, HttpContext& ctx);

// A JSON error body `{"error": {"code", "message"}}` with its status.
StringResponse error_response(http::status status, std::string_view code, std::string_view message,
                              unsigned version, bool keep_alive);

// What may be refused from the request's header alone, before its body is read: an upload
// from a session without a name (401) or too large by its Content-Length (413).
std::optional<StringResponse> refuse_early(const Request& header, std::optional<std::uint64_t> content_length,
                                           const Caller& caller, HttpContext& ctx);

bool is_upload(const Request& req);
std::uint64_t upload_body_limit(const Config& config);

}  // namespace chitchat::server
