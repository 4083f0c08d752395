// UserDirectory: users and their passwords.
//
// Passwords are hashed with argon2id (libsodium crypto_pwhash_str) using the limits in
// PasswordHashLimits (default: libsodium's "interactive" limits, about 64 MiB); the hash is
// computed outside the database lock so logins do not serialise the catalog. A stored hash
// made with other limits is upgraded on the next successful VerifyPassword. Passwords are
// 8..1024 bytes. User names follow ValidateUserName and compare case-insensitively.
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "huntbook/catalog/clock.h"
#include "huntbook/catalog/sql_database.h"
#include "huntbook/common/status.h"

namespace huntbook::catalog {

struct User {
  int64_t id = 0;
  std::string name;
  bool disabled = false;
  int64_t created_at = 0;  // datetime ticks
};

struct PasswordHashLimits {
  uint64_t operations;  // crypto_pwhash opslimit
  size_t memory_bytes;  // crypto_pwhash memlimit
  // libsodium's interactive limits (the default for real catalogs).
  static PasswordHashLimits Interactive();
  // The smallest limits libsodium accepts: fast, for tests only.
  static PasswordHashLimits Minimum();
};

inline constexpr size_t kMinPasswordLength = 8;
inline constexpr size_t kMaxPasswordLength = 1024;

// Checks the password length rules (kInvalidArgument naming the rule).
Status ValidatePassword(std::string_view password);

class UserDirectory {
 public:
  UserDirectory(SqlDatabase& database, std::shared_ptr<Clock> clock, PasswordHashLimits limits);

  // Errors: kInvalidArgument (name or password rules), kAlreadyExists.
  Result<User> CreateUser(std::string_view name, std::string_view password);
  Result<User> GetUser(std::string_view name);
  Result<User> GetUserById(int64_t id);
  Result<std::vector<User>> ListUsers();
  Result<int64_t> CountUsers();
  Status SetPassword(std::string_view name, std::string_view password);
  // A disabled user cannot authenticate by any method; their tokens and sessions stay.
  Status SetDisabled(std::string_view name, bool disabled);
  // Deletes the user with their tokens, sessions and role assignments.
  Status DeleteUser(std::string_view name);

  // The user when `password` is theirs and they are enabled; nullopt otherwise (unknown
  // user, wrong password, disabled: indistinguishable, and an unknown user costs the same
  // hashing time). Errors only for catalog failures.
  Result<std::optional<User>> VerifyPassword(std::string_view name, std::string_view password);

  // Checks the password rules and returns its argon2id hash string (for callers that insert
  // a user inside their own transaction, e.g. Catalog::EnsureAdmin). Takes no lock.
  Result<std::string> HashNewPassword(std::string_view password) const;

 private:
  Result<std::string> HashPassword(std::string_view password) const;

  SqlDatabase& database_;
  std::shared_ptr<Clock> clock_;
  PasswordHashLimits limits_;
  mutable std::once_flag dummy_once_;
  mutable std::string dummy_hash_;  // verified against for unknown users (made on first use)
};

}  // namespace huntbook::catalog
