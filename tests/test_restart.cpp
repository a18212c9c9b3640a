// What a restart keeps, with the real binary: after kill -9 every acknowledged message is there,
// and SIGTERM closes WebSockets with 1001 and exits 0.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <map>
#include <thread>

#include "store/sqlite.hpp"
#include "chitchat/records.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"
#include "support/ws_client.hpp"

using namespace chitchat;
using namespace chitchat::proto;
using namespace std::chrono_literals;
using test::WsClient;

TEST_CASE("kill -9 loses nothing that was acknowledged") {
    test::TempDir dir;
    std::string cookie;
    std::vector<Message> acknowledged;
    {
        test::ServerProcess server(dir.path(), {"--rate-limit", "0"});
        WsClient c(server.port);
        cookie = c.cookie();
        REQUIRE(c.expect<Welcome>());
        c.send(SetName{"Zoë"});
        REQUIRE(c.expect<Session>());
        c.send(CreateChannel{"café"});
        REQUIRE(c.expect<Joined>());
        for (int i = 1; i <= 150; ++i) {
            c.send(Send{"café", "message " + std::to_string(i), "c" + std::to_string(i), std::nullopt});
            const auto ack = c.expect<NewMessage>();
            REQUIRE(ack);
            acknowledged.push_back(ack->message);
        }
        CHECK(server.stop(SIGKILL) == -SIGKILL);
    }
    test::ServerProcess server(dir.path());
    WsClient c(server.port, [&] {
        WsClient::Options o;
        o.cookie = cookie;
        return o;
    }());
    const auto welcome = c.expect<Welcome>();
    REQUIRE(welcome);
    CHECK(welcome->user == std::optional<User>(User{"Zoë"}));
    CHECK(welcome->channel == "café");
    c.send(Join{"café", 0});
    const auto joined = c.expect<Joined>();
    REQUIRE(joined);
    REQUIRE(joined->messages.size() == 100);
    CHECK(joined->gap == 50);
    for (std::size_t i = 0; i < 100; ++i) {
        Message expected = acknowledged[50 + i];
        expected.client_id.reset();
        CHECK(joined->messages[i] == expected);
    }
    // A client that missed its last acknowledgement resends: it gets the original back.
    c.send(Send{"café", "message 150", "c150", std::nullopt});
    CHECK(c.expect<NewMessage>()->message == acknowledged.back());
}

TEST_CASE("kill -9 after edits, a deletion and reactions: every acknowledged change is there, catch-up exact") {
    test::TempDir dir;
    WsClient::Options v2;
    v2.path = "/ws?v=2";
    std::uint64_t seen = 0;   // the highest entry id before the changes
    std::uint64_t last = 0;   // the last acknowledged change's
    std::string url;
    {
        test::ServerProcess server(dir.path(), {"--rate-limit", "0"});
        WsClient c(server.port, v2);
        v2.cookie = c.cookie();
        REQUIRE(c.expect<Welcome>());
        c.send(SetName{"Zoë"});
        REQUIRE(c.expect<Session>());
        c.send(Join{"General Talk", std::nullopt});
        REQUIRE(c.expect<Joined>());
        const auto up = test::upload(server.port, c.cookie(), "notes.txt", "plain words");
        REQUIRE(up.result_int() == 201);
        const auto file = decode_upload(up.body());
        url = file->url;
        for (int i = 1; i <= 5; ++i) {
            c.send(Send{"General Talk", "post " + std::to_string(i), "s" + std::to_string(i),
                        i == 3 ? std::optional<std::string>(file->id) : std::nullopt});
            seen = c.expect<NewMessage>()->message.id;
        }
        const std::vector<ClientMessage> changes = {Edit{"General Talk", 1, "post 1, edited", "e1"},
                                                    Delete{"General Talk", 3, "d1"},
                                                    React{"General Talk", 4, "👍", true, "r1"},
                                                    React{"General Talk", 4, "🎉", true, "r2"},
                                                    Edit{"General Talk", 1, "post 1, edited twice", "e2"}};
        for (const auto& m : changes) {
            c.send(m);
            const auto ack = c.expect<Update>();
            REQUIRE(ack);
            CHECK(ack->id == seen + ++last);  // each change the next entry id
        }
        last += seen;
        CHECK(server.stop(SIGKILL) == -SIGKILL);
    }
    test::ServerProcess server(dir.path());
    WsClient c(server.port, v2);
    REQUIRE(c.expect<Welcome>());
    c.send(Join{"General Talk", seen});
    const auto joined = c.expect<Joined>();
    REQUIRE(joined);
    CHECK(joined->last_id == last);
    CHECK(joined->messages.empty());
    REQUIRE(joined->updates);
    REQUIRE(joined->updates->size() == 3);
    CHECK((*joined->updates)[0].body == "post 1, edited twice");
    CHECK((*joined->updates)[1].deleted);
    CHECK_FALSE((*joined->updates)[1].attachment);
    CHECK((*joined->updates)[2].reactions.size() == 2);
    CHECK(test::http_get(server.port, url).result_int() == 404);
    // The outbox sends a change again after the restart: answered, not applied twice.
    c.send(React{"General Talk", 4, "👍", true, "r1"});
    const auto again = c.expect<Update>();
    REQUIRE(again);
    CHECK(again->id == last - 1);
    CHECK(again->message.reactions.size() == 2);
}

