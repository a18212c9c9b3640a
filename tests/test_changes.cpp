// Protocol 2's changes of a post, as the chat applies them over a real store: edit, delete,
// react and reply; who may make them; what changes nothing; a resend; and exact catch-up of
// every change in `joined.updates`, across a restart.
#include <catch2/catch.hpp>

#include "support/error_of.hpp"
#include "support/world.hpp"

using namespace chitchat;
using namespace chitchat::proto;
using test::error_of;
using test::World;

namespace {

constexpr const char* general = "General Talk";

// Zoë and Иван in General Talk on version 2, Old Bob there on version 1; Zoë posted "hello" (id 1).
struct Room : World {
    std::shared_ptr<test::FakePeer> zoe = named('a', "Zoë", 2);
    std::shared_ptr<test::FakePeer> ivan = named('b', "Иван", 2);
    std::shared_ptr<test::FakePeer> bob = named('c', "Old Bob", 1);
    Room() {
        ask(zoe, Send{general, "hello", "s1", {}});
        for (auto* p : {&zoe, &ivan, &bob}) (*p)->take();
    }
    std::string user_id(char sid) {
        auto s = storage->database().prepare("SELECT user_id FROM users WHERE sid = ?1");
        s.bind(1, std::string(32, sid));
        REQUIRE(s.step());
        return s.text(0);
    }
};

}  // namespace

TEST_CASE("an edit takes the next entry id and reaches the channel's version-2 connections") {
    Room r;
    r.ask(r.zoe, Edit{general, 1, "hello, world", "e1"});
    const auto mine = r.zoe->only<Update>();
    REQUIRE(mine);
    CHECK(mine->id == 2);
    CHECK(mine->client_id == std::optional<std::string>("e1"));
    CHECK(mine->message.id == 1);
    CHECK(mine->message.body == "hello, world");
    REQUIRE(mine->message.edited_ts);
    CHECK_FALSE(mine->message.client_id);
    const auto theirs = r.ivan->only<Update>();
    REQUIRE(theirs);
    CHECK(theirs->id == 2);
    CHECK_FALSE(theirs->client_id);
    CHECK(theirs->message == mine->message);
    CHECK(r.bob->frames.empty());  // version 1 is sent posts only

    r.ask(r.zoe, Send{general, "next", "s2", {}});
    CHECK(r.zoe->only<NewMessage>()->message.id == 3);  // ids are entries: 2 was the edit
    r.ivan->take();
    const auto v1 = r.bob->only<NewMessage>();
    REQUIRE(v1);
    CHECK(v1->message.id == 3);  // version 1 sees ids skip
    r.ask(r.bob, Join{general, std::nullopt});
    const auto joined = r.bob->only<Joined>();
    REQUIRE(joined->messages.size() == 2);
    CHECK(joined->messages[0].body == "hello, world");  // posts in their current state
    CHECK_FALSE(joined->messages[0].edited_ts);
}

TEST_CASE("only the sender edits or deletes; the post must be retained; the body follows send's rules") {
    Room r;
    r.ask(r.ivan, Edit{general, 1, "mine now", "e1"});
    auto e = error_of(r.ivan);
    CHECK(e.code == ErrorCode::forbidden);
    CHECK(e.ref == std::optional<std::string>("edit"));
    CHECK(e.client_id == std::optional<std::string>("e1"));
    r.ask(r.ivan, Delete{general, 1, "d1"});
    CHECK(error_of(r.ivan).code == ErrorCode::forbidden);
    CHECK(r.zoe->frames.empty());  // nothing changed
    r.ask(r.zoe, Edit{general, 9, "nope", "e2"});
    CHECK(error_of(r.zoe).code == ErrorCode::no_such_message);
    r.ask(r.zoe, Edit{"nowhere", 1, "nope", "e3"});
    CHECK(error_of(r.zoe).code == ErrorCode::no_such_channel);
    r.ask(r.zoe, Edit{general, 1, "   ", "e4"});
    CHECK(error_of(r.zoe).code == ErrorCode::invalid_body);
    r.ask(r.zoe, Edit{general, 1, std::string(2001, 'x'), "e5"});
    CHECK(error_of(r.zoe).code == ErrorCode::invalid_body);
    r.ask(r.bob, Edit{general, 1, "v1", "e6"});
    CHECK(error_of(r.bob).code == ErrorCode::unknown_type);

    // Out of the 100 retained: no_such_message, even for its sender.
    for (int i = 0; i < 100; ++i) r.ask(r.ivan, Send{general, "filler", "f" + std::to_string(i), {}});
    r.zoe->take();
    r.ask(r.zoe, Edit{general, 1, "too late", "e7"});
    CHECK(error_of(r.zoe).code == ErrorCode::no_such_message);
}

