// String functions: tolower, toupper, strlen, string_size, substring, strcat, strcat_delim,
// strcat_array, split, replace_string, indexof, reverse. Character positions count Unicode
// code points (utf8_text.h), as Kusto does.
#include <algorithm>
#include <string>
#include <vector>

#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/column_writer.h"
#include "huntbook/functions/conversion.h"
#include "huntbook/functions/scalar_families.h"
#include "huntbook/functions/utf8_text.h"

namespace huntbook::functions {
namespace {

std::string DocUrl(const std::string& name) {
  std::string page = name;
  std::replace(page.begin(), page.end(), '_', '-');
  return "https://learn.microsoft.com/kusto/query/" + page + "-function";
}

// A string -> string kernel over raw bytes.
template <typename Fn>
KernelFn StringMapKernel(Fn fn) {
  return
      [fn](std::span<const ColumnPtr> args, size_t rows, const EvalContext&) -> Result<ColumnPtr> {
        const Column& input = *args[0];
        auto out = std::make_shared<Column>(TypeKind::kString);
        out->Reserve(rows);
        std::string scratch, result;
        for (size_t i = 0; i < rows; ++i) {
          result.clear();
          fn(TextOf(input, i, &scratch), &result);
          out->AppendString(result);
        }
        return ColumnPtr(out);
      };
}

template <typename Fn>
KernelFn StringToLongKernel(Fn fn) {
  return
      [fn](std::span<const ColumnPtr> args, size_t rows, const EvalContext&) -> Result<ColumnPtr> {
        const Column& input = *args[0];
        IntColumnWriter out(TypeKind::kLong, rows);
        std::string scratch;
        for (size_t i = 0; i < rows; ++i) out.Set(i, fn(TextOf(input, i, &scratch)));
        return out.Finish();
      };
}

// substring(source, startingIndex [, length]): a negative start counts from the end;
// indexes and lengths clamp to the string. Null index or length -> "".
Value Substring(std::span<const Value> args, const EvalContext&) {
  if (args[1].is_null() || (args.size() > 2 && args[2].is_null())) return Value::String("");
  const std::string& source = args[0].string_value();
  int64_t count = static_cast<int64_t>(CodePointCount(source));
  int64_t start = args[1].int_value();
  if (start < 0) start = std::max<int64_t>(0, count + start);
  start = std::min(start, count);
  int64_t length = args.size() > 2 ? args[2].int_value() : count - start;
  if (length < 0) return Value::String("");
  int64_t end = std::min(count, start + length);
  size_t begin_byte = ByteOffsetOfCodePoint(source, static_cast<size_t>(start));
  size_t end_byte = ByteOffsetOfCodePoint(source, static_cast<size_t>(end));
  return Value::String(source.substr(begin_byte, end_byte - begin_byte));
}

KernelFn StrcatKernel(size_t first_value_arg, bool with_delimiter) {
  return
      [=](std::span<const ColumnPtr> args, size_t rows, const EvalContext&) -> Result<ColumnPtr> {
        auto out = std::make_shared<Column>(TypeKind::kString);
        out->Reserve(rows);
        std::string result, delimiter;
        for (size_t i = 0; i < rows; ++i) {
          result.clear();
          if (with_delimiter) {
            delimiter.clear();
            AppendText(*args[0], i, &delimiter);
          }
          for (size_t a = first_value_arg; a < args.size(); ++a) {
            if (with_delimiter && a > first_value_arg) result += delimiter;
            AppendText(*args[a], i, &result);
          }
          out->AppendString(result);
        }
        return ColumnPtr(out);
      };
}

Value Split(std::span<const Value> args, const EvalContext&) {
  const std::string& source = args[0].string_value();
  const std::string& delimiter = args[1].string_value();
  Dynamic::Array parts;
  if (delimiter.empty()) {
    parts.push_back(Dynamic::String(source));
  } else {
    size_t start = 0;
    while (true) {
      size_t pos = source.find(delimiter, start);
      if (pos == std::string::npos) {
        parts.push_back(Dynamic::String(source.substr(start)));
        break;
      }
      parts.push_back(Dynamic::String(source.substr(start, pos - start)));
      start = pos + delimiter.size();
    }
  }
  if (args.size() > 2) {
    if (args[2].is_null()) return Value::Null(TypeKind::kDynamic);
    int64_t index = args[2].int_value();
    Dynamic::Array picked;
    if (index >= 0 && static_cast<size_t>(index) < parts.size()) picked.push_back(parts[index]);
    return Value::Dyn(Dynamic::MakeArray(std::move(picked)));
  }
  return Value::Dyn(Dynamic::MakeArray(std::move(parts)));
}

// parse-csv-function: the first record of comma-separated text as an array of strings. A
// field in double quotes may hold commas, line feeds and quotes doubled ("b""bb" -> b"bb);
// an unquoted line feed ends the record.
Value ParseCsv(std::span<const Value> args, const EvalContext&) {
  const std::string& text = args[0].string_value();
  Dynamic::Array fields;
  std::string field;
  size_t i = 0;
  while (true) {
    field.clear();
    if (i < text.size() && text[i] == '"') {
      for (++i; i < text.size(); ++i) {
        if (text[i] != '"') {
          field += text[i];
        } else if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          ++i;  // the closing quote; text up to the next comma is kept as is
          break;
        }
      }
    }
    while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
      field += text[i++];
    }
    fields.push_back(Dynamic::String(field));
    if (i >= text.size() || text[i] != ',') break;
    ++i;
  }
  return Value::Dyn(Dynamic::MakeArray(std::move(fields)));
}

