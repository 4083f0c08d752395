// The catalog's SQLite schema and its migrations.
//
// The file is marked with PRAGMA application_id = kCatalogApplicationId and versioned with
// PRAGMA user_version. Opening runs every migration above the file's version, each in its
// own transaction that also sets the new version, so a crash leaves a consistent version.
// Tables (all names compared NOCASE):
//   resource_groups(id, name, created_at)
//   workspaces(id uuid, resource_group_id, name, location, retention_days, created_at)
//   users(id, name, password_hash, disabled, created_at)
//   api_tokens(id, user_id, name, secret_hash, created_at, expires_at, revoked_at,
//              last_used_at)
//   sessions(id, user_id, secret_hash, csrf_token, created_at, expires_at)
//   roles(id, name, builtin, permissions)             ids 1..4 are the built-in roles
//   role_assignments(id, user_id, role_id, scope_kind, scope_key, resource_group_id,
//                    workspace_id, created_at)
//   bookmarks(id uuid, workspace_id, name, notes, labels, query_text, query_start_time,
//             query_end_time, event_time, query_result_row, entities, created_by,
//             updated_by, created_at, updated_at, soft_deleted)
//   secrets(workspace_id, name, nonce, ciphertext, created_at, updated_at, updated_by)
//   notebooks(id uuid, workspace_id, name, description, data_types, data_sources, path,
//             owner, created_at)
// Deleting a workspace cascades to its bookmarks, secrets, notebooks and role assignments.
#pragma once

#include <cstdint>

#include "huntbook/catalog/sql_database.h"
#include "huntbook/common/status.h"

namespace huntbook::catalog {

inline constexpr int64_t kCatalogSchemaVersion = 1;
inline constexpr int64_t kCatalogApplicationId = 0x48424B43;  // "HBKC"

// The resource group and workspace that always exist.
inline constexpr char kDefaultResourceGroup[] = "default";
inline constexpr char kDefaultWorkspace[] = "default";

// Checks the file is a huntbook catalog (or empty) and migrates it to
// kCatalogSchemaVersion. Errors: kNotSupported when the file's version is newer than this
// build ("catalog.db schema version 9 is newer than this huntbook (1)"), kCorruption when
// the file is not a huntbook catalog or fails SQLite's quick_check.
// REQUIRES: the caller holds database.Lock(). `now` stamps the seeded rows.
Status MigrateCatalog(SqlDatabase& database, int64_t now);

}  // namespace huntbook::catalog
