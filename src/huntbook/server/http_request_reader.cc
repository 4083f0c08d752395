#include "huntbook/server/http_request_reader.h"

#include <boost/asio/buffer.hpp>

#include "huntbook/server/request_target.h"

namespace huntbook::server {

namespace beast = boost::beast;
namespace http = boost::beast::http;

namespace {

constexpr size_t kDefaultBodyLimit = 1 << 20;

size_t BodyLimit(const HttpServerOptions& options, std::string_view path) {
  return options.body_limit ? options.body_limit(path) : kDefaultBodyLimit;
}

}  // namespace

void ConfigureParser(const HttpServerOptions& options, BeastRequestParser* parser) {
  parser->header_limit(static_cast<uint32_t>(options.max_header_bytes));
  parser->body_limit(BodyLimit(options, "/"));
}

RequestRejection RejectHeaderError(const beast::error_code& ec, const HttpServerOptions& options) {
  if (ec == http::error::header_limit) {
    return {431, "RequestHeaderFieldsTooLarge",
            "request headers exceed " + std::to_string(options.max_header_bytes) + " bytes"};
  }
  if (ec == http::error::body_limit) {  // Beast checks Content-Length while reading the header
    return {413, "PayloadTooLarge", "request body exceeds the limit"};
  }
  return {400, "BadRequest", "malformed HTTP request: " + ec.message()};
}

RequestRejection RejectBodyError(const beast::error_code& ec) {
  if (ec == http::error::body_limit) {
    return {413, "PayloadTooLarge", "request body exceeds the limit"};
  }
  return {400, "BadRequest", "malformed HTTP request: " + ec.message()};
}

std::optional<RequestRejection> CheckHeader(const HttpServerOptions& options,
                                            BeastRequestParser* parser) {
  const auto& header = parser->get();
  size_t fields = 0;
  for (auto it = header.begin(); it != header.end(); ++it) ++fields;
  if (fields > options.max_header_fields) {
    return RequestRejection{
        431, "RequestHeaderFieldsTooLarge",
        "more than " + std::to_string(options.max_header_fields) + " header fields"};
  }
  if (header.target().size() > options.max_target_bytes) {
    return RequestRejection{414, "UriTooLong", "request target too long"};
  }
  std::string_view target(header.target().data(), header.target().size());
  std::string_view path = target.substr(0, target.find('?'));
  size_t limit = BodyLimit(options, path);
  auto length = parser->content_length();
  if (length && *length > limit) {
    return RequestRejection{413, "PayloadTooLarge",
                            "request body of " + std::to_string(*length) +
                                " bytes exceeds the limit of " + std::to_string(limit) + " bytes"};
  }
  parser->body_limit(limit);
  return std::nullopt;
}

std::variant<HttpRequest, RequestRejection> ToHttpRequest(BeastRequest message) {
  HttpRequest request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  Result<RequestTarget> target = ParseRequestTarget(request.target);
  if (!target.ok()) return RequestRejection{400, "BadRequest", target.status().message()};
  request.path = std::move(target->path);
  request.query_parameters = std::move(target->query_parameters);
  for (const auto& field : message) {
    request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  request.body = std::move(message.body());
  return request;
}

std::optional<std::variant<HttpRequest, RequestRejection>> ReadRequest(
    std::string_view bytes, const HttpServerOptions& options) {
  BeastRequestParser parser;
  ConfigureParser(options, &parser);
  parser.eager(false);  // stop after the header, as async_read_header does
  bool header_checked = false;
  while (!parser.is_done()) {
    beast::error_code ec;
    size_t used = parser.put(boost::asio::buffer(bytes.data(), bytes.size()), ec);
    bytes.remove_prefix(used);
    if (ec == http::error::need_more) {
      if (bytes.empty() || used == 0) return std::nullopt;
      continue;
    }
    if (ec) return header_checked ? RejectBodyError(ec) : RejectHeaderError(ec, options);
    if (parser.is_header_done() && !header_checked) {
      if (auto rejection = CheckHeader(options, &parser)) return *rejection;
      header_checked = true;
      parser.eager(true);
    }
    if (used == 0 && !parser.is_done()) return std::nullopt;
  }
  return ToHttpRequest(parser.release());
}

}  // namespace huntbook::server
