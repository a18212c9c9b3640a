#include "store/sqlite_archive.hpp"

#include <algorithm>
#include <limits>

#include "store/post_rows.hpp"

namespace chitchat::server {
namespace {

std::int64_t i64(std::uint64_t v) { return static_cast<std::int64_t>(std::min<std::uint64_t>(v, INT64_MAX)); }

}  // namespace

SqliteArchive::SqliteArchive(const std::filesystem::path& file) : db_(file) {
    db_.exec("PRAGMA query_only = ON");
    const std::string from = std::string("SELECT ") + post_columns + " FROM posts p JOIN channels c ON c.seq = p.channel ";
    older_ = db_.prepare(from + "WHERE p.channel = ?1 AND p.id < ?2 ORDER BY p.id DESC LIMIT ?3");
    from_ = db_.prepare(from + "WHERE p.channel = ?1 AND p.id >= ?2 ORDER BY p.id LIMIT ?3");
    // Newest first by the index's rowid (the order posts were stored in); ?5 bounds it for the
    // next page, and the full-text index walks down from there.
    search_ = db_.prepare(std::string("SELECT ") + post_columns +
                          " FROM posts_search s JOIN posts p ON p.rowid = s.rowid JOIN channels c ON c.seq = p.channel"
                          " WHERE posts_search MATCH ?1 AND s.rowid < ?5 AND p.deleted = 0"
                          " AND (c.dm_a IS NULL OR ?2 IN (c.dm_a, c.dm_b)) AND (?3 IS NULL OR p.channel = ?3)"
                          " ORDER BY s.rowid DESC LIMIT ?4");
    rowid_at_ = db_.prepare("SELECT rowid FROM posts WHERE channel = ?1 AND id >= ?2 ORDER BY id LIMIT 1");
    rowid_since_ = db_.prepare("SELECT rowid FROM posts WHERE ts >= ?1 ORDER BY ts LIMIT 1");
}

// Reads up to limit + 1 rows: the extra one only says whether there is more.
Page SqliteArchive::read(sqlite::Statement& statement, std::size_t limit, bool newest_first_rows) {
    Page page;
    while (statement.step()) {
        if (page.messages.size() == limit) {
            page.more = true;
            break;
        }
        page.messages.push_back(read_post(statement).message);
        page.messages.back().client_id.reset();  // nobody's client ids but in their own acks
    }
    statement.reset();
    if (newest_first_rows) std::reverse(page.messages.begin(), page.messages.end());
    return page;
}

Page SqliteArchive::before(std::uint64_t channel, std::uint64_t before, std::size_t limit) {
    const std::lock_guard lock(mutex_);
    sqlite::Transaction snapshot(db_, sqlite::Transaction::Kind::read);
    older_.bind(1, i64(channel)).bind(2, i64(before)).bind(3, i64(limit + 1));
    return read(older_, limit, true);
}

Page SqliteArchive::around(std::uint64_t channel, std::uint64_t id, std::size_t limit) {
    const std::lock_guard lock(mutex_);
    sqlite::Transaction snapshot(db_, sqlite::Transaction::Kind::read);  // both halves from one state
    const std::size_t older = limit / 2;
    older_.bind(1, i64(channel)).bind(2, i64(id)).bind(3, i64(older + 1));
    Page page = read(older_, older, true);
    from_.bind(1, i64(channel)).bind(2, i64(id)).bind(3, i64(limit - page.messages.size()));  // fewer before: more after
    while (from_.step()) {
        page.messages.push_back(read_post(from_).message);
        page.messages.back().client_id.reset();
    }
    from_.reset();
    if (older == 0) page.more = id > 1;  // nothing asked for before it: say whether there is
    return page;
}

int SqliteArchive::checkpoint() {
    const std::lock_guard lock(mutex_);
    int log = 0, done = 0;
    sqlite::check(db_.handle(), sqlite3_wal_checkpoint_v2(db_.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &done),
                  "checkpointing");
    return log;
}

Page SqliteArchive::search(const SearchQuery& q) {
    const std::lock_guard lock(mutex_);
    sqlite::Transaction snapshot(db_, sqlite::Transaction::Kind::read);
    std::int64_t below = std::numeric_limits<std::int64_t>::max();
    const auto bound = [&](sqlite::Statement& s) {
        if (s.step()) below = std::min(below, s.integer(0));
        s.reset();
    };
    if (q.channel && q.before) {
        rowid_at_.bind(1, i64(*q.channel)).bind(2, i64(*q.before));
        bound(rowid_at_);
    }
    if (q.before_ts) {
        rowid_since_.bind(1, *q.before_ts);
        bound(rowid_since_);
    }
    search_.bind(1, q.match).bind(2, q.user_id).bind(4, i64(q.limit + 1)).bind(5, below);
    if (q.channel) search_.bind(3, i64(*q.channel));
    return read(search_, q.limit, false);
}

}  // namespace chitchat::server