// Four people send as fast as they can, each with five sends in flight, and the server is killed
// in the middle: every acknowledged post is in the database exactly as acknowledged, the ids have
// no holes, and after the restart a resend of the very first post is still recognised.
TEST_CASE("kill -9 during a burst loses nothing acknowledged, and no resend is posted twice") {
    test::TempDir dir;
    std::vector<std::string> cookies;
    std::map<std::string, Message> acknowledged;  // by client_id
    {
        test::ServerProcess server(dir.path(), {"--rate-limit", "0"});
        std::vector<std::unique_ptr<WsClient>> people;
        for (int p = 0; p < 4; ++p) {
            people.push_back(std::make_unique<WsClient>(server.port));
            auto& c = *people.back();
            cookies.push_back(c.cookie());
            REQUIRE(c.expect<Welcome>());
            c.send(SetName{"sender " + std::to_string(p)});
            REQUIRE(c.expect<Session>());
            c.send(Join{"General Talk", std::nullopt});
            REQUIRE(c.expect<Joined>());
        }
        std::atomic<std::size_t> acks{0};
        std::thread killer([&] {
            while (acks.load() < 400) std::this_thread::sleep_for(1ms);
            CHECK(server.stop(SIGKILL) == -SIGKILL);
        });
        bool alive = true;
        for (int round = 0; alive && round < 1000; ++round) {
            for (std::size_t p = 0; p < people.size(); ++p)
                for (int k = 0; k < 5; ++k) {
                    const std::string id = "p" + std::to_string(p) + "-" + std::to_string(round * 5 + k);
                    people[p]->send(Send{"General Talk", "burst " + id, id, std::nullopt});
                }
            for (std::size_t p = 0; alive && p < people.size(); ++p) {
                const std::string last = "p" + std::to_string(p) + "-" + std::to_string(round * 5 + 4);
                for (bool done = false; !done;) {
                    const auto m = people[p]->next(2s);
                    if (!m) {
                        alive = false;
                        break;
                    }
                    const auto* posted = std::get_if<NewMessage>(&*m);
                    if (!posted || !posted->message.client_id) continue;
                    acknowledged[*posted->message.client_id] = posted->message;
                    ++acks;
                    done = *posted->message.client_id == last;
                }
            }
        }
        killer.join();
        REQUIRE(acknowledged.size() >= 400);
    }
    {
        chitchat::server::sqlite::Database db(dir.path() / "data" / "chitchat.db");
        auto posts = db.prepare("SELECT p.id, p.client_id, p.body FROM posts p ORDER BY p.id");
        std::uint64_t expected_id = 1;
        std::size_t found = 0;
        while (posts.step()) {
            CHECK(static_cast<std::uint64_t>(posts.integer(0)) == expected_id++);
            if (const auto it = acknowledged.find(posts.text(1)); it != acknowledged.end()) {
                CHECK(it->second.id == static_cast<std::uint64_t>(posts.integer(0)));
                CHECK(it->second.body == posts.text(2));
                ++found;
            }
        }
        CHECK(found == acknowledged.size());
    }
    test::ServerProcess server(dir.path());
    WsClient c(server.port, [&] {
        WsClient::Options o;
        o.cookie = cookies[0];
        return o;
    }());
    REQUIRE(c.expect<Welcome>());
    c.send(Join{"General Talk", std::nullopt});
    REQUIRE(c.expect<Joined>());
    c.send(Send{"General Talk", "burst p0-0", "p0-0", std::nullopt});
    const auto original = c.expect<NewMessage>();
    REQUIRE(original);
    CHECK(original->message == acknowledged.at("p0-0"));
}

TEST_CASE("a damaged database stops the server at start with one clear line, and is left as it is") {
    test::TempDir dir;
    std::filesystem::create_directories(dir.path() / "data");
    const auto file = dir.path() / "data" / "chitchat.db";
    std::ofstream(file, std::ios::binary) << std::string(4096, '\x5a');
    CHECK_THROWS_WITH(test::ServerProcess(dir.path()), Catch::Contains("chitchat.db: ") && Catch::Contains("refusing to start"));
    CHECK(std::filesystem::file_size(file) == 4096);
}

