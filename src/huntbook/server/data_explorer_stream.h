// The Data Explorer v2 response body (https://learn.microsoft.com/kusto/api/rest/response-v2,
// PROTOCOLS.md §3.3-3.4; golden samples in shared/protocol-samples/), written as it is
// produced: the result's rows are serialized a piece (about 64 KB) at a time, so a large
// result is never held serialized whole.
//
// Frames, in order:
//   DataSetHeader {FrameType, IsProgressive, Version}
//   DataTable @ExtendedProperties (QueryProperties)
//   the primary result, either
//     non-progressive: one DataTable {FrameType, TableId 1, TableKind, TableName, Columns,
//       Rows} (byte-compatible with the body built whole: testdata/v2_*.json), or
//     progressive (request option results_progressive_enabled=true): TableHeader
//       {FrameType, TableId, TableKind, TableName, Columns}, then per piece a TableFragment
//       {FrameType, TableFragmentType "DataAppend", TableId, Rows} and a TableProgress
//       {FrameType, TableId, TableProgress (percent of rows sent)}, then TableCompletion
//       {FrameType, TableId, RowCount};
//   DataTable QueryCompletionInformation
//   DataSetCompletion {FrameType, HasErrors, Cancelled[, OneApiErrors]}.
//
// Failures after the status line (a partial failure of the query, or the request's
// deadline passing while rows are still being sent, which stops the rows there) are
// reported inside the body: unless deferred, {"OneApiErrors":[...]} is the last element of
// the current Rows (progressive: of a last TableFragment) and DataSetCompletion has
// HasErrors:true with the same list; deferred (deferpartialqueryfailures), only as a Level 2
// "Error" row of QueryCompletionInformation. The array is always closed.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "huntbook/server/error_response.h"
#include "huntbook/server/http_message.h"
#include "huntbook/server/json_writer.h"
#include "huntbook/server/query_executor.h"

namespace huntbook::server {

struct DataExplorerV2Options {
  bool defer_partial_failures = false;
  bool progressive = false;
  // When set and passed while rows remain, the rest is not sent (a failure, see above).
  std::optional<std::chrono::steady_clock::time_point> deadline;
  size_t piece_bytes = 64 * 1024;  // rows are cut into pieces (and fragments) of about this
};

// Thread safety: one producer serves one response; Next is called by one thread at a time.
class DataExplorerV2Stream : public BodyProducer {
 public:
  // REQUIRES: outcome->status.ok().
  DataExplorerV2Stream(std::shared_ptr<const QueryOutcome> outcome, RequestIds ids,
                       DataExplorerV2Options options);

  bool Next(std::string* out) override;

  // Rows written so far (all of them once the body is complete, unless the deadline cut it).
  size_t rows_sent() const { return next_row_; }

 private:
  enum class Stage { kHead, kRows, kTail, kDone };

  void WriteHead();
  void WriteRowPiece();  // the next piece of rows; sets failure_ when the deadline passed
  void WriteTail();      // closes the primary result and writes the completion frames
  std::string OneApiErrors() const;

  std::shared_ptr<const QueryOutcome> outcome_;
  RequestIds ids_;
  DataExplorerV2Options options_;
  std::optional<PartialFailure> failure_;
  int failure_status_ = 400;  // the HTTP status the failure would have had before the 200
  Stage stage_ = Stage::kHead;
  size_t next_row_ = 0;
  JsonWriter json_;
};

// The whole non-progressive body as one string (what the stream produces, concatenated).
// REQUIRES: outcome.status.ok().
std::string FormatDataExplorerV2(const QueryOutcome& outcome, const RequestIds& ids,
                                 bool defer_partial_failures);

}  // namespace huntbook::server
