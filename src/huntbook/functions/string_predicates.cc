// String predicate operators: has, contains, startswith, endswith, hasprefix, hassuffix
// (each with !, _cs and !_cs forms), =~, !~, matches regex, has_any, has_all.
// https://learn.microsoft.com/kusto/query/datatypes-string-operators
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "huntbook/common/term.h"
#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/column_writer.h"
#include "huntbook/functions/conversion.h"
#include "huntbook/functions/kusto_regex.h"
#include "huntbook/functions/scalar_families.h"
#include "huntbook/functions/string_matcher.h"

namespace huntbook::functions {
namespace {

const char kOperatorsDoc[] = "https://learn.microsoft.com/kusto/query/datatypes-string-operators";

KernelFn PredicateKernel(MatchKind kind, bool case_sensitive, bool negate) {
  return
      [=](std::span<const ColumnPtr> args, size_t rows, const EvalContext&) -> Result<ColumnPtr> {
        const Column& haystack = *args[0];
        const Column& needle = *args[1];
        IntColumnWriter out(TypeKind::kBool, rows);
        int64_t* values = out.values();
        std::string scratch, needle_scratch;
        if (IsConstant(needle)) {
          StringMatcher matcher(kind, TextOf(needle, 0, &needle_scratch), case_sensitive);
          if (haystack.type() == TypeKind::kString && haystack.size() == rows) {
            for (size_t i = 0; i < rows; ++i) {
              values[i] = matcher.Matches(haystack.GetString(i)) != negate;
            }
          } else {
            for (size_t i = 0; i < rows; ++i) {
              values[i] = matcher.Matches(TextOf(haystack, i, &scratch)) != negate;
            }
          }
        } else {
          for (size_t i = 0; i < rows; ++i) {
            StringMatcher matcher(kind, TextOf(needle, i, &needle_scratch), case_sensitive);
            values[i] = matcher.Matches(TextOf(haystack, i, &scratch)) != negate;
          }
        }
        return out.Finish();
      };
}

void RegisterPredicate(const std::string& name, const std::string& doc_page, MatchKind kind,
                       bool case_sensitive, bool negate) {
  RegisterScalarFunction(
      {name, "https://learn.microsoft.com/kusto/query/" + doc_page, 2, 2,
       FixedResultBind(name, {ArgRule::kStringOrDynamic, ArgRule::kString}, TypeKind::kBool),
       PredicateKernel(kind, case_sensitive, negate)});
}

// Registers op, !op, op_cs and !op_cs with their doc pages (<op>-operator, not-<op>-operator,
// <op>-cs-operator, not-<op>-cs-operator).
void RegisterPredicateFamily(const std::string& op, MatchKind kind) {
  RegisterPredicate(op, op + "-operator", kind, false, false);
  RegisterPredicate("!" + op, "not-" + op + "-operator", kind, false, true);
  RegisterPredicate(op + "_cs", op + "-cs-operator", kind, true, false);
  RegisterPredicate("!" + op + "_cs", "not-" + op + "-cs-operator", kind, true, true);
}

Result<ColumnPtr> MatchesRegexKernel(std::span<const ColumnPtr> args, size_t rows,
                                     const EvalContext&) {
  const Column& haystack = *args[0];
  const Column& pattern = *args[1];
  IntColumnWriter out(TypeKind::kBool, rows);
  std::string scratch, pattern_scratch;
  RegexCache cache("matches regex");
  for (size_t i = 0; i < rows; ++i) {
    ASSIGN_OR_RETURN(const RE2* regex, cache.Get(TextOf(pattern, i, &pattern_scratch)));
    std::string_view h = TextOf(haystack, i, &scratch);
    out.Set(i, RE2::PartialMatch(re2::StringPiece(h.data(), h.size()), *regex));
  }
  return out.Finish();
}

// has_any / has_all over a fixed needle list. One-term needles go into a hash map probed
// with each haystack term; punctuated needles use a StringMatcher each.
class TermSetMatcher {
 public:
  TermSetMatcher(const std::vector<std::string>& needles, bool all) : all_(all) {
    for (const std::string& needle : needles) {
      std::string folded = AsciiLower(needle);
      bool single_term = !folded.empty();
      for (char c : folded) {
        if (!IsTermChar(static_cast<unsigned char>(c))) single_term = false;
      }
      if (single_term) {
        terms_.emplace(folded, terms_.size() + phrases_.size());
      } else {
        phrases_.emplace_back(MatchKind::kHas, folded, false);
      }
    }
    needle_count_ = terms_.size() + phrases_.size();
  }

