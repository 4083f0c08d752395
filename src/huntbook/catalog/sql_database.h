// SqlDatabase: one SQLite connection with bound-parameter statements and Status errors.
//
// Every value reaches SQL through Bind*(); SQL text is always a constant of the calling
// file. The connection is opened in WAL mode with synchronous=FULL, foreign keys on and a
// 5 s busy timeout.
//
// Thread safety: a SqlDatabase is shared by all catalog stores. Callers hold Lock() for the
// whole of one logical operation (statements plus transaction); nothing here locks by itself.
// SqlStatement objects are used only by the thread holding the lock and never outlive it.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "huntbook/common/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace huntbook::catalog {

class SqlStatement {
 public:
  SqlStatement(SqlStatement&& other) noexcept;
  SqlStatement& operator=(SqlStatement&&) = delete;
  SqlStatement(const SqlStatement&) = delete;
  ~SqlStatement();

  // Parameters are 1-based as in SQLite. A bind failure is remembered and returned by the
  // next Step()/Run().
  SqlStatement& BindInt(int index, int64_t value);
  SqlStatement& BindOptionalInt(int index, std::optional<int64_t> value);
  SqlStatement& BindText(int index, std::string_view value);
  SqlStatement& BindBlob(int index, std::string_view bytes);
  SqlStatement& BindNull(int index);

  // Advances one row: true when a row is available, false when done. A UNIQUE or PRIMARY
  // KEY violation gives kAlreadyExists; other constraint failures kInvalidArgument (the
  // caller rewrites the message to name the field).
  Result<bool> Step();
  // Steps until done (for INSERT/UPDATE/DELETE).
  Status Run();

  // Column accessors for the current row (0-based).
  bool IsNull(int column) const;
  int64_t Int(int column) const;
  std::optional<int64_t> OptionalInt(int column) const;
  std::string Text(int column) const;
  std::string Blob(int column) const;

 private:
  friend class SqlDatabase;
  SqlStatement(sqlite3* db, sqlite3_stmt* statement) : db_(db), statement_(statement) {}

  sqlite3* db_;
  sqlite3_stmt* statement_;
  Status bind_status_;
};

class SqlDatabase {
 public:
  // Opens (creating when missing) the database file. A file that is not an SQLite
  // database gives kCorruption naming the path.
  static Result<std::unique_ptr<SqlDatabase>> Open(const std::string& path);
  ~SqlDatabase();

  const std::string& path() const { return path_; }

  // The lock every catalog operation holds for its duration.
  std::unique_lock<std::mutex> Lock() { return std::unique_lock<std::mutex>(mutex_); }

  // Compiles one statement. REQUIRES: the caller holds Lock().
  Result<SqlStatement> Prepare(std::string_view sql);
  // Runs SQL text without parameters (schema, pragmas, BEGIN/COMMIT).
  Status Execute(std::string_view sql);
  // Runs a query returning one integer (e.g. "PRAGMA user_version").
  Result<int64_t> QueryInt(std::string_view sql);
  // Rows changed by the last INSERT/UPDATE/DELETE.
  int64_t Changes() const;
  int64_t LastInsertRowId() const;

 private:
  SqlDatabase(std::string path, sqlite3* db) : path_(std::move(path)), db_(db) {}

  std::string path_;
  sqlite3* db_;
  std::mutex mutex_;
};

// BEGIN IMMEDIATE on construction (check status()); ROLLBACK on destruction unless
// Commit() succeeded. REQUIRES: the caller holds the database Lock().
class SqlTransaction {
 public:
  explicit SqlTransaction(SqlDatabase& database);
  ~SqlTransaction();
  SqlTransaction(const SqlTransaction&) = delete;
  SqlTransaction& operator=(const SqlTransaction&) = delete;

  const Status& status() const { return begin_status_; }
  Status Commit();

 private:
  SqlDatabase& database_;
  Status begin_status_;
  bool open_ = false;
};

}  // namespace huntbook::catalog
