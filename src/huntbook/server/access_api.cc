// Role, role-assignment and API-token routes (role.h, access_control.h, credential_store.h):
//   GET    /v1/roles                                           signed_in: role definitions
//   POST   /v1/roles  {"name","permissions":["read",..]}       manage_users (server)
//   GET|POST /v1/roleassignments                              manage_roles (server)
//   GET|POST /v1/resourcegroups/{group}/roleassignments       manage_roles (group)
//   GET|POST /v1/workspaces/{workspace}/roleassignments       manage_roles (workspace)
//            POST body {"user": "<name>", "role": "Reader"}
//   DELETE <each of the three>/{assignment}                    manage_roles (that scope);
//            an assignment made at another scope is "not found" here
//   GET|POST /v1/me/tokens  {"name", "expiresAt"?}             signed_in: own tokens; the
//            token text is in the POST answer only
//   DELETE /v1/me/tokens/{token}                               signed_in: revoke own token

#include "huntbook/catalog/name_rules.h"
#include "huntbook/server/catalog_request.h"
#include "huntbook/server/json_body.h"

namespace huntbook::server {
namespace {

constexpr ApiFamily kFamily = ApiFamily::kLogAnalytics;

void WriteRole(const catalog::Role& role, JsonWriter* json) {
  json->BeginObject();
  json->Member("name", role.name);
  json->MemberBool("builtin", role.builtin);
  json->Key("permissions");
  json->BeginArray();
  for (const std::string& name : catalog::PermissionNames(role.permissions)) json->String(name);
  json->EndArray();
  json->Key("actions");
  json->BeginArray();
  for (catalog::Action action : catalog::AllActions()) {
    if (role.actions.Contains(action)) json->String(catalog::ActionName(action));
  }
  json->EndArray();
  json->EndObject();
}

HttpResponse ListRoles(RouteContext& context) {
  Result<CatalogRequest> request = CatalogRequestFor(context);
  if (!request.ok()) return CatalogError(context, request.status());
  Result<std::vector<catalog::Role>> roles = request->catalog->access().ListRoles();
  if (!roles.ok()) return CatalogError(context, roles.status());
  return ListResponse(*roles, WriteRole);
}

Result<catalog::Role> CreateRoleFromBody(catalog::Catalog& catalog, std::string_view text) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(text));
  RETURN_IF_ERROR(body.OnlyFields({"name", "permissions"}));
  ASSIGN_OR_RETURN(std::string name, body.RequiredString("name"));
  ASSIGN_OR_RETURN(std::optional<std::vector<std::string>> names, body.StringList("permissions"));
  if (!names.has_value()) return InvalidArgument("request body: field 'permissions' is required");
  ASSIGN_OR_RETURN(uint32_t permissions, catalog::ParsePermissions(*names));
  return catalog.access().CreateCustomRole(name, permissions);
}

HttpResponse CreateRole(RouteContext& context) {
  Result<CatalogRequest> request = CatalogRequestFor(context);
  if (!request.ok()) return CatalogError(context, request.status());
  Result<catalog::Role> role = CreateRoleFromBody(*request->catalog, context.request.body);
  if (!role.ok()) return CatalogError(context, role.status());
  JsonWriter json;
  WriteRole(*role, &json);
  return JsonResponse(201, json.Take());
}

// The scope a role-assignment route acts on, from its captures.
Result<catalog::Scope> ScopeFromUrl(RouteContext& context, CatalogRequest& request) {
  if (!context.route.workspace_capture.empty()) {
    ASSIGN_OR_RETURN(catalog::Workspace workspace,
                     WorkspaceFromUrl(context, request, context.route.workspace_capture));
    return catalog::Scope::Workspace(workspace.id);
  }
  if (!context.route.resource_group_capture.empty()) {
    ASSIGN_OR_RETURN(catalog::ResourceGroup group,
                     request.catalog->workspaces().GetResourceGroup(
                         context.Capture(context.route.resource_group_capture)));
    return catalog::Scope::ResourceGroup(group.name);
  }
  return catalog::Scope::Server();
}

bool SameScope(const catalog::Scope& a, const catalog::Scope& b) {
  return a.kind == b.kind && catalog::NamesEqual(a.name, b.name);
}

