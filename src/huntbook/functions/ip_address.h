// Internal: IPv4/IPv6 address text parsing shared by the network function families.
// https://learn.microsoft.com/kusto/query/ipv4-is-in-range-function (IP-prefix notation)
//
// IPv4: dotted quads "a.b.c.d" (each part 0..255, 1-3 digits), optionally "/prefix" with
// prefix 0..32; surrounding spaces are ignored. IPv6: RFC 4291 text (hex groups, one "::",
// an optional trailing dotted IPv4 part), or a plain IPv4 address, which maps to
// ::ffff:a.b.c.d; optionally "/prefix" with prefix 0..128 (0..32 for a plain IPv4 address,
// counted from the IPv4 part, i.e. 96 + prefix). Parsers return nullopt for anything else.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "huntbook/types/value.h"

namespace huntbook::functions {

struct Ipv4Address {
  uint32_t address = 0;
  int prefix = 32;  // 0..32
};

std::optional<Ipv4Address> ParseIpv4Address(std::string_view text);

// Network mask of `prefix` leading one bits (0..32).
uint32_t Ipv4Mask(int prefix);

// "a.b.c.d".
std::string FormatIpv4(uint32_t address);

struct Ipv6Address {
  std::array<uint8_t, 16> bytes{};
  int prefix = 128;  // 0..128
};

std::optional<Ipv6Address> ParseIpv6Address(std::string_view text);

// Zeroes every bit past the first `prefix` bits (0..128).
std::array<uint8_t, 16> MaskIpv6(const std::array<uint8_t, 16>& bytes, int prefix);

// Kusto's canonical text: eight groups of four lower-case hex digits separated by ':'.
std::string FormatIpv6(const std::array<uint8_t, 16>& bytes);

// The address/range texts of a variadic list argument (has_any_ipv4, ipv4_is_in_any_range,
// ...): each argument from `first` on; a dynamic array contributes its string elements,
// nulls and non-string elements are skipped.
std::vector<std::string> IpListArguments(std::span<const Value> args, size_t first);

}  // namespace huntbook::functions
