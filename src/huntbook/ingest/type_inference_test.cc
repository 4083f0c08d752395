// Inference rules of reader.h.
#include "huntbook/ingest/type_inference.h"

#include <gtest/gtest.h>

namespace huntbook::ingest {
namespace {

TypeKind InferText(std::initializer_list<std::string_view> cells, bool time_like = false) {
  TextTypeInference inference(time_like);
  for (std::string_view c : cells) inference.Add(c);
  return inference.Result();
}

TEST(TextTypeInferenceTest, NarrowestTypeThatFitsAllCells) {
  EXPECT_EQ(InferText({"true", "False", ""}), TypeKind::kBool);
  EXPECT_EQ(InferText({"1", "", "-3"}), TypeKind::kLong);
  EXPECT_EQ(InferText({"1", "2.5"}), TypeKind::kReal);  // long + real -> real
  EXPECT_EQ(InferText({"2019-01-15 05:15:02.980", "2019-01-16T00:00:00Z"}), TypeKind::kDateTime);
  EXPECT_EQ(InferText({"[1,2]", "{\"a\":1}"}), TypeKind::kDynamic);
  EXPECT_EQ(InferText({"1", "abc"}), TypeKind::kString);     // anything + string -> string
  EXPECT_EQ(InferText({"['1.2.3.4']"}), TypeKind::kString);  // Python list text is not JSON
  EXPECT_EQ(InferText({"", ""}), TypeKind::kString);         // only empty cells
  EXPECT_EQ(InferText({"0xfaac27"}), TypeKind::kString);
}

TEST(TextTypeInferenceTest, NonIsoDatesOnlyForTimeLikeColumns) {
  EXPECT_TRUE(IsTimeLikeName("TimeGenerated"));
  EXPECT_TRUE(IsTimeLikeName("timestamp"));
  EXPECT_TRUE(IsTimeLikeName("StartTimeUtc"));
  EXPECT_TRUE(IsTimeLikeName("EventDate"));
  EXPECT_FALSE(IsTimeLikeName("Computer"));
  EXPECT_EQ(InferText({"3/31/2022 10:52 PM"}, /*time_like=*/true), TypeKind::kDateTime);
  EXPECT_EQ(InferText({"3/31/2022 10:52 PM"}, /*time_like=*/false), TypeKind::kString);
  EXPECT_FALSE(IsInferableDateTime("2024", true));
}

TEST(JsonTypeInferenceTest, Lattice) {
  JsonTypeInference longs(false);
  longs.AddLong();
  EXPECT_EQ(longs.Result(), TypeKind::kLong);
  longs.AddReal();
  EXPECT_EQ(longs.Result(), TypeKind::kReal);
  longs.AddDynamic();
  EXPECT_EQ(longs.Result(), TypeKind::kDynamic);

  JsonTypeInference times(true);
  times.AddString("2021-08-02T13:09:20.04Z");
  times.AddString("");  // empty reads as null
  EXPECT_EQ(times.Result(), TypeKind::kDateTime);
  times.AddString("later");
  EXPECT_EQ(times.Result(), TypeKind::kString);

  JsonTypeInference mixed(false);
  mixed.AddBool();
  mixed.AddLong();
  EXPECT_EQ(mixed.Result(), TypeKind::kString);

  JsonTypeInference serialized(false);  // dynamic columns exported as JSON text
  serialized.AddString("[\"a\",\"b\"]");
  serialized.AddString("");
  serialized.AddString("{\"k\":1}");
  EXPECT_EQ(serialized.Result(), TypeKind::kDynamic);
  serialized.AddString("[not json");
  EXPECT_EQ(serialized.Result(), TypeKind::kString);

  JsonTypeInference empty(false);
  EXPECT_EQ(empty.Result(), TypeKind::kString);
  empty.AddString("");
  EXPECT_EQ(empty.Result(), TypeKind::kString);
}

}  // namespace
}  // namespace huntbook::ingest
