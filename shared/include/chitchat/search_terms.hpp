// Where the words of a search appear in a text, to highlight them: as the server's index
// matches (docs/protocol.md, `search`), every word of the query as the start of a word, and a
// "quoted phrase" as consecutive words, ignoring case and the accents of Latin letters.
// Pure: the browser client draws the ranges.
#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

namespace chitchat {

struct TextRange {
    std::size_t begin = 0, end = 0;  // bytes of the text
    bool operator==(const TextRange&) const = default;
};

// The ranges of `text` that the query's words and phrases match, in order, not overlapping.
std::vector<TextRange> search_highlights(std::string_view text, std::string_view query);

}  // namespace chitchat
