#include "huntbook/functions/ip_address.h"

#include <vector>

namespace huntbook::functions {
namespace {

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

// Splits "address/prefix"; the prefix must be 1-3 decimal digits no larger than max_prefix.
// nullopt prefix text means no '/' was present.
bool SplitPrefix(std::string_view text, int max_prefix, std::string_view* address, int* prefix,
                 bool* has_prefix) {
  size_t slash = text.find('/');
  *has_prefix = slash != std::string_view::npos;
  *address = text.substr(0, slash);
  if (!*has_prefix) return true;
  std::string_view digits = TrimSpaces(text.substr(slash + 1));
  if (digits.empty() || digits.size() > 3) return false;
  int value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  if (value > max_prefix) return false;
  *prefix = value;
  return true;
}

std::optional<uint32_t> ParseDottedQuad(std::string_view text) {
  uint32_t address = 0;
  size_t i = 0;
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (i >= text.size() || text[i] != '.') return std::nullopt;
      ++i;
    }
    size_t digits = 0;
    uint32_t octet = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      octet = octet * 10 + static_cast<uint32_t>(text[i] - '0');
      if (++digits > 3 || octet > 255) return std::nullopt;
      ++i;
    }
    if (digits == 0) return std::nullopt;
    address = (address << 8) | octet;
  }
  if (i != text.size()) return std::nullopt;
  return address;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Parses colon-separated hex groups (a trailing dotted quad counts as two groups) into
// `groups`; false on malformed text.
bool ParseGroups(std::string_view text, std::vector<uint16_t>* groups) {
  if (text.empty()) return true;
  size_t start = 0;
  while (true) {
    size_t colon = text.find(':', start);
    std::string_view group =
        text.substr(start, colon == std::string_view::npos ? text.npos : colon - start);
    if (colon == std::string_view::npos && group.find('.') != std::string_view::npos) {
      std::optional<uint32_t> v4 = ParseDottedQuad(group);
      if (!v4) return false;
      groups->push_back(static_cast<uint16_t>(*v4 >> 16));
      groups->push_back(static_cast<uint16_t>(*v4 & 0xFFFF));
      return true;
    }
    if (group.empty() || group.size() > 4) return false;
    uint16_t value = 0;
    for (char c : group) {
      int d = HexDigit(c);
      if (d < 0) return false;
      value = static_cast<uint16_t>(value * 16 + d);
    }
    groups->push_back(value);
    if (colon == std::string_view::npos) return true;
    start = colon + 1;
  }
}

}  // namespace

std::optional<Ipv4Address> ParseIpv4Address(std::string_view text) {
  std::string_view address;
  Ipv4Address result;
  bool has_prefix = false;
  if (!SplitPrefix(TrimSpaces(text), 32, &address, &result.prefix, &has_prefix)) {
    return std::nullopt;
  }
  std::optional<uint32_t> value = ParseDottedQuad(TrimSpaces(address));
  if (!value) return std::nullopt;
  result.address = *value;
  return result;
}

uint32_t Ipv4Mask(int prefix) { return prefix <= 0 ? 0 : ~uint32_t{0} << (32 - prefix); }

std::string FormatIpv4(uint32_t address) {
  return std::to_string(address >> 24) + "." + std::to_string((address >> 16) & 255) + "." +
         std::to_string((address >> 8) & 255) + "." + std::to_string(address & 255);
}

std::optional<Ipv6Address> ParseIpv6Address(std::string_view text) {
  text = TrimSpaces(text);
  Ipv6Address result;
  if (text.find(':') == std::string_view::npos) {
    std::optional<Ipv4Address> v4 = ParseIpv4Address(text);
    if (!v4) return std::nullopt;
    result.bytes[10] = result.bytes[11] = 0xFF;
    for (int k = 0; k < 4; ++k) {
      result.bytes[12 + k] = static_cast<uint8_t>(v4->address >> (24 - 8 * k));
    }
    result.prefix = 96 + v4->prefix;
    return result;
  }
  std::string_view address;
  bool has_prefix = false;
  if (!SplitPrefix(text, 128, &address, &result.prefix, &has_prefix)) return std::nullopt;
  address = TrimSpaces(address);
  std::vector<uint16_t> head, tail;
  size_t gap = address.find("::");
  if (gap == std::string_view::npos) {
    if (!ParseGroups(address, &head) || head.size() != 8) return std::nullopt;
  } else {
    if (address.find("::", gap + 1) != std::string_view::npos) return std::nullopt;
    if (!ParseGroups(address.substr(0, gap), &head) ||
        !ParseGroups(address.substr(gap + 2), &tail) || head.size() + tail.size() > 7) {
      return std::nullopt;
    }
  }
  std::vector<uint16_t> groups = head;
  groups.resize(8 - tail.size(), 0);
  groups.insert(groups.end(), tail.begin(), tail.end());
  for (int g = 0; g < 8; ++g) {
    result.bytes[2 * g] = static_cast<uint8_t>(groups[g] >> 8);
    result.bytes[2 * g + 1] = static_cast<uint8_t>(groups[g] & 0xFF);
  }
  return result;
}

std::array<uint8_t, 16> MaskIpv6(const std::array<uint8_t, 16>& bytes, int prefix) {
  std::array<uint8_t, 16> out = bytes;
  for (int i = 0; i < 16; ++i) {
    int keep = prefix - 8 * i;
    if (keep >= 8) continue;
    out[i] = keep <= 0 ? 0 : static_cast<uint8_t>(out[i] & (0xFF << (8 - keep)));
  }
  return out;
}

std::string FormatIpv6(const std::array<uint8_t, 16>& bytes) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(39);
  for (int i = 0; i < 16; ++i) {
    if (i > 0 && i % 2 == 0) out.push_back(':');
    out.push_back(kHex[bytes[i] >> 4]);
    out.push_back(kHex[bytes[i] & 15]);
  }
  return out;
}

std::vector<std::string> IpListArguments(std::span<const Value> args, size_t first) {
  std::vector<std::string> texts;
  for (size_t a = first; a < args.size(); ++a) {
    const Value& v = args[a];
    if (v.is_null()) continue;
    if (v.type() != TypeKind::kDynamic) {
      texts.push_back(v.string_value());
      continue;
    }
    const Dynamic& d = v.dynamic_value();
    if (d.kind() == Dynamic::Kind::kString) texts.push_back(d.string_value());
    if (!d.is_array()) continue;
    for (const Dynamic& item : d.array()) {
      if (item.kind() == Dynamic::Kind::kString) texts.push_back(item.string_value());
    }
  }
  return texts;
}

}  // namespace huntbook::functions
