// Tests of the string predicate operators.
// https://learn.microsoft.com/kusto/query/datatypes-string-operators
#include <gtest/gtest.h>

#include "huntbook/functions/scalar_test_harness.h"

namespace huntbook::functions::testing {
namespace {

bool Op(const std::string& op, const std::string& haystack, const std::string& needle) {
  return EvalBool(op, {Str(haystack), Str(needle)});
}

// Examples from the operator table of datatypes-string-operators.
TEST(StringPredicatesTest, DocumentedExamples) {
  EXPECT_TRUE(Op("=~", "abc", "ABC"));
  EXPECT_TRUE(Op("!~", "aBc", "xyz"));
  EXPECT_TRUE(Op("contains", "FabriKam", "BRik"));
  EXPECT_TRUE(Op("!contains", "Fabrikam", "xyz"));
  EXPECT_TRUE(Op("contains_cs", "FabriKam", "Kam"));
  EXPECT_TRUE(Op("!contains_cs", "Fabrikam", "Kam"));
  EXPECT_TRUE(Op("endswith", "Fabrikam", "Kam"));
  EXPECT_TRUE(Op("!endswith", "Fabrikam", "brik"));
  EXPECT_TRUE(Op("endswith_cs", "Fabrikam", "kam"));
  EXPECT_TRUE(Op("!endswith_cs", "Fabrikam", "brik"));
  EXPECT_TRUE(Op("has", "North America", "america"));
  EXPECT_TRUE(Op("!has", "North America", "amer"));
  EXPECT_TRUE(Op("has_cs", "North America", "America"));
  EXPECT_TRUE(Op("!has_cs", "North America", "amer"));
  EXPECT_TRUE(Op("startswith", "Fabrikam", "fab"));
  EXPECT_TRUE(Op("!startswith", "Fabrikam", "kam"));
  EXPECT_TRUE(Op("startswith_cs", "Fabrikam", "Fab"));
  EXPECT_TRUE(Op("!startswith_cs", "fabrikam", "Kam"));
}

// https://learn.microsoft.com/kusto/query/hasprefix-operator (and hassuffix-operator)
TEST(StringPredicatesTest, HasPrefixAndSuffixAreTermBased) {
  EXPECT_TRUE(Op("hasprefix", "North America", "ame"));
  EXPECT_TRUE(Op("!hasprefix", "North America", "mer"));
  EXPECT_TRUE(Op("hasprefix_cs", "North America", "Ame"));
  EXPECT_TRUE(Op("!hasprefix_cs", "North America", "CA"));
  EXPECT_TRUE(Op("hassuffix", "North America", "ica"));
  EXPECT_TRUE(Op("!hassuffix", "North America", "americ"));
  EXPECT_TRUE(Op("hassuffix_cs", "North America", "ica"));
  EXPECT_TRUE(Op("!hassuffix_cs", "North America", "ICA"));
  EXPECT_TRUE(Op("hasprefix", "Invoke-Mimikatz", "mimi"));
}

// "What is a term?" section of datatypes-string-operators; KQL.md table.
TEST(StringPredicatesTest, HasMatchesWholeTerms) {
  EXPECT_FALSE(Op("has", "KustoExplorerQueryRun", "Explorer"));
  EXPECT_TRUE(Op("contains", "KustoExplorerQueryRun", "Explorer"));
  EXPECT_FALSE(Op("has", "PowerShellRunner", "Shell"));
  EXPECT_TRUE(Op("has", "svc: a1b2-c3d4;HostRun", "c3d4"));
  EXPECT_TRUE(Op("has", "a b c", "b"));
  EXPECT_TRUE(
      Op("has", "Kusto: ad67d136-c1db-4f9f-88ef-d94f3b6b0b5a;KustoExplorerQueryRun", "88ef"));
  // Underscore and non-ASCII bytes separate terms.
  EXPECT_TRUE(Op("has", "user_name", "name"));
}

TEST(StringPredicatesTest, PunctuatedNeedleIsAPhraseAtTermBoundaries) {
  EXPECT_TRUE(Op("has", R"(C:\Win\cmd.exe /c)", "cmd.exe"));
  EXPECT_FALSE(Op("has", "mycmd.exe", "cmd.exe"));
  EXPECT_FALSE(Op("has", "cmd.exe2", "cmd.exe"));
  EXPECT_TRUE(Op("has", "run CMD.EXE now", "cmd.exe"));
  EXPECT_FALSE(Op("has_cs", "run CMD.EXE now", "cmd.exe"));
  EXPECT_TRUE(Op("hasprefix", "x cmd.exe2", "cmd.ex"));
  EXPECT_TRUE(Op("hassuffix", "mycmd.exe", "cmd.exe"));
}

TEST(StringPredicatesTest, EmptyStrings) {
  EXPECT_TRUE(Op("contains", "abc", ""));
  EXPECT_TRUE(Op("startswith", "", ""));
  EXPECT_FALSE(Op("has", "", "abc"));
  EXPECT_FALSE(Op("contains", "", "a"));
  EXPECT_TRUE(Op("=~", "", ""));
}

// A dynamic haystack is read as tostring() reads it; a number or a datetime is a bind error,
// as in Microsoft's front end ("The operator 'has' is not defined for the operand types long
// and string"): write tostring(x) has "...".
TEST(StringPredicatesTest, DynamicHaystackUsesTostringOtherTypesAreErrors) {
  EXPECT_TRUE(EvalBool("has", {Dyn(R"({"user":"Alice","id":7})"), Str("alice")}));
  EXPECT_TRUE(EvalBool("has", {Dyn(R"("plain text")"), Str("plain")}));
  EXPECT_FALSE(EvalBool("has", {Dyn("null"), Str("1")}));
  EXPECT_EQ(BindError("has", {TypeKind::kLong, TypeKind::kString}),
            "has(): argument 1 must be string or dynamic, got long");
  EXPECT_EQ(BindError("startswith", {TypeKind::kDateTime, TypeKind::kString}),
            "startswith(): argument 1 must be string or dynamic, got datetime");
}

TEST(StringPredicatesTest, ColumnsAndConstants) {
  ColumnPtr hay = Strings({"Invoke-Expression", "invoke-webrequest", "Get-Item", ""});
  ColumnPtr out = Call("has", {hay, Str("invoke")}, 4);
  EXPECT_TRUE(out->Get(0).bool_value());
  EXPECT_TRUE(out->Get(1).bool_value());
  EXPECT_FALSE(out->Get(2).bool_value());
  EXPECT_FALSE(out->Get(3).bool_value());
  // Needle column, haystack constant.
  ColumnPtr needles = Strings({"win", "WINDOWS", "dows"});
  out = Call("has", {Str("windows server"), needles}, 3);
  EXPECT_FALSE(out->Get(0).bool_value());
  EXPECT_TRUE(out->Get(1).bool_value());
  EXPECT_FALSE(out->Get(2).bool_value());
  out = Call("!contains", {Str("windows server"), needles}, 3);
  EXPECT_FALSE(out->Get(2).bool_value());
}

// https://learn.microsoft.com/kusto/query/matches-regex-operator ; KQL.md (RE2, unanchored,
// case-sensitive, (?i) works).
TEST(StringPredicatesTest, MatchesRegex) {
  EXPECT_FALSE(Op("matches regex", "Invoke-Expression", "expr"));
  EXPECT_TRUE(Op("matches regex", "Invoke-Expression", "(?i)expr"));
  EXPECT_TRUE(Op("matches regex", "abc123", R"(\d+$)"));
  ColumnPtr patterns = Strings({"^a", "^b"});
  ColumnPtr out = Call("matches regex", {Str("abc"), patterns}, 2);
  EXPECT_TRUE(out->Get(0).bool_value());
  EXPECT_FALSE(out->Get(1).bool_value());
  auto bad = TryCall("matches regex", {Str("x"), Str("(unclosed")});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("(unclosed"), std::string::npos);
}

// https://learn.microsoft.com/kusto/query/has-anyoperator , has-all-operator
TEST(StringPredicatesTest, HasAnyAndHasAll) {
  EXPECT_FALSE(EvalBool("has_any", {Str("NEWARK PORT"), Str("new")}));
  EXPECT_TRUE(EvalBool("has_any", {Str("NEWARK PORT"), Str("new"), Str("port")}));
  EXPECT_TRUE(EvalBool("has_any", {Str("ran cmd.exe"), Dyn(R"(["powershell", "cmd.exe"])")}));
  EXPECT_FALSE(EvalBool("has_any", {Str("ran mycmd.exe"), Dyn(R"(["cmd.exe"])")}));
  EXPECT_FALSE(EvalBool("has_any", {Str("abc"), Dyn("[]")}));
  EXPECT_TRUE(EvalBool("has_all", {Str("North America"), Str("north"), Str("AMERICA")}));
  EXPECT_FALSE(EvalBool("has_all", {Str("North America"), Str("north"), Str("south")}));
  EXPECT_TRUE(EvalBool("has_all", {Str("a.b c"), Dyn(R"(["a.b", "c", "C"])")}));
  ColumnPtr hay = Strings({"alpha beta", "gamma", "beta"});
  ColumnPtr out = Call("has_any", {hay, Str("beta"), Str("delta")}, 3);
  EXPECT_TRUE(out->Get(0).bool_value());
  EXPECT_FALSE(out->Get(1).bool_value());
  EXPECT_TRUE(out->Get(2).bool_value());
}

TEST(StringPredicatesTest, TypeErrors) {
  EXPECT_EQ(BindError("has", {TypeKind::kString, TypeKind::kLong}),
            "has(): argument 2 must be string, got long");
  EXPECT_EQ(BindError("contains", {TypeKind::kDynamic, TypeKind::kString}), "");
  EXPECT_EQ(BindError("has", {TypeKind::kString, TypeKind::kNull}), "");
}

}  // namespace
}  // namespace huntbook::functions::testing
