// The authorization matrix, generated from the router's own route table
// (RELIABILITY.md; issue 4): every route and method x every built-in role (Reader,
// Responder, Contributor, Owner assigned at one workspace), no assignment, an Owner at the
// resource group and the server Owner x own / other / nonexistent workspace (or resource
// group). For each cell the expectation is derived from the route's Action, the catalog
// action it is checked as and the role's documented action set (role.h) at the scope of
// the assignment, never from the authorizer under test. Asserted:
//   - allowed: neither 401 nor 403 (nor a 5xx); denied: 403;
//   - a denied request changes nothing (catalog rows and every table's row count);
//   - "forbidden" (other) and "does not exist" (nonexistent) give the same status and body;
//   - every non-public route answers 401 without credentials;
//   - every route in the table has a probe here, so a route added without a matrix entry
//     fails this test.
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "huntbook/catalog/role.h"
#include "huntbook/server/catalog_api_test_fixture.h"
#include "huntbook/server/management_commands.h"
#include "huntbook/storage/store.h"

namespace huntbook::server {
namespace {

int BatchItemStatus(const HttpResponse& response) {
  auto parsed = Dynamic::Parse(response.body);
  if (response.status != 200 || !parsed.ok()) return response.status;
  return static_cast<int>(parsed->Get("responses").At(0).Get("status").long_value());
}

enum class Target { kOwn, kOther, kMissing };
constexpr Target kTargets[] = {Target::kMissing, Target::kOther, Target::kOwn};

// Where a probe's action is checked.
enum class ProbeScope {
  kPublic,     // nobody is refused, not even without credentials
  kSignedIn,   // every authenticated caller (acts on itself, or reads a filtered list)
  kServer,     // server scope
  kGroup,      // the target resource group
  kWorkspace,  // the target workspace
};

// Who calls: a role at a scope, or nothing.
struct Caller {
  std::string name;
  std::optional<catalog::BuiltinRole> role;
  catalog::ScopeKind at = catalog::ScopeKind::kWorkspace;  // the own workspace / group
};

std::vector<Caller> Callers() {
  std::vector<Caller> callers;
  for (catalog::BuiltinRole role : catalog::kBuiltinRoles) {
    callers.push_back({"ws_" + std::string(catalog::BuiltinRoleName(role)), role,
                       catalog::ScopeKind::kWorkspace});
  }
  callers.push_back({"nobody", std::nullopt, catalog::ScopeKind::kWorkspace});
  callers.push_back(
      {"group_owner", catalog::BuiltinRole::kOwner, catalog::ScopeKind::kResourceGroup});
  callers.push_back({"server_owner", catalog::BuiltinRole::kOwner, catalog::ScopeKind::kServer});
  return callers;
}

struct Probe {
  std::string path;  // with the query string
  std::string body;
  Action action;  // the action this request needs (for /v1/rest/mgmt: its command's)
  ProbeScope scope;
  // The status the request got (for $batch: the item's status inside the 200).
  std::function<int(const HttpResponse&)> status = [](const HttpResponse& r) { return r.status; };
};

class AuthorizationMatrixTest : public CatalogApiFixture {
 protected:
  void SetUp() override {}  // each cell opens its own fixture (Prepare)

