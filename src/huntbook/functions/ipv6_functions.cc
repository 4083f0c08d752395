// IPv6 functions: parse_ipv6, parse_ipv6_mask, ipv6_compare, ipv6_is_match,
// ipv6_is_in_range, ipv6_is_in_any_range. IPv4 text is accepted everywhere as the mapped
// address ::ffff:a.b.c.d (ip_address.h); invalid input gives "" (parse_*) or null.
#include <algorithm>
#include <string>
#include <vector>

#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/column_writer.h"
#include "huntbook/functions/conversion.h"
#include "huntbook/functions/ip_address.h"
#include "huntbook/functions/scalar_families.h"

namespace huntbook::functions {
namespace {

std::string Doc(const std::string& page) {
  return "https://learn.microsoft.com/kusto/query/" + page;
}

std::optional<Ipv6Address> ParseArg(const Value& v) {
  if (v.is_null() || !IsStringStored(v.type())) return std::nullopt;
  return ParseIpv6Address(v.string_value());
}

// -1, 0 or 1 comparing under the smaller of both own prefixes and the optional argument.
std::optional<int> Compare(std::span<const Value> args) {
  std::optional<Ipv6Address> a = ParseArg(args[0]);
  std::optional<Ipv6Address> b = ParseArg(args[1]);
  if (!a || !b) return std::nullopt;
  int prefix = std::min(a->prefix, b->prefix);
  if (args.size() > 2) {
    if (args[2].is_null()) return std::nullopt;
    int64_t p = args[2].int_value();
    if (p < 0 || p > 128) return std::nullopt;
    prefix = std::min<int>(prefix, static_cast<int>(p));
  }
  auto x = MaskIpv6(a->bytes, prefix), y = MaskIpv6(b->bytes, prefix);
  return x < y ? -1 : (x > y ? 1 : 0);
}

bool InRange(const Ipv6Address& ip, const Ipv6Address& range) {
  return MaskIpv6(ip.bytes, range.prefix) == MaskIpv6(range.bytes, range.prefix);
}

void Register(const std::string& name, int min_args, int max_args, BindFn bind, RowFn fn) {
  std::string page = name;
  std::replace(page.begin(), page.end(), '_', '-');
  RegisterScalarFunction({name, Doc(page + "-function"), min_args, max_args, bind,
                          MakeRowKernel(bind, std::move(fn))});
}

}  // namespace

void RegisterIpv6Functions() {
  using R = ArgRule;
  Register("parse_ipv6", 1, 1, FixedResultBind("parse_ipv6", {R::kString}, TypeKind::kString),
           [](std::span<const Value> args, const EvalContext&) {
             std::optional<Ipv6Address> ip = ParseArg(args[0]);
             if (!ip) return Value::String("");
             return Value::String(FormatIpv6(MaskIpv6(ip->bytes, ip->prefix)));
           });
  Register("parse_ipv6_mask", 2, 2,
           FixedResultBind("parse_ipv6_mask", {R::kString, R::kInteger}, TypeKind::kString),
           [](std::span<const Value> args, const EvalContext&) {
             std::optional<Ipv6Address> ip = ParseArg(args[0]);
             if (!ip || args[1].is_null() || args[1].int_value() < 0 || args[1].int_value() > 128) {
               return Value::String("");
             }
             int prefix = std::min<int>(ip->prefix, static_cast<int>(args[1].int_value()));
             return Value::String(FormatIpv6(MaskIpv6(ip->bytes, prefix)));
           });
  Register("ipv6_compare", 2, 3,
           FixedResultBind("ipv6_compare", {R::kString, R::kString, R::kInteger}, TypeKind::kLong),
           [](std::span<const Value> args, const EvalContext&) {
             std::optional<int> c = Compare(args);
             return c ? Value::Long(*c) : Value::Null(TypeKind::kLong);
           });
  Register("ipv6_is_match", 2, 3,
           FixedResultBind("ipv6_is_match", {R::kString, R::kString, R::kInteger}, TypeKind::kBool),
           [](std::span<const Value> args, const EvalContext&) {
             std::optional<int> c = Compare(args);
             return c ? Value::Bool(*c == 0) : Value::Null(TypeKind::kBool);
           });
  Register("ipv6_is_in_range", 2, 2,
           FixedResultBind("ipv6_is_in_range", {R::kString, R::kString}, TypeKind::kBool),
           [](std::span<const Value> args, const EvalContext&) {
             std::optional<Ipv6Address> ip = ParseArg(args[0]);
             std::optional<Ipv6Address> range = ParseArg(args[1]);
             if (!ip || !range) return Value::Null(TypeKind::kBool);
             return Value::Bool(InRange(*ip, *range));
           });
  Register("ipv6_is_in_any_range", 2, 64,
           FixedResultBind("ipv6_is_in_any_range", {R::kString}, TypeKind::kBool, R::kAny),
           [](std::span<const Value> args, const EvalContext&) {
             std::optional<Ipv6Address> ip = ParseArg(args[0]);
             if (!ip) return Value::Null(TypeKind::kBool);
             for (const std::string& text : IpListArguments(args, 1)) {
               std::optional<Ipv6Address> range = ParseIpv6Address(text);
               if (!range) return Value::Null(TypeKind::kBool);
               if (InRange(*ip, *range)) return Value::Bool(true);
             }
             return Value::Bool(false);
           });
}

}  // namespace huntbook::functions
