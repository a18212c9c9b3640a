// The chat's rules, driven without sockets: fake peers collect what would be sent.
#include <catch2/catch.hpp>

#include "chat/chat.hpp"
#include "store/sqlite_storage.hpp"
#include "support/error_of.hpp"
#include "support/fake_peer.hpp"
#include "support/temp_dir.hpp"

using namespace chitchat;
using namespace chitchat::server;
using namespace chitchat::proto;
using test::error_of;
using test::FakePeer;

namespace {

const std::string sid_a(32, 'a'), sid_b(32, 'b');

struct World : test::ChatDriver {
    test::TempDir dir;
    SqliteStorage storage{dir.path() / "chitchat.db"};
    test::FakeUploads uploads;
    Chat chat;

    explicit World(ChatOptions options = {{0, 1000}, 1000}) : ChatDriver(chat), chat(storage, uploads, options) {}

    // A connection with a name, in `channel`, its inbox emptied.
    std::shared_ptr<FakePeer> named(const std::string& sid, const std::string& name,
                                    const std::string& channel = "General Talk") {
        auto peer = connect(sid);
        handle(peer, SetName{name});
        handle(peer, Join{channel, std::nullopt});
        peer->take();
        return peer;
    }
};

}  // namespace

TEST_CASE("a new connection is welcomed") {
    World w;
    auto a = w.connect(sid_a);
    const auto welcome = a->only<Welcome>();
    REQUIRE(welcome);
    CHECK(welcome->protocol == 1);
    CHECK_FALSE(welcome->user);
    CHECK(welcome->channel == "General Talk");
    CHECK(welcome->channels == std::vector<ChannelInfo>{{"General Talk", 0}});
    CHECK(welcome->online == 1);
}

TEST_CASE("create_channel, join and send need a display name") {
    World w;
    auto a = w.connect(sid_a);
    a->take();
    w.handle(a, Join{"General Talk", std::nullopt});
    CHECK(error_of(a).code == ErrorCode::name_required);
    w.handle(a, CreateChannel{"x"});
    CHECK(error_of(a) == ErrorReply{ErrorCode::name_required, "set a display name first", "create_channel", {}});
    w.handle(a, Send{"General Talk", "hi", "c1", {}});
    const auto e = error_of(a);
    CHECK(e.code == ErrorCode::name_required);
    CHECK(e.client_id == std::optional<std::string>("c1"));
    w.handle(a, Ping{5});
    CHECK(a->only<Pong>() == Pong{5});
}

TEST_CASE("set_name validates, and every tab of the session learns the name") {
    World w;
    auto tab1 = w.connect(sid_a), tab2 = w.connect(sid_a), other = w.connect(sid_b);
    for (auto& p : {tab1, tab2, other}) p->take();
    w.handle(tab1, SetName{"\t"});
    CHECK(error_of(tab1).code == ErrorCode::invalid_name);
    w.handle(tab1, SetName{" Zoë "});
    CHECK(tab1->only<Session>() == Session{User{"Zoë"}});
    CHECK(tab2->only<Session>() == Session{User{"Zoë"}});
    CHECK(other->frames.empty());
    CHECK(w.chat.display_name(sid_a) == std::optional<std::string>("Zoë"));

    auto tab3 = w.connect(sid_a);
    CHECK(tab3->only<Welcome>()->user == std::optional<User>(User{"Zoë"}));
}

TEST_CASE("channels are created once, case-insensitively, and the creator moves in") {
    World w;
    auto a = w.named(sid_a, "Zoë"), b = w.named(sid_b, "Иван");
    auto anonymous = w.connect(std::string(32, 'c'));
    anonymous->take();

    w.handle(a, CreateChannel{"  café   au lait "});
    auto msgs = a->take();
    REQUIRE(msgs.size() == 2);
    CHECK(std::get<Joined>(msgs[0]) == Joined{"café au lait", {}, 0});
    const std::vector<ChannelInfo> list{{"General Talk", 0}, {"café au lait", 0}};
    CHECK(std::get<Channels>(msgs[1]).channels == list);
    CHECK(b->only<Channels>()->channels == list);
    CHECK(anonymous->frames.empty());  // channels go to named connections

    w.handle(b, CreateChannel{"CAFÉ AU LAIT"});
    const auto e = error_of(b);
    CHECK(e.code == ErrorCode::channel_exists);
    CHECK(e.ref == std::optional<std::string>("create_channel"));
    w.handle(b, CreateChannel{"General talk"});
    CHECK(error_of(b).code == ErrorCode::channel_exists);
    w.handle(b, CreateChannel{std::string(41, 'x')});
    CHECK(error_of(b).code == ErrorCode::invalid_channel_name);
}

