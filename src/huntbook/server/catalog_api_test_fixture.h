// Test fixture for the catalog routes: a Service over a fresh data directory with a real
// engine, a real SQLite catalog (fast password hashing) and catalog-backed authentication,
// called in-process through Service::Handle (the socket layer has its own tests).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "huntbook/catalog/catalog.h"
#include "huntbook/server/catalog_access.h"
#include "huntbook/server/request_target.h"
#include "huntbook/server/service.h"
#include "huntbook/types/dynamic.h"

namespace huntbook::server {

class CatalogApiFixture : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }
  void TearDown() override { Close(); }

  void Open() {
    static std::atomic<int> counter{0};
    // /dev/shm keeps the many catalog fsyncs of the matrix test cheap.
    std::filesystem::path base = std::filesystem::is_directory("/dev/shm")
                                     ? std::filesystem::path("/dev/shm")
                                     : std::filesystem::temp_directory_path();
    dir_ = base /
           ("huntbook_catalog_api_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(dir_);
    auto engine = engine::Engine::Open(dir_.string());
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    engine_ = std::move(engine).value();
    catalog::CatalogOptions options;
    options.password_limits = catalog::PasswordHashLimits::Minimum();
    auto opened = catalog::Catalog::Open(dir_.string(), options);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    catalog_ = std::move(opened).value();
    Result<bool> admin = catalog_->EnsureAdmin("admin", "correct horse battery");
    ASSERT_TRUE(admin.ok() && *admin) << admin.status().ToString();
    ServiceOptions service_options;
    service_options.audit_queries = false;
    service_ = std::make_unique<Service>(
        *engine_, service_options, std::make_unique<CatalogAuthenticator>(*catalog_),
        std::make_unique<CatalogAuthorizer>(*catalog_), catalog_.get());
    Status reconciled = service_->workspaces()->Reconcile();
    ASSERT_TRUE(reconciled.ok()) << reconciled.ToString();
    admin_token_ = TokenFor("admin");
  }

  void Close() {
    if (service_) service_->Stop();
    service_.reset();
    catalog_.reset();
    engine_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Creates the user (when new) and returns a fresh API token for it.
  std::string TokenFor(const std::string& user_name) {
    auto user = catalog_->users().GetUser(user_name);
    if (!user.ok()) user = catalog_->users().CreateUser(user_name, "correct horse battery");
    EXPECT_TRUE(user.ok()) << user.status().ToString();
    if (!user.ok()) return "";
    auto issued = catalog_->credentials().CreateToken(user->id, "test", std::nullopt);
    EXPECT_TRUE(issued.ok()) << issued.status().ToString();
    return issued.ok() ? issued->text : "";
  }

  void Assign(const std::string& user_name, const std::string& role, const catalog::Scope& scope) {
    auto user = catalog_->users().GetUser(user_name);
    ASSERT_TRUE(user.ok()) << user.status().ToString();
    auto assigned = catalog_->access().AssignRole(user->id, role, scope);
    ASSERT_TRUE(assigned.ok()) << assigned.status().ToString();
  }

  // A workspace created through the directory (catalog + store), in a group created when new.
  catalog::Workspace MakeWorkspace(const std::string& group, const std::string& name) {
    auto existing = catalog_->workspaces().GetResourceGroup(group);
    if (!existing.ok()) {
      EXPECT_TRUE(catalog_->workspaces().CreateResourceGroup(group).ok());
    }
    catalog::WorkspaceSpec spec;
    spec.resource_group = group;
    spec.name = name;
    auto created = service_->workspaces()->Create(spec);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? *created : catalog::Workspace();
  }

  HttpResponse Call(const std::string& method, const std::string& path, std::string body,
                    const std::string& token) {
    HttpRequest request;
    request.method = method;
    Result<RequestTarget> target = ParseRequestTarget(path);
    EXPECT_TRUE(target.ok()) << path;
    if (target.ok()) {
      request.path = target->path;
      request.query_parameters = target->query_parameters;
    }
    request.target = path;
    request.body = std::move(body);
    request.headers.push_back({"x-ms-client-request-id", "matrix-request"});
    if (!token.empty()) request.headers.push_back({"Authorization", "Bearer " + token});
    return service_->Handle(request).ReadStream();
  }

  static Dynamic Json(const HttpResponse& response) {
    auto parsed = Dynamic::Parse(response.body);
    EXPECT_TRUE(parsed.ok()) << response.body;
    return parsed.ok() ? *parsed : Dynamic();
  }

  std::filesystem::path dir_;
  std::unique_ptr<engine::Engine> engine_;
  std::unique_ptr<catalog::Catalog> catalog_;
  std::unique_ptr<Service> service_;
  std::string admin_token_;
};

}  // namespace huntbook::server
