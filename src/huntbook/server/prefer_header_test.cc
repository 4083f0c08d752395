// Prefer header: https://learn.microsoft.com/azure/azure-monitor/logs/api/prefer-options
#include "huntbook/server/prefer_header.h"

#include <gtest/gtest.h>

namespace huntbook::server {
namespace {

TEST(PreferHeaderTest, Defaults) {
  PreferOptions options = ParsePreferHeader("");
  EXPECT_FALSE(options.wait_seconds);
  EXPECT_FALSE(options.include_statistics);
  EXPECT_FALSE(options.include_render);
  EXPECT_TRUE(options.response_thinning);
}

TEST(PreferHeaderTest, KqlmagicThinningOff) {
  EXPECT_FALSE(ParsePreferHeader("ai.response-thinning=false").response_thinning);
  EXPECT_TRUE(ParsePreferHeader("ai.response-thinning=true").response_thinning);
}

TEST(PreferHeaderTest, List) {
  PreferOptions options = ParsePreferHeader(
      "wait=30, include-statistics=true,include-render=true ,include-dataSources=true");
  EXPECT_EQ(options.wait_seconds, 30);
  EXPECT_TRUE(options.include_statistics);
  EXPECT_TRUE(options.include_render);
  EXPECT_TRUE(options.include_data_sources);
}

TEST(PreferHeaderTest, WaitIsCappedAndValidated) {
  EXPECT_EQ(ParsePreferHeader("wait=100000").wait_seconds, kMaxWaitSeconds);
  EXPECT_FALSE(ParsePreferHeader("wait=abc").wait_seconds);
  EXPECT_FALSE(ParsePreferHeader("wait=-5").wait_seconds);
  EXPECT_EQ(ParsePreferHeader("Wait=\"5\"").wait_seconds, 5);
}

TEST(PreferHeaderTest, UnknownPreferencesIgnored) {
  PreferOptions options = ParsePreferHeader("respond-async, return=minimal; x=1, wait=7");
  EXPECT_EQ(options.wait_seconds, 7);
}

}  // namespace
}  // namespace huntbook::server
