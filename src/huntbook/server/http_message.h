// HttpRequest / HttpResponse: the server's transport-independent view of one exchange.
// The socket layer (http_server.h) fills a request and writes back a response; everything
// between (routing, authentication, the Log Analytics and Data Explorer protocols) works on
// these structs only, so it is unit-testable without sockets.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "huntbook/common/ascii.h"  // EqualsIgnoreCase for header names

namespace huntbook::server {

struct HttpRequest {
  std::string method;  // "GET", "POST", ... as sent
  std::string target;  // raw request target, e.g. "/v1/rest/query?x=1"
  std::string path;    // percent-decoded path without the query string
  // Percent-decoded query parameters in order of appearance ('+' decodes to a space).
  std::vector<std::pair<std::string, std::string>> query_parameters;
  // Header fields in order; names as sent (look up with Header(), case-insensitive).
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string remote_address;  // "127.0.0.1:53124"; empty in tests

  // Value of the first header named `name` (case-insensitive); "" when absent.
  std::string_view Header(std::string_view name) const;
  bool HasHeader(std::string_view name) const;
  // Value of the first query parameter named `name` (case-sensitive); "" when absent.
  std::string_view QueryParameter(std::string_view name) const;
  bool HasQueryParameter(std::string_view name) const;
};

// A response body made after the status line was sent, one piece at a time, so that a large
// body is never held whole. The socket layer sends it with chunked transfer encoding and
// asks for the next piece only once the previous one was written: one piece is buffered,
// and a client that stops reading holds no thread (its write times out).
class BodyProducer {
 public:
  virtual ~BodyProducer() = default;
  // Appends the next piece of the body to `out`; false once the body is complete (that
  // last call may still append). Called by one thread at a time, never concurrently.
  virtual bool Next(std::string* out) = 0;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;  // extra fields
  std::string body;
  // When set, the body is `body` followed by everything `stream` produces.
  std::shared_ptr<BodyProducer> stream;

  void SetHeader(std::string name, std::string value);
  std::string_view Header(std::string_view name) const;  // case-insensitive; "" if absent
  // Appends everything `stream` produces to `body` and drops the stream (for callers
  // without a socket: tests, the fuzzer).
  HttpResponse& ReadStream();
};

}  // namespace huntbook::server
