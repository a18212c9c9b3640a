#include <catch2/catch.hpp>

#include "chitchat/search_terms.hpp"
#include "chitchat/text.hpp"

using namespace chitchat::text;

TEST_CASE("UTF-8 validity") {
    CHECK(is_valid_utf8(""));
    CHECK(is_valid_utf8("Zoë Иван 🙂"));
    CHECK_FALSE(is_valid_utf8("\xC3"));                 // truncated sequence
    CHECK_FALSE(is_valid_utf8("\xC0\xAF"));             // overlong '/'
    CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));         // surrogate U+D800
    CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));     // above U+10FFFF
    CHECK_FALSE(is_valid_utf8("\xFF"));
    CHECK_FALSE(is_valid_utf8("ok\x80"));               // stray continuation byte
}

TEST_CASE("code points are counted, not bytes") {
    CHECK(count_chars("Zoë") == 3);
    CHECK(count_chars("Иван") == 4);
    CHECK(count_chars("🙂🙂") == 2);
    CHECK(truncate_chars("Иван", 2) == "Ив");
    CHECK(truncate_chars("ab", 5) == "ab");
}

TEST_CASE("control characters") {
    CHECK(has_control_chars(std::string("a\0b", 3)));
    CHECK(has_control_chars("a\tb"));
    CHECK(has_control_chars("a\x7F"));
    CHECK(has_control_chars("a\xC2\x85"));              // U+0085, a C1 control
    CHECK_FALSE(has_control_chars("Zoë 🙂"));
}

TEST_CASE("trimming and collapsing white space") {
    CHECK(trim("  a b \t\n") == "a b");
    CHECK(trim("\xC2\xA0x\xE3\x80\x80") == "x");        // no-break space, ideographic space
    CHECK(trim("   ").empty());
    CHECK(collapse_spaces("  General \t  Talk  ") == "General Talk");
    CHECK(collapse_spaces("a\xC2\xA0\xC2\xA0" "b") == "a b");
}

TEST_CASE("case folding covers Latin, Greek and Cyrillic") {
    CHECK(fold_case("General Talk") == fold_case("general TALK"));
    CHECK(fold_case("CAFÉ") == "café");
    CHECK(fold_case("ИВАН") == "иван");
    CHECK(fold_case("ΣΟΦΊΑ") == fold_case("σοφία"));
    CHECK(fold_case("ŁÓDŹ") == "łódź");
    CHECK(fold_case("日本") == "日本");
}

TEST_CASE("code points and back") {
    CHECK(to_code_points("Zoë🙂") == U"Zoë🙂");
    CHECK(to_code_points("a\xFF" "b") == U"a\uFFFDb");
    CHECK(to_utf8(U"Иван 🙂") == "Иван 🙂");
}

TEST_CASE("search highlights: words as prefixes, phrases, case and accents ignored") {
    using chitchat::search_highlights;
    using chitchat::TextRange;
    const std::string body = "Le Café de Flore, CAFE au lait; caféine!";
    const auto cafe = search_highlights(body, "caf");
    REQUIRE(cafe.size() == 3);
    CHECK(body.substr(cafe[0].begin, cafe[0].end - cafe[0].begin) == "Café");
    CHECK(body.substr(cafe[1].begin, cafe[1].end - cafe[1].begin) == "CAFE");
    CHECK(body.substr(cafe[2].begin, cafe[2].end - cafe[2].begin) == "caféine");
    const auto phrase = search_highlights(body, "\"café de flore\"");
    REQUIRE(phrase.size() == 1);
    CHECK(body.substr(phrase[0].begin, phrase[0].end - phrase[0].begin) == "Café de Flore");
    CHECK(search_highlights(body, "\"de café\"").empty());
    CHECK(search_highlights("Привет, МИР", "мир") == std::vector<TextRange>{{14, 20}});
    CHECK(search_highlights("nothing here", "absent").empty());
    CHECK(search_highlights("anything", "").empty());
}
