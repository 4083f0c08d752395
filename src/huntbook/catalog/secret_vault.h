// SecretVault: per-workspace secrets (e.g. threat-intelligence API keys for notebooks).
//
// Values are encrypted at rest with crypto_secretbox_easy (XSalsa20-Poly1305) under the
// MasterKey, a fresh random nonce per write. The sealed plaintext starts with the
// workspace id and secret name, so a ciphertext moved to another row fails to open.
// Values are 1..64 KiB of UTF-8 text; names follow ValidateSecretName (case-insensitive).
//
// Every call takes the calling Principal and checks it (access_control.h):
//   List   kListSecrets     Get   kReadSecret     Set, Delete   kWriteSecret
// A denied call returns kNotFound with the same message as a missing secret or workspace,
// so callers learn nothing about what exists (RELIABILITY.md: "forbidden" == "missing").
// Values never appear in error messages.
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "huntbook/catalog/access_control.h"
#include "huntbook/catalog/clock.h"
#include "huntbook/catalog/master_key.h"
#include "huntbook/catalog/principal.h"
#include "huntbook/catalog/sql_database.h"
#include "huntbook/common/status.h"

namespace huntbook::catalog {

inline constexpr size_t kMaxSecretValueBytes = 64 * 1024;

struct SecretInfo {
  std::string name;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  std::string updated_by;
};

class SecretVault {
 public:
  SecretVault(SqlDatabase& database, AccessControl& access, const MasterKey& key,
              std::shared_ptr<Clock> clock)
      : database_(database), access_(access), key_(key), clock_(std::move(clock)) {}

  // Creates or replaces. Errors: kInvalidArgument (name, value), kNotFound (denied or no
  // such workspace).
  Status Set(const Principal& principal, std::string_view workspace_id, std::string_view name,
             std::string_view value);
  // Errors: kNotFound (denied, no such workspace or secret); kCorruption when the value
  // cannot be decrypted (a different catalog.key, or a damaged row).
  Result<std::string> Get(const Principal& principal, std::string_view workspace_id,
                          std::string_view name);
  // Names and times only, ordered by name.
  Result<std::vector<SecretInfo>> List(const Principal& principal, std::string_view workspace_id);
  Status Delete(const Principal& principal, std::string_view workspace_id, std::string_view name);

 private:
  SqlDatabase& database_;
  AccessControl& access_;
  const MasterKey& key_;
  std::shared_ptr<Clock> clock_;
};

}  // namespace huntbook::catalog
