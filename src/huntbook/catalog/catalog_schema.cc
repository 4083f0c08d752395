#include "huntbook/catalog/catalog_schema.h"

#include <string>

#include "huntbook/catalog/random_text.h"

namespace huntbook::catalog {
namespace {

constexpr char kSchemaVersion1[] = R"sql(
CREATE TABLE resource_groups(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  created_at INTEGER NOT NULL);
CREATE TABLE workspaces(
  id TEXT PRIMARY KEY,
  resource_group_id INTEGER NOT NULL REFERENCES resource_groups(id) ON DELETE RESTRICT,
  name TEXT NOT NULL COLLATE NOCASE,
  location TEXT NOT NULL,
  retention_days INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE(resource_group_id, name));
CREATE TABLE users(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL);
CREATE TABLE api_tokens(
  id TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  secret_hash BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  revoked_at INTEGER,
  last_used_at INTEGER);
CREATE INDEX api_tokens_by_user ON api_tokens(user_id);
CREATE TABLE sessions(
  id TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  secret_hash BLOB NOT NULL,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL);
CREATE TABLE roles(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  builtin INTEGER NOT NULL,
  permissions INTEGER NOT NULL);
CREATE TABLE role_assignments(
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role_id INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
  scope_kind INTEGER NOT NULL,
  scope_key TEXT NOT NULL,
  resource_group_id INTEGER REFERENCES resource_groups(id) ON DELETE CASCADE,
  workspace_id TEXT REFERENCES workspaces(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  UNIQUE(user_id, role_id, scope_kind, scope_key));
CREATE INDEX role_assignments_by_user ON role_assignments(user_id);
CREATE TABLE bookmarks(
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  notes TEXT NOT NULL,
  labels TEXT NOT NULL,
  query_text TEXT NOT NULL,
  query_start_time INTEGER,
  query_end_time INTEGER,
  event_time INTEGER,
  query_result_row TEXT NOT NULL,
  entities TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  soft_deleted INTEGER NOT NULL DEFAULT 0);
CREATE INDEX bookmarks_by_workspace ON bookmarks(workspace_id, created_at);
CREATE TABLE secrets(
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name TEXT NOT NULL COLLATE NOCASE,
  nonce BLOB NOT NULL,
  ciphertext BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL,
  PRIMARY KEY(workspace_id, name));
CREATE TABLE notebooks(
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name TEXT NOT NULL COLLATE NOCASE,
  description TEXT NOT NULL,
  data_types TEXT NOT NULL,
  data_sources TEXT NOT NULL,
  path TEXT NOT NULL,
  owner TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE(workspace_id, name));
)sql";

Status SeedVersion1(SqlDatabase& database, int64_t now) {
  ASSIGN_OR_RETURN(SqlStatement group,
                   database.Prepare("INSERT INTO resource_groups(name, created_at) VALUES(?, ?)"));
  RETURN_IF_ERROR(group.BindText(1, kDefaultResourceGroup).BindInt(2, now).Run());
  int64_t group_id = database.LastInsertRowId();
  ASSIGN_OR_RETURN(SqlStatement workspace,
                   database.Prepare("INSERT INTO workspaces(id, resource_group_id, name, location, "
                                    "retention_days, created_at) VALUES(?, ?, ?, ?, ?, ?)"));
  RETURN_IF_ERROR(workspace.BindText(1, RandomUuid())
                      .BindInt(2, group_id)
                      .BindText(3, kDefaultWorkspace)
                      .BindText(4, "local")
                      .BindInt(5, 30)
                      .BindInt(6, now)
                      .Run());
  // Built-in roles; their actions are defined in code (role.h), so permissions is 0.
  const char* kBuiltinRoles[] = {"Reader", "Responder", "Contributor", "Owner"};
  for (int i = 0; i < 4; ++i) {
    ASSIGN_OR_RETURN(SqlStatement role,
                     database.Prepare("INSERT INTO roles(id, name, builtin, permissions) "
                                      "VALUES(?, ?, 1, 0)"));
    RETURN_IF_ERROR(role.BindInt(1, i + 1).BindText(2, kBuiltinRoles[i]).Run());
  }
  return Status::OK();
}

Status ApplyMigration(SqlDatabase& database, int64_t version, int64_t now) {
  SqlTransaction transaction(database);
  RETURN_IF_ERROR(transaction.status());
  if (version == 1) {
    RETURN_IF_ERROR(database.Execute(kSchemaVersion1));
    RETURN_IF_ERROR(SeedVersion1(database, now));
    RETURN_IF_ERROR(
        database.Execute("PRAGMA application_id = " + std::to_string(kCatalogApplicationId)));
  }
  // PRAGMA takes no bound parameters; the version is an integer constant of this file.
  RETURN_IF_ERROR(database.Execute("PRAGMA user_version = " + std::to_string(version)));
  return transaction.Commit();
}

}  // namespace

Status MigrateCatalog(SqlDatabase& database, int64_t now) {
  const std::string& path = database.path();
  ASSIGN_OR_RETURN(int64_t application_id, database.QueryInt("PRAGMA application_id"));
  ASSIGN_OR_RETURN(int64_t version, database.QueryInt("PRAGMA user_version"));
  ASSIGN_OR_RETURN(int64_t tables, database.QueryInt("SELECT count(*) FROM sqlite_schema"));
  if (application_id != kCatalogApplicationId && (application_id != 0 || tables != 0)) {
    return Corruption(path + " is an SQLite database but not a huntbook catalog (application_id " +
                      std::to_string(application_id) + ")");
  }
  if (version > kCatalogSchemaVersion) {
    return NotSupported(path + " schema version " + std::to_string(version) +
                        ", newer than this huntbook's " + std::to_string(kCatalogSchemaVersion) +
                        "; upgrade huntbook to open it");
  }
  if (version < 0) {
    return Corruption(path + " has an invalid schema version " + std::to_string(version));
  }
  if (tables != 0) {
    ASSIGN_OR_RETURN(SqlStatement check, database.Prepare("PRAGMA quick_check"));
    ASSIGN_OR_RETURN(bool row, check.Step());
    std::string verdict = row ? check.Text(0) : "no result";
    if (verdict != "ok") return Corruption(path + " failed its integrity check: " + verdict);
  }
  for (int64_t next = version + 1; next <= kCatalogSchemaVersion; ++next) {
    Status status = ApplyMigration(database, next, now);
    if (!status.ok()) {
      return status.WithContext(path + ": migrating to schema version " + std::to_string(next) +
                                ": ");
    }
  }
  return Status::OK();
}

}  // namespace huntbook::catalog
