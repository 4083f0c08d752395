// HttpRequest / HttpResponse: the server's transport-independent view of one exchange.
// The socket layer (http_server.h) fills a request and writes back a response; everything
// between (routing, authentication, the Log Analytics and Data Explorer protocols) works on
// these structs only, so it is unit-testable without sockets.
#pragma once

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

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;  // extra fields
  std::string body;

  void SetHeader(std::string name, std::string value);
  std::string_view Header(std::string_view name) const;  // case-insensitive; "" if absent
};

}  // namespace huntbook::server
