#include "upload_types.hpp"

#include <algorithm>
#include <array>

#include "chitchat/text.hpp"

namespace chitchat::server::uploads {
namespace {

constexpr FileType png{"image/png", "image/png", true};
constexpr FileType jpeg{"image/jpeg", "image/jpeg", true};
constexpr FileType gif{"image/gif", "image/gif", true};
constexpr FileType pdf{"application/pdf", "application/pdf", false};
constexpr FileType txt{"text/plain", "text/plain; charset=utf-8", false};

constexpr std::array<std::pair<std::string_view, FileType>, 6> by_extension{{
    {"txt", txt}, {"pdf", pdf}, {"png", png}, {"jpg", jpeg}, {"jpeg", jpeg}, {"gif", gif},
}};

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(c); });
    return out;
}

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
    const std::size_t dot = file_name.rfind('.');
    if (dot == std::string_view::npos) return std::nullopt;
    const std::string ext = lower_ascii(file_name.substr(dot + 1));
    for (const auto& [e, type] : by_extension)
        if (e == ext) return type;
    return std::nullopt;
}

bool content_matches(const FileType& type, std::string_view c) {
    if (type.mime == png.mime) return c.substr(0, 8) == std::string_view("\x89PNG\r\n\x1A\n", 8);
    if (type.mime == jpeg.mime) return c.substr(0, 3) == "\xFF\xD8\xFF";
    if (type.mime == gif.mime) return c.substr(0, 6) == "GIF87a" || c.substr(0, 6) == "GIF89a";
    if (type.mime == pdf.mime) return c.substr(0, 5) == "%PDF-";
    if (type.mime == txt.mime) return text::is_valid_utf8(c);
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