  // A fresh server: workspaces mine (group alpha) and theirs (group beta), each with a
  // table row, a bookmark, a secret and a Reader assignment of `victim`; an empty group
  // gamma; the caller with its role.
  void Prepare(const Caller& caller) {
    Open();
    ASSERT_FALSE(HasFatalFailure());
    for (const auto& [group, name] : {std::pair{"alpha", "mine"}, std::pair{"beta", "theirs"}}) {
      catalog::Workspace workspace = MakeWorkspace(group, name);
      workspace_ids_[name] = workspace.id;
      ASSERT_EQ(Call("POST", "/v1/workspaces/" + std::string(name) + "/tables/Events/ingest",
                     R"([{"Id":1}])", admin_token_)
                    .status,
                200);
      catalog::BookmarkSpec bookmark;
      bookmark.name = "seed";
      auto created = catalog_->bookmarks().Create(workspace.id, bookmark, "admin");
      ASSERT_TRUE(created.ok());
      bookmark_ids_[name] = created->id;
      ASSERT_TRUE(catalog_->secrets()
                      .Set(catalog::Principal::Anonymous(catalog::BuiltinRole::kOwner),
                           workspace.id, "tikey", "value")
                      .ok());
    }
    ASSERT_TRUE(catalog_->workspaces().CreateResourceGroup("gamma").ok());
    auto victim_token = catalog_->credentials().VerifyToken(TokenFor("victim"));
    ASSERT_TRUE(victim_token.ok() && victim_token->has_value());
    victim_token_id_ = (*victim_token)->id;
    assignment_ids_["server"] = AssignVictim(catalog::Scope::Server());
    assignment_ids_["alpha"] = AssignVictim(catalog::Scope::ResourceGroup("alpha"));
    assignment_ids_["beta"] = AssignVictim(catalog::Scope::ResourceGroup("beta"));
    assignment_ids_["mine"] = AssignVictim(catalog::Scope::Workspace(workspace_ids_["mine"]));
    assignment_ids_["theirs"] = AssignVictim(catalog::Scope::Workspace(workspace_ids_["theirs"]));
    token_ = TokenFor(caller.name);
    auto verified = catalog_->credentials().VerifyToken(token_);
    ASSERT_TRUE(verified.ok() && verified->has_value());
    token_id_ = (*verified)->id;
    if (caller.role.has_value()) {
      std::string role(catalog::BuiltinRoleName(*caller.role));
      switch (caller.at) {
        case catalog::ScopeKind::kServer:
          Assign(caller.name, role, catalog::Scope::Server());
          break;
        case catalog::ScopeKind::kResourceGroup:
          Assign(caller.name, role, catalog::Scope::ResourceGroup("alpha"));
          break;
        case catalog::ScopeKind::kWorkspace:
          Assign(caller.name, role, catalog::Scope::Workspace(workspace_ids_["mine"]));
          break;
      }
    }
  }

  std::string AssignVictim(const catalog::Scope& scope) {
    auto victim = catalog_->users().GetUser("victim");
    auto assigned = catalog_->access().AssignRole(victim->id, "Reader", scope);
    EXPECT_TRUE(assigned.ok()) << assigned.status().ToString();
    return assigned.ok() ? std::to_string(assigned->id) : "";
  }

  static std::string WorkspaceOf(Target target) {
    return target == Target::kOwn ? "mine" : target == Target::kOther ? "theirs" : "ghost";
  }
  static std::string GroupOf(Target target) {
    return target == Target::kOwn ? "alpha" : target == Target::kOther ? "beta" : "ghostgroup";
  }

  // Everything a request could change, as text (token last-use times excluded).
  std::string State() {
    std::ostringstream out;
    auto groups = catalog_->workspaces().ListResourceGroups();
    auto workspaces = catalog_->workspaces().ListWorkspaces();
    auto assignments = catalog_->access().ListAssignments(std::nullopt);
    auto roles = catalog_->access().ListRoles();
    auto users = catalog_->users().ListUsers();
    EXPECT_TRUE(groups.ok() && workspaces.ok() && assignments.ok() && roles.ok() && users.ok());
    if (!groups.ok() || !workspaces.ok() || !assignments.ok() || !roles.ok() || !users.ok()) {
      return "catalog error";
    }
    for (const auto& group : *groups) out << group.name << ";";
    for (const auto& workspace : *workspaces) {
      out << "\nws " << workspace.resource_group << "/" << workspace.name << " "
          << workspace.retention_days;
      auto bookmarks = catalog_->bookmarks().List(workspace.id);
      auto secrets = catalog_->secrets().List(
          catalog::Principal::Anonymous(catalog::BuiltinRole::kOwner), workspace.id);
      if (!bookmarks.ok() || !secrets.ok()) return "catalog error";
      for (const auto& bookmark : *bookmarks) {
        out << " bm " << bookmark.id << "@" << bookmark.updated_at;
      }
      for (const auto& secret : *secrets)
        out << " secret " << secret.name << "@" << secret.updated_at;
    }
    for (const auto& assignment : *assignments) out << "\nassignment " << assignment.id;
    for (const auto& role : *roles) out << "\nrole " << role.name;
    for (const auto& user : *users) {
      auto tokens = catalog_->credentials().ListTokens(user.id);
      if (!tokens.ok()) return "catalog error";
      for (const auto& token : *tokens) {
        out << "\ntoken " << token.id << (token.revoked_at ? " revoked" : "");
      }
    }
    storage::Store& store = engine_->store();
    for (const std::string& workspace : store.ListWorkspaces()) {
      for (const std::string& table : store.ListTables(workspace)) {
        auto snapshot = store.Snapshot(workspace, table);
        out << "\ntable " << workspace << "." << table << " "
            << (snapshot.ok() ? snapshot->rows() : 0) << "x"
            << (snapshot.ok() ? snapshot->schema.size() : 0);
      }
    }
    return out.str();
  }

