// Hunting bookmark routes (the fields of Microsoft Sentinel's bookmarks,
// https://learn.microsoft.com/rest/api/securityinsights/bookmarks):
//   GET    /v1/workspaces/{workspace}/bookmarks                 read_bookmark
//   POST   /v1/workspaces/{workspace}/bookmarks                 write_bookmark (201)
//   GET    /v1/workspaces/{workspace}/bookmarks/{bookmark}      read_bookmark
//   PATCH  /v1/workspaces/{workspace}/bookmarks/{bookmark}      write_bookmark (partial)
//   DELETE /v1/workspaces/{workspace}/bookmarks/{bookmark}      delete_bookmark (soft)
// Body fields: name, notes, labels [..], query, queryStartTime, queryEndTime, eventTime
// (ISO 8601), queryResultRow {..}, entities [..] or {..}.
// Every change is also appended, durably, as a row of the workspace's HuntingBookmark
// table (hunting_bookmark_table.h), so `HuntingBookmark | where ...` finds it. The catalog
// row is written first: if the table append then fails, the answer is a 500 saying so.
#include "huntbook/catalog/hunting_bookmark_table.h"
#include "huntbook/functions/conversion.h"
#include "huntbook/server/catalog_request.h"
#include "huntbook/server/json_body.h"
#include "huntbook/storage/store.h"

namespace huntbook::server {
namespace {

constexpr char kListPattern[] = "/v1/workspaces/{workspace}/bookmarks";
constexpr char kItemPattern[] = "/v1/workspaces/{workspace}/bookmarks/{bookmark}";

void WriteBookmark(const catalog::Bookmark& bookmark, JsonWriter* json) {
  json->BeginObject();
  json->Member("id", bookmark.id);
  json->Member("name", bookmark.name);
  json->Member("notes", bookmark.notes);
  json->Key("labels");
  json->BeginArray();
  for (const std::string& label : bookmark.labels) json->String(label);
  json->EndArray();
  json->Member("query", bookmark.query_text);
  MemberTime(json, "queryStartTime", bookmark.query_start_time);
  MemberTime(json, "queryEndTime", bookmark.query_end_time);
  MemberTime(json, "eventTime", bookmark.event_time);
  json->Key("queryResultRow");
  json->Raw(bookmark.query_result_row);
  json->Key("entities");
  json->Raw(bookmark.entities);
  json->Member("createdBy", bookmark.created_by);
  json->Member("updatedBy", bookmark.updated_by);
  MemberTime(json, "created", bookmark.created_at);
  MemberTime(json, "updated", bookmark.updated_at);
  json->EndObject();
}

// The fields of a create or update body.
Result<catalog::BookmarkUpdate> ParseBookmarkFields(std::string_view text) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(text));
  RETURN_IF_ERROR(body.OnlyFields({"name", "notes", "labels", "query", "queryStartTime",
                                   "queryEndTime", "eventTime", "queryResultRow", "entities"}));
  catalog::BookmarkUpdate fields;
  ASSIGN_OR_RETURN(fields.name, body.String("name"));
  ASSIGN_OR_RETURN(fields.notes, body.String("notes"));
  ASSIGN_OR_RETURN(fields.labels, body.StringList("labels"));
  ASSIGN_OR_RETURN(fields.query_text, body.String("query"));
  ASSIGN_OR_RETURN(fields.query_start_time, body.DateTime("queryStartTime"));
  ASSIGN_OR_RETURN(fields.query_end_time, body.DateTime("queryEndTime"));
  ASSIGN_OR_RETURN(fields.event_time, body.DateTime("eventTime"));
  ASSIGN_OR_RETURN(fields.query_result_row, body.JsonText("queryResultRow", false));
  ASSIGN_OR_RETURN(fields.entities, body.JsonText("entities", true));
  return fields;
}

// The HuntingBookmark table may exist with other column types than the catalog's (e.g.
// QueryResultRow ingested from a sample export, where JSON text becomes dynamic): the row
// is converted to the table's types, as Kusto converts on ingestion into a typed table.
void ConformToExistingTypes(storage::Store& store, const std::string& workspace, Table* table) {
  Result<storage::TableSnapshot> snapshot =
      store.Snapshot(workspace, catalog::kHuntingBookmarkTable);
  if (!snapshot.ok()) return;  // a new table takes the catalog's types
  for (size_t i = 0; i < table->schema.size(); ++i) {
    for (const ColumnSchema& existing : snapshot->schema) {
      if (existing.name == table->schema[i].name && existing.type != table->schema[i].type) {
        table->columns[i] = functions::CastColumn(table->columns[i], existing.type);
        table->schema[i].type = existing.type;
      }
    }
  }
}

