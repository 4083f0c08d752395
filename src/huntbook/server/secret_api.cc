// Secret vault routes (values encrypted at rest; secret_vault.h):
//   GET    /v1/workspaces/{workspace}/secrets            list_secrets: names, never values
//   GET    /v1/workspaces/{workspace}/secrets/{secret}   read_secret: {"name","value"}
//   PUT    /v1/workspaces/{workspace}/secrets/{secret}   write_secret, body {"value": ".."}
//   DELETE /v1/workspaces/{workspace}/secrets/{secret}   write_secret
// Values never appear in errors or logs.
#include "huntbook/server/catalog_request.h"
#include "huntbook/server/json_body.h"

namespace huntbook::server {
namespace {

constexpr char kListPattern[] = "/v1/workspaces/{workspace}/secrets";
constexpr char kItemPattern[] = "/v1/workspaces/{workspace}/secrets/{secret}";

HttpResponse ListSecrets(RouteContext& context) {
  Result<WorkspaceRequest> request = WorkspaceRequestFor(context);
  if (!request.ok()) return CatalogError(context, request.status());
  Result<std::vector<catalog::SecretInfo>> secrets =
      request->catalog.catalog->secrets().List(request->catalog.principal, request->workspace.id);
  if (!secrets.ok()) return CatalogError(context, secrets.status());
  return ListResponse(*secrets, [](const catalog::SecretInfo& secret, JsonWriter* json) {
    json->BeginObject();
    json->Member("name", secret.name);
    MemberTime(json, "created", secret.created_at);
    MemberTime(json, "updated", secret.updated_at);
    json->Member("updatedBy", secret.updated_by);
    json->EndObject();
  });
}

HttpResponse GetSecret(RouteContext& context) {
  Result<WorkspaceRequest> request = WorkspaceRequestFor(context);
  if (!request.ok()) return CatalogError(context, request.status());
  const std::string& name = context.Capture("secret");
  Result<std::string> value = request->catalog.catalog->secrets().Get(request->catalog.principal,
                                                                      request->workspace.id, name);
  if (!value.ok()) return CatalogError(context, value.status());
  JsonWriter json;
  json.BeginObject();
  json.Member("name", name);
  json.Member("value", *value);
  json.EndObject();
  return JsonResponse(200, json.Take());
}

HttpResponse SetSecret(RouteContext& context) {
  Result<WorkspaceRequest> request = WorkspaceRequestFor(context);
  if (!request.ok()) return CatalogError(context, request.status());
  Result<JsonBody> body = JsonBody::Parse(context.request.body);
  Status fields = body.ok() ? body->OnlyFields({"value"}) : body.status();
  if (!fields.ok()) return CatalogError(context, fields);
  Result<std::string> value = body->RequiredString("value");
  if (!value.ok()) return CatalogError(context, value.status());
  const std::string& name = context.Capture("secret");
  Status set = request->catalog.catalog->secrets().Set(request->catalog.principal,
                                                       request->workspace.id, name, *value);
  if (!set.ok()) return CatalogError(context, set);
  JsonWriter json;
  json.BeginObject();
  json.Member("name", name);
  json.EndObject();
  return JsonResponse(200, json.Take());
}

HttpResponse DeleteSecret(RouteContext& context) {
  Result<WorkspaceRequest> request = WorkspaceRequestFor(context);
  if (!request.ok()) return CatalogError(context, request.status());
  Status deleted = request->catalog.catalog->secrets().Delete(
      request->catalog.principal, request->workspace.id, context.Capture("secret"));
  if (!deleted.ok()) return CatalogError(context, deleted);
  return JsonResponse(200, "{}");
}

}  // namespace

void AddSecretRoutes(Router* router) {
  constexpr ApiFamily kFamily = ApiFamily::kLogAnalytics;
  router->Add({{"GET"}, kListPattern, Action::kListSecrets, kFamily, "workspace", ListSecrets});
  router->Add({{"GET"}, kItemPattern, Action::kReadSecret, kFamily, "workspace", GetSecret});
  router->Add({{"PUT"}, kItemPattern, Action::kWriteSecret, kFamily, "workspace", SetSecret});
  router->Add({{"DELETE"}, kItemPattern, Action::kWriteSecret, kFamily, "workspace", DeleteSecret});
}

}  // namespace huntbook::server
