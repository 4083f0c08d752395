#include "huntbook/functions/conversion.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

#include "huntbook/common/ascii.h"
#include "huntbook/types/datetime.h"

namespace huntbook::functions {
namespace {

std::string_view TrimSpace(std::string_view s) {
  auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Truncates toward zero; nullopt when not representable.
std::optional<int64_t> TruncateToLong(double d) {
  if (!std::isfinite(d)) return std::nullopt;
  double t = std::trunc(d);
  if (t < -9.2233720368547758e18 || t >= 9.2233720368547758e18) return std::nullopt;
  return static_cast<int64_t>(t);
}

}  // namespace

std::string FormatReal(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value == 0) return std::signbit(value) ? "-0" : "0";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), value, std::chars_format::scientific);
  std::string_view sci(buf, end - buf);  // e.g. "-1.2345e+02"
  bool negative = sci.front() == '-';
  if (negative) sci.remove_prefix(1);
  size_t e_pos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e_pos)) {
    if (c != '.') digits.push_back(c);
  }
  int exponent = 0;
  std::from_chars(sci.data() + e_pos + (sci[e_pos + 1] == '+' ? 2 : 1), sci.data() + sci.size(),
                  exponent);
  std::string out = negative ? "-" : "";
  if (exponent >= 15 || exponent < -4) {
    out += digits[0];
    if (digits.size() > 1) out += "." + digits.substr(1);
    char exp_buf[16];
    std::snprintf(exp_buf, sizeof(exp_buf), "E%c%02d", exponent < 0 ? '-' : '+',
                  exponent < 0 ? -exponent : exponent);
    out += exp_buf;
  } else if (exponent < 0) {
    out += "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
  } else {
    size_t int_digits = static_cast<size_t>(exponent) + 1;
    if (digits.size() <= int_digits) {
      out += digits + std::string(int_digits - digits.size(), '0');
    } else {
      out += digits.substr(0, int_digits) + "." + digits.substr(int_digits);
    }
  }
  return out;
}

std::optional<int64_t> ParseLong(std::string_view text) {
  text = TrimSpace(text);
  if (text.empty()) return std::nullopt;
  std::string_view digits = text;
  if (digits.front() == '+') digits.remove_prefix(1);
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec == std::errc() && ptr == digits.data() + digits.size()) return value;
  std::optional<double> real = ParseReal(text);
  if (!real.has_value()) return std::nullopt;
  return TruncateToLong(*real);
}

std::optional<double> ParseReal(std::string_view text) {
  text = TrimSpace(text);
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  if (text.empty() || text.front() == '+') return std::nullopt;
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc::result_out_of_range) return std::nullopt;
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<bool> ParseBool(std::string_view text) {
  text = TrimSpace(text);
  if (EqualsIgnoreCase(text, "true")) return true;
  if (EqualsIgnoreCase(text, "false")) return false;
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (!text.empty() && ec == std::errc() && ptr == text.data() + text.size()) return value != 0;
  return std::nullopt;
}

