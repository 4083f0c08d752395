// Write-ahead log framing: docs/formats/wal.md.
//
// A WAL file is a sequence of records: fixed32 payload length, fixed64 XXH3 checksum of
// (length bytes + payload), payload. Readers stop at the first record that is incomplete
// or fails its checksum (a torn tail); everything before it is valid.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "huntbook/common/status.h"
#include "huntbook/storage/file_system.h"

namespace huntbook::storage {

inline constexpr size_t kWalHeaderSize = 12;

// Appends records to one WAL file. Not thread-safe (the owning table serializes calls).
class WalWriter {
 public:
  // Opens `path` for appending; `size` is its current (valid) length.
  static Result<std::unique_ptr<WalWriter>> Open(FileSystem* fs, std::string path, uint64_t size);

  // Writes one record and syncs it. On failure the file is truncated back to its previous
  // length so the record can never be replayed; if even that fails, the writer is broken
  // and every later call fails.
  Status AddRecord(std::string_view payload);

  uint64_t size() const { return size_; }
  const std::string& path() const { return path_; }

 private:
  WalWriter(FileSystem* fs, std::string path, uint64_t size, std::unique_ptr<WritableFile> file);

  FileSystem* fs_;
  std::string path_;
  uint64_t size_;
  std::unique_ptr<WritableFile> file_;
  bool broken_ = false;
};

struct WalReadResult {
  uint64_t valid_length = 0;  // bytes of complete, valid records
  uint64_t file_length = 0;   // > valid_length when a torn tail was found
  size_t records = 0;
};

// Calls fn(payload) for each valid record in order; stops at the first invalid one.
// An error returned by fn stops the read and is returned.
Result<WalReadResult> ReadWal(FileSystem* fs, const std::string& path,
                              const std::function<Status(std::string_view)>& fn);

}  // namespace huntbook::storage
