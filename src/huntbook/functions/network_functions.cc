// IPv4 functions: parse_ipv4, parse_ipv4_mask, ipv4_is_private, ipv4_is_in_range, ipv4_is_match,
// ipv4_compare. Addresses are dotted quads, optionally with a "/prefix" suffix (CIDR);
// invalid input gives null.
#include <algorithm>
#include <string>

#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/column_writer.h"
#include "huntbook/functions/conversion.h"
#include "huntbook/functions/ip_address.h"
#include "huntbook/functions/scalar_families.h"

namespace huntbook::functions {
namespace {

using Ipv4 = Ipv4Address;

std::optional<Ipv4> ParseIpv4(std::string_view text) { return ParseIpv4Address(text); }

uint32_t Mask(int prefix) { return Ipv4Mask(prefix); }

std::string Doc(const std::string& page) {
  return "https://learn.microsoft.com/kusto/query/" + page;
}

// Applies fn(row) -> optional<int64_t> into a column of `type`.
template <typename Fn>
KernelFn IpKernel(TypeKind type, Fn fn) {
  return [type, fn](std::span<const ColumnPtr> args, size_t rows,
                    const EvalContext&) -> Result<ColumnPtr> {
    IntColumnWriter out(type, rows);
    std::string a, b;
    for (size_t i = 0; i < rows; ++i) {
      std::optional<int64_t> v = fn(args, i, &a, &b);
      if (v) {
        out.Set(i, *v);
      } else {
        out.SetNull(i);
      }
    }
    return out.Finish();
  };
}

// Compares two addresses under the smaller of their own prefixes and the optional third
// argument; -1, 0 or 1.
std::optional<int64_t> Compare(std::span<const ColumnPtr> args, size_t i, std::string* a,
                               std::string* b) {
  std::optional<Ipv4> x = ParseIpv4(TextOf(*args[0], i, a));
  std::optional<Ipv4> y = ParseIpv4(TextOf(*args[1], i, b));
  if (!x || !y) return std::nullopt;
  int prefix = std::min(x->prefix, y->prefix);
  if (args.size() > 2) {
    std::optional<int64_t> p = ToLongValue(*args[2], i);
    if (!p || *p < 0 || *p > 32) return std::nullopt;
    prefix = std::min<int>(prefix, static_cast<int>(*p));
  }
  uint32_t u = x->address & Mask(prefix), v = y->address & Mask(prefix);
  return u < v ? -1 : (u > v ? 1 : 0);
}

}  // namespace

void RegisterNetworkFunctions() {
  using R = ArgRule;
  RegisterScalarFunction({"parse_ipv4", Doc("parse-ipv4-function"), 1, 1,
                          FixedResultBind("parse_ipv4", {R::kString}, TypeKind::kLong),
                          IpKernel(TypeKind::kLong,
                                   [](std::span<const ColumnPtr> args, size_t i, std::string* a,
                                      std::string*) -> std::optional<int64_t> {
                                     std::optional<Ipv4> ip = ParseIpv4(TextOf(*args[0], i, a));
                                     if (!ip) return std::nullopt;
                                     return static_cast<int64_t>(ip->address & Mask(ip->prefix));
                                   })});
  // parse_ipv4_mask(ip, prefix): the address masked by min(own prefix, prefix); prefix must
  // be 0..32, else null.
  RegisterScalarFunction(
      {"parse_ipv4_mask", Doc("parse-ipv4-mask-function"), 2, 2,
       FixedResultBind("parse_ipv4_mask", {R::kString, R::kInteger}, TypeKind::kLong),
       IpKernel(TypeKind::kLong,
                [](std::span<const ColumnPtr> args, size_t i, std::string* a,
                   std::string*) -> std::optional<int64_t> {
                  std::optional<Ipv4> ip = ParseIpv4(TextOf(*args[0], i, a));
                  std::optional<int64_t> prefix = ToLongValue(*args[1], i);
                  if (!ip || !prefix || *prefix < 0 || *prefix > 32) return std::nullopt;
                  int bits = std::min<int>(ip->prefix, static_cast<int>(*prefix));
                  return static_cast<int64_t>(ip->address & Mask(bits));
                })});
  RegisterScalarFunction({"ipv4_is_private", Doc("ipv4-is-private-function"), 1, 1,
                          FixedResultBind("ipv4_is_private", {R::kString}, TypeKind::kBool),
                          IpKernel(TypeKind::kBool,
                                   [](std::span<const ColumnPtr> args, size_t i, std::string* a,
                                      std::string*) -> std::optional<int64_t> {
                                     std::optional<Ipv4> ip = ParseIpv4(TextOf(*args[0], i, a));
                                     if (!ip) return std::nullopt;
                                     uint32_t v = ip->address;
                                     return (v >> 24) == 10 || (v >> 20) == 0xAC1 ||
                                            (v >> 16) == 0xC0A8;
                                   })});
  RegisterScalarFunction(
      {"ipv4_is_in_range", Doc("ipv4-is-in-range-function"), 2, 2,
       FixedResultBind("ipv4_is_in_range", {R::kString, R::kString}, TypeKind::kBool),
       IpKernel(TypeKind::kBool,
                [](std::span<const ColumnPtr> args, size_t i, std::string* a,
                   std::string* b) -> std::optional<int64_t> {
                  std::optional<Ipv4> ip = ParseIpv4(TextOf(*args[0], i, a));
                  std::optional<Ipv4> range = ParseIpv4(TextOf(*args[1], i, b));
                  if (!ip || !range) return std::nullopt;
                  uint32_t mask = Mask(range->prefix);
                  return (ip->address & mask) == (range->address & mask);
                })});
  RegisterScalarFunction(
      {"ipv4_compare", Doc("ipv4-compare-function"), 2, 3,
       FixedResultBind("ipv4_compare", {R::kString, R::kString, R::kInteger}, TypeKind::kLong),
       IpKernel(TypeKind::kLong, Compare)});
  RegisterScalarFunction(
      {"ipv4_is_match", Doc("ipv4-is-match-function"), 2, 3,
       FixedResultBind("ipv4_is_match", {R::kString, R::kString, R::kInteger}, TypeKind::kBool),
       IpKernel(TypeKind::kBool,
                [](std::span<const ColumnPtr> args, size_t i, std::string* a,
                   std::string* b) -> std::optional<int64_t> {
                  std::optional<int64_t> c = Compare(args, i, a, b);
                  if (!c) return std::nullopt;
                  return *c == 0;
                })});
}

}  // namespace huntbook::functions
