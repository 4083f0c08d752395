// End-to-end tests of the HTTP API without sockets: requests in, protocol bodies out.
// Shapes: PROTOCOLS.md and https://learn.microsoft.com/kusto/api/rest/response-v2,
// https://learn.microsoft.com/azure/azure-monitor/logs/api/response-format.
#include "huntbook/server/service.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "huntbook/engine/result_format.h"
#include "huntbook/storage/store.h"
#include "huntbook/types/dynamic.h"

namespace huntbook::server {
namespace {

class ServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("huntbook_service_test_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    auto engine = engine::Engine::Open(dir_.string());
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    engine_ = std::move(engine).value();
    ASSERT_TRUE(engine_->store().CreateWorkspace("default").ok());
    MakeService(std::make_unique<AnonymousAuthenticator>());
  }
  void TearDown() override {
    service_.reset();
    engine_.reset();
    std::filesystem::remove_all(dir_);
  }
  void MakeService(std::unique_ptr<Authenticator> authenticator) {
    service_.reset();
    ServiceOptions options;
    options.query_limits.default_max_records = 500'000;
    service_ = std::make_unique<Service>(*engine_, options, std::move(authenticator),
                                         std::make_unique<AllowAllAuthorizer>());
  }
  HttpResponse Call(std::string method, std::string path, std::string body,
                    std::vector<std::pair<std::string, std::string>> headers = {}) {
    HttpRequest request;
    request.method = std::move(method);
    request.path = path;
    request.target = path;
    request.body = std::move(body);
    request.headers = std::move(headers);
    return service_->Handle(request).ReadStream();
  }
  static Dynamic Json(const HttpResponse& response) {
    auto parsed = Dynamic::Parse(response.body);
    EXPECT_TRUE(parsed.ok()) << response.body;
    return parsed.ok() ? *parsed : Dynamic();
  }

