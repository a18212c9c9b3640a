// UTF-8 text helpers for the validation rules: pure functions over bytes.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace chitchat::text {

// Well-formed UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool is_valid_utf8(std::string_view s);

// Code points in valid UTF-8 (each lead byte counts once).
std::size_t count_chars(std::string_view s);

// Any C0/C1 control character (Unicode category Cc: U+0000-U+001F, U+007F-U+009F).
bool has_control_chars(std::string_view s);

// Only white space (Unicode White_Space), or empty.
bool is_blank(std::string_view s);

// Without leading and trailing white space.
std::string_view trim(std::string_view s);

// Trimmed, with every inner run of white space made one ASCII space.
std::string collapse_spaces(std::string_view s);

// Simple case folding for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic, so that
// "General talk" and "GENERAL TALK", or "Café" and "CAFÉ", compare equal.
std::string fold_case(std::string_view s);

// Code points of `s`; each byte of a malformed sequence becomes U+FFFD.
std::u32string to_code_points(std::string_view s);

// UTF-8 of code points (which must not be surrogates or above U+10FFFF).
std::string to_utf8(std::u32string_view code_points);

// At most `max_chars` code points of `s`, cut on a code point boundary.
std::string_view truncate_chars(std::string_view s, std::size_t max_chars);

}  // namespace chitchat::text
