// What the chat relies on from any store: the suite every Storage implementation must pass.
// Each implementation is one factory below; a second store (PostgreSQL) adds its own.
#include <catch2/catch.hpp>

#include <memory>

#include "chitchat/limits.hpp"
#include "store/sqlite_storage.hpp"
#include "support/temp_dir.hpp"

using namespace chitchat;
using namespace chitchat::server;

namespace {

struct SqliteFactory {
    test::TempDir dir;
    std::unique_ptr<Storage> open() { return std::make_unique<SqliteStorage>(dir.path() / "chitchat.db"); }
};

const std::string zoe(32, 'a'), ivan(32, 'b');

records::Posted post(const records::Channel& channel, std::uint64_t id, const std::string& owner, std::string body,
                     std::optional<std::string> client_id = std::nullopt) {
    records::Posted p;
    p.message.id = id;
    p.message.changed_id = id;  // never changed: its latest change is itself
    p.message.channel = channel.name;
    p.message.sender = owner == zoe ? "Zoë" : "Иван";
    p.message.body = std::move(body);
    p.message.ts = 1764151300000 + static_cast<std::int64_t>(id);
    p.message.client_id = std::move(client_id);
    p.owner = owner;
    return p;
}

}  // namespace

TEMPLATE_TEST_CASE("a new store holds nothing", "[storage]", SqliteFactory) {
    TestType factory;
    const Snapshot s = factory.open()->load();
    CHECK(s.channels.empty());
    CHECK(s.sessions.empty());
}

TEMPLATE_TEST_CASE("a store keeps channels in creation order and their posts exactly", "[storage]", SqliteFactory) {
    TestType factory;
    const records::Channel general{0, "General Talk"}, cafe{1, "café"}, later{2, "Ünïcödé 🎉"};
    records::Posted with_file = post(cafe, 2, ivan, "", "c-2");
    with_file.message.attachment = Attachment{"5f2b6c1e9a0d4e3f8b7a6c5d4e3f2a1b", "/uploads/5f2b6c1e9a0d4e3f8b7a6c5d4e3f2a1b/a b.png",
                                              "a b.png", 1234, "image/png"};
    {
        auto store = factory.open();
        store->add_channel(general);
        store->add_channel(later);
        store->add_channel(cafe);
        CHECK_FALSE(store->append(cafe, post(cafe, 1, zoe, "Bonjour à tous,\nпривет!", "c-1")));
        CHECK_FALSE(store->append(cafe, with_file));
        CHECK_FALSE(store->append(general, post(general, 1, ivan, "hi")));
        store->save_session({zoe, "Zoë", "café"});
        store->save_session({ivan, std::nullopt, "General Talk"});
        store->commit();
        CHECK_FALSE(store->pending());
    }
    const Snapshot s = factory.open()->load();
    REQUIRE(s.channels.size() == 3);
    CHECK(s.channels[0].channel == general);
    CHECK(s.channels[1].channel == cafe);
    CHECK(s.channels[2].channel == later);
    REQUIRE(s.channels[1].messages.size() == 2);
    CHECK(s.channels[1].messages[0] == post(cafe, 1, zoe, "Bonjour à tous,\nпривет!", "c-1"));
    CHECK(s.channels[1].messages[1] == with_file);
    CHECK(s.channels[0].messages == std::vector{post(general, 1, ivan, "hi")});
    CHECK(s.channels[2].messages.empty());
    auto sessions = s.sessions;
    std::sort(sessions.begin(), sessions.end(), [](const auto& a, const auto& b) { return a.sid < b.sid; });
    CHECK(sessions == std::vector<records::Session>{{zoe, "Zoë", "café"}, {ivan, std::nullopt, "General Talk"}});
}

TEMPLATE_TEST_CASE("a session saved again replaces what was saved", "[storage]", SqliteFactory) {
    TestType factory;
    {
        auto store = factory.open();
        store->save_session({zoe, std::nullopt, "General Talk"});
        store->save_session({zoe, "Zoë", "café"});
        store->commit();
    }
    CHECK(factory.open()->load().sessions == std::vector<records::Session>{{zoe, "Zoë", "café"}});
}

TEMPLATE_TEST_CASE("a store starts from the newest posts of each channel, all of them kept", "[storage]", SqliteFactory) {
    TestType factory;
    const records::Channel general{0, "General Talk"};
    const std::uint64_t total = limits::history + 150;
    {
        auto store = factory.open();
        store->add_channel(general);
        for (std::uint64_t id = 1; id <= total; ++id)
            store->append(general, post(general, id, zoe, "post " + std::to_string(id), "c" + std::to_string(id)));
        store->commit();
    }
    auto store = factory.open();
    const auto messages = store->load().channels.at(0).messages;
    REQUIRE(messages.size() == limits::history);
    CHECK(messages.front().message.id == total - limits::history + 1);
    CHECK(messages.back().message.id == total);
    // The oldest is still there: a resend of its client_id is recognised.
    const auto original = store->append(general, post(general, total + 1, zoe, "again", "c1"));
    REQUIRE(original);
    CHECK(original->message == post(general, 1, zoe, "post 1", "c1").message);
}

