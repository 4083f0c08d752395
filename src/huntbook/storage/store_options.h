// Options for opening a Store with a non-default file system or flush thresholds (tests,
// tools). Store::Open(data_dir) uses the defaults with the POSIX file system.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "huntbook/storage/file_system.h"
#include "huntbook/storage/store.h"

namespace huntbook::storage {

struct StoreOptions {
  FileSystem* file_system = nullptr;  // nullptr = PosixFileSystem(); not owned
  // In-memory rows are written to an extent file once either threshold is reached.
  size_t flush_rows = 1'000'000;
  size_t flush_bytes = 64u << 20;  // of encoded WAL payloads
  size_t block_rows = 65536;       // rows per column block in extent files
  // In-memory rows are concatenated into a segment, read by queries without copying, every
  // this many rows.
  size_t memory_segment_rows = 16384;
  // Flush in-memory rows when the Store is destroyed. Tests turn this off to leave rows
  // only in the WAL, as a crash would.
  bool flush_on_close = true;
};

Result<std::unique_ptr<Store>> OpenStore(const std::string& data_dir, const StoreOptions& options);

}  // namespace huntbook::storage
