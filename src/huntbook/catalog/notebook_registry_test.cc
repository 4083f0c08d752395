#include "huntbook/catalog/notebook_registry.h"

#include "huntbook/catalog/catalog_test_support.h"

namespace huntbook::catalog {
namespace {

using NotebookRegistryTest = CatalogTest;

NotebookSpec Sample(std::string name, std::string path) {
  NotebookSpec spec;
  spec.name = std::move(name);
  spec.description = "Walks one account across sources";
  spec.data_types = {"SecurityEvent", "SigninLogs"};
  spec.data_sources = {"VirusTotal"};
  spec.path = std::move(path);
  return spec;
}

TEST_F(NotebookRegistryTest, CreateListGetDeleteAndPersist) {
  Workspace workspace = DefaultWorkspace();
  NotebookRegistry& registry = catalog_->notebooks();
  Result<Notebook> created =
      registry.Create(workspace.id, Sample("Account explorer", "hunts/account.ipynb"), "alice");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(
      registry.Create(workspace.id, Sample("account EXPLORER", "x.ipynb"), "bob").status().code(),
      StatusCode::kAlreadyExists);
  ASSERT_TRUE(registry.Create(workspace.id, Sample("Base64", "b.ipynb"), "bob").ok());
  Reopen();
  NotebookRegistry& reopened = catalog_->notebooks();
  Result<std::vector<Notebook>> listed = reopened.List(workspace.id);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].spec.name, "Account explorer");
  EXPECT_EQ((*listed)[0].spec.data_types,
            std::vector<std::string>({"SecurityEvent", "SigninLogs"}));
  EXPECT_EQ((*listed)[0].owner, "alice");
  EXPECT_EQ(reopened.Get(workspace.id, created->id)->spec.path, "hunts/account.ipynb");
  EXPECT_EQ(reopened.Get("other", created->id).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(reopened.Delete(workspace.id, created->id).ok());
  EXPECT_EQ(reopened.Delete(workspace.id, created->id).code(), StatusCode::kNotFound);
  EXPECT_EQ(reopened.List(workspace.id)->size(), 1u);
  EXPECT_EQ(reopened.Create("missing", Sample("n", "n.ipynb"), "a").status().code(),
            StatusCode::kNotFound);
}

TEST_F(NotebookRegistryTest, PathsMustStayInsideTheWorkspaceFolder) {
  for (const char* bad : {"../x.ipynb", "a/../../b", "/etc/passwd", "a\\..\\b", "a//b", "./a", "a/",
                          "", "x\n.ipynb"}) {
    Status status = ValidateNotebookPath(bad);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(status.message().find("notebook path"), std::string::npos) << status.message();
  }
  EXPECT_EQ(ValidateNotebookPath(std::string("a\0b", 3)).code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(ValidateNotebookPath("hunts/2024/..hidden..ipynb").ok());
  EXPECT_EQ(catalog_->notebooks()
                .Create(DefaultWorkspace().id, Sample("n", "../escape.ipynb"), "a")
                .status()
                .code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace huntbook::catalog
