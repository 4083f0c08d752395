// Writes an immutable extent file (docs/formats/extent.md) crash-safely: the bytes go to
// "<name>.tmp", which is synced, renamed to <name>, and the directory synced. A crash at
// any point leaves either no <name> or a complete one (stray .tmp files are removed by the
// table on open).
#pragma once

#include <cstddef>
#include <string>

#include "huntbook/common/status.h"
#include "huntbook/storage/file_system.h"
#include "huntbook/vector/column.h"

namespace huntbook::storage {

struct ExtentWriteOptions {
  size_t block_rows = 65536;  // rows per column block
};

// Writes `table` (columns of exactly table.rows rows) to dir/name.
Status WriteExtentFile(FileSystem* fs, const std::string& dir, const std::string& name,
                       const Table& table, const ExtentWriteOptions& options);

}  // namespace huntbook::storage