TEST_CASE("a change that changes nothing takes no id and is answered to the requester alone") {
    Room r;
    r.ask(r.zoe, Edit{general, 1, "hello", "e1"});  // the same body
    auto same = r.zoe->only<Update>();
    REQUIRE(same);
    CHECK(same->id == 1);  // the post's latest change: itself
    CHECK(same->client_id == std::optional<std::string>("e1"));
    CHECK(r.ivan->frames.empty());
    r.ask(r.ivan, React{general, 1, "🎉", false, "r1"});  // not there
    CHECK(r.ivan->only<Update>()->id == 1);
    r.ask(r.ivan, React{general, 1, "🎉", true, "r2"});
    CHECK(r.ivan->only<Update>()->id == 2);
    r.zoe->take();
    r.ask(r.ivan, React{general, 1, "🎉", true, "r3"});  // already there
    const auto again = r.ivan->only<Update>();
    CHECK(again->id == 2);
    CHECK(again->message.reactions == std::vector<Reaction>{{"🎉", {r.user_id('b')}}});
    CHECK(r.zoe->frames.empty());
    r.ask(r.zoe, Send{general, "next", "s2", {}});
    CHECK(r.zoe->only<NewMessage>()->message.id == 3);
}

TEST_CASE("deleting leaves a tombstone for version 2, and version 1 never sees the post again") {
    Room r;
    const std::string upload_id = "5f2b6c1e9a0d4e3f8b7a6c5d4e3f2a1b";
    const Attachment file{upload_id, "/uploads/" + upload_id + "/cat.png", "cat.png", 4242, "image/png"};
    r.uploads.files[upload_id] = records::Upload{file, std::string(32, 'a')};
    r.ask(r.zoe, Send{general, "look, a cat", "s2", upload_id});
    r.ask(r.ivan, React{general, 2, "😻", true, "r1"});
    r.ask(r.ivan, Send{general, "so cute", "s3", {}, 2});
    for (auto* p : {&r.zoe, &r.ivan, &r.bob}) (*p)->take();

    r.ask(r.zoe, Delete{general, 2, "d1"});
    const auto mine = r.zoe->only<Update>();
    REQUIRE(mine);
    CHECK(mine->id == 5);
    CHECK(mine->message.deleted);
    CHECK(mine->message.body.empty());
    CHECK_FALSE(mine->message.attachment);
    CHECK(mine->message.reactions.empty());
    CHECK(r.ivan->only<Update>()->message.deleted);
    CHECK(r.uploads.files.count(upload_id) == 0);  // its file went once the deletion was committed

    r.ask(r.zoe, Delete{general, 2, "d2"});  // a second delete changes nothing
    CHECK(r.zoe->only<Update>()->id == 5);
    r.ask(r.zoe, Edit{general, 2, "back", "e1"});
    CHECK(error_of(r.zoe).code == ErrorCode::no_such_message);
    r.ask(r.ivan, React{general, 2, "👍", true, "r2"});
    CHECK(error_of(r.ivan).code == ErrorCode::no_such_message);
    r.ask(r.ivan, Send{general, "reply to nothing", "s4", {}, 2});
    CHECK(error_of(r.ivan).code == ErrorCode::no_such_message);

    r.ask(r.ivan, Join{general, std::nullopt});
    const auto v2 = r.ivan->only<Joined>();
    REQUIRE(v2->messages.size() == 3);
    CHECK(v2->messages[1].deleted);
    CHECK(v2->messages[2].reply_to->body == "look, a cat");  // a reply keeps its quote
    r.ask(r.bob, Join{general, std::nullopt});
    const auto v1 = r.bob->only<Joined>();
    REQUIRE(v1->messages.size() == 2);
    CHECK(v1->messages[0].id == 1);
    CHECK(v1->messages[1].id == 4);
    CHECK_FALSE(v1->messages[1].reply_to);

    r.restart();
    auto bob = r.named('c', "Old Bob", 1);
    r.ask(bob, Join{general, std::nullopt});
    CHECK(bob->only<Joined>()->messages.size() == 2);
    auto ivan = r.named('b', "Иван", 2);
    r.ask(ivan, Join{general, std::nullopt});
    const auto after_restart = ivan->only<Joined>();
    REQUIRE(after_restart->messages.size() == 3);
    CHECK(after_restart->messages[1].deleted);
    CHECK(after_restart->last_id == 5);
    auto row = r.storage->database().prepare("SELECT body, attachment IS NULL, deleted FROM posts WHERE id = 2");
    REQUIRE(row.step());
    CHECK(row.text(0).empty());
    CHECK(row.integer(1) == 1);
    CHECK(row.integer(2) == 1);
}

