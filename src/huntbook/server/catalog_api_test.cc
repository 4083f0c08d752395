// The catalog routes end to end: workspaces and resource groups (one list for catalog and
// store), bookmarks (with their HuntingBookmark rows), secrets, role assignments and API
// tokens. Shapes follow https://learn.microsoft.com/rest/api/loganalytics/workspaces and
// https://learn.microsoft.com/azure/azure-monitor/reference/tables/huntingbookmark.
#include <filesystem>

#include "huntbook/server/catalog_api_test_fixture.h"
#include "huntbook/storage/store.h"

namespace huntbook::server {
namespace {

class CatalogApiTest : public CatalogApiFixture {
 protected:
  // The single cell of a one-row query result in `workspace`.
  Dynamic QueryCell(const std::string& workspace, const std::string& query,
                    const std::string& token) {
    HttpResponse response =
        Call("POST", "/v1/workspaces/" + workspace + "/query",
             Dynamic::MakeObject({{"query", Dynamic::String(query)}}).ToJson(), token);
    EXPECT_EQ(response.status, 200) << response.body;
    return Json(response).Get("tables").At(0).Get("rows").At(0).At(0);
  }
  std::vector<std::string> ShowDatabases(const std::string& token) {
    HttpResponse response =
        Call("POST", "/v1/rest/mgmt", R"({"db":"default","csl":".show databases"})", token);
    std::vector<std::string> names;
    if (response.status != 200) return {"status " + std::to_string(response.status)};
    Dynamic rows = Json(response).Get("Tables").At(0).Get("Rows");
    for (const Dynamic& row : rows.array()) {
      names.push_back(row.At(0).string_value());
    }
    return names;
  }
};

TEST_F(CatalogApiTest, WorkspaceLifecycleCreatesAndRemovesStoreData) {
  ASSERT_EQ(Call("PUT", "/v1/resourcegroups/soc", "", admin_token_).status, 201);
  HttpResponse created =
      Call("PUT", "/v1/resourcegroups/soc/workspaces/hunt1",
           R"({"location":"lab","properties":{"retentionInDays":90}})", admin_token_);
  ASSERT_EQ(created.status, 201) << created.body;
  Dynamic body = Json(created);
  EXPECT_EQ(body.Get("name").string_value(), "hunt1");
  EXPECT_EQ(body.Get("id").string_value(), "/resourcegroups/soc/workspaces/hunt1");
  EXPECT_EQ(body.Get("location").string_value(), "lab");
  EXPECT_EQ(body.Get("properties").Get("retentionInDays").long_value(), 90);
  std::string id = body.Get("properties").Get("customerId").string_value();
  EXPECT_EQ(id.size(), 36u);

  // Queryable and ingestable at once, by name or by id.
  HttpResponse ingest = Call("POST", "/v1/workspaces/hunt1/tables/Events/ingest",
                             R"([{"Id":1},{"Id":2}])", admin_token_);
  ASSERT_EQ(ingest.status, 200) << ingest.body;
  EXPECT_EQ(QueryCell("hunt1", "Events | count", admin_token_).long_value(), 2);
  EXPECT_TRUE(std::filesystem::is_directory(dir_ / "hunt1" / "Events"));
  HttpResponse by_id = Call("GET", "/v1/resourcegroups/soc/workspaces/" + id, "", admin_token_);
  EXPECT_EQ(by_id.status, 200) << by_id.body;
  EXPECT_EQ(Call("GET", "/v1/resourcegroups/default/workspaces/hunt1", "", admin_token_).status,
            404);
  std::vector<std::string> databases = ShowDatabases(admin_token_);
  EXPECT_EQ(databases, (std::vector<std::string>{"default", "hunt1"}));

  HttpResponse listed = Call("GET", "/v1/workspaces", "", admin_token_);
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(Json(listed).Get("value").array().size(), 2u);

  HttpResponse deleted =
      Call("DELETE", "/v1/resourcegroups/soc/workspaces/hunt1", "", admin_token_);
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "hunt1"));
  EXPECT_FALSE(catalog_->workspaces().FindWorkspace("hunt1").ok());
  EXPECT_EQ(ShowDatabases(admin_token_), (std::vector<std::string>{"default"}));
  // Gone reads like forbidden (403), and re-creating starts empty.
  EXPECT_EQ(Call("GET", "/v1/resourcegroups/soc/workspaces/hunt1", "", admin_token_).status, 403);
  ASSERT_EQ(Call("PUT", "/v1/resourcegroups/soc/workspaces/hunt1", "", admin_token_).status, 201);
  HttpResponse empty =
      Call("POST", "/v1/workspaces/hunt1/query", R"({"query":"Events | count"})", admin_token_);
  EXPECT_EQ(empty.status, 400) << empty.body;  // the table is gone with the old data
}

