// Internal: compiling user regular expressions (RE2 syntax, as Kusto) with errors as values.
// https://learn.microsoft.com/kusto/query/regex
#pragma once

#include <re2/re2.h>

#include <memory>
#include <string>
#include <string_view>

#include "huntbook/common/status.h"

namespace huntbook::functions {

// Compiles `pattern`; an invalid pattern gives InvalidArgument naming the function, the
// pattern and RE2's reason (each quoted up to 200 bytes). RE2 matches in linear time, so no
// pattern hangs; a pattern whose program exceeds RE2's memory budget (RE2::Options
// max_mem, 8 MB) fails to compile and is reported the same way.
Result<std::unique_ptr<RE2>> CompileKustoRegex(std::string_view pattern, std::string_view function);

// Compiles a pattern once per distinct value: kernels call Get(pattern) per row and pay
// for compilation only when the pattern changes (a constant pattern compiles once).
class RegexCache {
 public:
  explicit RegexCache(std::string function) : function_(std::move(function)) {}
  Result<const RE2*> Get(std::string_view pattern);

 private:
  std::string function_;
  std::string pattern_;
  std::unique_ptr<RE2> regex_;
};

}  // namespace huntbook::functions
