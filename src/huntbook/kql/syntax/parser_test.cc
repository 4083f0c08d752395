// Expressions, literals, statements and tabular sources, checked through PrintTree.
#include "huntbook/kql/syntax/parser.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "huntbook/kql/syntax/tree_printer.h"
#include "huntbook/types/type.h"

namespace huntbook::kql {
namespace {

std::string E(std::string_view text) {
  Result<ExprPtr> r = ParseExpression(text);
  return r.ok() ? PrintTree(**r) : "ERROR " + r.status().ToString();
}

std::string Q(std::string_view text) {
  Result<Query> r = Parse(text);
  return r.ok() ? PrintTree(*r) : "ERROR " + r.status().ToString();
}

// https://learn.microsoft.com/kusto/query/logical-operators (and binds tighter than or)
TEST(ExpressionParserTest, Precedence) {
  EXPECT_EQ(E("a + 1 * 2"), "(+ a (* 1 2))");
  EXPECT_EQ(E("(a + 1) * 2"), "(* (+ a 1) 2)");
  EXPECT_EQ(E("a - b - c"), "(- (- a b) c)");
  EXPECT_EQ(E("a or b and c"), "(or a (and b c))");
  EXPECT_EQ(E("x > 1 and y == 'a'"), "(and (> x 1) (== y \"a\"))");
  EXPECT_EQ(E("x + 1 > y * 2 or z"), "(or (> (+ x 1) (* y 2)) z)");
  EXPECT_EQ(E("a % 3 / 2"), "(/ (% a 3) 2)");
  EXPECT_EQ(E("-x + 2"), "(+ (- x) 2)");
  EXPECT_EQ(E("- -1"), "(- -1)");
  EXPECT_EQ(E("not(a) or b"), "(or not(a) b)");
  EXPECT_EQ(E("x < 1 == true"), "(== (< x 1) true)");
}

// https://learn.microsoft.com/kusto/query/datatypes-string-operators
TEST(ExpressionParserTest, StringOperators) {
  EXPECT_EQ(E("s has 'a'"), "(has s \"a\")");
  EXPECT_EQ(E("s !has_cs 'a'"), "(!has_cs s \"a\")");
  EXPECT_EQ(E("s contains 'a' and s !startswith 'b'"),
            "(and (contains s \"a\") (!startswith s \"b\"))");
  EXPECT_EQ(E("s =~ 'a' or s !~ 'b'"), "(or (=~ s \"a\") (!~ s \"b\"))");
  EXPECT_EQ(E("s matches regex '[a-z]+'"), "(matches regex s \"[a-z]+\")");
  EXPECT_EQ(E("s hasprefix_cs 'a'"), "(hasprefix_cs s \"a\")");
  EXPECT_EQ(E("s endswith_cs 'a'"), "(endswith_cs s \"a\")");
  EXPECT_EQ(E("s notcontains 'a'"), "(notcontains s \"a\")");
  EXPECT_EQ(E("x <> 1"), "(<> x 1)");
}

TEST(ExpressionParserTest, ListOperators) {
  EXPECT_EQ(E("x in (1, 2, 3)"), "(in x 1 2 3)");
  EXPECT_EQ(E("x !in ('a')"), "(!in x \"a\")");
  EXPECT_EQ(E("x in~ ('a', 'b')"), "(in~ x \"a\" \"b\")");
  EXPECT_EQ(E("x !in~ (L)"), "(!in~ x L)");
  EXPECT_EQ(E("x has_any ('a', 'b')"), "(has_any x \"a\" \"b\")");
  EXPECT_EQ(E("x has_all (L)"), "(has_all x L)");
  EXPECT_EQ(E("x between (1 .. 5)"), "(between x 1 5)");
  EXPECT_EQ(E("t !between (ago(1d) .. now())"), "(!between t ago(timespan:1.00:00:00) now())");
  EXPECT_EQ(E("x in (T | project a)"), "(in x (pipe T (project a)))");
  EXPECT_EQ(E("x in (dynamic([1, 2]))"), "(in x dynamic:[1,2])");
}

TEST(ExpressionParserTest, PostfixAndCalls) {
  EXPECT_EQ(E("d.a.b"), "(. (. d a) b)");
  EXPECT_EQ(E("d['a b'][0]"), "([] ([] d \"a b\") 0)");
  EXPECT_EQ(E("d.['x']"), "(. d x)");
  EXPECT_EQ(E("d.[0]"), "([] d 0)");
  EXPECT_EQ(E("parse_json(x).a"), "(. parse_json(x) a)");
  EXPECT_EQ(E("strcat(a, 'b', 3)"), "strcat(a, \"b\", 3)");
  EXPECT_EQ(E("now()"), "now()");
  EXPECT_EQ(E("arg_max(T, *)"), "arg_max(T, *)");
  EXPECT_EQ(E("['a b'] + ['c']"), "(+ a b c)");
  EXPECT_EQ(E("$left.K == $right.K2"), "(== (. $left K) (. $right K2))");
  EXPECT_EQ(E("toscalar(T | count)"), "toscalar((pipe T (count)))");
  EXPECT_EQ(E("bag_unpack(d, columnsConflict='keep_source')"),
            "bag_unpack(d, (= columnsConflict \"keep_source\"))");
  EXPECT_EQ(E("workspace('w').T"), "(. workspace(\"w\") T)");
  EXPECT_EQ(E("{start}"), "{start}");
}

// https://learn.microsoft.com/kusto/query/scalar-data-types/
TEST(ExpressionParserTest, Literals) {
  EXPECT_EQ(E("5"), "5");
  EXPECT_EQ(E("-5"), "-5");
  EXPECT_EQ(E("1.5"), "real:1.5");
  EXPECT_EQ(E("1e3"), "real:1000");
  EXPECT_EQ(E("0x10"), "16");
  EXPECT_EQ(E("true"), "true");
  EXPECT_EQ(E("'a' \"b\" @'c'"), "\"abc\"");  // adjacent literals concatenate
  EXPECT_EQ(E("30m"), "timespan:00:30:00");
  EXPECT_EQ(E("-1d"), "timespan:-1.00:00:00");
  EXPECT_EQ(E("datetime(2024-01-01 10:00)"), "datetime:2024-01-01T10:00:00Z");
  EXPECT_EQ(E("datetime(null)"), "datetime:null");
  EXPECT_EQ(E("timespan(1d)"), "timespan:1.00:00:00");
  EXPECT_EQ(E("int(5)"), "int:5");
  EXPECT_EQ(E("long(null)"), "long:null");
  EXPECT_EQ(E("long(-3)"), "-3");
  EXPECT_EQ(E("real(1)"), "real:1");
  EXPECT_EQ(E("bool(true)"), "true");
  EXPECT_EQ(E("bool(null)"), "bool:null");
  EXPECT_EQ(E("guid(74BE27DE-1E4E-49D9-B579-FE0B331D3642)"),
            "guid:74be27de-1e4e-49d9-b579-fe0b331d3642");
  EXPECT_EQ(E("dynamic(null)"), "dynamic:null");
  EXPECT_EQ(E("dynamic({})"), "dynamic:{}");
  EXPECT_EQ(E("dynamic([1, \"a\", {\"b\": 2}, -1.5, true, null])"),
            "dynamic:[1,\"a\",{\"b\":2},-1.5,true,null]");
  EXPECT_EQ(E("dynamic(['x', 'y'])"), "dynamic:[\"x\",\"y\"]");
  Result<ExprPtr> nan = ParseExpression("real(nan)");
  ASSERT_TRUE(nan.ok());
  EXPECT_TRUE(std::isnan((*nan)->literal.real_value()));
  Result<ExprPtr> inf = ParseExpression("real(-inf)");
  ASSERT_TRUE(inf.ok());
  EXPECT_EQ((*inf)->literal.real_value(), -INFINITY);
}

TEST(ExpressionParserTest, InvalidDatetimeTextIsACallForTheBinder) {
  // Kusto's parser accepts any text in datetime(...); the value is checked when binding.
  Result<ExprPtr> r = ParseExpression("datetime({start})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->kind, ExprKind::kCall);
  EXPECT_EQ((*r)->name, "datetime");
  EXPECT_NE((*r)->text.find("invalid datetime literal"), std::string::npos);
}

TEST(ExpressionParserTest, Positions) {
  Result<ExprPtr> r = ParseExpression("a +\n  b");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->position.line, 1u);
  EXPECT_EQ((*r)->position.column, 3u);
  EXPECT_EQ((*r)->args[1]->position.line, 2u);
  EXPECT_EQ((*r)->args[1]->position.column, 3u);
}

// https://learn.microsoft.com/kusto/query/let-statement
TEST(StatementParserTest, Let) {
  EXPECT_EQ(Q("let x = 5; print x"), "(let x 5); (print x)");
  EXPECT_EQ(Q("let T = datatable(a:long)[1, 2]; T"), "(let T (datatable (a:long) 1 2)); T");
  EXPECT_EQ(Q("let f = (a:long, b:string = 'x') { a + 1 }; print f(1)"),
            "(let f (lambda (a:long b:string=\"x\") (+ a 1);)); (print f(1))");
  EXPECT_EQ(Q("let f = () { let y = 2; T | take y }; f()"),
            "(let f (lambda () (let y 2); (pipe T (take y));)); f()");
  EXPECT_EQ(Q("let f = (T:(*), n:long) { T | take n }; f(X, 1)"),
            "(let f (lambda (T:(*) n:long) (pipe T (take n));)); f(X, 1)");
  EXPECT_EQ(Q("let f = (T:(a:long, b:string)) { T }; f(X)"),
            "(let f (lambda (T:(a:long, b:string)) T;)); f(X)");
  EXPECT_EQ(Q("let v = view () { T }; v"), "(let v (lambda () T;)); v");
  EXPECT_EQ(Q("let m = materialize(T | take 1); m"), "(let m materialize((pipe T (take 1)))); m");
  EXPECT_EQ(Q("let ['a b'] = 1; print ['a b']"), "(let a b 1); (print a b)");
}

// https://learn.microsoft.com/kusto/query/set-statement
TEST(StatementParserTest, SetDeclareAndSeparators) {
  EXPECT_EQ(Q("set notruncation; T"), "(set notruncation); T");
  EXPECT_EQ(Q("set query_now = datetime(2024-01-01); T"),
            "(set query_now datetime:2024-01-01T00:00:00Z); T");
  EXPECT_EQ(Q("declare query_parameters(a:string = 'x', b:long); T"),
            "(declare (a:string=\"x\" b:long)); T");
  EXPECT_EQ(Q("T;"), "T");
  EXPECT_EQ(Q("T;; U;"), "T; U");
  EXPECT_EQ(Q("let x = 1;;print x"), "(let x 1); (print x)");
  EXPECT_EQ(Q(""), "");
  EXPECT_EQ(Q("// only a comment\n"), "");
}

TEST(SourceParserTest, Sources) {
  EXPECT_EQ(Q("print 1, b = 'x'"), "(print 1 b=\"x\")");
  EXPECT_EQ(Q("print (a, b) = (1)"), "(print (a,b)=1)");
  EXPECT_EQ(Q("range x from 1 to 10 step 2"), "(range x 1 10 2)");
  EXPECT_EQ(Q("range t from ago(1d) to now() step 1h | count"),
            "(pipe (range t ago(timespan:1.00:00:00) now() timespan:01:00:00) (count))");
  EXPECT_EQ(Q("datatable(a:long, b:string)[1, 'x', 2, 'y',]"),
            "(datatable (a:long b:string) 1 \"x\" 2 \"y\")");
  EXPECT_EQ(Q("datatable(a:long)[]"), "(datatable (a:long))");
  EXPECT_EQ(Q("union T1, (T2 | where x), Sec*"), "(union T1 (pipe T2 (where x)) Sec*)");
  EXPECT_EQ(Q("union kind=inner withsource=Src isfuzzy=true A, B"),
            "(union kind=inner withsource=Src isfuzzy=true A B)");
  EXPECT_EQ(Q("(T | take 1) | count"), "(pipe (pipe T (take 1)) (count))");
  EXPECT_EQ(Q("table('T') | take 1"), "(pipe table(\"T\") (take 1))");
  EXPECT_EQ(Q("externaldata(a:string, b:long) [h'https://x/y.csv'] with (format='csv')"),
            "(externaldata format=\"csv\" (a:string b:long) \"https://x/y.csv\")");
  EXPECT_EQ(Q("search 'x'"), "(pipe (search {'x'}))");
  EXPECT_EQ(Q("evaluate python(typeof(*), 'x') | take 1"),
            "(pipe (evaluate python(typeof(*), \"x\")) (take 1))");
}

}  // namespace
}  // namespace huntbook::kql
