// WorkspaceDirectory: the one list of workspaces, kept in the catalog (resource group, name,
// id, location, retention, roles, bookmarks, secrets) and in the store (the data directory
// <data>/<name>/ that queries and ingestion use).
//
// The store keys a workspace by its name, and Data Explorer clients see workspaces as
// databases whose names are unique per server, so a workspace name is unique across all
// resource groups here (stricter than the catalog's rule of unique within a group): Create
// refuses a name that another group already uses.
//
// Crash safety: Create writes the catalog row, then the store directory; Delete drops the
// store directory first (an atomic rename to a tombstone, store.h), then the catalog rows.
// Reconcile, run at server start, repairs either half-done step: a catalog workspace
// without a directory gets an empty one, and a store directory without a catalog row (e.g.
// written by `huntbook ingest --workspace W`) is adopted into resource group `default`.
// Directories whose names the catalog's naming rules refuse stay unlisted.
//
// Thread-safe: Create and Delete are serialized; lookups go straight to the catalog.
#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "huntbook/catalog/catalog.h"
#include "huntbook/common/status.h"
#include "huntbook/storage/store.h"

namespace huntbook::server {

class WorkspaceDirectory {
 public:
  WorkspaceDirectory(catalog::Catalog& catalog, storage::Store& store)
      : catalog_(catalog), store_(store) {}

  // Makes catalog and store list the same workspaces (see above). Errors: catalog or store
  // failures.
  Status Reconcile();

  // Errors: kInvalidArgument naming the field, kNotFound (resource group), kAlreadyExists
  // (the name is used in this or another resource group).
  Result<catalog::Workspace> Create(const catalog::WorkspaceSpec& spec);

  // A workspace by id or name. Errors: kNotFound.
  Result<catalog::Workspace> Find(std::string_view id_or_name);

  // Removes the workspace's data and its catalog rows (bookmarks, secrets, notebooks, role
  // assignments). Errors: kInvalidArgument for `default`; kNotFound.
  Status Delete(const catalog::Workspace& workspace);

  catalog::Catalog& catalog() { return catalog_; }

 private:
  catalog::Catalog& catalog_;
  storage::Store& store_;
  std::mutex mu_;  // serializes Create, Delete and Reconcile
};

}  // namespace huntbook::server
