// Test fixture: a catalog in a fresh temporary directory with a manual clock and the
// fastest password-hash limits.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "huntbook/catalog/catalog.h"
#include "huntbook/types/datetime.h"

namespace huntbook::catalog {

class CatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/huntbook_catalog_XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
    clock_ = std::make_shared<ManualClock>(TicksFromCivil(2024, 5, 1, 12, 0, 0));
    Reopen();
  }
  void TearDown() override {
    catalog_.reset();
    std::filesystem::remove_all(dir_);
  }

  CatalogOptions Options() {
    CatalogOptions options;
    options.clock = clock_;
    options.password_limits = PasswordHashLimits::Minimum();
    return options;
  }
  void Reopen() {
    catalog_.reset();
    Result<std::unique_ptr<Catalog>> opened = Catalog::Open(dir_, Options());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    catalog_ = std::move(opened).value();
  }
  std::string ReadFile(const std::string& name) {
    std::ifstream in(dir_ + "/" + name, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  Workspace DefaultWorkspace() {
    Result<Workspace> workspace = catalog_->workspaces().GetWorkspace("default", "default");
    EXPECT_TRUE(workspace.ok()) << workspace.status().ToString();
    return workspace.ok() ? *workspace : Workspace{};
  }
  Principal UserPrincipal(const User& user) {
    Principal principal;
    principal.user_id = user.id;
    principal.user_name = user.name;
    principal.method = AuthenticationMethod::kPassword;
    return principal;
  }
  User MakeUser(const std::string& name) {
    Result<User> user = catalog_->users().CreateUser(name, "correct horse battery");
    EXPECT_TRUE(user.ok()) << user.status().ToString();
    return user.ok() ? *user : User{};
  }

  std::string dir_;
  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<Catalog> catalog_;
};

}  // namespace huntbook::catalog
