// What a reaction may be: one emoji as people see it, which may be several code points (a
// skin tone, a ZWJ family, a flag, a keycap). A pure check of Unicode's emoji sequences
// (UTS #51): Extended_Pictographic by code point ranges, and the sequence grammar over them.
#pragma once
#include <string_view>

namespace chitchat::emoji {

// One code point Unicode marks Extended_Pictographic (the pictographs and symbols emoji are
// drawn from), or a regional indicator letter.
bool is_pictographic(char32_t c);

// Exactly one grapheme that is an emoji: a pictograph with its variation selector or skin tone,
// several joined by U+200D, tag sequences (subdivision flags), a pair of regional indicators,
// or a keycap ([0-9#*] U+FE0F? U+20E3). Valid UTF-8 is the caller's to check.
bool is_one_emoji(std::string_view text);

}  // namespace chitchat::emoji
