// The database's schema and its migrations: `schema_migrations` lists the versions applied, and
// opening a database applies the missing ones in order, each in one transaction. A database
// written by a newer server, or not ours at all, is refused, never changed.
#pragma once
#include "store/sqlite.hpp"

namespace chitchat::server::schema {

inline constexpr int current_version = 1;

// Reads the database's version and refuses one that is not ours, is newer than this server, or
// is damaged (PRAGMA quick_check); changes nothing. Throws StoreError with one clear line.
int check(sqlite::Database& db);

// Brings a checked database from version `from` to current_version.
void migrate(sqlite::Database& db, int from);

// The highest version applied (0 for a new, empty database).
int version(sqlite::Database& db);

}  // namespace chitchat::server::schema