TEST_CASE("backup copies a running server's database, and the server keeps serving") {
    test::TempDir dir;
    test::ServerProcess server(dir.path(), {"--rate-limit", "0"});
    WsClient c(server.port);
    REQUIRE(c.expect<Welcome>());
    c.send(SetName{"Zoë"});
    REQUIRE(c.expect<Session>());
    c.send(Join{"General Talk", std::nullopt});
    REQUIRE(c.expect<Joined>());
    for (int i = 1; i <= 250; ++i) {
        c.send(Send{"General Talk", "before the backup " + std::to_string(i), "b" + std::to_string(i), std::nullopt});
        REQUIRE(c.expect<NewMessage>());
    }
    const auto copy = dir.path() / "copy.db";
    const std::string command = std::string(CHITCHAT_SERVER_BINARY) + " backup " + copy.string() + " --data-dir " +
                                (dir.path() / "data").string() + " 2>&1";
    CHECK(std::system(command.c_str()) == 0);
    c.send(Send{"General Talk", "after the backup", "a1", std::nullopt});
    CHECK(c.expect<NewMessage>()->message.id == 251);

    chitchat::server::sqlite::Database db(copy);
    CHECK(db.scalar("SELECT count(*) FROM posts") == 250);
    CHECK(db.scalar("SELECT count(*) FROM users WHERE name = 'Zoë'") == 1);
    CHECK(db.scalar("SELECT max(version) FROM schema_migrations") >= 1);
    CHECK_FALSE(std::filesystem::exists(dir.path() / "copy.db.partial"));
    CHECK(std::system((std::string(CHITCHAT_SERVER_BINARY) + " backup 2>/dev/null").c_str()) != 0);
}

// Posts older than --retain-days go at the start and every hour after, with their uploads.
TEST_CASE("retention deletes old posts and their uploaded files") {
    test::TempDir dir;
    const std::string id = "5f2b6c1e9a0d4e3f8b7a6c5d4e3f2a1b";
    const chitchat::Attachment file{id, "/uploads/" + id + "/old.png", "old.png", 4, "image/png"};
    { test::ServerProcess server(dir.path()); }  // makes the database
    {
        std::ofstream(dir.path() / "uploads" / id) << "\x89PNG";
        std::ofstream(dir.path() / "uploads" / (id + ".json"))
            << chitchat::records::encode(chitchat::records::Upload{file, std::string(32, 'a')}) << "\n";
        chitchat::server::sqlite::Database db(dir.path() / "data" / "chitchat.db");
        const std::int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                                     std::chrono::system_clock::now().time_since_epoch()).count();
        auto insert = db.prepare(
            "INSERT INTO posts (channel, id, sid, sender, body, ts, attachment, changed_id) VALUES (0, ?1, ?2, 'Zoë', ?3, ?4, ?5, ?1)");
        insert.bind(1, std::int64_t{1}).bind(2, std::string(32, 'a')).bind(3, "ten days old").bind(4, now - 10 * 86'400'000LL);
        insert.bind(5, chitchat::records::encode(file));
        insert.run();
        insert.bind(1, std::int64_t{2}).bind(2, std::string(32, 'a')).bind(3, "an hour old").bind(4, now - 3'600'000LL);
        insert.run();
    }
    test::ServerProcess server(dir.path(), {"--retain-days", "7"});
    WsClient c(server.port);
    REQUIRE(c.expect<Welcome>());
    c.send(SetName{"Иван"});
    REQUIRE(c.expect<Session>());
    std::optional<Joined> joined;
    for (int attempt = 0; attempt < 50; ++attempt) {  // the first tick runs the retention
        c.send(Join{"General Talk", std::nullopt});
        joined = c.expect<Joined>();
        REQUIRE(joined);
        if (joined->messages.size() == 1) break;
        std::this_thread::sleep_for(100ms);
    }
    REQUIRE(joined->messages.size() == 1);
    CHECK(joined->messages[0].body == "an hour old");
    CHECK_FALSE(std::filesystem::exists(dir.path() / "uploads" / id));
    CHECK(test::http_get(server.port, file.url).result_int() == 404);
}

TEST_CASE("SIGTERM closes WebSockets with 1001 and exits 0") {
    test::TempDir dir;
    test::ServerProcess server(dir.path());
    WsClient c(server.port);
    REQUIRE(c.expect<Welcome>());
    std::thread stopper([&] { CHECK(server.stop(SIGTERM) == 0); });
    CHECK_FALSE(c.next(5s));
    stopper.join();
    CHECK(c.close_code() == std::optional<unsigned>(1001));
}

TEST_CASE("a bad flag is refused with exit code 2") {
    test::TempDir dir;
    CHECK_THROWS_WITH(test::ServerProcess(dir.path(), {"--port", "99999"}),
                      Catch::Contains("--port: expected a port from 0 to 65535"));
}
