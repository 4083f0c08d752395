#include "huntbook/catalog/secret_vault.h"

#include <sys/stat.h>

#include "huntbook/catalog/catalog_test_support.h"

namespace huntbook::catalog {
namespace {

class SecretVaultTest : public CatalogTest {
 protected:
  void SetUp() override {
    CatalogTest::SetUp();
    workspace_ = DefaultWorkspace();
    User owner = MakeUser("owner");
    User contributor = MakeUser("contributor");
    User reader = MakeUser("reader");
    AccessControl& access = catalog_->access();
    ASSERT_TRUE(access.AssignRole(owner.id, "Owner", Scope::Workspace(workspace_.id)).ok());
    ASSERT_TRUE(
        access.AssignRole(contributor.id, "Contributor", Scope::Workspace(workspace_.id)).ok());
    ASSERT_TRUE(access.AssignRole(reader.id, "Reader", Scope::Workspace(workspace_.id)).ok());
    owner_ = UserPrincipal(owner);
    contributor_ = UserPrincipal(contributor);
    reader_ = UserPrincipal(reader);
  }
  SecretVault& vault() { return catalog_->secrets(); }

  Workspace workspace_;
  Principal owner_, contributor_, reader_;
};

constexpr char kCanary[] = "TI-KEY-canary-7f3a9c2e5b1d";

TEST_F(SecretVaultTest, SetGetListDeleteWithPermissions) {
  ASSERT_TRUE(vault().Set(owner_, workspace_.id, "VirusTotal", kCanary).ok());
  EXPECT_EQ(*vault().Get(owner_, workspace_.id, "VirusTotal"), kCanary);
  EXPECT_EQ(*vault().Get(contributor_, workspace_.id, "virustotal"), kCanary);

  // A Reader is refused with the same answer as a missing secret.
  Result<std::string> denied = vault().Get(reader_, workspace_.id, "VirusTotal");
  Result<std::string> missing = vault().Get(owner_, workspace_.id, "Nope");
  EXPECT_EQ(denied.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(denied.status().message(),
            "secret 'VirusTotal' does not exist in workspace '" + workspace_.id + "'");
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(vault().Set(contributor_, workspace_.id, "x", "y").code(), StatusCode::kNotFound);
  EXPECT_EQ(vault().List(reader_, workspace_.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(vault().Get(owner_, "other-workspace", "VirusTotal").status().code(),
            StatusCode::kNotFound);

  clock_->Advance(5);
  ASSERT_TRUE(vault().Set(owner_, workspace_.id, "virustotal", "rotated-value").ok());
  Result<std::vector<SecretInfo>> listed = vault().List(contributor_, workspace_.id);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);  // names are case-insensitive: replaced, not added
  EXPECT_EQ((*listed)[0].updated_at, (*listed)[0].created_at + 5);
  EXPECT_EQ((*listed)[0].updated_by, "owner");
  EXPECT_EQ(*vault().Get(owner_, workspace_.id, "VirusTotal"), "rotated-value");

  EXPECT_EQ(vault().Delete(contributor_, workspace_.id, "VirusTotal").code(),
            StatusCode::kNotFound);
  ASSERT_TRUE(vault().Delete(owner_, workspace_.id, "VirusTotal").ok());
  EXPECT_EQ(vault().Get(owner_, workspace_.id, "VirusTotal").status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(vault().Set(owner_, workspace_.id, "bad name", "v").code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(vault().Set(owner_, workspace_.id, "empty", "").code(), StatusCode::kInvalidArgument);
}

TEST_F(SecretVaultTest, ValuesAreEncryptedOnDiskAndSurviveReopen) {
  ASSERT_TRUE(vault().Set(owner_, workspace_.id, "otx", kCanary).ok());
  std::string on_disk = ReadFile("catalog.db") + ReadFile("catalog.db-wal");
  EXPECT_NE(on_disk.find("otx"), std::string::npos);  // the name is stored in clear
  EXPECT_EQ(on_disk.find(kCanary), std::string::npos);
  EXPECT_EQ(on_disk.find("canary"), std::string::npos);
  Reopen();
  EXPECT_EQ(*catalog_->secrets().Get(owner_, workspace_.id, "otx"), kCanary);
}

TEST_F(SecretVaultTest, KeyFileIsPrivateAndChecked) {
  std::string key_path = dir_ + "/catalog.key";
  struct stat info;
  ASSERT_EQ(stat(key_path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_EQ(info.st_size, 48);
  ASSERT_EQ(stat((dir_ + "/catalog.db").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 077, 0u);

  catalog_.reset();
  ASSERT_EQ(chmod(key_path.c_str(), 0644), 0);
  Result<std::unique_ptr<Catalog>> too_open = Catalog::Open(dir_, Options());
  ASSERT_FALSE(too_open.ok());
  EXPECT_NE(too_open.status().message().find("has permissions 0644, too open"), std::string::npos)
      << too_open.status().message();
  ASSERT_EQ(chmod(key_path.c_str(), 0600), 0);

  std::string key = ReadFile("catalog.key");
  key[20] = static_cast<char>(key[20] ^ 1);
  {
    std::ofstream out(key_path, std::ios::binary | std::ios::trunc);
    out << key;
  }
  Result<std::unique_ptr<Catalog>> corrupt = Catalog::Open(dir_, Options());
  EXPECT_EQ(corrupt.status().code(), StatusCode::kCorruption);
  EXPECT_NE(corrupt.status().message().find("not a valid huntbook master key"), std::string::npos);
  {
    std::ofstream out(key_path, std::ios::binary | std::ios::trunc);
    out << "short";
  }
  EXPECT_EQ(Catalog::Open(dir_, Options()).status().code(), StatusCode::kCorruption);
}

TEST_F(SecretVaultTest, AnotherKeyCannotDecrypt) {
  ASSERT_TRUE(vault().Set(owner_, workspace_.id, "otx", kCanary).ok());
  catalog_.reset();
  std::filesystem::remove(dir_ + "/catalog.key");
  Reopen();  // a fresh key is created
  Result<std::string> value = catalog_->secrets().Get(owner_, workspace_.id, "otx");
  EXPECT_EQ(value.status().code(), StatusCode::kCorruption);
  EXPECT_EQ(value.status().message().find(kCanary), std::string::npos);
}

}  // namespace
}  // namespace huntbook::catalog
