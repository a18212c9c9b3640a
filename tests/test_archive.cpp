// Reading the whole history back: pages of a channel, posts around one, and full-text search,
// over a real database; and the search box's text made into an FTS5 query.
#include <catch2/catch.hpp>

#include "store/fts_query.hpp"
#include "store/sqlite_storage.hpp"
#include "support/temp_dir.hpp"

using namespace chitchat;
using namespace chitchat::server;

namespace {

const std::string zoe(32, 'a');

struct Store {
    test::TempDir dir;
    SqliteStorage storage{dir.path() / "chitchat.db"};
    const records::Channel general{0, "General Talk"}, cafe{1, "café"};
    std::int64_t ts = 1'764'151'300'000;

    Store() {
        storage.add_channel(general);
        storage.add_channel(cafe);
    }
    void post(const records::Channel& channel, std::uint64_t id, const std::string& body) {
        records::Posted p;
        p.message = Message{id, channel.name, "Zoë", body, ++ts, "c" + std::to_string(ts), std::nullopt, "0123456789abcdef"};
        p.owner = zoe;
        storage.append(channel, p);
    }
    Archive& archive() {
        storage.maintain();  // indexed for search, as every quarter second
        storage.commit();
        return storage.archive();
    }
};

std::vector<std::uint64_t> ids(const Page& page) {
    std::vector<std::uint64_t> out;
    for (const auto& m : page.messages) out.push_back(m.id);
    return out;
}

SearchQuery query(std::string text) {
    SearchQuery q;
    q.match = fts_query(text);
    return q;
}

}  // namespace

TEST_CASE("history pages go back from an id, each page oldest first") {
    Store s;
    for (std::uint64_t id = 1; id <= 120; ++id) s.post(s.general, id, "post " + std::to_string(id));
    Page newest = s.archive().before(0, UINT64_MAX, 50);
    CHECK(ids(newest).front() == 71);
    CHECK(ids(newest).back() == 120);
    CHECK(newest.more);
    Page older = s.archive().before(0, 71, 50);
    CHECK(ids(older).front() == 21);
    CHECK(ids(older).back() == 70);
    CHECK(older.more);
    Page oldest = s.archive().before(0, 21, 50);
    CHECK(ids(oldest) == std::vector<std::uint64_t>{1,  2,  3,  4,  5,  6,  7,  8,  9,  10,
                                                    11, 12, 13, 14, 15, 16, 17, 18, 19, 20});
    CHECK_FALSE(oldest.more);
    CHECK(oldest.messages[0].body == "post 1");
    CHECK(oldest.messages[0].sender_id == std::optional<std::string>("0123456789abcdef"));
    CHECK_FALSE(oldest.messages[0].client_id);  // never shown to others
    CHECK(s.archive().before(1, 10, 50).messages.empty());  // another channel
}

