// Protocol 2 as the chat speaks it (user ids, the new `joined`, history and search), beside
// version-1 connections that see exactly what they always saw; and the /ws?v= negotiation.
#include <catch2/catch.hpp>

#include "support/chat_client.hpp"
#include "support/error_of.hpp"
#include "support/http_client.hpp"
#include "support/test_server.hpp"
#include "support/world.hpp"
#include "support/ws_client.hpp"

using namespace chitchat;
using namespace chitchat::server;
using namespace chitchat::proto;
using test::error_of;

namespace {

using test::World;

bool is_user_id(const std::optional<std::string>& id) {
    return id && id->size() == 16 && id->find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

TEST_CASE("protocol 2: a display name brings a user id, kept across reconnects and restarts") {
    World w;
    auto tab = w.connect('a', 2);
    const auto welcome = tab->only<Welcome>();
    REQUIRE(welcome);
    CHECK(welcome->protocol == 2);
    CHECK_FALSE(welcome->user);
    CHECK(welcome->dms == std::optional<std::vector<DmInfo>>(std::vector<DmInfo>{}));
    CHECK(welcome->read == std::optional<std::vector<ReadMarker>>(std::vector<ReadMarker>{}));
    REQUIRE(welcome->people);
    CHECK(welcome->people->empty());  // nobody named is online
    auto v1_tab = w.connect('a', 1);
    v1_tab->take();
    w.ask(tab, SetName{"Zoë"});
    const auto session = tab->only<Session>();
    REQUIRE(session);
    CHECK(session->user.name == "Zoë");
    REQUIRE(is_user_id(session->user.id));
    const std::string id = *session->user.id;
    CHECK(v1_tab->only<Session>() == Session{User{"Zoë", std::nullopt}});  // version 1: no id
    w.ask(tab, SetName{"Zoë B."});
    CHECK(tab->only<Session>()->user.id == std::optional<std::string>(id));  // a new name, the same id

    w.restart();
    auto again = w.connect('a', 2);
    const auto back = again->only<Welcome>();
    REQUIRE(back);
    CHECK(back->user == std::optional<User>(User{"Zoë B.", id}));
    REQUIRE(back->people);
    CHECK(back->people->size() == 1);
    auto v1 = w.connect('a', 1);
    CHECK(v1->only<Welcome>()->user == std::optional<User>(User{"Zoë B.", std::nullopt}));
}

TEST_CASE("protocol 2: posts carry sender_id, joined carries updates and last_id; version 1 sees neither") {
    World w;
    auto zoe = w.named('a', "Zoë", 2);
    auto old = w.named('b', "Иван", 1);
    auto ana = w.named('c', "Ana", 2);
    w.ask(zoe, Send{"General Talk", "hello", "c1", std::nullopt});
    const auto ack = zoe->only<NewMessage>();
    REQUIRE(ack);
    REQUIRE(is_user_id(ack->message.sender_id));
    CHECK(ack->message.client_id == std::optional<std::string>("c1"));
    const auto seen_by_v2 = ana->only<NewMessage>();
    REQUIRE(seen_by_v2);
    CHECK(seen_by_v2->message.sender_id == ack->message.sender_id);
    CHECK_FALSE(seen_by_v2->message.client_id);
    const auto seen_by_v1 = old->only<NewMessage>();
    REQUIRE(seen_by_v1);
    CHECK_FALSE(seen_by_v1->message.sender_id);

    w.ask(ana, Join{"General Talk", std::nullopt});
    const auto joined = ana->only<Joined>();
    REQUIRE(joined);
    CHECK(joined->last_id == std::optional<std::uint64_t>(1));
    CHECK(joined->updates == std::optional<std::vector<Message>>(std::vector<Message>{}));
    CHECK(joined->messages.at(0).sender_id == ack->message.sender_id);
    w.ask(old, Join{"General Talk", 0});
    const auto joined_v1 = old->only<Joined>();
    REQUIRE(joined_v1);
    CHECK_FALSE(joined_v1->last_id);
    CHECK_FALSE(joined_v1->updates);
    CHECK_FALSE(joined_v1->messages.at(0).sender_id);
    CHECK(encode(ServerMessage{*joined_v1}).find("sender_id") == std::string::npos);
}

TEST_CASE("protocol 2: history goes back past the 100 in memory") {
    World w;
    auto zoe = w.named('a', "Zoë", 2);
    for (int i = 1; i <= 260; ++i) w.ask(zoe, Send{"General Talk", "post " + std::to_string(i), "c" + std::to_string(i), {}});
    zoe->take();
    w.ask(zoe, History{"General Talk", 101, std::nullopt, std::nullopt});
    const auto page = zoe->only<HistoryPage>();
    REQUIRE(page);
    CHECK(page->channel == "General Talk");
    REQUIRE(page->messages.size() == 50);
    CHECK(page->messages.front().id == 51);
    CHECK(page->messages.back().id == 100);
    CHECK(page->messages.back().body == "post 100");
    CHECK(page->more);
    w.ask(zoe, History{"General Talk", 11, std::nullopt, 100});
    const auto first = zoe->only<HistoryPage>();
    REQUIRE(first);
    CHECK(first->messages.size() == 10);
    CHECK_FALSE(first->more);
    w.ask(zoe, History{"General Talk", std::nullopt, 7, 5});
    const auto around = zoe->only<HistoryPage>();
    REQUIRE(around);
    CHECK(around->messages.front().id == 5);
    CHECK(around->messages.back().id == 9);

    w.ask(zoe, History{"nowhere", 5, std::nullopt, std::nullopt});
    CHECK(error_of(zoe).code == ErrorCode::no_such_channel);
    w.ask(zoe, History{"General Talk", 5, std::nullopt, 101});
    CHECK(error_of(zoe).code == ErrorCode::bad_request);
    w.ask(zoe, History{"General Talk", 5, std::nullopt, 0});
    CHECK(error_of(zoe).code == ErrorCode::bad_request);
    w.ask(zoe, History{"General Talk", 5, 5, std::nullopt});
    CHECK(error_of(zoe).code == ErrorCode::bad_request);
}

TEST_CASE("protocol 2: search finds posts of the whole history, newest first") {
    World w;
    auto zoe = w.named('a', "Zoë", 2);
    w.ask(zoe, Send{"General Talk", "Le café est prêt", "c1", {}});
    for (int i = 0; i < 150; ++i) w.ask(zoe, Send{"General Talk", "filler " + std::to_string(i), "f" + std::to_string(i), {}});
    w.ask(zoe, Send{"General Talk", "encore du CAFE", "c2", {}});
    zoe->take();
    // No tick has indexed these yet: a search finds every post sent before it all the same.
    w.ask(zoe, Search{"caf", std::nullopt, std::nullopt, std::nullopt});
    const auto found = zoe->only<SearchResults>();
    REQUIRE(found);
    CHECK(found->q == "caf");
    REQUIRE(found->results.size() == 2);
    CHECK(found->results[0].body == "encore du CAFE");
    CHECK(found->results[1].body == "Le café est prêt");
    CHECK(found->results[1].id == 1);
    CHECK_FALSE(found->more);

    w.ask(zoe, Search{"filler", "General Talk", std::nullopt, std::nullopt});
    const auto page = zoe->only<SearchResults>();
    REQUIRE(page);
    CHECK(page->results.size() == 20);
    CHECK(page->more);
    w.ask(zoe, Search{"filler", std::nullopt, std::nullopt, page->results.back().ts});
    const auto next = zoe->only<SearchResults>();
    REQUIRE(next);
    CHECK(next->results.front().id == page->results.back().id - 1);

    w.ask(zoe, Search{"  ?! ", std::nullopt, std::nullopt, std::nullopt});
    CHECK(error_of(zoe).code == ErrorCode::bad_request);
    w.ask(zoe, Search{"caf", "nowhere", std::nullopt, std::nullopt});
    CHECK(error_of(zoe).code == ErrorCode::no_such_channel);
    w.ask(zoe, Search{"caf", std::nullopt, 5, std::nullopt});
    CHECK(error_of(zoe).code == ErrorCode::bad_request);
    w.ask(zoe, Search{std::string(201, 'a'), std::nullopt, std::nullopt, std::nullopt});
    CHECK(error_of(zoe).code == ErrorCode::bad_request);
}

TEST_CASE("protocol 2 requests from a version-1 connection are unknown types, as they always were") {
    World w;
    auto old = w.named('a', "Zoë", 1);
    w.ask(old, History{"General Talk", 5, std::nullopt, std::nullopt});
    const auto e = error_of(old);
    CHECK(e.code == ErrorCode::unknown_type);
    CHECK(e.ref == std::optional<std::string>("history"));
    w.ask(old, Search{"x", std::nullopt, std::nullopt, std::nullopt});
    CHECK(error_of(old).code == ErrorCode::unknown_type);
}

TEST_CASE("/ws?v=2 speaks version 2, /ws and /ws?v=1 version 1, any other v is refused with 400") {
    test::TestServer s;
    const auto at = [](std::string path) {
        test::WsClient::Options o;
        o.path = std::move(path);
        return o;
    };
    test::WsClient v2(s.port, at("/ws?v=2"));
    CHECK(v2.expect<Welcome>()->protocol == 2);
    test::WsClient v1(s.port, at("/ws?v=1"));
    CHECK(v1.expect<Welcome>()->protocol == 1);
    test::WsClient plain(s.port);
    const auto w = plain.next_text();
    REQUIRE(w);
    CHECK(w->find("\"protocol\":1") != std::string::npos);
    CHECK(w->find("people") == std::string::npos);
    CHECK(test::WsClient(s.port, at("/ws?v=3")).refused_status() == 400);
    CHECK(test::WsClient(s.port, at("/ws?v=")).refused_status() == 400);
    CHECK(test::WsClient(s.port, at("/ws?v=two")).refused_status() == 400);
}

TEST_CASE("over real sockets: edit, react, reply and delete, each new error code, and a deleted file answers 404") {
    test::TestServer s(test::unlimited());
    test::WsClient::Options v2;
    v2.path = "/ws?v=2";
    test::WsClient zoe(s.port, v2), ivan(s.port, v2), bob(s.port);
    for (auto [c, name] : {std::pair{&zoe, "Zoë"}, std::pair{&ivan, "Иван"}, std::pair{&bob, "Old Bob"}}) {
        REQUIRE(c->expect<Welcome>());
        c->send(SetName{name});
        REQUIRE(c->expect<Session>());
        c->send(Join{"General Talk", std::nullopt});
        REQUIRE(c->expect<Joined>());
    }
    const auto up = test::upload(s.port, zoe.cookie(), "cat.png", test::png);
    REQUIRE(up.result_int() == 201);
    const auto file = decode_upload(up.body());
    REQUIRE(file.ok());
    zoe.send(Send{"General Talk", "a cat", "s1", file->id});
    const auto posted = zoe.expect<NewMessage>();
    REQUIRE(posted);
    const std::uint64_t id = posted->message.id;
    REQUIRE(ivan.expect<NewMessage>());

    ivan.send(Send{"General Talk", "so cute", "s2", std::nullopt, id});
    const auto reply = ivan.expect<NewMessage>();
    REQUIRE(reply);
    REQUIRE(reply->message.reply_to);
    CHECK(reply->message.reply_to->body == "a cat");
    ivan.send(React{"General Talk", id, "😻", true, "r1"});
    const auto reacted = zoe.expect<Update>();
    REQUIRE(reacted);
    CHECK(reacted->id == id + 2);
    CHECK(reacted->message.reactions.size() == 1);
    CHECK(ivan.expect<Update>()->client_id == std::optional<std::string>("r1"));
    zoe.send(Edit{"General Talk", id, "a cat, asleep", "e1"});
    const auto edited = ivan.expect<Update>();
    REQUIRE(edited);
    CHECK(edited->message.body == "a cat, asleep");
    CHECK_FALSE(edited->client_id);
    CHECK(zoe.expect<Update>()->client_id == std::optional<std::string>("e1"));

    const auto error = [](test::WsClient& c) {
        const auto e = c.expect<ErrorReply>();
        REQUIRE(e);
        return e->code;
    };
    ivan.send(Edit{"General Talk", id, "mine", "e2"});
    CHECK(error(ivan) == ErrorCode::forbidden);
    ivan.send(Delete{"General Talk", id, "d2"});
    CHECK(error(ivan) == ErrorCode::forbidden);
    ivan.send(React{"General Talk", 999, "👍", true, "r2"});
    CHECK(error(ivan) == ErrorCode::no_such_message);
    ivan.send(React{"General Talk", id, "not one", true, "r3"});
    CHECK(error(ivan) == ErrorCode::invalid_emoji);
    ivan.send_text(R"({"type":"edit","channel":"General Talk","id":-1,"body":"x","client_id":"e3"})");
    CHECK(error(ivan) == ErrorCode::bad_request);
    ivan.send_text(R"({"type":"react","channel":"General Talk","id":1,"emoji":"👍","client_id":"r4"})");  // no `on`
    CHECK(error(ivan) == ErrorCode::bad_request);

    CHECK(test::http_get(s.port, file->url).result_int() == 200);
    zoe.send(Delete{"General Talk", id, "d1"});
    const auto gone = ivan.expect<Update>();
    REQUIRE(gone);
    CHECK(gone->message.deleted);
    CHECK(zoe.expect<Update>()->client_id == std::optional<std::string>("d1"));
    CHECK(test::http_get(s.port, file->url).result_int() == 404);
    CHECK(test::http_get(s.port, file->url, zoe.cookie()).result_int() == 404);

    // Version 1 was sent the two posts and nothing of the changes; a new look shows the reply only.
    CHECK(bob.expect<NewMessage>()->message.id == id);
    CHECK(bob.expect<NewMessage>()->message.id == id + 1);
    bob.send(Join{"General Talk", std::nullopt});
    const auto joined = bob.expect<Joined>();
    REQUIRE(joined);
    REQUIRE(joined->messages.size() == 1);
    CHECK(joined->messages[0].body == "so cute");
}
