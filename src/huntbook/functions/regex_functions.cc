// Regex-based string functions (RE2 syntax, as Kusto): extract, extract_all, replace_regex
// (and its legacy form replace), countof, indexof_regex, trim, trim_start, trim_end.
#include <algorithm>
#include <string>
#include <vector>

#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/column_writer.h"
#include "huntbook/functions/conversion.h"
#include "huntbook/functions/kusto_regex.h"
#include "huntbook/functions/scalar_families.h"
#include "huntbook/functions/utf8_text.h"

namespace huntbook::functions {
namespace {

re2::StringPiece Piece(std::string_view s) { return re2::StringPiece(s.data(), s.size()); }

// extract(regex, captureGroup, source [, typeLiteral]). See scalar_function.h for how the
// binder passes typeof(T): as an argument whose type is T.
Result<TypeKind> BindExtract(std::span<const TypeKind> types) {
  RETURN_IF_ERROR(CheckArguments("extract", types,
                                 std::vector<ArgRule>{ArgRule::kString, ArgRule::kInteger,
                                                      ArgRule::kStringOrDynamic, ArgRule::kAny}));
  if (types.size() < 4 || types[3] == TypeKind::kNull) return TypeKind::kString;
  return types[3];
}

Result<ColumnPtr> ExtractKernel(std::span<const ColumnPtr> args, size_t rows, const EvalContext&) {
  RegexCache cache("extract");
  auto text = std::make_shared<Column>(TypeKind::kString);
  text->Reserve(rows);
  std::vector<size_t> no_match;
  std::string pattern_scratch, source_scratch;
  std::vector<re2::StringPiece> groups;
  for (size_t i = 0; i < rows; ++i) {
    ASSIGN_OR_RETURN(const RE2* regex, cache.Get(TextOf(*args[0], i, &pattern_scratch)));
    std::optional<int64_t> group = ToLongValue(*args[1], i);
    std::string_view source = TextOf(*args[2], i, &source_scratch);
    if (!group.has_value() || *group < 0 || *group > regex->NumberOfCapturingGroups()) {
      text->AppendString("");
      no_match.push_back(i);
      continue;
    }
    groups.assign(static_cast<size_t>(*group) + 1, re2::StringPiece());
    if (regex->Match(Piece(source), 0, source.size(), RE2::UNANCHORED, groups.data(),
                     static_cast<int>(groups.size())) &&
        groups[*group].data() != nullptr) {
      text->AppendString(std::string_view(groups[*group].data(), groups[*group].size()));
    } else {
      text->AppendString("");
      no_match.push_back(i);
    }
  }
  TypeKind target =
      args.size() > 3 && args[3]->type() != TypeKind::kNull ? args[3]->type() : TypeKind::kString;
  if (target == TypeKind::kString) return ColumnPtr(text);
  // Typed extraction: convert, then null the rows that did not match.
  ColumnPtr converted = CastColumn(*text, target);
  if (no_match.empty()) return converted;
  auto out = std::make_shared<Column>(target);
  out->Reserve(rows);
  size_t next = 0;
  for (size_t i = 0; i < rows; ++i) {
    if (next < no_match.size() && no_match[next] == i) {
      out->AppendNull();
      ++next;
    } else {
      out->AppendFrom(*converted, i);
    }
  }
  return ColumnPtr(out);
}

// extract_all(regex, [captureGroups,] source): an array of the matches; each item is the
// single capture group's text, or an array of the groups' texts when there are several.
// No match -> null. The regex must have 1..16 capture groups.
Result<ColumnPtr> ExtractAllKernel(std::span<const ColumnPtr> args, size_t rows,
                                   const EvalContext&) {
  RegexCache cache("extract_all");
  auto out = std::make_shared<Column>(TypeKind::kDynamic);
  out->Reserve(rows);
  std::string pattern_scratch, source_scratch;
  const Column& source_column = *args[args.size() - 1];
  for (size_t i = 0; i < rows; ++i) {
    ASSIGN_OR_RETURN(const RE2* regex, cache.Get(TextOf(*args[0], i, &pattern_scratch)));
    int group_count = regex->NumberOfCapturingGroups();
    if (group_count < 1 || group_count > 16) {
      return InvalidArgument(
          "extract_all(): the regular expression must have 1 to 16 capture "
          "groups, got " +
          std::to_string(group_count));
    }
    std::vector<int> wanted;
    if (args.size() == 3 && !IsNullAt(*args[1], i)) {
      const Dynamic& list = args[1]->GetDynamic(At(*args[1], i));
      if (list.is_array()) {
        for (const Dynamic& item : list.array()) {
          if (item.kind() == Dynamic::Kind::kLong && item.long_value() >= 0 &&
              item.long_value() <= group_count) {
            wanted.push_back(static_cast<int>(item.long_value()));
          }
        }
      }
    }
    if (wanted.empty()) {
      for (int g = 1; g <= group_count; ++g) wanted.push_back(g);
    }
    std::string_view source = TextOf(source_column, i, &source_scratch);
    std::vector<re2::StringPiece> groups(group_count + 1);
    Dynamic::Array matches;
    size_t pos = 0;
    while (pos <= source.size() && regex->Match(Piece(source), pos, source.size(), RE2::UNANCHORED,
                                                groups.data(), group_count + 1)) {
      auto text = [&](int g) {
        return Dynamic::String(groups[g].data() == nullptr
                                   ? std::string()
                                   : std::string(groups[g].data(), groups[g].size()));
      };
      if (wanted.size() == 1) {
        matches.push_back(text(wanted[0]));
      } else {
        Dynamic::Array row;
        for (int g : wanted) row.push_back(text(g));
        matches.push_back(Dynamic::MakeArray(std::move(row)));
      }
      size_t end = static_cast<size_t>(groups[0].data() - source.data()) + groups[0].size();
      pos = groups[0].empty() ? end + 1 : end;
    }
    if (matches.empty()) {
      out->AppendNull();
    } else {
      out->AppendDynamic(Dynamic::MakeArray(std::move(matches)));
    }
  }
  return ColumnPtr(out);
}

// replace_regex(source, lookup_regex, rewrite_pattern): every non-overlapping match is
// replaced; \0..\9 in the rewrite refer to capture groups.
Result<ColumnPtr> ReplaceRegexKernel(std::span<const ColumnPtr> args, size_t rows,
                                     const EvalContext&) {
  RegexCache cache("replace_regex");
  auto out = std::make_shared<Column>(TypeKind::kString);
  out->Reserve(rows);
  std::string source_scratch, pattern_scratch, rewrite_scratch, result;
  for (size_t i = 0; i < rows; ++i) {
    ASSIGN_OR_RETURN(const RE2* regex, cache.Get(TextOf(*args[1], i, &pattern_scratch)));
    result = std::string(TextOf(*args[0], i, &source_scratch));
    std::string_view rewrite = TextOf(*args[2], i, &rewrite_scratch);
    std::string error;
    if (!regex->CheckRewriteString(Piece(rewrite), &error)) {
      return InvalidArgument("replace_regex(): invalid rewrite '" + std::string(rewrite) +
                             "': " + error);
    }
    RE2::GlobalReplace(&result, *regex, Piece(rewrite));
    out->AppendString(result);
  }
  return ColumnPtr(out);
}

// countof(source, search [, kind]): kind "normal" (default) counts overlapping occurrences
// of the plain text; "regex" counts non-overlapping regex matches.
Result<ColumnPtr> CountOfKernel(std::span<const ColumnPtr> args, size_t rows, const EvalContext&) {
  RegexCache cache("countof");
  IntColumnWriter out(TypeKind::kLong, rows);
  std::string source_scratch, search_scratch, kind_scratch;
  for (size_t i = 0; i < rows; ++i) {
    std::string_view source = TextOf(*args[0], i, &source_scratch);
    std::string_view search = TextOf(*args[1], i, &search_scratch);
    std::string_view kind = args.size() > 2 ? TextOf(*args[2], i, &kind_scratch) : "normal";
    int64_t count = 0;
    if (kind == "regex") {
      ASSIGN_OR_RETURN(const RE2* regex, cache.Get(search));
      re2::StringPiece input = Piece(source);
      re2::StringPiece match;
      size_t pos = 0;
      while (pos <= source.size() &&
             regex->Match(input, pos, source.size(), RE2::UNANCHORED, &match, 1)) {
        ++count;
        size_t end = static_cast<size_t>(match.data() - source.data()) + match.size();
        pos = match.empty() ? end + 1 : end;
      }
    } else if (kind == "normal") {
      if (!search.empty()) {
        for (size_t pos = source.find(search); pos != std::string_view::npos;
             pos = source.find(search, pos + 1)) {
          ++count;
        }
      }
    } else {
      return InvalidArgument("countof(): kind must be \"normal\" or \"regex\", got \"" +
                             std::string(kind) + "\"");
    }
    out.Set(i, count);
  }
  return out.Finish();
}

// indexof_regex(source, regex [, start [, length [, occurrence]]]): the character index of
// the occurrence-th non-overlapping match inside [start, start + length); -1 when there is
// none; null for start < 0, length < -1 or occurrence < 0 (occurrence 0 counts as 1).
Result<ColumnPtr> IndexOfRegexKernel(std::span<const ColumnPtr> args, size_t rows,
                                     const EvalContext&) {
  RegexCache cache("indexof_regex");
  IntColumnWriter out(TypeKind::kLong, rows);
  std::string source_scratch, pattern_scratch;
  for (size_t i = 0; i < rows; ++i) {
    ASSIGN_OR_RETURN(const RE2* regex, cache.Get(TextOf(*args[1], i, &pattern_scratch)));
    std::optional<int64_t> start = args.size() > 2 ? ToLongValue(*args[2], i) : 0;
    std::optional<int64_t> length = args.size() > 3 ? ToLongValue(*args[3], i) : -1;
    std::optional<int64_t> occurrence = args.size() > 4 ? ToLongValue(*args[4], i) : 1;
    if (!start || !length || !occurrence || *start < 0 || *length < -1 || *occurrence < 0) {
      out.SetNull(i);
      continue;
    }
    std::string_view source = TextOf(*args[0], i, &source_scratch);
    int64_t count = static_cast<int64_t>(CodePointCount(source));
    int64_t result = -1;
    if (*start <= count) {
      size_t begin = ByteOffsetOfCodePoint(source, static_cast<size_t>(*start));
      size_t end = *length < 0
                       ? source.size()
                       : ByteOffsetOfCodePoint(
                             source, static_cast<size_t>(std::min(count, *start + *length)));
      std::string_view window = source.substr(0, end);
      re2::StringPiece match;
      int64_t wanted = std::max<int64_t>(*occurrence, 1);
      size_t pos = begin;
      for (int64_t found = 0;
           pos <= window.size() &&
           regex->Match(Piece(window), pos, window.size(), RE2::UNANCHORED, &match, 1);) {
        size_t match_begin = static_cast<size_t>(match.data() - window.data());
        if (++found == wanted) {
          result = static_cast<int64_t>(CodePointIndexOfByte(source, match_begin));
          break;
        }
        pos = match_begin + std::max<size_t>(match.size(), 1);
      }
    }
    out.Set(i, result);
  }
  return out.Finish();
}

// trim / trim_start / trim_end(regex, source): remove repeated matches of regex at the
// start and/or end.
KernelFn TrimKernel(std::string name, bool start, bool end) {
  return
      [=](std::span<const ColumnPtr> args, size_t rows, const EvalContext&) -> Result<ColumnPtr> {
        RegexCache leading(name), trailing(name);
        auto out = std::make_shared<Column>(TypeKind::kString);
        out->Reserve(rows);
        std::string pattern_scratch, source_scratch, result;
        for (size_t i = 0; i < rows; ++i) {
          std::string pattern(TextOf(*args[0], i, &pattern_scratch));
          result = std::string(TextOf(*args[1], i, &source_scratch));
          if (start) {
            ASSIGN_OR_RETURN(const RE2* regex, leading.Get("^(?:" + pattern + ")+"));
            RE2::Replace(&result, *regex, "");
          }
          if (end) {
            ASSIGN_OR_RETURN(const RE2* regex, trailing.Get("(?:" + pattern + ")+$"));
            RE2::Replace(&result, *regex, "");
          }
          out->AppendString(result);
        }
        return ColumnPtr(out);
      };
}

void Register(const std::string& name, const std::string& page, int min_args, int max_args,
              BindFn bind, KernelFn kernel) {
  RegisterScalarFunction({name, "https://learn.microsoft.com/kusto/query/" + page, min_args,
                          max_args, std::move(bind), std::move(kernel)});
}

}  // namespace

void RegisterRegexFunctions() {
  using R = ArgRule;
  Register("extract", "extract-function", 3, 4, BindExtract, ExtractKernel);
  Register(
      "extract_all", "extract-all-function", 2, 3,
      [](std::span<const TypeKind> types) -> Result<TypeKind> {
        std::vector<ArgRule> rules =
            types.size() == 3 ? std::vector<ArgRule>{R::kString, R::kDynamic, R::kStringOrDynamic}
                              : std::vector<ArgRule>{R::kString, R::kStringOrDynamic};
        RETURN_IF_ERROR(CheckArguments("extract_all", types, rules));
        return TypeKind::kDynamic;
      },
      ExtractAllKernel);
  Register(
      "replace_regex", "replace-regex-function", 3, 3,
      FixedResultBind("replace_regex", {R::kString, R::kString, R::kString}, TypeKind::kString),
      ReplaceRegexKernel);
  // Legacy replace(regex, rewrite, source) = replace_regex(source, regex, rewrite).
  Register("replace", "replace-function", 3, 3,
           FixedResultBind("replace", {R::kString, R::kString, R::kString}, TypeKind::kString),
           [](std::span<const ColumnPtr> args, size_t rows,
              const EvalContext& context) -> Result<ColumnPtr> {
             std::vector<ColumnPtr> reordered = {args[2], args[0], args[1]};
             return ReplaceRegexKernel(reordered, rows, context);
           });
  Register("indexof_regex", "indexof-regex-function", 2, 5,
           FixedResultBind("indexof_regex",
                           {R::kStringOrDynamic, R::kString, R::kInteger, R::kInteger, R::kInteger},
                           TypeKind::kLong),
           IndexOfRegexKernel);
  Register("countof", "countof-function", 2, 3,
           FixedResultBind("countof", {R::kString, R::kString, R::kString}, TypeKind::kLong),
           CountOfKernel);
  Register("trim", "trim-function", 2, 2,
           FixedResultBind("trim", {R::kString, R::kStringOrDynamic}, TypeKind::kString),
           TrimKernel("trim", true, true));
  Register("trim_start", "trim-start-function", 2, 2,
           FixedResultBind("trim_start", {R::kString, R::kStringOrDynamic}, TypeKind::kString),
           TrimKernel("trim_start", true, false));
  Register("trim_end", "trim-end-function", 2, 2,
           FixedResultBind("trim_end", {R::kString, R::kStringOrDynamic}, TypeKind::kString),
           TrimKernel("trim_end", false, true));
}

}  // namespace huntbook::functions
