// The shared model of protocol 2's changes: which text is one emoji, how an edit, a deletion
// and a reaction change a post, and the channel in which every change takes the next entry id.
#include <catch2/catch.hpp>

#include "chitchat/emoji.hpp"
#include "chitchat/history.hpp"
#include "chitchat/post_changes.hpp"
#include "chitchat/validation.hpp"

using namespace chitchat;

namespace {

Message post(std::uint64_t id, std::string body = "hello") {
    Message m;
    m.id = id;
    m.channel = "General Talk";
    m.sender = "Zoë";
    m.sender_id = "0123456789abcdef";
    m.body = std::move(body);
    m.ts = 1764151200000 + static_cast<std::int64_t>(id);
    return m;
}

}  // namespace

TEST_CASE("a reaction is one emoji as people see it, however many code points it takes") {
    for (const char* one : {"👍", "❤️", "❤", "👍🏽", "👨‍👩‍👧‍👦", "👩🏽‍💻", "🏳️‍🌈", "🇫🇷", "🇯🇵", "1️⃣", "#⃣", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "©️", "☺", "🫠"})
        CHECK(emoji::is_one_emoji(one));
    for (const char* not_one : {"", "a", "ab", "👍👍", "👍a", "a👍", "🇫", "🇫🇷🇩🇪", "1", "🏽", "\u200d👍", "👍\u200d", "é", "💻‍"})
        CHECK_FALSE(emoji::is_one_emoji(not_one));
    CHECK(validate_emoji("👨‍👩‍👧‍👦"));  // seven code points
    CHECK(validate_emoji("🏴󠁧󠁢󠁳󠁣󠁴󠁿"));  // seven code points: a subdivision flag
    CHECK(validate_emoji("👍").value() == "👍");
    CHECK(validate_emoji("🧑🏻‍❤️‍💋‍🧑🏼"));  // ten code points, the most there may be
}

TEST_CASE("invalid emoji: too long, not UTF-8, or not an emoji") {
    CHECK(validate_emoji("\xff").error().code == ErrorCode::invalid_emoji);
    CHECK(validate_emoji("ok").error().code == ErrorCode::invalid_emoji);
    // Eleven code points: five pictographs joined by four ZWJs, and two VS16.
    CHECK(validate_emoji("❤️‍❤️‍👍‍👍‍👍").error().code == ErrorCode::invalid_emoji);
    CHECK(emoji::is_one_emoji("❤️‍❤️‍👍‍👍‍👍"));  // a valid sequence, only too long
}

TEST_CASE("an edit changes the body and sets edited_ts; the same body changes nothing") {
    const Message p = post(3);
    CHECK_FALSE(changes::edited(p, "hello", 99));
    const auto next = changes::edited(p, "hello, world", 99);
    REQUIRE(next);
    CHECK(next->body == "hello, world");
    CHECK(next->edited_ts == 99);
    CHECK(next->id == 3);
    CHECK(next->ts == p.ts);
}

TEST_CASE("a deletion leaves a tombstone without body, attachment, reply or reactions; a second changes nothing") {
    Message p = post(3);
    p.attachment = Attachment{"5f2b6c1e9a0d4e3f8b7a6c5d4e3f2a1b", "/uploads/5f2b6c1e9a0d4e3f8b7a6c5d4e3f2a1b/cat.png",
                              "cat.png", 42, "image/png"};
    p.reply_to = ReplyTo{1, "Иван", "fedcba9876543210", "first"};
    p.reactions = {{"👍", {"fedcba9876543210"}}};
    p.edited_ts = 5;
    const auto gone = changes::deleted(p);
    REQUIRE(gone);
    CHECK(gone->deleted);
    CHECK(gone->body.empty());
    CHECK_FALSE(gone->attachment);
    CHECK_FALSE(gone->reply_to);
    CHECK(gone->reactions.empty());
    CHECK_FALSE(gone->edited_ts);
    CHECK(gone->sender_id == p.sender_id);
    CHECK_FALSE(changes::deleted(*gone));
    CHECK_FALSE(changes::edited(*gone, "back", 7));
}

