// Tests of the math and IPv4 functions; each block cites its documentation page.
#include <gtest/gtest.h>

#include <cmath>

#include "huntbook/functions/scalar_test_harness.h"

namespace huntbook::functions::testing {
namespace {

// https://learn.microsoft.com/kusto/query/round-function (documented examples)
TEST(MathFunctionsTest, Round) {
  EXPECT_DOUBLE_EQ(Eval("round", {Real(2.98765), Long(3)}).real_value(), 2.988);
  EXPECT_DOUBLE_EQ(Eval("round", {Real(2.15), Long(1)}).real_value(), 2.2);
  EXPECT_DOUBLE_EQ(Eval("round", {Real(2.15)}).real_value(), 2.0);
  EXPECT_DOUBLE_EQ(Eval("round", {Real(-50.55), Long(-2)}).real_value(), -100.0);
  EXPECT_DOUBLE_EQ(Eval("round", {Real(21.5), Long(-1)}).real_value(), 20.0);
  EXPECT_EQ(Eval("round", {Long(1234), Long(-2)}).int_value(), 1200);
  EXPECT_TRUE(Eval("round", {Null(TypeKind::kReal)}).is_null());
}

// https://learn.microsoft.com/kusto/query/abs-function , ceiling-function, pow-function,
// sqrt-function, log-function, exp-function
TEST(MathFunctionsTest, Arithmetic) {
  EXPECT_EQ(Eval("abs", {Long(-5)}).int_value(), 5);
  EXPECT_DOUBLE_EQ(Eval("abs", {Real(-1.5)}).real_value(), 1.5);
  EXPECT_DOUBLE_EQ(Eval("ceiling", {Real(-1.1)}).real_value(), -1.0);
  EXPECT_DOUBLE_EQ(Eval("pow", {Long(2), Long(3)}).real_value(), 8.0);
  EXPECT_DOUBLE_EQ(Eval("sqrt", {Long(256)}).real_value(), 16.0);
  EXPECT_TRUE(std::isnan(Eval("sqrt", {Long(-1)}).real_value()));
  EXPECT_DOUBLE_EQ(Eval("log10", {Long(100)}).real_value(), 2.0);
  EXPECT_DOUBLE_EQ(Eval("log", {Real(1)}).real_value(), 0.0);
  EXPECT_DOUBLE_EQ(Eval("exp", {Long(0)}).real_value(), 1.0);
  EXPECT_TRUE(EvalBool("isnan", {Real(std::nan(""))}));
  EXPECT_EQ(BindError("sqrt", {TypeKind::kString}),
            "sqrt(): argument 1 must be a number (int, long, real or decimal), got string");
}

// https://learn.microsoft.com/kusto/query/ipv4-is-private-function , parse-ipv4-function,
// ipv4-is-in-range-function, ipv4-compare-function
TEST(NetworkFunctionsTest, Ipv4) {
  EXPECT_TRUE(EvalBool("ipv4_is_private", {Str("192.168.1.1")}));
  EXPECT_TRUE(EvalBool("ipv4_is_private", {Str("10.1.2.3")}));
  EXPECT_TRUE(EvalBool("ipv4_is_private", {Str("172.31.255.255")}));
  EXPECT_FALSE(EvalBool("ipv4_is_private", {Str("172.32.0.1")}));
  EXPECT_FALSE(EvalBool("ipv4_is_private", {Str("8.8.8.8")}));
  EXPECT_TRUE(Eval("ipv4_is_private", {Str("not an ip")}).is_null());
  EXPECT_EQ(Eval("parse_ipv4", {Str("127.0.0.1")}).int_value(), 2130706433);
  EXPECT_EQ(Eval("parse_ipv4", {Str("192.1.168.1")}).int_value(), 3221334017);
  EXPECT_EQ(Eval("parse_ipv4", {Str("192.1.168.1/24")}).int_value(), 3221334016);
  EXPECT_TRUE(Eval("parse_ipv4", {Str("256.1.1.1")}).is_null());
  EXPECT_TRUE(EvalBool("ipv4_is_in_range", {Str("192.168.1.1"), Str("192.168.1.255/24")}));
  EXPECT_FALSE(EvalBool("ipv4_is_in_range", {Str("192.168.2.1"), Str("192.168.1.0/24")}));
  EXPECT_EQ(Eval("ipv4_compare", {Str("127.0.0.1"), Str("127.0.0.1")}).int_value(), 0);
  EXPECT_EQ(Eval("ipv4_compare", {Str("192.168.1.1"), Str("192.168.1.255")}).int_value(), -1);
  EXPECT_EQ(Eval("ipv4_compare", {Str("192.168.1.1/24"), Str("192.168.1.255/24")}).int_value(), 0);
  EXPECT_EQ(Eval("ipv4_compare", {Str("192.168.1.1"), Str("192.168.1.255"), Long(24)}).int_value(),
            0);
  EXPECT_TRUE(EvalBool("ipv4_is_match", {Str("192.168.1.1/24"), Str("192.168.1.255/24")}));
}

}  // namespace
}  // namespace huntbook::functions::testing
