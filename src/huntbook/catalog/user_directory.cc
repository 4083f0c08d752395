#include "huntbook/catalog/user_directory.h"

#include <sodium.h>

#include "huntbook/catalog/name_rules.h"

namespace huntbook::catalog {
namespace {

constexpr char kSelectUser[] = "SELECT id, name, disabled, created_at FROM users ";

User ReadUser(const SqlStatement& row) {
  return User{row.Int(0), row.Text(1), row.Int(2) != 0, row.Int(3)};
}

}  // namespace

Status ValidatePassword(std::string_view password) {
  if (password.size() < kMinPasswordLength) {
    return InvalidArgument("password must be at least " + std::to_string(kMinPasswordLength) +
                           " characters");
  }
  if (password.size() > kMaxPasswordLength) {
    return InvalidArgument("password must be at most " + std::to_string(kMaxPasswordLength) +
                           " bytes");
  }
  return Status::OK();
}

namespace {

Status UserNotFound(std::string_view name) {
  return NotFound("user '" + std::string(name) + "' does not exist");
}

}  // namespace

PasswordHashLimits PasswordHashLimits::Interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordHashLimits PasswordHashLimits::Minimum() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

UserDirectory::UserDirectory(SqlDatabase& database, std::shared_ptr<Clock> clock,
                             PasswordHashLimits limits)
    : database_(database), clock_(std::move(clock)), limits_(limits) {}

Result<std::string> UserDirectory::HashPassword(std::string_view password) const {
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password.data(), password.size(), limits_.operations,
                        limits_.memory_bytes) != 0) {
    return ResourceExhausted("password hashing ran out of memory");
  }
  return std::string(hash);
}

Result<std::string> UserDirectory::HashNewPassword(std::string_view password) const {
  RETURN_IF_ERROR(ValidatePassword(password));
  return HashPassword(password);
}

Result<User> UserDirectory::CreateUser(std::string_view name, std::string_view password) {
  RETURN_IF_ERROR(ValidateUserName(name));
  RETURN_IF_ERROR(ValidatePassword(password));
  ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare("INSERT INTO users(name, password_hash, disabled, created_at) "
                                     "VALUES(?, ?, 0, ?)"));
  int64_t now = clock_->Now();
  Status status = statement.BindText(1, name).BindText(2, hash).BindInt(3, now).Run();
  if (status.code() == StatusCode::kAlreadyExists) {
    return Status(StatusCode::kAlreadyExists, "user '" + std::string(name) + "' already exists");
  }
  RETURN_IF_ERROR(status);
  return User{database_.LastInsertRowId(), std::string(name), false, now};
}

Result<User> UserDirectory::GetUser(std::string_view name) {
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare(std::string(kSelectUser) + "WHERE name = ?"));
  statement.BindText(1, name);
  ASSIGN_OR_RETURN(bool row, statement.Step());
  if (!row) return UserNotFound(name);
  return ReadUser(statement);
}

Result<User> UserDirectory::GetUserById(int64_t id) {
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare(std::string(kSelectUser) + "WHERE id = ?"));
  statement.BindInt(1, id);
  ASSIGN_OR_RETURN(bool row, statement.Step());
  if (!row) return NotFound("user id " + std::to_string(id) + " does not exist");
  return ReadUser(statement);
}

Result<std::vector<User>> UserDirectory::ListUsers() {
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare(std::string(kSelectUser) + "ORDER BY name"));
  std::vector<User> users;
  while (true) {
    ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) return users;
    users.push_back(ReadUser(statement));
  }
}

Result<int64_t> UserDirectory::CountUsers() {
  auto lock = database_.Lock();
  return database_.QueryInt("SELECT count(*) FROM users");
}

Status UserDirectory::SetPassword(std::string_view name, std::string_view password) {
  RETURN_IF_ERROR(ValidatePassword(password));
  ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare("UPDATE users SET password_hash = ? WHERE name = ?"));
  RETURN_IF_ERROR(statement.BindText(1, hash).BindText(2, name).Run());
  if (database_.Changes() == 0) return UserNotFound(name);
  return Status::OK();
}

Status UserDirectory::SetDisabled(std::string_view name, bool disabled) {
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare("UPDATE users SET disabled = ? WHERE name = ?"));
  RETURN_IF_ERROR(statement.BindInt(1, disabled ? 1 : 0).BindText(2, name).Run());
  if (database_.Changes() == 0) return UserNotFound(name);
  return Status::OK();
}

Status UserDirectory::DeleteUser(std::string_view name) {
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement statement, database_.Prepare("DELETE FROM users WHERE name = ?"));
  RETURN_IF_ERROR(statement.BindText(1, name).Run());
  if (database_.Changes() == 0) return UserNotFound(name);
  return Status::OK();
}

Result<std::optional<User>> UserDirectory::VerifyPassword(std::string_view name,
                                                          std::string_view password) {
  std::optional<User> user;
  std::string stored_hash;
  {
    auto lock = database_.Lock();
    ASSIGN_OR_RETURN(SqlStatement statement,
                     database_.Prepare("SELECT id, name, disabled, created_at, password_hash "
                                       "FROM users WHERE name = ?"));
    statement.BindText(1, name);
    ASSIGN_OR_RETURN(bool row, statement.Step());
    if (row) {
      user = ReadUser(statement);
      stored_hash = statement.Text(4);
    }
  }
  if (!user) {
    // Spend the same time as for a real user so names cannot be probed by timing.
    std::call_once(dummy_once_, [this] {
      Result<std::string> hash = HashPassword("huntbook-unknown-user");
      if (hash.ok()) dummy_hash_ = *hash;
    });
    if (!dummy_hash_.empty()) {
      int ignored = crypto_pwhash_str_verify(dummy_hash_.c_str(), password.data(), password.size());
      (void)ignored;
    }
    return std::optional<User>();
  }
  if (password.size() > kMaxPasswordLength ||
      crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) != 0 ||
      user->disabled) {
    return std::optional<User>();
  }
  if (crypto_pwhash_str_needs_rehash(stored_hash.c_str(), limits_.operations,
                                     limits_.memory_bytes) != 0) {
    ASSIGN_OR_RETURN(std::string upgraded, HashPassword(password));
    auto lock = database_.Lock();
    ASSIGN_OR_RETURN(SqlStatement statement,
                     database_.Prepare("UPDATE users SET password_hash = ? "
                                       "WHERE id = ? AND password_hash = ?"));
    RETURN_IF_ERROR(
        statement.BindText(1, upgraded).BindInt(2, user->id).BindText(3, stored_hash).Run());
  }
  return user;
}

}  // namespace huntbook::catalog