TEST_F(CatalogApiTest, WorkspaceRequestErrorsNameTheField) {
  auto put = [&](const std::string& path, const std::string& body) {
    return Call("PUT", path, body, admin_token_);
  };
  HttpResponse bad_json = put("/v1/resourcegroups/default/workspaces/w1", "{");
  EXPECT_EQ(bad_json.status, 400);
  EXPECT_NE(bad_json.body.find("not valid JSON"), std::string::npos) << bad_json.body;
  HttpResponse typo =
      put("/v1/resourcegroups/default/workspaces/w1", R"({"properties":{"retentionDays":30}})");
  EXPECT_EQ(typo.status, 400);
  EXPECT_NE(typo.body.find("properties.retentionDays"), std::string::npos) << typo.body;
  HttpResponse range =
      put("/v1/resourcegroups/default/workspaces/w1", R"({"properties":{"retentionInDays":1}})");
  EXPECT_EQ(range.status, 400);
  EXPECT_NE(range.body.find("properties.retentionInDays"), std::string::npos) << range.body;
  HttpResponse type = put("/v1/resourcegroups/default/workspaces/w1", R"({"location":7})");
  EXPECT_EQ(type.status, 400);
  EXPECT_NE(type.body.find("'location' must be a string"), std::string::npos) << type.body;
  HttpResponse name = put("/v1/resourcegroups/default/workspaces/bad.name", "");
  EXPECT_EQ(name.status, 400) << name.body;
  EXPECT_NE(name.body.find("workspace name"), std::string::npos) << name.body;

  ASSERT_EQ(put("/v1/resourcegroups/default/workspaces/w1", "").status, 201);
  EXPECT_EQ(put("/v1/resourcegroups/default/workspaces/w1", "").status, 409);
  ASSERT_EQ(put("/v1/resourcegroups/other", "").status, 201);
  // A name is one Data Explorer database, so it is unique across groups too.
  HttpResponse clash = put("/v1/resourcegroups/other/workspaces/W1", "");
  EXPECT_EQ(clash.status, 409) << clash.body;
  EXPECT_NE(clash.body.find("resource group 'default'"), std::string::npos) << clash.body;
  HttpResponse keep_default =
      Call("DELETE", "/v1/resourcegroups/default/workspaces/default", "", admin_token_);
  EXPECT_EQ(keep_default.status, 400) << keep_default.body;
  EXPECT_TRUE(std::filesystem::is_directory(dir_ / "default"));
}

TEST_F(CatalogApiTest, ResourceGroupsMustBeEmptyToDelete) {
  ASSERT_EQ(Call("PUT", "/v1/resourcegroups/rg1", "", admin_token_).status, 201);
  EXPECT_EQ(Call("PUT", "/v1/resourcegroups/rg1", "", admin_token_).status, 409);
  ASSERT_EQ(Call("PUT", "/v1/resourcegroups/rg1/workspaces/ws1", "", admin_token_).status, 201);
  HttpResponse groups = Call("GET", "/v1/resourcegroups", "", admin_token_);
  ASSERT_EQ(groups.status, 200);
  EXPECT_EQ(Json(groups).Get("value").array().size(), 2u) << groups.body;
  EXPECT_EQ(Call("DELETE", "/v1/resourcegroups/rg1", "", admin_token_).status, 400);
  ASSERT_EQ(Call("DELETE", "/v1/resourcegroups/rg1/workspaces/ws1", "", admin_token_).status, 200);
  EXPECT_EQ(Call("DELETE", "/v1/resourcegroups/rg1", "", admin_token_).status, 200);
  EXPECT_FALSE(catalog_->workspaces().GetResourceGroup("rg1").ok());
}

