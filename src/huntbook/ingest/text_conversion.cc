#include "huntbook/ingest/text_conversion.h"

#include <simdjson.h>

#include <charconv>

#include "huntbook/common/ascii.h"
#include "huntbook/types/datetime.h"
#include "huntbook/types/dynamic.h"

namespace huntbook::ingest {
namespace {

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Shortens long cell text for error messages.
std::string Excerpt(std::string_view text) {
  constexpr size_t kMax = 60;
  if (text.size() <= kMax) return std::string(text);
  return std::string(text.substr(0, kMax)) + "...";
}

bool StartsLikeContainer(std::string_view text) {
  size_t i = text.find_first_not_of(" \t\r\n");
  return i != std::string_view::npos && (text[i] == '{' || text[i] == '[');
}

}  // namespace

bool IsJsonContainerText(std::string_view text) {
  if (!StartsLikeContainer(text)) return false;
  thread_local simdjson::dom::parser parser;
  simdjson::padded_string padded(text);
  simdjson::dom::element ignored;
  return !parser.parse(padded).get(ignored);
}

Dynamic DynamicFromText(std::string_view text) {
  if (StartsLikeContainer(text)) {
    Result<Dynamic> parsed = Dynamic::Parse(text);
    if (parsed.ok()) return std::move(parsed).value();
  }
  return Dynamic::String(std::string(text));
}

std::optional<bool> ParseBoolText(std::string_view text) {
  if (EqualsIgnoreCase(text, "true")) return true;
  if (EqualsIgnoreCase(text, "false")) return false;
  return std::nullopt;
}

std::optional<int64_t> ParseLongText(std::string_view text) {
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  if (text.empty() || text[0] == '+') return std::nullopt;
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<double> ParseRealText(std::string_view text) {
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  // Digits, sign, point and exponent only: from_chars would also take "inf" and "nan".
  bool digit = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c != '-' && c != '+' && c != '.' && c != 'e' && c != 'E') {
      return std::nullopt;
    }
  }
  if (!digit) return std::nullopt;
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<std::string> ParseGuidText(std::string_view text) {
  if (text.size() == 38 && text.front() == '{' && text.back() == '}') {
    text = text.substr(1, 36);
  }
  if (text.size() != 36) return std::nullopt;
  std::string out(text);
  for (size_t i = 0; i < out.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? out[i] != '-' : !IsHex(out[i])) return std::nullopt;
    out[i] = AsciiLower(out[i]);
  }
  return out;
}

bool AppendText(std::string_view text, Column* column) {
  TypeKind type = column->type();
  if (text.empty()) {
    column->AppendNull();
    return true;
  }
  switch (type) {
    case TypeKind::kString:
      column->AppendString(text);
      return true;
    case TypeKind::kBool:
      if (auto b = ParseBoolText(text)) {
        column->AppendInt(*b ? 1 : 0);
        return true;
      }
      if (text == "0" || text == "1") {
        column->AppendInt(text == "1");
        return true;
      }
      return false;
    case TypeKind::kInt:
      if (auto v = ParseLongText(text); v && *v >= INT32_MIN && *v <= INT32_MAX) {
        column->AppendInt(*v);
        return true;
      }
      return false;
    case TypeKind::kLong:
      if (auto v = ParseLongText(text)) {
        column->AppendInt(*v);
        return true;
      }
      return false;
    case TypeKind::kReal:
    case TypeKind::kDecimal:
      if (auto v = ParseRealText(text)) {
        column->AppendReal(*v);
        return true;
      }
      return false;
    case TypeKind::kDateTime:
      if (auto v = ParseDateTime(text)) {
        column->AppendInt(*v);
        return true;
      }
      return false;
    case TypeKind::kTimespan:
      if (auto v = ParseTimespan(text)) {
        column->AppendInt(*v);
        return true;
      }
      return false;
    case TypeKind::kGuid:
      if (auto v = ParseGuidText(text)) {
        column->AppendString(*v);
        return true;
      }
      return false;
    case TypeKind::kDynamic:
      column->AppendDynamic(DynamicFromText(text));
      return true;
    case TypeKind::kNull:
      return false;
  }
  return false;
}

Status ConversionError(std::string_view source, uint32_t line, uint32_t column,
                       std::string_view column_name, std::string_view text, TypeKind type) {
  std::string message = std::string(source) + ": line " + std::to_string(line) + ", column " +
                        std::to_string(column) + " (" + std::string(column_name) + "): '" +
                        Excerpt(text) + "' is not " + (type == TypeKind::kInt ? "an " : "a ") +
                        std::string(TypeName(type));
  SourcePosition position;
  position.line = line;
  position.column = column;
  return InvalidArgument(std::move(message), position);
}

}  // namespace huntbook::ingest
