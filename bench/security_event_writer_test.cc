#include "security_event_writer.h"

#include <gtest/gtest.h>

#include "security_event_generator.h"

namespace huntbook::bench {
namespace {

std::string IsoTime(int64_t ms) {
  std::string out;
  AppendIsoTime(ms, &out);
  return out;
}

TEST(SecurityEventWriterTest, FormatsIsoTimesWithMilliseconds) {
  EXPECT_EQ(IsoTime(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(IsoTime(kDefaultStartMs), "2024-03-01T00:00:00.000Z");
  EXPECT_EQ(IsoTime(kDefaultStartMs - 1), "2024-02-29T23:59:59.999Z");  // Leap day.
  EXPECT_EQ(IsoTime(kDefaultStartMs + 3'723'045), "2024-03-01T01:02:03.045Z");
  EXPECT_EQ(IsoTime(951'782'400'000), "2000-02-29T00:00:00.000Z");
  EXPECT_EQ(IsoTime(4'107'542'400'000), "2100-03-01T00:00:00.000Z");  // 2100 is not leap.
}

TEST(SecurityEventWriterTest, EscapesJsonStrings) {
  std::string out;
  AppendJsonString("a\"b\\c\r\n\t\x01z", &out);
  EXPECT_EQ(out, R"("a\"b\\c\r\n\t\u0001z")");
}

TEST(SecurityEventWriterTest, QuotesCsvFields) {
  std::string out;
  AppendCsvQuoted(R"(say "hi", ok)", &out);
  EXPECT_EQ(out, R"("say ""hi"", ok")");
  out.clear();
  AppendCsvQuoted("", &out);
  EXPECT_EQ(out, R"("")");
}

TEST(SecurityEventWriterTest, WritesSameRowInBothFormats) {
  SecurityEvent row;
  row.time_ms = kDefaultStartMs;
  row.computer = "WS-1.contoso.local";
  row.event_id = 4688;
  row.account = R"(CONTOSO\jdoe)";
  row.command_line = R"(cmd.exe /c "echo")";
  row.event_data = R"({"SubjectLogonId":"0x3e7"})";
  std::string json;
  AppendJsonLine(row, &json);
  EXPECT_EQ(json.substr(0, 80),
            R"({"TimeGenerated":"2024-03-01T00:00:00.000Z","Computer":"WS-1.contoso.local","Eve)");
  EXPECT_NE(json.find(R"("Account":"CONTOSO\\jdoe")"), std::string::npos);
  EXPECT_NE(json.find(R"("LogonType":null)"), std::string::npos);
  EXPECT_NE(json.find(R"("CommandLine":"cmd.exe /c \"echo\"")"), std::string::npos);
  EXPECT_NE(json.find(R"("EventData":{"SubjectLogonId":"0x3e7"}})"), std::string::npos);
  EXPECT_EQ(json.back(), '\n');

  std::string csv;
  AppendCsvRow(row, &csv);
  const std::string prefix =
      R"(2024-03-01T00:00:00.000Z,"WS-1.contoso.local",4688,"","CONTOSO\jdoe",)";
  EXPECT_EQ(csv.substr(0, prefix.size()), prefix);
  EXPECT_NE(csv.find(R"("cmd.exe /c ""echo""")"), std::string::npos);
  EXPECT_NE(csv.find(R"(,"",,"",)"), std::string::npos);  // LogonType null between strings.
  EXPECT_NE(csv.find(R"("{""SubjectLogonId"":""0x3e7""}")"), std::string::npos);

  std::string header;
  AppendCsvHeader(&header);
  EXPECT_EQ(header.substr(0, 40), "TimeGenerated,Computer,EventID,Activity,");
  EXPECT_EQ(header.substr(header.size() - 11), ",EventData\n");
}

}  // namespace
}  // namespace huntbook::bench
