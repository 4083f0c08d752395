// CredentialStore: API tokens (bearer) and portal sessions.
//
// Both are `<prefix><id>_<secret>`: a 16-hex-digit id to find the row and a 32-byte random
// secret (randombytes_buf, URL-safe base64). Only a BLAKE2b-256 hash of the secret is
// stored; it is compared in constant time (sodium_memcmp). The full text is returned once,
// at creation, and cannot be recovered. Token text starts with "hbk_", session cookies
// with "hbs_", so leaked credentials are easy to recognise (and to scan for).
// A token is valid until it is revoked or `expires_at` passes (expires_at <= now is
// expired). A session is valid until logout or its expiry; its CSRF token (random, 32
// bytes) must accompany every state-changing portal request.
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "huntbook/catalog/clock.h"
#include "huntbook/catalog/sql_database.h"
#include "huntbook/common/status.h"

namespace huntbook::catalog {

inline constexpr char kApiTokenPrefix[] = "hbk_";
inline constexpr char kSessionPrefix[] = "hbs_";
// last_used_at is written at most once per this many ticks per token (one minute), so
// authentication does not cost an fsync per request.
inline constexpr int64_t kTokenLastUsedGranularity = 60LL * 10'000'000;

struct ApiToken {
  std::string id;
  int64_t user_id = 0;
  std::string name;
  int64_t created_at = 0;
  std::optional<int64_t> expires_at;
  std::optional<int64_t> revoked_at;
  std::optional<int64_t> last_used_at;
};

struct IssuedToken {
  ApiToken token;
  std::string text;  // "hbk_<id>_<secret>": shown once
};

struct Session {
  std::string id;
  int64_t user_id = 0;
  std::string csrf_token;
  int64_t created_at = 0;
  int64_t expires_at = 0;
};

struct IssuedSession {
  Session session;
  std::string cookie;  // "hbs_<id>_<secret>": the session cookie's value
};

class CredentialStore {
 public:
  CredentialStore(SqlDatabase& database, std::shared_ptr<Clock> clock)
      : database_(database), clock_(std::move(clock)) {}

  // `name` describes the token (1..128 bytes). `expires_at` (ticks), when set, must be in
  // the future. Errors: kInvalidArgument, kNotFound (user).
  Result<IssuedToken> CreateToken(int64_t user_id, std::string_view name,
                                  std::optional<int64_t> expires_at);
  Result<ApiToken> GetToken(std::string_view token_id);
  // The user's tokens, newest first (revoked and expired ones included).
  Result<std::vector<ApiToken>> ListTokens(int64_t user_id);
  // Errors: kNotFound. Revoking twice keeps the first time.
  Status RevokeToken(std::string_view token_id);
  // The token when `text` is a live token; nullopt when malformed, unknown, wrong secret,
  // revoked or expired. Records last use.
  Result<std::optional<ApiToken>> VerifyToken(std::string_view text);

  // REQUIRES: ttl > 0 (ticks).
  Result<IssuedSession> CreateSession(int64_t user_id, int64_t ttl);
  // The session when `cookie` names a live one; nullopt otherwise.
  Result<std::optional<Session>> VerifySession(std::string_view cookie);
  // Logout: the session stops working. Unknown or malformed cookies are ignored.
  Status EndSession(std::string_view cookie);
  // Deletes sessions whose expiry has passed.
  Status DeleteExpiredSessions();

  // Constant-time check of a request's CSRF token against the session's.
  static bool CsrfTokenMatches(const Session& session, std::string_view token);

 private:
  SqlDatabase& database_;
  std::shared_ptr<Clock> clock_;
};

}  // namespace huntbook::catalog
