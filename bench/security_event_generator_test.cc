#include "security_event_generator.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "security_event_writer.h"

namespace huntbook::bench {
namespace {

std::string GenerateJsonLines(uint64_t seed, int64_t rows) {
  SecurityEventGenerator generator(seed, rows);
  SecurityEvent row;
  std::string out;
  for (int64_t i = 0; i < rows; ++i) {
    generator.Next(&row);
    AppendJsonLine(row, &out);
  }
  return out;
}

// Splits one CSV record (no embedded newlines) into fields, undoing the quoting.
std::vector<std::string> SplitCsv(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

TEST(SecurityEventGeneratorTest, SameSeedSameRows) {
  EXPECT_EQ(GenerateJsonLines(7, 3000), GenerateJsonLines(7, 3000));
  EXPECT_NE(GenerateJsonLines(7, 3000), GenerateJsonLines(8, 3000));
}

TEST(SecurityEventGeneratorTest, TimesStrictlyIncreaseWithinTheSpan) {
  const int64_t rows = 20'000;
  SecurityEventGenerator generator(kDefaultSeed, rows);
  SecurityEvent row;
  int64_t previous = -1;
  for (int64_t i = 0; i < rows; ++i) {
    generator.Next(&row);
    ASSERT_GT(row.time_ms, previous);
    ASSERT_GE(row.time_ms, kDefaultStartMs);
    ASSERT_LT(row.time_ms, kDefaultStartMs + kDefaultSpanMs);
    previous = row.time_ms;
  }
}

TEST(SecurityEventGeneratorTest, CsvRowsHaveEveryColumnAndMatchJson) {
  SecurityEventGenerator generator(kDefaultSeed, 5000);
  SecurityEvent row;
  for (int i = 0; i < 5000; ++i) {
    generator.Next(&row);
    std::string csv;
    AppendCsvRow(row, &csv);
    ASSERT_EQ(csv.find('\n'), csv.size() - 1) << "a field holds a raw newline: " << csv;
    csv.pop_back();
    const std::vector<std::string> fields = SplitCsv(csv);
    ASSERT_EQ(fields.size(), kSecurityEventColumns.size()) << csv;
    EXPECT_EQ(fields[2], std::to_string(row.event_id));
    EXPECT_EQ(fields[19], row.command_line);
    ASSERT_FALSE(row.event_data.empty());
    EXPECT_EQ(row.event_data.front(), '{');
    EXPECT_EQ(row.event_data.back(), '}');
    EXPECT_FALSE(row.computer.empty());
    EXPECT_FALSE(row.account.empty());
    EXPECT_FALSE(row.activity.empty());
  }
}

TEST(SecurityEventGeneratorTest, MixHasCommonEventsAndRareSuspiciousCommandLines) {
  const int64_t rows = 200'000;
  SecurityEventGenerator generator(kDefaultSeed, rows);
  SecurityEvent row;
  std::map<int, int64_t> by_event;
  int64_t mimikatz = 0, urlcache = 0, encoded = 0;
  for (int64_t i = 0; i < rows; ++i) {
    generator.Next(&row);
    ++by_event[row.event_id];
    if (row.command_line.find("mimikatz") != std::string::npos) ++mimikatz;
    if (row.command_line.find("urlcache") != std::string::npos ||
        row.command_line.find("URLCache") != std::string::npos) {
      ++urlcache;
    }
    if (row.command_line.find(" -Enc") != std::string::npos) ++encoded;
    if (row.event_id == 4624 || row.event_id == 4625) {
      EXPECT_NE(row.logon_type, 0);
      EXPECT_FALSE(row.ip_address.empty());
    }
    if (row.event_id == 4688) {
      EXPECT_FALSE(row.command_line.empty());
    }
  }
  EXPECT_GT(by_event[4624], rows / 5);
  EXPECT_GT(by_event[4688], rows / 5);
  EXPECT_GT(by_event[4625], rows / 25);
  EXPECT_GT(by_event[4634], rows / 10);
  EXPECT_GT(by_event[4672], rows / 20);
  EXPECT_GT(mimikatz, 0);
  EXPECT_LT(mimikatz, rows / 1000);  // Rare.
  EXPECT_GT(urlcache, 0);
  EXPECT_GT(encoded, 0);
}

TEST(SecurityEventGeneratorTest, SessionLogonIdIsStable) {
  // bench/queries/q11_parse_json_path.* pin this value: the busiest user's session on
  // 2024-03-03 (day 19785 since the epoch).
  EXPECT_EQ(SyntheticDirectory::SessionLogonId(0, kDefaultStartMs / 86'400'000 + 2), "0x9e780b");
  EXPECT_NE(SyntheticDirectory::SessionLogonId(0, 1), SyntheticDirectory::SessionLogonId(1, 1));
}

TEST(ProcessCatalogTest, EncodesUtf16LeBase64) {
  // "IEX" as UTF-16LE is 49 00 45 00 58 00.
  EXPECT_EQ(ProcessCatalog::Utf16LeBase64("IEX"), "SQBFAFgA");
  EXPECT_EQ(ProcessCatalog::Utf16LeBase64("a"), "YQA=");
  EXPECT_EQ(ProcessCatalog::BaseName(R"(C:\Windows\System32\cmd.exe)"), "cmd.exe");
  EXPECT_EQ(ProcessCatalog::BaseName("-"), "-");
}

}  // namespace
}  // namespace huntbook::bench
