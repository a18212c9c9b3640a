// The browser client's model, natively: what it shows and what it sends for each event.
#include <catch2/catch.hpp>

#include "chitchat/client/client_state.hpp"

using namespace chitchat;
using namespace chitchat::client;
using namespace chitchat::proto;

namespace {

struct Ids {
    int next = 0;
    std::string operator()() { return "id-" + std::to_string(++next); }
};

Message msg(std::uint64_t id, std::string channel, std::string sender, std::string body) {
    Message m;
    m.id = id;
    m.channel = std::move(channel);
    m.sender = std::move(sender);
    m.body = std::move(body);
    m.ts = 1764151200000 + static_cast<std::int64_t>(id);
    return m;
}

Welcome welcome(std::optional<std::string> name, std::string channel = "General Talk",
                std::vector<ChannelInfo> channels = {{"General Talk", 0}}) {
    Welcome w;
    if (name) w.user = User{*name};
    w.channels = std::move(channels);
    w.channel = std::move(channel);
    w.online = 1;
    return w;
}

template <class T>
std::vector<T> sent(ClientState& s) {
    std::vector<T> out;
    for (auto& m : s.take_outgoing())
        if (auto* t = std::get_if<T>(&m)) out.push_back(*t);
    return out;
}

std::vector<std::uint64_t> ids_of(const ClientState& s) {
    std::vector<std::uint64_t> ids;
    for (const auto& e : s.messages()) ids.push_back(e.message.id);
    return ids;
}

}  // namespace

TEST_CASE("first visit: asked for a name, then joined where the server says") {
    ClientState s{Ids{}};
    CHECK(s.status() == Status::connecting);
    CHECK_FALSE(s.needs_name());
    s.apply(welcome(std::nullopt));
    CHECK(s.status() == Status::connected);
    CHECK(s.needs_name());
    CHECK(s.take_outgoing().empty());

    s.set_name("   ");
    CHECK_FALSE(s.name_error().empty());
    CHECK(s.take_outgoing().empty());
    s.set_name(std::string(33, 'z'));
    CHECK(s.name_error().find("32") != std::string::npos);
    s.set_name(" Zoë ");
    CHECK(s.name_error().empty());
    CHECK(sent<SetName>(s) == std::vector<SetName>{{"Zoë"}});
    s.apply(Session{User{"Zoë"}});
    CHECK(s.user() == std::optional<std::string>("Zoë"));
    CHECK(sent<Join>(s) == std::vector<Join>{{"General Talk", std::nullopt}});
}

TEST_CASE("coming back: the server's name and channel, no prompt") {
    ClientState s{Ids{}};
    s.apply(welcome("Zoë", "café", {{"General Talk", 3}, {"café", 9}}));
    CHECK_FALSE(s.needs_name());
    CHECK(s.channel() == "café");
    CHECK(sent<Join>(s) == std::vector<Join>{{"café", std::nullopt}});
}

TEST_CASE("localStorage fills in when the server forgot us") {
    Saved saved;
    saved.name = "Zoë";
    saved.channel = "café";
    ClientState s{Ids{}, saved};
    s.apply(welcome(std::nullopt, "General Talk", {{"General Talk", 0}, {"café", 2}}));
    CHECK_FALSE(s.needs_name());  // asking the server, not the user
    CHECK(sent<SetName>(s) == std::vector<SetName>{{"Zoë"}});
    s.apply(Session{User{"Zoë"}});
    CHECK(sent<Join>(s) == std::vector<Join>{{"café", std::nullopt}});
}

TEST_CASE("a server that forgot us mid-session is told our name again") {
    ClientState s{Ids{}};
    s.apply(welcome("Zoë"));
    s.apply(Joined{"General Talk", {}, 0});
    s.take_outgoing();
    s.connection_lost();
    s.connection_opened();
    s.apply(welcome(std::nullopt));
    CHECK_FALSE(s.needs_name());
    CHECK(sent<SetName>(s) == std::vector<SetName>{{"Zoë"}});
    s.apply(Session{User{"Zoë"}});
    CHECK(sent<Join>(s).size() == 1);
}

