// The server's access control over the SQLite catalog: API tokens (Bearer and x-api-key)
// authenticate, catalog roles authorize each route's Action.
#include "huntbook/server/catalog_access.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "huntbook/server/service.h"
#include "huntbook/storage/store.h"

namespace huntbook::server {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

class CatalogAccessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/huntbook_catalog_access_XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
    auto engine = engine::Engine::Open(dir_);
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    engine_ = std::move(engine).value();
    ASSERT_TRUE(engine_->store().CreateWorkspace("default").ok());

    catalog::CatalogOptions options;
    options.password_limits = catalog::PasswordHashLimits::Minimum();
    auto opened = catalog::Catalog::Open(dir_, options);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    catalog_ = std::move(opened).value();

    Result<bool> admin = catalog_->EnsureAdmin("admin", "correct horse battery");
    ASSERT_TRUE(admin.ok() && *admin) << admin.status().ToString();
    owner_token_ = TokenFor("admin");
    auto admin_user = catalog_->users().GetUser("admin");
    ASSERT_TRUE(admin_user.ok());
    admin_id_ = std::to_string(admin_user->id);

    Result<catalog::User> reader = catalog_->users().CreateUser("rita", "correct horse battery");
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    auto assigned =
        catalog_->access().AssignRole(reader->id, "Reader", catalog::Scope::Workspace(DefaultId()));
    ASSERT_TRUE(assigned.ok()) << assigned.status().ToString();
    reader_token_ = TokenFor("rita");

    Result<catalog::User> nobody = catalog_->users().CreateUser("norole", "correct horse battery");
    ASSERT_TRUE(nobody.ok()) << nobody.status().ToString();
    norole_token_ = TokenFor("norole");

    service_ = std::make_unique<Service>(*engine_, ServiceOptions{},
                                         std::make_unique<CatalogAuthenticator>(*catalog_),
                                         std::make_unique<CatalogAuthorizer>(*catalog_));
  }
  void TearDown() override {
    if (service_) service_->Stop();
    service_.reset();
    catalog_.reset();
    engine_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string DefaultId() {
    auto workspace = catalog_->workspaces().GetWorkspace("default", "default");
    EXPECT_TRUE(workspace.ok()) << workspace.status().ToString();
    return workspace.ok() ? workspace->id : "";
  }
  std::string TokenFor(const std::string& user_name) {
    auto user = catalog_->users().GetUser(user_name);
    EXPECT_TRUE(user.ok()) << user.status().ToString();
    if (!user.ok()) return "";
    auto issued = catalog_->credentials().CreateToken(user->id, "test", std::nullopt);
    EXPECT_TRUE(issued.ok()) << issued.status().ToString();
    return issued.ok() ? issued->text : "";
  }
  static Headers Bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }
  HttpResponse Call(std::string method, std::string path, std::string body, Headers headers) {
    HttpRequest request;
    request.method = std::move(method);
    request.path = path;
    request.target = path;
    request.body = std::move(body);
    request.headers = std::move(headers);
    return service_->Handle(request).ReadStream();
  }
  HttpResponse Query(Headers headers, const std::string& workspace = "default") {
    return Call("POST", "/v1/workspaces/" + workspace + "/query", R"({"query":"print x = 1"})",
                std::move(headers));
  }
  HttpResponse Ingest(Headers headers) {
    return Call("POST", "/v1/workspaces/default/tables/Events/ingest", R"([{"Id":1}])",
                std::move(headers));
  }

  std::string dir_;
  std::unique_ptr<engine::Engine> engine_;
  std::unique_ptr<catalog::Catalog> catalog_;
  std::unique_ptr<Service> service_;
  std::string admin_id_;
  std::string owner_token_;
  std::string reader_token_;
  std::string norole_token_;
};

TEST_F(CatalogAccessTest, NoCredentialsIsUnauthorized) {
  HttpResponse response = Query({});
  EXPECT_EQ(response.status, 401) << response.body;
  EXPECT_EQ(response.Header("WWW-Authenticate"), "Bearer");
  EXPECT_EQ(Ingest({}).status, 401);
}

TEST_F(CatalogAccessTest, BadCredentialsAreUnauthorized) {
  EXPECT_EQ(Query(Bearer("hbk_0123456789abcdef_notthesecret")).status, 401);
  EXPECT_EQ(Query(Bearer("")).status, 401);
  EXPECT_EQ(Query({{"Authorization", "Basic YWRtaW46Y29ycmVjdCBob3JzZQ=="}}).status, 401);
  // A valid token with its last character changed.
  std::string tampered = reader_token_;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(Query(Bearer(tampered)).status, 401);
  // Two credentials at once are refused rather than guessed between.
  EXPECT_EQ(
      Query({{"Authorization", "Bearer " + reader_token_}, {"x-api-key", owner_token_}}).status,
      401);
}

TEST_F(CatalogAccessTest, ReaderMayQueryButNotIngest) {
  HttpResponse query = Query(Bearer(reader_token_));
  EXPECT_EQ(query.status, 200) << query.body;
  HttpResponse ingest = Ingest(Bearer(reader_token_));
  EXPECT_EQ(ingest.status, 403) << ingest.body;
  EXPECT_EQ(Call("GET", "/metrics", "", Bearer(reader_token_)).status, 403);
  // The scheme name is case-insensitive (RFC 9110 section 11.1).
  EXPECT_EQ(Query({{"Authorization", "bearer " + reader_token_}}).status, 200);
}

