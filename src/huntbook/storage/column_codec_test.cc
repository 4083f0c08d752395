#include "huntbook/storage/column_codec.h"

#include <random>

#include "gtest/gtest.h"

namespace huntbook::storage {
namespace {

std::shared_ptr<Column> RoundTrip(const Column& column, size_t begin, size_t end) {
  std::string bytes;
  EncodeColumnSegment(column, begin, end, &bytes);
  auto out = std::make_shared<Column>(column.type());
  Status s = DecodeColumnSegment(bytes, out.get());
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out;
}

// Selective decoding keeps exactly the chosen rows, in order, for every storage class
// (plain and dictionary strings, dynamic with nulls, integers with nulls).
TEST(ColumnCodecTest, DecodesSelectedRowsOnly) {
  Column plain(TypeKind::kString), dictionary(TypeKind::kString), dyn(TypeKind::kDynamic),
      ints(TypeKind::kLong);
  for (int i = 0; i < 300; ++i) {
    plain.AppendString("value-" + std::to_string(i));
    dictionary.AppendString(i % 3 == 0 ? "a" : "bb");
    if (i % 7 == 0) {
      dyn.AppendNull();
      ints.AppendNull();
    } else {
      dyn.AppendDynamic(Dynamic::MakeObject({{"n", Dynamic::Long(i)}}));
      ints.AppendInt(i * 10);
    }
  }
  const std::vector<uint32_t> select = {0, 1, 7, 150, 299};
  for (const Column* column : {&plain, &dictionary, &dyn, &ints}) {
    std::string bytes;
    EncodeColumnSegment(*column, 0, column->size(), &bytes);
    Column out(column->type());
    Status s = DecodeColumnSegmentRows(bytes, select, &out);
    ASSERT_TRUE(s.ok()) << s.ToString();
    ASSERT_EQ(out.size(), select.size());
    for (size_t k = 0; k < select.size(); ++k) {
      EXPECT_EQ(out.IsNull(k), column->IsNull(select[k]));
      EXPECT_EQ(out.Get(k).ToString(), column->Get(select[k]).ToString()) << k;
    }
    Column beyond(column->type());
    EXPECT_EQ(DecodeColumnSegmentRows(bytes, {300}, &beyond).code(), StatusCode::kCorruption);
  }
}

TEST(ColumnCodecTest, IntegerWidthsAndNegativeValues) {
  for (int64_t span : {int64_t{0}, int64_t{200}, int64_t{60000}, int64_t{1} << 31, INT64_MAX}) {
    Column c(TypeKind::kLong);
    c.AppendInt(-7);
    c.AppendNull();
    c.AppendInt(span == INT64_MAX ? INT64_MAX : -7 + span);
    c.AppendInt(-7);
    auto out = RoundTrip(c, 0, c.size());
    ASSERT_EQ(out->size(), 4u);
    EXPECT_TRUE(out->IsNull(1));
    EXPECT_EQ(out->GetInt(0), -7);
    EXPECT_EQ(out->GetInt(2), c.GetInt(2));
  }
  Column extremes(TypeKind::kLong);
  extremes.AppendInt(INT64_MIN);
  extremes.AppendInt(INT64_MAX);
  auto out = RoundTrip(extremes, 0, 2);
  EXPECT_EQ(out->GetInt(0), INT64_MIN);
  EXPECT_EQ(out->GetInt(1), INT64_MAX);
}

TEST(ColumnCodecTest, SegmentOfARangeAndAppendingSegments) {
  Column c(TypeKind::kReal);
  for (int i = 0; i < 10; ++i) c.AppendReal(i * 0.5);
  std::string a, b;
  EncodeColumnSegment(c, 0, 4, &a);
  EncodeColumnSegment(c, 4, 10, &b);
  Column out(TypeKind::kReal);
  ASSERT_TRUE(DecodeColumnSegment(a, &out).ok());
  ASSERT_TRUE(DecodeColumnSegment(b, &out).ok());
  ASSERT_EQ(out.size(), 10u);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(out.GetReal(i), i * 0.5);
}

TEST(ColumnCodecTest, DictionaryAndPlainStrings) {
  Column low(TypeKind::kString), high(TypeKind::kString);
  for (int i = 0; i < 1000; ++i) {
    low.AppendString(i % 3 == 0 ? "SecurityEvent" : (i % 3 == 1 ? "" : "Syslog"));
    high.AppendString("unique value " + std::to_string(i * 7919));
  }
  std::string low_bytes, high_bytes;
  EncodeColumnSegment(low, 0, low.size(), &low_bytes);
  EncodeColumnSegment(high, 0, high.size(), &high_bytes);
  EXPECT_LT(low_bytes.size(), 1100u);  // dictionary codes of one byte
  auto low_out = RoundTrip(low, 0, low.size());
  auto high_out = RoundTrip(high, 0, high.size());
  for (size_t i = 0; i < 1000; ++i) {
    ASSERT_EQ(low_out->GetString(i), low.GetString(i));
    ASSERT_EQ(high_out->GetString(i), high.GetString(i));
  }
}

TEST(ColumnCodecTest, TypeMismatchAndGarbageAreCorruption) {
  Column c(TypeKind::kLong);
  c.AppendInt(1);
  std::string bytes;
  EncodeColumnSegment(c, 0, 1, &bytes);
  Column wrong(TypeKind::kString);
  EXPECT_EQ(DecodeColumnSegment(bytes, &wrong).code(), StatusCode::kCorruption);
  // Every truncation and random garbage fails cleanly (no crash, no over-read).
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    Column out(TypeKind::kLong);
    EXPECT_EQ(DecodeColumnSegment(bytes.substr(0, cut), &out).code(), StatusCode::kCorruption);
  }
  std::mt19937 rng(7);
  for (int round = 0; round < 2000; ++round) {
    std::string garbage(rng() % 64, '\0');
    for (char& ch : garbage) ch = static_cast<char>(rng());
    if (!garbage.empty()) garbage[0] = static_cast<char>(1 + rng() % 10);
    Column out(static_cast<TypeKind>(garbage.empty() ? 1 : garbage[0]));
    (void)DecodeColumnSegment(garbage, &out);
  }
}

}  // namespace
}  // namespace huntbook::storage