TEMPLATE_TEST_CASE("a client_id is used once per session, in the whole history", "[storage]", SqliteFactory) {
    TestType factory;
    const records::Channel general{0, "General Talk"}, cafe{1, "café"};
    auto store = factory.open();
    store->add_channel(general);
    store->add_channel(cafe);
    CHECK_FALSE(store->append(general, post(general, 1, zoe, "first", "k")));
    // Before the commit, in another channel, with another body: still the original.
    const auto again = store->append(cafe, post(cafe, 1, zoe, "second", "k"));
    REQUIRE(again);
    CHECK(again->message.channel == "General Talk");
    CHECK(again->message.body == "first");
    CHECK(again->message.id == 1);
    CHECK(again->owner == zoe);
    // Another session may use the same client_id; posts without one never collide.
    CHECK_FALSE(store->append(general, post(general, 2, ivan, "mine", "k")));
    CHECK_FALSE(store->append(general, post(general, 3, ivan, "no id")));
    CHECK_FALSE(store->append(general, post(general, 4, ivan, "no id either")));
    store->commit();
    store.reset();
    auto reopened = factory.open();
    REQUIRE(reopened->append(cafe, post(cafe, 1, zoe, "after a restart", "k")));
    const auto general_posts = reopened->load().channels.at(0).messages;
    CHECK(general_posts.size() == 4);
}

TEMPLATE_TEST_CASE("a rollback leaves nothing of the transaction", "[storage]", SqliteFactory) {
    TestType factory;
    const records::Channel general{0, "General Talk"}, cafe{1, "café"};
    {
        auto store = factory.open();
        store->add_channel(general);
        store->commit();
        store->add_channel(cafe);
        store->append(general, post(general, 1, zoe, "lost", "k"));
        store->save_session({zoe, "Zoë", "café"});
        CHECK(store->pending());
        store->rollback();
        CHECK_FALSE(store->pending());
        // The client_id is free again: the resend is stored.
        CHECK_FALSE(store->append(general, post(general, 1, zoe, "kept", "k")));
        store->commit();
    }
    const Snapshot s = factory.open()->load();
    REQUIRE(s.channels.size() == 1);
    REQUIRE(s.channels[0].messages.size() == 1);
    CHECK(s.channels[0].messages[0].message.body == "kept");
    CHECK(s.sessions.empty());
}

TEMPLATE_TEST_CASE("writes not committed are not kept", "[storage]", SqliteFactory) {
    TestType factory;
    const records::Channel general{0, "General Talk"};
    {
        auto store = factory.open();
        store->add_channel(general);
        store->commit();
        store->append(general, post(general, 1, zoe, "never committed"));
    }  // closed without commit: as a crash before the commit
    CHECK(factory.open()->load().channels.at(0).messages.empty());
}

TEMPLATE_TEST_CASE("a change keeps the post's new state and its entry: reply, edit, reactions, tombstone", "[storage]",
                   SqliteFactory) {
    TestType factory;
    const records::Channel general{0, "General Talk"};
    records::Posted reply = post(general, 2, ivan, "answer", "c-2");
    reply.message.reply_to = ReplyTo{1, "Zoë", "0123456789abcdef", "question?"};
    {
        auto store = factory.open();
        store->add_channel(general);
        store->append(general, post(general, 1, zoe, "question?", "c-1"));
        store->append(general, reply);
        CHECK(store->find_sent(ivan, "c-2")->message.reply_to == reply.message.reply_to);  // the quote is kept
        Message edited = post(general, 1, zoe, "question, edited?").message;
        edited.edited_ts = 1764151400000;
        edited.reactions = {{"👍🏽", {"fedcba9876543210", "0123456789abcdef"}}, {"🎉", {"fedcba9876543210"}}};
        edited.changed_id = 4;
        store->change(general, {3, "edit", zoe, "e-1", 1764151400000}, edited);  // 3 changed post 1 ...
        store->change(general, {4, "react", ivan, "r-1", 1764151400001}, edited);  // ... and 4 again
        Message gone = reply.message;
        gone.deleted = true;
        gone.body.clear();
        gone.reply_to.reset();
        gone.client_id.reset();
        gone.changed_id = 5;
        store->change(general, {5, "delete", ivan, "d-1", 1764151400002}, gone);
        store->commit();
    }
    auto store = factory.open();
    const Snapshot s = store->load();
    REQUIRE(s.channels.size() == 1);
    CHECK(s.channels[0].last_id == 5);
    const auto& posts = s.channels[0].messages;
    REQUIRE(posts.size() == 2);  // a tombstone is still a post
    CHECK(posts[0].message.body == "question, edited?");
    CHECK(posts[0].message.edited_ts == 1764151400000);
    CHECK(posts[0].message.changed_id == 4);
    CHECK(posts[0].message.reactions ==
          std::vector<Reaction>{{"👍🏽", {"fedcba9876543210", "0123456789abcdef"}}, {"🎉", {"fedcba9876543210"}}});
    CHECK(posts[1].message.deleted);
    CHECK(posts[1].message.body.empty());
    CHECK_FALSE(posts[1].message.reply_to);
    CHECK(posts[1].message.changed_id == 5);

    // A change's client_id is used once per session and kind.
    const auto resent = store->find_change(ivan, "react", "r-1");
    REQUIRE(resent);
    CHECK(resent->message.id == 1);
    CHECK(resent->message.changed_id == 4);
    CHECK_FALSE(store->find_change(ivan, "edit", "r-1"));
    CHECK_FALSE(store->find_change(zoe, "react", "r-1"));
    CHECK(store->changes_between(general, 0, 6) == 3);
    CHECK(store->changes_between(general, 2, 4) == 1);
    CHECK(store->changes_between(general, 4, 5) == 0);
    // And a post's own resend finds it as it is now, tombstone included.
    const auto sent = store->find_sent(ivan, "c-2");
    REQUIRE(sent);
    CHECK(sent->message.deleted);
}
