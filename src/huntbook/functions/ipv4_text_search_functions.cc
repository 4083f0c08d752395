// IPv4 search in free text: has_ipv4, has_ipv4_prefix, has_any_ipv4, has_any_ipv4_prefix.
// https://learn.microsoft.com/kusto/query/has-ipv4-function
//
// An address counts only when it is delimited by non-alphanumeric characters ("05:04:54
// 127.0.0.1 GET" has 127.0.0.1; "05:04:54127.0.0.1" has none) and is valid (each part
// 0..255). A dot after an address ends it unless a digit follows ("from 10.1.1.2." has
// 10.1.1.2; "1.2.3.4.5" has no address). A prefix must be a full address or one to three
// parts each followed by a dot ("192.", "192.168.", "192.168.1."); an invalid needle never
// matches (false, not null).
#include <cctype>
#include <string>
#include <vector>

#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/column_writer.h"
#include "huntbook/functions/ip_address.h"
#include "huntbook/functions/scalar_families.h"

namespace huntbook::functions {
namespace {

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The delimited, valid IPv4 addresses in `text`, as their exact text.
std::vector<std::string_view> AddressesIn(std::string_view text) {
  std::vector<std::string_view> found;
  size_t i = 0;
  while (i < text.size()) {
    if (!IsDigit(text[i]) || (i > 0 && (IsAlnum(text[i - 1]) || text[i - 1] == '.'))) {
      ++i;
      continue;
    }
    // The run of digits and dots starting here.
    size_t end = i;
    while (end < text.size() && (IsDigit(text[end]) || text[end] == '.')) ++end;
    std::string_view run = text.substr(i, end - i);
    bool delimited = end == text.size() || !IsAlnum(text[end]);
    if (!run.empty() && run.back() == '.') run.remove_suffix(1);  // sentence dot
    if (delimited && ParseIpv4Address(run).has_value() && run.find(' ') == run.npos) {
      found.push_back(run);
    }
    i = end;
  }
  return found;
}

// A valid prefix: a full address, or 1..3 parts of 1..3 digits (0..255) each followed by '.'.
bool IsValidPrefix(std::string_view prefix) {
  if (ParseIpv4Address(prefix).has_value() && prefix.find('/') == prefix.npos &&
      prefix.find(' ') == prefix.npos) {
    return true;
  }
  if (prefix.empty() || prefix.back() != '.') return false;
  int parts = 0;
  size_t i = 0;
  while (i < prefix.size()) {
    size_t start = i;
    int value = 0;
    while (i < prefix.size() && IsDigit(prefix[i])) value = value * 10 + (prefix[i++] - '0');
    if (i == start || i - start > 3 || value > 255 || i >= prefix.size() || prefix[i] != '.') {
      return false;
    }
    ++i;
    ++parts;
  }
  return parts >= 1 && parts <= 3;
}

bool IsValidAddress(std::string_view address) {
  return ParseIpv4Address(address).has_value() && address.find('/') == address.npos &&
         address.find(' ') == address.npos;
}

bool HasAny(std::string_view text, const std::vector<std::string>& needles, bool prefixes) {
  std::vector<std::string_view> addresses;
  bool scanned = false;
  for (const std::string& needle : needles) {
    if (prefixes ? !IsValidPrefix(needle) : !IsValidAddress(needle)) continue;
    if (!scanned) {
      addresses = AddressesIn(text);
      scanned = true;
    }
    for (std::string_view address : addresses) {
      // A prefix ending in '.' matches whole leading parts; a complete address must equal.
      bool partial = prefixes && needle.back() == '.';
      if (partial ? address.substr(0, needle.size()) == needle
                  : ParseIpv4Address(address)->address == ParseIpv4Address(needle)->address) {
        return true;
      }
    }
  }
  return false;
}

void Register(const std::string& name, const std::string& page, bool prefixes, bool any) {
  BindFn bind = any ? FixedResultBind(name, {ArgRule::kString}, TypeKind::kBool, ArgRule::kAny)
                    : FixedResultBind(name, {ArgRule::kString, ArgRule::kString}, TypeKind::kBool);
  RegisterScalarFunction(
      {name, "https://learn.microsoft.com/kusto/query/" + page, 2, any ? 64 : 2, bind,
       MakeRowKernel(bind, [prefixes](std::span<const Value> args, const EvalContext&) {
         return Value::Bool(HasAny(args[0].string_value(), IpListArguments(args, 1), prefixes));
       })});
}

}  // namespace

void RegisterIpv4TextSearchFunctions() {
  Register("has_ipv4", "has-ipv4-function", false, false);
  Register("has_ipv4_prefix", "has-ipv4-prefix-function", true, false);
  Register("has_any_ipv4", "has-any-ipv4-function", false, true);
  Register("has_any_ipv4_prefix", "has-any-ipv4-prefix-function", true, true);
}

}  // namespace huntbook::functions
