#include "huntbook/ingest/csv_reader.h"

#include <gtest/gtest.h>

#include "huntbook/ingest/reader.h"
#include "huntbook/types/datetime.h"

namespace huntbook::ingest {
namespace {

Table MustRead(std::string_view csv, const std::vector<ColumnSchema>& existing = {}) {
  Result<Table> r = ReadBuffer(csv, Format::kCsv, "t.csv", existing);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : Table();
}

std::string ErrorOf(std::string_view csv, const std::vector<ColumnSchema>& existing = {}) {
  Result<Table> r = ReadBuffer(csv, Format::kCsv, "t.csv", existing);
  EXPECT_FALSE(r.ok());
  return r.ok() ? "" : r.status().message();
}

TEST(CsvReaderTest, InfersTypesAndDropsPandasIndex) {
  Table t = MustRead(
      ",EventID,TimeGenerated,Account,Score,Elevated,Data\n"
      "0,4624,2019-01-15 05:15:02.980,MSTIC\\admin,1.5,True,\"{\"\"a\"\":[1,2]}\"\n"
      "1,4688,2019-01-15 05:16:00.000,\"x,y\",2,False,\n");
  ASSERT_EQ(t.rows, 2u);
  ASSERT_EQ(t.schema.size(), 6u);
  EXPECT_EQ(t.schema[0].name, "EventID");
  EXPECT_EQ(t.schema[0].type, TypeKind::kLong);
  EXPECT_EQ(t.schema[1].type, TypeKind::kDateTime);
  EXPECT_EQ(t.schema[2].type, TypeKind::kString);
  EXPECT_EQ(t.schema[3].type, TypeKind::kReal);
  EXPECT_EQ(t.schema[4].type, TypeKind::kBool);
  EXPECT_EQ(t.schema[5].type, TypeKind::kDynamic);
  EXPECT_EQ(t.columns[0]->GetInt(1), 4688);
  EXPECT_EQ(t.columns[1]->GetInt(0), TicksFromCivil(2019, 1, 15, 5, 15, 2, 9800000));
  EXPECT_EQ(t.columns[2]->GetString(1), "x,y");
  EXPECT_DOUBLE_EQ(t.columns[3]->GetReal(1), 2.0);
  EXPECT_EQ(t.columns[4]->GetInt(0), 1);
  EXPECT_EQ(t.columns[5]->GetDynamic(0).ToJson(), R"({"a":[1,2]})");
  EXPECT_TRUE(t.columns[5]->IsNull(1));
}

TEST(CsvReaderTest, KeepsUnnamedColumnThatIsNotAnIndex) {
  Table t = MustRead(",a,a\n5,x,y\n");
  ASSERT_EQ(t.schema.size(), 3u);
  EXPECT_EQ(t.schema[0].name, "Column1");
  EXPECT_EQ(t.schema[1].name, "a");
  EXPECT_EQ(t.schema[2].name, "a1");
}

TEST(CsvReaderTest, EmptyAndHeaderOnly) {
  Table empty = MustRead("");
  EXPECT_EQ(empty.rows, 0u);
  EXPECT_TRUE(empty.schema.empty());
  Table header = MustRead("a,b\n");
  EXPECT_EQ(header.rows, 0u);
  ASSERT_EQ(header.schema.size(), 2u);
  EXPECT_EQ(header.schema[1].type, TypeKind::kString);
  EXPECT_EQ(header.columns[1]->size(), 0u);
}

TEST(CsvReaderTest, ShortRowsPadWithNulls) {
  Table t = MustRead("a,b\n1\n2,3\n");
  ASSERT_EQ(t.rows, 2u);
  EXPECT_TRUE(t.columns[1]->IsNull(0));
  EXPECT_EQ(t.columns[1]->GetInt(1), 3);
}

TEST(CsvReaderTest, ExistingSchemaConvertsOrFailsWithPosition) {
  std::vector<ColumnSchema> existing = {{"LogonType", TypeKind::kLong},
                                        {"Name", TypeKind::kString}};
  Table t = MustRead("Name,LogonType\n7,3\n", existing);
  EXPECT_EQ(t.schema[0].type, TypeKind::kString);  // would infer long; table says string
  EXPECT_EQ(t.columns[0]->GetString(0), "7");
  EXPECT_EQ(ErrorOf("Name,x,LogonType\na,1,2\nb,2,abc\n", existing),
            "t.csv: line 3, column 3 (LogonType): 'abc' is not a long");
}

TEST(CsvReaderTest, BadInputsAreErrorsNotCrashes) {
  EXPECT_EQ(ErrorOf("a,b\n1,2,3\n"), "t.csv: line 2: 3 fields, but the header has 2");
  EXPECT_EQ(ErrorOf("a,b\n1,\"2\n"), "t.csv: line 2, column 2: unterminated quoted field");
  EXPECT_EQ(ErrorOf("a,b\n1,x\xff\n"), "t.csv: line 2, column 4: invalid UTF-8");
  // Every truncation of a valid file either reads or fails cleanly.
  std::string csv = ",a,b\n0,\"q\"\"x\",2\n1,\"multi\nline\",3\n";
  for (size_t n = 0; n <= csv.size(); ++n) {
    Result<Table> r = ReadBuffer(csv.substr(0, n), Format::kCsv, "t.csv", {});
    if (r.ok()) {
      for (const ColumnPtr& c : r->columns) EXPECT_EQ(c->size(), r->rows);
    }
  }
}

}  // namespace
}  // namespace huntbook::ingest