TEST_CASE("the channel cap answers too_large") {
    World w(ChatOptions{{}, 2});
    auto a = w.named(sid_a, "Zoë");
    w.handle(a, CreateChannel{"one"});
    a->take();
    w.handle(a, CreateChannel{"two"});
    const auto e = error_of(a);
    CHECK(e.code == ErrorCode::too_large);
    CHECK(e.message.find("2 channels") != std::string::npos);
}

TEST_CASE("messages reach everyone in the channel; only the sender's copy has its client_id") {
    World w;
    auto a = w.named(sid_a, "Zoë"), b = w.named(sid_b, "Иван");
    auto a_tab2 = w.named(sid_a, "Zoë");
    auto elsewhere = w.named(std::string(32, 'c'), "Other");
    w.handle(elsewhere, CreateChannel{"side"});
    for (auto& p : {a, b, a_tab2, elsewhere}) p->take();

    w.handle(a, Send{"general talk", "hello", "c1", {}});
    const auto mine = a->only<NewMessage>();
    REQUIRE(mine);
    CHECK(mine->message.id == 1);
    CHECK(mine->message.sender == "Zoë");
    CHECK(mine->message.channel == "General Talk");
    CHECK(mine->message.ts == w.now);
    CHECK(mine->message.client_id == std::optional<std::string>("c1"));
    const auto theirs = b->only<NewMessage>();
    REQUIRE(theirs);
    CHECK_FALSE(theirs->message.client_id);
    CHECK(theirs->message.body == "hello");
    CHECK_FALSE(a_tab2->only<NewMessage>()->message.client_id);
    CHECK(elsewhere->frames.empty());
}

TEST_CASE("a resend with a known client_id is answered, not posted again") {
    World w;
    auto a = w.named(sid_a, "Zoë"), b = w.named(sid_b, "Иван");
    w.handle(a, Send{"General Talk", "once", "same", {}});
    const auto first = a->only<NewMessage>();
    b->take();
    auto a_again = w.connect(sid_a);  // after a reconnect, before joining
    a_again->take();
    w.handle(a_again, Send{"General Talk", "once", "same", {}});
    CHECK(a_again->only<NewMessage>() == first);
    CHECK(b->frames.empty());
    w.handle(a, Join{"General Talk", 0});
    CHECK(a->only<Joined>()->messages.size() == 1);
}

TEST_CASE("send errors") {
    World w;
    auto a = w.named(sid_a, "Zoë");
    w.handle(a, CreateChannel{"other"});
    w.handle(a, Join{"General Talk", std::nullopt});
    a->take();
    w.handle(a, Send{"nowhere", "x", "1", {}});
    CHECK(error_of(a).code == ErrorCode::no_such_channel);
    w.handle(a, Send{"other", "x", "2", {}});
    CHECK(error_of(a).code == ErrorCode::not_in_channel);
    w.handle(a, Send{"General Talk", " \n ", "3", {}});
    const auto e = error_of(a);
    CHECK(e.code == ErrorCode::invalid_body);
    CHECK(e.client_id == std::optional<std::string>("3"));
    w.handle(a, Send{"General Talk", std::string(2001, 'x'), "4", {}});
    CHECK(error_of(a).code == ErrorCode::invalid_body);
    w.handle(a, Join{"nowhere", std::nullopt});
    CHECK(error_of(a).code == ErrorCode::no_such_channel);
}

