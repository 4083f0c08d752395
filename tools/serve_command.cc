#include "tools/serve_command.h"

#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "huntbook/catalog/catalog.h"
#include "huntbook/engine/engine.h"
#include "huntbook/server/access_control.h"
#include "huntbook/server/catalog_access.h"
#include "huntbook/server/http_server.h"
#include "huntbook/server/service.h"
#include "huntbook/storage/store.h"

namespace huntbook::tools {
namespace {

constexpr const char* kServeUsage =
    "usage: huntbook serve [--data DIR] [--listen HOST:PORT] [--anonymous] [--threads N]\n"
    "                      [--max-ingest-bytes N] [--query-timeout SECONDS]\n"
    "                      [--header-timeout SECONDS] [--body-timeout SECONDS]\n"
    "                      [--admin-password-file FILE] [--print-admin-token]\n"
    "                      [--allowed-host NAME]...\n";

constexpr char kAdminUser[] = "admin";

int ServeUsageError(const std::string& message) {
  std::cerr << "huntbook serve: " << message << "\n" << kServeUsage;
  return 2;
}

bool IsLoopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

bool ParsePositive(const std::string& text, long long* out) {
  char* end = nullptr;
  long long value = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || value <= 0) return false;
  *out = value;
  return true;
}

// The admin password from --admin-password-file (first line) or HUNTBOOK_ADMIN_PASSWORD;
// "" when neither is given.
Result<std::string> AdminPassword(const std::string& file) {
  if (file.empty()) {
    const char* env = std::getenv("HUNTBOOK_ADMIN_PASSWORD");
    return std::string(env != nullptr ? env : "");
  }
  std::ifstream in(file);
  if (!in) return IoError("cannot read --admin-password-file '" + file + "'");
  std::string password;
  std::getline(in, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (password.empty()) return InvalidArgument("--admin-password-file '" + file + "' is empty");
  return password;
}

// Opens <data>/catalog.db, creates the admin user (Owner at server scope) when the catalog
// has no user yet and a password was given, and mints an admin API token when asked.
Result<std::unique_ptr<catalog::Catalog>> OpenCatalog(const std::string& data,
                                                      const std::string& password_file,
                                                      bool mint_admin_token,
                                                      std::string* admin_token) {
  ASSIGN_OR_RETURN(std::unique_ptr<catalog::Catalog> opened, catalog::Catalog::Open(data));
  ASSIGN_OR_RETURN(std::string password, AdminPassword(password_file));
  if (!password.empty()) {
    ASSIGN_OR_RETURN(bool created, opened->EnsureAdmin(kAdminUser, password));
    if (created) std::cerr << "huntbook serve: created user '" << kAdminUser << "' (Owner)\n";
  }
  ASSIGN_OR_RETURN(int64_t users, opened->users().CountUsers());
  if (users == 0) {
    std::cerr << "huntbook serve: the catalog has no users; give --admin-password-file FILE "
                 "or HUNTBOOK_ADMIN_PASSWORD to create '"
              << kAdminUser << "', until then every request is refused (401)\n";
  }
  if (mint_admin_token) {
    ASSIGN_OR_RETURN(catalog::User admin, opened->users().GetUser(kAdminUser));
    ASSIGN_OR_RETURN(
        catalog::IssuedToken issued,
        opened->credentials().CreateToken(admin.id, "serve --print-admin-token", std::nullopt));
    *admin_token = issued.text;
  }
  return opened;
}

}  // namespace

int RunServeCommand(int argc, char** argv, int first) {
  std::string data;
  std::string listen = "127.0.0.1:8080";
  bool anonymous = false;
  std::string admin_password_file;
  bool print_admin_token = false;
  long long threads = 4;
  long long max_ingest_bytes = 1 << 20;
  long long query_timeout_seconds = 180;
  long long header_timeout_seconds = 30;
  long long body_timeout_seconds = 60;
  std::vector<std::string> allowed_hosts;
  for (int i = first; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    std::string text;
    if (arg == "--data") {
      if (!value(&data)) return ServeUsageError("--data needs a value");
    } else if (arg == "--listen") {
      if (!value(&listen)) return ServeUsageError("--listen needs HOST:PORT");
    } else if (arg == "--anonymous") {
      anonymous = true;
    } else if (arg == "--admin-password-file") {
      if (!value(&admin_password_file)) return ServeUsageError("--admin-password-file needs FILE");
    } else if (arg == "--print-admin-token") {
      print_admin_token = true;
    } else if (arg == "--threads") {
      if (!value(&text) || !ParsePositive(text, &threads)) {
        return ServeUsageError("--threads needs a positive number");
      }
    } else if (arg == "--max-ingest-bytes") {
      if (!value(&text) || !ParsePositive(text, &max_ingest_bytes)) {
        return ServeUsageError("--max-ingest-bytes needs a positive number");
      }
    } else if (arg == "--query-timeout") {
      if (!value(&text) || !ParsePositive(text, &query_timeout_seconds)) {
        return ServeUsageError("--query-timeout needs a positive number of seconds");
      }
    } else if (arg == "--header-timeout") {
      if (!value(&text) || !ParsePositive(text, &header_timeout_seconds)) {
        return ServeUsageError("--header-timeout needs a positive number of seconds");
      }
    } else if (arg == "--body-timeout") {
      if (!value(&text) || !ParsePositive(text, &body_timeout_seconds)) {
        return ServeUsageError("--body-timeout needs a positive number of seconds");
      }
    } else if (arg == "--allowed-host") {
      if (!value(&text) || text.empty()) return ServeUsageError("--allowed-host needs a NAME");
      allowed_hosts.push_back(text);
    } else if (arg == "--help" || arg == "-h") {
      std::cout << kServeUsage;
      return 0;
    } else {
      return ServeUsageError("unknown option " + arg);
    }
  }
  if (data.empty()) {
    const char* env = std::getenv("HUNTBOOK_DATA");
    data = env != nullptr && *env != '\0' ? env : "data";
  }
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return ServeUsageError("--listen needs HOST:PORT");
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  long long port = -1;
  {
    std::string port_text = listen.substr(colon + 1);
    char* end = nullptr;
    port = std::strtoll(port_text.c_str(), &end, 10);
    if (port_text.empty() || *end != '\0' || port < 0 || port > 65535) {
      return ServeUsageError("bad port in --listen '" + listen + "'");
    }
  }
  if (anonymous && !IsLoopback(host)) {
    return ServeUsageError("--anonymous is only allowed on a loopback address (127.0.0.1, ::1)");
  }
  if (anonymous && (print_admin_token || !admin_password_file.empty())) {
    return ServeUsageError("--anonymous does not use the catalog's users or tokens");
  }
  if (host == "localhost") host = "127.0.0.1";

  // Block the stop signals before any thread starts, so that only sigwait sees them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  Result<std::unique_ptr<engine::Engine>> engine = engine::Engine::Open(data);
  if (!engine.ok()) {
    std::cerr << "huntbook serve: " << engine.status().ToString() << "\n";
    return 1;
  }
  Status created = (*engine)->store().CreateWorkspace("default");
  if (!created.ok()) {
    std::cerr << "huntbook serve: " << created.ToString() << "\n";
    return 1;
  }

  server::ServiceOptions service_options;
  service_options.max_ingest_body_bytes = static_cast<size_t>(max_ingest_bytes);
  service_options.query_limits.default_timeout = std::chrono::seconds(query_timeout_seconds);
  // A loopback server answers only to its own names (DNS rebinding protection); one on
  // another address to the names given, or to any when none are.
  service_options.allowed_hosts = allowed_hosts;
  if (IsLoopback(host)) {
    for (const char* name : {"localhost", "127.0.0.1", "[::1]"}) {
      service_options.allowed_hosts.push_back(name);
    }
    service_options.allowed_hosts.push_back(host == "::1" ? "[::1]" : host);
  }
  std::unique_ptr<server::Authenticator> authenticator;
  std::unique_ptr<server::Authorizer> authorizer;
  std::unique_ptr<catalog::Catalog> identity;
  std::string admin_token;
  // The catalog holds workspaces, bookmarks and secrets in every mode; users and roles
  // are used only without --anonymous.
  Result<std::unique_ptr<catalog::Catalog>> opened =
      anonymous ? catalog::Catalog::Open(data)
                : OpenCatalog(data, admin_password_file, print_admin_token, &admin_token);
  if (!opened.ok()) {
    std::cerr << "huntbook serve: catalog: " << opened.status().ToString() << "\n";
    return 1;
  }
  identity = std::move(opened).value();
  if (anonymous) {
    authenticator = std::make_unique<server::AnonymousAuthenticator>();
    authorizer = std::make_unique<server::AllowAllAuthorizer>();
  } else {
    authenticator = std::make_unique<server::CatalogAuthenticator>(*identity);
    authorizer = std::make_unique<server::CatalogAuthorizer>(*identity);
  }
  server::Service service(**engine, service_options, std::move(authenticator),
                          std::move(authorizer), identity.get());
  Status reconciled = service.workspaces()->Reconcile();
  if (!reconciled.ok()) {
    std::cerr << "huntbook serve: workspaces: " << reconciled.ToString() << "\n";
    return 1;
  }

  server::HttpServerOptions http_options;
  http_options.address = host;
  http_options.port = static_cast<uint16_t>(port);
  http_options.worker_threads = static_cast<int>(threads);
  http_options.io_threads = 1;
  http_options.header_timeout = std::chrono::seconds(header_timeout_seconds);
  http_options.body_timeout = std::chrono::seconds(body_timeout_seconds);
  http_options.body_limit = [&service](std::string_view path) {
    return service.BodyLimitFor(path);
  };
  http_options.priority = server::Service::IsOperationsRequest;
  Result<std::unique_ptr<server::HttpServer>> http = server::HttpServer::Start(
      http_options,
      [&service](const server::HttpRequest& request) { return service.Handle(request); });
  if (!http.ok()) {
    std::cerr << "huntbook serve: " << http.status().ToString() << "\n";
    return 1;
  }
  std::string shown_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  std::cout << "huntbook serve: listening on http://" << shown_host << ":" << (*http)->port()
            << std::endl;
  if (!admin_token.empty()) {
    std::cout << "huntbook serve: admin token (shown once): " << admin_token << std::endl;
  }

  int signal_number = 0;
  sigwait(&signals, &signal_number);
  std::cerr << "huntbook serve: stopping (signal " << signal_number << ")\n";
  (*http)->Stop();
  service.Stop();
  Status flushed = (*engine)->store().Flush();
  if (!flushed.ok()) {
    std::cerr << "huntbook serve: flush failed: " << flushed.ToString() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace huntbook::tools
