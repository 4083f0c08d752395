// Dynamic: JSON parsing, compact printing, accessors, equality.
// https://learn.microsoft.com/kusto/query/scalar-data-types/dynamic
// https://learn.microsoft.com/kusto/query/parse-json-function (invalid JSON -> string)
#include "huntbook/types/dynamic.h"

#include <gtest/gtest.h>

#include "huntbook/types/datetime.h"
#include "huntbook/types/type.h"

namespace huntbook {
namespace {

Dynamic MustParse(std::string_view json) {
  Result<Dynamic> r = Dynamic::Parse(json);
  EXPECT_TRUE(r.ok()) << json << ": " << r.status().ToString();
  return r.ok() ? *r : Dynamic();
}

TEST(DynamicTest, ParsesScalarsWithKustoKinds) {
  EXPECT_EQ(MustParse("null").kind(), Dynamic::Kind::kNull);
  EXPECT_EQ(MustParse("true").kind(), Dynamic::Kind::kBool);
  EXPECT_TRUE(MustParse("true").bool_value());
  EXPECT_EQ(MustParse("42").kind(), Dynamic::Kind::kLong);
  EXPECT_EQ(MustParse("-9223372036854775808").long_value(), INT64_MIN);
  EXPECT_EQ(MustParse("1.5").kind(), Dynamic::Kind::kReal);
  EXPECT_EQ(MustParse("1e3").kind(), Dynamic::Kind::kReal);
  // Integral but beyond int64: real.
  Dynamic big = MustParse("18446744073709551615");
  EXPECT_EQ(big.kind(), Dynamic::Kind::kReal);
  EXPECT_DOUBLE_EQ(big.real_value(), 18446744073709551615.0);
  EXPECT_EQ(MustParse("\"a\\nb\\u00e9\"").string_value(), "a\nb\xc3\xa9");
  // Integral beyond 64 bits (simdjson rejects these) and below INT64_MIN: real as well.
  Dynamic huge =
      MustParse("[123456789012345678901234567890,-9223372036854775809,\"1234567890123456789012\"]");
  EXPECT_EQ(huge.At(0).kind(), Dynamic::Kind::kReal);
  EXPECT_DOUBLE_EQ(huge.At(0).real_value(), 1.2345678901234568e29);
  EXPECT_EQ(huge.At(1).kind(), Dynamic::Kind::kReal);
  EXPECT_EQ(huge.At(2).string_value(), "1234567890123456789012");
}

TEST(DynamicTest, CompactJsonRoundTrip) {
  // Kusto prints dynamic values compactly: {"a":1,"b":[1,2]}.
  EXPECT_EQ(MustParse(" { \"a\" : 1 , \"b\" : [ 1 , 2 ] } ").ToJson(), R"({"a":1,"b":[1,2]})");
  EXPECT_EQ(MustParse(R"({"s":"q\"\\\t","n":null,"t":true,"e":{},"l":[]})").ToJson(),
            R"({"s":"q\"\\\t","n":null,"t":true,"e":{},"l":[]})");
  EXPECT_EQ(MustParse("[0.1,2.5e-8,1e300,-0.5]").ToJson(), "[0.1,2.5e-08,1e+300,-0.5]");
  // A real that happens to be integral stays a real when printed and re-read.
  std::string two = Dynamic::Real(2.0).ToJson();
  EXPECT_EQ(two, "2.0");
  EXPECT_EQ(MustParse(two).kind(), Dynamic::Kind::kReal);
  EXPECT_EQ(Dynamic::String(std::string("\x01", 1)).ToJson(), "\"\\u0001\"");
}

