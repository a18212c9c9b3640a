#include "store/sqlite_storage.hpp"

#include <algorithm>

#include "chitchat/limits.hpp"
#include "chitchat/validation.hpp"
#include "log.hpp"
#include "store/post_rows.hpp"
#include "store/schema.hpp"

namespace chitchat::server {

SqliteStorage::SqliteStorage(const std::filesystem::path& file, Sync sync) : db_(file) {
    const int version = schema::check(db_);  // before the first write: a foreign file is left as it is
    // WAL: readers (a backup) never block the writer, and a commit is one append to the log.
    db_.exec("PRAGMA journal_mode = WAL");
    db_.exec(sync == Sync::full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
    db_.exec("PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY");
    schema::migrate(db_, version);
    // Checkpoints copy the log into the database file (and fsync): the archive's connection
    // does that on the reading thread (checkpoint()), never the writer in the chat's turn.
    db_.exec("PRAGMA wal_autocheckpoint = 0");
    db_.exec("PRAGMA journal_size_limit = 67108864");  // a log started afresh shrinks back to 64 MiB
    begin_ = db_.prepare("BEGIN IMMEDIATE");
    commit_ = db_.prepare("COMMIT");
    rollback_ = db_.prepare("ROLLBACK");
    upsert_session_ = db_.prepare(
        "INSERT INTO users (sid, name, last_channel, user_id, created_ts) VALUES (?1, ?2, ?3, ?4, unixepoch() * 1000) "
        "ON CONFLICT (sid) DO UPDATE SET name = excluded.name, last_channel = excluded.last_channel, "
        "user_id = excluded.user_id");
    insert_channel_ = db_.prepare(
        "INSERT INTO channels (seq, name, name_key, created_ts) VALUES (?1, ?2, ?3, unixepoch() * 1000)");
    insert_post_ = db_.prepare(
        "INSERT INTO posts (channel, id, sid, sender, body, ts, client_id, attachment, sender_id, reply_to, reply_sender, "
        "reply_sender_id, reply_body, edited_ts, deleted, reactions, changed_id) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17) "
        "ON CONFLICT (sid, client_id) WHERE client_id IS NOT NULL DO NOTHING");
    insert_entry_ = db_.prepare(
        "INSERT INTO entries (channel, id, post, kind, sid, client_id, ts) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    update_post_ = db_.prepare(
        "UPDATE posts SET body = ?3, attachment = ?4, reply_to = ?5, reply_sender = ?6, reply_sender_id = ?7, "
        "reply_body = ?8, edited_ts = ?9, deleted = ?10, reactions = ?11, changed_id = ?12 WHERE channel = ?1 AND id = ?2");
    count_changes_ = db_.prepare("SELECT count(*) FROM entries WHERE channel = ?1 AND id > ?2 AND id < ?3");
    archive_ = std::make_unique<SqliteArchive>(file);
    index_search_ = db_.prepare(
        "INSERT INTO posts_search (rowid, body) SELECT rowid, body FROM posts"
        " WHERE rowid > (SELECT upto FROM search_indexed) AND deleted = 0 ORDER BY rowid");
    mark_indexed_ = db_.prepare("UPDATE search_indexed SET upto = (SELECT COALESCE(MAX(rowid), 0) FROM posts)");
    find_sent_ = db_.prepare(std::string("SELECT ") + post_columns +
                             " FROM posts p JOIN channels c ON c.seq = p.channel WHERE p.sid = ?1 AND p.client_id = ?2");
    find_change_ = db_.prepare(std::string("SELECT ") + post_columns +
                               " FROM entries e JOIN posts p ON p.channel = e.channel AND p.id = e.post"
                               " JOIN channels c ON c.seq = p.channel WHERE e.sid = ?1 AND e.kind = ?2 AND e.client_id = ?3");
}

Snapshot SqliteStorage::load() {
    Snapshot snapshot;
    auto sessions = db_.prepare("SELECT sid, name, last_channel, user_id FROM users");
    while (sessions.step())
        snapshot.sessions.push_back(
            {sessions.text(0), sessions.optional_text(1), sessions.text(2), sessions.optional_text(3)});

    auto channels = db_.prepare("SELECT seq, name FROM channels WHERE dm_a IS NULL ORDER BY seq");
    auto posts = db_.prepare(std::string("SELECT ") + post_columns +
                             " FROM posts p JOIN channels c ON c.seq = p.channel"
                             " WHERE p.channel = ?1 ORDER BY p.id DESC LIMIT ?2");
    auto last = db_.prepare("SELECT max(COALESCE((SELECT max(id) FROM posts WHERE channel = ?1), 0),"
                            " COALESCE((SELECT max(id) FROM entries WHERE channel = ?1), 0))");
    while (channels.step()) {
        Snapshot::ChannelData data{{static_cast<std::uint64_t>(channels.integer(0)), channels.text(1)}, {}, 0};
        last.bind(1, static_cast<std::int64_t>(data.channel.seq));
        if (last.step()) data.last_id = static_cast<std::uint64_t>(last.integer(0));
        last.reset();
        posts.bind(1, static_cast<std::int64_t>(data.channel.seq)).bind(2, static_cast<std::int64_t>(limits::history));
        while (posts.step()) data.messages.push_back(read_post(posts));
        posts.reset();
        std::reverse(data.messages.begin(), data.messages.end());
        snapshot.channels.push_back(std::move(data));
    }
    return snapshot;
}

void SqliteStorage::begin() {
    // Lost to an error: writing on would commit each statement by itself, outside the batch.
    if (open_ && !db_.in_transaction())
        throw StoreError("the transaction was rolled back by an earlier error", SQLITE_ABORT);
    if (open_) return;
    begin_.run();
    open_ = true;
}

void SqliteStorage::save_session(const records::Session& s) {
    begin();
    upsert_session_.bind(1, s.sid).bind(2, s.name).bind(3, s.channel).bind(4, s.user_id);
    upsert_session_.run();
}

void SqliteStorage::add_channel(const records::Channel& channel) {
    begin();
    insert_channel_.bind(1, static_cast<std::int64_t>(channel.seq)).bind(2, channel.name).bind(3, channel_key(channel.name));
    insert_channel_.run();
}

std::optional<records::Posted> SqliteStorage::append(const records::Channel& channel, const records::Posted& post) {
    begin();
    const Message& m = post.message;
    insert_post_.bind(1, static_cast<std::int64_t>(channel.seq))
        .bind(2, static_cast<std::int64_t>(m.id))
        .bind(3, post.owner)
        .bind(4, m.sender)
        .bind(5, m.body)
        .bind(6, m.ts)
        .bind(7, m.client_id);
    if (m.attachment) insert_post_.bind(8, records::encode(*m.attachment));
    insert_post_.bind(9, m.sender_id);
    bind_state(insert_post_, 10, m);
    insert_post_.run();
    if (db_.changes() > 0 || !m.client_id) return std::nullopt;
    return find_sent(post.owner, *m.client_id);
}

std::optional<records::Posted> SqliteStorage::find_sent(const std::string& sid, const std::string& client_id) {
    find_sent_.bind(1, sid).bind(2, client_id);
    std::optional<records::Posted> original;
    if (find_sent_.step()) original = read_post(find_sent_);
    find_sent_.reset();
    return original;
}

void SqliteStorage::change(const records::Channel& channel, const ChangeEntry& entry, const Message& post) {
    begin();
    const auto seq = static_cast<std::int64_t>(channel.seq);
    insert_entry_.bind(1, seq)
        .bind(2, static_cast<std::int64_t>(entry.id))
        .bind(3, static_cast<std::int64_t>(post.id))
        .bind(4, entry.kind)
        .bind(5, entry.sid)
        .bind(6, entry.client_id)
        .bind(7, entry.ts);
    insert_entry_.run();
    update_post_.bind(1, seq).bind(2, static_cast<std::int64_t>(post.id)).bind(3, post.body);
    if (post.attachment) update_post_.bind(4, records::encode(*post.attachment));
    else update_post_.bind(4, std::nullopt);
    bind_state(update_post_, 5, post);
    update_post_.run();
    if (db_.changes() != 1)
        throw StoreError("post " + std::to_string(post.id) + " of " + channel.name + " is not in the database", SQLITE_NOTFOUND);
}

std::optional<records::Posted> SqliteStorage::find_change(const std::string& sid, std::string_view kind,
                                                          const std::string& client_id) {
    find_change_.bind(1, sid).bind(2, kind).bind(3, client_id);
    std::optional<records::Posted> post;
    if (find_change_.step()) post = read_post(find_change_);
    find_change_.reset();
    return post;
}

std::uint64_t SqliteStorage::changes_between(const records::Channel& channel, std::uint64_t after, std::uint64_t before) {
    count_changes_.bind(1, static_cast<std::int64_t>(channel.seq))
        .bind(2, static_cast<std::int64_t>(after))
        .bind(3, static_cast<std::int64_t>(before));
    std::uint64_t n = 0;
    if (count_changes_.step()) n = static_cast<std::uint64_t>(count_changes_.integer(0));
    count_changes_.reset();
    return n;
}

std::vector<std::string> SqliteStorage::expire(std::int64_t before_ts) {
    begin();
    std::vector<std::string> uploads;
    auto files = db_.prepare("SELECT attachment FROM posts WHERE ts < ?1 AND attachment IS NOT NULL");
    files.bind(1, before_ts);
    while (files.step())
        if (auto a = records::decode_attachment(files.text(0))) uploads.push_back(a->id);
    auto posts = db_.prepare("DELETE FROM posts WHERE ts < ?1");
    posts.bind(1, before_ts);
    posts.run();
    return uploads;
}

void SqliteStorage::maintain() {
    begin();
    index_search_.run();
    mark_indexed_.run();
}

namespace {
constexpr int long_log_frames = 1024;  // 4 MiB of log
}  // namespace

// The archive's connection copies the log into the database beside the writer, but while the
// writer keeps appending, the log is never all copied and so never starts again from its
// beginning: it would grow without end under steady load. So once it is long, the writer itself
// copies the few frames left, right after a commit, and its next write starts the log afresh.
void SqliteStorage::checkpoint() {
    if (archive_->checkpoint() > long_log_frames) finish_checkpoint_ = true;
}

void SqliteStorage::commit() {
    if (!open_) return;
    open_ = false;
    // SQLite rolls a transaction back by itself after some errors (a full disk, an I/O error):
    // its writes are gone, and saying "committed" now would be a lie.
    if (!db_.in_transaction())
        throw StoreError("the transaction was rolled back by an earlier error", SQLITE_ABORT);
    try {
        commit_.run();
    } catch (const StoreError&) {
        if (db_.in_transaction()) rollback_.run();
        throw;
    }
    if (finish_checkpoint_.exchange(false))
        sqlite::check(db_.handle(), sqlite3_wal_checkpoint_v2(db_.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr),
                      "checkpointing");
}

void SqliteStorage::rollback() {
    open_ = false;
    if (db_.in_transaction()) rollback_.run();
}

void SqliteStorage::flush() {
    maintain();
    commit();
    db_.exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

}  // namespace chitchat::server
