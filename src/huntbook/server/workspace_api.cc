// Workspace and resource-group routes, shaped like Azure Resource Manager's Log Analytics
// management API (https://learn.microsoft.com/rest/api/loganalytics/workspaces):
//   GET    /v1/workspaces                                      workspaces the caller sees
//   GET    /v1/resourcegroups/{group}/workspaces/{workspace}   read_metadata (workspace)
//   PUT    /v1/resourcegroups/{group}/workspaces/{workspace}   create_workspace (group)
//          body {"location": "local", "properties": {"retentionInDays": 30}}; 409 if taken
//   DELETE /v1/resourcegroups/{group}/workspaces/{workspace}   manage_workspace (workspace)
//   GET    /v1/resourcegroups                                  groups the caller sees
//   PUT    /v1/resourcegroups/{group}                          manage_resource_groups
//   DELETE /v1/resourcegroups/{group}                          manage_resource_groups
#include "huntbook/server/catalog_request.h"
#include "huntbook/server/json_body.h"

namespace huntbook::server {
namespace {

constexpr char kWorkspacePattern[] = "/v1/resourcegroups/{group}/workspaces/{workspace}";
constexpr char kGroupPattern[] = "/v1/resourcegroups/{group}";

void WriteWorkspace(const catalog::Workspace& workspace, JsonWriter* json) {
  json->BeginObject();
  json->Member("id",
               "/resourcegroups/" + workspace.resource_group + "/workspaces/" + workspace.name);
  json->Member("name", workspace.name);
  json->Member("type", "Microsoft.OperationalInsights/workspaces");
  json->Member("location", workspace.location);
  json->Key("properties");
  json->BeginObject();
  json->Member("customerId", workspace.id);
  json->Member("resourceGroup", workspace.resource_group);
  json->MemberInt("retentionInDays", workspace.retention_days);
  MemberTime(json, "createdDate", workspace.created_at);
  json->Member("provisioningState", "Succeeded");
  json->EndObject();
  json->EndObject();
}

void WriteGroup(const catalog::ResourceGroup& group, JsonWriter* json) {
  json->BeginObject();
  json->Member("id", "/resourcegroups/" + group.name);
  json->Member("name", group.name);
  json->Key("properties");
  json->BeginObject();
  MemberTime(json, "createdDate", group.created_at);
  json->EndObject();
  json->EndObject();
}

HttpResponse ListWorkspaces(RouteContext& context) {
  Result<CatalogRequest> request = CatalogRequestFor(context);
  if (!request.ok()) return CatalogError(context, request.status());
  Result<std::vector<catalog::Workspace>> all = request->catalog->workspaces().ListWorkspaces();
  if (!all.ok()) return CatalogError(context, all.status());
  std::vector<catalog::Workspace> visible;
  for (const catalog::Workspace& workspace : *all) {
    if (context.service.Authorize(context.principal, Action::kReadMetadata, workspace.id)) {
      visible.push_back(workspace);
    }
  }
  return ListResponse(visible, WriteWorkspace);
}

HttpResponse GetWorkspace(RouteContext& context) {
  Result<WorkspaceRequest> request = WorkspaceRequestFor(context, "workspace", "group");
  if (!request.ok()) return CatalogError(context, request.status());
  const catalog::Workspace& workspace = request->workspace;
  JsonWriter json;
  WriteWorkspace(workspace, &json);
  return JsonResponse(200, json.Take());
}

Result<catalog::WorkspaceSpec> ParseWorkspaceSpec(RouteContext& context) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(context.request.body));
  RETURN_IF_ERROR(body.OnlyFields({"location", "properties", "tags"}));
  ASSIGN_OR_RETURN(JsonBody properties, body.Object("properties"));
  RETURN_IF_ERROR(properties.OnlyFields({"retentionInDays"}));
  catalog::WorkspaceSpec spec;
  spec.resource_group = context.Capture("group");
  spec.name = context.Capture("workspace");
  ASSIGN_OR_RETURN(std::optional<std::string> location, body.String("location"));
  if (location.has_value()) spec.location = *location;
  ASSIGN_OR_RETURN(std::optional<int64_t> retention, properties.Integer("retentionInDays"));
  if (retention.has_value()) {
    if (*retention < catalog::kMinRetentionDays || *retention > catalog::kMaxRetentionDays) {
      return InvalidArgument("request body: field 'properties.retentionInDays' must be between " +
                             std::to_string(catalog::kMinRetentionDays) + " and " +
                             std::to_string(catalog::kMaxRetentionDays) + " (days)");
    }
    spec.retention_days = static_cast<int32_t>(*retention);
  }
  return spec;
}

