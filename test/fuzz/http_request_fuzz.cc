// libFuzzer target for the server's request handling, in process and without sockets: any
// bytes go through ReadRequest (Beast's HTTP parser with the server's limits and checks) and,
// when they form a request, Service::Handle (routing, authentication, the Log Analytics and
// Data Explorer query bodies, management commands, ingestion bodies) over a real store in a
// temporary directory. Every input must give a response with a valid status, never a crash,
// hang, leak or undefined behaviour. Run by scripts/fuzz.sh; seeds in seeds/http_request.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "huntbook/engine/engine.h"
#include "huntbook/server/access_control.h"
#include "huntbook/server/http_request_reader.h"
#include "huntbook/server/service.h"
#include "huntbook/storage/store.h"

namespace {

using huntbook::server::HttpRequest;
using huntbook::server::HttpResponse;
using huntbook::server::RequestRejection;

struct Fixture {
  std::unique_ptr<huntbook::engine::Engine> engine;
  std::unique_ptr<huntbook::server::Service> service;
  huntbook::server::HttpServerOptions http_options;
};

std::string& TemporaryDirectory() {
  static std::string directory;
  return directory;
}

// A fresh directory (in memory when /dev/shm is writable), removed when the fuzzer exits.
std::string MakeTemporaryDirectory() {
  std::string pattern = (access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
  pattern += "/huntbook_http_fuzz_XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) __builtin_trap();
  TemporaryDirectory() = pattern;
  std::atexit([] {
    std::error_code ignored;
    std::filesystem::remove_all(TemporaryDirectory(), ignored);
  });
  return pattern;
}

Fixture* MakeFixture() {
  auto* fixture = new Fixture();
  auto engine = huntbook::engine::Engine::Open(MakeTemporaryDirectory() + "/data");
  if (!engine.ok() || !(*engine)->store().CreateWorkspace("default").ok()) __builtin_trap();
  fixture->engine = std::move(engine).value();
  huntbook::server::ServiceOptions options;
  options.max_ingest_body_bytes = 64 * 1024;
  options.max_request_body_bytes = 64 * 1024;
  options.audit_queries = false;  // keeps the store from growing with every input
  options.query_limits.default_timeout = std::chrono::milliseconds(1000);
  options.query_limits.max_timeout = std::chrono::milliseconds(1000);
  fixture->service = std::make_unique<huntbook::server::Service>(
      *fixture->engine, options, std::make_unique<huntbook::server::AnonymousAuthenticator>(),
      std::make_unique<huntbook::server::AllowAllAuthorizer>());
  fixture->http_options.body_limit = [service = fixture->service.get()](std::string_view path) {
    return service->BodyLimitFor(path);
  };
  // A small table for queries to find.
  HttpRequest seed;
  seed.method = "POST";
  seed.target = seed.path = "/v1/workspaces/default/tables/SecurityEvent/ingest";
  seed.body = R"([{"Account":"a","EventID":4625,"TimeGenerated":"2024-01-01T00:00:00Z"},)"
              R"({"Account":"b","EventID":4624,"TimeGenerated":"2024-01-01T01:00:00Z"}])";
  if (fixture->service->Handle(seed).status != 200) __builtin_trap();
  return fixture;
}

// HUNTBOOK_FUZZ_TRACE=1 prints each input's outcome (to check what a seed corpus reaches).
void Trace(const char* what, int status) {
  static const bool enabled = std::getenv("HUNTBOOK_FUZZ_TRACE") != nullptr;
  if (enabled) std::fprintf(stderr, "%s %d\n", what, status);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Fixture* fixture = MakeFixture();  // lives for the process: the store stays open
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto read = huntbook::server::ReadRequest(bytes, fixture->http_options);
  if (!read) {  // incomplete: a connection would wait, then time out
    Trace("incomplete", 0);
    return 0;
  }
  if (auto* rejection = std::get_if<RequestRejection>(&*read)) {
    Trace("rejected", rejection->status);
    if (rejection->status < 400 || rejection->status > 499) __builtin_trap();
    return 0;
  }
  HttpResponse response = fixture->service->Handle(std::get<HttpRequest>(*read));
  response.ReadStream();  // a streamed body (v2 query) is produced in full as well
  Trace("handled", response.status);
  if (response.status < 100 || response.status > 599) __builtin_trap();
  return 0;
}
