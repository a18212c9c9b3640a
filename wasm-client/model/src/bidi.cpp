#include "chitchat/client/bidi.hpp"

#include <algorithm>

#include "chitchat/text.hpp"

namespace chitchat::client::bidi {
namespace {

struct Range {
    char32_t first, last;
};

// Strong right-to-left blocks (Bidi_Class R and AL), without the Arabic-Indic digits.
constexpr Range rtl_ranges[] = {
    {0x0590, 0x05FF}, {0x0600, 0x065F}, {0x066A, 0x06EF}, {0x06FA, 0x08FF}, {0xFB1D, 0xFDFF},
    {0xFE70, 0xFEFF}, {0x10800, 0x10FFF}, {0x1E800, 0x1EFFF},
};
// Neutral and weak blocks outside ASCII: Latin-1 punctuation, combining marks, general
// punctuation, symbols, arrows, math, box drawing, CJK punctuation, variation selectors, emoji.
constexpr Range neutral_ranges[] = {
    {0x0080, 0x00BF}, {0x00D7, 0x00D7}, {0x00F7, 0x00F7}, {0x02B9, 0x036F}, {0x2000, 0x2BFF},
    {0x2E00, 0x2E7F}, {0x3000, 0x3004}, {0x3008, 0x3020}, {0xFE00, 0xFE0F}, {0xFE10, 0xFE6F},
    {0xFF00, 0xFF20}, {0xFF3B, 0xFF40}, {0xFF5B, 0xFF65}, {0x1F000, 0x1FAFF}, {0xE0000, 0xE007F},
};

bool in(const Range* begin, const Range* end, char32_t c) {
    return std::any_of(begin, end, [c](const Range& r) { return c >= r.first && c <= r.last; });
}

bool is_digit(char32_t c) { return (c >= '0' && c <= '9') || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9); }

}  // namespace

Type type_of(char32_t c) {
    if (is_digit(c)) return Type::EN;
    if (c < 0x80) return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ? Type::L : Type::N;
    if (in(std::begin(rtl_ranges), std::end(rtl_ranges), c)) return Type::R;
    if (in(std::begin(neutral_ranges), std::end(neutral_ranges), c)) return Type::N;
    return Type::L;
}

Type type_of(std::string_view utf8) {
    bool number = false;
    for (char32_t c : text::to_code_points(utf8)) {
        const Type t = type_of(c);
        if (t == Type::L || t == Type::R) return t;
        number = number || t == Type::EN;
    }
    return number ? Type::EN : Type::N;
}

bool is_rtl(std::string_view paragraph) {
    for (char32_t c : text::to_code_points(paragraph)) {
        const Type t = type_of(c);
        if (t == Type::L) return false;
        if (t == Type::R) return true;
    }
    return false;
}

Resolved resolve(const std::vector<Type>& input, bool rtl_paragraph) {
    const int n = static_cast<int>(input.size());
    const Type outside = rtl_paragraph ? Type::R : Type::L;  // sos and eos
    std::vector<Type> t = input;
    // W7: a number after a left-to-right letter (or at the start of a left-to-right paragraph)
    // is part of that run.
    Type last_strong = outside;
    for (auto& x : t) {
        if (x == Type::L || x == Type::R) last_strong = x;
        else if (x == Type::EN && last_strong == Type::L) x = Type::L;
    }
    // N1/N2: neutrals between two runs of one direction take it (numbers count as R here);
    // others take the paragraph's.
    auto strong = [](Type x) { return x == Type::EN ? Type::R : x; };
    for (int i = 0; i < n;) {
        if (t[i] != Type::N) {
            ++i;
            continue;
        }
        int j = i;
        while (j < n && t[j] == Type::N) ++j;
        const Type before = i > 0 ? strong(t[i - 1]) : outside;
        const Type after = j < n ? strong(t[j]) : outside;
        const Type to = before == after ? before : outside;
        std::fill(t.begin() + i, t.begin() + j, to);
        i = j;
    }
    // I1/I2: the levels.
    Resolved r;
    r.levels.resize(n);
    for (int i = 0; i < n; ++i) {
        if (!rtl_paragraph) r.levels[i] = t[i] == Type::L ? 0 : t[i] == Type::R ? 1 : 2;
        else r.levels[i] = t[i] == Type::R ? 1 : 2;
    }
    // L2: from the highest level down to the lowest odd one, reverse every run at that level
    // or above.
    r.visual.resize(n);
    for (int i = 0; i < n; ++i) r.visual[i] = i;
    const std::uint8_t highest = n ? *std::max_element(r.levels.begin(), r.levels.end()) : 0;
    for (int level = highest; level >= 1; --level) {
        for (int i = 0; i < n;) {
            if (r.levels[r.visual[i]] < level) {
                ++i;
                continue;
            }
            int j = i;
            while (j < n && r.levels[r.visual[j]] >= level) ++j;
            std::reverse(r.visual.begin() + i, r.visual.begin() + j);
            i = j;
        }
    }
    return r;
}

}  // namespace chitchat::client::bidi