TEST(DynamicTest, DatetimeAndTimespanPrintAsStrings) {
  int64_t t = TicksFromCivil(2024, 1, 1);
  Dynamic arr = Dynamic::MakeArray({Dynamic::DateTime(t), Dynamic::Timespan(30 * kTicksPerMinute),
                                    Dynamic::Guid("00000000-0000-0000-0000-000000000001")});
  EXPECT_EQ(arr.ToJson(),
            R"(["2024-01-01T00:00:00Z","00:30:00","00000000-0000-0000-0000-000000000001"])");
  EXPECT_EQ(arr.At(0).kind(), Dynamic::Kind::kDateTime);
  EXPECT_EQ(arr.At(0).long_value(), t);
}

TEST(DynamicTest, ObjectKeepsOrderAndLastDuplicateWins) {
  Dynamic o = MustParse(R"({"b":1,"a":2,"b":3})");
  EXPECT_EQ(o.ToJson(), R"({"b":3,"a":2})");
  EXPECT_EQ(o.Get("b").long_value(), 3);
  EXPECT_TRUE(o.Get("zz").is_null());
  EXPECT_TRUE(MustParse("[1]").Get("a").is_null());
}

TEST(DynamicTest, ArrayIndexingIncludingNegative) {
  // KQL.md: accessors d[-1] count from the end.
  Dynamic a = MustParse("[10,20,30]");
  EXPECT_EQ(a.At(0).long_value(), 10);
  EXPECT_EQ(a.At(-1).long_value(), 30);
  EXPECT_TRUE(a.At(3).is_null());
  EXPECT_TRUE(a.At(-4).is_null());
  EXPECT_TRUE(MustParse("{}").At(0).is_null());
}

TEST(DynamicTest, ParseErrorsNameByteOffset) {
  Result<Dynamic> r = Dynamic::Parse(R"({"a":1,"b":tru})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().position().offset, 11u);
  EXPECT_NE(r.status().message().find("offset 11"), std::string::npos) << r.status().message();
  Result<Dynamic> bad_utf8 = Dynamic::Parse("[\"ok\",\"x\xff\"]");
  ASSERT_FALSE(bad_utf8.ok());
  EXPECT_EQ(bad_utf8.status().position().offset, 8u);
  for (std::string_view bad :
       {"", "{", "[1,]", "{\"a\"}", "1 2", "\"abc", "nul", "{'a':1}", "\"\xff\"", "[1,2"}) {
    EXPECT_FALSE(Dynamic::Parse(bad).ok()) << bad;
  }
}

TEST(DynamicTest, ParseOrStringKeepsInvalidTextAsString) {
  // KQL.md / parse_json: parse_json("oops") is the dynamic string "oops".
  Dynamic d = Dynamic::ParseOrString("oops");
  EXPECT_EQ(d.kind(), Dynamic::Kind::kString);
  EXPECT_EQ(d.string_value(), "oops");
  EXPECT_EQ(Dynamic::ParseOrString(R"({"x":[1]})").Get("x").At(0).long_value(), 1);
}

TEST(DynamicTest, Equality) {
  EXPECT_EQ(MustParse(R"({"a":1,"b":[1,"x"]})"), MustParse(R"({"b":[1,"x"],"a":1})"));
  EXPECT_FALSE(MustParse("[1,2]") == MustParse("[2,1]"));
  EXPECT_EQ(MustParse("1"), MustParse("1.0"));  // numeric comparison of long and real
  EXPECT_FALSE(MustParse("1") == MustParse("\"1\""));
  EXPECT_EQ(Dynamic(), MustParse("null"));
  EXPECT_FALSE(MustParse("{\"a\":1}") == MustParse("{\"b\":1}"));
}

TEST(DynamicTest, CopiesShareNodes) {
  Dynamic a = MustParse(R"({"k":[1,2,3]})");
  Dynamic b = a;
  EXPECT_EQ(&a.object(), &b.object());
  // Mismatched accessors return neutral values instead of crashing.
  EXPECT_EQ(a.long_value(), 0);
  EXPECT_TRUE(a.array().empty());
  EXPECT_EQ(a.string_value(), "");
}

}  // namespace
}  // namespace huntbook
