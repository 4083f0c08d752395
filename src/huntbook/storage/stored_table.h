// StoredTable: one table's directory (data_dir/<workspace>/<table>/): extent files
// "extent-<N>.hbx" (docs/formats/extent.md) and the write-ahead log "wal-<N>.log"
// (docs/formats/wal.md).
//
// Numbering: WAL N holds the rows appended since extent N-1 was written; flushing writes
// them as extent N, starts WAL N+1 and deletes WAL N. On open, WALs numbered <= the
// newest extent are already flushed and are deleted; later ones are replayed in order
// (a torn tail is truncated away).
// In memory: rows not yet in an extent file are kept as sealed segments (batches
// concatenated once every memory_segment_rows rows, so a query reads their columns without
// copying) and a tail of appended batches (concatenated for a query only when it changed).
// Thread safety: all methods are thread-safe; mu_ serializes appends and flushes. A flush
// (writing up to flush_rows rows) runs under mu_, so this table's appends and snapshots
// wait for it; other tables are unaffected.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "huntbook/storage/file_system.h"
#include "huntbook/storage/memory_extent.h"
#include "huntbook/storage/store_options.h"
#include "huntbook/storage/wal.h"

namespace huntbook::storage {

class StoredTable {
 public:
  // Opens the table directory `dir` (which must exist), loading extents and replaying WALs.
  static Result<std::unique_ptr<StoredTable>> Open(const StoreOptions& options, std::string dir);

  // See Store::Append. `name` (workspace.table) is used in error messages.
  Status Append(const Table& rows, std::string_view name);
  TableSnapshot Snapshot() const;
  Status Flush();
  // Deletes the table's files and directory; later calls fail with NotFound.
  Status Drop();

 private:
  StoredTable(const StoreOptions& options, std::string dir);
  // REQUIRES: mu_ held.
  Status FlushLocked();
  Status EnsureWalLocked();
  Status ApplyLocked(const Table& batch);
  // The tail's batches as one extent (cached until the next append).
  std::shared_ptr<MemoryExtent> TailExtentLocked() const;
  // Concatenates the tail into a new sealed segment.
  Status SealTailLocked();

  const StoreOptions options_;
  FileSystem* const fs_;
  const std::string dir_;

  mutable std::mutex mu_;
  // All members below are guarded by mu_.
  std::vector<ColumnSchema> schema_;     // in order of first appearance
  std::vector<ExtentPtr> file_extents_;  // ascending file number
  // Appended rows not yet in an extent file: sealed segments, then the tail.
  std::vector<std::shared_ptr<MemoryExtent>> sealed_;
  std::vector<BatchPtr> tail_;
  size_t tail_rows_ = 0;
  size_t memtable_rows_ = 0;  // sealed_ and tail_
  size_t memtable_bytes_ = 0;
  uint64_t next_number_ = 1;             // for the next WAL / extent file
  uint64_t wal_number_ = 0;              // of wal_
  std::unique_ptr<WalWriter> wal_;       // nullptr until the next append needs one
  std::vector<std::string> stale_wals_;  // replayed WALs to delete after the next flush
  mutable std::shared_ptr<MemoryExtent> tail_extent_;  // cache; reset by appends
  bool dropped_ = false;
};

}  // namespace huntbook::storage