TEST_CASE("a deleted post is gone from the database and from search; an edited one is found by its new body") {
    Room r;
    r.ask(r.zoe, Send{general, "secret plans for the picnic", "s2", {}});
    r.ask(r.zoe, Send{general, "typo in the pikcnic", "s3", {}});
    r.hub->maintain();
    r.ask(r.zoe, Delete{general, 2, "d1"});
    r.ask(r.zoe, Edit{general, 3, "no typo in the picnic", "e1"});
    r.zoe->take();
    auto row = r.storage->database().prepare("SELECT body, deleted FROM posts WHERE id = 2");
    REQUIRE(row.step());
    CHECK(row.text(0).empty());
    CHECK(row.integer(1) == 1);
    r.ask(r.zoe, Search{"picnic", std::nullopt, std::nullopt, std::nullopt});
    const auto found = r.zoe->only<SearchResults>();
    REQUIRE(found->results.size() == 1);
    CHECK(found->results[0].id == 3);
    CHECK(found->results[0].edited_ts);
    r.ask(r.zoe, Search{"secret", std::nullopt, std::nullopt, std::nullopt});
    CHECK(r.zoe->only<SearchResults>()->results.empty());
    r.ask(r.zoe, Search{"pikcnic", std::nullopt, std::nullopt, std::nullopt});
    CHECK(r.zoe->only<SearchResults>()->results.empty());
    r.ask(r.zoe, History{general, std::nullopt, std::nullopt, std::nullopt});
    const auto page = r.zoe->only<HistoryPage>();
    REQUIRE(page->messages.size() == 3);
    CHECK(page->messages[1].deleted);
    CHECK(page->messages[1].body.empty());
}

TEST_CASE("reactions: one emoji each, at most 20 on a post, users in order, anyone in the channel") {
    Room r;
    r.ask(r.ivan, React{general, 1, "👍🏽", true, "r1"});
    const auto u = r.ivan->only<Update>();
    REQUIRE(u);
    REQUIRE(u->message.reactions.size() == 1);
    CHECK(u->message.reactions[0].emoji == "👍🏽");
    CHECK(u->message.reactions[0].users == std::vector<std::string>{r.user_id('b')});
    r.zoe->take();
    r.ask(r.zoe, React{general, 1, "👍🏽", true, "r1"});  // a client_id is per session
    CHECK(r.zoe->only<Update>()->id == 3);
    r.ivan->take();
    for (const char* bad : {"", "ok", "👍👍", "👍 "}) {
        r.ask(r.ivan, React{general, 1, bad, true, std::string("bad") + bad});
        CHECK(error_of(r.ivan).code == ErrorCode::invalid_emoji);
    }
    const char* more[] = {"😀", "😁", "😂", "🤣", "😃", "😄", "😅", "😆", "😉", "😊",
                          "😋", "😎", "😍", "😘", "🥰", "😗", "😙", "😚", "🙂"};
    for (const char* e : more) r.ask(r.ivan, React{general, 1, e, true, std::string("m") + e});
    r.ivan->take();
    r.ask(r.ivan, React{general, 1, "🎉", true, "m21"});
    CHECK(error_of(r.ivan).code == ErrorCode::too_large);
    r.zoe->take();
    r.ask(r.zoe, Join{general, std::nullopt});
    const auto j = r.zoe->only<Joined>();
    REQUIRE(j->messages[0].reactions.size() == 20);
    CHECK(j->messages[0].reactions[0].users == std::vector<std::string>{r.user_id('b'), r.user_id('a')});
}

