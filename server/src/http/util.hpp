// Small HTTP decisions, kept pure for tests: the session cookie, the Origin check, MIME types
// and mapping a URL path onto a folder without escaping it.
#pragma once
#include <boost/asio/ip/address.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chitchat::server {

inline constexpr std::string_view session_cookie = "chitchat_sid";

// The session id in a Cookie header, if it has a well-formed one (32 lowercase hex digits).
std::optional<std::string> session_id_from(std::string_view cookie_header);

// The Set-Cookie value for a session id: HttpOnly, SameSite=Lax, a year long; Secure over https.
std::string session_cookie_header(const std::string& sid, bool secure);

// Whether a browser at `origin` may open the WebSocket: no Origin (not a browser), the server's
// own origin (same host and port as the Host header), or one the operator allowed.
bool origin_allowed(std::optional<std::string_view> origin, std::string_view host,
                    const std::vector<std::string>& allowed);

// The client's address in an X-Forwarded-For header: the last entry (the one our proxy
// appended; earlier ones are the client's word), or nothing when it is not an IP address.
std::optional<boost::asio::ip::address> forwarded_for(std::string_view header);

std::string_view mime_type(const std::filesystem::path& path);

// The file under `root` that a URL path names ("/" is index.html), or nothing when the path is
// malformed or would leave `root` (".." segments, NUL, backslashes, encoded slashes).
std::optional<std::filesystem::path> resolve_path(const std::filesystem::path& root, std::string_view url_path);

// The protocol version a WebSocket request asks for: `/ws?v=2` is 2; no `v` (or `v=1`) is 1;
// anything else is refused (nothing).
std::optional<int> requested_version(std::string_view target);

}  // namespace chitchat::server
