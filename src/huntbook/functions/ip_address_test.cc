#include "huntbook/functions/ip_address.h"

#include <gtest/gtest.h>

#include "huntbook/functions/scalar_test_harness.h"

namespace huntbook::functions {
namespace {

using testing::EvalText;
using testing::Str;

TEST(Ipv4AddressTest, ParsesDottedQuadsAndPrefixes) {
  auto ip = ParseIpv4Address(" 192.168.1.10/24 ");
  ASSERT_TRUE(ip.has_value());
  EXPECT_EQ(ip->address, 0xC0A8010Au);
  EXPECT_EQ(ip->prefix, 24);
  EXPECT_EQ(ParseIpv4Address("10.0.0.1")->prefix, 32);
  EXPECT_FALSE(ParseIpv4Address("256.0.0.1"));
  EXPECT_FALSE(ParseIpv4Address("1.2.3"));
  EXPECT_FALSE(ParseIpv4Address("1.2.3.4.5"));
  EXPECT_FALSE(ParseIpv4Address("1.2.3.4/33"));
  EXPECT_FALSE(ParseIpv4Address("1.2.3.4/"));
  EXPECT_FALSE(ParseIpv4Address("0001.2.3.4"));
  EXPECT_FALSE(ParseIpv4Address(""));
  EXPECT_EQ(Ipv4Mask(0), 0u);
  EXPECT_EQ(Ipv4Mask(24), 0xFFFFFF00u);
  EXPECT_EQ(FormatIpv4(0x7F000001u), "127.0.0.1");
}

TEST(Ipv6AddressTest, ParsesRfc4291TextAndMappedIpv4) {
  auto ip = ParseIpv6Address("fe80::85d:e82c:9446:7994/120");
  ASSERT_TRUE(ip.has_value());
  EXPECT_EQ(ip->prefix, 120);
  EXPECT_EQ(FormatIpv6(ip->bytes), "fe80:0000:0000:0000:085d:e82c:9446:7994");
  EXPECT_EQ(FormatIpv6(MaskIpv6(ip->bytes, ip->prefix)), "fe80:0000:0000:0000:085d:e82c:9446:7900");
  auto v4 = ParseIpv6Address("127.0.0.1/8");
  ASSERT_TRUE(v4.has_value());
  EXPECT_EQ(v4->prefix, 104);
  EXPECT_EQ(FormatIpv6(v4->bytes), "0000:0000:0000:0000:0000:ffff:7f00:0001");
  EXPECT_EQ(FormatIpv6(ParseIpv6Address("::ffff:1.2.3.4")->bytes),
            "0000:0000:0000:0000:0000:ffff:0102:0304");
  EXPECT_EQ(FormatIpv6(ParseIpv6Address("1::")->bytes), "0001:0000:0000:0000:0000:0000:0000:0000");
  EXPECT_FALSE(ParseIpv6Address("1::2::3"));
  EXPECT_FALSE(ParseIpv6Address("1:2:3:4:5:6:7"));
  EXPECT_FALSE(ParseIpv6Address("1:2:3:4:5:6:7:8:9"));
  EXPECT_FALSE(ParseIpv6Address("::g"));
  EXPECT_FALSE(ParseIpv6Address("::1/129"));
  EXPECT_FALSE(ParseIpv6Address(":"));
}

TEST(IpFunctionsTest, KernelsThroughTheCatalogue) {
  EXPECT_EQ(EvalText("parse_ipv6", {Str("::1")}), "0000:0000:0000:0000:0000:0000:0000:0001");
  EXPECT_EQ(EvalText("format_ipv4_mask", {Str("10.1.2.3/8")}), "10.0.0.0/8");
  EXPECT_EQ(EvalText("has_ipv4", {Str("src=10.0.0.1,dst=10.0.0.2"), Str("10.0.0.2")}), "true");
}

}  // namespace
}  // namespace huntbook::functions
