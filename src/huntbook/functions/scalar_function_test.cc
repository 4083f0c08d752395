// Tests of the catalogue itself: lookup, names, doc links, arity metadata.
#include "huntbook/functions/scalar_function.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace huntbook::functions {
namespace {

TEST(ScalarFunctionTest, FindsRegisteredFunctions) {
  for (const char* name : {"has",
                           "!has",
                           "has_cs",
                           "matches regex",
                           "=~",
                           "has_any",
                           "ago",
                           "now",
                           "bin",
                           "floor",
                           "tostring",
                           "toint",
                           "tolong",
                           "todouble",
                           "toreal",
                           "todatetime",
                           "tolower",
                           "toupper",
                           "strlen",
                           "substring",
                           "strcat",
                           "split",
                           "replace_string",
                           "extract",
                           "iff",
                           "iif",
                           "case",
                           "isempty",
                           "isnotempty",
                           "isnull",
                           "isnotnull",
                           "coalesce",
                           "parse_json",
                           "todynamic",
                           "array_length",
                           "pack_array",
                           "bag_pack",
                           "pack",
                           "not",
                           "startofday"}) {
    const ScalarFunction* f = FindScalarFunction(name);
    ASSERT_NE(f, nullptr) << name;
    EXPECT_EQ(f->name, name);
    EXPECT_EQ(f->doc_url.rfind("https://learn.microsoft.com/kusto/query/", 0), 0u) << name;
    EXPECT_TRUE(f->bind != nullptr && f->kernel != nullptr) << name;
    EXPECT_TRUE(f->max_args == -1 || f->max_args >= f->min_args) << name;
  }
  EXPECT_EQ(FindScalarFunction("Has"), nullptr);
  EXPECT_EQ(FindScalarFunction("no_such_function"), nullptr);
}

TEST(ScalarFunctionTest, NamesAreSortedAndUnique) {
  std::vector<std::string> names = ScalarFunctionNames();
  EXPECT_GT(names.size(), 130u);
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_EQ(std::adjacent_find(names.begin(), names.end()), names.end());
}

}  // namespace
}  // namespace huntbook::functions