  // One probe per "METHOD pattern" of the route table; a route without one fails the test.
  std::map<std::string, std::function<Probe(Target)>> Probes() {
    std::map<std::string, std::function<Probe(Target)>> probes;
    auto ws = [](Target t) { return WorkspaceOf(t); };
    auto adx = [](Target t, const std::string& csl) {
      return R"({"db":")" + WorkspaceOf(t) + R"(","csl":")" + csl + R"("})";
    };
    // Log Analytics.
    probes["GET /v1/workspaces/{workspace}/query"] = [=](Target t) {
      return Probe{"/v1/workspaces/" + ws(t) + "/query?query=Events", "", Action::kQuery,
                   ProbeScope::kWorkspace};
    };
    probes["POST /v1/workspaces/{workspace}/query"] = [=](Target t) {
      return Probe{"/v1/workspaces/" + ws(t) + "/query", R"({"query":"Events | count"})",
                   Action::kQuery, ProbeScope::kWorkspace};
    };
    probes["GET /v1/workspaces/{workspace}/metadata"] = [=](Target t) {
      return Probe{"/v1/workspaces/" + ws(t) + "/metadata", "", Action::kReadMetadata,
                   ProbeScope::kWorkspace};
    };
    probes["POST /v1/$batch"] = [=](Target t) {
      Probe probe{"/v1/$batch",
                  R"({"requests":[{"id":"1","workspace":")" + ws(t) +
                      R"(","body":{"query":"Events | count"}}]})",
                  Action::kQuery, ProbeScope::kWorkspace};
      probe.status = BatchItemStatus;
      return probe;
    };
    // Data Explorer.
    for (const std::string version : {"v1", "v2"}) {
      probes["GET /" + version + "/rest/query"] = [=](Target t) {
        return Probe{"/" + version + "/rest/query?db=" + ws(t) + "&csl=Events", "", Action::kQuery,
                     ProbeScope::kWorkspace};
      };
      probes["POST /" + version + "/rest/query"] = [=](Target t) {
        return Probe{"/" + version + "/rest/query", adx(t, "Events | count"), Action::kQuery,
                     ProbeScope::kWorkspace};
      };
    }
    probes["GET /v1/rest/mgmt"] = [=](Target t) {
      std::string command = ".show tables";
      return Probe{"/v1/rest/mgmt?db=" + ws(t) + "&csl=.show%20tables", "",
                   ManagementCommandAction(command), ProbeScope::kWorkspace};
    };
    probes["POST /v1/rest/mgmt"] = [=](Target t) {
      std::string command = ".create table Created (a:long)";
      return Probe{"/v1/rest/mgmt", adx(t, command), ManagementCommandAction(command),
                   ProbeScope::kWorkspace};
    };
    probes["GET /v1/rest/auth/metadata"] = [](Target) {
      return Probe{"/v1/rest/auth/metadata", "", Action::kPublic, ProbeScope::kPublic};
    };
    // Ingestion.
    probes["POST /v1/workspaces/{workspace}/tables/{table}/ingest"] = [=](Target t) {
      return Probe{"/v1/workspaces/" + ws(t) + "/tables/Events/ingest", R"([{"Id":2}])",
                   Action::kIngest, ProbeScope::kWorkspace};
    };
    probes["POST /dataCollectionRules/{dcr}/streams/{stream}"] = [=](Target t) {
      return Probe{"/dataCollectionRules/" + ws(t) + "/streams/Custom-Events", R"([{"Id":2}])",
                   Action::kIngest, ProbeScope::kWorkspace};
    };
    probes["POST /v1/rest/ingest/{database}/{table}"] = [=](Target t) {
      return Probe{"/v1/rest/ingest/" + ws(t) + "/Events?streamFormat=csv", "2\n", Action::kIngest,
                   ProbeScope::kWorkspace};
    };
    // Operations.
    probes["GET /metrics"] = [](Target) {
      return Probe{"/metrics", "", Action::kReadMetrics, ProbeScope::kServer};
    };
    probes["GET /healthz"] = [](Target) {
      return Probe{"/healthz", "", Action::kPublic, ProbeScope::kPublic};
    };
    // Workspaces and resource groups.
    auto workspace_path = [](Target t) {
      return "/v1/resourcegroups/" + GroupOf(t == Target::kMissing ? Target::kOwn : t) +
             "/workspaces/" + WorkspaceOf(t);
    };
    probes["GET /v1/workspaces"] = [](Target) {
      return Probe{"/v1/workspaces", "", Action::kReadMetadata, ProbeScope::kSignedIn};
    };
    probes["GET /v1/resourcegroups/{group}/workspaces/{workspace}"] = [=](Target t) {
      return Probe{workspace_path(t), "", Action::kReadMetadata, ProbeScope::kWorkspace};
    };
    probes["PUT /v1/resourcegroups/{group}/workspaces/{workspace}"] = [this](Target t) {
      return Probe{
          "/v1/resourcegroups/" + GroupOf(t) + "/workspaces/fresh" + std::to_string(counter_++),
          R"({"properties":{"retentionInDays":60}})", Action::kCreateWorkspace, ProbeScope::kGroup};
    };
    probes["DELETE /v1/resourcegroups/{group}/workspaces/{workspace}"] = [=](Target t) {
      return Probe{workspace_path(t), "", Action::kManageWorkspace, ProbeScope::kWorkspace};
    };
    probes["GET /v1/resourcegroups"] = [](Target) {
      return Probe{"/v1/resourcegroups", "", Action::kReadMetadata, ProbeScope::kSignedIn};
    };
    probes["PUT /v1/resourcegroups/{group}"] = [this](Target) {
      return Probe{"/v1/resourcegroups/newgroup" + std::to_string(counter_++), "",
                   Action::kManageResourceGroups, ProbeScope::kServer};
    };
    probes["DELETE /v1/resourcegroups/{group}"] = [](Target t) {
      std::string group = t == Target::kOwn ? "gamma" : GroupOf(t);
      return Probe{"/v1/resourcegroups/" + group, "", Action::kManageResourceGroups,
                   ProbeScope::kServer};
    };
    // Bookmarks.
    auto bookmark_path = [this](Target t) {
      std::string w = WorkspaceOf(t);
      std::string id =
          bookmark_ids_.count(w) ? bookmark_ids_[w] : "00000000-0000-4000-8000-000000000000";
      return "/v1/workspaces/" + w + "/bookmarks/" + id;
    };
    probes["GET /v1/workspaces/{workspace}/bookmarks"] = [=](Target t) {
      return Probe{"/v1/workspaces/" + ws(t) + "/bookmarks", "", Action::kReadBookmark,
                   ProbeScope::kWorkspace};
    };
    probes["POST /v1/workspaces/{workspace}/bookmarks"] = [=](Target t) {
      return Probe{"/v1/workspaces/" + ws(t) + "/bookmarks", R"({"name":"new"})",
                   Action::kWriteBookmark, ProbeScope::kWorkspace};
    };
    probes["GET /v1/workspaces/{workspace}/bookmarks/{bookmark}"] = [=](Target t) {
      return Probe{bookmark_path(t), "", Action::kReadBookmark, ProbeScope::kWorkspace};
    };
    probes["PATCH /v1/workspaces/{workspace}/bookmarks/{bookmark}"] = [=](Target t) {
      return Probe{bookmark_path(t), R"({"notes":"changed"})", Action::kWriteBookmark,
                   ProbeScope::kWorkspace};
    };
    probes["DELETE /v1/workspaces/{workspace}/bookmarks/{bookmark}"] = [=](Target t) {
      return Probe{bookmark_path(t), "", Action::kDeleteBookmark, ProbeScope::kWorkspace};
    };
    // Secrets.
    probes["GET /v1/workspaces/{workspace}/secrets"] = [=](Target t) {
      return Probe{"/v1/workspaces/" + ws(t) + "/secrets", "", Action::kListSecrets,
                   ProbeScope::kWorkspace};
    };
    probes["GET /v1/workspaces/{workspace}/secrets/{secret}"] = [=](Target t) {
      return Probe{"/v1/workspaces/" + ws(t) + "/secrets/tikey", "", Action::kReadSecret,
                   ProbeScope::kWorkspace};
    };
    probes["PUT /v1/workspaces/{workspace}/secrets/{secret}"] = [=](Target t) {
      return Probe{"/v1/workspaces/" + ws(t) + "/secrets/tikey", R"({"value":"other"})",
                   Action::kWriteSecret, ProbeScope::kWorkspace};
    };
    probes["DELETE /v1/workspaces/{workspace}/secrets/{secret}"] = [=](Target t) {
      return Probe{"/v1/workspaces/" + ws(t) + "/secrets/tikey", "", Action::kWriteSecret,
                   ProbeScope::kWorkspace};
    };
    // Roles, assignments, tokens.
    probes["GET /v1/roles"] = [](Target) {
      return Probe{"/v1/roles", "", Action::kSignedIn, ProbeScope::kSignedIn};
    };
    probes["POST /v1/roles"] = [this](Target) {
      return Probe{
          "/v1/roles",
          R"({"name":"Custom)" + std::to_string(counter_++) + R"(","permissions":["read"]})",
          Action::kManageUsers, ProbeScope::kServer};
    };
    const std::string assign_body = R"({"user":"victim","role":"Responder"})";
    for (const std::string method : {"GET", "POST"}) {
      std::string body = method == "POST" ? assign_body : "";
      probes[method + " /v1/roleassignments"] = [=](Target) {
        return Probe{"/v1/roleassignments", body, Action::kManageRoles, ProbeScope::kServer};
      };
      probes[method + " /v1/resourcegroups/{group}/roleassignments"] = [=](Target t) {
        return Probe{"/v1/resourcegroups/" + GroupOf(t) + "/roleassignments", body,
                     Action::kManageRoles, ProbeScope::kGroup};
      };
      probes[method + " /v1/workspaces/{workspace}/roleassignments"] = [=](Target t) {
        return Probe{"/v1/workspaces/" + ws(t) + "/roleassignments", body, Action::kManageRoles,
                     ProbeScope::kWorkspace};
      };
    }
    probes["DELETE /v1/roleassignments/{assignment}"] = [this](Target) {
      return Probe{"/v1/roleassignments/" + assignment_ids_["server"], "", Action::kManageRoles,
                   ProbeScope::kServer};
    };
    probes["DELETE /v1/resourcegroups/{group}/roleassignments/{assignment}"] = [this](Target t) {
      std::string id = t == Target::kMissing ? "999999" : assignment_ids_[GroupOf(t)];
      return Probe{"/v1/resourcegroups/" + GroupOf(t) + "/roleassignments/" + id, "",
                   Action::kManageRoles, ProbeScope::kGroup};
    };
    probes["DELETE /v1/workspaces/{workspace}/roleassignments/{assignment}"] = [this](Target t) {
      std::string id = t == Target::kMissing ? "999999" : assignment_ids_[WorkspaceOf(t)];
      return Probe{"/v1/workspaces/" + WorkspaceOf(t) + "/roleassignments/" + id, "",
                   Action::kManageRoles, ProbeScope::kWorkspace};
    };
    for (const std::string method : {"GET", "POST"}) {
      std::string body = method == "POST" ? R"({"name":"mine"})" : "";
      probes[method + " /v1/me/tokens"] = [=](Target) {
        return Probe{"/v1/me/tokens", body, Action::kSignedIn, ProbeScope::kSignedIn};
      };
    }
    // Login is public (the body's password is what is checked); logout acts on the
    // caller's own session (a token caller has none: 400, not a denial).
    probes["POST /v1/session"] = [](Target) {
      return Probe{"/v1/session", R"({"user":"admin","password":"correct horse battery"})",
                   Action::kPublic, ProbeScope::kPublic};
    };
    probes["DELETE /v1/session"] = [](Target) {
      return Probe{"/v1/session", "", Action::kSignedIn, ProbeScope::kSignedIn};
    };
    probes["DELETE /v1/me/tokens/{token}"] = [this](Target t) {
      // Own: the caller's token (probed last, so the earlier cells still authenticate);
      // other: another user's token, which must read as missing.
      std::string id = t == Target::kOwn     ? token_id_
                       : t == Target::kOther ? victim_token_id_
                                             : "0000000000000000";
      return Probe{"/v1/me/tokens/" + id, "", Action::kSignedIn, ProbeScope::kSignedIn};
    };
    return probes;
  }

  std::map<std::string, std::string> workspace_ids_, bookmark_ids_, assignment_ids_;
  std::string token_, token_id_, victim_token_id_;
  int counter_ = 0;
};