TEST_F(CatalogAccessTest, DataExplorerRoutesUseTheSameRoles) {
  auto mgmt = [&](const std::string& token, const std::string& command) {
    return Call("POST", "/v1/rest/mgmt", R"({"db":"default","csl":")" + command + R"("})",
                Bearer(token));
  };
  HttpResponse query =
      Call("POST", "/v2/rest/query", R"({"db":"default","csl":"print 1"})", Bearer(reader_token_));
  EXPECT_EQ(query.status, 200) << query.body;
  EXPECT_EQ(mgmt(reader_token_, ".create table T (a:long)").status, 403);
  EXPECT_EQ(mgmt(reader_token_, ".show tables").status, 200);
  HttpResponse created = mgmt(owner_token_, ".create table T (a:long)");
  EXPECT_EQ(created.status, 200) << created.body;
  EXPECT_EQ(mgmt(norole_token_, ".show tables").status, 403);
}

TEST_F(CatalogAccessTest, ApiKeyHeaderAuthenticates) {
  EXPECT_EQ(Query({{"x-api-key", reader_token_}}).status, 200);
  EXPECT_EQ(Ingest({{"x-api-key", reader_token_}}).status, 403);
}

TEST_F(CatalogAccessTest, OwnerMayQueryIngestAndReadMetrics) {
  HttpResponse ingest = Ingest(Bearer(owner_token_));
  EXPECT_EQ(ingest.status, 200) << ingest.body;
  HttpResponse query = Query(Bearer(owner_token_));
  EXPECT_EQ(query.status, 200) << query.body;
  EXPECT_EQ(Call("GET", "/metrics", "", Bearer(owner_token_)).status, 200);
  // Workspaces may be named by their catalog id as well.
  EXPECT_TRUE(
      service_->Authorize(Principal{admin_id_, "admin", false}, Action::kIngest, DefaultId()));
}

TEST_F(CatalogAccessTest, UserWithoutRoleIsForbidden) {
  EXPECT_EQ(Query(Bearer(norole_token_)).status, 403);
  EXPECT_EQ(Ingest(Bearer(norole_token_)).status, 403);
}

TEST_F(CatalogAccessTest, UnknownWorkspaceIsDeniedLikeAForbiddenOne) {
  // Even the server Owner gets the same answer as a forbidden workspace, so a denial
  // reveals nothing about which workspaces exist.
  EXPECT_EQ(Query(Bearer(reader_token_), "nosuchworkspace").status, 403);
  EXPECT_FALSE(service_->Authorize(Principal{admin_id_, "admin", false}, Action::kQuery, "nosuch"));
}

TEST_F(CatalogAccessTest, RevokedTokenIsUnauthorized) {
  ASSERT_EQ(Query(Bearer(reader_token_)).status, 200);
  auto verified = catalog_->credentials().VerifyToken(reader_token_);
  ASSERT_TRUE(verified.ok() && verified->has_value());
  ASSERT_TRUE(catalog_->credentials().RevokeToken((*verified)->id).ok());
  EXPECT_EQ(Query(Bearer(reader_token_)).status, 401);
  EXPECT_EQ(Query({{"x-api-key", reader_token_}}).status, 401);
}

TEST_F(CatalogAccessTest, DisabledUserIsUnauthorized) {
  ASSERT_TRUE(catalog_->users().SetDisabled("rita", true).ok());
  EXPECT_EQ(Query(Bearer(reader_token_)).status, 401);
}

TEST_F(CatalogAccessTest, AnonymousAndMalformedPrincipalsAreDenied) {
  CatalogAuthorizer authorizer(*catalog_);
  EXPECT_FALSE(
      authorizer.Allowed(Principal{"anonymous", "anonymous", true}, Action::kQuery, "default"));
  EXPECT_FALSE(authorizer.Allowed(Principal{"1x", "admin", false}, Action::kQuery, "default"));
  EXPECT_FALSE(authorizer.Allowed(Principal{"", "admin", false}, Action::kQuery, "default"));
  EXPECT_TRUE(authorizer.Allowed(Principal{"", "", true}, Action::kPublic, ""));
}

TEST(CatalogActionForTest, MapsEveryServerAction) {
  EXPECT_FALSE(CatalogActionFor(Action::kPublic).has_value());
  EXPECT_EQ(CatalogActionFor(Action::kQuery), catalog::Action::kQuery);
  EXPECT_EQ(CatalogActionFor(Action::kReadMetadata), catalog::Action::kReadWorkspace);
  EXPECT_EQ(CatalogActionFor(Action::kIngest), catalog::Action::kIngest);
  EXPECT_EQ(CatalogActionFor(Action::kManageTables), catalog::Action::kManageTables);
  EXPECT_EQ(CatalogActionFor(Action::kReadMetrics), catalog::Action::kReadMetrics);
}

}  // namespace
}  // namespace huntbook::server
