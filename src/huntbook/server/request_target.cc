#include "huntbook/server/request_target.h"

namespace huntbook::server {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Result<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) {
        return InvalidArgument("bad percent escape at offset " + std::to_string(i));
      }
      int high = HexValue(text[i + 1]);
      int low = HexValue(text[i + 2]);
      if (high < 0 || low < 0) {
        return InvalidArgument("bad percent escape at offset " + std::to_string(i));
      }
      c = static_cast<char>(high * 16 + low);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      c = ' ';
    }
    if (c == '\0') return InvalidArgument("NUL byte in request target");
    out += c;
  }
  return out;
}

Result<RequestTarget> ParseRequestTarget(std::string_view target) {
  if (target.empty() || target[0] != '/') {
    return InvalidArgument("request target must start with '/'");
  }
  RequestTarget result;
  size_t question = target.find('?');
  std::string_view path = target.substr(0, question);
  ASSIGN_OR_RETURN(result.path, PercentDecode(path, /*plus_is_space=*/false));
  if (question == std::string_view::npos) return result;
  std::string_view query = target.substr(question + 1);
  size_t fragment = query.find('#');
  if (fragment != std::string_view::npos) query = query.substr(0, fragment);
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    size_t equals = pair.find('=');
    std::string_view key = pair.substr(0, equals);
    std::string_view value =
        equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1);
    ASSIGN_OR_RETURN(std::string decoded_key, PercentDecode(key, true));
    ASSIGN_OR_RETURN(std::string decoded_value, PercentDecode(value, true));
    result.query_parameters.emplace_back(std::move(decoded_key), std::move(decoded_value));
  }
  return result;
}

}  // namespace huntbook::server
