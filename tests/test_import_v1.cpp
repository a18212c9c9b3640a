// A protocol-1 data folder (session files and channel logs, as the previous release wrote
// them) is imported on the first start, moved aside, and never imported twice.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <utility>

#include "chitchat/records.hpp"
#include "store/import_v1.hpp"
#include "store/sqlite_storage.hpp"
#include "support/temp_dir.hpp"

using namespace chitchat;
using namespace chitchat::server;
namespace fs = std::filesystem;

namespace {

const std::string zoe = "0123456789abcdef0123456789abcdef", ivan = "fedcba9876543210fedcba9876543210";

// The previous release's folder: <sid>.json per session, <seq>.log per channel (its header
// line, then one line per message, the last one possibly torn by a crash).
struct V1Folder {
    test::TempDir dir;
    fs::path data() const { return dir.path() / "data"; }
    std::vector<records::Posted> cafe, general;

    V1Folder() {
        fs::create_directories(data() / "sessions");
        fs::create_directories(data() / "channels");
        std::ofstream(data() / "sessions" / (zoe + ".json")) << records::encode(records::Session{zoe, "Zoë", "café"}) << "\n";
        std::ofstream(data() / "sessions" / (ivan + ".json"))
            << records::encode(records::Session{ivan, "Иван", "General Talk"}) << "\n";
        std::ofstream(data() / "sessions" / "not-a-session.json") << "{}\n";
        for (std::uint64_t id = 1; id <= 300; ++id) {
            records::Posted p;
            p.message = Message{id, "café", id % 2 ? "Zoë" : "Иван", "message " + std::to_string(id) + " ✓",
                                1764151300000 + static_cast<std::int64_t>(id), "c" + std::to_string(id), std::nullopt};
            p.owner = id % 2 ? zoe : ivan;
            if (id == 7)
                p.message.attachment = Attachment{"5f2b6c1e9a0d4e3f8b7a6c5d4e3f2a1b",
                                                  "/uploads/5f2b6c1e9a0d4e3f8b7a6c5d4e3f2a1b/cat.png", "cat.png", 4242,
                                                  "image/png"};
            cafe.push_back(p);
        }
        records::Posted hello;
        hello.message = Message{1, "General Talk", "Иван", "hello", 1764151200000, "g1", std::nullopt};
        hello.owner = ivan;
        general.push_back(hello);
        write_log(0, "General Talk", general, "");
        write_log(3, "café", cafe, R"({"owner":"0123456789abcdef0123456789abcdef","message":{"id":301,"cha)");
        // As the store reads them back: a post never changed has its own id as its latest change.
        for (auto* posts : {&cafe, &general})
            for (auto& p : *posts) p.message.changed_id = p.message.id;
    }
    void write_log(std::uint64_t seq, const std::string& name, const std::vector<records::Posted>& posts,
                   const std::string& torn) const {
        std::ofstream out(data() / "channels" / (std::to_string(seq) + ".log"));
        out << records::encode(records::Channel{seq, name}) << "\n";
        for (const auto& p : posts) out << records::encode(p) << "\n";
        out << torn;
    }
};

}  // namespace

