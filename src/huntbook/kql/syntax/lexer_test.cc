#include "huntbook/kql/syntax/lexer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "huntbook/types/type.h"

namespace huntbook::kql {
namespace {

std::vector<Token> LexOk(std::string_view text) {
  Result<std::vector<Token>> r = Lex(text);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : std::vector<Token>{};
}

// Token texts, excluding the final kEnd.
std::vector<std::string> Texts(std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : LexOk(text)) {
    if (t.kind != TokenKind::kEnd) out.push_back(t.text);
  }
  return out;
}

TEST(LexerTest, IdentifiersAndHyphenatedOperatorNames) {
  EXPECT_EQ(Texts("T | project-away a | mv-expand b | make-series"),
            (std::vector<std::string>{"T", "|", "project-away", "a", "|", "mv-expand", "b", "|",
                                      "make-series"}));
  // A '-' between other words is subtraction.
  EXPECT_EQ(Texts("a-b"), (std::vector<std::string>{"a", "-", "b"}));
  EXPECT_EQ(Texts("$left.K"), (std::vector<std::string>{"$left", ".", "K"}));
}

TEST(LexerTest, Numbers) {
  std::vector<Token> t = LexOk("42 0x1F 1.5 1e5 2.5E-3 1..5");
  ASSERT_EQ(t.size(), 9u);
  EXPECT_EQ(t[0].kind, TokenKind::kLong);
  EXPECT_EQ(t[0].long_value, 42);
  EXPECT_EQ(t[1].kind, TokenKind::kLong);
  EXPECT_EQ(t[1].long_value, 31);
  EXPECT_EQ(t[2].kind, TokenKind::kReal);
  EXPECT_DOUBLE_EQ(t[2].real_value, 1.5);
  EXPECT_EQ(t[3].kind, TokenKind::kReal);
  EXPECT_DOUBLE_EQ(t[3].real_value, 1e5);
  EXPECT_DOUBLE_EQ(t[4].real_value, 2.5e-3);
  EXPECT_EQ(t[5].long_value, 1);
  EXPECT_EQ(t[6].text, "..");
  EXPECT_EQ(t[7].long_value, 5);
}

// https://learn.microsoft.com/kusto/query/scalar-data-types/timespan
TEST(LexerTest, TimespanLiterals) {
  struct Case {
    const char* text;
    int64_t ticks;
  } cases[] = {
      {"1d", kTicksPerDay},
      {"2h", 2 * kTicksPerHour},
      {"30m", 30 * kTicksPerMinute},
      {"10s", 10 * kTicksPerSecond},
      {"100ms", 100 * kTicksPerMillisecond},
      {"5microsecond", 50},
      {"3tick", 3},
      {"1.5h", 90 * kTicksPerMinute},
      {"10min", 10 * kTicksPerMinute},
      {"1sec", kTicksPerSecond},
      {"0.1s", kTicksPerSecond / 10},
  };
  for (const Case& c : cases) {
    std::vector<Token> t = LexOk(c.text);
    ASSERT_EQ(t.size(), 2u) << c.text;
    EXPECT_EQ(t[0].kind, TokenKind::kTimespan) << c.text;
    EXPECT_EQ(t[0].long_value, c.ticks) << c.text;
  }
}

// https://learn.microsoft.com/kusto/query/scalar-data-types/string
TEST(LexerTest, StringLiterals) {
  std::vector<Token> t =
      LexOk(R"('a\'b' "c\"d\\e\n\t" @"C:\dir\""x""" @'it''s' "\u00e9" h"secret" ```multi
line```)");
  ASSERT_EQ(t.size(), 8u);
  EXPECT_EQ(t[0].text, "a'b");
  EXPECT_EQ(t[1].text, "c\"d\\e\n\t");
  EXPECT_EQ(t[2].text, "C:\\dir\\\"x\"");
  EXPECT_EQ(t[3].text, "it's");
  EXPECT_EQ(t[4].text, "\xc3\xa9");
  EXPECT_EQ(t[5].text, "secret");
  EXPECT_TRUE(t[5].obfuscated);
  EXPECT_EQ(t[6].text, "multi\nline");
  for (int i = 0; i < 7; ++i) EXPECT_EQ(t[i].kind, TokenKind::kString);
}

TEST(LexerTest, OperatorsAndWordOperators) {
  EXPECT_EQ(Texts("a == b != c =~ d !~ e <> f <= g >= h => i"),
            (std::vector<std::string>{"a", "==", "b", "!=", "c", "=~", "d", "!~", "e", "<>", "f",
                                      "<=", "g", ">=", "h", "=>", "i"}));
  EXPECT_EQ(Texts("x !has 'a' or x !contains_cs 'b' or x in~ (1) or x !in~ (2) or x !between"),
            (std::vector<std::string>{"x", "!has", "a", "or", "x", "!contains_cs", "b", "or",
                                      "x", "in~",  "(", "1",  ")", "or",           "x", "!in~",
                                      "(", "2",    ")", "or", "x", "!between"}));
  // '!' before a word that is not an operator stays a separate token.
  EXPECT_EQ(Texts("!foo"), (std::vector<std::string>{"!", "foo"}));
}

TEST(LexerTest, RawLiteralArguments) {
  std::vector<Token> t =
      LexOk("datetime(2024-01-01 10:00) + guid(74be27de-1e4e-49d9-b579-fe0b331d3642)");
  ASSERT_EQ(t.size(), 10u);
  EXPECT_EQ(t[0].text, "datetime");
  EXPECT_EQ(t[2].kind, TokenKind::kRawText);
  EXPECT_EQ(t[2].text, "2024-01-01 10:00");
  EXPECT_EQ(t[3].text, ")");
  EXPECT_EQ(t[7].text, "74be27de-1e4e-49d9-b579-fe0b331d3642");
  // Not followed by '(' (a type name): a plain identifier.
  std::vector<Token> u = LexOk("x:datetime, y");
  EXPECT_EQ(u[2].kind, TokenKind::kIdentifier);
  EXPECT_EQ(u[3].text, ",");
}

TEST(LexerTest, CommentsWhitespaceAndPositions) {
  std::vector<Token> t = LexOk("T // comment\n\t| where\xc2\xa0x");
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t[1].text, "|");
  EXPECT_EQ(t[1].position.line, 2u);
  EXPECT_EQ(t[1].position.column, 2u);
  EXPECT_EQ(t[1].position.offset, 14u);
  EXPECT_TRUE(t[1].space_before);
  EXPECT_EQ(t[3].text, "x");  // no-break space separates tokens
  EXPECT_EQ(t[4].kind, TokenKind::kEnd);
}

TEST(LexerTest, Errors) {
  Result<std::vector<Token>> r = Lex("print 'abc");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kSyntaxError);
  EXPECT_EQ(r.status().position().column, 7u);
  EXPECT_FALSE(Lex("print \"a\\qb\"").ok());
  EXPECT_FALSE(Lex("print 1.5abc").ok());
  Result<std::vector<Token>> stray = Lex("T\n| where x # 1");
  ASSERT_FALSE(stray.ok());
  EXPECT_EQ(stray.status().position().line, 2u);
  EXPECT_EQ(stray.status().position().column, 11u);
  EXPECT_FALSE(Lex(std::string(kMaxQueryBytes + 1, ' ')).ok());
}

}  // namespace
}  // namespace huntbook::kql