TEST_F(CatalogApiTest, StoreWorkspacesWithoutCatalogRowsAreAdopted) {
  // Data written by `huntbook ingest --workspace legacy` before the catalog knew it.
  auto rows = std::make_shared<Column>(TypeKind::kLong);
  rows->AppendInt(7);
  Table table;
  table.schema = {{"Id", TypeKind::kLong}};
  table.columns = {rows};
  table.rows = 1;
  ASSERT_TRUE(engine_->store().Append("legacy", "Events", table).ok());
  ASSERT_TRUE(service_->workspaces()->Reconcile().ok());
  auto adopted = catalog_->workspaces().GetWorkspace("default", "legacy");
  ASSERT_TRUE(adopted.ok()) << adopted.status().ToString();
  std::string reader = TokenFor("rita");
  Assign("rita", "Reader", catalog::Scope::Workspace(adopted->id));
  EXPECT_EQ(QueryCell("legacy", "Events | project Id", reader).long_value(), 7);
  // Reconcile is idempotent.
  ASSERT_TRUE(service_->workspaces()->Reconcile().ok());
  EXPECT_EQ(catalog_->workspaces().ListWorkspaces()->size(), 2u);
}

TEST_F(CatalogApiTest, ShowDatabasesListsExactlyTheVisibleWorkspaces) {
  catalog::Workspace mine = MakeWorkspace("alpha", "mine");
  MakeWorkspace("beta", "theirs");
  std::string reader = TokenFor("rita");
  Assign("rita", "Reader", catalog::Scope::Workspace(mine.id));
  Assign("rita", "Reader",
         catalog::Scope::Workspace(catalog_->workspaces().GetWorkspace("default", "default")->id));
  EXPECT_EQ(ShowDatabases(reader), (std::vector<std::string>{"default", "mine"}));
  EXPECT_EQ(ShowDatabases(admin_token_), (std::vector<std::string>{"default", "mine", "theirs"}));
  HttpResponse listed = Call("GET", "/v1/workspaces", "", reader);
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(Json(listed).Get("value").array().size(), 2u) << listed.body;
}

TEST_F(CatalogApiTest, BookmarkChangesAreRowsOfHuntingBookmark) {
  std::string responder = TokenFor("rene");
  catalog::Workspace mine = MakeWorkspace("alpha", "mine");
  Assign("rene", "Responder", catalog::Scope::Workspace(mine.id));
  HttpResponse created = Call("POST", "/v1/workspaces/mine/bookmarks", R"({
      "name": "odd logon", "notes": "check host", "labels": ["t1078", "triage"],
      "query": "SecurityEvent | where EventID == 4625",
      "queryStartTime": "2024-05-01T00:00:00Z", "queryEndTime": "2024-05-02T00:00:00Z",
      "eventTime": "2024-05-01T10:00:00Z",
      "queryResultRow": {"Account": "bob", "Computer": "web1"},
      "entities": [{"Type": "account", "Name": "bob"}]})",
                              responder);
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = Json(created).Get("id").string_value();
  EXPECT_EQ(Json(created).Get("labels").At(1).string_value(), "triage");
  EXPECT_EQ(Json(created).Get("createdBy").string_value(), "rene");

  HttpResponse updated =
      Call("PATCH", "/v1/workspaces/mine/bookmarks/" + id, R"({"notes":"confirmed"})", responder);
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(Json(updated).Get("notes").string_value(), "confirmed");
  EXPECT_EQ(Json(updated).Get("name").string_value(), "odd logon");
  HttpResponse got = Call("GET", "/v1/workspaces/mine/bookmarks/" + id, "", responder);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(Json(got).Get("queryResultRow").Get("Computer").string_value(), "web1");
  EXPECT_EQ(Json(got).Get("eventTime").string_value().substr(0, 19), "2024-05-01T10:00:00");
  // A Responder may not delete (Contributor may).
  EXPECT_EQ(Call("DELETE", "/v1/workspaces/mine/bookmarks/" + id, "", responder).status, 403);
  HttpResponse deleted = Call("DELETE", "/v1/workspaces/mine/bookmarks/" + id, "", admin_token_);
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  EXPECT_EQ(Call("GET", "/v1/workspaces/mine/bookmarks/" + id, "", responder).status, 404);
  HttpResponse listed = Call("GET", "/v1/workspaces/mine/bookmarks", "", responder);
  EXPECT_EQ(Json(listed).Get("value").array().size(), 0u) << listed.body;

  // create + update + soft delete = three rows; the last one is the deletion.
  EXPECT_EQ(
      QueryCell("mine", "HuntingBookmark | where BookmarkId == '" + id + "' | count", responder)
          .long_value(),
      3);
  EXPECT_EQ(QueryCell("mine",
                      "HuntingBookmark | where SoftDeleted | project strcat(BookmarkName, '|', "
                      "Notes, '|', Tags, '|', UpdatedBy)",
                      responder)
                .string_value(),
            R"(odd logon|confirmed|["t1078","triage"]|{"Name":"admin"})");
  EXPECT_EQ(QueryCell("mine", "HuntingBookmark | summarize max(QueryStartTime)", responder)
                .string_value()
                .substr(0, 10),
            "2024-05-01");
}

