// Users, passwords, API tokens, sessions and Authenticate.
#include "huntbook/catalog/authenticator.h"
#include "huntbook/catalog/catalog_test_support.h"
#include "huntbook/catalog/credential_store.h"
#include "huntbook/catalog/user_directory.h"

namespace huntbook::catalog {
namespace {

using IdentityTest = CatalogTest;

constexpr int64_t kHour = 3600LL * 10'000'000;

Credentials Bearer(const std::string& text) {
  Credentials credentials;
  credentials.bearer_token = text;
  return credentials;
}
Credentials Password(const std::string& user, const std::string& password) {
  Credentials credentials;
  credentials.user_name = user;
  credentials.password = password;
  return credentials;
}
Credentials Cookie(const std::string& cookie) {
  Credentials credentials;
  credentials.session_cookie = cookie;
  return credentials;
}

Authentication Auth(Catalog& catalog, const Credentials& credentials) {
  Result<Authentication> result = catalog.authenticator().Authenticate(credentials);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return result.ok() ? *result : Authentication{};
}

TEST_F(IdentityTest, PasswordVerifiesAndRejects) {
  User alice = MakeUser("alice@example.com");
  UserDirectory& users = catalog_->users();
  EXPECT_TRUE(users.VerifyPassword("alice@example.com", "correct horse battery")->has_value());
  EXPECT_TRUE(users.VerifyPassword("ALICE@example.com", "correct horse battery")->has_value());
  EXPECT_FALSE(users.VerifyPassword("alice@example.com", "correct horse batterY")->has_value());
  EXPECT_FALSE(users.VerifyPassword("alice@example.com", "")->has_value());
  EXPECT_FALSE(users.VerifyPassword("bob", "correct horse battery")->has_value());
  EXPECT_EQ(users.CreateUser("Alice@example.com", "another password").status().code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(users.CreateUser("carol", "short").status().message(),
            "password must be at least 8 characters");
  EXPECT_EQ(users.CreateUser("bad name", "long enough").status().code(),
            StatusCode::kInvalidArgument);

  ASSERT_TRUE(users.SetPassword("alice@example.com", "a new password").ok());
  EXPECT_FALSE(users.VerifyPassword("alice@example.com", "correct horse battery")->has_value());
  EXPECT_TRUE(users.VerifyPassword("alice@example.com", "a new password")->has_value());

  // Persisted across reopen, hashed (never the plaintext) in the file.
  Reopen();
  EXPECT_TRUE(catalog_->users().VerifyPassword("alice@example.com", "a new password")->has_value());
  EXPECT_EQ(ReadFile("catalog.db").find("a new password"), std::string::npos);
  EXPECT_NE(ReadFile("catalog.db").find("$argon2id$"), std::string::npos);
  (void)alice;
}

TEST_F(IdentityTest, StoredHashIsUpgradedToStrongerLimits) {
  MakeUser("dave");  // hashed with the minimum limits
  catalog_.reset();
  CatalogOptions options = Options();
  options.password_limits = PasswordHashLimits{3, 16 * 1024 * 1024};
  catalog_ = std::move(Catalog::Open(dir_, options)).value();
  std::string before = ReadFile("catalog.db") + ReadFile("catalog.db-wal");
  EXPECT_EQ(before.find("$argon2id$v=19$m=16384,t=3"), std::string::npos);
  ASSERT_TRUE(catalog_->users().VerifyPassword("dave", "correct horse battery")->has_value());
  std::string after = ReadFile("catalog.db") + ReadFile("catalog.db-wal");
  EXPECT_NE(after.find("$argon2id$v=19$m=16384,t=3"), std::string::npos);
  EXPECT_TRUE(catalog_->users().VerifyPassword("dave", "correct horse battery")->has_value());
}

TEST_F(IdentityTest, DisabledAndDeletedUsersCannotAuthenticate) {
  User erin = MakeUser("erin");
  Result<IssuedToken> token = catalog_->credentials().CreateToken(erin.id, "cli", std::nullopt);
  ASSERT_TRUE(token.ok());
  EXPECT_TRUE(Auth(*catalog_, Bearer(token->text)).principal.has_value());
  ASSERT_TRUE(catalog_->users().SetDisabled("erin", true).ok());
  EXPECT_FALSE(Auth(*catalog_, Bearer(token->text)).principal.has_value());
  EXPECT_FALSE(Auth(*catalog_, Password("erin", "correct horse battery")).principal);
  ASSERT_TRUE(catalog_->users().SetDisabled("erin", false).ok());
  EXPECT_TRUE(Auth(*catalog_, Bearer(token->text)).principal.has_value());
  ASSERT_TRUE(catalog_->users().DeleteUser("erin").ok());
  EXPECT_FALSE(Auth(*catalog_, Bearer(token->text)).principal.has_value());
  EXPECT_EQ(catalog_->credentials().GetToken(token->token.id).status().code(),
            StatusCode::kNotFound);  // cascaded
  EXPECT_EQ(catalog_->users().DeleteUser("erin").code(), StatusCode::kNotFound);
}

TEST_F(IdentityTest, TokenIsShownOnceStoredHashedAndRevocable) {
  User frank = MakeUser("frank");
  CredentialStore& credentials = catalog_->credentials();
  Result<IssuedToken> issued = credentials.CreateToken(frank.id, "notebooks", std::nullopt);
  ASSERT_TRUE(issued.ok());
  const std::string& text = issued->text;
  EXPECT_EQ(text.rfind("hbk_", 0), 0u);
  EXPECT_EQ(text.size(), 4 + 16 + 1 + 43u);  // prefix, id, '_', 32 bytes in base64url
  std::string secret = text.substr(21);
  EXPECT_EQ((ReadFile("catalog.db") + ReadFile("catalog.db-wal")).find(secret), std::string::npos);

  Authentication ok = Auth(*catalog_, Bearer(text));
  ASSERT_TRUE(ok.principal.has_value());
  EXPECT_EQ(ok.principal->user_name, "frank");
  EXPECT_EQ(ok.principal->method, AuthenticationMethod::kApiToken);
  EXPECT_EQ(ok.principal->credential_id, issued->token.id);
  EXPECT_EQ(credentials.GetToken(issued->token.id)->last_used_at, clock_->Now());

  // A token with one changed secret character, a truncated one, another prefix: rejected.
  std::string tampered = text;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  for (const std::string& bad : {tampered, text.substr(0, text.size() - 1), "hbs_" + text.substr(4),
                                 std::string("Bearer ") + text}) {
    Authentication denied = Auth(*catalog_, Bearer(bad));
    EXPECT_FALSE(denied.principal.has_value()) << bad;
    EXPECT_FALSE(denied.failure.empty());
  }

  ASSERT_TRUE(credentials.RevokeToken(issued->token.id).ok());
  EXPECT_FALSE(Auth(*catalog_, Bearer(text)).principal.has_value());
  EXPECT_EQ(credentials.RevokeToken("0000000000000000").code(), StatusCode::kNotFound);
  Result<std::vector<ApiToken>> listed = credentials.ListTokens(frank.id);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().revoked_at, clock_->Now());
}

TEST_F(IdentityTest, TokenExpiresAtItsExpiryTime) {
  User grace = MakeUser("grace");
  CredentialStore& credentials = catalog_->credentials();
  int64_t expiry = clock_->Now() + kHour;
  EXPECT_EQ(credentials.CreateToken(grace.id, "old", clock_->Now()).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(credentials.CreateToken(999, "nobody", std::nullopt).status().code(),
            StatusCode::kNotFound);
  Result<IssuedToken> issued = credentials.CreateToken(grace.id, "short-lived", expiry);
  ASSERT_TRUE(issued.ok());
  clock_->Advance(kHour - 1);
  EXPECT_TRUE(Auth(*catalog_, Bearer(issued->text)).principal.has_value());
  clock_->Advance(1);
  EXPECT_FALSE(Auth(*catalog_, Bearer(issued->text)).principal.has_value());
}

TEST_F(IdentityTest, LastUsedIsRecordedAtMostOncePerMinute) {
  User heidi = MakeUser("heidi");
  CredentialStore& credentials = catalog_->credentials();
  Result<IssuedToken> issued = credentials.CreateToken(heidi.id, "t", std::nullopt);
  ASSERT_TRUE(issued.ok());
  int64_t first = clock_->Now();
  ASSERT_TRUE(credentials.VerifyToken(issued->text)->has_value());
  clock_->Advance(kTokenLastUsedGranularity - 1);
  ASSERT_TRUE(credentials.VerifyToken(issued->text)->has_value());
  EXPECT_EQ(credentials.GetToken(issued->token.id)->last_used_at, first);
  clock_->Advance(1);
  ASSERT_TRUE(credentials.VerifyToken(issued->text)->has_value());
  EXPECT_EQ(credentials.GetToken(issued->token.id)->last_used_at, clock_->Now());
}

TEST_F(IdentityTest, SessionLoginCsrfLogoutAndExpiry) {
  MakeUser("ivan");
  Authenticator& authenticator = catalog_->authenticator();
  EXPECT_FALSE(authenticator.Login("ivan", "wrong password")->has_value());
  Result<std::optional<IssuedSession>> login =
      authenticator.Login("ivan", "correct horse battery", kHour);
  ASSERT_TRUE(login.ok() && login->has_value());
  const IssuedSession& session = **login;
  EXPECT_EQ(session.cookie.rfind("hbs_", 0), 0u);
  EXPECT_EQ(session.session.expires_at, clock_->Now() + kHour);

  Authentication by_cookie = Auth(*catalog_, Cookie(session.cookie));
  ASSERT_TRUE(by_cookie.principal.has_value());
  ASSERT_TRUE(by_cookie.session.has_value());
  EXPECT_EQ(by_cookie.principal->method, AuthenticationMethod::kSession);
  EXPECT_TRUE(CredentialStore::CsrfTokenMatches(*by_cookie.session, session.session.csrf_token));
  EXPECT_FALSE(CredentialStore::CsrfTokenMatches(*by_cookie.session, ""));
  EXPECT_FALSE(
      CredentialStore::CsrfTokenMatches(*by_cookie.session, session.session.csrf_token + "x"));
  std::string wrong_csrf = session.session.csrf_token;
  wrong_csrf[0] = wrong_csrf[0] == 'a' ? 'b' : 'a';
  EXPECT_FALSE(CredentialStore::CsrfTokenMatches(*by_cookie.session, wrong_csrf));

  // Logout with a forged secret does nothing; with the cookie it ends the session.
  ASSERT_TRUE(catalog_->credentials().EndSession(session.cookie.substr(0, 21) + "forged").ok());
  EXPECT_TRUE(Auth(*catalog_, Cookie(session.cookie)).principal.has_value());
  ASSERT_TRUE(catalog_->credentials().EndSession(session.cookie).ok());
  EXPECT_FALSE(Auth(*catalog_, Cookie(session.cookie)).principal.has_value());

  Result<std::optional<IssuedSession>> second =
      authenticator.Login("ivan", "correct horse battery", kHour);
  ASSERT_TRUE(second.ok() && second->has_value());
  clock_->Advance(kHour);
  EXPECT_FALSE(Auth(*catalog_, Cookie((*second)->cookie)).principal.has_value());
  ASSERT_TRUE(catalog_->credentials().DeleteExpiredSessions().ok());
}

TEST_F(IdentityTest, AuthenticateNeedsExactlyOneCredential) {
  User judy = MakeUser("judy");
  Result<IssuedToken> token = catalog_->credentials().CreateToken(judy.id, "t", std::nullopt);
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(Auth(*catalog_, Credentials()).failure, "no credentials");
  Credentials two = Password("judy", "correct horse battery");
  two.bearer_token = token->text;
  Authentication both = Auth(*catalog_, two);
  EXPECT_FALSE(both.principal.has_value());
  Authentication password = Auth(*catalog_, Password("judy", "correct horse battery"));
  ASSERT_TRUE(password.principal.has_value());
  EXPECT_EQ(password.principal->user_id, judy.id);
  EXPECT_EQ(password.principal->method, AuthenticationMethod::kPassword);
  // Unknown user and wrong password give the same failure text.
  EXPECT_EQ(Auth(*catalog_, Password("nobody", "whatever1")).failure,
            Auth(*catalog_, Password("judy", "whatever1")).failure);
}

}  // namespace
}  // namespace huntbook::catalog