std::string ScopePath(const catalog::Scope& scope) {
  switch (scope.kind) {
    case catalog::ScopeKind::kServer:
      return "/";
    case catalog::ScopeKind::kResourceGroup:
      return "/resourcegroups/" + scope.name;
    case catalog::ScopeKind::kWorkspace:
      return "/workspaces/" + scope.name;
  }
  return "/";
}

void WriteAssignment(const catalog::RoleAssignment& assignment, JsonWriter* json) {
  json->BeginObject();
  json->Member("id", std::to_string(assignment.id));
  json->Member("user", assignment.user_name);
  json->Member("role", assignment.role_name);
  json->Member("scope", ScopePath(assignment.scope));
  MemberTime(json, "created", assignment.created_at);
  json->EndObject();
}

Result<std::vector<catalog::RoleAssignment>> AssignmentsAt(catalog::Catalog& catalog,
                                                           const catalog::Scope& scope) {
  ASSIGN_OR_RETURN(std::vector<catalog::RoleAssignment> all,
                   catalog.access().ListAssignments(std::nullopt));
  std::vector<catalog::RoleAssignment> at_scope;
  for (catalog::RoleAssignment& assignment : all) {
    if (SameScope(assignment.scope, scope)) at_scope.push_back(std::move(assignment));
  }
  return at_scope;
}

Result<catalog::RoleAssignment> AssignFromBody(catalog::Catalog& catalog,
                                               const catalog::Scope& scope, std::string_view text) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(text));
  RETURN_IF_ERROR(body.OnlyFields({"user", "role"}));
  ASSIGN_OR_RETURN(std::string user_name, body.RequiredString("user"));
  ASSIGN_OR_RETURN(std::string role, body.RequiredString("role"));
  ASSIGN_OR_RETURN(catalog::User user, catalog.users().GetUser(user_name));
  return catalog.access().AssignRole(user.id, role, scope);
}

HttpResponse HandleAssignments(RouteContext& context) {
  Result<CatalogRequest> request = CatalogRequestFor(context);
  if (!request.ok()) return CatalogError(context, request.status());
  Result<catalog::Scope> scope = ScopeFromUrl(context, *request);
  if (!scope.ok()) return CatalogError(context, scope.status());
  JsonWriter json;
  if (context.request.method == "POST") {
    Result<catalog::RoleAssignment> assigned =
        AssignFromBody(*request->catalog, *scope, context.request.body);
    if (!assigned.ok()) return CatalogError(context, assigned.status());
    WriteAssignment(*assigned, &json);
    return JsonResponse(201, json.Take());
  }
  Result<std::vector<catalog::RoleAssignment>> listed = AssignmentsAt(*request->catalog, *scope);
  if (!listed.ok()) return CatalogError(context, listed.status());
  return ListResponse(*listed, WriteAssignment);
}

HttpResponse RemoveAssignment(RouteContext& context) {
  Result<CatalogRequest> request = CatalogRequestFor(context);
  if (!request.ok()) return CatalogError(context, request.status());
  Result<catalog::Scope> scope = ScopeFromUrl(context, *request);
  if (!scope.ok()) return CatalogError(context, scope.status());
  const std::string& id_text = context.Capture("assignment");
  Status missing = NotFound("role assignment '" + id_text + "' not found at this scope");
  Result<std::vector<catalog::RoleAssignment>> listed = AssignmentsAt(*request->catalog, *scope);
  if (!listed.ok()) return CatalogError(context, listed.status());
  for (const catalog::RoleAssignment& assignment : *listed) {
    if (std::to_string(assignment.id) != id_text) continue;
    Status removed = request->catalog->access().RemoveAssignment(assignment.id);
    if (!removed.ok()) return CatalogError(context, removed);
    return JsonResponse(200, "{}");
  }
  return CatalogError(context, missing);
}

void WriteToken(const catalog::ApiToken& token, JsonWriter* json) {
  json->Member("id", token.id);
  json->Member("name", token.name);
  MemberTime(json, "created", token.created_at);
  MemberTime(json, "expires", token.expires_at);
  MemberTime(json, "revoked", token.revoked_at);
  MemberTime(json, "lastUsed", token.last_used_at);
}

