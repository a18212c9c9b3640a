#include <catch2/catch.hpp>

#include "chitchat/validation.hpp"

using namespace chitchat;

namespace {
std::string repeat(std::string_view piece, int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += piece;
    return s;
}
}  // namespace

TEST_CASE("display names") {
    SECTION("trimmed, Unicode welcome") {
        CHECK(validate_display_name("  Zoë  ").value() == "Zoë");
        CHECK(validate_display_name("Иван").value() == "Иван");
        CHECK(validate_display_name("🙂 party").value() == "🙂 party");
    }
    SECTION("32 characters pass, 33 do not, counted in code points") {
        CHECK(validate_display_name(repeat("a", 32)).ok());
        CHECK(validate_display_name(repeat("ж", 32)).ok());
        const auto long_name = validate_display_name(repeat("ж", 33));
        REQUIRE_FALSE(long_name.ok());
        CHECK(long_name.error().code == ErrorCode::invalid_name);
        CHECK(validate_display_name(" " + repeat("a", 32) + " ").ok());
    }
    SECTION("empty, blank, control characters, invalid UTF-8") {
        for (std::string bad : {std::string(""), std::string("   "), std::string("a\tb"), std::string("a\nb"),
                                std::string("a\0b", 3), std::string("bell\x07"), std::string("\xC3\x28")}) {
            const auto r = validate_display_name(bad);
            REQUIRE_FALSE(r.ok());
            CHECK(r.error().code == ErrorCode::invalid_name);
            CHECK_FALSE(r.error().message.empty());
        }
    }
}

TEST_CASE("channel names") {
    SECTION("trimmed and collapsed") {
        CHECK(validate_channel_name("  café   au \t lait ").value() == "café au lait");
    }
    SECTION("40 characters pass, 41 do not") {
        CHECK(validate_channel_name(repeat("é", 40)).ok());
        const auto r = validate_channel_name(repeat("é", 41));
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::invalid_channel_name);
    }
    SECTION("empty, control characters, invalid UTF-8") {
        for (std::string bad : {std::string(" \t "), std::string("a\x01"), std::string("\xFF")}) {
            const auto r = validate_channel_name(bad);
            REQUIRE_FALSE(r.ok());
            CHECK(r.error().code == ErrorCode::invalid_channel_name);
        }
    }
    SECTION("uniqueness is case-insensitive and ignores spacing") {
        CHECK(channel_key("General talk") == channel_key("General Talk"));
        CHECK(channel_key("  general   TALK ") == channel_key("General Talk"));
        CHECK(channel_key("Café") == channel_key("CAFÉ"));
        CHECK(channel_key("General") != channel_key("General Talk"));
    }
}

TEST_CASE("message bodies") {
    CHECK(validate_body("hello", false).value() == "hello");
    CHECK(validate_body("line one\nline two", false).ok());
    CHECK(validate_body(repeat("🙂", 2000), false).ok());
    SECTION("too long") {
        const auto r = validate_body(repeat("a", 2001), false);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::invalid_body);
    }
    SECTION("empty or only white space counts as empty") {
        CHECK(validate_body("", false).error().code == ErrorCode::invalid_body);
        CHECK(validate_body(" \n\t ", false).error().code == ErrorCode::invalid_body);
    }
    SECTION("an attachment may come without a body") {
        CHECK(validate_body("", true).value().empty());
        CHECK(validate_body("   ", true).value().empty());
        CHECK(validate_body("look", true).value() == "look");
    }
    SECTION("invalid UTF-8") {
        CHECK(validate_body("\xC3\x28", false).error().code == ErrorCode::invalid_body);
    }
}
