// The embedded store: one SQLite file (data/chitchat.db) in WAL mode, opened once, every
// statement prepared once. Schema and migrations: schema.cpp.
//   --sync normal  a commit is in the WAL before anything is sent: a crash of the process
//                  (kill -9) loses nothing acknowledged; a power loss may lose the last commits
//   --sync full    every commit is also fsync'ed: a power loss loses nothing acknowledged either
#pragma once
#include <atomic>
#include <filesystem>
#include <memory>

#include "store/sqlite.hpp"
#include "store/sqlite_archive.hpp"
#include "store/storage.hpp"

namespace chitchat::server {

enum class Sync { normal, full };

class SqliteStorage final : public Storage {
public:
    // Opens or creates the database and migrates it; throws StoreError with one clear line.
    explicit SqliteStorage(const std::filesystem::path& file, Sync sync = Sync::normal);

    Snapshot load() override;
    void save_session(const records::Session& session) override;
    void add_channel(const records::Channel& channel) override;
    std::optional<records::Posted> append(const records::Channel& channel, const records::Posted& post) override;
    std::optional<records::Posted> find_sent(const std::string& sid, const std::string& client_id) override;
    void change(const records::Channel& channel, const ChangeEntry& entry, const Message& post) override;
    std::optional<records::Posted> find_change(const std::string& sid, std::string_view kind,
                                               const std::string& client_id) override;
    std::uint64_t changes_between(const records::Channel& channel, std::uint64_t after, std::uint64_t before) override;
    std::vector<std::string> expire(std::int64_t before_ts) override;
    bool pending() const override { return open_; }
    void commit() override;
    void rollback() override;
    void maintain() override;
    void checkpoint() override;
    void flush() override;
    Archive& archive() override { return *archive_; }

    sqlite::Database& database() { return db_; }

private:
    void begin();

    sqlite::Database db_;
    bool open_ = false;  // a transaction of ours is open (SQLite may have ended it after an error)
    sqlite::Statement begin_, commit_, rollback_;
    sqlite::Statement upsert_session_, insert_channel_, insert_post_, find_sent_, index_search_, mark_indexed_;
    sqlite::Statement insert_entry_, update_post_, find_change_, count_changes_;
    std::unique_ptr<SqliteArchive> archive_;  // its own connection to the same file
    std::atomic<bool> finish_checkpoint_{false};  // the log is long: reset it after the next commit
};

}  // namespace chitchat::server
