// Tabular operators after `|`, checked through PrintTree.
#include <gtest/gtest.h>

#include <string>

#include "huntbook/kql/syntax/parser.h"
#include "huntbook/kql/syntax/tree_printer.h"

namespace huntbook::kql {
namespace {

// Prints the operators of `T | ...` (without the source).
std::string Ops(std::string_view text) {
  Result<Query> r = Parse(text);
  if (!r.ok()) return "ERROR " + r.status().ToString();
  const Expr& pipe = *r->statements.back()->expr;
  if (pipe.kind != ExprKind::kPipe) return "not a pipe: " + PrintTree(pipe);
  std::string out;
  for (const OperatorPtr& op : pipe.operators) out += (out.empty() ? "" : " ") + PrintTree(*op);
  return out;
}

TEST(OperatorParserTest, FilterAndProjection) {
  EXPECT_EQ(Ops("T | where x > 1 | filter y"), "(where (> x 1)) (where y)");
  EXPECT_EQ(Ops("T | project a, b = c + 1, ['d e'] = 2"), "(project a b=(+ c 1) d e=2)");
  EXPECT_EQ(Ops("T | extend (x, y) = f(a)"), "(extend (x,y)=f(a))");
  EXPECT_EQ(Ops("T | project-away a, Event*, *Id, ['x y']"), "(project-away a Event* *Id x y)");
  EXPECT_EQ(Ops("T | project-keep a*"), "(project-keep a*)");
  EXPECT_EQ(Ops("T | project-rename New = Old, ['b c'] = d"), "(project-rename New=Old b c=d)");
  EXPECT_EQ(Ops("T | project-reorder b, a* asc"), "(project-reorder b a*)");
}

// https://learn.microsoft.com/kusto/query/summarize-operator
TEST(OperatorParserTest, Summarize) {
  EXPECT_EQ(Ops("T | summarize count(), n = dcount(u) by h, bin(t, 1h)"),
            "(summarize count() n=dcount(u) by h bin(t, timespan:01:00:00))");
  EXPECT_EQ(Ops("T | summarize by h"), "(summarize by h)");
  EXPECT_EQ(Ops("T | summarize hint.strategy=shuffle arg_max(t, *) by k = tostring(x)"),
            "(summarize hint.strategy=shuffle arg_max(t, *) by k=tostring(x))");
  EXPECT_EQ(Ops("T | summarize Total = count()"), "(summarize Total=count())");
  EXPECT_EQ(Ops("T | count | getschema"), "(count) (getschema)");
}

// https://learn.microsoft.com/kusto/query/sort-operator
TEST(OperatorParserTest, SortTakeTopDistinct) {
  EXPECT_EQ(Ops("T | sort by a, b asc nulls first, c desc nulls last"),
            "(sort a b asc nulls-first c desc nulls-last)");
  EXPECT_EQ(Ops("T | order by a"), "(sort a)");
  EXPECT_EQ(Ops("T | take 10 | limit n"), "(take 10) (take n)");
  EXPECT_EQ(Ops("T | top 5 by x asc"), "(top 5 by x asc)");
  EXPECT_EQ(Ops("T | distinct a, b"), "(distinct a b)");
  EXPECT_EQ(Ops("T | distinct *"), "(distinct *)");
  EXPECT_EQ(Ops("T | sample 3 | sample-distinct 2 of c"), "(sample 3) (sample-distinct 2 c)");
  EXPECT_EQ(Ops("T | serialize rn = row_number()"), "(serialize rn=row_number())");
  EXPECT_EQ(Ops("T | serialize"), "(serialize)");
}

// https://learn.microsoft.com/kusto/query/join-operator
TEST(OperatorParserTest, JoinAndLookup) {
  EXPECT_EQ(Ops("L | join R on K"), "(join R on K)");
  EXPECT_EQ(Ops("L | join kind=leftouter hint.strategy=broadcast (R | where x) on K, $left.A == "
                "$right.B"),
            "(join kind=leftouter hint.strategy=broadcast (pipe R (where x)) on K "
            "(== (. $left A) (. $right B)))");
  EXPECT_EQ(Ops("L | lookup kind=inner R on K"), "(lookup kind=inner R on K)");
  EXPECT_EQ(Ops("L | join (R) on $left.A == $right.B and $left.C == $right.D"),
            "(join R on (and (== (. $left A) (. $right B)) (== (. $left C) (. $right D))))");
}

TEST(OperatorParserTest, UnionAndMvExpand) {
  EXPECT_EQ(Ops("T | union kind=outer withsource=S U, (V | take 1)"),
            "(union kind=outer withsource=S U (pipe V (take 1)))");
  // https://learn.microsoft.com/kusto/query/mv-expand-operator
  EXPECT_EQ(Ops("T | mv-expand a, b to typeof(long) limit 10"), "(mv-expand 10 a b:long)");
  EXPECT_EQ(Ops("T | mv-expand bagexpansion=array with_itemindex=i x = d.items"),
            "(mv-expand bagexpansion=array with_itemindex=i x=(. d items))");
  EXPECT_EQ(Ops("T | mvexpand a"), "(mvexpand a)");
}

// https://learn.microsoft.com/kusto/query/parse-operator
TEST(OperatorParserTest, Parse) {
  EXPECT_EQ(Ops("T | parse s with * 'pid=' pid:long ' u=' u *"),
            "(parse s * \"pid=\" pid:long \" u=\" u *)");
  EXPECT_EQ(Ops("T | parse kind=regex flags=Ui s with 'a' x:int"),
            "(parse kind=regex flags=Ui s \"a\" x:int)");
  EXPECT_EQ(Ops("T | parse-where s with 'a' x"), "(parse-where s \"a\" x)");
  EXPECT_EQ(Ops("T | parse-kv s as (a:long, b) with (pair_delimiter=',', kv_delimiter='=')"),
            "(parse-kv pair_delimiter=\",\" kv_delimiter=\"=\" a:long b s)");
}

TEST(OperatorParserTest, RenderAsEvaluateInvoke) {
  EXPECT_EQ(Ops("T | render timechart with (title='x', ycolumns=a, b)"),
            "(render timechart {with (title='x', ycolumns=a, b)})");
  EXPECT_EQ(Ops("T | render piechart"), "(render piechart)");
  EXPECT_EQ(Ops("T | as hint.materialized=true X"), "(as hint.materialized=true X)");
  EXPECT_EQ(Ops("T | evaluate bag_unpack(d)"), "(evaluate bag_unpack(d))");
  EXPECT_EQ(Ops("T | evaluate hint.distribution=per_node pivot(k)"),
            "(evaluate hint.distribution=per_node pivot(k))");
  EXPECT_EQ(Ops("T | invoke f(1)"), "(invoke f(1))");
}

// Operators huntbook keeps as raw text (not executed yet) must still be accepted.
TEST(OperatorParserTest, RawTextOperators) {
  EXPECT_EQ(Ops("T | make-series n = count() default = 0 on t from ago(1d) to now() step 1h by k"),
            "(make-series n=count() by k {n = count() default = 0 on t from ago(1d) to now() step "
            "1h by k})");
  EXPECT_EQ(Ops("T | mv-apply x = d to typeof(long) on (summarize sum(x)) | count"),
            "(mv-apply x=d:long (pipe (summarize sum(x))) {x = d to typeof(long) on (summarize "
            "sum(x))}) (count)");
  EXPECT_EQ(Ops("T | top-nested 3 of a by count(), top-nested 2 of b by sum(x)"),
            "(top-nested {3 of a by count(), top-nested 2 of b by sum(x)})");
  EXPECT_EQ(Ops("T | partition by k (top 1 by t)"),
            "(partition by k (pipe (top 1 by t)) {by k (top 1 by t)})");
  EXPECT_EQ(Ops("T | fork (take 1) (count)"), "(fork {(take 1) (count)})");
}

// https://learn.microsoft.com/kusto/query/partition-operator: `( operators )` is the
// implicit-source subquery (right), `{ T | ... }` one with its own source (args[0]).
TEST(OperatorParserTest, PartitionSubqueryForms) {
  auto last_op = [](const Result<Query>& query) -> const Operator& {
    return *query->statements.back()->expr->operators.back();
  };
  Result<Query> paren = Parse("T | partition hint.strategy=native by k hint.spread=2 (top 1 by t)");
  ASSERT_TRUE(paren.ok()) << paren.status().ToString();
  const Operator& implicit = last_op(paren);
  EXPECT_TRUE(implicit.clauses_parsed);
  ASSERT_NE(implicit.right, nullptr);
  EXPECT_EQ(implicit.right->operators.size(), 1u);
  EXPECT_TRUE(implicit.args.empty());
  ASSERT_EQ(implicit.params.size(), 2u);
  EXPECT_EQ(implicit.params[1].name, "hint.spread");
  Result<Query> plain = Parse("T | partition by k (top 1 by t)");  // not a call k(...)
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_TRUE(last_op(plain).clauses_parsed);
  EXPECT_EQ(PrintTree(*last_op(plain).by[0].expr), "k");
  ASSERT_NE(last_op(plain).right, nullptr);
  Result<Query> curly = Parse("range x from 1 to 2 step 1 | partition by x {T | where c == x}");
  ASSERT_TRUE(curly.ok()) << curly.status().ToString();
  const Operator& sourced = last_op(curly);
  EXPECT_TRUE(sourced.clauses_parsed);
  EXPECT_EQ(sourced.right, nullptr);
  ASSERT_EQ(sourced.args.size(), 1u);
  EXPECT_EQ(PrintTree(*sourced.args[0]), "(pipe T (where (== c x)))");
}

// https://learn.microsoft.com/kusto/query/scan-operator
TEST(OperatorParserTest, Scan) {
  EXPECT_EQ(Ops("T | scan with (step s: x > 1;)"), "(scan (step (> x 1) s))");
  EXPECT_EQ(Ops("T | scan with_match_id=m declare (c: long = 0, d: string) with (\n"
                "  step s1 output=last: true => c = x + s1.c, d = 'a';\n"
                "  step s2 output=none: x > s1.x;)"),
            "(scan with_match_id=m declare (c:long=0 d:string) (step output=last true c=(+ x "
            "(. s1 c)) d=\"a\" s1) (step output=none (> x (. s1 x)) s2))");
  EXPECT_EQ(Ops("T | scan with ()"), "(scan)");
  // Kusto's parser rejects these too.
  EXPECT_EQ(Ops("T | scan with (step s1: true)"),
            "ERROR SyntaxError: expected ';' but found ')' (line 1, column 29)");
  EXPECT_EQ(Ops("T | scan with step s1: true;"),
            "ERROR SyntaxError: expected '(' but found 'step' (line 1, column 15)");
  EXPECT_EQ(Ops("T | scan with (step s1 output=first: true;)"),
            "ERROR SyntaxError: expected one of: all, last, none (line 1, column 31)");
  EXPECT_EQ(Ops("T | scan declare (c: long) with_match_id=m with (step s1: true;)"),
            "ERROR SyntaxError: expected 'with' but found 'with_match_id' (line 1, column 28)");
}

}  // namespace
}  // namespace huntbook::kql