  std::filesystem::path dir_;
  std::unique_ptr<engine::Engine> engine_;
  std::unique_ptr<Service> service_;
};

TEST_F(ServiceTest, LogAnalyticsDefaultShape) {
  HttpResponse response =
      Call("POST", "/v1/workspaces/default/query", R"({"query":"print x = 1, s = 'a'"})");
  ASSERT_EQ(response.status, 200) << response.body;
  Dynamic body = Json(response);
  Dynamic table = body.Get("tables").At(0);
  EXPECT_EQ(table.Get("name").string_value(), "PrimaryResult");
  EXPECT_EQ(table.Get("columns").At(0).Get("name").string_value(), "x");
  EXPECT_EQ(table.Get("columns").At(0).Get("type").string_value(), "long");
  EXPECT_EQ(table.Get("rows").At(0).At(0).long_value(), 1);
  EXPECT_EQ(table.Get("rows").At(0).At(1).string_value(), "a");
  EXPECT_FALSE(response.Header("x-ms-activity-id").empty());
}

TEST_F(ServiceTest, LogAnalyticsStatisticsOnRequest) {
  HttpResponse response = Call("POST", "/v1/workspaces/default/query", R"({"query":"print 1"})",
                               {{"Prefer", "include-statistics=true"}});
  ASSERT_EQ(response.status, 200);
  EXPECT_TRUE(Json(response).Get("statistics").is_object());
}

// Kqlmagic reads the v1 shape by position (PROTOCOLS.md §2.2): TOC last, primaries by
// Name, QueryStatus Info row with StatusCode at col 3.
TEST_F(ServiceTest, LogAnalyticsThinningOffIsV1ForKqlmagic) {
  HttpResponse response = Call("POST", "/v1/workspaces/default/query",
                               R"({"query":"range c from 1 to 10 step 1 | count"})",
                               {{"Prefer", "ai.response-thinning=false"}});
  ASSERT_EQ(response.status, 200) << response.body;
  Dynamic tables = Json(response).Get("Tables");
  ASSERT_TRUE(tables.is_array());
  Dynamic toc = tables.At(-1);
  EXPECT_EQ(toc.Get("Columns").At(0).Get("ColumnName").string_value(), "Ordinal");
  Dynamic first = toc.Get("Rows").At(0);
  EXPECT_EQ(first.At(1).string_value(), "QueryResult");
  EXPECT_EQ(first.At(2).string_value(), "PrimaryResult");
  Dynamic primary = tables.At(first.At(0).long_value());
  EXPECT_EQ(primary.Get("Rows").At(0).At(0).long_value(), 10);
  EXPECT_EQ(primary.Get("Columns").At(0).Get("ColumnType").string_value(), "long");
  EXPECT_EQ(primary.Get("Columns").At(0).Get("DataType").string_value(), "Int64");
  Dynamic status = tables.At(toc.Get("Rows").At(2).At(0).long_value());
  EXPECT_EQ(status.Get("Rows").At(0).At(2).string_value(), "Info");
  EXPECT_EQ(status.Get("Rows").At(0).At(3).long_value(), 0);
  Dynamic properties = tables.At(toc.Get("Rows").At(1).At(0).long_value());
  std::string visualization = properties.Get("Rows").At(0).At(0).string_value();
  EXPECT_EQ(visualization.rfind("{\"Visualization\":", 0), 0u) << visualization;
}

TEST_F(ServiceTest, LogAnalyticsSyntaxErrorHasPosition) {
  HttpResponse response =
      Call("POST", "/v1/workspaces/default/query", R"({"query":"print x = \n | | "})");
  EXPECT_EQ(response.status, 400);
  Dynamic error = Json(response).Get("error");
  EXPECT_EQ(error.Get("code").string_value(), "BadArgumentError");
  EXPECT_EQ(error.Get("innererror").Get("code").string_value(), "SyntaxError");
  EXPECT_GE(error.Get("innererror").Get("line").long_value(), 1);
}

TEST_F(ServiceTest, LogAnalyticsUnknownWorkspaceAndBadJson) {
  EXPECT_EQ(Call("POST", "/v1/workspaces/nope/query", R"({"query":"print 1"})").status, 404);
  HttpResponse bad = Call("POST", "/v1/workspaces/default/query", "{not json");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Json(bad).Get("error").Get("code").string_value(), "BadArgumentError");
  EXPECT_EQ(Call("POST", "/v1/workspaces/default/query", R"({"query":"print 1","timespan":"PTX"})")
                .status,
            400);
}

TEST_F(ServiceTest, DataExplorerV2Frames) {
  HttpResponse response =
      Call("POST", "/v2/rest/query", R"j({"db":"default","csl":"print d = dynamic({\"a\":1})"})j",
           {{"x-ms-client-request-id", "KPC.execute;1234"}});
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.Header("x-ms-client-request-id"), "KPC.execute;1234");
  Dynamic frames = Json(response);
  EXPECT_EQ(frames.At(0).Get("FrameType").string_value(), "DataSetHeader");
  EXPECT_FALSE(frames.At(0).Get("IsProgressive").bool_value());
  EXPECT_EQ(frames.At(1).Get("TableKind").string_value(), "QueryProperties");
  EXPECT_EQ(frames.At(2).Get("TableKind").string_value(), "PrimaryResult");
  // v2 dynamic is native JSON, not text.
  EXPECT_TRUE(frames.At(2).Get("Rows").At(0).At(0).is_object());
  EXPECT_EQ(frames.At(3).Get("TableKind").string_value(), "QueryCompletionInformation");
  EXPECT_EQ(frames.At(-1).Get("FrameType").string_value(), "DataSetCompletion");
  EXPECT_FALSE(frames.At(-1).Get("HasErrors").bool_value());
  // Property order is protocol: FrameType first, Rows after Columns.
  size_t frame_type = response.body.find("\"FrameType\":\"DataTable\"");
  size_t columns = response.body.find("\"Columns\"", frame_type);
  size_t rows = response.body.find("\"Rows\"", frame_type);
  EXPECT_LT(frame_type, columns);
  EXPECT_LT(columns, rows);
}