TEST_CASE("a protocol-1 folder is imported whole, then moved to imported-v1") {
    V1Folder v1;
    SqliteStorage store(v1.data() / "chitchat.db");
    const ImportCounts counts = import_v1(v1.data(), store);
    CHECK(counts.sessions == 2);
    CHECK(counts.channels == 2);
    CHECK(counts.messages == 301);
    CHECK_FALSE(fs::exists(v1.data() / "sessions"));
    CHECK_FALSE(fs::exists(v1.data() / "channels"));
    CHECK(fs::exists(v1.data() / "imported-v1" / "sessions" / (zoe + ".json")));
    CHECK(fs::exists(v1.data() / "imported-v1" / "channels" / "3.log"));

    // Every message, with its id, sender, time, attachment and client id.
    auto all = store.database().prepare(
        "SELECT p.id, p.sid, p.sender, p.body, p.ts, p.client_id, p.attachment IS NOT NULL FROM posts p "
        "JOIN channels c ON c.seq = p.channel WHERE c.name = 'café' ORDER BY p.id");
    std::size_t n = 0;
    while (all.step()) {
        const auto& want = v1.cafe.at(n++);
        CHECK(all.integer(0) == static_cast<std::int64_t>(want.message.id));
        CHECK(all.text(1) == want.owner);
        CHECK(all.text(2) == want.message.sender);
        CHECK(all.text(3) == want.message.body);
        CHECK(all.integer(4) == want.message.ts);
        CHECK(all.optional_text(5) == want.message.client_id);
        CHECK((all.integer(6) != 0) == want.message.attachment.has_value());
    }
    CHECK(n == 300);

    Snapshot s = store.load();
    // Named sessions got user ids, and their posts carry them (protocol 2).
    std::map<std::string, std::string> ids;
    for (auto& session : s.sessions) {
        REQUIRE(session.user_id);
        CHECK(session.user_id->size() == 16);
        ids[session.sid] = *std::exchange(session.user_id, std::nullopt);
    }
    CHECK(ids[zoe] != ids[ivan]);
    for (auto& channel : s.channels)
        for (auto& posted : channel.messages)
            CHECK(std::exchange(posted.message.sender_id, std::nullopt) == std::optional<std::string>(ids[posted.owner]));
    REQUIRE(s.channels.size() == 2);
    CHECK(s.channels[0].channel == records::Channel{0, "General Talk"});
    CHECK(s.channels[0].messages == v1.general);
    CHECK(s.channels[1].channel == records::Channel{3, "café"});
    CHECK(s.channels[1].messages.size() == 100);
    CHECK(s.channels[1].messages.back() == v1.cafe.back());
    CHECK(std::find(v1.cafe.begin(), v1.cafe.end(), s.channels[1].messages.front()) == v1.cafe.begin() + 200);
    auto sessions = s.sessions;
    std::sort(sessions.begin(), sessions.end(), [](const auto& a, const auto& b) { return a.sid < b.sid; });
    CHECK(sessions == std::vector<records::Session>{{zoe, "Zoë", "café"}, {ivan, "Иван", "General Talk"}});
    // A resend of an imported message is answered with the original.
    auto original = store.append({3, "café"}, v1.cafe[0]);
    REQUIRE(original);
    CHECK(std::exchange(original->message.sender_id, std::nullopt) == std::optional<std::string>(ids[zoe]));
    CHECK(*original == v1.cafe[0]);
}

TEST_CASE("a second start imports nothing") {
    V1Folder v1;
    {
        SqliteStorage store(v1.data() / "chitchat.db");
        import_v1(v1.data(), store);
    }
    SqliteStorage store(v1.data() / "chitchat.db");
    const ImportCounts again = import_v1(v1.data(), store);
    CHECK(again.messages == 0);
    CHECK(again.sessions == 0);
    CHECK(store.database().scalar("SELECT count(*) FROM posts") == 301);
}

TEST_CASE("a start that stopped after the import's commit only moves the files") {
    V1Folder v1;
    {
        SqliteStorage store(v1.data() / "chitchat.db");
        import_v1(v1.data(), store);
    }
    // The files back in place, as if the server had died before moving them.
    fs::rename(v1.data() / "imported-v1" / "sessions", v1.data() / "sessions");
    fs::rename(v1.data() / "imported-v1" / "channels", v1.data() / "channels");
    SqliteStorage store(v1.data() / "chitchat.db");
    CHECK(import_v1(v1.data(), store).messages == 0);
    CHECK(store.database().scalar("SELECT count(*) FROM posts") == 301);
    CHECK_FALSE(fs::exists(v1.data() / "channels"));
    CHECK(fs::exists(v1.data() / "imported-v1" / "2" / "channels" / "3.log"));
}
