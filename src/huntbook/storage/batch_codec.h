// Batch codec: a Table as the payload of one WAL record (docs/formats/wal.md, section
// "Batch payload").
#pragma once

#include <string>
#include <string_view>

#include "huntbook/common/status.h"
#include "huntbook/vector/column.h"

namespace huntbook::storage {

// REQUIRES: every column has table.rows rows (or is a size-1 constant).
void EncodeBatch(const Table& table, std::string* out);

// kCorruption when the payload is malformed.
Result<Table> DecodeBatch(std::string_view payload);

}  // namespace huntbook::storage
