// IPv4 formatting and range-list functions: format_ipv4, format_ipv4_mask,
// ipv4_netmask_suffix, ipv4_is_in_any_range, ipv4_range_to_cidr_list.
//
// ipv4_range_to_cidr_list(start, end): the fewest CIDR blocks covering start..end
// (inclusive), in address order, as a dynamic array of "a.b.c.d/n" strings
// (https://learn.microsoft.com/kusto/query/ipv4-range-to-cidr-list-function). The page
// defines only plain addresses; anything else (not an address, a prefix "a.b.c.d/n", a
// null) or start > end gives null.
#include <algorithm>
#include <bit>
#include <string>

#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/column_writer.h"
#include "huntbook/functions/ip_address.h"
#include "huntbook/functions/scalar_families.h"

namespace huntbook::functions {
namespace {

std::string Doc(const std::string& page) {
  return "https://learn.microsoft.com/kusto/query/" + page;
}

// The address argument of format_ipv4(_mask): IPv4 text (optionally with a prefix) or a
// number holding the address in big-endian order (0..2^32-1).
std::optional<Ipv4Address> AddressArg(const Value& v) {
  if (v.is_null()) return std::nullopt;
  if (IsStringStored(v.type())) return ParseIpv4Address(v.string_value());
  if (v.type() == TypeKind::kInt || v.type() == TypeKind::kLong) {
    if (v.int_value() < 0 || v.int_value() > 0xFFFFFFFFLL) return std::nullopt;
    return Ipv4Address{static_cast<uint32_t>(v.int_value()), 32};
  }
  return std::nullopt;
}

// Address masked by min(own prefix, prefix argument), or nullopt ("" result).
std::optional<Ipv4Address> Masked(std::span<const Value> args) {
  std::optional<Ipv4Address> ip = AddressArg(args[0]);
  if (!ip) return std::nullopt;
  if (args.size() > 1) {
    if (args[1].is_null() || args[1].int_value() < 0 || args[1].int_value() > 32) {
      return std::nullopt;
    }
    ip->prefix = std::min<int>(ip->prefix, static_cast<int>(args[1].int_value()));
  }
  ip->address &= Ipv4Mask(ip->prefix);
  return ip;
}

// A plain address (no "/prefix").
std::optional<uint32_t> PlainAddress(const Value& v) {
  if (v.is_null() || v.string_value().find('/') != std::string::npos) return std::nullopt;
  std::optional<Ipv4Address> ip = ParseIpv4Address(v.string_value());
  if (!ip) return std::nullopt;
  return ip->address;
}

Value CidrList(std::span<const Value> args) {
  std::optional<uint32_t> start = PlainAddress(args[0]);
  std::optional<uint32_t> end = PlainAddress(args[1]);
  if (!start || !end || *start > *end) return Value::Null(TypeKind::kDynamic);
  Dynamic::Array blocks;
  uint64_t next = *start;  // 64-bit: the last block may end at 255.255.255.255
  while (next <= *end) {
    const uint64_t remaining = uint64_t{*end} - next + 1;
    int bits = next == 0 ? 32 : std::countr_zero(next);                      // alignment of `next`
    bits = std::min(bits, static_cast<int>(std::bit_width(remaining)) - 1);  // must fit
    blocks.push_back(
        Dynamic::String(FormatIpv4(static_cast<uint32_t>(next)) + "/" + std::to_string(32 - bits)));
    next += uint64_t{1} << bits;
  }
  return Value::Dyn(Dynamic::MakeArray(std::move(blocks)));
}

Result<TypeKind> BindFormat(std::string_view name, std::span<const TypeKind> types) {
  RETURN_IF_ERROR(CheckArgument(name, 1, ArgRule::kScalar, types[0]));
  if (types[0] != TypeKind::kNull && types[0] != TypeKind::kString && types[0] != TypeKind::kInt &&
      types[0] != TypeKind::kLong) {
    return SemanticError(std::string(name) + "(): argument 1 must be string or long, got " +
                         std::string(TypeName(types[0])));
  }
  if (types.size() > 1) {
    RETURN_IF_ERROR(CheckArgument(name, 2, ArgRule::kInteger, types[1]));
  }
  return TypeKind::kString;
}

void Register(const std::string& name, const std::string& page, int min_args, int max_args,
              BindFn bind, RowFn fn) {
  RegisterScalarFunction(
      {name, Doc(page), min_args, max_args, bind, MakeRowKernel(bind, std::move(fn))});
}

}  // namespace

void RegisterIpv4FormatFunctions() {
  using R = ArgRule;
  Register(
      "format_ipv4", "format-ipv4-function", 1, 2,
      [](std::span<const TypeKind> types) { return BindFormat("format_ipv4", types); },
      [](std::span<const Value> args, const EvalContext&) {
        std::optional<Ipv4Address> ip = Masked(args);
        return Value::String(ip ? FormatIpv4(ip->address) : "");
      });
  Register(
      "format_ipv4_mask", "format-ipv4-mask-function", 1, 2,
      [](std::span<const TypeKind> types) { return BindFormat("format_ipv4_mask", types); },
      [](std::span<const Value> args, const EvalContext&) {
        std::optional<Ipv4Address> ip = Masked(args);
        if (!ip) return Value::String("");
        return Value::String(FormatIpv4(ip->address) + "/" + std::to_string(ip->prefix));
      });
  Register("ipv4_netmask_suffix", "ipv4-netmask-suffix-function", 1, 1,
           FixedResultBind("ipv4_netmask_suffix", {R::kString}, TypeKind::kInt),
           [](std::span<const Value> args, const EvalContext&) {
             std::optional<Ipv4Address> ip = ParseIpv4Address(args[0].string_value());
             return ip ? Value::Int(ip->prefix) : Value::Null(TypeKind::kInt);
           });
  Register("ipv4_range_to_cidr_list", "ipv4-range-to-cidr-list-function", 2, 2,
           FixedResultBind("ipv4_range_to_cidr_list", {R::kString, R::kString}, TypeKind::kDynamic),
           [](std::span<const Value> args, const EvalContext&) { return CidrList(args); });
  Register("ipv4_is_in_any_range", "ipv4-is-in-any-range-function", 2, 64,
           FixedResultBind("ipv4_is_in_any_range", {R::kString}, TypeKind::kBool, R::kAny),
           [](std::span<const Value> args, const EvalContext&) {
             std::optional<Ipv4Address> ip = ParseIpv4Address(args[0].string_value());
             if (!ip) return Value::Null(TypeKind::kBool);
             for (const std::string& text : IpListArguments(args, 1)) {
               std::optional<Ipv4Address> range = ParseIpv4Address(text);
               if (!range) return Value::Null(TypeKind::kBool);
               uint32_t mask = Ipv4Mask(range->prefix);
               if ((ip->address & mask) == (range->address & mask)) return Value::Bool(true);
             }
             return Value::Bool(false);
           });
}

}  // namespace huntbook::functions