  bool Matches(std::string_view haystack) const {
    if (needle_count_ == 0) return false;
    std::vector<uint8_t> seen;
    size_t seen_count = 0;
    if (all_) seen.assign(needle_count_, 0);
    std::string term;
    bool any = false;
    if (!terms_.empty()) {
      ForEachTerm(haystack, [&](std::string_view t) {
        if (any) return;
        term.assign(t);
        for (char& c : term) c = FoldAscii(c);
        auto it = terms_.find(term);
        if (it == terms_.end()) return;
        if (!all_) {
          any = true;
        } else if (!seen[it->second]) {
          seen[it->second] = 1;
          ++seen_count;
        }
      });
    }
    if (any) return true;
    for (size_t p = 0; p < phrases_.size(); ++p) {
      bool match = phrases_[p].Matches(haystack);
      if (!all_ && match) return true;
      if (all_ && !match) return false;
      if (all_) ++seen_count;
    }
    return all_ && seen_count == needle_count_;
  }

 private:
  bool all_;
  std::unordered_map<std::string, size_t> terms_;
  std::vector<StringMatcher> phrases_;
  size_t needle_count_ = 0;
};

// The needles of row i: each argument after the haystack; a dynamic array contributes each
// element (tostring'ed), a null contributes nothing.
void CollectNeedles(std::span<const ColumnPtr> args, size_t row, std::vector<std::string>* out) {
  out->clear();
  for (size_t a = 1; a < args.size(); ++a) {
    const Column& column = *args[a];
    if (IsNullAt(column, row)) continue;
    if (column.type() == TypeKind::kDynamic) {
      const Dynamic& d = column.GetDynamic(At(column, row));
      if (d.is_array()) {
        for (const Dynamic& item : d.array()) {
          if (item.is_null()) continue;
          std::string text;
          AppendDynamicText(item, &text);
          out->push_back(std::move(text));
        }
        continue;
      }
    }
    std::string text;
    AppendText(column, row, &text);
    out->push_back(std::move(text));
  }
}

KernelFn TermSetKernel(bool all) {
  return
      [all](std::span<const ColumnPtr> args, size_t rows, const EvalContext&) -> Result<ColumnPtr> {
        const Column& haystack = *args[0];
        IntColumnWriter out(TypeKind::kBool, rows);
        bool constant_needles = true;
        for (size_t a = 1; a < args.size(); ++a) constant_needles &= IsConstant(*args[a]);
        std::vector<std::string> needles;
        std::string scratch;
        std::unique_ptr<TermSetMatcher> matcher;
        for (size_t i = 0; i < rows; ++i) {
          if (matcher == nullptr || !constant_needles) {
            CollectNeedles(args, i, &needles);
            matcher = std::make_unique<TermSetMatcher>(needles, all);
          }
          out.Set(i, matcher->Matches(TextOf(haystack, i, &scratch)));
        }
        return out.Finish();
      };
}

}  // namespace

void RegisterStringPredicates() {
  RegisterPredicateFamily("has", MatchKind::kHas);
  RegisterPredicateFamily("hasprefix", MatchKind::kHasPrefix);
  RegisterPredicateFamily("hassuffix", MatchKind::kHasSuffix);
  RegisterPredicateFamily("contains", MatchKind::kContains);
  RegisterPredicateFamily("startswith", MatchKind::kStartsWith);
  RegisterPredicateFamily("endswith", MatchKind::kEndsWith);
  RegisterScalarFunction(
      {"=~", kOperatorsDoc, 2, 2,
       FixedResultBind("=~", {ArgRule::kStringOrDynamic, ArgRule::kString}, TypeKind::kBool),
       PredicateKernel(MatchKind::kEquals, false, false)});
  RegisterScalarFunction(
      {"!~", kOperatorsDoc, 2, 2,
       FixedResultBind("!~", {ArgRule::kStringOrDynamic, ArgRule::kString}, TypeKind::kBool),
       PredicateKernel(MatchKind::kEquals, false, true)});
  RegisterScalarFunction(
      {"matches regex", "https://learn.microsoft.com/kusto/query/matches-regex-operator", 2, 2,
       FixedResultBind("matches regex", {ArgRule::kStringOrDynamic, ArgRule::kString},
                       TypeKind::kBool),
       MatchesRegexKernel});
  RegisterScalarFunction(
      {"has_any", "https://learn.microsoft.com/kusto/query/has-anyoperator", 2, -1,
       FixedResultBind("has_any", {ArgRule::kStringOrDynamic}, TypeKind::kBool, ArgRule::kAny),
       TermSetKernel(false)});
  RegisterScalarFunction(
      {"has_all", "https://learn.microsoft.com/kusto/query/has-all-operator", 2, -1,
       FixedResultBind("has_all", {ArgRule::kStringOrDynamic}, TypeKind::kBool, ArgRule::kAny),
       TermSetKernel(true)});
}

}  // namespace huntbook::functions