Value ReplaceString(std::span<const Value> args, const EvalContext&) {
  const std::string& text = args[0].string_value();
  const std::string& lookup = args[1].string_value();
  const std::string& rewrite = args[2].string_value();
  if (lookup.empty()) return Value::String(text);
  std::string out;
  size_t start = 0;
  while (true) {
    size_t pos = text.find(lookup, start);
    if (pos == std::string::npos) break;
    out.append(text, start, pos - start);
    out += rewrite;
    start = pos + lookup.size();
  }
  out.append(text, start, std::string::npos);
  return Value::String(std::move(out));
}

// indexof(string, match [, start [, length [, occurrence]]]): character positions; a
// negative start counts from the end; length -1 = unlimited; -1 when not found; null for
// length < -1 or occurrence < 0. Each further occurrence is searched from one character
// after the previous hit, over the next `length` characters (so the documented example
// indexof("abcdefgabcdefg", "cde", 1, 10, 2) finds 9).
std::optional<int64_t> IndexOf(std::string_view source, std::string_view match, int64_t start,
                               int64_t length, int64_t occurrence) {
  if (length < -1 || occurrence < 0) return std::nullopt;
  int64_t count = static_cast<int64_t>(CodePointCount(source));
  if (start < 0) start = std::max<int64_t>(0, count + start);
  if (occurrence == 0) occurrence = 1;
  int64_t hit_index = -1;
  for (int64_t found = 0; found < occurrence; ++found) {
    if (start > count) return -1;
    size_t begin = ByteOffsetOfCodePoint(source, static_cast<size_t>(start));
    size_t end = source.size();
    if (length >= 0) {
      end = ByteOffsetOfCodePoint(source, static_cast<size_t>(std::min(count, start + length)));
    }
    size_t hit = source.substr(begin, end - begin).find(match);
    if (hit == std::string_view::npos) return -1;
    hit_index = static_cast<int64_t>(CodePointIndexOfByte(source, begin + hit));
    start = hit_index + 1;
  }
  return hit_index;
}

Result<ColumnPtr> IndexOfKernel(std::span<const ColumnPtr> args, size_t rows, const EvalContext&) {
  IntColumnWriter out(TypeKind::kLong, rows);
  std::string source_scratch, match_scratch;
  for (size_t i = 0; i < rows; ++i) {
    std::optional<int64_t> start = args.size() > 2 ? ToLongValue(*args[2], i) : 0;
    std::optional<int64_t> length = args.size() > 3 ? ToLongValue(*args[3], i) : -1;
    std::optional<int64_t> occurrence = args.size() > 4 ? ToLongValue(*args[4], i) : 1;
    std::optional<int64_t> result;
    if (start && length && occurrence) {
      result = IndexOf(TextOf(*args[0], i, &source_scratch), TextOf(*args[1], i, &match_scratch),
                       *start, *length, *occurrence);
    }
    if (result.has_value()) {
      out.Set(i, *result);
    } else {
      out.SetNull(i);
    }
  }
  return out.Finish();
}

Value StrcatArray(std::span<const Value> args, const EvalContext&) {
  const Dynamic& array = args[0].dynamic_value();
  if (args[0].is_null() || !array.is_array()) return Value::String("");
  std::string out;
  bool first = true;
  for (const Dynamic& item : array.array()) {
    if (!first) out += args[1].string_value();
    first = false;
    AppendDynamicText(item, &out);
  }
  return Value::String(std::move(out));
}