TEST_F(CatalogApiTest, BookmarkFieldErrorsNameTheField) {
  catalog::Workspace mine = MakeWorkspace("alpha", "mine");
  auto post = [&](const std::string& body) {
    return Call("POST", "/v1/workspaces/mine/bookmarks", body, admin_token_);
  };
  HttpResponse no_name = post(R"({"notes":"x"})");
  EXPECT_EQ(no_name.status, 400);
  EXPECT_NE(no_name.body.find("'name' is required"), std::string::npos) << no_name.body;
  HttpResponse bad_time = post(R"({"name":"a","eventTime":"yesterday"})");
  EXPECT_EQ(bad_time.status, 400);
  EXPECT_NE(bad_time.body.find("'eventTime'"), std::string::npos) << bad_time.body;
  HttpResponse bad_labels = post(R"({"name":"a","labels":"x"})");
  EXPECT_EQ(bad_labels.status, 400);
  EXPECT_NE(bad_labels.body.find("'labels'"), std::string::npos) << bad_labels.body;
  HttpResponse bad_row = post(R"({"name":"a","queryResultRow":[1]})");
  EXPECT_EQ(bad_row.status, 400);
  EXPECT_NE(bad_row.body.find("'queryResultRow'"), std::string::npos) << bad_row.body;
  HttpResponse reversed = post(
      R"({"name":"a","queryStartTime":"2024-05-02T00:00:00Z","queryEndTime":"2024-05-01T00:00:00Z"})");
  EXPECT_EQ(reversed.status, 400) << reversed.body;
  // Nothing was stored, in the catalog or the table.
  EXPECT_EQ(catalog_->bookmarks().List(mine.id)->size(), 0u);
  EXPECT_TRUE(engine_->store().ListTables("mine").empty());
}

TEST_F(CatalogApiTest, SecretsListNamesAndReadValuesByPermission) {
  catalog::Workspace mine = MakeWorkspace("alpha", "mine");
  std::string reader = TokenFor("rita");
  std::string contributor = TokenFor("carl");
  Assign("rita", "Reader", catalog::Scope::Workspace(mine.id));
  Assign("carl", "Contributor", catalog::Scope::Workspace(mine.id));
  const std::string path = "/v1/workspaces/mine/secrets/vt-api-key";
  EXPECT_EQ(Call("PUT", path, R"({"value":"s3cr3t-value"})", contributor).status, 403);
  HttpResponse set = Call("PUT", path, R"({"value":"s3cr3t-value"})", admin_token_);
  ASSERT_EQ(set.status, 200) << set.body;
  HttpResponse listed = Call("GET", "/v1/workspaces/mine/secrets", "", contributor);
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(Json(listed).Get("value").At(0).Get("name").string_value(), "vt-api-key");
  EXPECT_EQ(listed.body.find("s3cr3t"), std::string::npos);
  HttpResponse value = Call("GET", path, "", contributor);
  ASSERT_EQ(value.status, 200) << value.body;
  EXPECT_EQ(Json(value).Get("value").string_value(), "s3cr3t-value");
  EXPECT_EQ(Call("GET", path, "", reader).status, 403);
  EXPECT_EQ(Call("GET", "/v1/workspaces/mine/secrets", "", reader).status, 403);
  HttpResponse no_value = Call("PUT", path, R"({"val":"x"})", admin_token_);
  EXPECT_EQ(no_value.status, 400);
  EXPECT_NE(no_value.body.find("'val'"), std::string::npos) << no_value.body;
  ASSERT_EQ(Call("DELETE", path, "", admin_token_).status, 200);
  EXPECT_EQ(Call("GET", path, "", contributor).status, 404);
}

