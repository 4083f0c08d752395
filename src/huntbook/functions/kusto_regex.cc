#include "huntbook/functions/kusto_regex.h"

namespace huntbook::functions {

Result<std::unique_ptr<RE2>> CompileKustoRegex(std::string_view pattern,
                                               std::string_view function) {
  RE2::Options options;
  options.set_log_errors(false);
  auto regex = std::make_unique<RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
  if (!regex->ok()) {
    return InvalidArgument(std::string(function) + ": invalid regular expression '" +
                           std::string(pattern) + "': " + regex->error());
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
