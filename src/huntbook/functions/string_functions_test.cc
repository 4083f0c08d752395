// Tests of the string and regex functions; each block cites its documentation page.
#include <gtest/gtest.h>

#include "huntbook/functions/scalar_test_harness.h"

namespace huntbook::functions::testing {
namespace {

// https://learn.microsoft.com/kusto/query/tolower-function , toupper-function
TEST(StringFunctionsTest, ToLowerToUpper) {
  EXPECT_EQ(EvalText("tolower", {Str("Hello WORLD")}), "hello world");
  EXPECT_EQ(EvalText("toupper", {Str("hello")}), "HELLO");
  EXPECT_EQ(EvalText("tolower", {Str("ÀÉÎ Ωmega ДОМ")}), "àéî ωmega дом");
  EXPECT_EQ(EvalText("toupper", {Str("é")}), "É");
  EXPECT_EQ(EvalText("tolower", {Str("")}), "");
  ColumnPtr out = Call("tolower", {Strings({"A", "bC", ""})}, 3);
  EXPECT_EQ(out->GetString(1), "bc");
  // Kusto's front end takes any scalar (read as tostring()) and a dynamic value.
  EXPECT_EQ(BindError("tolower", {TypeKind::kLong}), "");
  EXPECT_EQ(BindError("toupper", {TypeKind::kDynamic}), "");
}

// https://learn.microsoft.com/kusto/query/strlen-function (code points; KQL.md)
TEST(StringFunctionsTest, StrlenCountsCharacters) {
  EXPECT_EQ(Eval("strlen", {Str("hello")}).int_value(), 5);
  EXPECT_EQ(Eval("strlen", {Str("é")}).int_value(), 1);
  EXPECT_EQ(Eval("string_size", {Str("é")}).int_value(), 2);
  EXPECT_EQ(Eval("strlen", {Str("")}).int_value(), 0);
  // A dynamic value is read as tostring() would (Kusto's front end accepts it).
  EXPECT_EQ(BindError("strlen", {TypeKind::kDynamic}), "");
  EXPECT_EQ(BindError("string_size", {TypeKind::kDynamic}), "");
}

// https://learn.microsoft.com/kusto/query/substring-function
TEST(StringFunctionsTest, Substring) {
  EXPECT_EQ(EvalText("substring", {Str("123456"), Long(1)}), "23456");
  EXPECT_EQ(EvalText("substring", {Str("123456"), Long(2), Long(2)}), "34");
  EXPECT_EQ(EvalText("substring", {Str("ABCD"), Int(0), Int(2)}), "AB");
  EXPECT_EQ(EvalText("substring", {Str("123456"), Long(-2), Long(2)}), "56");
  EXPECT_EQ(EvalText("substring", {Str("héllo"), Long(1), Long(2)}), "él");
  EXPECT_EQ(EvalText("substring", {Str("abc"), Long(10)}), "");
  EXPECT_EQ(EvalText("substring", {Str("abc"), Null(TypeKind::kLong)}), "");
  EXPECT_EQ(BindError("substring", {TypeKind::kString, TypeKind::kString}),
            "substring(): argument 2 must be int or long, got string");
}

// https://learn.microsoft.com/kusto/query/strcat-function , strcat-delim-function
TEST(StringFunctionsTest, Strcat) {
  EXPECT_EQ(EvalText("strcat", {Str("hello"), Str(" "), Str("world")}), "hello world");
  EXPECT_EQ(EvalText("strcat", {Str("n="), Long(5), Str(" "), Bool(true)}), "n=5 true");
  EXPECT_EQ(EvalText("strcat", {Str("x"), Null(TypeKind::kLong)}), "x");
  EXPECT_EQ(EvalText("strcat_delim", {Str("-"), Str("A"), Long(1), Str("c")}), "A-1-c");
  ColumnPtr out = Call("strcat", {Strings({"a", "b"}), Str("!")}, 2);
  EXPECT_EQ(out->GetString(1), "b!");
}

// https://learn.microsoft.com/kusto/query/split-function
TEST(StringFunctionsTest, Split) {
  EXPECT_EQ(EvalText("split", {Str("aa_bb"), Str("_")}), R"(["aa","bb"])");
  EXPECT_EQ(EvalText("split", {Str("aaa_bbb_ccc"), Str("_"), Long(1)}), R"(["bbb"])");
  EXPECT_EQ(EvalText("split", {Str(""), Str("_")}), R"([""])");
  EXPECT_EQ(EvalText("split", {Str("a__b"), Str("_")}), R"(["a","","b"])");
  EXPECT_EQ(EvalText("split", {Str("aabbcc"), Str("bb")}), R"(["aa","cc"])");
  EXPECT_EQ(EvalText("split", {Str("a_b"), Str("_"), Long(5)}), "[]");
}

// https://learn.microsoft.com/kusto/query/replace-string-function
TEST(StringFunctionsTest, ReplaceString) {
  EXPECT_EQ(EvalText("replace_string",
                     {Str("A magic trick can turn a cat into a dog"), Str("cat"), Str("hamster")}),
            "A magic trick can turn a hamster into a dog");
  EXPECT_EQ(EvalText("replace_string", {Str("aaa"), Str("a"), Str("bb")}), "bbbbbb");
  EXPECT_EQ(EvalText("replace_string", {Str("abc"), Str(""), Str("x")}), "abc");
}

// https://learn.microsoft.com/kusto/query/indexof-function (examples idx1..idx9)
TEST(StringFunctionsTest, IndexOf) {
  auto idx = [](std::vector<ColumnPtr> args) { return Eval("indexof", std::move(args)); };
  EXPECT_EQ(idx({Str("abcdefg"), Str("cde")}).int_value(), 2);
  EXPECT_EQ(idx({Str("abcdefg"), Str("cde"), Long(1), Long(4)}).int_value(), 2);
  EXPECT_EQ(idx({Str("abcdefg"), Str("cde"), Long(1), Long(2)}).int_value(), -1);
  EXPECT_EQ(idx({Str("abcdefg"), Str("cde"), Long(3), Long(4)}).int_value(), -1);
  EXPECT_EQ(idx({Str("abcdefg"), Str("cde"), Long(-5)}).int_value(), 2);
  EXPECT_EQ(idx({Long(1234567), Long(5), Long(1), Long(4)}).int_value(), 4);
  EXPECT_EQ(idx({Str("abcdefg"), Str("cde"), Long(2), Long(-1)}).int_value(), 2);
  EXPECT_EQ(idx({Str("abcdefgabcdefg"), Str("cde"), Long(1), Long(10), Long(2)}).int_value(), 9);
  EXPECT_EQ(idx({Str("abcdefgabcdefg"), Str("cde"), Long(1), Long(-1), Long(3)}).int_value(), -1);
  EXPECT_TRUE(idx({Str("abc"), Str("b"), Long(0), Long(-2)}).is_null());
}

// https://learn.microsoft.com/kusto/query/reverse-function , strcat-array-function
TEST(StringFunctionsTest, ReverseAndStrcatArray) {
  EXPECT_EQ(EvalText("reverse", {Str("ABCDEF")}), "FEDCBA");
  EXPECT_EQ(EvalText("reverse", {Str("héllo")}), "olléh");
  EXPECT_EQ(EvalText("reverse", {Long(123)}), "321");
  EXPECT_EQ(EvalText("strcat_array", {Dyn("[1, 2, 3]"), Str("->")}), "1->2->3");
  EXPECT_EQ(EvalText("strcat_array", {Dyn(R"(["a", "b"])"), Str(",")}), "a,b");
}

// https://learn.microsoft.com/kusto/query/extract-function
TEST(StringFunctionsTest, Extract) {
  EXPECT_EQ(EvalText("extract", {Str("User: ([^,]+)"), Long(1),
                                 Str("User: James, Email: James@example.com, Age: 29")}),
            "James");
  EXPECT_EQ(EvalText("extract", {Str(R"(\d+)"), Long(0), Str("Age: 35")}), "35");
  EXPECT_EQ(EvalText("extract", {Str(R"(\d+)"), Long(0), Str("none")}), "");
  Value month =
      Eval("extract", {Str(R"(-(\d{2})-)"), Long(1), Str("21-07-2023"), Null(TypeKind::kInt)});
  EXPECT_EQ(month.type(), TypeKind::kInt);
  EXPECT_EQ(month.int_value(), 7);
  Value duration = Eval("extract", {Str("Duration=([0-9.]+)"), Long(1),
                                    Str("A=1, B=2, Duration=123.45, ..."), Null(TypeKind::kReal)});
  EXPECT_DOUBLE_EQ(duration.real_value(), 123.45);
  EXPECT_TRUE(
      Eval("extract", {Str("x=(\\w+)"), Long(1), Str("x=abc"), Null(TypeKind::kLong)}).is_null());
  EXPECT_TRUE(Eval("extract", {Str("(a)"), Long(1), Str("b"), Null(TypeKind::kLong)}).is_null());
  EXPECT_FALSE(TryCall("extract", {Str("("), Long(0), Str("x")}).ok());
}

// https://learn.microsoft.com/kusto/query/extract-all-function
TEST(StringFunctionsTest, ExtractAll) {
  EXPECT_EQ(EvalText("extract_all", {Str(R"((\d+))"), Str("a1b22c333")}), R"(["1","22","333"])");
  EXPECT_EQ(EvalText("extract_all", {Str(R"((\w)(\d))"), Str("a1 b2")}),
            R"([["a","1"],["b","2"]])");
  EXPECT_TRUE(Eval("extract_all", {Str(R"((\d))"), Str("none")}).is_null());
  EXPECT_FALSE(TryCall("extract_all", {Str(R"(\d)"), Str("1")}).ok());
}

// https://learn.microsoft.com/kusto/query/replace-regex-function , countof-function,
// trim-function
TEST(StringFunctionsTest, ReplaceRegexCountOfTrim) {
  EXPECT_EQ(EvalText("replace_regex", {Str("Number is 42"), Str(R"(is (\d+))"), Str(R"(was \1)")}),
            "Number was 42");
  EXPECT_EQ(EvalText("replace_regex", {Str("a.b.c"), Str(R"(\.)"), Str("-")}), "a-b-c");
  EXPECT_EQ(Eval("countof", {Str("The cat sat on the mat"), Str("at")}).int_value(), 3);
  EXPECT_EQ(Eval("countof", {Str("aaa"), Str("a")}).int_value(), 3);
  EXPECT_EQ(Eval("countof", {Str("aaaa"), Str("aa")}).int_value(), 3);
  EXPECT_EQ(Eval("countof", {Str("ababa"), Str("ab"), Str("normal")}).int_value(), 2);
  EXPECT_EQ(Eval("countof", {Str("ababa"), Str("aba")}).int_value(), 2);
  EXPECT_EQ(Eval("countof", {Str("ababa"), Str("aba"), Str("regex")}).int_value(), 1);
  EXPECT_EQ(Eval("countof", {Str("abcabc"), Str("a|b"), Str("regex")}).int_value(), 4);
  EXPECT_EQ(EvalText("trim", {Str("--"), Str("--https://bing.com--")}), "https://bing.com");
  EXPECT_EQ(EvalText("trim", {Str(R"(\s+)"), Str("  x y  ")}), "x y");
  EXPECT_EQ(EvalText("trim_start", {Str("x"), Str("xxaxx")}), "axx");
  EXPECT_EQ(EvalText("trim_end", {Str("x"), Str("xxaxx")}), "xxa");
}

}  // namespace
}  // namespace huntbook::functions::testing