TEST_CASE("messages: ordered, deduplicated, pending until acknowledged") {
    ClientState s{Ids{}};
    s.apply(welcome("Zoë"));
    s.take_outgoing();
    s.apply(Joined{"General Talk", {msg(1, "General Talk", "Иван", "a"), msg(2, "General Talk", "Zoë", "b")}, 0});
    CHECK(ids_of(s) == std::vector<std::uint64_t>{1, 2});
    CHECK(s.messages()[1].mine);
    CHECK_FALSE(s.messages()[0].mine);

    s.send("hello");
    const auto out = sent<Send>(s);
    REQUIRE(out.size() == 1);
    CHECK(out[0] == Send{"General Talk", "hello", "id-1", std::nullopt});
    REQUIRE(s.messages().size() == 3);
    CHECK(s.messages().back().pending);
    CHECK(s.has_outbox());

    s.apply(NewMessage{msg(3, "General Talk", "Иван", "in between")});
    CHECK(s.messages()[2].message.id == 3);
    CHECK(s.messages()[3].pending);  // pending ones stay last

    Message ack = msg(4, "General Talk", "Zoë", "hello");
    ack.client_id = "id-1";
    s.apply(NewMessage{ack});
    CHECK(ids_of(s) == std::vector<std::uint64_t>{1, 2, 3, 4});
    CHECK_FALSE(s.messages().back().pending);
    CHECK_FALSE(s.has_outbox());

    s.apply(NewMessage{msg(3, "General Talk", "Иван", "in between")});  // a repeat
    CHECK(s.messages().size() == 4);
    s.apply(NewMessage{msg(9, "elsewhere", "Иван", "x")});             // not our channel
    CHECK(s.messages().size() == 4);

    s.send(" \n ");
    CHECK_FALSE(s.composer_error().empty());
    CHECK(s.take_outgoing().empty());
}

TEST_CASE("offline: the outbox waits, then goes out in order, once") {
    ClientState s{Ids{}};
    s.apply(welcome("Zoë"));
    s.apply(Joined{"General Talk", {msg(1, "General Talk", "Иван", "a")}, 0});
    s.take_outgoing();
    s.connection_lost();
    CHECK(s.status() == Status::reconnecting);
    s.send("one");
    s.send("two");
    CHECK(s.take_outgoing().empty());
    CHECK(s.messages().size() == 3);

    // The outbox survives a reload through localStorage.
    const auto restored = decode_outbox(encode_outbox(s.saved().outbox));
    REQUIRE(restored.size() == 2);
    CHECK(restored[0].body == "one");

    s.connection_opened();
    s.apply(welcome("Zoë"));
    CHECK(sent<Join>(s) == std::vector<Join>{{"General Talk", 1}});  // catch up after the last id we have
    s.apply(Joined{"General Talk", {msg(2, "General Talk", "Иван", "while away")}, 3});
    CHECK(s.gap_notice() == 3);
    CHECK(ids_of(s) == std::vector<std::uint64_t>{1, 2, 0, 0});
    const auto out = sent<Send>(s);
    REQUIRE(out.size() == 2);
    CHECK(out[0].body == "one");
    CHECK(out[1].body == "two");
    CHECK(out[0].client_id == "id-1");
}

TEST_CASE("a reload with an unsent outbox shows it pending and sends it") {
    Saved saved;
    saved.outbox = {Send{"General Talk", "typed offline", "old-1", std::nullopt}};
    ClientState s{Ids{}, saved};
    s.apply(welcome("Zoë"));
    s.take_outgoing();
    s.apply(Joined{"General Talk", {}, 0});
    REQUIRE(s.messages().size() == 1);
    CHECK(s.messages()[0].pending);
    CHECK(sent<Send>(s) == std::vector<Send>{saved.outbox[0]});
}

