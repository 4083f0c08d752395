// Roles x actions x scopes, generated from the Action enum; custom roles; bootstrap.
#include "huntbook/catalog/access_control.h"

#include <map>
#include <set>

#include "huntbook/catalog/catalog_test_support.h"

namespace huntbook::catalog {
namespace {

// The policy, written out independently of role.cc (by action name, as role.h documents).
const std::map<std::string, std::set<std::string>>& ExpectedBuiltinGrants() {
  static const auto* grants = [] {
    std::set<std::string> reader = {"read_workspace", "query", "read_bookmark", "read_notebook"};
    std::set<std::string> responder = reader;
    responder.insert("write_bookmark");
    std::set<std::string> contributor = responder;
    contributor.insert({"delete_bookmark", "write_notebook", "delete_notebook", "compute", "ingest",
                        "manage_tables", "list_secrets", "read_secret"});
    std::set<std::string> owner;
    for (Action action : AllActions()) owner.insert(std::string(ActionName(action)));
    return new std::map<std::string, std::set<std::string>>{{"Reader", reader},
                                                            {"Responder", responder},
                                                            {"Contributor", contributor},
                                                            {"Owner", owner}};
  }();
  return *grants;
}

const std::map<uint32_t, std::set<std::string>>& ExpectedPermissionGrants() {
  static const auto* grants = new std::map<uint32_t, std::set<std::string>>{
      {kPermissionRead, {"read_workspace", "query", "read_bookmark", "read_notebook"}},
      {kPermissionWrite, {"write_bookmark", "write_notebook", "ingest", "manage_tables"}},
      {kPermissionDelete, {"delete_bookmark", "delete_notebook"}},
      {kPermissionCompute, {"compute"}},
  };
  return *grants;
}

class AccessControlTest : public CatalogTest {
 protected:
  void SetUp() override {
    CatalogTest::SetUp();
    ASSERT_TRUE(catalog_->workspaces().CreateResourceGroup("soc").ok());
    WorkspaceSpec spec;
    spec.resource_group = "soc";
    spec.name = "w1";
    w1_ = *catalog_->workspaces().CreateWorkspace(spec);
    spec.name = "w2";
    w2_ = *catalog_->workspaces().CreateWorkspace(spec);
    other_ = DefaultWorkspace();  // in resource group "default"
  }
  AccessControl& access() { return catalog_->access(); }

