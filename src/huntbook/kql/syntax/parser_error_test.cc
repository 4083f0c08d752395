// Syntax errors: kSyntaxError, 1-based position of the offending token, clear message.
#include <gtest/gtest.h>

#include <string>

#include "huntbook/kql/syntax/parser.h"
#include "huntbook/kql/syntax/tree_printer.h"

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
      {"let x = 1 print x", 1, 10, "expected ';' but found 'print'"},
      {"T\n| take 1\nU", 2, 9, "expected ';' but found 'U'"},  // where the ';' belongs
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

// Flat chains build left-leaning trees one level per operator: the tree's depth is
// checked after parsing (and its destruction does not recurse), so 300 terms are an error at
// the first operator past the limit and 100,000 neither overflow the stack nor hang.
TEST(ParserErrorTest, FlatChainsCountOneLevelPerOperator) {
  auto chain = [](const std::string& term, const std::string& op, int n) {
    std::string text = "print x=" + term;
    for (int i = 1; i < n; ++i) text += op + term;
    return text;
  };
  Result<Query> r = Parse(chain("1", "+", 300));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kSyntaxError);
  EXPECT_NE(r.status().message().find("nested more than 256"), std::string::npos);
  // print (1) > 299 '+' nodes: the 257th level is the 44th '+' (column 8 + 2 * 44).
  EXPECT_EQ(r.status().position().column, 96u) << r.status().ToString();
  EXPECT_TRUE(Parse(chain("1", "+", 200)).ok());
  EXPECT_FALSE(Parse(chain("1", "*", 100000)).ok());
  std::string members = "print x=d";
  for (int i = 0; i < 50000; ++i) members += ".a";
  EXPECT_FALSE(Parse(members).ok());
  std::string indexes = "print x=d";
  for (int i = 0; i < 50000; ++i) indexes += "[0]";
  EXPECT_FALSE(Parse(indexes).ok());
  EXPECT_FALSE(ParseExpression(chain("1", "-", 1000).substr(8)).ok());
}

// `and`/`or` are associative, so their chains are balanced: 50,000 terms nest 17 levels,
// and two or three terms keep Kusto's left-to-right shape.
TEST(ParserErrorTest, LogicalChainsAreBalanced) {
  std::string text = "print x=true";
  for (int i = 1; i < 50000; ++i) text += i % 2 ? " and true" : " and false";
  EXPECT_TRUE(Parse(text).ok());
  std::string ors = "T | where x == 0";
  for (int i = 1; i < 5000; ++i) ors += " or x == " + std::to_string(i);
  EXPECT_TRUE(Parse(ors).ok());
  Result<ExprPtr> three = ParseExpression("a or b or c");
  ASSERT_TRUE(three.ok());
  EXPECT_EQ(PrintTree(**three), "(or (or a b) c)");
  Result<ExprPtr> four = ParseExpression("a and b and c and d");
  ASSERT_TRUE(four.ok());
  EXPECT_EQ(PrintTree(**four), "(and (and a b) (and c d))");
}

TEST(ParserErrorTest, InvalidUtf8IsASyntaxErrorAtTheByte) {
  struct Case {
    std::string query;
    uint32_t line, column;
  } cases[] = {
      {"print \xff=1", 1, 7},
      {"print x='ab\xc3'", 1, 12},
      {"print x=1\n// \xe2\x82\n", 2, 4},
      {"print x='\xc0\xaf'", 1, 10},          // overlong '/'
      {"print x='\xed\xa0\x80'", 1, 10},      // a surrogate
      {"print x='\xf4\x90\x80\x80'", 1, 10},  // above U+10FFFF
  };
  for (const Case& c : cases) {
    Result<Query> r = Parse(c.query);
    ASSERT_FALSE(r.ok()) << c.query;
    EXPECT_EQ(r.status().code(), StatusCode::kSyntaxError);
    EXPECT_NE(r.status().message().find("not valid UTF-8"), std::string::npos);
    EXPECT_EQ(r.status().position().line, c.line) << c.query;
    EXPECT_EQ(r.status().position().column, c.column) << c.query;
  }
  EXPECT_TRUE(Parse("print x='h\xc3\xa9llo \xf0\x9f\x98\x80'").ok());
}

TEST(ParserErrorTest, UnicodeEscapesGiveValidUtf8) {
  Result<ExprPtr> pair = ParseExpression("'\\ud83d\\ude00'");
  ASSERT_TRUE(pair.ok());
  EXPECT_EQ((*pair)->literal.ToString(), "\xf0\x9f\x98\x80");  // U+1F600
  Result<ExprPtr> lone = ParseExpression("'a\\ud800b\\udc00'");
  ASSERT_TRUE(lone.ok());
  EXPECT_EQ((*lone)->literal.ToString(),
            "a\xef\xbf\xbd"
            "b\xef\xbf\xbd");  // U+FFFD
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
