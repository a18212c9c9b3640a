// A thin RAII layer over SQLite's C API: one connection, prepared statements kept for its
// life, transactions as scopes, and every failure as a StoreError naming what failed.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "store/store_error.hpp"

namespace chitchat::server::sqlite {

// Failures are StoreErrors carrying SQLite's message and result code (SQLITE_FULL, ...).
using server::StoreError;

// One prepared statement. Parameters are bound by position, from 1; columns read from 0.
class Statement {
public:
    Statement() = default;
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) { other.stmt_ = nullptr; }
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const std::optional<std::string>& text);
    Statement& bind(int index, std::nullopt_t);

    // Runs to the next row: true when there is one. Throws StoreError.
    bool step();
    // Runs a statement that returns no rows, then makes it ready again.
    void run();
    // Makes the statement ready to run again, its bindings cleared.
    void reset();

    std::int64_t integer(int column) const;
    std::string text(int column) const;
    std::optional<std::string> optional_text(int column) const;
    bool is_null(int column) const;

private:
    sqlite3* db_ = nullptr;
    sqlite3_stmt* stmt_ = nullptr;
};

class Database {
public:
    enum class Mode { read_write_create, read_only };
    // Opens (or creates) the file; throws StoreError with one clear line if it cannot.
    explicit Database(const std::filesystem::path& path, Mode mode = Mode::read_write_create);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Runs one or more statements that return nothing (schema, pragmas).
    void exec(std::string_view sql);
    Statement prepare(std::string_view sql) { return Statement(db_, sql); }
    // The single value of a one-row, one-column query.
    std::int64_t scalar(std::string_view sql);
    std::int64_t changes() const { return sqlite3_changes64(db_); }
    bool in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }
    sqlite3* handle() const { return db_; }

private:
    sqlite3* db_ = nullptr;
};

// Throws StoreError for a result code that is not success.
void check(sqlite3* db, int rc, std::string_view what);

// BEGIN IMMEDIATE ... COMMIT (a write), or BEGIN ... COMMIT around reads that must see one
// state of the database; rolled back if the scope ends without commit().
class Transaction {
public:
    enum class Kind { write, read };
    explicit Transaction(Database& db, Kind kind = Kind::write);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& db_;
    bool done_ = false;
};

}  // namespace chitchat::server::sqlite