void Register(const std::string& name, int min_args, int max_args, BindFn bind, KernelFn kernel) {
  RegisterScalarFunction(
      {name, DocUrl(name), min_args, max_args, std::move(bind), std::move(kernel)});
}

}  // namespace

void RegisterStringFunctions() {
  using R = ArgRule;
  // Kusto's front end takes any scalar for tolower/toupper and a string or dynamic value for
  // strlen/string_size, read as tostring() would. (strlen/string_size also take other
  // scalars here, which Kusto rejects: huntbook has no string-or-dynamic rule yet.)
  Register("tolower", 1, 1, FixedResultBind("tolower", {R::kStringLike}, TypeKind::kString),
           StringMapKernel([](std::string_view s, std::string* out) { AppendLower(s, out); }));
  Register("toupper", 1, 1, FixedResultBind("toupper", {R::kStringLike}, TypeKind::kString),
           StringMapKernel([](std::string_view s, std::string* out) { AppendUpper(s, out); }));
  Register("strlen", 1, 1, FixedResultBind("strlen", {R::kStringOrDynamic}, TypeKind::kLong),
           StringToLongKernel(
               [](std::string_view s) { return static_cast<int64_t>(CodePointCount(s)); }));
  Register("string_size", 1, 1,
           FixedResultBind("string_size", {R::kStringOrDynamic}, TypeKind::kLong),
           StringToLongKernel([](std::string_view s) { return static_cast<int64_t>(s.size()); }));
  Register(
      "reverse", 1, 1, FixedResultBind("reverse", {R::kStringLike}, TypeKind::kString),
      StringMapKernel([](std::string_view s, std::string* out) { *out = ReverseCodePoints(s); }));
  BindFn substring_bind =
      FixedResultBind("substring", {R::kStringLike, R::kInteger, R::kInteger}, TypeKind::kString);
  Register("substring", 2, 3, substring_bind,
           [substring_bind](std::span<const ColumnPtr> args, size_t rows,
                            const EvalContext& context) -> Result<ColumnPtr> {
             std::vector<ColumnPtr> cast(args.begin(), args.end());
             cast[0] = CastColumn(cast[0], TypeKind::kString);
             return MakeRowKernel(substring_bind, Substring)(cast, rows, context);
           });
  Register("strcat", 1, 64, FixedResultBind("strcat", {}, TypeKind::kString, R::kAny),
           StrcatKernel(0, false));
  Register("strcat_delim", 3, 65,
           FixedResultBind("strcat_delim", {R::kString}, TypeKind::kString, R::kAny),
           StrcatKernel(1, true));
  BindFn split_bind =
      FixedResultBind("split", {R::kStringLike, R::kString, R::kInteger}, TypeKind::kDynamic);
  // split-function: the source is any scalar (split(parse_url(u).Path, "/")), read as
  // tostring() reads it.
  Register("split", 2, 3, split_bind,
           [row_kernel = MakeRowKernel(split_bind, Split)](
               std::span<const ColumnPtr> args, size_t rows,
               const EvalContext& context) -> Result<ColumnPtr> {
             if (args[0]->type() == TypeKind::kString) return row_kernel(args, rows, context);
             std::vector<ColumnPtr> cast(args.begin(), args.end());
             cast[0] = CastColumn(cast[0], TypeKind::kString);
             return row_kernel(cast, rows, context);
           });
  BindFn parse_csv_bind = FixedResultBind("parse_csv", {R::kString}, TypeKind::kDynamic);
  Register("parse_csv", 1, 1, parse_csv_bind, MakeRowKernel(parse_csv_bind, ParseCsv));
  BindFn replace_bind =
      FixedResultBind("replace_string", {R::kString, R::kString, R::kString}, TypeKind::kString);
  Register("replace_string", 3, 3, replace_bind, MakeRowKernel(replace_bind, ReplaceString));
  Register("indexof", 2, 5,
           FixedResultBind("indexof",
                           {R::kStringLike, R::kStringLike, R::kInteger, R::kInteger, R::kInteger},
                           TypeKind::kLong),
           IndexOfKernel);
  BindFn strcat_array_bind =
      FixedResultBind("strcat_array", {R::kDynamic, R::kString}, TypeKind::kString);
  Register("strcat_array", 2, 2, strcat_array_bind, MakeRowKernel(strcat_array_bind, StrcatArray));
}

}  // namespace huntbook::functions