TEST_CASE("unread counts come from the channel list") {
    Saved saved;
    saved.seen = {{"General Talk", 5}, {"café", 2}};
    ClientState s{Ids{}, saved};
    s.apply(welcome("Zoë", "General Talk", {{"General Talk", 5}, {"café", 7}, {"new", 4}}));
    s.apply(Joined{"General Talk", {}, 0});
    REQUIRE(s.channels().size() == 3);
    CHECK(s.channels()[0].unread == 0);
    CHECK(s.channels()[1].unread == 5);
    CHECK(s.channels()[2].unread == 0);  // first sight: nothing to catch up on
    s.apply(Channels{{{"General Talk", 5}, {"café", 7}, {"new", 6}, {"newer", 0}}});
    CHECK(s.channels()[2].unread == 2);
    s.switch_channel("café");
    s.apply(Joined{"café", {msg(7, "café", "Иван", "x")}, 0});
    CHECK(s.channels()[1].unread == 0);
    CHECK(s.saved().seen.at("café") == 7);
}

TEST_CASE("errors land next to what caused them") {
    ClientState s{Ids{}};
    s.apply(welcome("Zoë"));
    s.apply(Joined{"General Talk", {}, 0});
    s.take_outgoing();
    s.create_channel("general TALK");
    CHECK(s.channel_error().find("exists") != std::string::npos);
    s.create_channel("café");
    CHECK(sent<CreateChannel>(s) == std::vector<CreateChannel>{{"café"}});
    s.apply(ErrorReply{ErrorCode::channel_exists, "taken", std::string("create_channel"), std::nullopt});
    CHECK(s.channel_error() == "taken");

    s.send("x");
    s.take_outgoing();
    s.apply(ErrorReply{ErrorCode::rate_limited, "slow down", std::string("send"), std::string("id-1")});
    CHECK(s.composer_error() == "slow down");
    CHECK(s.has_outbox());  // kept for a later resend
    s.resend_pending();
    CHECK(sent<Send>(s).size() == 1);
    // The server could not store it (a full disk): kept too, and sent again.
    s.apply(ErrorReply{ErrorCode::server_error, "could not store", std::string("send"), std::string("id-1")});
    CHECK(s.has_outbox());
    CHECK(s.messages().size() == 1);
    s.resend_pending();
    CHECK(sent<Send>(s).size() == 1);
    s.apply(ErrorReply{ErrorCode::invalid_body, "no", std::string("send"), std::string("id-1")});
    CHECK_FALSE(s.has_outbox());
    CHECK(s.messages().empty());
}

TEST_CASE("uploads: refused up front, or posted with the file") {
    ClientState s{Ids{}};
    s.apply(welcome("Zoë"));
    s.apply(Joined{"General Talk", {}, 0});
    s.take_outgoing();
    CHECK_FALSE(s.start_upload("page.html", 10));
    CHECK(s.composer_error().find("allowed") != std::string::npos);
    CHECK_FALSE(s.start_upload("huge.png", 11ull * 1024 * 1024));
    CHECK(s.composer_error().find("10 MiB") != std::string::npos);
    REQUIRE(s.start_upload("cat.PNG", 1000));
    s.upload_progress(500);
    CHECK(s.upload()->sent == 500);
    s.upload_finished(201, encode(Attachment{std::string(32, 'a'), "/uploads/a/cat.PNG", "cat.PNG", 1000, "image/png"}));
    CHECK_FALSE(s.upload());
    const auto out = sent<Send>(s);
    REQUIRE(out.size() == 1);
    CHECK(out[0].attachment_id == std::optional<std::string>(std::string(32, 'a')));
    CHECK(s.messages().back().message.attachment->name == "cat.PNG");

    REQUIRE(s.start_upload("fake.png", 10));
    s.upload_finished(415, encode(HttpError{"unsupported_type", "the content does not match the file extension"}));
    CHECK(s.composer_error() == "the content does not match the file extension");
}