  Workspace w1_, w2_, other_;
};

TEST_F(AccessControlTest, BuiltinRoleByActionByScopeMatrix) {
  struct Target {
    std::string label;
    Scope scope;
  };
  const std::vector<Target> targets = {
      {"w1", Scope::Workspace(w1_.id)},
      {"w2 (same group)", Scope::Workspace(w2_.id)},
      {"other group", Scope::Workspace(other_.id)},
      {"group soc", Scope::ResourceGroup("soc")},
      {"group default", Scope::ResourceGroup("default")},
      {"server", Scope::Server()},
      {"missing workspace", Scope::Workspace("00000000-0000-4000-8000-000000000000")},
  };
  struct Assignment {
    std::string label;
    Scope scope;
    std::set<std::string> covers;  // target labels inside the assignment's scope
  };
  const std::vector<Assignment> assignments = {
      {"server",
       Scope::Server(),
       {"w1", "w2 (same group)", "other group", "group soc", "group default", "server"}},
      {"group soc", Scope::ResourceGroup("soc"), {"w1", "w2 (same group)", "group soc"}},
      {"workspace w1", Scope::Workspace(w1_.id), {"w1"}},
  };
  int checked = 0;
  for (const auto& [role_name, granted] : ExpectedBuiltinGrants()) {
    for (const Assignment& assignment : assignments) {
      std::string user_name = role_name + "-" + std::to_string(checked);
      User user = MakeUser(user_name);
      ASSERT_TRUE(access().AssignRole(user.id, role_name, assignment.scope).ok());
      Principal principal = UserPrincipal(user);
      for (const Target& target : targets) {
        for (Action action : AllActions()) {
          bool expected = granted.count(std::string(ActionName(action))) > 0 &&
                          assignment.covers.count(target.label) > 0;
          EXPECT_EQ(access().Authorize(principal, action, target.scope), expected)
              << role_name << " at " << assignment.label << ", " << ActionName(action) << " on "
              << target.label;
          ++checked;
        }
      }
    }
  }
  EXPECT_EQ(checked, 4 * 3 * 7 * kActionCount);
}

TEST_F(AccessControlTest, CustomRolePermissionMatrix) {
  for (uint32_t permissions = 1; permissions <= kAllPermissions; ++permissions) {
    std::string name = "custom" + std::to_string(permissions);
    ASSERT_TRUE(access().CreateCustomRole(name, permissions).ok());
    User user = MakeUser("user-" + name);
    ASSERT_TRUE(access().AssignRole(user.id, name, Scope::Workspace(w1_.id)).ok());
    std::set<std::string> expected;
    for (const auto& [bit, actions] : ExpectedPermissionGrants()) {
      if (permissions & bit) expected.insert(actions.begin(), actions.end());
    }
    for (Action action : AllActions()) {
      EXPECT_EQ(access().Authorize(UserPrincipal(user), action, w1_.id),
                expected.count(std::string(ActionName(action))) > 0)
          << name << " " << ActionName(action);
      EXPECT_FALSE(access().Authorize(UserPrincipal(user), action, w2_.id));
    }
  }
}

TEST_F(AccessControlTest, AssignmentsAreAdditive) {
  User kim = MakeUser("kim");
  ASSERT_TRUE(access().AssignRole(kim.id, "Reader", Scope::Server()).ok());
  ASSERT_TRUE(access().AssignRole(kim.id, "Responder", Scope::Workspace(w1_.id)).ok());
  Principal principal = UserPrincipal(kim);
  EXPECT_TRUE(access().Authorize(principal, Action::kQuery, other_.id));
  EXPECT_TRUE(access().Authorize(principal, Action::kWriteBookmark, w1_.id));
  EXPECT_FALSE(access().Authorize(principal, Action::kWriteBookmark, w2_.id));
  EXPECT_EQ(access().AssignRole(kim.id, "reader", Scope::Server()).status().code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(access().AssignRole(kim.id, "Reader", Scope::Workspace("nope")).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(access().AssignRole(kim.id, "Nobody", Scope::Server()).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(access().AssignRole(12345, "Reader", Scope::Server()).status().code(),
            StatusCode::kNotFound);

  Result<std::vector<RoleAssignment>> listed = access().ListAssignments(kim.id);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[1].role_name, "Responder");
  EXPECT_EQ((*listed)[1].scope.kind, ScopeKind::kWorkspace);
  EXPECT_EQ((*listed)[1].scope.name, w1_.id);
  ASSERT_TRUE(access().RemoveAssignment((*listed)[1].id).ok());
  EXPECT_FALSE(access().Authorize(principal, Action::kWriteBookmark, w1_.id));
  EXPECT_EQ(access().RemoveAssignment((*listed)[1].id).code(), StatusCode::kNotFound);
}

TEST_F(AccessControlTest, DisabledUsersDeletedScopesAndAnonymous) {
  User lee = MakeUser("lee");
  ASSERT_TRUE(access().AssignRole(lee.id, "Owner", Scope::Workspace(w2_.id)).ok());
  EXPECT_TRUE(access().Authorize(UserPrincipal(lee), Action::kManageWorkspace, w2_.id));
  ASSERT_TRUE(catalog_->users().SetDisabled("lee", true).ok());
  EXPECT_FALSE(access().Authorize(UserPrincipal(lee), Action::kQuery, w2_.id));
  ASSERT_TRUE(catalog_->users().SetDisabled("lee", false).ok());
  ASSERT_TRUE(catalog_->workspaces().DeleteWorkspace(w2_.id).ok());
  EXPECT_FALSE(access().Authorize(UserPrincipal(lee), Action::kQuery, w2_.id));
  EXPECT_TRUE(access().ListAssignments(lee.id)->empty());  // cascaded

  Principal reader = Principal::Anonymous(BuiltinRole::kReader);
  EXPECT_TRUE(access().Authorize(reader, Action::kQuery, other_.id));
  EXPECT_FALSE(access().Authorize(reader, Action::kIngest, other_.id));
  EXPECT_FALSE(access().Authorize(reader, Action::kQuery, w2_.id));  // deleted
  Principal nobody;                                                  // anonymous without a role
  EXPECT_FALSE(access().Authorize(nobody, Action::kQuery, other_.id));
  EXPECT_EQ(access().VisibleWorkspaces(reader)->size(), 2u);
}

TEST_F(AccessControlTest, VisibleWorkspacesFollowReadWorkspace) {
  User mia = MakeUser("mia");
  User ned = MakeUser("ned");
  User olga = MakeUser("olga");
  ASSERT_TRUE(access().AssignRole(mia.id, "Reader", Scope::Workspace(w2_.id)).ok());
  ASSERT_TRUE(access().AssignRole(ned.id, "Contributor", Scope::ResourceGroup("soc")).ok());
  ASSERT_TRUE(access().CreateCustomRole("writer", kPermissionWrite).ok());
  ASSERT_TRUE(access().AssignRole(olga.id, "writer", Scope::Server()).ok());
  auto names = [&](const User& user) {
    std::vector<std::string> out;
    Result<std::vector<Workspace>> visible = access().VisibleWorkspaces(UserPrincipal(user));
    EXPECT_TRUE(visible.ok());
    for (const Workspace& w : *visible) {
      out.push_back(w.resource_group + "/" + w.name);
    }
    return out;
  };
  EXPECT_EQ(names(mia), std::vector<std::string>({"soc/w2"}));
  EXPECT_EQ(names(ned), std::vector<std::string>({"soc/w1", "soc/w2"}));
  EXPECT_TRUE(names(olga).empty());  // write without read sees nothing
}

TEST_F(AccessControlTest, CustomRoleDefinitions) {
  Result<uint32_t> parsed = ParsePermissions({"read", "Compute"});
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(*parsed, kPermissionRead | kPermissionCompute);
  EXPECT_EQ(PermissionNames(*parsed), std::vector<std::string>({"read", "compute"}));
  EXPECT_EQ(ParsePermissions({"read", "admin"}).status().message(),
            "role permission 'admin' is unknown; use read, write, delete or compute");
  EXPECT_EQ(ParsePermissions({}).status().code(), StatusCode::kInvalidArgument);

  EXPECT_EQ(access().CreateCustomRole("owner", kPermissionRead).status().code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(access().CreateCustomRole("analyst", 0).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(access().CreateCustomRole("analyst", 16).status().code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(access().CreateCustomRole("analyst", *parsed).ok());
  Result<std::vector<Role>> roles = access().ListRoles();
  ASSERT_TRUE(roles.ok());
  std::vector<std::string> names;
  for (const Role& role : *roles) names.push_back(role.name);
  EXPECT_EQ(names,
            std::vector<std::string>({"Reader", "Responder", "Contributor", "Owner", "analyst"}));

  User pat = MakeUser("pat");
  ASSERT_TRUE(access().AssignRole(pat.id, "analyst", Scope::Workspace(w1_.id)).ok());
  EXPECT_TRUE(access().Authorize(UserPrincipal(pat), Action::kCompute, w1_.id));
  EXPECT_EQ(access().DeleteCustomRole("Reader").code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(access().DeleteCustomRole("analyst").ok());
  EXPECT_FALSE(access().Authorize(UserPrincipal(pat), Action::kCompute, w1_.id));
  EXPECT_EQ(access().DeleteCustomRole("analyst").code(), StatusCode::kNotFound);
}

TEST_F(AccessControlTest, EnsureAdminBootstrapsOnlyAnEmptyCatalog) {
  Result<bool> first = catalog_->EnsureAdmin("admin", "bootstrap password");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(*first);
  Result<bool> second = catalog_->EnsureAdmin("admin2", "bootstrap password");
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(*second);
  EXPECT_EQ(*catalog_->users().CountUsers(), 1);
  Reopen();
  Result<Authentication> login = catalog_->authenticator().Authenticate([] {
    Credentials credentials;
    credentials.user_name = "admin";
    credentials.password = "bootstrap password";
    return credentials;
  }());
  ASSERT_TRUE(login.ok() && login->principal.has_value());
  for (Action action : AllActions()) {
    EXPECT_TRUE(access().Authorize(*login->principal, action, Scope::Server()))
        << ActionName(action);
    EXPECT_TRUE(access().Authorize(*login->principal, action, w1_.id)) << ActionName(action);
  }
  EXPECT_EQ(catalog_->EnsureAdmin("x", "short").status().code(), StatusCode::kInvalidArgument);
}

TEST_F(AccessControlTest, EnsureAdminDoesNothingWhenUsersExist) {
  MakeUser("someone");
  Result<bool> created = catalog_->EnsureAdmin("admin", "bootstrap password");
  ASSERT_TRUE(created.ok());
  EXPECT_FALSE(*created);
  EXPECT_EQ(catalog_->users().GetUser("admin").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace huntbook::catalog
