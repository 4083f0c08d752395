// CsvRecords: splits RFC 4180 CSV text into records of fields, one record at a time.
// https://www.rfc-editor.org/rfc/rfc4180
//
// Fields are separated by ',' and records by LF or CRLF. A field starting with '"' is
// quoted: it may hold commas, line breaks and doubled quotes (""). Text after a closing
// quote up to the next separator is kept (as Python's csv module does). Empty lines are
// skipped. Field views point into the input or into scratch owned by this object and stay
// valid until the next call of Next().
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "huntbook/common/status.h"

namespace huntbook::ingest {

class CsvRecords {
 public:
  explicit CsvRecords(std::string_view bytes);

  // Reads the next record into *fields. Returns false at the end of input, or an
  // InvalidArgument (message without the source name) for an unterminated quoted field.
  Result<bool> Next(std::vector<std::string_view>* fields);

  // Line (1-based) where the record returned by the last Next() starts.
  uint32_t record_line() const { return record_line_; }

 private:
  std::string* Scratch();

  std::string_view bytes_;
  size_t pos_ = 0;
  uint32_t line_ = 1;
  uint32_t record_line_ = 1;
  std::deque<std::string> scratch_;  // unescaped quoted fields of the current record
  size_t scratch_used_ = 0;
};

}  // namespace huntbook::ingest
