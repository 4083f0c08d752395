#include "huntbook/catalog/credential_store.h"

#include <sodium.h>

#include "huntbook/catalog/name_rules.h"
#include "huntbook/catalog/random_text.h"

namespace huntbook::catalog {
namespace {

constexpr size_t kIdHexLength = 16;
constexpr size_t kSecretBytes = 32;

struct CredentialParts {
  std::string id;
  std::string secret;
};

// Splits "<prefix><16 hex>_<secret>"; nullopt when the shape is wrong.
std::optional<CredentialParts> SplitCredential(std::string_view prefix, std::string_view text) {
  if (text.size() > 256 || text.substr(0, prefix.size()) != prefix) return std::nullopt;
  text.remove_prefix(prefix.size());
  if (text.size() < kIdHexLength + 2 || text[kIdHexLength] != '_') return std::nullopt;
  for (size_t i = 0; i < kIdHexLength; ++i) {
    char c = text[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
  }
  return CredentialParts{std::string(text.substr(0, kIdHexLength)),
                         std::string(text.substr(kIdHexLength + 1))};
}

std::string SecretHash(std::string_view secret) {
  std::string hash(crypto_generichash_BYTES, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(hash.data()), hash.size(),
                     reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), nullptr,
                     0);
  return hash;
}

bool HashesMatch(const std::string& a, const std::string& b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

constexpr char kSelectToken[] =
    "SELECT id, user_id, name, created_at, expires_at, revoked_at, last_used_at, secret_hash "
    "FROM api_tokens ";

ApiToken ReadToken(const SqlStatement& row) {
  ApiToken token;
  token.id = row.Text(0);
  token.user_id = row.Int(1);
  token.name = row.Text(2);
  token.created_at = row.Int(3);
  token.expires_at = row.OptionalInt(4);
  token.revoked_at = row.OptionalInt(5);
  token.last_used_at = row.OptionalInt(6);
  return token;
}

Status CheckUserExists(SqlDatabase& database, int64_t user_id) {
  ASSIGN_OR_RETURN(SqlStatement statement, database.Prepare("SELECT 1 FROM users WHERE id = ?"));
  statement.BindInt(1, user_id);
  ASSIGN_OR_RETURN(bool row, statement.Step());
  if (!row) return NotFound("user id " + std::to_string(user_id) + " does not exist");
  return Status::OK();
}

}  // namespace

Result<IssuedToken> CredentialStore::CreateToken(int64_t user_id, std::string_view name,
                                                 std::optional<int64_t> expires_at) {
  RETURN_IF_ERROR(ValidateText("token name", name, 128, /*allow_empty=*/false));
  int64_t now = clock_->Now();
  if (expires_at && *expires_at <= now) {
    return InvalidArgument("token expires_at must be in the future");
  }
  std::string secret = RandomUrlSafe(kSecretBytes);
  IssuedToken issued;
  issued.token.id = RandomHex(kIdHexLength / 2);
  issued.token.user_id = user_id;
  issued.token.name = std::string(name);
  issued.token.created_at = now;
  issued.token.expires_at = expires_at;
  issued.text = kApiTokenPrefix + issued.token.id + "_" + secret;
  auto lock = database_.Lock();
  RETURN_IF_ERROR(CheckUserExists(database_, user_id));
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare("INSERT INTO api_tokens(id, user_id, name, secret_hash, "
                                     "created_at, expires_at) VALUES(?, ?, ?, ?, ?, ?)"));
  RETURN_IF_ERROR(statement.BindText(1, issued.token.id)
                      .BindInt(2, user_id)
                      .BindText(3, name)
                      .BindBlob(4, SecretHash(secret))
                      .BindInt(5, now)
                      .BindOptionalInt(6, expires_at)
                      .Run());
  sodium_memzero(secret.data(), secret.size());
  return issued;
}

Result<ApiToken> CredentialStore::GetToken(std::string_view token_id) {
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare(std::string(kSelectToken) + "WHERE id = ?"));
  statement.BindText(1, token_id);
  ASSIGN_OR_RETURN(bool row, statement.Step());
  if (!row) return NotFound("API token '" + std::string(token_id) + "' does not exist");
  return ReadToken(statement);
}

Result<std::vector<ApiToken>> CredentialStore::ListTokens(int64_t user_id) {
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare(std::string(kSelectToken) +
                                     "WHERE user_id = ? ORDER BY created_at DESC, id"));
  statement.BindInt(1, user_id);
  std::vector<ApiToken> tokens;
  while (true) {
    ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) return tokens;
    tokens.push_back(ReadToken(statement));
  }
}

Status CredentialStore::RevokeToken(std::string_view token_id) {
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare("UPDATE api_tokens SET revoked_at = coalesce(revoked_at, ?) "
                                     "WHERE id = ?"));
  RETURN_IF_ERROR(statement.BindInt(1, clock_->Now()).BindText(2, token_id).Run());
  if (database_.Changes() == 0) {
    return NotFound("API token '" + std::string(token_id) + "' does not exist");
  }
  return Status::OK();
}

