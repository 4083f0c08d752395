#include "huntbook/catalog/sql_database.h"

#include <sqlite3.h>

#include <utility>

namespace huntbook::catalog {
namespace {

Status FromSqlite(sqlite3* db, int code, std::string_view what) {
  std::string message = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(code));
  switch (code & 0xff) {
    case SQLITE_CONSTRAINT:
      if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return Status(StatusCode::kAlreadyExists, message);
      }
      return InvalidArgument(message);
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return Corruption(message);
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return IoError(message);
    case SQLITE_TOOBIG:
      return ResourceExhausted(message);
    default:
      return Internal(message);
  }
}

}  // namespace

SqlStatement::SqlStatement(SqlStatement&& other) noexcept
    : db_(other.db_), statement_(other.statement_), bind_status_(std::move(other.bind_status_)) {
  other.statement_ = nullptr;
}

SqlStatement::~SqlStatement() {
  if (statement_ != nullptr) sqlite3_finalize(statement_);
}

namespace {
void KeepFirstError(Status& status, sqlite3* db, int code) {
  if (code != SQLITE_OK && status.ok()) status = FromSqlite(db, code, "binding a parameter");
}
}  // namespace

SqlStatement& SqlStatement::BindInt(int index, int64_t value) {
  KeepFirstError(bind_status_, db_, sqlite3_bind_int64(statement_, index, value));
  return *this;
}

SqlStatement& SqlStatement::BindOptionalInt(int index, std::optional<int64_t> value) {
  return value ? BindInt(index, *value) : BindNull(index);
}

SqlStatement& SqlStatement::BindText(int index, std::string_view value) {
  KeepFirstError(bind_status_, db_,
                 sqlite3_bind_text64(statement_, index, value.data(), value.size(),
                                     SQLITE_TRANSIENT, SQLITE_UTF8));
  return *this;
}

SqlStatement& SqlStatement::BindBlob(int index, std::string_view bytes) {
  // A zero-length blob must still be non-NULL: bind an empty blob explicitly.
  int code = bytes.empty() ? sqlite3_bind_zeroblob(statement_, index, 0)
                           : sqlite3_bind_blob64(statement_, index, bytes.data(), bytes.size(),
                                                 SQLITE_TRANSIENT);
  KeepFirstError(bind_status_, db_, code);
  return *this;
}

SqlStatement& SqlStatement::BindNull(int index) {
  KeepFirstError(bind_status_, db_, sqlite3_bind_null(statement_, index));
  return *this;
}

Result<bool> SqlStatement::Step() {
  RETURN_IF_ERROR(bind_status_);
  int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  // sqlite3_step returns the primary code; the extended one is on the connection.
  return FromSqlite(db_, sqlite3_extended_errcode(db_), "catalog statement");
}

Status SqlStatement::Run() {
  while (true) {
    ASSIGN_OR_RETURN(bool row, Step());
    if (!row) return Status::OK();
  }
}

bool SqlStatement::IsNull(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

int64_t SqlStatement::Int(int column) const { return sqlite3_column_int64(statement_, column); }

std::optional<int64_t> SqlStatement::OptionalInt(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Int(column);
}

std::string SqlStatement::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(statement_, column);
  if (text == nullptr) return std::string();
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(statement_, column)));
}

std::string SqlStatement::Blob(int column) const {
  const void* bytes = sqlite3_column_blob(statement_, column);
  if (bytes == nullptr) return std::string();
  return std::string(static_cast<const char*>(bytes),
                     static_cast<size_t>(sqlite3_column_bytes(statement_, column)));
}

Result<std::unique_ptr<SqlDatabase>> SqlDatabase::Open(const std::string& path) {
  sqlite3* db = nullptr;
  int code =
      sqlite3_open_v2(path.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (code != SQLITE_OK) {
    Status status = FromSqlite(db, code, "opening " + path);
    sqlite3_close(db);
    return status;
  }
  sqlite3_extended_result_codes(db, 1);
  std::unique_ptr<SqlDatabase> database(new SqlDatabase(path, db));
  sqlite3_busy_timeout(db, 5000);
  // The first read of the header tells whether this is an SQLite file at all.
  Status probe = database->Execute("SELECT count(*) FROM sqlite_schema");
  if (!probe.ok()) {
    return Status(probe.code() == StatusCode::kInternal ? StatusCode::kCorruption : probe.code(),
                  path + " is not a readable huntbook catalog: " + probe.message());
  }
  RETURN_IF_ERROR(database->Execute("PRAGMA journal_mode=WAL"));
  RETURN_IF_ERROR(database->Execute("PRAGMA synchronous=FULL"));
  RETURN_IF_ERROR(database->Execute("PRAGMA foreign_keys=ON"));
  return database;
}

SqlDatabase::~SqlDatabase() { sqlite3_close_v2(db_); }

Result<SqlStatement> SqlDatabase::Prepare(std::string_view sql) {
  sqlite3_stmt* statement = nullptr;
  int code = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement, nullptr);
  if (code != SQLITE_OK) return FromSqlite(db_, code, "preparing a catalog statement");
  return SqlStatement(db_, statement);
}

Status SqlDatabase::Execute(std::string_view sql) {
  std::string text(sql);
  char* error = nullptr;
  int code = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  if (code == SQLITE_OK) return Status::OK();
  std::string message = error ? error : sqlite3_errstr(code);
  sqlite3_free(error);
  Status status = FromSqlite(nullptr, sqlite3_extended_errcode(db_), "catalog");
  return Status(status.code(), path_ + ": " + message);
}

Result<int64_t> SqlDatabase::QueryInt(std::string_view sql) {
  ASSIGN_OR_RETURN(SqlStatement statement, Prepare(sql));
  ASSIGN_OR_RETURN(bool row, statement.Step());
  if (!row) return Internal("no row from: " + std::string(sql));
  return statement.Int(0);
}

int64_t SqlDatabase::Changes() const { return sqlite3_changes64(db_); }

int64_t SqlDatabase::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }

SqlTransaction::SqlTransaction(SqlDatabase& database) : database_(database) {
  begin_status_ = database_.Execute("BEGIN IMMEDIATE");
  open_ = begin_status_.ok();
}

SqlTransaction::~SqlTransaction() {
  if (open_) (void)database_.Execute("ROLLBACK");
}

Status SqlTransaction::Commit() {
  RETURN_IF_ERROR(begin_status_);
  Status status = database_.Execute("COMMIT");
  if (status.ok()) open_ = false;
  return status;
}

}  // namespace huntbook::catalog
