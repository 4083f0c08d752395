// What the catalog route handlers (workspace_api.cc, bookmark_api.cc, secret_api.cc,
// access_api.cc) share: the catalog and caller of a request, the workspace a URL names, and
// their JSON responses and errors.
//
// Errors use the Log Analytics / ARM shape {"error":{"code":..,"message":..}} with the
// status HttpStatusFor gives (400 invalid input, 404 not found, 409 already exists); a
// server started without a catalog answers 501 naming it.
#pragma once

#include <string>
#include <vector>

#include "huntbook/catalog/catalog.h"
#include "huntbook/catalog/principal.h"
#include "huntbook/server/json_writer.h"
#include "huntbook/server/service.h"

namespace huntbook::server {

struct CatalogRequest {
  WorkspaceDirectory* workspaces = nullptr;
  catalog::Catalog* catalog = nullptr;
  catalog::Principal principal;  // the caller as the catalog sees it
};

// Errors: kNotSupported (no catalog), kInvalidArgument (the caller is not a catalog user).
Result<CatalogRequest> CatalogRequestFor(RouteContext& context);

// The workspace named by `capture` (id or name); with `group_capture` non-empty, it must
// also be in that resource group. Errors: kNotFound.
Result<catalog::Workspace> WorkspaceFromUrl(RouteContext& context, CatalogRequest& request,
                                            const std::string& capture,
                                            const std::string& group_capture = "");

// A catalog request acting on the workspace a URL names (WorkspaceFromUrl).
struct WorkspaceRequest {
  CatalogRequest catalog;
  catalog::Workspace workspace;
};
Result<WorkspaceRequest> WorkspaceRequestFor(RouteContext& context,
                                             const std::string& capture = "workspace",
                                             const std::string& group_capture = "");

// An error response for a failed catalog call (501 for kNotSupported).
HttpResponse CatalogError(RouteContext& context, const Status& status);

// A JSON response with the given status (200 OK, 201 Created, 204 No Content: empty body).
HttpResponse JsonResponse(int status, std::string body);

// A 200 answer {"value":[...]} with each item written by `write(item, &json)`.
template <typename Item, typename Write>
HttpResponse ListResponse(const std::vector<Item>& items, Write write) {
  JsonWriter json;
  json.BeginObject();
  json.Key("value");
  json.BeginArray();
  for (const Item& item : items) write(item, &json);
  json.EndArray();
  json.EndObject();
  return JsonResponse(200, json.Take());
}

// Datetime ticks as ISO 8601 ("2024-05-01T10:00:00.0000000Z"), or JSON null.
void MemberTime(JsonWriter* json, std::string_view key, std::optional<int64_t> ticks);

}  // namespace huntbook::server