Result<std::optional<ApiToken>> CredentialStore::VerifyToken(std::string_view text) {
  std::optional<CredentialParts> parts = SplitCredential(kApiTokenPrefix, text);
  if (!parts) return std::optional<ApiToken>();
  std::string presented = SecretHash(parts->secret);
  int64_t now = clock_->Now();
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare(std::string(kSelectToken) + "WHERE id = ?"));
  statement.BindText(1, parts->id);
  ASSIGN_OR_RETURN(bool row, statement.Step());
  if (!row) return std::optional<ApiToken>();
  ApiToken token = ReadToken(statement);
  if (!HashesMatch(statement.Blob(7), presented) || token.revoked_at ||
      (token.expires_at && *token.expires_at <= now)) {
    return std::optional<ApiToken>();
  }
  if (!token.last_used_at || now - *token.last_used_at >= kTokenLastUsedGranularity) {
    ASSIGN_OR_RETURN(SqlStatement touch,
                     database_.Prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?"));
    RETURN_IF_ERROR(touch.BindInt(1, now).BindText(2, token.id).Run());
    token.last_used_at = now;
  }
  return std::optional<ApiToken>(token);
}

Result<IssuedSession> CredentialStore::CreateSession(int64_t user_id, int64_t ttl) {
  if (ttl <= 0) return InvalidArgument("session lifetime must be positive");
  int64_t now = clock_->Now();
  std::string secret = RandomUrlSafe(kSecretBytes);
  IssuedSession issued;
  issued.session.id = RandomHex(kIdHexLength / 2);
  issued.session.user_id = user_id;
  issued.session.csrf_token = RandomUrlSafe(kSecretBytes);
  issued.session.created_at = now;
  issued.session.expires_at = now + ttl;
  issued.cookie = kSessionPrefix + issued.session.id + "_" + secret;
  auto lock = database_.Lock();
  RETURN_IF_ERROR(CheckUserExists(database_, user_id));
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare("INSERT INTO sessions(id, user_id, secret_hash, csrf_token, "
                                     "created_at, expires_at) VALUES(?, ?, ?, ?, ?, ?)"));
  RETURN_IF_ERROR(statement.BindText(1, issued.session.id)
                      .BindInt(2, user_id)
                      .BindBlob(3, SecretHash(secret))
                      .BindText(4, issued.session.csrf_token)
                      .BindInt(5, now)
                      .BindInt(6, issued.session.expires_at)
                      .Run());
  sodium_memzero(secret.data(), secret.size());
  return issued;
}

Result<std::optional<Session>> CredentialStore::VerifySession(std::string_view cookie) {
  std::optional<CredentialParts> parts = SplitCredential(kSessionPrefix, cookie);
  if (!parts) return std::optional<Session>();
  std::string presented = SecretHash(parts->secret);
  int64_t now = clock_->Now();
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare("SELECT id, user_id, csrf_token, created_at, expires_at, "
                                     "secret_hash FROM sessions WHERE id = ?"));
  statement.BindText(1, parts->id);
  ASSIGN_OR_RETURN(bool row, statement.Step());
  if (!row) return std::optional<Session>();
  Session session{statement.Text(0), statement.Int(1), statement.Text(2), statement.Int(3),
                  statement.Int(4)};
  if (!HashesMatch(statement.Blob(5), presented) || session.expires_at <= now) {
    return std::optional<Session>();
  }
  return std::optional<Session>(session);
}

Status CredentialStore::EndSession(std::string_view cookie) {
  std::optional<CredentialParts> parts = SplitCredential(kSessionPrefix, cookie);
  if (!parts) return Status::OK();
  std::string presented = SecretHash(parts->secret);
  auto lock = database_.Lock();
  // Only the holder of the secret may end the session.
  ASSIGN_OR_RETURN(SqlStatement lookup,
                   database_.Prepare("SELECT secret_hash FROM sessions WHERE id = ?"));
  lookup.BindText(1, parts->id);
  ASSIGN_OR_RETURN(bool row, lookup.Step());
  if (!row || !HashesMatch(lookup.Blob(0), presented)) return Status::OK();
  ASSIGN_OR_RETURN(SqlStatement statement, database_.Prepare("DELETE FROM sessions WHERE id = ?"));
  return statement.BindText(1, parts->id).Run();
}

Status CredentialStore::DeleteExpiredSessions() {
  int64_t now = clock_->Now();
  auto lock = database_.Lock();
  ASSIGN_OR_RETURN(SqlStatement statement,
                   database_.Prepare("DELETE FROM sessions WHERE expires_at <= ?"));
  return statement.BindInt(1, now).Run();
}

bool CredentialStore::CsrfTokenMatches(const Session& session, std::string_view token) {
  const std::string& expected = session.csrf_token;
  if (expected.empty() || token.size() != expected.size()) return false;
  return sodium_memcmp(expected.data(), token.data(), expected.size()) == 0;
}

}  // namespace huntbook::catalog
