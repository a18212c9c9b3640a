// The SQLite store itself: the file it makes, the databases it refuses (and leaves as they
// are), and what the chat answers when the database fails under it.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "chat/hub.hpp"
#include "clock.hpp"
#include "store/schema.hpp"
#include "store/sqlite_storage.hpp"
#include "support/fake_peer.hpp"
#include "support/temp_dir.hpp"

using namespace chitchat;
using namespace chitchat::server;
using namespace chitchat::proto;
namespace fs = std::filesystem;

namespace {

std::string bytes_of(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string refusal(const fs::path& file) {
    try {
        SqliteStorage store(file);
    } catch (const StoreError& e) {
        return e.what();
    }
    return "";
}

// The chat over a real store behind the hub, committing as the server does at the end of a turn.
struct World {
    test::TempDir dir;
    SqliteStorage storage{dir.path() / "chitchat.db"};
    test::FakeUploads uploads;
    Chat chat{storage, uploads, ChatOptions{{0, 1000}, 1000}};
    Hub hub{chat, storage, Hub::Hooks{[] {}, {}}};  // commits only when the test says so

    std::shared_ptr<test::FakePeer> named(char id, const std::string& name) {
        auto peer = std::make_shared<test::FakePeer>();
        hub.connect(peer, std::string(32, id));
        hub.receive(peer.get(), encode(ClientMessage{SetName{name}}));
        hub.receive(peer.get(), encode(ClientMessage{Join{"General Talk", std::nullopt}}));
        hub.commit();
        peer->take();
        return peer;
    }
    void send(const std::shared_ptr<test::FakePeer>& peer, const std::string& body, const std::string& client_id) {
        hub.receive(peer.get(), encode(ClientMessage{Send{"General Talk", body, client_id, std::nullopt}}));
    }
};

}  // namespace

TEST_CASE("the store is one WAL-mode file with its schema version recorded") {
    test::TempDir dir;
    {
        SqliteStorage store(dir.path() / "chitchat.db");
        auto mode = store.database().prepare("PRAGMA journal_mode");
        REQUIRE(mode.step());
        CHECK(mode.text(0) == "wal");
        CHECK(schema::version(store.database()) == schema::current_version);
        CHECK(store.database().scalar("SELECT count(*) FROM schema_migrations") == schema::current_version);
    }
    // Opening it again migrates nothing.
    SqliteStorage again(dir.path() / "chitchat.db");
    CHECK(again.database().scalar("SELECT count(*) FROM schema_migrations") == schema::current_version);
}

TEST_CASE("a file that is not a database is refused and left as it is") {
    test::TempDir dir;
    const fs::path file = dir.path() / "chitchat.db";
    std::ofstream(file, std::ios::binary) << std::string(8192, 'x');
    const std::string before = bytes_of(file);
    CHECK_THAT(refusal(file), Catch::Contains("not a database"));
    CHECK(bytes_of(file) == before);
}

TEST_CASE("another program's database is refused and left as it is") {
    test::TempDir dir;
    const fs::path file = dir.path() / "chitchat.db";
    {
        sqlite::Database other(file);
        other.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine')");
    }
    const std::string before = bytes_of(file);
    CHECK_THAT(refusal(file), Catch::Contains("not a Chit-Chat database"));
    CHECK(bytes_of(file) == before);
}

TEST_CASE("a database from a newer server is refused") {
    test::TempDir dir;
    const fs::path file = dir.path() / "chitchat.db";
    { SqliteStorage store(file); }
    {
        sqlite::Database db(file);
        db.exec("INSERT INTO schema_migrations VALUES (99, 0)");
    }
    CHECK_THAT(refusal(file), Catch::Contains("schema version 99, newer than this server's"));
}

TEST_CASE("a truncated database is refused") {
    test::TempDir dir;
    const fs::path file = dir.path() / "chitchat.db";
    {
        SqliteStorage store(file);
        const records::Channel general{0, "General Talk"};
        store.add_channel(general);
        for (std::uint64_t id = 1; id <= 2000; ++id) {
            records::Posted p;
            p.message = Message{id, "General Talk", "Zoë", std::string(200, 'a'), 1, std::nullopt, std::nullopt};
            p.owner = std::string(32, 'a');
            store.append(general, p);
        }
        store.commit();
        store.flush();  // everything into the main file, the WAL emptied
    }
    fs::resize_file(file, fs::file_size(file) / 2);
    const std::string why = refusal(file);
    CHECK_FALSE(why.empty());
    CHECK_THAT(why, Catch::Contains("damaged") || Catch::Contains("malformed"));
}

TEST_CASE("a full disk refuses the turn's posts with server_error and sends nothing of them") {
    World w;
    auto zoe = w.named('a', "Zoë");
    auto ivan = w.named('b', "Иван");
    w.send(zoe, "kept", "c1");
    w.hub.commit();
    zoe->take();
    ivan->take();

    // The database may not grow any more, as on a full disk; each post (4000 bytes of body)
    // needs a page more than any free space left in a page.
    const auto pages = w.storage.database().scalar("PRAGMA page_count");
    w.storage.database().exec("PRAGMA max_page_count = " + std::to_string(pages));
    std::string big;
    for (int i = 0; i < 2000; ++i) big += "ж";
    w.send(zoe, big, "c2");
    for (int i = 0; i < 5; ++i) w.send(ivan, big, "i" + std::to_string(i));
    CHECK(zoe->frames.empty());  // held until the commit
    w.hub.commit();
    const auto refused = zoe->only<ErrorReply>();
    REQUIRE(refused);
    CHECK(refused->code == ErrorCode::server_error);
    CHECK(refused->client_id == std::optional<std::string>("c2"));
    for (const auto& m : ivan->take()) CHECK_FALSE(std::holds_alternative<NewMessage>(m));

    // Room again: the resend is posted with the next id, and everyone sees it once.
    w.storage.database().exec("PRAGMA max_page_count = 1073741823");
    w.send(zoe, "again", "c2");
    w.hub.commit();
    const auto ack = zoe->only<NewMessage>();
    REQUIRE(ack);
    CHECK(ack->message.id == 2);
    CHECK(ivan->only<NewMessage>()->message.body == "again");
}

TEST_CASE("a database that refuses writes answers server_error and changes nothing") {
    World w;
    auto zoe = w.named('a', "Zoë");
    w.storage.database().exec("PRAGMA query_only = ON");  // as a read-only file
    w.send(zoe, "lost?", "c1");
    w.hub.receive(zoe.get(), encode(ClientMessage{CreateChannel{"café"}}));
    w.hub.receive(zoe.get(), encode(ClientMessage{SetName{"Zoé"}}));
    w.hub.commit();
    int errors = 0;
    for (const auto& m : zoe->take()) {
        const auto* e = std::get_if<ErrorReply>(&m);
        REQUIRE(e);
        CHECK(e->code == ErrorCode::server_error);
        ++errors;
    }
    CHECK(errors == 3);
    w.storage.database().exec("PRAGMA query_only = OFF");
    auto other = std::make_shared<test::FakePeer>();
    w.hub.connect(other, std::string(32, 'c'));
    const auto welcome = other->only<Welcome>();
    REQUIRE(welcome);
    CHECK(welcome->channels.size() == 1);  // no café
    CHECK(welcome->channels[0].last_id == 0);
    CHECK(w.chat.display_name(std::string(32, 'a')) == std::optional<std::string>("Zoë"));
}

namespace {

// The store of World, with a commit that fails when told to (as a full disk at COMMIT would).
struct FailingCommit final : Storage {
    SqliteStorage& real;
    bool fail_next = false;
    explicit FailingCommit(SqliteStorage& s) : real(s) {}
    Snapshot load() override { return real.load(); }
    void save_session(const records::Session& s) override { real.save_session(s); }
    void add_channel(const records::Channel& c) override { real.add_channel(c); }
    std::optional<records::Posted> append(const records::Channel& c, const records::Posted& p) override {
        return real.append(c, p);
    }
    std::optional<records::Posted> find_sent(const std::string& sid, const std::string& id) override {
        return real.find_sent(sid, id);
    }
    void change(const records::Channel& c, const ChangeEntry& e, const Message& post) override { real.change(c, e, post); }
    std::optional<records::Posted> find_change(const std::string& sid, std::string_view kind, const std::string& id) override {
        return real.find_change(sid, kind, id);
    }
    std::uint64_t changes_between(const records::Channel& c, std::uint64_t after, std::uint64_t before) override {
        return real.changes_between(c, after, before);
    }
    std::vector<std::string> expire(std::int64_t ts) override { return real.expire(ts); }
    bool pending() const override { return real.pending(); }
    void commit() override {
        if (std::exchange(fail_next, false)) throw StoreError("disk I/O error", SQLITE_IOERR);
        real.commit();
    }
    void rollback() override { real.rollback(); }
    Archive& archive() override { return real.archive(); }
};

}  // namespace

TEST_CASE("a failed commit takes back every post of the turn, and their ids") {
    test::TempDir dir;
    SqliteStorage sqlite(dir.path() / "chitchat.db");
    FailingCommit storage(sqlite);
    test::FakeUploads uploads;
    Chat chat(storage, uploads, ChatOptions{{0, 1000}, 1000});
    Hub hub(chat, storage, Hub::Hooks{[] {}, {}});
    std::vector<std::shared_ptr<test::FakePeer>> people;
    for (const char* name : {"Zoë", "Иван"}) {
        auto peer = std::make_shared<test::FakePeer>();
        hub.connect(peer, std::string(32, name[0] == 'Z' ? 'a' : 'b'));
        hub.receive(peer.get(), encode(ClientMessage{SetName{name}}));
        hub.receive(peer.get(), encode(ClientMessage{Join{"General Talk", std::nullopt}}));
        hub.commit();
        peer->take();
        people.push_back(peer);
    }
    hub.receive(people[0].get(), encode(ClientMessage{Send{"General Talk", "one", "z1", std::nullopt}}));
    hub.receive(people[1].get(), encode(ClientMessage{Send{"General Talk", "two", "i1", std::nullopt}}));
    storage.fail_next = true;
    hub.commit();
    for (const auto& [peer, client_id] : {std::pair{people[0], "z1"}, std::pair{people[1], "i1"}}) {
        const auto frames = peer->take();
        REQUIRE(frames.size() == 1);
        const auto* e = std::get_if<ErrorReply>(&frames[0]);
        REQUIRE(e);
        CHECK(e->code == ErrorCode::server_error);
        CHECK(e->client_id == std::optional<std::string>(client_id));
    }
    // The resend takes the first id again; a newcomer sees only it.
    hub.receive(people[1].get(), encode(ClientMessage{Send{"General Talk", "two", "i1", std::nullopt}}));
    hub.commit();
    CHECK(people[1]->only<NewMessage>()->message.id == 1);
    CHECK(people[0]->only<NewMessage>()->message.body == "two");
    hub.receive(people[0].get(), encode(ClientMessage{Join{"General Talk", std::nullopt}}));
    const auto joined = people[0]->only<Joined>();
    REQUIRE(joined);
    REQUIRE(joined->messages.size() == 1);
    CHECK(joined->messages[0].body == "two");
    hub.commit();
    CHECK(sqlite.load().channels.at(0).messages.size() == 1);
}

TEST_CASE("a failed commit takes back a change: the post as it was, its file kept, the id free again") {
    test::TempDir dir;
    SqliteStorage sqlite(dir.path() / "chitchat.db");
    FailingCommit storage(sqlite);
    test::FakeUploads uploads;
    const std::string file_id = "5f2b6c1e9a0d4e3f8b7a6c5d4e3f2a1b";
    uploads.files[file_id] = records::Upload{
        Attachment{file_id, "/uploads/" + file_id + "/a.png", "a.png", 10, "image/png"}, std::string(32, 'a')};
    Chat chat(storage, uploads, ChatOptions{{0, 1000}, 1000});
    Hub hub(chat, storage, Hub::Hooks{[] {}, {}});
    auto zoe = std::make_shared<test::FakePeer>();
    hub.connect(zoe, std::string(32, 'a'), 2);
    for (const ClientMessage& m : {ClientMessage{SetName{"Zoë"}}, ClientMessage{Join{"General Talk", std::nullopt}},
                                   ClientMessage{Send{"General Talk", "a cat", "z1", file_id}}})
        hub.receive(zoe.get(), encode(m));
    hub.commit();
    zoe->take();
    hub.receive(zoe.get(), encode(ClientMessage{Edit{"General Talk", 1, "a dog", "e1"}}));
    hub.receive(zoe.get(), encode(ClientMessage{Delete{"General Talk", 1, "d1"}}));
    storage.fail_next = true;
    hub.commit();
    const auto frames = zoe->take();
    REQUIRE(frames.size() == 2);
    for (const auto& f : frames) CHECK(std::get<ErrorReply>(f).code == ErrorCode::server_error);
    CHECK(std::get<ErrorReply>(frames[0]).ref == std::optional<std::string>("delete"));  // newest first
    CHECK(std::get<ErrorReply>(frames[1]).client_id == std::optional<std::string>("e1"));
    CHECK(uploads.files.count(file_id) == 1);
    hub.receive(zoe.get(), encode(ClientMessage{Join{"General Talk", std::nullopt}}));
    const auto joined = zoe->only<Joined>();
    REQUIRE(joined->messages.size() == 1);
    CHECK(joined->messages[0].body == "a cat");
    CHECK(joined->messages[0].attachment);
    CHECK(joined->last_id == 1);
    hub.receive(zoe.get(), encode(ClientMessage{Edit{"General Talk", 1, "a dog", "e1"}}));  // sent again
    hub.commit();
    CHECK(zoe->only<Update>()->id == 2);
}

TEST_CASE("retention deletes old posts from the store and from memory, and names their uploads") {
    World w;
    w.uploads.files["5f2b6c1e9a0d4e3f8b7a6c5d4e3f2a1b"] = records::Upload{
        Attachment{"5f2b6c1e9a0d4e3f8b7a6c5d4e3f2a1b", "/uploads/5f2b6c1e9a0d4e3f8b7a6c5d4e3f2a1b/a.png", "a.png", 10,
                   "image/png"},
        std::string(32, 'a')};
    auto zoe = w.named('a', "Zoë");
    w.send(zoe, "old", "c1");
    w.hub.receive(zoe.get(), encode(ClientMessage{Send{"General Talk", "", "c2", "5f2b6c1e9a0d4e3f8b7a6c5d4e3f2a1b"}}));
    w.hub.commit();
    zoe->take();
    const auto uploads = w.hub.expire(chitchat::server::now_ms() + 1000);
    CHECK(uploads == std::vector<std::string>{"5f2b6c1e9a0d4e3f8b7a6c5d4e3f2a1b"});
    CHECK(w.storage.database().scalar("SELECT count(*) FROM posts") == 0);
    w.hub.receive(zoe.get(), encode(ClientMessage{Join{"General Talk", 0}}));
    const auto joined = zoe->only<Joined>();
    REQUIRE(joined);
    CHECK(joined->messages.empty());
    CHECK(joined->gap == 2);
    // Ids go on from where they were; a resend of an expired post's client_id posts anew.
    w.send(zoe, "new", "c1");
    w.hub.commit();
    CHECK(zoe->only<NewMessage>()->message.id == 3);
}
