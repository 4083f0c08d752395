#include "huntbook/server/http_message.h"

namespace huntbook::server {

std::string_view HttpRequest::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

bool HttpRequest::HasHeader(std::string_view name) const {
  for (const auto& header : headers) {
    if (EqualsIgnoreCase(header.first, name)) return true;
  }
  return false;
}

std::string_view HttpRequest::QueryParameter(std::string_view name) const {
  for (const auto& [key, value] : query_parameters) {
    if (key == name) return value;
  }
  return {};
}

bool HttpRequest::HasQueryParameter(std::string_view name) const {
  for (const auto& parameter : query_parameters) {
    if (parameter.first == name) return true;
  }
  return false;
}

void HttpResponse::SetHeader(std::string name, std::string value) {
  for (auto& header : headers) {
    if (EqualsIgnoreCase(header.first, name)) {
      header.second = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

std::string_view HttpResponse::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

HttpResponse& HttpResponse::ReadStream() {
  if (stream == nullptr) return *this;
  while (stream->Next(&body)) {
  }
  stream.reset();
  return *this;
}

}  // namespace huntbook::server
