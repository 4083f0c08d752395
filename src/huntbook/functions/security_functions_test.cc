// Kernel-level checks of the URL, command-line, hash, encoding, string and IPv6 families
// (the KQL logic tests in test/kql/functions/ cover the same functions end to end).
#include <gtest/gtest.h>

#include "huntbook/functions/scalar_test_harness.h"

namespace huntbook::functions {
namespace {

using testing::Dyn;
using testing::Eval;
using testing::EvalText;
using testing::Int;
using testing::Long;
using testing::Null;
using testing::Str;
using testing::TryCall;

// https://learn.microsoft.com/kusto/query/parse-url-function
TEST(UrlFunctionsTest, ParseUrlSplitsTheParts) {
  EXPECT_EQ(
      EvalText("parse_url",
               {Str("scheme://username:password@host:1234/this/is/a/path?k1=v1&k2=v2#fragment")}),
      R"({"Scheme":"scheme","Host":"host","Port":"1234","Path":"/this/is/a/path",)"
      R"("Username":"username","Password":"password","Query Parameters":{"k1":"v1",)"
      R"("k2":"v2"},"Fragment":"fragment"})");
  EXPECT_EQ(EvalText("parse_url", {Str("bing.com")}), "{}");
  EXPECT_EQ(EvalText("parse_urlquery", {Str("k1=v1&k2=a+b%21")}),
            R"({"Query Parameters":{"k1":"v1","k2":"a b!"}})");
}

// https://learn.microsoft.com/kusto/query/parse-path-function
TEST(UrlFunctionsTest, ParsePathDocumentedExamples) {
  EXPECT_EQ(EvalText("parse_path", {Str("file://C:/temp/file.txt:some.exe")}),
            R"({"Scheme":"file","RootPath":"C:","DirectoryPath":"C:/temp","DirectoryName":"temp",)"
            R"("Filename":"file.txt","Extension":"txt","AlternateDataStreamName":"some.exe"})");
  EXPECT_EQ(EvalText("parse_path", {Str(R"(\\shared\users\temp\file.txt.gz)")}),
            R"({"Scheme":"","RootPath":"","DirectoryPath":"\\\\shared\\users\\temp",)"
            R"("DirectoryName":"temp","Filename":"file.txt.gz","Extension":"gz",)"
            R"("AlternateDataStreamName":""})");
}

// https://learn.microsoft.com/kusto/query/parse-command-line-function
TEST(CommandLineFunctionsTest, WindowsRules) {
  EXPECT_EQ(EvalText("parse_command_line", {Str("echo \"hello world!\""), Str("windows")}),
            R"(["echo","hello world!"])");
  EXPECT_EQ(EvalText("parse_command_line", {Str(R"(p a\\\"b c d)"), Str("windows")}),
            R"(["p","a\\\"b","c","d"])");
  EXPECT_EQ(EvalText("parse_command_line", {Str(""), Str("windows")}), "[]");
  EXPECT_FALSE(TryCall("parse_command_line", {Str("a"), Str("linux")}).ok());
}

// https://learn.microsoft.com/kusto/query/hash-function,
// https://learn.microsoft.com/kusto/query/hash-sha256-function
TEST(HashFunctionsTest, DocumentedValues) {
  EXPECT_EQ(Eval("hash", {Str("World")}).int_value(), 1846988464401551951);
  EXPECT_EQ(Eval("hash", {Str("World"), Long(100)}).int_value(), 51);
  EXPECT_EQ(Eval("hash", {testing::DateTime(635556672000000000)}).int_value(), 1380966698541616202);
  EXPECT_EQ(EvalText("hash_sha256", {Str("World")}),
            "78ae647dc5544d227130a0682a51e30bc7777fbb6d8a8f17007463a3ecd1d524");
  EXPECT_EQ(EvalText("hash_sha256", {testing::DateTime(637134336000000000)}),
            "ba666752dc1a20eb750b0eb64e780cc4c968bc9fb8813461c1d7e750f302d71d");
  EXPECT_EQ(EvalText("hash_md5", {Str("World")}), "f5a7924e621e84c9280a9a27e1bcb7f6");
  EXPECT_EQ(EvalText("hash_sha1", {Str("World")}), "70c07ec18ef89c5309bbb0937f3a6342411e1fdd");
  EXPECT_TRUE(Eval("hash", {Null(TypeKind::kLong)}).is_null());
}

// https://learn.microsoft.com/kusto/query/base64-encode-fromguid-function
TEST(EncodingFunctionsTest, GuidsAndArrays) {
  EXPECT_EQ(EvalText("base64_encode_fromguid",
                     {testing::Const(Value::Guid("ae3133f2-6e22-49ae-b06a-16e6a9b212eb"))}),
            "8jMxriJurkmwahbmqbIS6w==");
  EXPECT_EQ(EvalText("base64_decode_toguid", {Str("JpbpECu8dUy7Pv5gbeJXAA==")}),
            "10e99626-bc2b-4c75-bb3e-fe606de25700");  // .NET byte order, as the encode page
  EXPECT_EQ(EvalText("base64_decode_toguid", {Str("abcd1231")}), "");  // guid has no null
  EXPECT_EQ(EvalText("base64_decode_toarray", {Str("S3VzdG8=")}), "[75,117,115,116,111]");
  EXPECT_NE(testing::BindError("base64_encode_fromguid", {TypeKind::kString}), "");
}

TEST(StringEditFunctionsTest, DocumentedExamples) {
  EXPECT_EQ(EvalText("translate", {Str("krasp"), Str("otsku"), Str("spark")}), "kusto");
  EXPECT_EQ(EvalText("translate", {Str("abc"), Str("x"), Str("abc")}), "xxx");
  EXPECT_EQ(EvalText("strrep", {Str("ABC"), Long(2), Str(".")}), "ABC.ABC");
  EXPECT_EQ(Eval("strcmp", {Str("ABC"), Str("abc")}).int_value(), -1);
  EXPECT_EQ(EvalText("tohex", {Long(-256)}), "ffffffffffffff00");
  EXPECT_EQ(EvalText("tohex", {Int(-256), Long(8)}), "ffffff00");
  EXPECT_EQ(EvalText("tohex", {Long(256), Long(8)}), "00000100");
  EXPECT_EQ(
      Eval("has_any_index", {Str("this is an example"), Dyn(R"(["not","example"])")}).int_value(),
      1);
  EXPECT_EQ(
      Eval("indexof_regex", {Str("abcabcdefg"), Str("a.c"), Long(0), Long(9), Long(2)}).int_value(),
      3);
  EXPECT_TRUE(Eval("indexof_regex", {Str("abcabc"), Str("a|ab"), Long(-1)}).is_null());
  EXPECT_EQ(EvalText("replace", {Str("cat"), Str("dog"), Str("a cat")}), "a dog");
  EXPECT_EQ(
      EvalText("extract_json", {Str("$.hosts[1].mb"), Str(R"({"hosts":[{"mb":1},{"mb":2}]})")}),
      "2");
}

// https://learn.microsoft.com/kusto/query/parse-ipv6-mask-function
TEST(Ipv6FunctionsTest, MasksAndRanges) {
  EXPECT_EQ(EvalText("parse_ipv6_mask", {Str("192.168.255.255"), Long(120)}),
            "0000:0000:0000:0000:0000:ffff:c0a8:ff00");
  EXPECT_EQ(Eval("ipv6_compare", {Str("::ffff:7f00:1"), Str("127.0.0.1")}).int_value(), 0);
  EXPECT_TRUE(Eval("ipv6_is_in_range", {Str("a5e:f127:8a9d:146d:e102:b5d3:c755:abcd"),
                                        Str("a5e:f127:8a9d:146d:e102:b5d3:c755:0000/112")})
                  .bool_value());
  EXPECT_TRUE(Eval("ipv6_is_match", {Str("::1"), Str("junk")}).is_null());
  EXPECT_TRUE(
      Eval("ipv4_is_in_any_range", {Str("10.1.2.3"), Dyn(R"(["192.168.0.0/16","10.0.0.0/8"])")})
          .bool_value());
}

}  // namespace
}  // namespace huntbook::functions
