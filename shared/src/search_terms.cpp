#include "chitchat/search_terms.hpp"

#include <algorithm>
#include <string>

#include "chitchat/text.hpp"

namespace chitchat {
namespace {

// Base letters of à..ÿ and of Latin Extended-A (U+0100..U+017F); '.' keeps the letter.
constexpr std::string_view latin1 = "aaaaaa.ceeeeiiiidnooooo.ouuuuy.y";
constexpr std::string_view extended_a =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii..jjkkkllllllllllnnnnnnn..oooooo..rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

char32_t base_letter(char32_t c) {
    if (c >= 0xE0 && c <= 0xFF && latin1[c - 0xE0] != '.') return static_cast<char32_t>(latin1[c - 0xE0]);
    if (c >= 0x100 && c <= 0x17F && extended_a[c - 0x100] != '.') return static_cast<char32_t>(extended_a[c - 0x100]);
    return c;
}

// Letters, digits and everything beyond ASCII but spaces and general punctuation.
bool is_word_char(char32_t c) {
    if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    if (c == 0xA0 || (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x3003)) return false;
    return c != 0xAB && c != 0xBB && c != 0xBF && c != 0xA1 && c != 0xB7;
}

struct Word {
    std::u32string key;  // folded: lower case, no accents
    std::size_t begin, end;
};

std::vector<Word> words_of(std::string_view text) {
    std::vector<Word> words;
    std::size_t i = 0;
    Word current{{}, 0, 0};
    bool in_word = false;
    while (i < text.size()) {
        const std::size_t start = i;
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        i = std::min(text.size(), i + len);
        const std::u32string cps = text::to_code_points(text.substr(start, i - start));
        const char32_t c = cps.empty() ? U'\uFFFD' : cps[0];
        if (is_word_char(c)) {
            if (!in_word) current = Word{{}, start, start};
            in_word = true;
            const std::u32string folded = text::to_code_points(text::fold_case(text.substr(start, i - start)));
            for (char32_t f : folded) current.key += base_letter(f);
            current.end = i;
        } else if (in_word) {
            words.push_back(std::move(current));
            in_word = false;
        }
    }
    if (in_word) words.push_back(std::move(current));
    return words;
}

struct Term {
    std::vector<std::u32string> words;
    bool phrase;
};

std::vector<Term> terms_of(std::string_view query) {
    std::vector<Term> terms;
    std::size_t i = 0;
    while (i < query.size()) {
        const bool quoted = query[i] == '"';
        const std::size_t from = quoted ? i + 1 : i;
        std::size_t to = quoted ? query.find('"', from) : query.find_first_of(" \t\n\"", from);
        if (to == std::string_view::npos) to = query.size();
        Term t{{}, quoted};
        for (auto& w : words_of(query.substr(from, to - from))) t.words.push_back(std::move(w.key));
        if (!t.words.empty()) {
            if (quoted) terms.push_back(std::move(t));
            else
                for (auto& w : t.words) terms.push_back({{std::move(w)}, false});  // "don't": two words
        }
        i = quoted ? to + 1 : std::max(to, from + 1);
    }
    return terms;
}

bool starts_with(const std::u32string& s, const std::u32string& prefix) {
    return s.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), s.begin());
}

}  // namespace

std::vector<TextRange> search_highlights(std::string_view text, std::string_view query) {
    const auto words = words_of(text);
    const auto terms = terms_of(query);
    std::vector<TextRange> ranges;
    for (std::size_t w = 0; w < words.size();) {
        std::size_t matched = 0;
        for (const Term& t : terms) {
            if (w + t.words.size() > words.size()) continue;
            bool ok = true;
            for (std::size_t k = 0; ok && k < t.words.size(); ++k) {
                const bool last = k + 1 == t.words.size();
                // A phrase matches whole words but lets its last one be a prefix, as FTS5 does.
                ok = t.phrase && !last ? words[w + k].key == t.words[k] : starts_with(words[w + k].key, t.words[k]);
            }
            if (ok) matched = std::max(matched, t.words.size());
        }
        if (matched == 0) {
            ++w;
            continue;
        }
        ranges.push_back({words[w].begin, words[w + matched - 1].end});
        w += matched;
    }
    return ranges;
}

}  // namespace chitchat
