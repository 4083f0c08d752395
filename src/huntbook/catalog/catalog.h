// Catalog: huntbook's control-plane state in <data_dir>/catalog.db (SQLite) with the
// secrets' master key in <data_dir>/catalog.key.
//
// One Catalog per process per data directory; all parts share one connection and are
// thread-safe (the server calls them from many workers). The parts:
//   workspaces()     resource groups and workspaces        workspace_registry.h
//   users()          users and passwords                   user_directory.h
//   credentials()    API tokens and portal sessions        credential_store.h
//   authenticator()  credentials -> Principal              authenticator.h
//   access()         roles, assignments, Authorize         access_control.h
//   bookmarks()      hunting bookmarks                     bookmark_store.h
//   secrets()        encrypted per-workspace vault         secret_vault.h
//   notebooks()      saved notebook metadata               notebook_registry.h
// Open creates the directory (0700) and files (0600) when missing and migrates the schema
// (catalog_schema.h); a damaged or newer-version file is refused with a clear error.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "huntbook/catalog/access_control.h"
#include "huntbook/catalog/authenticator.h"
#include "huntbook/catalog/bookmark_store.h"
#include "huntbook/catalog/clock.h"
#include "huntbook/catalog/credential_store.h"
#include "huntbook/catalog/master_key.h"
#include "huntbook/catalog/notebook_registry.h"
#include "huntbook/catalog/secret_vault.h"
#include "huntbook/catalog/sql_database.h"
#include "huntbook/catalog/user_directory.h"
#include "huntbook/catalog/workspace_registry.h"
#include "huntbook/common/status.h"

namespace huntbook::catalog {

inline constexpr char kCatalogFileName[] = "catalog.db";
inline constexpr char kMasterKeyFileName[] = "catalog.key";

struct CatalogOptions {
  std::shared_ptr<Clock> clock;  // null = SystemClock()
  PasswordHashLimits password_limits = PasswordHashLimits::Interactive();
};

class Catalog {
 public:
  static Result<std::unique_ptr<Catalog>> Open(const std::string& data_dir,
                                               CatalogOptions options = {});
  ~Catalog();

  WorkspaceRegistry& workspaces() { return *workspaces_; }
  UserDirectory& users() { return *users_; }
  CredentialStore& credentials() { return *credentials_; }
  Authenticator& authenticator() { return *authenticator_; }
  AccessControl& access() { return *access_; }
  BookmarkStore& bookmarks() { return *bookmarks_; }
  SecretVault& secrets() { return *secrets_; }
  NotebookRegistry& notebooks() { return *notebooks_; }
  Clock& clock() { return *clock_; }

  // Bootstrap: when the catalog has no user at all, creates `name` with `password` as
  // Owner at server scope, atomically, and returns true. Otherwise changes nothing and
  // returns false. Errors: kInvalidArgument (name or password rules).
  Result<bool> EnsureAdmin(std::string_view name, std::string_view password);

 private:
  Catalog() = default;

  std::shared_ptr<Clock> clock_;
  std::unique_ptr<SqlDatabase> database_;
  std::unique_ptr<MasterKey> master_key_;
  std::unique_ptr<WorkspaceRegistry> workspaces_;
  std::unique_ptr<UserDirectory> users_;
  std::unique_ptr<CredentialStore> credentials_;
  std::unique_ptr<Authenticator> authenticator_;
  std::unique_ptr<AccessControl> access_;
  std::unique_ptr<BookmarkStore> bookmarks_;
  std::unique_ptr<SecretVault> secrets_;
  std::unique_ptr<NotebookRegistry> notebooks_;
};

}  // namespace huntbook::catalog
