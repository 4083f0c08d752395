// JSON syntax (RFC 8259, https://www.rfc-editor.org/rfc/rfc8259) error location and the
// big-integer rewrite used before parsing.
#include "huntbook/types/json_syntax.h"

#include <gtest/gtest.h>

namespace huntbook {
namespace {

TEST(JsonSyntaxTest, FindsFirstErrorOffset) {
  EXPECT_EQ(FindJsonSyntaxError(R"({"a":1,"b":tru})"), 11u);  // start of the bad literal
  EXPECT_EQ(FindJsonSyntaxError(R"([1,])"), 3u);
  EXPECT_EQ(FindJsonSyntaxError(R"({"a" 1})"), 5u);
  EXPECT_EQ(FindJsonSyntaxError("[1] x"), 4u);                     // trailing text
  EXPECT_EQ(FindJsonSyntaxError("\"x\x01\""), 2u);                 // raw control character
  EXPECT_EQ(FindJsonSyntaxError("[\"\xc3\"]"), 2u);                // truncated UTF-8 sequence
  EXPECT_EQ(FindJsonSyntaxError("{\"a\":[1,2"), 9u);               // unterminated: the end
  EXPECT_EQ(FindJsonSyntaxError(R"({"a":[1,{"b":null}]})"), 20u);  // valid: the size
  EXPECT_EQ(FindJsonSyntaxError(std::string(5000, '[')), 1001u);   // nesting limit
}

TEST(JsonSyntaxTest, WidensOnlyLongIntegerLiterals) {
  EXPECT_EQ(WidenBigIntegers(R"({"a":12345678901234567890123,"b":"12345678901234567890123"})"),
            R"({"a":12345678901234567890123.0,"b":"12345678901234567890123"})");
  EXPECT_EQ(WidenBigIntegers("[1,-9223372036854775809,1.5e300,123456789012345678.5]"),
            "[1,-9223372036854775809.0,1.5e300,123456789012345678.5]");
  EXPECT_EQ(WidenBigIntegers(R"(["a\"12345678901234567890"])"), R"(["a\"12345678901234567890"])");
}

}  // namespace
}  // namespace huntbook
