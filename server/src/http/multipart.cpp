#include "http/multipart.hpp"

#include <algorithm>
#include <cctype>

namespace chitchat::server::multipart {
namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Reads `key=value` parameters after the first `;` of a header value: tokens or quoted strings.
std::vector<std::pair<std::string, std::string>> parameters(std::string_view value) {
    std::vector<std::pair<std::string, std::string>> out;
    std::size_t i = value.find(';');
    while (i != std::string_view::npos && i < value.size()) {
        ++i;
        while (i < value.size() && (value[i] == ' ' || value[i] == '\t')) ++i;
        const std::size_t eq = value.find('=', i);
        if (eq == std::string_view::npos) break;
        std::string key(trim(value.substr(i, eq - i)));
        std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
        std::string v;
        i = eq + 1;
        if (i < value.size() && value[i] == '"') {
            for (++i; i < value.size() && value[i] != '"'; ++i) {
                if (value[i] == '\\' && i + 1 < value.size()) ++i;
                v += value[i];
            }
            i = value.find(';', i);
        } else {
            const std::size_t end = value.find(';', i);
            v = std::string(trim(value.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i)));
            i = end;
        }
        out.emplace_back(std::move(key), std::move(v));
    }
    return out;
}

// Decodes RFC 5987 `UTF-8''percent%20encoded`; nothing if it is not that.
std::optional<std::string> ext_value(std::string_view v) {
    const std::size_t quote = v.find("''");
    if (quote == std::string_view::npos || !iequals(v.substr(0, quote), "utf-8")) return std::nullopt;
    std::string out;
    for (std::size_t i = quote + 2; i < v.size(); ++i) {
        if (v[i] == '%' && i + 2 < v.size() && std::isxdigit(static_cast<unsigned char>(v[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(v[i + 2]))) {
            out += static_cast<char>(std::stoi(std::string(v.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += v[i];
        }
    }
    return out;
}

}  // namespace

std::optional<std::string> boundary_of(std::string_view content_type) {
    const std::string_view type = trim(content_type.substr(0, content_type.find(';')));
    if (!iequals(type, "multipart/form-data")) return std::nullopt;
    for (auto& [key, value] : parameters(content_type))
        if (key == "boundary" && !value.empty() && value.size() <= 70) return value;
    return std::nullopt;
}

Result<std::vector<Part>, std::string> parse(std::string_view body, std::string_view boundary) {
    if (boundary.empty()) return Failure{std::string("no multipart boundary")};
    const std::string delimiter = "--" + std::string(boundary);
    std::size_t at = body.find(delimiter);  // anything before the first delimiter is preamble
    if (at == std::string_view::npos || (at != 0 && (at < 2 || body.substr(at - 2, 2) != "\r\n")))
        return Failure{std::string("no multipart boundary in the body")};
    const std::string next = "\r\n" + delimiter;
    std::vector<Part> parts;
    at += delimiter.size();
    for (;;) {
        if (body.substr(at, 2) == "--") return parts;  // the close delimiter
        // Transport padding, then the line break that ends the delimiter line.
        while (at < body.size() && (body[at] == ' ' || body[at] == '\t')) ++at;
        if (body.substr(at, 2) != "\r\n") return Failure{std::string("malformed multipart delimiter")};
        at += 2;
        const std::size_t headers_end = body.find("\r\n\r\n", at);
        if (headers_end == std::string_view::npos) return Failure{std::string("a multipart part has no header end")};
        const std::size_t content_end = body.find(next, headers_end + 4);
        if (content_end == std::string_view::npos) return Failure{std::string("a multipart part is not closed")};

        Part part;
        bool disposition = false;
        std::string_view headers = body.substr(at, headers_end - at);
        while (!headers.empty()) {
            const std::size_t eol = headers.find("\r\n");
            const std::string_view line = headers.substr(0, eol);
            headers = eol == std::string_view::npos ? std::string_view{} : headers.substr(eol + 2);
            const std::size_t colon = line.find(':');
            if (colon == std::string_view::npos) return Failure{std::string("malformed multipart header")};
            if (!iequals(trim(line.substr(0, colon)), "content-disposition")) continue;
            const std::string_view value = trim(line.substr(colon + 1));
            if (!iequals(trim(value.substr(0, value.find(';'))), "form-data"))
                return Failure{std::string("a multipart part is not form-data")};
            disposition = true;
            std::optional<std::string> extended;
            for (auto& [key, v] : parameters(value)) {
                if (key == "name") part.name = v;
                else if (key == "filename") part.filename = v;
                else if (key == "filename*") extended = ext_value(v);
            }
            if (extended) part.filename = std::move(extended);
        }
        if (!disposition) return Failure{std::string("a multipart part has no Content-Disposition")};
        part.content = body.substr(headers_end + 4, content_end - headers_end - 4);
        parts.push_back(std::move(part));
        if (parts.size() > 16) return Failure{std::string("too many multipart parts")};
        at = content_end + next.size();
    }
}

}  // namespace chitchat::server::multipart
