// Term index of one string (or dynamic-as-JSON-text) column of one extent: every term
// (common/term.h) of >= 3 characters, ASCII-lower-cased, mapped to the ascending row ids
// that contain it, as CRoaring bitmaps. Byte layout: docs/formats/term_index.md.
//
// Terms longer than kMaxIndexedTermLength are indexed by their first kMaxIndexedTermLength
// characters, so lookups of long terms return a superset (callers re-check the predicate).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "huntbook/common/status.h"

namespace huntbook::storage {

inline constexpr size_t kMinIndexedTermLength = 3;
inline constexpr size_t kMaxIndexedTermLength = 64;

// Lower-cases `term` for lookup; nullopt when it is not a single term of
// >= kMinIndexedTermLength characters (the index cannot answer; scan instead).
std::optional<std::string> NormalizeLookupTerm(std::string_view term);

// Collects (term, row) occurrences. Memory: the distinct terms once, plus 8 bytes per
// (term, row) occurrence.
class TermIndexBuilder {
 public:
  TermIndexBuilder();
  // Indexes the terms of `text` for `row`. REQUIRES: rows are added in ascending order.
  void Add(uint32_t row, std::string_view text);
  // Serializes the index (docs/formats/term_index.md). The builder is left empty.
  std::string Finish();

 private:
  uint32_t TermId(std::string_view lowered, uint64_t hash);
  void Grow();

  std::string arena_;                   // distinct terms, concatenated
  std::vector<uint32_t> term_offsets_;  // term id -> offset in arena_ (plus an end entry)
  // Open addressing: slot -> (hash, term id + 1); id 0 marks an empty slot.
  std::vector<std::pair<uint64_t, uint32_t>> slots_;
  std::vector<std::pair<uint32_t, uint32_t>> occurrences_;  // (term id, row)
  std::string scratch_;
};

// A parsed, immutable term index. Thread-safe for concurrent lookups.
class TermIndex {
 public:
  // Parses serialized bytes (kept alive by the index). kCorruption when malformed.
  static Result<std::unique_ptr<TermIndex>> Parse(std::string data);

  // REQUIRES: term normalized by NormalizeLookupTerm.
  std::vector<uint32_t> RowsWithTerm(std::string_view term) const;
  // Rows with any term starting with `prefix`. REQUIRES: normalized.
  std::vector<uint32_t> RowsWithPrefix(std::string_view prefix) const;

  size_t term_count() const { return entries_.size(); }

 private:
  struct Entry {
    std::string_view term;
    std::string_view postings;  // portable roaring serialization
  };
  TermIndex() = default;

  std::string data_;
  std::vector<Entry> entries_;  // sorted by term
};

}  // namespace huntbook::storage