HttpResponse CreateWorkspace(RouteContext& context) {
  Result<CatalogRequest> request = CatalogRequestFor(context);
  if (!request.ok()) return CatalogError(context, request.status());
  Result<catalog::WorkspaceSpec> spec = ParseWorkspaceSpec(context);
  if (!spec.ok()) return CatalogError(context, spec.status());
  Result<catalog::Workspace> created = request->workspaces->Create(*spec);
  if (!created.ok()) return CatalogError(context, created.status());
  JsonWriter json;
  WriteWorkspace(*created, &json);
  return JsonResponse(201, json.Take());
}

HttpResponse DeleteWorkspace(RouteContext& context) {
  Result<WorkspaceRequest> request = WorkspaceRequestFor(context, "workspace", "group");
  if (!request.ok()) return CatalogError(context, request.status());
  const catalog::Workspace& workspace = request->workspace;
  Status deleted = request->catalog.workspaces->Delete(workspace);
  if (!deleted.ok()) return CatalogError(context, deleted);
  return JsonResponse(200, "{}");
}

HttpResponse ListGroups(RouteContext& context) {
  Result<CatalogRequest> request = CatalogRequestFor(context);
  if (!request.ok()) return CatalogError(context, request.status());
  catalog::WorkspaceRegistry& registry = request->catalog->workspaces();
  Result<std::vector<catalog::ResourceGroup>> groups = registry.ListResourceGroups();
  if (!groups.ok()) return CatalogError(context, groups.status());
  Result<std::vector<catalog::Workspace>> workspaces = registry.ListWorkspaces();
  if (!workspaces.ok()) return CatalogError(context, workspaces.status());
  std::vector<catalog::ResourceGroup> visible;
  for (const catalog::ResourceGroup& group : *groups) {
    // A group is visible to who may create workspaces in it or sees one of its workspaces.
    bool shown = context.service.AuthorizeInResourceGroup(context.principal,
                                                          Action::kCreateWorkspace, group.name);
    for (const catalog::Workspace& workspace : *workspaces) {
      shown = shown ||
              (workspace.resource_group == group.name &&
               context.service.Authorize(context.principal, Action::kReadMetadata, workspace.id));
    }
    if (shown) visible.push_back(group);
  }
  return ListResponse(visible, WriteGroup);
}

HttpResponse CreateGroup(RouteContext& context) {
  Result<CatalogRequest> request = CatalogRequestFor(context);
  if (!request.ok()) return CatalogError(context, request.status());
  Result<JsonBody> body = JsonBody::Parse(context.request.body);
  Status fields = body.ok() ? body->OnlyFields({"location", "tags"}) : body.status();
  if (!fields.ok()) return CatalogError(context, fields);
  Result<catalog::ResourceGroup> group =
      request->catalog->workspaces().CreateResourceGroup(context.Capture("group"));
  if (!group.ok()) return CatalogError(context, group.status());
  JsonWriter json;
  WriteGroup(*group, &json);
  return JsonResponse(201, json.Take());
}

HttpResponse DeleteGroup(RouteContext& context) {
  Result<CatalogRequest> request = CatalogRequestFor(context);
  if (!request.ok()) return CatalogError(context, request.status());
  Status deleted = request->catalog->workspaces().DeleteResourceGroup(context.Capture("group"));
  if (!deleted.ok()) return CatalogError(context, deleted);
  return JsonResponse(200, "{}");
}

}  // namespace

void AddWorkspaceRoutes(Router* router) {
  constexpr ApiFamily kFamily = ApiFamily::kLogAnalytics;
  router->Add({{"GET"}, "/v1/workspaces", Action::kReadMetadata, kFamily, "", ListWorkspaces});
  router->Add(
      {{"GET"}, kWorkspacePattern, Action::kReadMetadata, kFamily, "workspace", GetWorkspace});
  router->Add({{"PUT"},
               kWorkspacePattern,
               Action::kCreateWorkspace,
               kFamily,
               "",
               CreateWorkspace,
               "group"});
  router->Add({{"DELETE"},
               kWorkspacePattern,
               Action::kManageWorkspace,
               kFamily,
               "workspace",
               DeleteWorkspace});
  router->Add({{"GET"}, "/v1/resourcegroups", Action::kReadMetadata, kFamily, "", ListGroups});
  router->Add({{"PUT"}, kGroupPattern, Action::kManageResourceGroups, kFamily, "", CreateGroup});
  router->Add({{"DELETE"}, kGroupPattern, Action::kManageResourceGroups, kFamily, "", DeleteGroup});
}

}  // namespace huntbook::server
