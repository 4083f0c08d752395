// Syntax errors: kSyntaxError, 1-based position of the offending token, clear message.
#include <gtest/gtest.h>

#include <string>

#include "huntbook/kql/syntax/parser.h"

namespace huntbook::kql {
namespace {

struct ErrorCase {
  const char* query;
  uint32_t line;
  uint32_t column;
  const char* message;  // substring
};

TEST(ParserErrorTest, PositionsAndMessages) {
  const ErrorCase cases[] = {
      {"T | summarize count( by x", 1, 22, "expected ')' but found 'by'"},
      {"T\n| where", 2, 8, "expected an expression but found end of input"},
      {"T | frobnicate", 1, 5, "unknown query operator 'frobnicate'"},
      {"T | where x == (1", 1, 18, "expected ')'"},
      {"let x = 1 print x", 1, 11, "expected ';' but found 'print'"},
      {"T\n| take 1\nU", 3, 1, "expected ';' but found 'U'"},  // two queries need ';'
      {"; T", 1, 1, "expected a statement"},
      {"T | join R", 1, 11, "expected 'on'"},
      {"T | sort x", 1, 10, "expected 'by' but found 'x'"},
      {"T | where x in (has)", 1, 17, "needs to be bracketed"},
      {"print dynamic([1,)", 1, 18, "expected a dynamic value"},
      {"datatable(a:long)[1", 1, 20, "expected ']'"},
      {"T | project a,", 1, 15, "expected an expression"},
      {"T | where s has", 1, 16, "expected an expression"},
      {"print int(x)", 1, 11, "expected a literal value in int(...)"},
      {"print 'abc", 1, 7, "unterminated string literal"},
      {"range x from 1 to 10", 1, 21, "expected 'step'"},
      {"T | parse s with", 1, 17, "expected a parse pattern"},
  };
  for (const ErrorCase& c : cases) {
    Result<Query> r = Parse(c.query);
    ASSERT_FALSE(r.ok()) << c.query;
    EXPECT_EQ(r.status().code(), StatusCode::kSyntaxError) << c.query;
    EXPECT_EQ(r.status().position().line, c.line) << c.query << ": " << r.status().ToString();
    EXPECT_EQ(r.status().position().column, c.column) << c.query << ": " << r.status().ToString();
    EXPECT_NE(r.status().message().find(c.message), std::string::npos)
        << c.query << ": " << r.status().ToString();
  }
}

TEST(ParserErrorTest, DeepNestingIsACleanError) {
  std::string deep(100000, '(');
  deep += "1";
  deep += std::string(100000, ')');
  Result<Query> r = Parse("print " + deep);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kSyntaxError);
  EXPECT_NE(r.status().message().find("nested more than 256"), std::string::npos);

  std::string minus(5000, '-');
  EXPECT_FALSE(Parse("print " + minus + "1").ok());
  std::string dyn(5000, '[');
  EXPECT_FALSE(Parse("print dynamic(" + dyn + ")").ok());
  std::string pipes;
  for (int i = 0; i < 2000; ++i) pipes += "toscalar(";
  EXPECT_FALSE(Parse("print " + pipes).ok());

  // Up to the limit is fine.
  std::string ok(250, '(');
  EXPECT_TRUE(Parse("print " + ok + "1" + std::string(250, ')')).ok());
  EXPECT_TRUE(Parse("print " + std::string(250, '-') + "1").ok());
}

TEST(ParserErrorTest, OversizedTextIsRejected) {
  std::string big = "print '" + std::string((1 << 20) + 10, 'a') + "'";
  Result<Query> r = Parse(big);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kSyntaxError);
}

TEST(ParserErrorTest, ParseExpressionRejectsTrailingTokens) {
  Result<ExprPtr> r = ParseExpression("a b");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().position().column, 3u);
}

}  // namespace
}  // namespace huntbook::kql
