#include "huntbook/catalog/authenticator.h"

namespace huntbook::catalog {
namespace {

Authentication Failed(std::string reason) {
  Authentication result;
  result.failure = std::move(reason);
  return result;
}

}  // namespace

Result<std::optional<Principal>> Authenticator::PrincipalFor(int64_t user_id,
                                                             AuthenticationMethod method,
                                                             std::string credential_id) {
  Result<User> user = users_.GetUserById(user_id);
  if (!user.ok()) {
    if (user.status().code() == StatusCode::kNotFound) return std::optional<Principal>();
    return user.status();
  }
  if (user->disabled) return std::optional<Principal>();
  Principal principal;
  principal.user_id = user->id;
  principal.user_name = user->name;
  principal.method = method;
  principal.credential_id = std::move(credential_id);
  return std::optional<Principal>(std::move(principal));
}

Result<Authentication> Authenticator::Authenticate(const Credentials& credentials) {
  int kinds = (credentials.bearer_token.empty() ? 0 : 1) +
              (credentials.user_name.empty() && credentials.password.empty() ? 0 : 1) +
              (credentials.session_cookie.empty() ? 0 : 1);
  if (kinds == 0) return Failed("no credentials");
  if (kinds > 1) return Failed("more than one kind of credential");

  if (!credentials.bearer_token.empty()) {
    ASSIGN_OR_RETURN(std::optional<ApiToken> token,
                     credentials_.VerifyToken(credentials.bearer_token));
    if (!token) return Failed("unknown, revoked or expired API token");
    ASSIGN_OR_RETURN(std::optional<Principal> principal,
                     PrincipalFor(token->user_id, AuthenticationMethod::kApiToken, token->id));
    if (!principal) return Failed("the token's user is disabled or deleted");
    Authentication result;
    result.principal = std::move(principal);
    return result;
  }
  if (!credentials.session_cookie.empty()) {
    ASSIGN_OR_RETURN(std::optional<Session> session,
                     credentials_.VerifySession(credentials.session_cookie));
    if (!session) return Failed("unknown or expired session");
    ASSIGN_OR_RETURN(std::optional<Principal> principal,
                     PrincipalFor(session->user_id, AuthenticationMethod::kSession, session->id));
    if (!principal) return Failed("the session's user is disabled or deleted");
    Authentication result;
    result.principal = std::move(principal);
    result.session = std::move(session);
    return result;
  }
  ASSIGN_OR_RETURN(std::optional<User> user,
                   users_.VerifyPassword(credentials.user_name, credentials.password));
  if (!user) return Failed("wrong user name or password, or the user is disabled");
  Principal principal;
  principal.user_id = user->id;
  principal.user_name = user->name;
  principal.method = AuthenticationMethod::kPassword;
  Authentication result;
  result.principal = std::move(principal);
  return result;
}

Result<std::optional<IssuedSession>> Authenticator::Login(std::string_view user_name,
                                                          std::string_view password,
                                                          int64_t lifetime) {
  ASSIGN_OR_RETURN(std::optional<User> user, users_.VerifyPassword(user_name, password));
  if (!user) return std::optional<IssuedSession>();
  ASSIGN_OR_RETURN(IssuedSession session, credentials_.CreateSession(user->id, lifetime));
  return std::optional<IssuedSession>(std::move(session));
}

}  // namespace huntbook::catalog
