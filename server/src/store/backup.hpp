// `chitchat-server backup FILE`: a consistent copy of the database, taken with SQLite's online
// backup while the server keeps serving (in WAL mode a reader never blocks the writer).
#pragma once
#include <filesystem>

namespace chitchat::server {

// Copies `database` to `target` (written beside it as target.partial, then renamed into place,
// so `target` is never a half-written copy). Throws StoreError.
void backup_database(const std::filesystem::path& database, const std::filesystem::path& target);

}  // namespace chitchat::server
