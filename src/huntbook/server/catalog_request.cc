#include "huntbook/server/catalog_request.h"

#include "huntbook/catalog/name_rules.h"
#include "huntbook/server/catalog_access.h"
#include "huntbook/types/datetime.h"

namespace huntbook::server {

Result<CatalogRequest> CatalogRequestFor(RouteContext& context) {
  WorkspaceDirectory* workspaces = context.service.workspaces();
  if (workspaces == nullptr) {
    return NotSupported("the catalog APIs: this server runs without a catalog (<data>/catalog.db)");
  }
  std::optional<catalog::Principal> principal = CatalogPrincipalFor(context.principal);
  if (!principal.has_value()) {
    return InvalidArgument("the caller '" + context.principal.id + "' is not a catalog user");
  }
  return CatalogRequest{workspaces, &workspaces->catalog(), std::move(*principal)};
}

Result<catalog::Workspace> WorkspaceFromUrl(RouteContext& context, CatalogRequest& request,
                                            const std::string& capture,
                                            const std::string& group_capture) {
  const std::string& name = context.Capture(capture);
  Result<catalog::Workspace> found = request.workspaces->Find(name);
  if (!group_capture.empty()) {
    const std::string& group = context.Capture(group_capture);
    if (!found.ok() || !catalog::NamesEqual(found->resource_group, group)) {
      return NotFound("workspace '" + name + "' not found in resource group '" + group + "'");
    }
  }
  return found;
}

Result<WorkspaceRequest> WorkspaceRequestFor(RouteContext& context, const std::string& capture,
                                             const std::string& group_capture) {
  ASSIGN_OR_RETURN(CatalogRequest request, CatalogRequestFor(context));
  ASSIGN_OR_RETURN(catalog::Workspace workspace,
                   WorkspaceFromUrl(context, request, capture, group_capture));
  return WorkspaceRequest{std::move(request), std::move(workspace)};
}

HttpResponse CatalogError(RouteContext& context, const Status& status) {
  int http_status = status.code() == StatusCode::kNotSupported ? 501 : HttpStatusFor(status);
  return LogAnalyticsError(http_status, status, context.ids);
}

HttpResponse JsonResponse(int status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

void MemberTime(JsonWriter* json, std::string_view key, std::optional<int64_t> ticks) {
  json->Key(key);
  if (ticks.has_value()) {
    json->String(FormatDateTime(*ticks));
  } else {
    json->Null();
  }
}

}  // namespace huntbook::server