TEST_CASE("uploads: the limit is the one the server states in welcome") {
    ClientState s{Ids{}};
    Welcome w = welcome("Zoë");
    w.max_upload_bytes = 2ull * 1024 * 1024;
    s.apply(w);
    s.apply(Joined{"General Talk", {}, 0});
    CHECK_FALSE(s.start_upload("big.png", 3ull * 1024 * 1024));
    CHECK(s.composer_error().find("2 MiB") != std::string::npos);
    w.max_upload_bytes = 50ull * 1024 * 1024;  // a server with a larger limit
    s.apply(w);
    CHECK(s.start_upload("big.png", 30ull * 1024 * 1024));
}

namespace {

std::vector<Message> range(std::uint64_t from, std::uint64_t to, const std::string& channel = "General Talk") {
    std::vector<Message> out;
    for (std::uint64_t id = from; id <= to; ++id) out.push_back(msg(id, channel, "Иван", "post " + std::to_string(id)));
    return out;
}

}  // namespace

TEST_CASE("scroll-back: the page before the oldest shown, once at a time, until the beginning") {
    ClientState s{Ids{}};
    s.apply(welcome("Zoë", "General Talk", {{"General Talk", 250}}));
    s.take_outgoing();
    s.apply(Joined{"General Talk", range(151, 250), 150});
    CHECK(s.has_older());
    s.load_older();
    s.load_older();  // already on its way: not asked twice
    const auto asked = sent<History>(s);
    REQUIRE(asked.size() == 1);
    CHECK(asked[0].before == std::optional<std::uint64_t>(151));
    CHECK(s.loading_older());
    s.apply(HistoryPage{"General Talk", range(101, 150), true});
    CHECK_FALSE(s.loading_older());
    CHECK(s.messages().front().message.id == 101);
    CHECK(s.messages().size() == 150);
    s.load_older();
    CHECK(sent<History>(s).at(0).before == std::optional<std::uint64_t>(101));
    s.apply(HistoryPage{"General Talk", range(1, 100), false});
    CHECK_FALSE(s.has_older());
    CHECK(ids_of(s).size() == 250);
    s.load_older();
    CHECK(sent<History>(s).empty());
    // A page for a channel we left is dropped.
    s.apply(HistoryPage{"elsewhere", range(1, 3, "elsewhere"), false});
    CHECK(ids_of(s).size() == 250);
}

TEST_CASE("search: results newest first, the next page by time, a chosen result loaded back to") {
    ClientState s{Ids{}};
    Welcome w = welcome("Zoë", "General Talk", {{"General Talk", 300}, {"café", 5}});
    w.user->id = "00000000000000aa";
    s.apply(w);
    s.take_outgoing();
    s.apply(Joined{"General Talk", range(201, 300), 200});
    s.search("  ");
    CHECK_FALSE(s.search_state());
    CHECK(sent<Search>(s).empty());
    s.search("caf");
    REQUIRE(s.search_state());
    CHECK(s.search_state()->waiting);
    CHECK(sent<Search>(s).at(0).q == "caf");
    s.apply(SearchResults{"older search", range(1, 2), false});  // an answer to another search
    CHECK(s.search_state()->results.empty());
    auto found = range(30, 49);
    std::reverse(found.begin(), found.end());
    s.apply(SearchResults{"caf", found, true});
    CHECK(s.search_state()->results.size() == 20);
    s.search_more();
    const auto next = sent<Search>(s);
    REQUIRE(next.size() == 1);
    CHECK(next[0].before_ts == std::optional<std::int64_t>(found.back().ts));

    // Choosing post 30: loaded back page by page until it is there, then highlighted.
    s.open_result(found.back());
    CHECK_FALSE(s.highlight());
    auto page = sent<History>(s);
    REQUIRE(page.size() == 1);
    CHECK(page[0].before == std::optional<std::uint64_t>(201));
    CHECK(page[0].limit == std::optional<std::uint64_t>(100));
    s.apply(HistoryPage{"General Talk", range(101, 200), true});
    page = sent<History>(s);
    REQUIRE(page.size() == 1);
    CHECK(page[0].before == std::optional<std::uint64_t>(101));
    s.apply(HistoryPage{"General Talk", range(1, 100), false});
    CHECK(s.highlight() == std::optional<std::uint64_t>(30));
    s.highlight_shown();
    CHECK_FALSE(s.highlight());

    // A result in another channel: joined first, then shown.
    s.open_result(msg(4, "café", "Иван", "un café"));
    CHECK(sent<Join>(s).at(0).channel == "café");
    s.apply(Joined{"café", range(1, 5, "café"), 0});
    CHECK(s.highlight() == std::optional<std::uint64_t>(4));
}