namespace huntbook::functions::testing {
namespace {

// https://learn.microsoft.com/kusto/query/base64-encode-tostring-function ,
// base64-decode-tostring-function, url-encode-function, url-encode-component-function,
// url-decode-function
TEST(EncodingFunctionsTest, Base64AndUrl) {
  EXPECT_EQ(EvalText("base64_encode_tostring", {Str("Kusto1")}), "S3VzdG8x");
  EXPECT_EQ(EvalText("base64_decode_tostring", {Str("S3VzdG8x")}), "Kusto1");
  EXPECT_EQ(EvalText("base64_encode_tostring", {Str("ab")}), "YWI=");
  EXPECT_EQ(EvalText("base64_decode_tostring", {Str("YWI=")}), "ab");
  EXPECT_EQ(EvalText("base64_decode_tostring", {Str("U3RyaW5n0KHRgtGA0L7Rh9C60LA=")}),
            "StringСтрочка");
  EXPECT_EQ(EvalText("base64_decode_tostring", {Str("@@@")}), "");
  EXPECT_EQ(EvalText("url_encode", {Str("https://www.bing.com/hello world")}),
            "https%3a%2f%2fwww.bing.com%2fhello+world");
  EXPECT_EQ(EvalText("url_encode_component", {Str("https://www.bing.com/hello world/")}),
            "https%3a%2f%2fwww.bing.com%2fhello%20world%2f");
  EXPECT_EQ(EvalText("url_decode", {Str("https%3a%2f%2fwww.bing.com%2f")}),
            "https://www.bing.com/");
  EXPECT_EQ(EvalText("url_decode", {Str("a+b%2")}), "a b%2");
}

}  // namespace
}  // namespace huntbook::functions::testing
