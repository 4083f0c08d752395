// More string functions: translate, strrep, strcmp, tohex, new_guid, has_any_index.
// Character positions count Unicode code points (utf8_text.h), as Kusto does.
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/column_writer.h"
#include "huntbook/functions/conversion.h"
#include "huntbook/functions/scalar_families.h"
#include "huntbook/functions/string_matcher.h"
#include "huntbook/functions/utf8_text.h"

namespace huntbook::functions {
namespace {

std::vector<std::string_view> CodePoints(std::string_view text) {
  std::vector<std::string_view> points;
  for (size_t i = 0; i < text.size();) {
    size_t n = std::min(Utf8SequenceLength(static_cast<unsigned char>(text[i])), text.size() - i);
    points.push_back(text.substr(i, n));
    i += n;
  }
  return points;
}

// translate(searchList, replacementList, source): each character of source found in
// searchList is replaced by the replacementList character at the same position, or by the
// last replacementList character when that list is shorter; an empty replacementList
// removes the characters.
Value Translate(std::span<const Value> args, const EvalContext&) {
  std::vector<std::string_view> search = CodePoints(args[0].string_value());
  std::vector<std::string_view> replacement = CodePoints(args[1].string_value());
  std::string out;
  for (std::string_view c : CodePoints(args[2].string_value())) {
    auto it = std::find(search.begin(), search.end(), c);
    if (it == search.end()) {
      out += c;
    } else if (!replacement.empty()) {
      size_t index = std::min<size_t>(it - search.begin(), replacement.size() - 1);
      out += replacement[index];
    }
  }
  return Value::String(std::move(out));
}

// strrep(value, multiplier [, delimiter]): value repeated multiplier times (at most 1024),
// joined by delimiter; multiplier < 1 or null gives "".
Result<ColumnPtr> StrRepKernel(std::span<const ColumnPtr> args, size_t rows, const EvalContext&) {
  auto out = std::make_shared<Column>(TypeKind::kString);
  out->Reserve(rows);
  std::string value_scratch, delimiter_scratch, result;
  for (size_t i = 0; i < rows; ++i) {
    result.clear();
    std::optional<int64_t> times = ToLongValue(*args[1], i);
    std::string_view value = TextOf(*args[0], i, &value_scratch);
    std::string_view delimiter = args.size() > 2 ? TextOf(*args[2], i, &delimiter_scratch) : "";
    int64_t count = times ? std::min<int64_t>(*times, 1024) : 0;
    for (int64_t k = 0; k < count; ++k) {
      if (k > 0) result += delimiter;
      result += value;
    }
    out->AppendString(result);
  }
  return ColumnPtr(out);
}

// strcmp(string1, string2): -1, 0 or 1 by ordinal (byte) comparison.
Value StrCmp(std::span<const Value> args, const EvalContext&) {
  int c = args[0].string_value().compare(args[1].string_value());
  return Value::Long(c < 0 ? -1 : (c > 0 ? 1 : 0));
}

// tohex(value [, minLength]): lower-case two's complement hex (32 bits for int, 64 for
// long), left-padded with zeros to minLength; null value gives "".
Value ToHex(std::span<const Value> args, const EvalContext&) {
  if (args[0].is_null()) return Value::String("");
  uint64_t bits = args[0].type() == TypeKind::kInt
                      ? static_cast<uint32_t>(static_cast<int32_t>(args[0].int_value()))
                      : static_cast<uint64_t>(args[0].int_value());
  static const char kHex[] = "0123456789abcdef";
  std::string digits;
  do {
    digits.push_back(kHex[bits & 15]);
    bits >>= 4;
  } while (bits != 0);
  if (args.size() > 1 && !args[1].is_null()) {
    int64_t width = std::min<int64_t>(args[1].int_value(), 16);  // documented cap
    while (static_cast<int64_t>(digits.size()) < width) digits.push_back('0');
  }
  std::reverse(digits.begin(), digits.end());
  return Value::String(std::move(digits));
}

Result<ColumnPtr> NewGuidKernel(std::span<const ColumnPtr>, size_t rows, const EvalContext&) {
  static const char kHex[] = "0123456789abcdef";
  std::random_device seed;
  std::mt19937_64 random(((uint64_t{seed()} << 32) | seed()));
  auto out = std::make_shared<Column>(TypeKind::kGuid);
  out->Reserve(rows);
  std::string text;
  for (size_t i = 0; i < rows; ++i) {
    uint64_t high = random(), low = random();
    high = (high & ~uint64_t{0xF000}) | 0x4000;                    // version 4
    low = (low & ~(uint64_t{0xC} << 60)) | (uint64_t{0x8} << 60);  // RFC 4122 variant
    text.clear();
    for (int k = 0; k < 32; ++k) {
      if (k == 8 || k == 12 || k == 16 || k == 20) text.push_back('-');
      uint64_t word = k < 16 ? high : low;
      text.push_back(kHex[(word >> (60 - 4 * (k % 16))) & 15]);
    }
    out->AppendString(text);
  }
  return ColumnPtr(out);
}

// has_any_index(source, values): index of the first array item that `source` has (the
// case-insensitive term match of `has`); non-string items match as their text; -1 when
// none matches or the array is empty.
Value HasAnyIndex(std::span<const Value> args, const EvalContext&) {
  const std::string& source = args[0].string_value();
  if (args[1].is_null() || !args[1].dynamic_value().is_array()) return Value::Long(-1);
  const Dynamic::Array& items = args[1].dynamic_value().array();
  std::string needle;
  for (size_t k = 0; k < items.size(); ++k) {
    if (items[k].is_null() || items[k].is_array() || items[k].is_object()) continue;
    needle.clear();
    AppendDynamicText(items[k], &needle);
    if (StringMatcher(MatchKind::kHas, needle, false).Matches(source)) {
      return Value::Long(static_cast<int64_t>(k));
    }
  }
  return Value::Long(-1);
}

void Register(const std::string& name, int min_args, int max_args, BindFn bind, KernelFn kernel) {
  std::string page = name;
  std::replace(page.begin(), page.end(), '_', '-');
  RegisterScalarFunction({name, "https://learn.microsoft.com/kusto/query/" + page + "-function",
                          min_args, max_args, std::move(bind), std::move(kernel)});
}

// unicode_codepoints_from_string(s): the code points of s as a dynamic array of longs;
// a byte that does not start a valid UTF-8 sequence reads as U+FFFD.
// https://learn.microsoft.com/kusto/query/unicode-codepoints-from-string-function
Value CodePointsFromString(std::span<const Value> args, const EvalContext&) {
  if (args[0].is_null()) return Value();
  const std::string text = args[0].string_value();
  Dynamic::Array points;
  for (size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    size_t length = Utf8SequenceLength(lead);
    int64_t point = 0xFFFD;
    if (length == 1 && lead < 0x80) {
      point = lead;
    } else if (length > 1 && i + length <= text.size()) {
      point = lead & (0xFF >> (length + 1));
      for (size_t k = 1; k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[i + k]);
        if ((next & 0xC0) != 0x80) {
          point = 0xFFFD;
          length = k;
          break;
        }
        point = (point << 6) | (next & 0x3F);
      }
    } else {
      length = 1;
    }
    points.push_back(Dynamic::Long(point));
    i += length;
  }
  return Value::Dyn(Dynamic::MakeArray(std::move(points)));
}

bool AppendCodePoint(int64_t point, std::string* out) {
  if (point < 0 || point > 0x10FFFF || (point >= 0xD800 && point <= 0xDFFF)) return false;
  AppendUtf8(static_cast<uint32_t>(point), out);
  return true;
}

// unicode_codepoints_to_string(values, ...): each argument a code point (int/long) or a
// dynamic array of them. A null argument, a non-integer element or a value that is not a
// Unicode scalar value gives "" (string has no null).
// https://learn.microsoft.com/kusto/query/unicode-codepoints-to-string-function
Value CodePointsToString(std::span<const Value> args, const EvalContext&) {
  std::string out;
  for (const Value& arg : args) {
    if (arg.is_null()) return Value::String("");
    if (arg.type() != TypeKind::kDynamic) {
      if (!AppendCodePoint(arg.int_value(), &out)) return Value::String("");
      continue;
    }
    const Dynamic& d = arg.dynamic_value();
    if (!d.is_array()) return Value::String("");
    for (const Dynamic& item : d.array()) {
      if (item.kind() != Dynamic::Kind::kLong || !AppendCodePoint(item.long_value(), &out)) {
        return Value::String("");
      }
    }
  }
  return Value::String(std::move(out));
}

void RegisterRow(const std::string& name, int min_args, int max_args, BindFn bind, RowFn fn) {
  Register(name, min_args, max_args, bind, MakeRowKernel(bind, std::move(fn)));
}

}  // namespace

