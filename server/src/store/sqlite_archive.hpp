// The Archive over the database file: a connection of its own (WAL lets it read while the
// store writes), its statements prepared once, one query at a time.
#pragma once
#include <filesystem>
#include <mutex>

#include "store/archive.hpp"
#include "store/sqlite.hpp"

namespace chitchat::server {

class SqliteArchive final : public Archive {
public:
    explicit SqliteArchive(const std::filesystem::path& file);

    Page before(std::uint64_t channel, std::uint64_t before, std::size_t limit) override;
    Page around(std::uint64_t channel, std::uint64_t id, std::size_t limit) override;
    Page search(const SearchQuery& query) override;
    // A passive checkpoint of the write-ahead log: it never waits for the writer. Returns the
    // frames in the log.
    int checkpoint();

private:
    Page read(sqlite::Statement& statement, std::size_t limit, bool newest_first_rows);

    std::mutex mutex_;
    sqlite::Database db_;
    sqlite::Statement older_, from_, search_, rowid_at_, rowid_since_;
};

}  // namespace chitchat::server