TEST_F(ServiceTest, DataExplorerPropertiesAsStringAndTruncation) {
  // Properties as a JSON string (Python) with truncationmaxrecords: partial failure after 200.
  HttpResponse response = Call(
      "POST", "/v2/rest/query",
      R"({"db":"default","csl":"range x from 1 to 10 step 1","properties":"{\"Options\":{\"truncationmaxrecords\":5}}"})");
  ASSERT_EQ(response.status, 200) << response.body;
  Dynamic frames = Json(response);
  Dynamic rows = frames.At(2).Get("Rows");
  EXPECT_EQ(rows.array().size(), 6u);  // 5 rows + the OneApiErrors marker
  EXPECT_TRUE(rows.At(-1).Get("OneApiErrors").is_array());
  EXPECT_TRUE(frames.At(-1).Get("HasErrors").bool_value());
  EXPECT_NE(response.body.find("E_QUERY_RESULT_SET_TOO_LARGE"), std::string::npos);
}

TEST_F(ServiceTest, DataExplorerDeferredPartialFailureAndSetStatement) {
  HttpResponse response = Call(
      "POST", "/v2/rest/query",
      R"({"db":"default","csl":"set truncationmaxrecords = 3; range x from 1 to 10 step 1","properties":{"Options":{"deferpartialqueryfailures":true}}})");
  ASSERT_EQ(response.status, 200) << response.body;
  Dynamic frames = Json(response);
  EXPECT_EQ(frames.At(2).Get("Rows").array().size(), 3u);
  EXPECT_EQ(frames.At(3).Get("Rows").At(0).At(6).string_value(), "Error");
  EXPECT_FALSE(frames.At(-1).Get("HasErrors").bool_value());
}