TEST_CASE("protocol 2: my posts are told by my user id, not by my name") {
    ClientState s{Ids{}};
    Welcome w = welcome("Zoë");
    w.user->id = "00000000000000aa";
    s.apply(w);
    s.take_outgoing();
    Message mine = msg(1, "General Talk", "Zoë", "from me");
    mine.sender_id = "00000000000000aa";
    Message other_zoe = msg(2, "General Talk", "Zoë", "from another Zoë");
    other_zoe.sender_id = "00000000000000bb";
    s.apply(Joined{"General Talk", {mine, other_zoe}, 0});
    REQUIRE(s.messages().size() == 2);
    CHECK(s.messages()[0].mine);
    CHECK_FALSE(s.messages()[1].mine);
}

namespace {

// Zoë (user id "z") on version 2 in General Talk, with her post 1 and Иван's post 2.
ClientState in_room(Saved saved = {}) {
    ClientState s{Ids{}, std::move(saved)};
    Welcome w = welcome("Zoë", "General Talk", {{"General Talk", 2}});
    w.protocol = 2;
    w.user->id = "z";
    s.apply(w);
    Message mine = msg(1, "General Talk", "Zoë", "hello");
    mine.sender_id = "z";
    Message theirs = msg(2, "General Talk", "Иван", "привет");
    theirs.sender_id = "i";
    s.apply(Joined{"General Talk", {mine, theirs}, 0, std::vector<Message>{}, 2});
    s.take_outgoing();
    return s;
}

}  // namespace

TEST_CASE("changes: an edit shows at once, goes out, and the server's update confirms it") {
    ClientState s = in_room();
    CHECK(s.last_own_post() == std::optional<std::uint64_t>(1));
    REQUIRE(s.edit(1, "hello, world"));
    CHECK(s.find_post(1)->body == "hello, world");
    const auto edits = sent<Edit>(s);
    REQUIRE(edits.size() == 1);
    CHECK(edits[0].id == 1);
    CHECK(edits[0].body == "hello, world");
    CHECK(s.saved().changes.size() == 1);
    Message now = *s.find_post(1);
    now.edited_ts = 5;
    s.apply(Update{3, now, edits[0].client_id});
    CHECK(s.saved().changes.empty());
    CHECK(s.find_post(1)->edited_ts == 5);
    CHECK_FALSE(s.edit(1, "   "));  // refused here, nothing sent
    CHECK(sent<Edit>(s).empty());
    CHECK_FALSE(s.banner().empty());
}

TEST_CASE("changes: refused for good, the post goes back; rate-limited, it waits for a resend") {
    ClientState s = in_room();
    s.remove(1);
    CHECK(s.find_post(1)->deleted);
    const auto del = sent<Delete>(s);
    REQUIRE(del.size() == 1);
    s.apply(ErrorReply{ErrorCode::rate_limited, "slow down", "delete", del[0].client_id});
    CHECK(s.saved().changes.size() == 1);
    s.resend_pending();
    CHECK(sent<Delete>(s).size() == 1);  // the same client_id again: applied once by the server
    s.apply(ErrorReply{ErrorCode::forbidden, "only its sender may delete a message", "delete", del[0].client_id});
    CHECK(s.saved().changes.empty());
    CHECK_FALSE(s.find_post(1)->deleted);
    CHECK(s.find_post(1)->body == "hello");
}

