#include "huntbook/catalog/catalog.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "huntbook/catalog/catalog_schema.h"
#include "huntbook/catalog/name_rules.h"
#include "huntbook/catalog/random_text.h"

namespace huntbook::catalog {
namespace {

Status PrepareDirectory(const std::string& data_dir) {
  if (::mkdir(data_dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return IoError("creating data directory " + data_dir + ": " + std::strerror(errno));
  }
  struct stat info;
  if (::stat(data_dir.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
    return IoError("data directory " + data_dir + " is not a directory");
  }
  return Status::OK();
}

// Creates an empty catalog file readable by its owner only; SQLite gives its -wal and -shm
// files the same mode.
Status CreatePrivateFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return IoError("creating " + path + ": " + std::strerror(errno));
  ::close(fd);
  return Status::OK();
}

}  // namespace

Catalog::~Catalog() = default;

Result<std::unique_ptr<Catalog>> Catalog::Open(const std::string& data_dir,
                                               CatalogOptions options) {
  RETURN_IF_ERROR(InitializeSodium());
  RETURN_IF_ERROR(PrepareDirectory(data_dir));
  std::unique_ptr<Catalog> catalog(new Catalog());
  catalog->clock_ = options.clock ? options.clock : SystemClock();
  std::string db_path = data_dir + "/" + kCatalogFileName;
  RETURN_IF_ERROR(CreatePrivateFile(db_path));
  ASSIGN_OR_RETURN(catalog->database_, SqlDatabase::Open(db_path));
  {
    auto lock = catalog->database_->Lock();
    RETURN_IF_ERROR(MigrateCatalog(*catalog->database_, catalog->clock_->Now()));
  }
  ASSIGN_OR_RETURN(catalog->master_key_,
                   MasterKey::LoadOrCreate(data_dir + "/" + kMasterKeyFileName));
  SqlDatabase& database = *catalog->database_;
  const std::shared_ptr<Clock>& clock = catalog->clock_;
  catalog->workspaces_ = std::make_unique<WorkspaceRegistry>(database, clock);
  catalog->users_ = std::make_unique<UserDirectory>(database, clock, options.password_limits);
  catalog->credentials_ = std::make_unique<CredentialStore>(database, clock);
  catalog->authenticator_ =
      std::make_unique<Authenticator>(*catalog->users_, *catalog->credentials_);
  catalog->access_ = std::make_unique<AccessControl>(database, clock);
  catalog->bookmarks_ = std::make_unique<BookmarkStore>(database, clock);
  catalog->secrets_ =
      std::make_unique<SecretVault>(database, *catalog->access_, *catalog->master_key_, clock);
  catalog->notebooks_ = std::make_unique<NotebookRegistry>(database, clock);
  return catalog;
}

Result<bool> Catalog::EnsureAdmin(std::string_view name, std::string_view password) {
  RETURN_IF_ERROR(ValidateUserName(name));
  RETURN_IF_ERROR(ValidatePassword(password));
  {
    ASSIGN_OR_RETURN(int64_t users, users_->CountUsers());
    if (users > 0) return false;
  }
  ASSIGN_OR_RETURN(std::string hash, users_->HashNewPassword(password));
  auto lock = database_->Lock();
  SqlTransaction transaction(*database_);
  RETURN_IF_ERROR(transaction.status());
  // Checked again inside the transaction: another thread or process may have won.
  ASSIGN_OR_RETURN(int64_t users, database_->QueryInt("SELECT count(*) FROM users"));
  if (users > 0) return false;
  int64_t now = clock_->Now();
  ASSIGN_OR_RETURN(SqlStatement user,
                   database_->Prepare("INSERT INTO users(name, password_hash, disabled, "
                                      "created_at) VALUES(?, ?, 0, ?)"));
  RETURN_IF_ERROR(user.BindText(1, name).BindText(2, hash).BindInt(3, now).Run());
  int64_t user_id = database_->LastInsertRowId();
  ASSIGN_OR_RETURN(SqlStatement owner,
                   database_->Prepare("INSERT INTO role_assignments(user_id, role_id, scope_kind, "
                                      "scope_key, created_at) VALUES(?, ?, ?, '', ?)"));
  RETURN_IF_ERROR(owner.BindInt(1, user_id)
                      .BindInt(2, static_cast<int64_t>(BuiltinRole::kOwner))
                      .BindInt(3, static_cast<int>(ScopeKind::kServer))
                      .BindInt(4, now)
                      .Run());
  RETURN_IF_ERROR(transaction.Commit());
  return true;
}

}  // namespace huntbook::catalog
