#include "huntbook/catalog/name_rules.h"

#include <simdjson.h>

#include <string>

#include "huntbook/common/ascii.h"

namespace huntbook::catalog {
namespace {

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Shown in messages: the name itself when printable and short, else its length.
std::string Quoted(std::string_view name) {
  bool printable = name.size() <= 80;
  for (char c : name) printable = printable && c >= 0x20 && c < 0x7f;
  if (printable) return "'" + std::string(name) + "'";
  return "(" + std::to_string(name.size()) + " bytes)";
}

Status CheckName(std::string_view field, std::string_view name, size_t max_length,
                 std::string_view extra_chars, std::string_view allowed_text) {
  if (name.empty()) return InvalidArgument(std::string(field) + " must not be empty");
  if (name.size() > max_length) {
    return InvalidArgument(std::string(field) + " " + Quoted(name) + " is longer than " +
                           std::to_string(max_length) + " characters");
  }
  for (char c : name) {
    if (!IsAsciiAlnum(c) && extra_chars.find(c) == std::string_view::npos) {
      return InvalidArgument(std::string(field) + " " + Quoted(name) + ": only " +
                             std::string(allowed_text) + " are allowed");
    }
  }
  if (!IsAsciiAlnum(name.front())) {
    return InvalidArgument(std::string(field) + " " + Quoted(name) +
                           " must start with a letter or digit");
  }
  return Status::OK();
}

}  // namespace

Status ValidateResourceName(std::string_view field, std::string_view name) {
  return CheckName(field, name, kMaxResourceNameLength, "-_", "letters, digits, '-' and '_'");
}

Status ValidateUserName(std::string_view name) {
  return CheckName("user name", name, kMaxUserNameLength, "._@-",
                   "letters, digits, '.', '_', '@' and '-'");
}

Status ValidateSecretName(std::string_view name) {
  return CheckName("secret name", name, kMaxSecretNameLength, "._-",
                   "letters, digits, '.', '_' and '-'");
}

Status ValidateText(std::string_view field, std::string_view text, size_t max_bytes,
                    bool allow_empty) {
  if (text.size() > max_bytes) {
    return InvalidArgument(std::string(field) + " is " + std::to_string(text.size()) +
                           " bytes; the limit is " + std::to_string(max_bytes));
  }
  if (text.find('\0') != std::string_view::npos) {
    return InvalidArgument(std::string(field) + " must not contain a NUL character");
  }
  if (!simdjson::validate_utf8(text.data(), text.size())) {
    return InvalidArgument(std::string(field) + " is not valid UTF-8");
  }
  if (!allow_empty && text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return InvalidArgument(std::string(field) + " must not be empty");
  }
  return Status::OK();
}

bool NamesEqual(std::string_view a, std::string_view b) { return EqualsIgnoreCase(a, b); }

}  // namespace huntbook::catalog
