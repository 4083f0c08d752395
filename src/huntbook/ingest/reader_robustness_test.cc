// Bad input gives an error value, never a crash: fixed-seed mutations (byte flips, inserted
// structural characters, cuts) of small CSV and JSON sources, read in every format, with and
// without an existing schema. Run under the address/undefined sanitizer build to be useful.
#include <gtest/gtest.h>

#include <random>

#include "huntbook/ingest/reader.h"

namespace huntbook::ingest {
namespace {

const char* const kSeeds[] = {
    ",EventID,TimeGenerated,Account,Data\n0,4624,2019-01-15 05:15:02.980,\"a,b\","
    "\"{\"\"k\"\":[1,2]}\"\n1,4688,3/31/2022 10:52 PM,\"multi\nline\",\n",
    "{\"EventID\":4624,\"TimeGenerated\":\"2021-08-02T13:09:20.04Z\",\"d\":{\"a\":[1,\"x\"]}}\n"
    "{\"EventID\":\"4688\",\"u\":18446744073709551615,\"s\":\"\\u00e9\\\"\"}\n",
    "[{\"a\":1,\"b\":[true,null]},\n {\"a\":2.5e3,\"c\":\"[1,2]\"}]",
    "{\n  \"TimeGenerated\": \"3/31/2022, 10:52:35.857 AM\",\n  \"x\": {\"y\": {}}\n}\n",
};

TEST(ReaderRobustnessTest, MutatedInputsNeverCrash) {
  std::mt19937 rng(20240301);
  const std::string special = "\"{}[],:\n\r\\\xff\xc3 0a-.T/";
  const std::vector<ColumnSchema> existing = {{"EventID", TypeKind::kInt},
                                              {"TimeGenerated", TypeKind::kDateTime},
                                              {"d", TypeKind::kDynamic},
                                              {"a", TypeKind::kLong},
                                              {"Account", TypeKind::kGuid}};
  size_t ok = 0, failed = 0;
  for (int iteration = 0; iteration < 3000; ++iteration) {
    std::string s = kSeeds[rng() % std::size(kSeeds)];
    for (int m = 1 + static_cast<int>(rng() % 6); m > 0 && !s.empty(); --m) {
      size_t p = rng() % s.size();
      switch (rng() % 4) {
        case 0:
          s[p] = special[rng() % special.size()];
          break;
        case 1:
          s.insert(p, 1, special[rng() % special.size()]);
          break;
        case 2:
          s.erase(p, 1 + rng() % 8);
          break;
        default:
          s.resize(p);
          break;
      }
    }
    for (Format format : {Format::kAuto, Format::kCsv, Format::kJson, Format::kJsonLines}) {
      Result<Table> r =
          ReadBuffer(s, format, "fuzz.json", rng() % 2 ? existing : std::vector<ColumnSchema>{});
      if (!r.ok()) {
        ++failed;
        EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << r.status().ToString();
        continue;
      }
      ++ok;
      ASSERT_EQ(r->columns.size(), r->schema.size());
      for (const ColumnPtr& c : r->columns) ASSERT_EQ(c->size(), r->rows);
    }
  }
  // Both outcomes occur, so the mutations exercise the readers and their error paths.
  EXPECT_GT(ok, 100u);
  EXPECT_GT(failed, 100u);
}

}  // namespace
}  // namespace huntbook::ingest