// Appends the bookmark's row to the workspace's HuntingBookmark table and answers with it.
HttpResponse RecordChange(RouteContext& context, const catalog::Workspace& workspace,
                          const catalog::Bookmark& bookmark, int http_status) {
  std::vector<Value> row = catalog::HuntingBookmarkRow(bookmark, workspace);
  Table table;
  table.rows = 1;
  for (size_t i = 0; i < catalog::kHuntingBookmarkColumns.size(); ++i) {
    const catalog::CatalogColumn& column = catalog::kHuntingBookmarkColumns[i];
    auto values = std::make_shared<Column>(column.type);
    values->Append(row[i]);
    table.schema.push_back({std::string(column.name), column.type});
    table.columns.push_back(std::move(values));
  }
  storage::Store& store = context.service.engine().store();
  ConformToExistingTypes(store, workspace.name, &table);
  Status appended = store.Append(workspace.name, catalog::kHuntingBookmarkTable, table);
  if (!appended.ok()) {
    return CatalogError(context, Status(appended.code(),
                                        "the bookmark was saved, but its HuntingBookmark row "
                                        "was not written: " +
                                            appended.message()));
  }
  JsonWriter json;
  WriteBookmark(bookmark, &json);
  return JsonResponse(http_status, json.Take());
}

HttpResponse ListBookmarks(RouteContext& context) {
  Result<WorkspaceRequest> request = WorkspaceRequestFor(context);
  if (!request.ok()) return CatalogError(context, request.status());
  Result<std::vector<catalog::Bookmark>> bookmarks =
      request->catalog.catalog->bookmarks().List(request->workspace.id);
  if (!bookmarks.ok()) return CatalogError(context, bookmarks.status());
  return ListResponse(*bookmarks, WriteBookmark);
}

HttpResponse GetBookmark(RouteContext& context) {
  Result<WorkspaceRequest> request = WorkspaceRequestFor(context);
  if (!request.ok()) return CatalogError(context, request.status());
  Result<catalog::Bookmark> bookmark =
      request->catalog.catalog->bookmarks().Get(request->workspace.id, context.Capture("bookmark"));
  if (!bookmark.ok()) return CatalogError(context, bookmark.status());
  JsonWriter json;
  WriteBookmark(*bookmark, &json);
  return JsonResponse(200, json.Take());
}

// The three changes; each returns the bookmark's row after it.
Result<catalog::Bookmark> CreateFromBody(RouteContext& context, WorkspaceRequest& request) {
  ASSIGN_OR_RETURN(catalog::BookmarkUpdate fields, ParseBookmarkFields(context.request.body));
  if (!fields.name.has_value()) return InvalidArgument("request body: field 'name' is required");
  catalog::BookmarkSpec spec;
  spec.name = *fields.name;
  spec.notes = fields.notes.value_or("");
  spec.labels = fields.labels.value_or(std::vector<std::string>());
  spec.query_text = fields.query_text.value_or("");
  spec.query_start_time = fields.query_start_time;
  spec.query_end_time = fields.query_end_time;
  spec.event_time = fields.event_time;
  spec.query_result_row = fields.query_result_row.value_or("{}");
  spec.entities = fields.entities.value_or("[]");
  return request.catalog.catalog->bookmarks().Create(request.workspace.id, spec,
                                                     request.catalog.principal.user_name);
}

Result<catalog::Bookmark> UpdateFromBody(RouteContext& context, WorkspaceRequest& request) {
  ASSIGN_OR_RETURN(catalog::BookmarkUpdate fields, ParseBookmarkFields(context.request.body));
  return request.catalog.catalog->bookmarks().Update(request.workspace.id,
                                                     context.Capture("bookmark"), fields,
                                                     request.catalog.principal.user_name);
}

Result<catalog::Bookmark> SoftDelete(RouteContext& context, WorkspaceRequest& request) {
  return request.catalog.catalog->bookmarks().Delete(
      request.workspace.id, context.Capture("bookmark"), request.catalog.principal.user_name);
}

using BookmarkChange = Result<catalog::Bookmark> (*)(RouteContext&, WorkspaceRequest&);

// Runs a change and records it in HuntingBookmark.
template <BookmarkChange kChange, int kHttpStatus>
HttpResponse HandleChange(RouteContext& context) {
  Result<WorkspaceRequest> request = WorkspaceRequestFor(context);
  if (!request.ok()) return CatalogError(context, request.status());
  Result<catalog::Bookmark> changed = kChange(context, *request);
  if (!changed.ok()) return CatalogError(context, changed.status());
  return RecordChange(context, request->workspace, *changed, kHttpStatus);
}

}  // namespace

void AddBookmarkRoutes(Router* router) {
  constexpr ApiFamily kFamily = ApiFamily::kLogAnalytics;
  router->Add({{"GET"}, kListPattern, Action::kReadBookmark, kFamily, "workspace", ListBookmarks});
  router->Add({{"POST"},
               kListPattern,
               Action::kWriteBookmark,
               kFamily,
               "workspace",
               HandleChange<CreateFromBody, 201>});
  router->Add({{"GET"}, kItemPattern, Action::kReadBookmark, kFamily, "workspace", GetBookmark});
  router->Add({{"PATCH"},
               kItemPattern,
               Action::kWriteBookmark,
               kFamily,
               "workspace",
               HandleChange<UpdateFromBody, 200>});
  router->Add({{"DELETE"},
               kItemPattern,
               Action::kDeleteBookmark,
               kFamily,
               "workspace",
               HandleChange<SoftDelete, 200>});
}

}  // namespace huntbook::server
