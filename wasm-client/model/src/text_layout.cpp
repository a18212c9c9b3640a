#include "chitchat/client/text_layout.hpp"

#include <algorithm>

#include "chitchat/client/bidi.hpp"

namespace chitchat::client {
namespace {

struct Piece {
    std::size_t begin, end;
    bool space_before;  // a word gap separates it from the piece before
    bool break_before;  // a line may start with it
    int link;
    float width = 0;
};

// Decodes one code point at `i` (the text is valid UTF-8: the server checks it).
char32_t next(std::string_view s, std::size_t& i) {
    const auto b = static_cast<unsigned char>(s[i]);
    const int n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t c = n == 1 ? b : n == 2 ? b & 0x1F : n == 3 ? b & 0x0F : b & 0x07;
    for (int k = 1; k < n && i + k < s.size(); ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += static_cast<std::size_t>(n);
    return c;
}

bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == 0x3000 || c == 0x00A0 || c == '\r'; }

// Marks that belong to the character before them (combining marks, variation selectors).
bool is_mark(char32_t c) { return (c >= 0x0300 && c <= 0x036F) || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0x3099 && c <= 0x309A); }

int link_at(const std::vector<Link>& links, std::size_t at) {
    for (std::size_t k = 0; k < links.size(); ++k)
        if (at >= links[k].begin && at < links[k].end) return static_cast<int>(k);
    return -1;
}

// The pieces of one paragraph: words, cut where a link starts or ends and around CJK characters
// (which are set without spaces, and between which a line may break).
std::vector<Piece> pieces_of(std::string_view text, std::size_t from, std::size_t to, const std::vector<Link>& links) {
    std::vector<Piece> pieces;
    bool gap = false;
    bool last_cjk = false;  // the last piece ends with a CJK character
    for (std::size_t i = from; i < to;) {
        std::size_t j = i;
        const char32_t c = next(text, j);
        if (is_space(c)) {
            gap = !pieces.empty();
            i = j;
            continue;
        }
        const int link = link_at(links, i);
        const bool cjk = breaks_around(c);
        Piece* last = pieces.empty() || gap ? nullptr : &pieces.back();
        if (last && (is_mark(c) || (last->link == link && !cjk && !last_cjk))) {
            last->end = j;
        } else {
            pieces.push_back({i, j, gap, gap || pieces.empty() || cjk || last_cjk, link});
            last_cjk = cjk;
        }
        gap = false;
        i = j;
    }
    return pieces;
}

// Cuts a piece too wide for any line into pieces that fit.
void split_wide(std::string_view text, std::vector<Piece>& pieces, float max_width, TextMetrics& m) {
    std::vector<Piece> out;
    for (Piece p : pieces) {
        while (p.width > max_width && p.end - p.begin > 1) {
            const std::size_t n = std::clamp<std::size_t>(m.fit(text.substr(p.begin, p.end - p.begin), max_width), 1, p.end - p.begin);
            if (n == p.end - p.begin) break;
            Piece head = p;
            head.end = p.begin + n;
            head.width = m.width(text.substr(head.begin, n));
            out.push_back(head);
            p.begin = head.end;
            p.space_before = false;
            p.break_before = true;
            p.width = m.width(text.substr(p.begin, p.end - p.begin));
        }
        out.push_back(p);
    }
    pieces = std::move(out);
}

// Places one line's pieces in visual order.
TextLine place(std::string_view text, const std::vector<Piece>& line, bool rtl, float space, std::size_t at) {
    TextLine out;
    out.rtl = rtl;
    out.begin = out.end = at;
    if (line.empty()) return out;
    out.begin = line.front().begin;
    out.end = line.back().end;
    std::vector<bidi::Type> types;
    for (const Piece& p : line) types.push_back(bidi::type_of(text.substr(p.begin, p.end - p.begin)));
    const bidi::Resolved r = bidi::resolve(types, rtl);
    float x = 0;
    for (std::size_t k = 0; k < r.visual.size(); ++k) {
        const int i = r.visual[k];
        if (k > 0) {
            // The gap between two visual neighbours is the one between them logically, or, at the
            // edge of a reversed run, the one after the logically first of them.
            const int a = std::min(i, r.visual[k - 1]), b = std::max(i, r.visual[k - 1]);
            if (line[b - a == 1 ? b : a + 1].space_before) x += space;
        }
        const Piece& p = line[i];
        out.runs.push_back({p.begin, p.end, x, p.width, (r.levels[i] & 1) != 0, p.link});
        x += p.width;
    }
    out.width = x;
    return out;
}

void lay_out_paragraph(std::string_view text, std::size_t from, std::size_t to, float max_width, TextMetrics& m,
                       TextLayout& out) {
    const bool rtl = bidi::is_rtl(text.substr(from, to - from));
    std::vector<Piece> pieces = pieces_of(text, from, to, out.links);
    for (Piece& p : pieces) p.width = m.width(text.substr(p.begin, p.end - p.begin));
    split_wide(text, pieces, max_width, m);
    const float space = m.space();
    std::vector<Piece> line;
    float width = 0;
    for (std::size_t i = 0; i < pieces.size();) {
        // The pieces up to the next break opportunity go together.
        std::size_t j = i + 1;
        while (j < pieces.size() && !pieces[j].break_before) ++j;
        float group = 0;
        for (std::size_t k = i; k < j; ++k) group += pieces[k].width;
        if (group > max_width) j = i + 1, group = pieces[i].width;  // too wide together: cut between
        const float gap = line.empty() || !pieces[i].space_before ? 0 : space;
        if (!line.empty() && width + gap + group > max_width) {
            out.lines.push_back(place(text, line, rtl, space, line.front().begin));
            line.clear();
            width = 0;
        } else {
            width += gap;
        }
        for (std::size_t k = i; k < j; ++k) line.push_back(pieces[k]);
        width += group;
        i = j;
    }
    out.lines.push_back(place(text, line, rtl, space, from));
}

}  // namespace

bool breaks_around(char32_t c) {
    return (c >= 0x2E80 && c <= 0x303F) || (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3100 && c <= 0x31FF) ||
           (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF);
}

TextLayout lay_out_text(std::string_view text, float max_width, TextMetrics& metrics) {
    TextLayout out;
    out.links = find_links(text);
    std::size_t from = 0;
    for (;;) {
        const std::size_t eol = std::min(text.find('\n', from), text.size());
        lay_out_paragraph(text, from, eol, max_width, metrics, out);
        if (eol == text.size()) break;
        from = eol + 1;
    }
    return out;
}

}  // namespace chitchat::client
