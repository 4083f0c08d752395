// HttpServer: HTTP/1.1 on Boost.Beast/Asio. Sockets are served asynchronously by a few I/O
// threads; handlers run on a separate worker pool, so a slow client never holds a worker
// and a long query never blocks I/O. Requests the `priority` predicate picks (health
// probes, metrics) run on a thread of their own, so they are answered while every worker
// is busy with long queries.
//
// A response with a BodyProducer (http_message.h) is sent with chunked transfer encoding:
// the status line and headers first, then each piece as a chunk. A worker makes the next
// piece only after the previous one was written, so one piece is buffered per response
// and a client that stops reading holds no thread; each chunk write has write_timeout.
//
// Limits (each answered with a JSON error and the connection closed):
//   request line + headers over max_header_bytes -> 431; more than max_header_fields -> 431;
//   target longer than max_target_bytes -> 414; a body over body_limit(path) -> 413 (before
//   reading it when Content-Length says so); malformed HTTP (bad framing, both
//   Content-Length and Transfer-Encoding, bad chunk sizes, bare LF, NUL) -> 400.
// Timeouts: a connection idle or sending its headers for longer than header_timeout, or its
// body for longer than body_timeout, is closed. Keep-alive is honoured.
//
// Thread safety: Stop may be called from any thread; handlers run concurrently.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "huntbook/common/status.h"
#include "huntbook/server/http_message.h"

namespace huntbook::server {

struct HttpServerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;  // 0 = any free port (see HttpServer::port())
  int io_threads = 1;
  int worker_threads = 4;
  size_t max_header_bytes = 32 * 1024;
  size_t max_header_fields = 100;
  size_t max_target_bytes = 8 * 1024;
  std::chrono::milliseconds header_timeout{30'000};
  std::chrono::milliseconds body_timeout{60'000};
  std::chrono::milliseconds write_timeout{300'000};
  // Longest time Stop() waits for requests in progress.
  std::chrono::milliseconds drain_timeout{30'000};
  // Maximum body bytes for a request to `path`.
  std::function<size_t(std::string_view path)> body_limit;
  // Requests answered on the priority thread instead of the worker pool (their handlers
  // must be quick). Unset = none.
  std::function<bool(const HttpRequest& request)> priority;
};

class HttpServer {
 public:
  using Handler = std::function<HttpResponse(const HttpRequest&)>;

  // Binds, listens and starts serving. IoError when the address cannot be bound.
  static Result<std::unique_ptr<HttpServer>> Start(HttpServerOptions options, Handler handler);
  ~HttpServer();

  uint16_t port() const;
  // Stops accepting, lets requests in progress finish (up to drain_timeout; new requests
  // on open connections get 503), then closes everything. Idempotent.
  void Stop();

  class Impl;

 private:
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace huntbook::server
