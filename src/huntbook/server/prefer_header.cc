#include "huntbook/server/prefer_header.h"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "huntbook/server/http_message.h"

namespace huntbook::server {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool IsTrue(std::string_view value) { return value.empty() || EqualsIgnoreCase(value, "true"); }

}  // namespace

PreferOptions ParsePreferHeader(std::string_view header) {
  PreferOptions options;
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view item = Trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    // Parameters after ';' (RFC 7240) do not matter for the preferences we know.
    item = Trim(item.substr(0, item.find(';')));
    if (item.empty()) continue;
    size_t equals = item.find('=');
    std::string_view name = Trim(item.substr(0, equals));
    std::string_view value =
        equals == std::string_view::npos ? std::string_view() : Trim(item.substr(equals + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (EqualsIgnoreCase(name, "wait")) {
      std::string digits(value);
      char* end = nullptr;
      long seconds = std::strtol(digits.c_str(), &end, 10);
      if (!digits.empty() && end && *end == '\0' && seconds > 0) {
        options.wait_seconds = static_cast<int>(std::min<long>(seconds, kMaxWaitSeconds));
      }
    } else if (EqualsIgnoreCase(name, "include-statistics")) {
      options.include_statistics = IsTrue(value);
    } else if (EqualsIgnoreCase(name, "include-render")) {
      options.include_render = IsTrue(value);
    } else if (EqualsIgnoreCase(name, "include-dataSources")) {
      options.include_data_sources = IsTrue(value);
    } else if (EqualsIgnoreCase(name, "ai.response-thinning")) {
      options.response_thinning = !EqualsIgnoreCase(value, "false");
    }
  }
  return options;
}

}  // namespace huntbook::server