TEST_F(CatalogApiTest, WorkspaceOwnerManagesRolesOnlyInItsWorkspace) {
  catalog::Workspace mine = MakeWorkspace("alpha", "mine");
  std::string owner = TokenFor("olga");
  std::string analyst = TokenFor("ann");
  Assign("olga", "Owner", catalog::Scope::Workspace(mine.id));
  const std::string query_path = "/v1/workspaces/mine/query";
  EXPECT_EQ(Call("POST", query_path, R"({"query":"print 1"})", analyst).status, 403);
  HttpResponse assigned = Call("POST", "/v1/workspaces/mine/roleassignments",
                               R"({"user":"ann","role":"Reader"})", owner);
  ASSERT_EQ(assigned.status, 201) << assigned.body;
  std::string assignment = Json(assigned).Get("id").string_value();
  EXPECT_EQ(Json(assigned).Get("scope").string_value(), "/workspaces/" + mine.id);
  EXPECT_EQ(Call("POST", query_path, R"({"query":"print 1"})", analyst).status, 200);
  HttpResponse listed = Call("GET", "/v1/workspaces/mine/roleassignments", "", owner);
  EXPECT_EQ(Json(listed).Get("value").array().size(), 2u) << listed.body;
  // Not at server or resource-group scope, and not via another scope's URL.
  EXPECT_EQ(Call("POST", "/v1/roleassignments", R"({"user":"ann","role":"Owner"})", owner).status,
            403);
  EXPECT_EQ(Call("POST", "/v1/resourcegroups/alpha/roleassignments",
                 R"({"user":"ann","role":"Owner"})", owner)
                .status,
            403);
  EXPECT_EQ(Call("DELETE", "/v1/roleassignments/" + assignment, "", admin_token_).status, 404);
  HttpResponse bad_role =
      Call("POST", "/v1/workspaces/mine/roleassignments", R"({"user":"ann","role":"Boss"})", owner);
  EXPECT_EQ(bad_role.status, 404) << bad_role.body;
  ASSERT_EQ(Call("DELETE", "/v1/workspaces/mine/roleassignments/" + assignment, "", owner).status,
            200);
  EXPECT_EQ(Call("POST", query_path, R"({"query":"print 1"})", analyst).status, 403);
}

TEST_F(CatalogApiTest, CustomRolesNeedManageUsers) {
  HttpResponse created = Call("POST", "/v1/roles",
                              R"({"name":"Triage","permissions":["read","write"]})", admin_token_);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(Json(created).Get("permissions").At(1).string_value(), "write");
  HttpResponse bad =
      Call("POST", "/v1/roles", R"({"name":"X","permissions":["fly"]})", admin_token_);
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("fly"), std::string::npos) << bad.body;
  std::string user = TokenFor("ann");
  EXPECT_EQ(Call("POST", "/v1/roles", R"({"name":"Y","permissions":["read"]})", user).status, 403);
  HttpResponse roles = Call("GET", "/v1/roles", "", user);
  ASSERT_EQ(roles.status, 200);
  EXPECT_EQ(Json(roles).Get("value").array().size(), 5u) << roles.body;
}

