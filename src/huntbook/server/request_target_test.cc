#include "huntbook/server/request_target.h"

#include <gtest/gtest.h>

namespace huntbook::server {
namespace {

TEST(RequestTargetTest, PathAndParameters) {
  auto target =
      ParseRequestTarget("/v1/workspaces/ws%201/query?query=T%20%7C%20take+1&timespan=PT1H");
  ASSERT_TRUE(target.ok());
  EXPECT_EQ(target->path, "/v1/workspaces/ws 1/query");
  ASSERT_EQ(target->query_parameters.size(), 2u);
  EXPECT_EQ(target->query_parameters[0].first, "query");
  EXPECT_EQ(target->query_parameters[0].second, "T | take 1");
  EXPECT_EQ(target->query_parameters[1].second, "PT1H");
}

TEST(RequestTargetTest, PlusInPathStays) {
  auto target = ParseRequestTarget("/a+b");
  ASSERT_TRUE(target.ok());
  EXPECT_EQ(target->path, "/a+b");
}

TEST(RequestTargetTest, Rejects) {
  EXPECT_FALSE(ParseRequestTarget("").ok());
  EXPECT_FALSE(ParseRequestTarget("http://x/").ok());
  EXPECT_FALSE(ParseRequestTarget("/a%2").ok());
  EXPECT_FALSE(ParseRequestTarget("/a%zz").ok());
  EXPECT_FALSE(ParseRequestTarget("/a%00b").ok());
  EXPECT_FALSE(ParseRequestTarget("/a?x=%").ok());
}

}  // namespace
}  // namespace huntbook::server
