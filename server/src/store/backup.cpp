#include "store/backup.hpp"

#include <system_error>

#include "store/schema.hpp"
#include "store/sqlite.hpp"

namespace chitchat::server {

void backup_database(const std::filesystem::path& database, const std::filesystem::path& target) {
    if (!std::filesystem::exists(database)) throw StoreError("no database at " + database.string(), SQLITE_CANTOPEN);
    sqlite::Database from(database, sqlite::Database::Mode::read_only);
    schema::check(from);  // ours, and not damaged: a backup of a broken file helps nobody
    const std::filesystem::path partial = target.string() + ".partial";
    std::filesystem::remove(partial);
    {
        sqlite::Database to(partial);
        sqlite3_backup* job = sqlite3_backup_init(to.handle(), "main", from.handle(), "main");
        if (!job) sqlite::check(to.handle(), sqlite3_errcode(to.handle()), "starting the backup");
        int rc;
        // Whole at once: a WAL-mode source is read in one snapshot, so the copy is consistent.
        while ((rc = sqlite3_backup_step(job, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(10);
        const int finished = sqlite3_backup_finish(job);
        if (rc != SQLITE_DONE) sqlite::check(to.handle(), rc, "copying " + database.string());
        sqlite::check(to.handle(), finished, "finishing the backup");
        to.exec("PRAGMA journal_mode = DELETE");  // one self-contained file, no -wal beside it
    }
    std::error_code ec;
    std::filesystem::rename(partial, target, ec);
    if (ec) throw StoreError("cannot write " + target.string() + ": " + ec.message(), SQLITE_CANTOPEN);
}

}  // namespace chitchat::server