TEST_F(CatalogApiTest, UsersCreateAndRevokeTheirOwnTokens) {
  std::string first = TokenFor("ann");
  HttpResponse issued = Call("POST", "/v1/me/tokens",
                             R"({"name":"notebook","expiresAt":"2999-01-01T00:00:00Z"})", first);
  ASSERT_EQ(issued.status, 201) << issued.body;
  std::string second = Json(issued).Get("token").string_value();
  std::string second_id = Json(issued).Get("id").string_value();
  ASSERT_EQ(second.rfind("hbk_", 0), 0u);
  HttpResponse listed = Call("GET", "/v1/me/tokens", "", second);
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(Json(listed).Get("value").array().size(), 2u);
  EXPECT_EQ(listed.body.find(second.substr(24)), std::string::npos);  // no secrets listed
  // Someone else's token is "not found".
  EXPECT_EQ(Call("DELETE", "/v1/me/tokens/" + second_id, "", admin_token_).status, 404);
  ASSERT_EQ(Call("DELETE", "/v1/me/tokens/" + second_id, "", first).status, 200);
  EXPECT_EQ(Call("GET", "/v1/me/tokens", "", second).status, 401);
  EXPECT_EQ(Call("GET", "/v1/me/tokens", "", first).status, 200);
  HttpResponse past =
      Call("POST", "/v1/me/tokens", R"({"name":"x","expiresAt":"2000-01-01T00:00:00Z"})", first);
  EXPECT_EQ(past.status, 400) << past.body;
}

TEST(CatalogApiWithoutCatalogTest, CatalogRoutesAnswer501) {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("huntbook_no_catalog_" + std::to_string(getpid()));
  {
    auto engine = engine::Engine::Open(dir.string());
    ASSERT_TRUE(engine.ok());
    Service service(**engine, ServiceOptions{}, std::make_unique<AnonymousAuthenticator>(),
                    std::make_unique<AllowAllAuthorizer>());
    HttpRequest request;
    request.method = "GET";
    request.path = request.target = "/v1/workspaces";
    HttpResponse response = service.Handle(request);
    EXPECT_EQ(response.status, 501) << response.body;
    EXPECT_NE(response.body.find("catalog"), std::string::npos);
    service.Stop();
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
// A query's tables are authorized from the parsed query: workspace("w").T needs query
// permission on w, and a workspace the caller may not read binds exactly like one that does
// not exist, in both protocols.
TEST_F(CatalogApiTest, CrossWorkspaceTablesAreAuthorizedFromTheParsedQuery) {
  std::string reader = TokenFor("rita");
  catalog::Workspace mine = MakeWorkspace("alpha", "mine");
  MakeWorkspace("alpha", "theirs");
  Assign("rita", "Reader", catalog::Scope::Workspace(mine.id));
  ASSERT_EQ(
      Call("POST", "/v1/workspaces/theirs/tables/Secret/ingest", R"([{"Id":1}])", admin_token_)
          .status,
      200);
  EXPECT_EQ(QueryCell("mine", "workspace('theirs').Secret | count", admin_token_).long_value(), 1);
  auto error_of = [&](const std::string& query) {
    HttpResponse response =
        Call("POST", "/v1/workspaces/mine/query",
             Dynamic::MakeObject({{"query", Dynamic::String(query)}}).ToJson(), reader);
    EXPECT_EQ(response.status, 400) << response.body;
    return Json(response).Get("error").Get("innererror").ToJson() + " " +
           std::to_string(response.status);
  };
  std::string forbidden = error_of("workspace('theirs').Secret | count");
  std::string missing = error_of("workspace('nosuch').Secret | count");
  EXPECT_EQ(forbidden.substr(0, forbidden.find("theirs")),
            missing.substr(0, missing.find("nosuch")));
  EXPECT_EQ(forbidden.find("Secret") != std::string::npos,
            missing.find("Secret") != std::string::npos);
  // The Data Explorer path checks the same way.
  HttpResponse adx = Call("POST", "/v1/rest/query",
                          R"({"db":"mine","csl":"workspace('theirs').Secret | count"})", reader);
  EXPECT_GE(adx.status, 400) << adx.body;
  EXPECT_EQ(adx.body.find("\"Count\""), std::string::npos) << adx.body;
}

}  // namespace huntbook::server