TEST_CASE("a reply quotes the answered post; version 1 sends no reply_to") {
    Room r;
    r.ask(r.ivan, Send{general, "hi Zoë", "s1", {}, 1});
    const auto reply = r.ivan->only<NewMessage>();
    REQUIRE(reply->message.reply_to);
    CHECK(reply->message.reply_to->id == 1);
    CHECK(reply->message.reply_to->sender == "Zoë");
    CHECK(reply->message.reply_to->body == "hello");
    CHECK(reply->message.reply_to->sender_id == r.user_id('a'));
    CHECK_FALSE(r.bob->only<NewMessage>()->message.reply_to);
    r.ask(r.ivan, Send{general, "to nothing", "s2", {}, 99});
    const auto e = error_of(r.ivan);
    CHECK(e.code == ErrorCode::no_such_message);
    CHECK(e.client_id == std::optional<std::string>("s2"));
    r.ask(r.bob, Send{general, "v1 ignores it", "b1", {}, 99});  // version 1 never knew reply_to
    CHECK_FALSE(r.bob->only<NewMessage>()->message.reply_to);
}

TEST_CASE("a resend of a change is answered with the post as it is now, never applied twice") {
    Room r;
    r.ask(r.zoe, Edit{general, 1, "first edit", "e1"});
    r.ask(r.zoe, Edit{general, 1, "second edit", "e2"});
    r.ivan->take();
    r.zoe->take();
    r.ask(r.zoe, Edit{general, 1, "first edit", "e1"});  // the outbox again, after a reconnect
    const auto again = r.zoe->only<Update>();
    REQUIRE(again);
    CHECK(again->id == 3);
    CHECK(again->message.body == "second edit");
    CHECK(again->client_id == std::optional<std::string>("e1"));
    CHECK(r.ivan->frames.empty());
    r.ask(r.ivan, React{general, 1, "👍", true, "r1"});
    r.ask(r.ivan, React{general, 1, "👍", false, "r2"});
    r.restart();
    auto ivan = r.named('b', "Иван", 2);
    r.ask(ivan, React{general, 1, "👍", true, "r1"});  // across a restart too
    const auto after_restart = ivan->only<Update>();
    REQUIRE(after_restart);
    CHECK(after_restart->id == 5);
    CHECK(after_restart->message.reactions.empty());
}

