#include "http/upload_types.hpp"

#include <algorithm>

#include "chitchat/text.hpp"
#include "chitchat/upload_kinds.hpp"

namespace chitchat::server::uploads {
namespace {

// Cc and Cf (format characters such as the right-to-left override U+202E), and the
// characters that file systems or URLs reserve.
bool unwanted(char32_t c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xAD || (c >= 0x200B && c <= 0x200F) ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F) || c == 0xFEFF ||
           (c >= 0xFFF9 && c <= 0xFFFB) || c == '"' || c == '*' || c == ':' || c == '<' || c == '>' || c == '?' ||
           c == '|' || c == '/' || c == '\\' || c == '%';
}

}  // namespace

std::optional<FileType> type_for(std::string_view file_name) {
    const auto mime = upload_mime(file_name);
    if (!mime) return std::nullopt;
    const bool text = *mime == "text/plain";
    return FileType{*mime, text ? "text/plain; charset=utf-8" : *mime, mime->starts_with("image/")};
}

bool content_matches(const FileType& type, std::string_view c) {
    if (type.mime == "image/png") return c.substr(0, 8) == std::string_view("\x89PNG\r\n\x1A\n", 8);
    if (type.mime == "image/jpeg") return c.substr(0, 3) == "\xFF\xD8\xFF";
    if (type.mime == "image/gif") return c.substr(0, 6) == "GIF87a" || c.substr(0, 6) == "GIF89a";
    if (type.mime == "application/pdf") return c.substr(0, 5) == "%PDF-";
    if (type.mime == "text/plain") return text::is_valid_utf8(c);
    return false;
}

std::string sanitize_name(std::string_view raw) {
    const std::size_t slash = raw.find_last_of("/\\");
    std::u32string name = text::to_code_points(slash == std::string_view::npos ? raw : raw.substr(slash + 1));
    std::erase_if(name, unwanted);
    const auto first = name.find_first_not_of(U" .\u00A0\u3000");
    name = first == std::u32string::npos ? U"" : name.substr(first);
    while (!name.empty() && (name.back() == U' ' || name.back() == U'.')) name.pop_back();

    std::u32string ext;
    if (const std::size_t dot = name.rfind(U'.'); dot != std::u32string::npos && name.size() - dot <= 6) {
        ext = name.substr(dot);
        name.erase(dot);
    }
    constexpr std::size_t max_chars = 100;
    if (name.size() + ext.size() > max_chars) name.resize(max_chars - ext.size());
    while (!name.empty() && name.back() == U' ') name.pop_back();
    if (name.empty()) name = U"file";
    return text::to_utf8(name + ext);
}

}  // namespace chitchat::server::uploads
