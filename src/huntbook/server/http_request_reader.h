// Reading one HTTP/1.1 request, shared by HttpServer (from a socket) and the http_request
// fuzzer (from bytes in memory): Beast's parser set up with the server's limits, the checks
// made once the header is in, and the conversion of a complete message into an HttpRequest.
// Every refusal is a RequestRejection (status, stable code, message) that the caller answers
// with a JSON error and closes the connection on; none of these functions throws.
#pragma once

#include <boost/beast/http.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "huntbook/server/http_message.h"
#include "huntbook/server/http_server.h"

namespace huntbook::server {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
using BeastRequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

struct RequestRejection {
  int status = 400;
  std::string code;  // "BadRequest", "PayloadTooLarge", ...
  std::string message;
};

// Sets the header limit and a provisional body limit on a fresh parser.
void ConfigureParser(const HttpServerOptions& options, BeastRequestParser* parser);

// The rejection for an error while reading the header (header too large -> 431, a
// Content-Length over the provisional body limit -> 413, anything else -> 400) or the body (over
// the limit -> 413, else 400). REQUIRES: ec is an error and not a disconnect or timeout (the caller
// just closes on those).
RequestRejection RejectHeaderError(const boost::beast::error_code& ec,
                                   const HttpServerOptions& options);
RequestRejection RejectBodyError(const boost::beast::error_code& ec);

// Once the header is read: too many fields -> 431, target too long -> 414, a declared
// Content-Length over the path's body limit -> 413. Otherwise sets the parser's body limit
// for the path and returns nullopt. REQUIRES: parser->is_header_done().
std::optional<RequestRejection> CheckHeader(const HttpServerOptions& options,
                                            BeastRequestParser* parser);

// A complete message as an HttpRequest (target split into a decoded path and query
// parameters); a malformed target -> 400.
std::variant<HttpRequest, RequestRejection> ToHttpRequest(BeastRequest message);

// The request at the start of `bytes`, read as a connection would (same limits and checks);
// bytes after it are ignored. nullopt when `bytes` ends before the request does.
std::optional<std::variant<HttpRequest, RequestRejection>> ReadRequest(
    std::string_view bytes, const HttpServerOptions& options);

}  // namespace huntbook::server
