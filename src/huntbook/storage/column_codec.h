// Column segment codec: the uncompressed byte form of a run of rows of one column, shared
// by WAL records (docs/formats/wal.md) and extent blocks (docs/formats/extent.md, section
// "Column segment"). Integer-stored columns use frame-of-reference bit widths, reals raw
// IEEE doubles, strings plain or dictionary-encoded, dynamic values JSON text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "huntbook/common/status.h"
#include "huntbook/vector/column.h"

namespace huntbook::storage {

// Appends the segment encoding of rows [begin, end) of `column` to *out. A size-1 column
// stands for a constant: every row reads its row 0.
// REQUIRES: begin <= end, and end <= column.size() unless column.size() == 1.
void EncodeColumnSegment(const Column& column, size_t begin, size_t end, std::string* out);

// Decodes one segment and appends its rows to *column. kCorruption when the bytes are
// malformed or the segment's type differs from column->type().
Status DecodeColumnSegment(std::string_view data, Column* column);

// Appends only the rows `select` (ascending offsets within the segment) of one segment.
// String and dynamic values of other rows are never materialized (no JSON parsing), so a
// selective term-index lookup pays for the rows it keeps. kCorruption as above, and when
// an offset is beyond the segment.
Status DecodeColumnSegmentRows(std::string_view data, const std::vector<uint32_t>& select,
                               Column* column);

// Appends all rows of `from` to *to with bulk copies where the storage allows.
// REQUIRES: same type.
void AppendColumn(const Column& from, Column* to);

}  // namespace huntbook::storage
