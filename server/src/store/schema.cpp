#include "store/schema.hpp"

#include <string>

namespace chitchat::server::schema {
namespace {

// Version 1 holds everything protocol 2 stores, so its features need no second migration.
// Entry ids number every change of a channel (a post, an edit, a deletion, a change of
// reactions): posts take theirs in `posts`, the other changes in `entries`.
constexpr const char* version_1 = R"sql(
CREATE TABLE users (
    sid          TEXT PRIMARY KEY,         -- the session cookie's id
    user_id      TEXT UNIQUE,              -- 16 hex digits, from the first set_name
    name         TEXT,                     -- display name; NULL until set
    last_channel TEXT NOT NULL,
    created_ts   INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE channels (
    seq      INTEGER PRIMARY KEY,          -- creation order
    name     TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,         -- the name as compared: unique ignoring case
    dm_a     TEXT,                         -- a direct message's two user ids, ascending;
    dm_b     TEXT,                         -- NULL for a public channel
    created_ts INTEGER NOT NULL
);
CREATE UNIQUE INDEX channels_dm ON channels(dm_a, dm_b) WHERE dm_a IS NOT NULL;

CREATE TABLE posts (
    rowid       INTEGER PRIMARY KEY,       -- the full-text index's key
    channel     INTEGER NOT NULL REFERENCES channels(seq),
    id          INTEGER NOT NULL,          -- entry id within the channel
    sid         TEXT NOT NULL,             -- the sending session
    sender      TEXT NOT NULL,             -- display name when sent
    sender_id   TEXT,                      -- user id
    body        TEXT NOT NULL,             -- '' once deleted
    ts          INTEGER NOT NULL,          -- server milliseconds since the epoch
    client_id   TEXT,
    attachment  TEXT,                      -- JSON {id, url, name, size, mime}; NULL once deleted
    reply_to    INTEGER,                   -- the answered post's id, and its sender and first
    reply_sender TEXT,                     -- 200 code points, fixed when the reply was posted
    reply_sender_id TEXT,
    reply_body  TEXT,
    edited_ts   INTEGER,
    deleted     INTEGER NOT NULL DEFAULT 0,
    changed_id  INTEGER NOT NULL,          -- entry id of the post's latest change
    reactions   TEXT,                      -- JSON [{emoji, users: [user id]}] in their order; NULL: none
    UNIQUE (channel, id)
);
CREATE UNIQUE INDEX posts_client_id ON posts(sid, client_id) WHERE client_id IS NOT NULL;

CREATE TABLE entries (                     -- edits, deletions and reactions (kept by --retain-days:
                                           -- they hold no content, and joined.gap counts them)
    channel   INTEGER NOT NULL,
    id        INTEGER NOT NULL,
    post      INTEGER NOT NULL,            -- the id of the post it changed
    kind      TEXT NOT NULL CHECK (kind IN ('edit', 'delete', 'react')),
    sid       TEXT NOT NULL,
    client_id TEXT,
    ts        INTEGER NOT NULL,
    PRIMARY KEY (channel, id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX entries_client_id ON entries(sid, kind, client_id) WHERE client_id IS NOT NULL;

CREATE TABLE read_markers (
    user_id TEXT NOT NULL,
    channel INTEGER NOT NULL,
    id      INTEGER NOT NULL,              -- read up to this entry id; never moves backwards
    PRIMARY KEY (user_id, channel)
) WITHOUT ROWID;

CREATE TABLE uploads (
    id    TEXT PRIMARY KEY,                -- 32 hex digits, the file's name in the uploads folder
    sid   TEXT NOT NULL,
    name  TEXT NOT NULL,
    size  INTEGER NOT NULL,
    mime  TEXT NOT NULL,
    ts    INTEGER NOT NULL
) WITHOUT ROWID;

-- Full-text search over post bodies: case- and diacritic-insensitive words, prefix queries.
-- New posts are indexed in batches, every quarter second (SqliteStorage::maintain), not in the
-- turn that stores them: one index segment per batch, not per commit. `search_indexed.upto` is
-- the highest posts.rowid indexed; a post changed after it was indexed is indexed again at once.
CREATE VIRTUAL TABLE posts_search USING fts5(
    body, content='posts', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
CREATE TABLE search_indexed (upto INTEGER NOT NULL);
INSERT INTO search_indexed VALUES (0);
CREATE TRIGGER posts_search_delete AFTER DELETE ON posts
WHEN old.rowid <= (SELECT upto FROM search_indexed) BEGIN
    INSERT INTO posts_search(posts_search, rowid, body) VALUES ('delete', old.rowid, old.body);
END;
CREATE TRIGGER posts_search_update AFTER UPDATE OF body ON posts
WHEN old.rowid <= (SELECT upto FROM search_indexed) BEGIN
    INSERT INTO posts_search(posts_search, rowid, body) VALUES ('delete', old.rowid, old.body);
    INSERT INTO posts_search(rowid, body) SELECT new.rowid, new.body WHERE new.deleted = 0;
END;
)sql";

constexpr const char* migrations[] = {version_1};
static_assert(std::size(migrations) == current_version);

bool has_table(sqlite::Database& db, const char* name) {
    auto s = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?");
    s.bind(1, name);
    return s.step();
}

}  // namespace

int version(sqlite::Database& db) {
    if (!has_table(db, "schema_migrations")) return 0;
    return static_cast<int>(db.scalar("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
}

int check(sqlite::Database& db) {
    // Reading the header finds a file that is not a database (SQLITE_NOTADB) before anything else.
    const std::int64_t objects = db.scalar("SELECT count(*) FROM sqlite_schema");
    const int from = version(db);
    if (from == 0 && objects > 0)
        throw sqlite::StoreError("the database holds tables but no schema_migrations: not a Chit-Chat database",
                                 SQLITE_MISMATCH);
    if (from > current_version)
        throw sqlite::StoreError("the database has schema version " + std::to_string(from) +
                                     ", newer than this server's " + std::to_string(current_version),
                                 SQLITE_MISMATCH);
    if (from > 0) {  // a truncated or damaged file is refused here, before anything is served from it
        auto check = db.prepare("PRAGMA quick_check");
        if (check.step() && check.text(0) != "ok")
            throw sqlite::StoreError("the database is damaged (quick_check: " + check.text(0) + ")", SQLITE_CORRUPT);
    }
    return from;
}

void migrate(sqlite::Database& db, int from) {
    for (int v = from + 1; v <= current_version; ++v) {
        sqlite::Transaction tx(db);
        if (v == 1) db.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_ts INTEGER NOT NULL)");
        db.exec(migrations[v - 1]);
        auto s = db.prepare("INSERT INTO schema_migrations (version, applied_ts) VALUES (?, unixepoch() * 1000)");
        s.bind(1, std::int64_t{v});
        s.run();
        tx.commit();
    }
}

}  // namespace chitchat::server::schema
