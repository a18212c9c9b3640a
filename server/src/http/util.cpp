#include "http/util.hpp"

#include <algorithm>
#include <array>

#include "store/ids.hpp"
#include "chitchat/url.hpp"

namespace chitchat::server {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

}  // namespace

std::optional<std::string> session_id_from(std::string_view header) {
    while (!header.empty()) {
        const std::size_t semi = header.find(';');
        const std::string_view pair = trim(header.substr(0, semi));
        header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
        const std::size_t eq = pair.find('=');
        if (eq == std::string_view::npos || pair.substr(0, eq) != session_cookie) continue;
        const std::string_view value = pair.substr(eq + 1);
        if (is_id(value)) return std::string(value);
    }
    return std::nullopt;
}

std::optional<boost::asio::ip::address> forwarded_for(std::string_view header) {
    const std::size_t comma = header.rfind(',');
    const std::string last(trim(comma == std::string_view::npos ? header : header.substr(comma + 1)));
    if (last.empty()) return std::nullopt;
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(last, ec);
    if (ec) return std::nullopt;
    return address;
}

std::string session_cookie_header(const std::string& sid, bool secure) {
    return std::string(session_cookie) + "=" + sid + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000" +
           (secure ? "; Secure" : "");
}

bool origin_allowed(std::optional<std::string_view> origin, std::string_view host,
                    const std::vector<std::string>& allowed) {
    if (!origin) return true;
    const std::string o = lower(*origin);
    for (const auto& a : allowed)
        if (lower(a) == o || lower(a) + "/" == o) return true;
    for (std::string_view scheme : {"http://", "https://"})
        if (o.rfind(scheme, 0) == 0) return !host.empty() && o.substr(scheme.size()) == lower(host);
    return false;
}

std::string_view mime_type(const std::filesystem::path& path) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 14> types{{
        {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
        {".wasm", "application/wasm"}, {".json", "application/json"}, {".png", "image/png"},
        {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"}, {".gif", "image/gif"}, {".svg", "image/svg+xml"},
        {".ico", "image/x-icon"}, {".txt", "text/plain; charset=utf-8"}, {".ttf", "font/ttf"},
    }};
    const std::string ext = lower(path.extension().string());
    for (const auto& [e, type] : types)
        if (e == ext) return type;
    return "application/octet-stream";
}

std::optional<std::filesystem::path> resolve_path(const std::filesystem::path& root, std::string_view url_path) {
    url_path = url_path.substr(0, url_path.find_first_of("?#"));
    if (url_path.empty() || url_path.front() != '/') return std::nullopt;
    std::filesystem::path result = root;
    std::string_view rest = url_path.substr(1);
    bool directory = true;
    while (!rest.empty()) {
        const std::size_t slash = rest.find('/');
        const std::string_view raw = rest.substr(0, slash);
        rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
        const auto segment = percent_decode(raw);
        if (!segment) return std::nullopt;
        if (segment->find_first_of(std::string_view("/\\\0", 3)) != std::string::npos) return std::nullopt;
        if (*segment == "..") return std::nullopt;
        directory = segment->empty() || *segment == ".";
        if (directory) continue;
        result /= *segment;
    }
    if (directory || url_path.back() == '/') result /= "index.html";
    return result;
}

std::optional<int> requested_version(std::string_view target) {
    const auto q = target.find('?');
    if (q == std::string_view::npos) return 1;
    std::optional<int> version = 1;
    std::string_view query = target.substr(q + 1);
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        if (pair.substr(0, 2) != "v=") continue;
        const std::string_view v = pair.substr(2);
        if (v == "1") version = 1;
        else if (v == "2") version = 2;
        else return std::nullopt;
    }
    return version;
}

}  // namespace chitchat::server