TEST_CASE("changes: reactions toggle, and a chip shows whether it is mine") {
    ClientState s = in_room();
    s.toggle_reaction(2, "👍");
    REQUIRE(s.find_post(2)->reactions.size() == 1);
    CHECK(s.reacted(s.find_post(2)->reactions[0]));
    auto reacts = sent<React>(s);
    REQUIRE(reacts.size() == 1);
    CHECK(reacts[0].on);
    s.apply(Update{3, *s.find_post(2), reacts[0].client_id});
    s.toggle_reaction(2, "👍");
    reacts = sent<React>(s);
    REQUIRE(reacts.size() == 1);
    CHECK_FALSE(reacts[0].on);
    CHECK(s.find_post(2)->reactions.empty());
    s.toggle_reaction(2, "not an emoji");
    CHECK(sent<React>(s).empty());
    CHECK(s.name_of("i") == "Иван");  // learned from the posts
    CHECK(s.name_of("z") == "Zoë");
}

TEST_CASE("changes: a reply carries reply_to and shows its quote while pending") {
    ClientState s = in_room();
    s.reply_to(2);
    REQUIRE(s.replying());
    CHECK(s.replying()->sender == "Иван");
    s.send("да!");
    const auto sends = sent<Send>(s);
    REQUIRE(sends.size() == 1);
    CHECK(sends[0].reply_to == std::optional<std::uint64_t>(2));
    CHECK_FALSE(s.replying());
    REQUIRE(s.messages().back().pending);
    CHECK(s.messages().back().message.reply_to->body == "привет");
    s.reply_to(2);
    s.cancel_reply();
    s.send("no reply");
    CHECK_FALSE(sent<Send>(s)[0].reply_to);
}

TEST_CASE("changes made offline go out once, in order, after reconnecting, and survive a reload") {
    ClientState s = in_room();
    s.connection_lost();
    s.edit(1, "edited offline");
    s.toggle_reaction(2, "🎉");
    s.remove(1);
    CHECK(s.take_outgoing().empty());
    // A reload: the queue comes back from localStorage.
    Saved saved = s.saved();
    saved.changes = decode_changes(encode_changes(saved.changes));
    REQUIRE(saved.changes.size() == 3);
    ClientState again{Ids{}, saved};
    Welcome w = welcome("Zoë", "General Talk", {{"General Talk", 2}});
    w.protocol = 2;
    w.user->id = "z";
    again.apply(w);
    again.take_outgoing();
    again.apply(Joined{"General Talk", {}, 0, std::vector<Message>{}, 2});
    const auto out = again.take_outgoing();
    REQUIRE(out.size() == 3);
    CHECK(std::holds_alternative<Edit>(out[0]));
    CHECK(std::holds_alternative<React>(out[1]));
    CHECK(std::holds_alternative<Delete>(out[2]));
}

TEST_CASE("catch-up: a rejoin asks after the highest entry id seen, and updates replace what is shown") {
    ClientState s = in_room();
    Message edited = *s.find_post(2);
    edited.body = "привет!";
    s.apply(Update{5, edited, std::nullopt});  // entry 5 changed post 2
    CHECK(s.find_post(2)->body == "привет!");
    s.connection_lost();
    Welcome w = welcome("Zoë", "General Talk", {{"General Talk", 7}});
    w.protocol = 2;
    w.user->id = "z";
    s.apply(w);
    const auto joins = sent<Join>(s);
    REQUIRE(joins.size() == 1);
    CHECK(joins[0].after == std::optional<std::uint64_t>(5));
    Message gone = *s.find_post(1);
    gone.deleted = true;
    gone.body.clear();
    s.apply(Joined{"General Talk", {}, 0, std::vector<Message>{gone}, 7});
    CHECK(s.find_post(1)->deleted);
    CHECK(ids_of(s) == std::vector<std::uint64_t>{1, 2});
}
