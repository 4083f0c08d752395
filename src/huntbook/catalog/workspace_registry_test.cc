#include "huntbook/catalog/workspace_registry.h"

#include "huntbook/catalog/catalog_test_support.h"

namespace huntbook::catalog {
namespace {

using WorkspaceRegistryTest = CatalogTest;

WorkspaceSpec Spec(std::string group, std::string name, std::string location = "local",
                   int32_t retention_days = 30) {
  WorkspaceSpec spec;
  spec.resource_group = std::move(group);
  spec.name = std::move(name);
  spec.location = std::move(location);
  spec.retention_days = retention_days;
  return spec;
}

TEST_F(WorkspaceRegistryTest, DefaultWorkspaceExistsFromTheStart) {
  Result<std::vector<Workspace>> all = catalog_->workspaces().ListWorkspaces();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].name, "default");
  EXPECT_EQ((*all)[0].resource_group, "default");
  EXPECT_EQ((*all)[0].retention_days, 30);
  EXPECT_EQ((*all)[0].id.size(), 36u);  // a UUID
  EXPECT_EQ(catalog_->workspaces().DeleteWorkspace((*all)[0].id).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(catalog_->workspaces().DeleteResourceGroup("default").code(),
            StatusCode::kInvalidArgument);
}

TEST_F(WorkspaceRegistryTest, CreateListGetDeleteAndPersist) {
  WorkspaceRegistry& registry = catalog_->workspaces();
  ASSERT_TRUE(registry.CreateResourceGroup("soc").ok());
  Result<Workspace> created = registry.CreateWorkspace(Spec("soc", "hunt-1", "eu_west", 90));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->retention_days, 90);
  EXPECT_EQ(created->created_at, clock_->Now());

  Reopen();
  WorkspaceRegistry& reopened = catalog_->workspaces();
  Result<Workspace> by_id = reopened.GetWorkspaceById(created->id);
  ASSERT_TRUE(by_id.ok());
  EXPECT_EQ(by_id->name, "hunt-1");
  EXPECT_EQ(by_id->resource_group, "soc");
  EXPECT_EQ(by_id->location, "eu_west");
  // Names compare case-insensitively, as Azure's do.
  EXPECT_TRUE(reopened.GetWorkspace("SOC", "Hunt-1").ok());
  EXPECT_EQ(reopened.FindWorkspace("hunt-1")->id, created->id);
  EXPECT_EQ(reopened.FindWorkspace(created->id)->name, "hunt-1");
  EXPECT_EQ(reopened.ListWorkspaces()->size(), 2u);

  EXPECT_EQ(reopened.DeleteResourceGroup("soc").code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(reopened.DeleteWorkspace(created->id).ok());
  EXPECT_EQ(reopened.GetWorkspaceById(created->id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(reopened.DeleteWorkspace(created->id).code(), StatusCode::kNotFound);
  EXPECT_TRUE(reopened.DeleteResourceGroup("soc").ok());
  EXPECT_EQ(reopened.GetResourceGroup("soc").status().code(), StatusCode::kNotFound);
}

TEST_F(WorkspaceRegistryTest, NameIsUniqueWithinItsResourceGroupOnly) {
  WorkspaceRegistry& registry = catalog_->workspaces();
  ASSERT_TRUE(registry.CreateResourceGroup("a").ok());
  ASSERT_TRUE(registry.CreateResourceGroup("b").ok());
  EXPECT_EQ(registry.CreateResourceGroup("A").status().code(), StatusCode::kAlreadyExists);
  ASSERT_TRUE(registry.CreateWorkspace(Spec("a", "w")).ok());
  Result<Workspace> duplicate = registry.CreateWorkspace(Spec("a", "W"));
  EXPECT_EQ(duplicate.status().code(), StatusCode::kAlreadyExists);
  EXPECT_NE(duplicate.status().message().find("'W' already exists in resource group 'a'"),
            std::string::npos)
      << duplicate.status().message();
  ASSERT_TRUE(registry.CreateWorkspace(Spec("b", "w")).ok());
  // The same name in two groups: ambiguous by name, fine by id.
  EXPECT_EQ(registry.FindWorkspace("w").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(registry.FindWorkspace("nope").status().code(), StatusCode::kNotFound);
}

TEST_F(WorkspaceRegistryTest, RejectsBadNamesAndRetentionWithFieldNames) {
  WorkspaceRegistry& registry = catalog_->workspaces();
  struct Case {
    WorkspaceSpec spec;
    const char* message;
  };
  const Case cases[] = {
      {Spec("default", ""), "workspace name must not be empty"},
      {Spec("default", "a b"),
       "workspace name 'a b': only letters, digits, '-' and '_' are allowed"},
      {Spec("default", "../x"), "workspace name '../x': only letters"},
      {Spec("default", "-x"), "workspace name '-x' must start with a letter or digit"},
      {Spec("default", std::string(64, 'a')), "is longer than 63 characters"},
      {Spec("default", "ok", "west europe"), "workspace location 'west europe'"},
      {Spec("default", "ok", "local", 3), "workspace retention_days 3 is outside 4..730"},
      {Spec("default", "ok", "local", 731), "retention_days 731"},
      {Spec("missing", "ok"), "resource group 'missing' does not exist"},
  };
  for (const Case& c : cases) {
    Result<Workspace> result = registry.CreateWorkspace(c.spec);
    ASSERT_FALSE(result.ok()) << c.spec.name;
    EXPECT_NE(result.status().message().find(c.message), std::string::npos)
        << result.status().message();
  }
  EXPECT_EQ(registry.CreateResourceGroup("x;drop table users").status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace huntbook::catalog
