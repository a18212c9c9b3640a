// The client's text layout: links, line breaking and bidirectional order, with a font in which
// every code point is 10 units wide and a space 5.
#include <catch2/catch.hpp>

#include <string>

#include "chitchat/client/bidi.hpp"
#include "chitchat/client/links.hpp"
#include "chitchat/client/text_layout.hpp"
#include "chitchat/text.hpp"

using namespace chitchat::client;

namespace {

struct Monospace final : TextMetrics {
    float width(std::string_view s) override { return 10.0f * static_cast<float>(chitchat::text::count_chars(s)); }
    float space() override { return 5; }
    std::size_t fit(std::string_view s, float max_width) override {
        const auto n = std::max<std::size_t>(1, static_cast<std::size_t>(max_width / 10));
        return chitchat::text::truncate_chars(s, n).size();
    }
};

std::vector<std::string> links_in(std::string_view text) {
    std::vector<std::string> out;
    for (const Link& l : find_links(text)) out.emplace_back(text.substr(l.begin, l.end - l.begin));
    return out;
}

// The line's runs as text, left to right, separated by '|'.
std::string visual(std::string_view text, const TextLine& line) {
    std::string out;
    for (const TextRun& r : line.runs) out += (out.empty() ? "" : "|") + std::string(text.substr(r.begin, r.end - r.begin));
    return out;
}

}  // namespace

TEST_CASE("links are http and https URLs, cut as people expect") {
    using V = std::vector<std::string>;
    CHECK(links_in("see https://example.com/link.") == V{"https://example.com/link"});
    CHECK(links_in("(http://a.org/x)") == V{"http://a.org/x"});
    CHECK(links_in("https://en.wikipedia.org/wiki/Tree_(graph)") == V{"https://en.wikipedia.org/wiki/Tree_(graph)"});
    CHECK(links_in("two: HTTPS://A.IO, https://b.io!") == V{"HTTPS://A.IO", "https://b.io"});
    CHECK(links_in("<https://x.dev/?q=1&r=2>") == V{"https://x.dev/?q=1&r=2"});
    CHECK(links_in("https://пример.рф/путь") == V{"https://пример.рф/путь"});
    CHECK(links_in("javascript:alert(1) data:text/html,hi ftp://x.org file:///etc/passwd").empty());
    CHECK(links_in("xhttps://a.org https:// http:///x https://").empty());
}

TEST_CASE("the bidi type of characters and pieces") {
    using bidi::Type;
    CHECK(bidi::type_of(U'a') == Type::L);
    CHECK(bidi::type_of(U'ж') == Type::L);
    CHECK(bidi::type_of(U'你') == Type::L);
    CHECK(bidi::type_of(U'ש') == Type::R);
    CHECK(bidi::type_of(U'م') == Type::R);
    CHECK(bidi::type_of(U'7') == Type::EN);
    CHECK(bidi::type_of(U'!') == Type::N);
    CHECK(bidi::type_of(U'🙂') == Type::N);
    CHECK(bidi::type_of("«שלום»") == Type::R);
    CHECK(bidi::type_of("2024") == Type::EN);
    CHECK(bidi::is_rtl("  123 مرحبا world"));
    CHECK_FALSE(bidi::is_rtl("hello שלום"));
    CHECK_FALSE(bidi::is_rtl("🙂 123"));
}

TEST_CASE("a right-to-left paragraph reads from the right, and keeps a Latin word and a number in order") {
    Monospace m;
    const std::string text = "مرحبا Hello World 2024 بكم";
    const TextLayout t = lay_out_text(text, 1000, m);
    REQUIRE(t.lines.size() == 1);
    const TextLine& line = t.lines[0];
    CHECK(line.rtl);
    CHECK(visual(text, line) == "بكم|Hello|World|2024|مرحبا");
    CHECK(line.runs.front().rtl);
    CHECK_FALSE(line.runs[1].rtl);
    // Every gap is kept: 5 pieces, 4 spaces.
    CHECK(line.width == Approx(10 * 22 + 4 * 5));
}

TEST_CASE("a left-to-right paragraph keeps a Hebrew phrase in its own order") {
    Monospace m;
    const std::string text = "He said שלום עולם today";
    const TextLayout t = lay_out_text(text, 1000, m);
    REQUIRE(t.lines.size() == 1);
    CHECK_FALSE(t.lines[0].rtl);
    CHECK(visual(text, t.lines[0]) == "He|said|עולם|שלום|today");
    // A number after Hebrew in a left-to-right paragraph stays beside it, in its own order.
    const std::string n = "room שלום 12 ok";
    CHECK(visual(n, lay_out_text(n, 1000, m).lines[0]) == "room|12|שלום|ok");
}

TEST_CASE("lines break at spaces, between CJK characters, and inside a word only when it must") {
    Monospace m;
    const std::string text = "one two three four";
    const TextLayout t = lay_out_text(text, 100, m);
    REQUIRE(t.lines.size() == 2);
    CHECK(visual(text, t.lines[0]) == "one|two");
    CHECK(visual(text, t.lines[1]) == "three|four");
    CHECK(t.lines[1].runs[1].x == Approx(55));

    const std::string cjk = "你好，世界。こんにちは";
    const TextLayout c = lay_out_text(cjk, 45, m);
    REQUIRE(c.lines.size() == 3);
    CHECK(visual(cjk, c.lines[0]) == "你|好|，|世");

    const std::string wide = "abcdefghijklmnopqrstuvwxyz";
    const TextLayout w = lay_out_text(wide, 100, m);
    REQUIRE(w.lines.size() == 3);
    CHECK(visual(wide, w.lines[0]) == "abcdefghij");
    CHECK(visual(wide, w.lines[2]) == "uvwxyz");
}

TEST_CASE("paragraphs, links as their own runs, and ranges that cover the text") {
    Monospace m;
    const std::string text = "first\n\nsee https://example.com/a. now";
    const TextLayout t = lay_out_text(text, 1000, m);
    REQUIRE(t.lines.size() == 3);
    CHECK(t.lines[1].runs.empty());
    CHECK(t.lines[1].begin == 6);
    CHECK(visual(text, t.lines[2]) == "see|https://example.com/a|.|now");
    CHECK(t.lines[2].runs[1].link == 0);
    CHECK(t.lines[2].runs[2].link == -1);
    // The full stop is glued to the link: no gap between them.
    CHECK(t.lines[2].runs[2].x == Approx(t.lines[2].runs[1].x + t.lines[2].runs[1].width));
    REQUIRE(t.links.size() == 1);
    CHECK(text.substr(t.links[0].begin, t.links[0].end - t.links[0].begin) == "https://example.com/a");
}

TEST_CASE("emoji sequences and combining marks stay in one piece") {
    Monospace m;
    const std::string text = "👨‍👩‍👧 e\u0301 🇫🇷 1\uFE0F\u20E3";
    const TextLayout t = lay_out_text(text, 1000, m);
    REQUIRE(t.lines.size() == 1);
    CHECK(visual(text, t.lines[0]) == "👨‍👩‍👧|e\u0301|🇫🇷|1\uFE0F\u20E3");
}
