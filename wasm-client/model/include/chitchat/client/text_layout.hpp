// How a post's text is laid out: paragraphs at newlines, lines that fit a width (breaking at
// spaces, between CJK characters, and inside a word only when it alone is too wide), and on each
// line its pieces placed in visual order (bidi.hpp). The widths come from whoever draws the text
// (in the browser, its own text engine), so the layout is pure and tested natively.
#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

#include "chitchat/client/links.hpp"

namespace chitchat::client {

class TextMetrics {
public:
    virtual ~TextMetrics() = default;
    virtual float width(std::string_view piece) = 0;  // as drawn in one go
    virtual float space() = 0;                         // between two words
    // Bytes of the longest prefix of `piece` (whole grapheme clusters) that fits `max_width`;
    // at least one cluster.
    virtual std::size_t fit(std::string_view piece, float max_width) = 0;
};

struct TextRun {           // one piece, drawn in one go
    std::size_t begin = 0;  // byte offsets in the text
    std::size_t end = 0;
    float x = 0;            // from the line's left end
    float width = 0;
    bool rtl = false;       // drawn right-to-left (an odd bidi level)
    int link = -1;          // index in links, or -1
};

struct TextLine {
    std::size_t begin = 0;  // the logical range it shows
    std::size_t end = 0;
    float width = 0;
    bool rtl = false;       // its paragraph reads right-to-left: aligned to the right
    std::vector<TextRun> runs;  // left to right
};

struct TextLayout {
    std::vector<Link> links;
    std::vector<TextLine> lines;
};

TextLayout lay_out_text(std::string_view text, float max_width, TextMetrics& metrics);

// Where a CJK ideograph, kana or fullwidth form lets a line break before and after it.
bool breaks_around(char32_t c);

}  // namespace chitchat::client