// Whether `caller` may do `probe` on `target`: the role's documented action set, at the
// scope of its assignment, must hold the catalog action the route's action is checked as.
bool Expected(const Caller& caller, const Probe& probe, Target target) {
  if (probe.scope == ProbeScope::kPublic || probe.scope == ProbeScope::kSignedIn) return true;
  if (!caller.role.has_value()) return false;
  std::optional<catalog::Action> wanted = CatalogActionFor(probe.action);
  if (!wanted.has_value()) return true;
  if (!catalog::BuiltinRoleActions(*caller.role).Contains(*wanted)) return false;
  if (probe.scope == ProbeScope::kServer) return caller.at == catalog::ScopeKind::kServer;
  if (target == Target::kMissing) return false;
  if (caller.at == catalog::ScopeKind::kServer) return true;
  if (target != Target::kOwn) return false;
  // Own target: group alpha holds workspace mine. A group assignment covers both; a
  // workspace assignment only the workspace.
  return probe.scope == ProbeScope::kWorkspace || caller.at == catalog::ScopeKind::kResourceGroup;
}

// The body with the target's names, the per-request activity id and time replaced, so
// other/missing answers compare equal.
std::string Normalized(const HttpResponse& response) {
  std::string body = response.body;
  std::string activity(response.Header("x-ms-activity-id"));
  for (const auto& [from, to] :
       {std::pair{activity.c_str(), "<activity>"}, std::pair{"ghostgroup", "<group>"},
        std::pair{"beta", "<group>"}, std::pair{"ghost", "<workspace>"},
        std::pair{"theirs", "<workspace>"}}) {
    std::string needle(from);
    if (needle.empty()) continue;
    for (size_t at = body.find(needle); at != std::string::npos; at = body.find(needle, at)) {
      body.replace(at, needle.size(), to);
    }
  }
  // Data Explorer error contexts carry the time of the answer.
  constexpr std::string_view kTimestamp = "\"timestamp\":\"";
  size_t at = body.find(kTimestamp);
  if (at != std::string::npos) {
    size_t begin = at + kTimestamp.size();
    body.replace(begin, body.find('"', begin) - begin, "<time>");
  }
  return body;
}

