#include "huntbook/functions/kusto_regex.h"

namespace huntbook::functions {
namespace {

// Messages quote at most this many bytes of a pattern (a pattern may be 1 MB long).
constexpr size_t kQuotedPatternBytes = 200;

std::string Abbreviated(std::string_view text) {
  if (text.size() <= kQuotedPatternBytes) return std::string(text);
  size_t cut = kQuotedPatternBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "... (" + std::to_string(text.size()) + " bytes)";
}

}  // namespace

Result<std::unique_ptr<RE2>> CompileKustoRegex(std::string_view pattern,
                                               std::string_view function) {
  RE2::Options options;
  options.set_log_errors(false);
  auto regex = std::make_unique<RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
  if (!regex->ok()) {
    return InvalidArgument(std::string(function) + ": invalid regular expression '" +
                           Abbreviated(pattern) + "': " + Abbreviated(regex->error()));
  }
  return regex;
}

Result<const RE2*> RegexCache::Get(std::string_view pattern) {
  if (regex_ == nullptr || pattern != pattern_) {
    ASSIGN_OR_RETURN(regex_, CompileKustoRegex(pattern, function_));
    pattern_ = std::string(pattern);
  }
  return static_cast<const RE2*>(regex_.get());
}

}  // namespace huntbook::functions