TEST_CASE("reactions keep the order each emoji was first added, and users the order they reacted") {
    Message p = post(3);
    const auto react = [&](const char* emoji, const char* user, bool on) {
        auto next = changes::reacted(p, emoji, user, on);
        REQUIRE(next);
        if (*next) p = std::move(**next);
        return next->has_value();
    };
    CHECK(react("👍", "a", true));
    CHECK(react("❤️", "b", true));
    CHECK(react("👍", "b", true));
    CHECK_FALSE(react("👍", "a", true));   // already there: nothing changes
    CHECK_FALSE(react("🎉", "a", false));  // not there: nothing changes
    CHECK(p.reactions == std::vector<Reaction>{{"👍", {"a", "b"}}, {"❤️", {"b"}}});
    CHECK(react("👍", "a", false));
    CHECK(react("👍", "a", true));  // back at the end of the users
    CHECK(p.reactions == std::vector<Reaction>{{"👍", {"b", "a"}}, {"❤️", {"b"}}});
    CHECK(react("❤️", "b", false));  // its last user: the emoji goes
    CHECK(p.reactions == std::vector<Reaction>{{"👍", {"b", "a"}}});
}

TEST_CASE("at most 20 different emoji on one post; more users of one of them is fine") {
    Message p = post(3);
    const char* twenty[] = {"😀", "😁", "😂", "🤣", "😃", "😄", "😅", "😆", "😉", "😊",
                            "😋", "😎", "😍", "😘", "🥰", "😗", "😙", "😚", "🙂", "🤗"};
    for (const char* e : twenty) p = *changes::reacted(p, e, "a", true).value();
    CHECK(p.reactions.size() == 20);
    CHECK(changes::reacted(p, "🎉", "a", true).error().code == ErrorCode::too_large);
    CHECK(changes::reacted(p, "😀", "b", true).value());
}

TEST_CASE("a reply quotes the sender and the first 200 code points") {
    Message p = post(3, std::string(150, 'a') + std::string(100, 'e') + "é");
    const ReplyTo q = changes::quote(p);
    CHECK(q.id == 3);
    CHECK(q.sender == "Zoë");
    CHECK(q.sender_id == p.sender_id);
    CHECK(q.body == std::string(150, 'a') + std::string(50, 'e'));
    p.body = "✓ short";
    CHECK(changes::quote(p).body == "✓ short");
}

TEST_CASE("every change takes the next entry id; updates after N are the retained posts changed since") {
    ChannelHistory h(3);
    for (int i = 0; i < 4; ++i) h.append(post(0, "post " + std::to_string(i)));  // ids 1-4, 2-4 retained
    CHECK(h.find(1) == nullptr);
    REQUIRE(h.find(3));
    Message edited = *h.find(3);
    edited.body = "post 2, fixed";
    const Message& now = h.apply(edited);
    CHECK(now.changed_id == 5);
    CHECK(h.last_id() == 5);
    CHECK(h.find(3)->body == "post 2, fixed");
    h.append(post(0, "post 5"));  // id 6: post 2 (id 2) leaves
    CHECK(h.find(2) == nullptr);

    CHECK(h.changed_after(4) == std::vector<Message>{*h.find(3)});  // edited after 4
    CHECK(h.changed_after(5).empty());
    CHECK(h.changed_after(2).empty());  // post 3 is newer than 2: it comes in `messages` instead
    const auto slice = h.after(4);
    REQUIRE(slice.messages.size() == 1);
    CHECK(slice.messages[0].id == 6);

    // Taken back (its commit failed): the post as it was, and the id free again.
    h.discard_from(6);
    Message before = *h.find(3);
    before.body = "post 2";
    h.revert(5, before);
    CHECK(h.last_id() == 4);
    CHECK(h.find(3)->body == "post 2");
    CHECK(h.changed_after(2).empty());
}

TEST_CASE("a restored channel resumes after its newest entry, and a gap spans the ids missed") {
    ChannelHistory h(2);
    Message a = post(7);
    a.changed_id = 9;  // edited by entry 9
    h.restore(a);
    h.restore(post(8));
    h.resume_at(11);  // entries 10 and 11 changed older posts
    CHECK(h.last_id() == 11);
    CHECK(h.append(post(0)).id == 12);
    CHECK(h.find(8)->changed_id == 8);
    const auto span = h.gap_span(3);
    CHECK(span.after == 3);
    CHECK(span.first == 8);
    CHECK(h.after(3).gap == 4);  // ids 4-7: the chat takes away those that were changes
}