std::optional<std::string> ParseGuid(std::string_view text) {
  text = TrimSpace(text);
  if (text.size() >= 2 && text.front() == '{' && text.back() == '}') {
    text = text.substr(1, text.size() - 2);
  }
  std::string hex;
  for (char c : text) {
    if (c == '-') continue;
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
    hex.push_back(c);
  }
  if (hex.size() != 32) return std::nullopt;
  if (text.size() != 32 && text.size() != 36) return std::nullopt;
  if (text.size() == 36 &&
      (text[8] != '-' || text[13] != '-' || text[18] != '-' || text[23] != '-')) {
    return std::nullopt;
  }
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

bool IsNullAt(const Column& column, size_t row) {
  if (column.type() == TypeKind::kNull) return true;
  row = At(column, row);
  if (column.IsNull(row)) return true;
  return column.type() == TypeKind::kDynamic && column.GetDynamic(row).is_null();
}

void AppendText(const Column& column, size_t row, std::string* out) {
  if (column.type() == TypeKind::kNull) return;
  row = At(column, row);
  if (column.IsNull(row)) return;
  switch (column.type()) {
    case TypeKind::kNull:
      return;
    case TypeKind::kBool:
      *out += column.GetInt(row) != 0 ? "true" : "false";
      return;
    case TypeKind::kInt:
    case TypeKind::kLong:
      *out += std::to_string(column.GetInt(row));
      return;
    case TypeKind::kReal:
    case TypeKind::kDecimal:
      *out += FormatReal(column.GetReal(row));
      return;
    case TypeKind::kDateTime:
      *out += FormatDateTime(column.GetInt(row));
      return;
    case TypeKind::kTimespan:
      *out += FormatTimespan(column.GetInt(row));
      return;
    case TypeKind::kString:
    case TypeKind::kGuid:
      *out += column.GetString(row);
      return;
    case TypeKind::kDynamic:
      AppendDynamicText(column.GetDynamic(row), out);
      return;
  }
}

void AppendDynamicText(const Dynamic& d, std::string* out) {
  switch (d.kind()) {
    case Dynamic::Kind::kNull:
      return;
    case Dynamic::Kind::kString:
    case Dynamic::Kind::kGuid:
      *out += d.string_value();
      return;
    case Dynamic::Kind::kDateTime:
      *out += FormatDateTime(d.long_value());
      return;
    case Dynamic::Kind::kTimespan:
      *out += FormatTimespan(d.long_value());
      return;
    default:
      *out += d.ToJson();
      return;
  }
}

std::string_view TextOf(const Column& column, size_t row, std::string* scratch) {
  if (IsStringStored(column.type())) {
    size_t r = At(column, row);
    if (!column.IsNull(r)) return column.GetString(r);
  }
  scratch->clear();
  AppendText(column, row, scratch);
  return *scratch;
}

Dynamic ToDynamic(const Column& column, size_t row) {
  if (IsNullAt(column, row) && column.type() != TypeKind::kDynamic) return Dynamic();
  row = At(column, row);
  switch (column.type()) {
    case TypeKind::kNull:
      return Dynamic();
    case TypeKind::kBool:
      return Dynamic::Bool(column.GetInt(row) != 0);
    case TypeKind::kInt:
    case TypeKind::kLong:
      return Dynamic::Long(column.GetInt(row));
    case TypeKind::kReal:
    case TypeKind::kDecimal:
      return Dynamic::Real(column.GetReal(row));
    case TypeKind::kDateTime:
      return Dynamic::DateTime(column.GetInt(row));
    case TypeKind::kTimespan:
      return Dynamic::Timespan(column.GetInt(row));
    case TypeKind::kString:
      return Dynamic::String(std::string(column.GetString(row)));
    case TypeKind::kGuid:
      return Dynamic::Guid(std::string(column.GetString(row)));
    case TypeKind::kDynamic:
      return column.IsNull(row) ? Dynamic() : column.GetDynamic(row);
  }
  return Dynamic();
}

std::optional<int64_t> ToLongValue(const Column& column, size_t row) {
  if (IsNullAt(column, row)) return std::nullopt;
  row = At(column, row);
  TypeKind type = column.type();
  if (IsIntegerStored(type)) return column.GetInt(row);
  if (IsRealStored(type)) return TruncateToLong(column.GetReal(row));
  if (type == TypeKind::kString) return ParseLong(column.GetString(row));
  if (type != TypeKind::kDynamic) return std::nullopt;
  const Dynamic& d = column.GetDynamic(row);
  switch (d.kind()) {
    case Dynamic::Kind::kBool:
      return d.bool_value() ? 1 : 0;
    case Dynamic::Kind::kLong:
    case Dynamic::Kind::kDateTime:
    case Dynamic::Kind::kTimespan:
      return d.long_value();
    case Dynamic::Kind::kReal:
      return TruncateToLong(d.real_value());
    case Dynamic::Kind::kString:
      return ParseLong(d.string_value());
    default:
      return std::nullopt;
  }
}

std::optional<double> ToRealValue(const Column& column, size_t row) {
  if (IsNullAt(column, row)) return std::nullopt;
  row = At(column, row);
  TypeKind type = column.type();
  if (IsIntegerStored(type)) return static_cast<double>(column.GetInt(row));
  if (IsRealStored(type)) return column.GetReal(row);
  if (type == TypeKind::kString) return ParseReal(column.GetString(row));
  if (type != TypeKind::kDynamic) return std::nullopt;
  const Dynamic& d = column.GetDynamic(row);
  switch (d.kind()) {
    case Dynamic::Kind::kBool:
      return d.bool_value() ? 1.0 : 0.0;
    case Dynamic::Kind::kLong:
    case Dynamic::Kind::kDateTime:
    case Dynamic::Kind::kTimespan:
      return static_cast<double>(d.long_value());
    case Dynamic::Kind::kReal:
      return d.real_value();
    case Dynamic::Kind::kString:
      return ParseReal(d.string_value());
    default:
      return std::nullopt;
  }
}

std::optional<bool> ToBoolValue(const Column& column, size_t row) {
  if (IsNullAt(column, row)) return std::nullopt;
  row = At(column, row);
  TypeKind type = column.type();
  if (type == TypeKind::kBool || type == TypeKind::kInt || type == TypeKind::kLong) {
    return column.GetInt(row) != 0;
  }
  if (IsRealStored(type)) return column.GetReal(row) != 0;
  if (type == TypeKind::kString) return ParseBool(column.GetString(row));
  if (type != TypeKind::kDynamic) return std::nullopt;
  const Dynamic& d = column.GetDynamic(row);
  switch (d.kind()) {
    case Dynamic::Kind::kBool:
      return d.bool_value();
    case Dynamic::Kind::kLong:
      return d.long_value() != 0;
    case Dynamic::Kind::kReal:
      return d.real_value() != 0;
    case Dynamic::Kind::kString:
      return ParseBool(d.string_value());
    default:
      return std::nullopt;
  }
}

namespace {

std::optional<int64_t> ToTicks(const Column& column, size_t row, TypeKind target) {
  if (IsNullAt(column, row)) return std::nullopt;
  row = At(column, row);
  if (column.type() == target) return column.GetInt(row);
  auto parse = [target](std::string_view text) {
    return target == TypeKind::kDateTime ? ParseDateTime(text) : ParseTimespan(text);
  };
  if (column.type() == TypeKind::kString) return parse(column.GetString(row));
  if (column.type() != TypeKind::kDynamic) return std::nullopt;
  const Dynamic& d = column.GetDynamic(row);
  if (d.kind() == Dynamic::Kind::kString) return parse(d.string_value());
  if ((d.kind() == Dynamic::Kind::kDateTime && target == TypeKind::kDateTime) ||
      (d.kind() == Dynamic::Kind::kTimespan && target == TypeKind::kTimespan)) {
    return d.long_value();
  }
  return std::nullopt;
}

std::optional<std::string> ToGuidText(const Column& column, size_t row) {
  if (IsNullAt(column, row)) return std::nullopt;
  row = At(column, row);
  if (column.type() == TypeKind::kGuid) return std::string(column.GetString(row));
  if (column.type() == TypeKind::kString) return ParseGuid(column.GetString(row));
  if (column.type() != TypeKind::kDynamic) return std::nullopt;
  const Dynamic& d = column.GetDynamic(row);
  if (d.kind() == Dynamic::Kind::kGuid || d.kind() == Dynamic::Kind::kString) {
    return ParseGuid(d.string_value());
  }
  return std::nullopt;
}

template <typename Fn>
void AppendOptionalInts(const Column& input, Column* out, Fn&& convert) {
  for (size_t i = 0; i < input.size(); ++i) {
    std::optional<int64_t> v = convert(i);
    if (v.has_value()) {
      out->AppendInt(*v);
    } else {
      out->AppendNull();
    }
  }
}

}  // namespace

ColumnPtr CastColumn(const Column& input, TypeKind target) {
  auto out = std::make_shared<Column>(target);
  size_t rows = input.size();
  out->Reserve(rows);
  switch (target) {
    case TypeKind::kNull:
      for (size_t i = 0; i < rows; ++i) out->AppendNull();
      break;
    case TypeKind::kBool:
      AppendOptionalInts(input, out.get(), [&](size_t i) -> std::optional<int64_t> {
        std::optional<bool> b = ToBoolValue(input, i);
        if (!b.has_value()) return std::nullopt;
        return *b ? 1 : 0;
      });
      break;
    case TypeKind::kInt:
      AppendOptionalInts(input, out.get(), [&](size_t i) -> std::optional<int64_t> {
        std::optional<int64_t> v = ToLongValue(input, i);
        if (!v.has_value() || *v < std::numeric_limits<int32_t>::min() ||
            *v > std::numeric_limits<int32_t>::max()) {
          return std::nullopt;
        }
        return v;
      });
      break;
    case TypeKind::kLong:
      AppendOptionalInts(input, out.get(), [&](size_t i) { return ToLongValue(input, i); });
      break;
    case TypeKind::kDateTime:
    case TypeKind::kTimespan:
      AppendOptionalInts(input, out.get(), [&](size_t i) { return ToTicks(input, i, target); });
      break;
    case TypeKind::kReal:
    case TypeKind::kDecimal:
      for (size_t i = 0; i < rows; ++i) {
        std::optional<double> v = ToRealValue(input, i);
        if (v.has_value()) {
          out->AppendReal(*v);
        } else {
          out->AppendNull();
        }
      }
      break;
    case TypeKind::kString: {
      std::string scratch;
      for (size_t i = 0; i < rows; ++i) out->AppendString(TextOf(input, i, &scratch));
      break;
    }
    case TypeKind::kGuid:
      for (size_t i = 0; i < rows; ++i) {
        std::optional<std::string> g = ToGuidText(input, i);
        if (g.has_value()) {
          out->AppendString(*g);
        } else {
          out->AppendNull();
        }
      }
      break;
    case TypeKind::kDynamic:
      for (size_t i = 0; i < rows; ++i) out->AppendDynamic(ToDynamic(input, i));
      break;
  }
  return out;
}

ColumnPtr CastColumn(const ColumnPtr& input, TypeKind target) {
  if (input->type() == target) return input;
  return CastColumn(*input, target);
}

}  // namespace huntbook::functions