TEST_CASE("history around an id: the posts on both sides of it") {
    Store s;
    for (std::uint64_t id = 1; id <= 30; ++id) s.post(s.general, id, "post " + std::to_string(id));
    Page page = s.archive().around(0, 15, 10);
    CHECK(ids(page) == std::vector<std::uint64_t>{10, 11, 12, 13, 14, 15, 16, 17, 18, 19});
    CHECK(page.more);
    CHECK(ids(s.archive().around(0, 2, 10)) == std::vector<std::uint64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    CHECK_FALSE(s.archive().around(0, 2, 10).more);
    CHECK(ids(s.archive().around(0, 30, 4)) == std::vector<std::uint64_t>{28, 29, 30});
}

TEST_CASE("search: every word, as a prefix, case- and diacritic-insensitive, newest first") {
    Store s;
    s.post(s.general, 1, "Rendez-vous au Café de Flore");
    s.post(s.general, 2, "le café est froid");
    s.post(s.cafe, 1, "CAFE au lait, s'il vous plaît");
    s.post(s.cafe, 2, "nothing to see");
    s.post(s.general, 3, "Привет, Мир!");
    const auto found = [&](std::string text) { return s.archive().search(query(std::move(text))); };
    const Page cafe = found("caf");
    REQUIRE(cafe.messages.size() == 3);
    CHECK(cafe.messages[0].channel == "café");  // newest first
    CHECK(cafe.messages[0].id == 1);
    CHECK(cafe.messages[1].body == "le café est froid");
    CHECK(cafe.messages[2].body == "Rendez-vous au Café de Flore");
    CHECK(found("café lait").messages.size() == 1);
    CHECK(found("\"café de flore\"").messages.size() == 1);
    CHECK(found("\"de café\"").messages.empty());
    CHECK(found("мир").messages.size() == 1);
    CHECK(found("PLAIT").messages.size() == 1);
    CHECK(found("absent").messages.empty());
    SearchQuery in_cafe = query("caf");
    in_cafe.channel = 1;
    CHECK(s.archive().search(in_cafe).messages.size() == 1);
}

TEST_CASE("search pages: 20 at a time, the next page from the last one's id or time") {
    Store s;
    for (std::uint64_t id = 1; id <= 45; ++id) s.post(s.general, id, "match number " + std::to_string(id));
    SearchQuery q = query("match");
    q.limit = 20;
    Page first = s.archive().search(q);
    REQUIRE(first.messages.size() == 20);
    CHECK(first.more);
    CHECK(first.messages.front().id == 45);
    CHECK(first.messages.back().id == 26);
    q.before_ts = first.messages.back().ts;
    Page second = s.archive().search(q);
    CHECK(second.messages.front().id == 25);
    CHECK(second.more);
    q.before_ts.reset();
    q.channel = 0;
    q.before = 6;
    Page last = s.archive().search(q);
    CHECK(ids(last) == std::vector<std::uint64_t>{5, 4, 3, 2, 1});
    CHECK_FALSE(last.more);
}

TEST_CASE("search sees only committed posts") {
    Store s;
    s.post(s.general, 1, "committed words");
    Archive& archive = s.archive();
    s.post(s.general, 2, "uncommitted words");
    s.storage.maintain();
    CHECK(archive.search(query("words")).messages.size() == 1);
    s.storage.commit();
    CHECK(archive.search(query("words")).messages.size() == 2);
}

TEST_CASE("search: a post is found once indexed, and found by its body as it is now") {
    Store s;
    s.post(s.general, 1, "first words");
    s.storage.commit();
    CHECK(s.storage.archive().search(query("first")).messages.empty());  // not indexed yet
    CHECK(s.archive().search(query("first")).messages.size() == 1);
    // Changed after it was indexed: found by its new body only; deleted: found no more.
    s.storage.database().exec("UPDATE posts SET body = 'second thoughts' WHERE id = 1");
    CHECK(s.archive().search(query("first")).messages.empty());
    CHECK(s.archive().search(query("second")).messages.size() == 1);
    s.storage.database().exec("UPDATE posts SET body = '', deleted = 1 WHERE id = 1");
    CHECK(s.archive().search(query("second")).messages.empty());
    s.storage.database().exec("INSERT INTO posts_search(posts_search) VALUES ('integrity-check')");
}

TEST_CASE("a search box's text is quoted into an FTS5 query") {
    CHECK(fts_query("caf") == "\"caf\"*");
    CHECK(fts_query("  café   lait ") == "\"café\"* AND \"lait\"*");
    CHECK(fts_query("\"exact phrase\" more") == "\"exact phrase\" AND \"more\"*");
    CHECK(fts_query("say \"hi") == "\"say\"* AND \"hi\"");
    CHECK(fts_query("a\"b") == "\"a\"* AND \"b\"");
    CHECK(fts_query("NEAR( OR AND - * ^ :") == "\"NEAR(\"* AND \"OR\"* AND \"AND\"*");
    CHECK(fts_query("!!! ...") == "");
    CHECK(fts_query("") == "");
}
