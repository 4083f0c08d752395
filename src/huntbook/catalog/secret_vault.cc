#include "huntbook/catalog/secret_vault.h"

#include <sodium.h>

#include "huntbook/catalog/name_rules.h"

namespace huntbook::catalog {
namespace {

Status SecretNotFound(std::string_view workspace_id, std::string_view name) {
  return NotFound("secret '" + std::string(name) + "' does not exist in workspace '" +
                  std::string(workspace_id) + "'");
}

Status WorkspaceNotFound(std::string_view workspace_id) {
  return NotFound("workspace '" + std::string(workspace_id) + "' does not exist");
}

void AppendField(std::string& out, std::string_view field) {
  uint32_t size = static_cast<uint32_t>(field.size());
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((size >> (8 * i)) & 0xff));
  out.append(field);
}

// The bytes that bind a value to its row: workspace id and lower-cased name.
std::string Context(std::string_view workspace_id, std::string_view name) {
  std::string lower(name);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  std::string context;
  AppendField(context, workspace_id);
  AppendField(context, lower);
  return context;
}

}  // namespace

Status SecretVault::Set(const Principal& principal, std::string_view workspace_id,
                        std::string_view name, std::string_view value) {
  if (!access_.Authorize(principal, Action::kWriteSecret, workspace_id)) {
    return SecretNotFound(workspace_id, name);
  }
  RETURN_IF_ERROR(ValidateSecretName(name));
  if (value.empty() || value.size() > kMaxSecretValueBytes) {
    return InvalidArgument("secret value must be 1.." + std::to_string(kMaxSecretValueBytes) +
                           " bytes");
  }
  RETURN_IF_ERROR(ValidateText("secret value", value, kMaxSecretValueBytes, true));
  std::string plaintext = Context(workspace_id, name);
  plaintext.append(value);
  std::string nonce(crypto_secretbox_NONCEBYTES, '\0');
  randombytes_buf(nonce.data(), nonce.size());
  std::string ciphertext(plaintext.size() + crypto_secretbox_MACBYTES, '\0');
  crypto_secretbox_easy(reinterpret_cast<unsigned char*>(ciphertext.data()),
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                        reinterpret_cast<const unsigned char*>(nonce.data()), key_.bytes());
  sodium_memzero(plaintext.data(), plaintext.size());
  int64_t now = clock_->Now();
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare("INSERT INTO secrets(workspace_id, name, nonce, ciphertext, "
                                     "created_at, updated_at, updated_by) "
                                     "VALUES(?1, ?2, ?3, ?4, ?5, ?5, ?6) "
                                     "ON CONFLICT(workspace_id, name) DO UPDATE SET "
                                     "nonce = ?3, ciphertext = ?4, updated_at = ?5, "
                                     "updated_by = ?6"));
  Status status = statement.BindText(1, workspace_id)
                      .BindText(2, name)
                      .BindBlob(3, nonce)
                      .BindBlob(4, ciphertext)
                      .BindInt(5, now)
                      .BindText(6, principal.user_name)
                      .Run();
  // The only foreign key is the workspace.
  if (status.code() == StatusCode::kInvalidArgument) return WorkspaceNotFound(workspace_id);
  return status;
}

Result<std::string> SecretVault::Get(const Principal& principal, std::string_view workspace_id,
                                     std::string_view name) {
  if (!access_.Authorize(principal, Action::kReadSecret, workspace_id)) {
    return SecretNotFound(workspace_id, name);
  }
  std::string nonce, ciphertext;
  {
    auto lock = database_.Lock();
    ASSIGN_OR_RETURN(SqlStatement statement,
                     database_.Prepare("SELECT nonce, ciphertext FROM secrets "
                                       "WHERE workspace_id = ? AND name = ?"));
    statement.BindText(1, workspace_id).BindText(2, name);
    ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) return SecretNotFound(workspace_id, name);
    nonce = statement.Blob(0);
    ciphertext = statement.Blob(1);
  }
  Status undecryptable =
      Corruption("secret '" + std::string(name) + "' in workspace '" + std::string(workspace_id) +
                 "' cannot be decrypted with this catalog.key");
  if (nonce.size() != crypto_secretbox_NONCEBYTES ||
      ciphertext.size() < crypto_secretbox_MACBYTES) {
    return undecryptable;
  }
  std::string plaintext(ciphertext.size() - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(
          reinterpret_cast<unsigned char*>(plaintext.data()),
          reinterpret_cast<const unsigned char*>(ciphertext.data()), ciphertext.size(),
          reinterpret_cast<const unsigned char*>(nonce.data()), key_.bytes()) != 0) {
    return undecryptable;
  }
  std::string context = Context(workspace_id, name);
  if (plaintext.size() < context.size() ||
      sodium_memcmp(plaintext.data(), context.data(), context.size()) != 0) {
    sodium_memzero(plaintext.data(), plaintext.size());
    return undecryptable;
  }
  std::string value = plaintext.substr(context.size());
  sodium_memzero(plaintext.data(), plaintext.size());
  return value;
}

Result<std::vector<SecretInfo>> SecretVault::List(const Principal& principal,
                                                  std::string_view workspace_id) {
  if (!access_.Authorize(principal, Action::kListSecrets, workspace_id)) {
    return WorkspaceNotFound(workspace_id);
  }
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare("SELECT name, created_at, updated_at, updated_by "
                                     "FROM secrets WHERE workspace_id = ? ORDER BY name"));
  statement.BindText(1, workspace_id);
  std::vector<SecretInfo> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) return out;
    out.push_back(
        SecretInfo{statement.Text(0), statement.Int(1), statement.Int(2), statement.Text(3)});
  }
}

Status SecretVault::Delete(const Principal& principal, std::string_view workspace_id,
                           std::string_view name) {
  if (!access_.Authorize(principal, Action::kWriteSecret, workspace_id)) {
    return SecretNotFound(workspace_id, name);
  }
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare("DELETE FROM secrets WHERE workspace_id = ? AND name = ?"));
  RETURN_IF_ERROR(statement.BindText(1, workspace_id).BindText(2, name).Run());
  if (database_.Changes() == 0) return SecretNotFound(workspace_id, name);
  return Status::OK();
}

}  // namespace huntbook::catalog