TEST_F(ServiceTest, DataExplorerErrors) {
  HttpResponse syntax = Call("POST", "/v2/rest/query", R"({"db":"default","csl":"print ("})");
  EXPECT_EQ(syntax.status, 400);
  Dynamic error = Json(syntax).Get("error");
  EXPECT_EQ(error.Get("code").string_value(), "General_BadRequest");
  EXPECT_TRUE(error.Get("@permanent").bool_value());
  EXPECT_TRUE(error.Get("@context").is_object());
  EXPECT_EQ(error.Get("innererror").Get("code").string_value(), "SYN0002");
  EXPECT_EQ(Call("POST", "/v2/rest/query", R"({"db":"default","csl":".show tables"})").status, 400);
  EXPECT_EQ(
      Call("POST", "/v2/rest/query",
           R"({"db":"default","csl":"SELECT 1","properties":{"Options":{"query_language":"sql"}}})")
          .status,
      400);
}

TEST_F(ServiceTest, QueryParametersAreBoundNotSpliced) {
  HttpResponse response = Call(
      "POST", "/v2/rest/query",
      R"j({"db":"default","csl":"declare query_parameters(n:long, s:string, d:dynamic); print n, s, d","properties":{"Parameters":{"n":41,"s":"x' | union T //","d":"dynamic([1,2])"}}})j");
  ASSERT_EQ(response.status, 200) << response.body;
  Dynamic row = Json(response).At(2).Get("Rows").At(0);
  EXPECT_EQ(row.At(0).long_value(), 41);
  EXPECT_EQ(row.At(1).string_value(), "x' | union T //");
  EXPECT_EQ(row.At(2).At(1).long_value(), 2);
}

TEST_F(ServiceTest, ManagementCreateIngestShow) {
  auto mgmt = [&](const std::string& csl) {
    std::string body = "{\"db\":\"default\",\"csl\":" + engine::JsonQuote(csl) + "}";
    return Call("POST", "/v1/rest/mgmt", body);
  };
  ASSERT_EQ(mgmt(".create table Logons (Account:string, Count:long)").status, 200);
  HttpResponse ingest = mgmt(".ingest inline into table Logons <|\nalice,3\n\"bob, jr\",4");
  ASSERT_EQ(ingest.status, 200) << ingest.body;
  HttpResponse tables = mgmt(".show tables");
  EXPECT_NE(tables.body.find("\"Logons\""), std::string::npos) << tables.body;
  HttpResponse schema = mgmt(".show database ['default'] schema");
  EXPECT_NE(schema.body.find("System.Int64"), std::string::npos) << schema.body;
  HttpResponse json_schema = mgmt(".show database default schema as json");
  EXPECT_NE(json_schema.body.find("OrderedColumns"), std::string::npos);
  HttpResponse version = mgmt(".show version");
  EXPECT_EQ(Json(version).Get("Tables").At(0).Get("Columns").At(0).Get("ColumnName").string_value(),
            "BuildVersion");
  HttpResponse query =
      Call("POST", "/v2/rest/query", R"j({"db":"default","csl":"Logons | summarize sum(Count)"})j");
  ASSERT_EQ(query.status, 200) << query.body;
  EXPECT_EQ(Json(query).At(2).Get("Rows").At(0).At(0).long_value(), 7);
  EXPECT_EQ(mgmt(".frobnicate").status, 400);
  EXPECT_EQ(mgmt(".drop table Logons").status, 200);
  EXPECT_EQ(mgmt(".show table Logons schema as json").status, 404);
}

TEST_F(ServiceTest, IngestionIsAllOrNothing) {
  HttpResponse ok = Call("POST", "/v1/workspaces/default/tables/Events/ingest",
                         R"([{"Id":1,"Name":"a"},{"Id":2,"Name":"b"}])");
  ASSERT_EQ(ok.status, 200) << ok.body;
  HttpResponse bad = Call("POST", "/v1/workspaces/default/tables/Events/ingest",
                          "{\"Id\":3}\n{\"Id\":\"not a number\"}\n");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_NE(bad.body.find("line 2"), std::string::npos) << bad.body;
  HttpResponse count =
      Call("POST", "/v1/workspaces/default/query", R"({"query":"Events | count"})");
  EXPECT_EQ(Json(count).Get("tables").At(0).Get("rows").At(0).At(0).long_value(), 2);
  HttpResponse dcr = Call("POST", "/dataCollectionRules/default/streams/Custom-Events",
                          R"([{"Id":5,"Name":"e"}])");
  EXPECT_EQ(dcr.status, 204);
  EXPECT_TRUE(dcr.body.empty());
  EXPECT_EQ(
      Call("POST", "/dataCollectionRules/default/streams/Custom-Events", R"({"Id":6})").status,
      400);
}

TEST_F(ServiceTest, CredentialsRequiredWithoutAnonymous) {
  MakeService(std::make_unique<RejectingAuthenticator>());
  HttpResponse la = Call("POST", "/v1/workspaces/default/query", R"({"query":"print 1"})");
  EXPECT_EQ(la.status, 401);
  EXPECT_EQ(Json(la).Get("error").Get("code").string_value(), "AuthenticationFailed");
  HttpResponse adx = Call("POST", "/v2/rest/query", R"({"db":"default","csl":"print 1"})");
  EXPECT_EQ(adx.status, 401);
  EXPECT_TRUE(Json(adx).Get("error").Get("@type").kind() == Dynamic::Kind::kString);
  EXPECT_EQ(Call("GET", "/v1/rest/auth/metadata", "").status, 200);
}

TEST_F(ServiceTest, MetricsAndAudit) {
  ASSERT_EQ(Call("POST", "/v1/workspaces/default/query", R"({"query":"print 1"})").status, 200);
  HttpResponse metrics = Call("GET", "/metrics", "");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("huntbook_queries_total{api=\"log_analytics\"} 1"), std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find("huntbook_query_duration_seconds_count 1"), std::string::npos);
  service_->audit()->Flush();
  HttpResponse audit = Call("POST", "/v1/workspaces/default/query",
                            R"({"query":"LAQueryLogs | project QueryText, ResponseCode"})");
  ASSERT_EQ(audit.status, 200) << audit.body;
  Dynamic row = Json(audit).Get("tables").At(0).Get("rows").At(0);
  EXPECT_EQ(row.At(0).string_value(), "print 1");
  EXPECT_EQ(row.At(1).long_value(), 200);
}

TEST_F(ServiceTest, UnknownPathAndMethod) {
  EXPECT_EQ(Call("GET", "/v1/nothing", "").status, 404);
  EXPECT_EQ(Call("DELETE", "/v2/rest/query", "").status, 405);
}

TEST_F(ServiceTest, BatchAnswersEachItem) {
  HttpResponse response = Call(
      "POST", "/v1/$batch",
      R"({"requests":[{"id":"a","body":{"query":"print 1"},"path":"/query","method":"POST","workspace":"default"},{"id":"b","body":{"query":"print ("},"workspace":"default"}]})");
  ASSERT_EQ(response.status, 200) << response.body;
  Dynamic responses = Json(response).Get("responses");
  EXPECT_EQ(responses.At(0).Get("id").string_value(), "a");
  EXPECT_EQ(responses.At(0).Get("status").long_value(), 200);
  EXPECT_EQ(responses.At(1).Get("status").long_value(), 400);
}

// Workspace (database) names are case-insensitive on every path, as in the catalog; the
// store keeps one spelling. doc:
// https://learn.microsoft.com/kusto/query/schema-entities/entity-names
TEST_F(ServiceTest, WorkspaceNamesIgnoreCaseOnEveryPath) {
  ASSERT_EQ(Call("POST", "/v1/workspaces/DEFAULT/tables/Cased/ingest", R"([{"N":1}])").status, 200);
  ASSERT_EQ(Call("POST", "/v1/workspaces/Default/tables/Cased/ingest", R"([{"N":2}])").status, 200);
  ASSERT_EQ(
      Call("POST", "/dataCollectionRules/DeFault/streams/Custom-Cased", R"([{"N":3}])").status,
      204);
  HttpResponse csv = Call("POST", "/v1/rest/ingest/DEFAULT/Cased", "4\n");  // CSV by default
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(engine_->store().ListWorkspaces(), std::vector<std::string>{"default"});
  auto sum = [](const Dynamic& rows) { return rows.At(0).At(0).long_value(); };
  HttpResponse la =
      Call("POST", "/v1/workspaces/default/query", R"j({"query":"Cased | summarize sum(N)"})j");
  ASSERT_EQ(la.status, 200) << la.body;
  EXPECT_EQ(sum(Json(la).Get("tables").At(0).Get("rows")), 10);
  HttpResponse upper = Call("POST", "/v1/workspaces/DEFAULT/query",
                            R"j({"query":"Cased | summarize sum(N)","workspaces":["Default"]})j");
  ASSERT_EQ(upper.status, 200) << upper.body;
  EXPECT_EQ(sum(Json(upper).Get("tables").At(0).Get("rows")), 10);
  HttpResponse adx = Call("POST", "/v2/rest/query",
                          R"({"db":"DEFAULT","csl":"workspace('DeFaUlT').Cased | count"})");
  ASSERT_EQ(adx.status, 200) << adx.body;
  EXPECT_EQ(sum(Json(adx).At(2).Get("Rows")), 4);
  HttpResponse metadata = Call("GET", "/v1/workspaces/DEFAULT/metadata", "");
  EXPECT_EQ(metadata.status, 200) << metadata.body;
  EXPECT_EQ(Call("POST", "/v1/workspaces/nodefault/query", R"({"query":"print 1"})").status, 404);
}

}  // namespace
}  // namespace huntbook::server
