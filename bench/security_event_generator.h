// SecurityEventGenerator: a deterministic stream of SecurityEvent rows.
//
// Row i of a run with (seed, total_rows, start_ms, span_ms) is always the same, on every
// platform. Times strictly increase: row i falls in
// [start_ms + i * step, start_ms + (i + 1) * step) with step = max(1, span_ms / total_rows)
// milliseconds, so no two rows share a TimeGenerated (arg_max has no ties to break).
//
// The EventID mix, Zipf-skewed hosts and accounts and the rare suspicious command lines are
// described in bench/README.md ("Data").
#pragma once

#include <cstdint>

#include "event_builders.h"
#include "security_event.h"

namespace huntbook::bench {

// 2024-03-01T00:00:00Z.
inline constexpr int64_t kDefaultStartMs = 1'709'251'200'000;
// Seven days.
inline constexpr int64_t kDefaultSpanMs = 7LL * 86'400'000;
inline constexpr uint64_t kDefaultSeed = 20240301;

class SecurityEventGenerator {
 public:
  // REQUIRES: total_rows > 0, span_ms > 0, start_ms >= 0.
  SecurityEventGenerator(uint64_t seed, int64_t total_rows, int64_t start_ms = kDefaultStartMs,
                         int64_t span_ms = kDefaultSpanMs);

  // Overwrites `row` with the next row of the stream.
  void Next(SecurityEvent* row);

  int64_t rows_generated() const { return next_index_; }

 private:
  EventContext context_;
  WeightedChoice event_choice_;
  int64_t start_ms_;
  int64_t step_ms_;
  int64_t next_index_ = 0;
};

}  // namespace huntbook::bench
