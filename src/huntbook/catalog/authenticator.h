// Authenticator: request credentials -> Principal.
//
// Exactly one kind of credential must be presented: an API token (bearer), a user name and
// password, or a portal session cookie. Failures are values, not errors: the result holds
// no principal and a reason for the audit log only (clients get one generic answer so they
// cannot tell an unknown user from a wrong password). Disabled users fail every method.
// Errors are returned only when the catalog itself fails.
//
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "huntbook/catalog/credential_store.h"
#include "huntbook/catalog/principal.h"
#include "huntbook/catalog/user_directory.h"
#include "huntbook/common/status.h"

namespace huntbook::catalog {

struct Credentials {
  std::string bearer_token;  // "hbk_..." from `Authorization: Bearer`
  std::string user_name;     // with password: Basic auth or the portal login form
  std::string password;
  std::string session_cookie;  // "hbs_..." portal session
};

struct Authentication {
  std::optional<Principal> principal;  // set on success
  std::optional<Session> session;      // set when a session cookie authenticated (for CSRF)
  std::string failure;                 // why not, for the audit log
};

// Portal sessions last 8 hours unless the caller says otherwise.
inline constexpr int64_t kDefaultSessionLifetime = 8LL * 3600 * 10'000'000;

class Authenticator {
 public:
  Authenticator(UserDirectory& users, CredentialStore& credentials)
      : users_(users), credentials_(credentials) {}

  Result<Authentication> Authenticate(const Credentials& credentials);

  // Portal login: checks the password and opens a session. nullopt when the login fails.
  Result<std::optional<IssuedSession>> Login(std::string_view user_name, std::string_view password,
                                             int64_t lifetime = kDefaultSessionLifetime);

 private:
  // The principal for an enabled user id; nullopt when the user is gone or disabled.
  Result<std::optional<Principal>> PrincipalFor(int64_t user_id, AuthenticationMethod method,
                                                std::string credential_id);

  UserDirectory& users_;
  CredentialStore& credentials_;
};

}  // namespace huntbook::catalog
