// Right-to-left text in the client's layout: the Unicode Bidirectional Algorithm (UAX #9) applied
// to a line's pieces (words, link parts, CJK characters) rather than to single characters. The
// browser's text engine, which draws each piece, orders the characters inside it; this orders
// the pieces: a Hebrew sentence reads from the right, a Latin name or a number inside it keeps
// its own order, and a paragraph takes the direction of its first strong letter (rules P2-P3).
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

namespace chitchat::client::bidi {

enum class Type : std::uint8_t {
    L,   // a left-to-right letter
    R,   // a right-to-left letter (Hebrew, Arabic, Syriac, Thaana, N'Ko…)
    EN,  // a number
    N,   // neutral: spaces, punctuation, symbols, emoji, marks
};

Type type_of(char32_t c);
// A piece's: its first strong letter's, else EN when it holds a digit, else N.
Type type_of(std::string_view utf8);
// Rules P2-P3: the paragraph is right-to-left when its first strong letter is.
bool is_rtl(std::string_view paragraph);

struct Resolved {
    std::vector<std::uint8_t> levels;  // per piece, logical order (odd: drawn right-to-left)
    std::vector<int> visual;           // piece indices from left to right
};
// Rules W2/W7 (numbers after letters), N1/N2 (neutrals), I1/I2 (levels) and L2 (reordering).
Resolved resolve(const std::vector<Type>& types, bool rtl_paragraph);

}  // namespace chitchat::client::bidi