TEST_CASE("attachments belong to the session that uploaded them") {
    World w;
    const Attachment file{std::string(32, 'f'), "/uploads/fff/cat.png", "cat.png", 10, "image/png"};
    w.uploads.files[file.id] = records::Upload{file, sid_a};
    auto a = w.named(sid_a, "Zoë"), b = w.named(sid_b, "Иван");
    w.handle(b, Send{"General Talk", "", "b1", file.id});
    CHECK(error_of(b).code == ErrorCode::no_such_upload);
    w.handle(a, Send{"General Talk", "x", "a0", std::string(32, '0')});
    CHECK(error_of(a).code == ErrorCode::no_such_upload);
    w.handle(a, Send{"General Talk", "  ", "a1", file.id});
    const auto m = a->only<NewMessage>();
    REQUIRE(m);
    CHECK(m->message.attachment == std::optional<Attachment>(file));
    CHECK(m->message.body.empty());
    CHECK(b->only<NewMessage>()->message.attachment == std::optional<Attachment>(file));
}

TEST_CASE("the rate limit answers rate_limited and recovers") {
    World w(ChatOptions{{3, 1000}, 1000});
    auto a = w.named(sid_a, "Zoë");
    for (int i = 0; i < 3; ++i) w.handle(a, Send{"General Talk", "m", "ok" + std::to_string(i), {}});
    CHECK(a->take().size() == 3);
    w.handle(a, Send{"General Talk", "m", "over", {}});
    CHECK(error_of(a).code == ErrorCode::rate_limited);
    w.now += 1000;
    w.handle(a, Send{"General Talk", "m", "later", {}});
    CHECK(a->only<NewMessage>());
}

TEST_CASE("join returns what came after, with the gap, and is remembered") {
    World w;
    auto a = w.named(sid_a, "Zoë");
    for (int i = 1; i <= 105; ++i) w.handle(a, Send{"General Talk", std::to_string(i), "c" + std::to_string(i), {}});
    w.handle(a, CreateChannel{"later"});
    a->take();
    w.handle(a, Join{"General Talk", 103});
    auto j = a->only<Joined>();
    REQUIRE(j->messages.size() == 2);
    CHECK(j->messages[0].id == 104);
    CHECK(j->gap == 0);
    w.handle(a, Join{"General Talk", 0});
    j = a->only<Joined>();
    CHECK(j->messages.size() == 100);
    CHECK(j->gap == 5);
    CHECK_FALSE(j->messages[0].client_id);  // history never shows client ids

    // Without `after`: the whole history, and the next message is in the next one.
    w.handle(a, Join{"General Talk", std::nullopt});
    j = a->only<Joined>();
    CHECK(j->messages.size() == 100);
    CHECK(j->messages.back().body == "105");
    w.handle(a, Send{"General Talk", "106", "c106", {}});
    a->take();
    w.handle(a, Join{"General Talk", std::nullopt});
    j = a->only<Joined>();
    CHECK(j->messages.size() == 100);
    CHECK(j->messages.back().body == "106");

    w.handle(a, Join{"later", std::nullopt});
    a->take();
    w.disconnect(a);
    auto back = w.connect(sid_a);
    CHECK(back->only<Welcome>()->channel == "later");
}

TEST_CASE("online counts sessions, not tabs, and is coalesced") {
    World w;
    auto a1 = w.connect(sid_a);
    CHECK(w.chat.online_changed());
    auto a2 = w.connect(sid_a);
    auto b = w.connect(sid_b);
    CHECK(b->only<Welcome>()->online == 2);
    Deliveries out;
    w.chat.broadcast_online(out);
    REQUIRE(out.size() == 1);
    CHECK(out[0].to.size() == 3);
    CHECK_FALSE(w.chat.online_changed());
    w.disconnect(a1);
    CHECK_FALSE(w.chat.online_changed());  // a2 still holds the session
    w.disconnect(b);
    CHECK(w.chat.online_changed());
    CHECK(w.chat.online() == 1);
}

TEST_CASE("a channel switch leaves the previous channel") {
    World w;
    auto a = w.named(sid_a, "Zoë"), b = w.named(sid_b, "Иван");
    w.handle(b, CreateChannel{"elsewhere"});
    b->take();
    a->take();
    w.handle(a, Send{"General Talk", "hi", "x", {}});
    CHECK(b->frames.empty());
}