void RegisterStringEditFunctions() {
  using R = ArgRule;
  RegisterRow("translate", 3, 3,
              FixedResultBind("translate", {R::kString, R::kString, R::kString}, TypeKind::kString),
              Translate);
  Register("strrep", 2, 3,
           FixedResultBind("strrep", {R::kScalar, R::kInteger, R::kString}, TypeKind::kString),
           StrRepKernel);
  RegisterRow("strcmp", 2, 2, FixedResultBind("strcmp", {R::kString, R::kString}, TypeKind::kLong),
              StrCmp);
  RegisterRow("tohex", 1, 2,
              FixedResultBind("tohex", {R::kInteger, R::kInteger}, TypeKind::kString), ToHex);
  ScalarFunction new_guid{"new_guid",
                          "https://learn.microsoft.com/kusto/query/new-guid-function",
                          0,
                          0,
                          FixedResultBind("new_guid", {}, TypeKind::kGuid),
                          NewGuidKernel};
  new_guid.deterministic = false;  // a fresh guid per row: never folded into a constant
  RegisterScalarFunction(std::move(new_guid));
  RegisterRow("unicode_codepoints_from_string", 1, 1,
              FixedResultBind("unicode_codepoints_from_string", {R::kString}, TypeKind::kDynamic),
              CodePointsFromString);
  RegisterRow(
      "unicode_codepoints_to_string", 1, 64,
      [](std::span<const TypeKind> types) -> Result<TypeKind> {
        for (size_t i = 0; i < types.size(); ++i) {
          const TypeKind t = types[i];
          if (t != TypeKind::kInt && t != TypeKind::kLong && t != TypeKind::kDynamic &&
              t != TypeKind::kNull) {
            return SemanticError("unicode_codepoints_to_string(): argument " +
                                 std::to_string(i + 1) + " must be int, long or dynamic, got " +
                                 std::string(TypeName(t)));
          }
        }
        return TypeKind::kString;
      },
      CodePointsToString);
  RegisterRow("has_any_index", 2, 2,
              FixedResultBind("has_any_index", {R::kString, R::kDynamic}, TypeKind::kLong),
              HasAnyIndex);
}

}  // namespace huntbook::functions
