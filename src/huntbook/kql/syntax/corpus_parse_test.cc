// Parse acceptance parity with Microsoft's KQL front end on 2,231 real queries.
// Each line of kql-queries.jsonl carries `reference.parse_ok`: whether
// @kusto/language-service-next parses the query without syntax errors. This test parses
// `query_expanded` (templates with defaults filled in) or `query` and measures agreement.
// The file is required: a missing corpus fails the test.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <cstdlib>
#include <iostream>
#include <string>

#include "huntbook/kql/syntax/parser.h"

namespace huntbook::kql {
namespace {

// Measured agreement (see the test output); the thresholds pin what the parser achieves:
// 2,231/2,231 queries agree (all 1,991 accepted ones accepted, all 240 rejected ones
// rejected). HUNTBOOK_CORPUS_VERBOSE=1 lists disagreements.
constexpr double kMinAcceptRate = 100.0;     // % of reference-accepted queries we accept
constexpr double kMinAgreementRate = 100.0;  // % of all queries where we agree

std::string CorpusPath() {
  if (const char* p = std::getenv("HUNTBOOK_CORPUS")) return p;
  const char* source = std::getenv("HUNTBOOK_SOURCE_DIR");
  std::string root = source ? source : HUNTBOOK_DEFAULT_SOURCE_DIR;
  return root + "/../shared/corpus/kql-queries.jsonl";
}

TEST(KqlCorpusParseTest, AgreesWithReferenceParser) {
  std::string path = CorpusPath();
  simdjson::padded_string json;
  auto load_error = simdjson::padded_string::load(path).get(json);
  ASSERT_FALSE(load_error) << "corpus not readable: " << path;

  simdjson::dom::parser parser;
  simdjson::dom::document_stream stream;
  ASSERT_FALSE(parser.parse_many(json).get(stream));
  int total = 0, agree = 0, ref_ok = 0, ref_ok_agree = 0, ref_bad = 0, ref_bad_agree = 0;
  bool verbose = std::getenv("HUNTBOOK_CORPUS_VERBOSE") != nullptr;
  for (auto doc : stream) {
    simdjson::dom::element record;
    ASSERT_FALSE(doc.get(record));
    std::string_view text;
    if (record["query_expanded"].get(text) != simdjson::SUCCESS) {
      ASSERT_FALSE(record["query"].get(text));
    }
    bool expected = false;
    ASSERT_FALSE(record["reference"]["parse_ok"].get(expected));
    Result<Query> result = Parse(text);
    bool actual = result.ok();
    ++total;
    agree += actual == expected;
    if (expected) {
      ++ref_ok;
      ref_ok_agree += actual;
    } else {
      ++ref_bad;
      ref_bad_agree += !actual;
    }
    if (verbose && actual != expected) {
      std::string_view name;
      if (record["path"].get(name) != simdjson::SUCCESS) name = "?";
      std::cout << "DISAGREE #" << total - 1 << " " << name << " reference=" << expected
                << " ours=" << (actual ? std::string("ok") : result.status().ToString()) << "\n";
    }
  }
  std::cout << "corpus: " << total << " queries, agreement " << agree << " ("
            << 100.0 * agree / total << "%); reference ok: " << ref_ok_agree << "/" << ref_ok
            << " (" << 100.0 * ref_ok_agree / ref_ok << "%); reference rejects: " << ref_bad_agree
            << "/" << ref_bad << "\n";
  EXPECT_EQ(total, 2231);
  EXPECT_GE(100.0 * ref_ok_agree / ref_ok, kMinAcceptRate);
  EXPECT_GE(100.0 * agree / total, kMinAgreementRate);
}

}  // namespace
}  // namespace huntbook::kql
