#include "chitchat/text.hpp"

#include <cstdint>
#include <cstring>

namespace chitchat::text {
namespace {

constexpr char32_t invalid = 0xFFFFFFFF;

// Decodes the code point at s[i], advancing i; `invalid` (and one byte) on a malformed sequence.
char32_t next(std::string_view s, std::size_t& i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char lead = byte(i);
    if (lead < 0x80) {
        ++i;
        return lead;
    }
    std::size_t len = 0;
    char32_t cp = 0, min = 0;
    if ((lead & 0xE0) == 0xC0) { len = 2; cp = lead & 0x1F; min = 0x80; }
    else if ((lead & 0xF0) == 0xE0) { len = 3; cp = lead & 0x0F; min = 0x800; }
    else if ((lead & 0xF8) == 0xF0) { len = 4; cp = lead & 0x07; min = 0x10000; }
    else { ++i; return invalid; }
    if (i + len > s.size()) { ++i; return invalid; }
    for (std::size_t k = 1; k < len; ++k) {
        const unsigned char c = byte(i + k);
        if ((c & 0xC0) != 0x80) { ++i; return invalid; }
        cp = (cp << 6) | (c & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) { ++i; return invalid; }
    i += len;
    return cp;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

bool is_space(char32_t c) {
    return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
           c == 0x205F || c == 0x3000;
}

char32_t fold(char32_t c) {
    if (c >= 'A' && c <= 'Z') return c + 32;
    if ((c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 32;               // Latin-1: À..Þ
    if (c >= 0x100 && c <= 0x17F) {                                          // Latin Extended-A
        const bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
        if (c == 0x130 || c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17F) return c;
        if (c == 0x178) return 0xFF;
        return odd_upper ? ((c & 1) ? c + 1 : c) : ((c & 1) ? c : c + 1);
    }
    if (c == 0x386) return 0x3AC;                                            // Greek
    if (c >= 0x388 && c <= 0x38A) return c + 37;
    if (c == 0x38C) return 0x3CC;
    if (c == 0x38E || c == 0x38F) return c + 63;
    if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;
    if (c == 0x3C2) return 0x3C3;                                            // final sigma
    if (c >= 0x400 && c <= 0x40F) return c + 80;                             // Cyrillic Ѐ..Џ
    if (c >= 0x410 && c <= 0x42F) return c + 32;                             // А..Я
    if (c >= 0x460 && c <= 0x4FF && c != 0x482 && !(c >= 0x483 && c <= 0x489)) {
        if (c >= 0x4C1 && c <= 0x4CE) return (c & 1) ? c + 1 : c;
        if (c == 0x4C0) return 0x4CF;
        return (c & 1) ? c : c + 1;
    }
    return c;
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        // Eight bytes of ASCII at a time (most of JSON is): nothing to decode there.
        std::uint64_t eight;
        if (s.size() - i >= 8 && (std::memcpy(&eight, s.data() + i, 8), (eight & 0x8080808080808080ull) == 0)) {
            i += 8;
            continue;
        }
        if (next(s, i) == invalid) return false;
    }
    return true;
}

std::size_t count_chars(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

bool has_control_chars(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const char32_t c = next(s, i);
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return true;
    }
    return false;
}

bool is_blank(std::string_view s) { return trim(s).empty(); }

std::string_view trim(std::string_view s) {
    std::size_t begin = 0, end = 0;
    bool seen = false;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t at = i;
        const char32_t c = next(s, i);
        if (c == invalid || !is_space(c)) {
            if (!seen) begin = at;
            seen = true;
            end = i;
        }
    }
    return seen ? s.substr(begin, end - begin) : std::string_view{};
}

std::string collapse_spaces(std::string_view s) {
    const std::string_view t = trim(s);
    std::string out;
    out.reserve(t.size());
    bool in_space = false;
    for (std::size_t i = 0; i < t.size();) {
        const std::size_t at = i;
        const char32_t c = next(t, i);
        if (c != invalid && is_space(c)) {
            in_space = true;
            continue;
        }
        if (in_space) out += ' ';
        in_space = false;
        out.append(t.substr(at, i - at));
    }
    return out;
}

std::string fold_case(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t at = i;
        const char32_t c = next(s, i);
        if (c == invalid) out.append(s.substr(at, i - at));
        else append_utf8(out, fold(c));
    }
    return out;
}

std::u32string to_code_points(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const char32_t c = next(s, i);
        out += c == invalid ? U'\uFFFD' : c;
    }
    return out;
}

std::string to_utf8(std::u32string_view code_points) {
    std::string out;
    out.reserve(code_points.size());
    for (char32_t c : code_points) append_utf8(out, c);
    return out;
}

std::string_view truncate_chars(std::string_view s, std::size_t max_chars) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && n++ == max_chars) return s.substr(0, i);
    }
    return s;
}

}  // namespace chitchat::text
