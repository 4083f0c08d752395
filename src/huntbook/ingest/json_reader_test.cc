#include "huntbook/ingest/json_reader.h"

#include <gtest/gtest.h>

#include "huntbook/ingest/json_records.h"
#include "huntbook/ingest/reader.h"
#include "huntbook/types/datetime.h"
#include "huntbook/types/json_syntax.h"

namespace huntbook::ingest {
namespace {

Table MustRead(std::string_view json, std::string_view name = "t.jsonl",
               const std::vector<ColumnSchema>& existing = {}) {
  Result<Table> r = ReadBuffer(json, Format::kAuto, name, existing);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : Table();
}

std::string ErrorOf(std::string_view json, const std::vector<ColumnSchema>& existing = {}) {
  Result<Table> r = ReadBuffer(json, Format::kAuto, "x.jsonl", existing);
  EXPECT_FALSE(r.ok());
  return r.ok() ? "" : r.status().message();
}

TEST(JsonReaderTest, JsonLinesColumnsInOrderOfFirstAppearance) {
  Table t = MustRead(
      "{\"EventID\":4624,\"TimeGenerated\":\"2021-08-02T13:09:20.04Z\",\"Level\":\"8\"}\n"
      "\n"
      "{\"Extra\":{\"k\":[1]},\"EventID\":4688,\"Score\":1}\n"
      "{\"EventID\":1,\"Score\":2.5,\"Level\":null,\"TimeGenerated\":null}\n");
  ASSERT_EQ(t.rows, 3u);
  ASSERT_EQ(t.schema.size(), 5u);
  EXPECT_EQ(t.schema[0].name, "EventID");
  EXPECT_EQ(t.schema[0].type, TypeKind::kLong);
  EXPECT_EQ(t.schema[1].type, TypeKind::kDateTime);
  EXPECT_EQ(t.schema[2].type, TypeKind::kString);  // JSON strings never become numbers
  EXPECT_EQ(t.schema[3].name, "Extra");
  EXPECT_EQ(t.schema[3].type, TypeKind::kDynamic);
  EXPECT_EQ(t.schema[4].type, TypeKind::kReal);
  EXPECT_EQ(t.columns[1]->GetInt(0), TicksFromCivil(2021, 8, 2, 13, 9, 20, 400000));
  EXPECT_TRUE(t.columns[1]->IsNull(1));  // missing key
  EXPECT_TRUE(t.columns[1]->IsNull(2));  // JSON null
  EXPECT_EQ(t.columns[2]->GetString(1), "");
  EXPECT_EQ(t.columns[3]->GetDynamic(1).ToJson(), R"({"k":[1]})");
  EXPECT_TRUE(t.columns[3]->IsNull(0));
  EXPECT_TRUE(t.columns[4]->IsNull(0));
  EXPECT_DOUBLE_EQ(t.columns[4]->GetReal(1), 1.0);
  for (const ColumnPtr& c : t.columns) EXPECT_EQ(c->size(), 3u);
}

TEST(JsonReaderTest, ArrayConcatenatedAndSingleObject) {
  Table array = MustRead("[\n {\"a\": 1},\n {\"a\": 2, \"b\": true}\n]\n", "t.json");
  ASSERT_EQ(array.rows, 2u);
  EXPECT_EQ(array.schema[1].type, TypeKind::kBool);
  Table pretty = MustRead("{\n  \"a\": \"x\",\n  \"b\": [1, 2]\n}\n", "t.json");
  ASSERT_EQ(pretty.rows, 1u);
  EXPECT_EQ(pretty.schema[1].type, TypeKind::kDynamic);
  Table concatenated = MustRead("{\n\"a\": 1\n}\n{\n\"a\": 2\n}", "t.json");
  EXPECT_EQ(concatenated.rows, 2u);
  EXPECT_EQ(MustRead("[]", "t.json").rows, 0u);
  EXPECT_EQ(MustRead("", "t.json").rows, 0u);
  EXPECT_EQ(MustRead("\n\n", "t.jsonl").rows, 0u);
}

TEST(JsonReaderTest, MixedValuesWiden) {
  Table t = MustRead(
      "{\"n\":1,\"s\":\"a\",\"u\":18446744073709551615,\"d\":1}\n"
      "{\"n\":\"two\",\"s\":[1],\"u\":1,\"d\":{\"x\":1}}\n");
  EXPECT_EQ(t.schema[0].type, TypeKind::kString);  // long + string -> string (JSON text)
  EXPECT_EQ(t.columns[0]->GetString(0), "1");
  EXPECT_EQ(t.schema[1].type, TypeKind::kDynamic);
  EXPECT_EQ(t.columns[1]->GetDynamic(0).string_value(), "a");
  EXPECT_EQ(t.schema[2].type, TypeKind::kReal);  // beyond int64 -> real
  EXPECT_EQ(t.schema[3].type, TypeKind::kDynamic);
  EXPECT_EQ(t.columns[3]->GetDynamic(0).long_value(), 1);
}

TEST(JsonReaderTest, IntegersBeyond64BitsAreReals) {
  Table t = MustRead(
      "{\"n\":123456789012345678901234567890,\"s\":\"12345678901234567890123\"}\n"
      "{\"n\":1}\n");
  ASSERT_EQ(t.rows, 2u);
  EXPECT_EQ(t.schema[0].type, TypeKind::kReal);
  EXPECT_DOUBLE_EQ(t.columns[0]->GetReal(0), 1.2345678901234568e29);
  EXPECT_EQ(t.columns[1]->GetString(0), "12345678901234567890123");
  EXPECT_EQ(WidenBigIntegers(R"([1,12345678901234567890,"12345678901234567890",-1.5e300])"),
            R"([1,12345678901234567890.0,"12345678901234567890",-1.5e300])");
}

TEST(JsonReaderTest, RepeatedKeyKeepsLastValue) {
  Table t = MustRead("{\"a\":1,\"a\":2}\n{\"a\":3}\n");
  ASSERT_EQ(t.rows, 2u);
  EXPECT_EQ(t.columns[0]->size(), 2u);
  EXPECT_EQ(t.columns[0]->GetInt(0), 2);
}

TEST(JsonReaderTest, ErrorsNameLineAndColumn) {
  // The position is the contract; the text after "invalid JSON: " is simdjson's.
  std::string bad_atom =
      ErrorOf("{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n{\"a\":4}\n{\"a\":1, \"b\":tru}\n");
  EXPECT_EQ(bad_atom.rfind("x.jsonl: line 5, column 13: invalid JSON: ", 0), 0u) << bad_atom;
  std::string missing = ErrorOf("{\"a\":1}\n{\"a\":2\n");
  EXPECT_NE(missing.find("x.jsonl: line 2, column 7: invalid JSON"), std::string::npos) << missing;
  EXPECT_EQ(ErrorOf("{\"a\":1}\n[1,2]\n"),
            "x.jsonl: line 2, column 1: expected a JSON object, found an array");
  EXPECT_EQ(ErrorOf("{\"a\":\"x\xff\"}\n"), "x.jsonl: line 1, column 8: invalid UTF-8");
  std::vector<ColumnSchema> existing = {{"a", TypeKind::kLong}};
  EXPECT_EQ(ErrorOf("{\"a\":1}\n{\"a\":\"abc\"}\n", existing),
            "x.jsonl: line 2, column 6 (a): 'abc' is not a long");
  EXPECT_EQ(ErrorOf("{\"a\":1}\n{\"b\":{\"a\":1}, \"a\" : true}\n", existing),
            "x.jsonl: line 2, column 21 (a): 'true' is not a long");
}

TEST(JsonReaderTest, ExistingSchemaConverts) {
  std::vector<ColumnSchema> existing = {{"t", TypeKind::kDateTime},
                                        {"n", TypeKind::kLong},
                                        {"r", TypeKind::kReal},
                                        {"s", TypeKind::kString}};
  Table t = MustRead("{\"t\":\"3/31/2022, 10:52:35.857 AM\",\"n\":\"12\",\"r\":3,\"s\":4.5}\n",
                     "t.jsonl", existing);
  EXPECT_EQ(t.columns[0]->GetInt(0), TicksFromCivil(2022, 3, 31, 10, 52, 35, 8570000));
  EXPECT_EQ(t.columns[1]->GetInt(0), 12);
  EXPECT_DOUBLE_EQ(t.columns[2]->GetReal(0), 3.0);
  EXPECT_EQ(t.columns[3]->GetString(0), "4.5");
}

TEST(JsonReaderTest, TruncationsNeverCrash) {
  std::string json = "[{\"a\":1,\"b\":{\"c\":[1,\"x\\\"y\"]}},{\"a\":2.5,\"b\":null}]";
  for (size_t n = 0; n <= json.size(); ++n) {
    for (Format f : {Format::kAuto, Format::kJson, Format::kJsonLines}) {
      Result<Table> r = ReadBuffer(json.substr(0, n), f, "t.json", {});
      if (r.ok()) {
        for (const ColumnPtr& c : r->columns) EXPECT_EQ(c->size(), r->rows);
      }
    }
  }
  EXPECT_EQ(MustRead(json, "t.json").rows, 2u);
}

TEST(JsonRecordsTest, FindMemberValueSkipsNestedKeys) {
  EXPECT_EQ(FindMemberValue(R"({"b":{"a":1}, "a" : true})", "a"), 20u);
  EXPECT_EQ(FindMemberValue(R"({"x":"\"a\":1","a":2})", "a"), 19u);
  EXPECT_EQ(FindMemberValue(R"({"x":["a",1]})", "a"), std::string_view::npos);
  EXPECT_EQ(FindMemberValue(R"({"x":1})", "a"), std::string_view::npos);
}

TEST(ReaderTest, ParseFormat) {
  EXPECT_EQ(ParseFormat("csv"), Format::kCsv);
  EXPECT_EQ(ParseFormat("multijson"), Format::kJsonLines);
  EXPECT_EQ(ParseFormat("jsonl"), Format::kJsonLines);
  EXPECT_FALSE(ParseFormat("xml").has_value());
  Result<Table> missing = ReadFile("/nonexistent/file.csv", Format::kAuto, {});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kIoError);
}

}  // namespace
}  // namespace huntbook::ingest