// The signed-in caller's user id. Errors: the anonymous caller has no tokens.
Result<int64_t> OwnUserId(const CatalogRequest& request) {
  if (request.principal.user_id <= 0) {
    return InvalidArgument("the anonymous caller has no API tokens; sign in with a token");
  }
  return request.principal.user_id;
}

Result<catalog::IssuedToken> IssueFromBody(catalog::Catalog& catalog, int64_t user_id,
                                           std::string_view text) {
  ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(text));
  RETURN_IF_ERROR(body.OnlyFields({"name", "expiresAt"}));
  ASSIGN_OR_RETURN(std::string name, body.RequiredString("name"));
  ASSIGN_OR_RETURN(std::optional<int64_t> expires, body.DateTime("expiresAt"));
  return catalog.credentials().CreateToken(user_id, name, expires);
}

HttpResponse HandleTokens(RouteContext& context) {
  Result<CatalogRequest> request = CatalogRequestFor(context);
  if (!request.ok()) return CatalogError(context, request.status());
  Result<int64_t> user_id = OwnUserId(*request);
  if (!user_id.ok()) return CatalogError(context, user_id.status());
  JsonWriter json;
  if (context.request.method == "POST") {
    Result<catalog::IssuedToken> issued =
        IssueFromBody(*request->catalog, *user_id, context.request.body);
    if (!issued.ok()) return CatalogError(context, issued.status());
    json.BeginObject();
    WriteToken(issued->token, &json);
    json.Member("token", issued->text);
    json.EndObject();
    return JsonResponse(201, json.Take());
  }
  Result<std::vector<catalog::ApiToken>> tokens =
      request->catalog->credentials().ListTokens(*user_id);
  if (!tokens.ok()) return CatalogError(context, tokens.status());
  return ListResponse(*tokens, [](const catalog::ApiToken& token, JsonWriter* json) {
    json->BeginObject();
    WriteToken(token, json);
    json->EndObject();
  });
}

HttpResponse RevokeToken(RouteContext& context) {
  Result<CatalogRequest> request = CatalogRequestFor(context);
  if (!request.ok()) return CatalogError(context, request.status());
  Result<int64_t> user_id = OwnUserId(*request);
  if (!user_id.ok()) return CatalogError(context, user_id.status());
  const std::string& id = context.Capture("token");
  catalog::CredentialStore& credentials = request->catalog->credentials();
  Result<catalog::ApiToken> token = credentials.GetToken(id);
  // Another user's token is "not found", exactly like a missing one.
  if (!token.ok() || token->user_id != *user_id) {
    return CatalogError(context, NotFound("API token '" + id + "' not found"));
  }
  Status revoked = credentials.RevokeToken(id);
  if (!revoked.ok()) return CatalogError(context, revoked);
  return JsonResponse(200, "{}");
}

void AddAssignmentRoutes(Router* router, const std::string& prefix,
                         const std::string& workspace_capture, const std::string& group_capture) {
  router->Add({{"GET", "POST"},
               prefix + "/roleassignments",
               Action::kManageRoles,
               kFamily,
               workspace_capture,
               HandleAssignments,
               group_capture});
  router->Add({{"DELETE"},
               prefix + "/roleassignments/{assignment}",
               Action::kManageRoles,
               kFamily,
               workspace_capture,
               RemoveAssignment,
               group_capture});
}

}  // namespace

void AddAccessRoutes(Router* router) {
  router->Add({{"GET"}, "/v1/roles", Action::kSignedIn, kFamily, "", ListRoles});
  router->Add({{"POST"}, "/v1/roles", Action::kManageUsers, kFamily, "", CreateRole});
  AddAssignmentRoutes(router, "/v1", "", "");
  AddAssignmentRoutes(router, "/v1/resourcegroups/{group}", "", "group");
  AddAssignmentRoutes(router, "/v1/workspaces/{workspace}", "workspace", "");
  router->Add({{"GET", "POST"}, "/v1/me/tokens", Action::kSignedIn, kFamily, "", HandleTokens});
  router->Add({{"DELETE"}, "/v1/me/tokens/{token}", Action::kSignedIn, kFamily, "", RevokeToken});
}

}  // namespace huntbook::server