TEST_CASE("joined.updates brings each changed post once, in its current state, across a restart") {
    Room r;
    for (int i = 2; i <= 5; ++i) r.ask(r.zoe, Send{general, "post " + std::to_string(i), "s" + std::to_string(i), {}});
    r.ask(r.ivan, Join{general, std::nullopt});
    const std::uint64_t seen = *r.ivan->only<Joined>()->last_id;  // Иван goes offline at 5
    CHECK(seen == 5);
    r.ask(r.zoe, Edit{general, 2, "post 2, edited", "e1"});   // 6
    r.ask(r.zoe, Edit{general, 2, "post 2, again", "e2"});    // 7
    r.ask(r.zoe, Delete{general, 3, "d1"});                   // 8
    r.ask(r.zoe, React{general, 4, "🔥", true, "r1"});         // 9
    r.ask(r.zoe, Send{general, "post 10", "s10", {}});        // 10
    r.ask(r.zoe, Edit{general, 10, "post 10, edited", "e3"}); // 11
    r.restart();
    auto ivan = r.named('b', "Иван", 2);
    r.ask(ivan, Join{general, seen});
    const auto j = ivan->only<Joined>();
    REQUIRE(j);
    CHECK(j->last_id == 11);
    CHECK(j->gap == 0);
    REQUIRE(j->messages.size() == 1);
    CHECK(j->messages[0].body == "post 10, edited");  // newer than `after`: in messages, not updates
    REQUIRE(j->updates);
    REQUIRE(j->updates->size() == 3);
    CHECK((*j->updates)[0].id == 2);
    CHECK((*j->updates)[0].body == "post 2, again");
    CHECK((*j->updates)[1].id == 3);
    CHECK((*j->updates)[1].deleted);
    CHECK((*j->updates)[2].id == 4);
    CHECK((*j->updates)[2].reactions.size() == 1);
    r.ask(ivan, Join{general, 11});
    const auto current = ivan->only<Joined>();
    CHECK(current->messages.empty());
    CHECK(current->updates->empty());
}

TEST_CASE("joined.gap counts the posts missed past the 100, not the changes between them") {
    Room r;  // post 1
    r.ask(r.zoe, Edit{general, 1, "edit", "e1"});  // 2
    r.ask(r.zoe, React{general, 1, "👍", true, "r1"});  // 3
    for (int i = 0; i < 110; ++i) r.ask(r.zoe, Send{general, "p", "p" + std::to_string(i), {}});  // 4-113
    r.restart();
    auto ivan = r.named('b', "Иван", 2);
    r.ask(ivan, Join{general, 0});
    const auto j = ivan->only<Joined>();
    REQUIRE(j->messages.size() == 100);
    CHECK(j->messages.front().id == 14);
    CHECK(j->gap == 11);  // posts 1 and 4-13; entries 2 and 3 were changes
}

TEST_CASE("edits, deletions and reactions count toward the rate limit of send") {
    World w;
    w.options.rate = {3, 60000};
    w.restart();
    auto zoe = w.named('a', "Zoë", 2);
    w.ask(zoe, Send{general, "one", "s1", {}});
    w.ask(zoe, Edit{general, 1, "one!", "e1"});
    w.ask(zoe, React{general, 1, "👍", true, "r1"});
    zoe->take();
    w.ask(zoe, Delete{general, 1, "d1"});
    const auto e = error_of(zoe);
    CHECK(e.code == ErrorCode::rate_limited);
    CHECK(e.ref == std::optional<std::string>("delete"));
    w.ask(zoe, Send{general, "two", "s2", {}});
    CHECK(error_of(zoe).code == ErrorCode::rate_limited);
}

TEST_CASE("a change needs no join: the requester is answered wherever it is; a post with a file may lose its text") {
    Room r;
    const std::string upload_id = "5f2b6c1e9a0d4e3f8b7a6c5d4e3f2a1b";
    r.uploads.files[upload_id] = records::Upload{
        Attachment{upload_id, "/uploads/" + upload_id + "/a.png", "a.png", 10, "image/png"}, std::string(32, 'a')};
    r.ask(r.zoe, Send{general, "a cat", "s2", upload_id});
    r.ask(r.ivan, CreateChannel{"café"});  // Иван is elsewhere now
    for (auto* p : {&r.zoe, &r.ivan, &r.bob}) (*p)->take();
    r.ask(r.ivan, React{general, 2, "😻", true, "r1"});
    const auto answer = r.ivan->only<Update>();
    REQUIRE(answer);
    CHECK(answer->client_id == std::optional<std::string>("r1"));
    CHECK(r.zoe->only<Update>()->message.reactions.size() == 1);  // the channel's connections hear of it
    r.ask(r.zoe, Edit{general, 2, "  ", "e1"});
    const auto emptied = r.zoe->only<Update>();
    REQUIRE(emptied);
    CHECK(emptied->message.body.empty());
    CHECK(emptied->message.attachment);
    CHECK(r.ivan->frames.empty());  // not in the channel: not told of others' changes
}
