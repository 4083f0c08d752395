// Splitting and percent-decoding an HTTP request target ("/v1/x%20y?a=1&b=c+d").
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "huntbook/common/status.h"

namespace huntbook::server {

struct RequestTarget {
  std::string path;                                                   // decoded; '+' stays '+'
  std::vector<std::pair<std::string, std::string>> query_parameters;  // '+' -> ' '
};

// Errors (InvalidArgument): a target not starting with '/', a bad %XX escape, or a
// decoded NUL byte anywhere.
Result<RequestTarget> ParseRequestTarget(std::string_view target);

// Decodes %XX escapes (and '+' as a space when plus_is_space). InvalidArgument on a bad
// escape or a decoded NUL.
Result<std::string> PercentDecode(std::string_view text, bool plus_is_space);

}  // namespace huntbook::server
