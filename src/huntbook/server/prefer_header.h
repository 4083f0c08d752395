// The `Prefer` request header of the Log Analytics query API: a comma list of
// preferences. https://learn.microsoft.com/azure/azure-monitor/logs/api/prefer-options
//   wait=N                       query timeout in seconds (capped at 600)
//   include-statistics=true      add "statistics" to the response
//   include-render=true          add "render" (the query's render operator)
//   include-dataSources=true     accepted and ignored
//   ai.response-thinning=false   answer in the Data Explorer v1 shape (Kqlmagic)
// Unknown preferences are ignored (RFC 7240 says a server ignores what it does not know).
#pragma once

#include <optional>
#include <string_view>

namespace huntbook::server {

struct PreferOptions {
  std::optional<int> wait_seconds;
  bool include_statistics = false;
  bool include_render = false;
  bool include_data_sources = false;
  bool response_thinning = true;  // false = v1 "Tables" shape
};

// Parses one or more Prefer header values (several headers may be joined with ',').
PreferOptions ParsePreferHeader(std::string_view header);

// Maximum `wait` the API honours (10 minutes).
inline constexpr int kMaxWaitSeconds = 600;

}  // namespace huntbook::server