TEST_F(AuthorizationMatrixTest, EveryRouteEveryRoleEveryTarget) {
  Router router;
  AddAllRoutes(&router);
  std::set<std::string> route_keys;
  for (const Route& route : router.routes()) {
    for (const std::string& method : route.methods) route_keys.insert(method + " " + route.pattern);
  }
  std::set<std::string> probe_keys;
  for (const auto& [key, builder] : Probes()) probe_keys.insert(key);
  // A route added without a probe (or a probe for a removed route) fails here.
  ASSERT_EQ(route_keys, probe_keys);

  int cells = 0;
  for (const std::string& key : route_keys) {
    std::string method = key.substr(0, key.find(' '));
    bool checked_no_credentials = false;
    for (const Caller& caller : Callers()) {
      Prepare(caller);
      ASSERT_FALSE(HasFatalFailure());
      auto build = Probes().at(key);
      if (!checked_no_credentials) {
        Probe probe = build(Target::kOwn);
        HttpResponse anonymous = Call(method, probe.path, probe.body, "");
        if (probe.scope == ProbeScope::kPublic) {
          EXPECT_LT(anonymous.status, 400) << key << ": " << anonymous.body;
        } else {
          EXPECT_EQ(anonymous.status, 401) << key << ": " << anonymous.body;
        }
        checked_no_credentials = true;
      }
      std::map<Target, HttpResponse> denied;
      for (Target target : kTargets) {
        Probe probe = build(target);
        bool allowed = Expected(caller, probe, target);
        std::string before = State();
        HttpResponse response = Call(method, probe.path, probe.body, token_);
        int status = probe.status(response);
        std::string cell = key + " as " + caller.name + " on " + probe.path;
        ++cells;
        if (allowed) {
          EXPECT_NE(status, 401) << cell << ": " << response.body;
          EXPECT_NE(status, 403) << cell << ": " << response.body;
          EXPECT_LT(status, 500) << cell << ": " << response.body;
        } else {
          EXPECT_EQ(status, 403) << cell << ": " << response.body;
          EXPECT_EQ(State(), before) << cell << " changed state while denied";
          denied[target] = response;
        }
      }
      if (denied.count(Target::kOther) && denied.count(Target::kMissing)) {
        const HttpResponse& other = denied[Target::kOther];
        const HttpResponse& missing = denied[Target::kMissing];
        EXPECT_EQ(other.status, missing.status) << key << " as " << caller.name;
        EXPECT_EQ(Normalized(other), Normalized(missing)) << key << " as " << caller.name;
      }
      Close();
    }
  }
  // routes x callers x targets; 7 callers.
  EXPECT_EQ(cells, static_cast<int>(route_keys.size() * Callers().size() * 3));
}

}  // namespace
}  // namespace huntbook::server
