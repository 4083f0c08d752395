// MemoryFileSystem: an in-memory FileSystem for tests that models what survives a crash
// and injects faults.
//
// Every file keeps its current bytes and its durable bytes (as of the last Sync or
// Truncate); every directory keeps its current entries and its durable entries (as of the
// last SyncDir). SimulateCrash() throws away everything not durable, as a power loss
// would. Faults: a write budget after which Append writes a prefix and fails (a torn
// write), and failing Sync calls.
// Thread safety: all methods are thread-safe (one mutex).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "huntbook/storage/file_system.h"

namespace huntbook::storage {

class MemoryFileSystem final : public FileSystem {
 public:
  MemoryFileSystem();
  ~MemoryFileSystem() override;

  Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) override;
  Result<std::unique_ptr<WritableFile>> NewAppendableFile(const std::string& path) override;
  Result<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(const std::string& path) override;
  Status ReadFile(const std::string& path, std::string* out) override;
  bool Exists(const std::string& path) override;
  Result<std::vector<std::string>> ListDir(const std::string& dir) override;
  bool IsDirectory(const std::string& path) override;
  Status CreateDir(const std::string& dir) override;
  Status RemoveFile(const std::string& path) override;
  Status RemoveDir(const std::string& dir) override;
  Status Rename(const std::string& from, const std::string& to) override;
  Status Truncate(const std::string& path, uint64_t size) override;
  Status SyncDir(const std::string& dir) override;

  // Drops all data and directory entries that are not durable.
  void SimulateCrash();
  // After `bytes` more bytes have been appended (to any file), Append writes only the part
  // that fits and fails with kIoError. Negative = unlimited (the default).
  void SetWriteBudget(int64_t bytes);
  // While set, WritableFile::Sync and SyncDir fail with kIoError.
  void SetSyncFailure(bool fail);
  // Test access: overwrites the current (and durable) bytes of an existing file.
  Status WriteWholeFile(const std::string& path, const std::string& data);

  struct Node {
    std::string data;     // current contents
    std::string durable;  // contents that survive SimulateCrash
  };

 private:
  friend class MemoryWritableFile;
  Result<std::unique_ptr<WritableFile>> Open(const std::string& path, bool truncate);
  // REQUIRES: mu_ held.
  bool ParentExistsLocked(const std::string& path) const;
  // Moves a directory's subtree. Its entry's move becomes durable with SyncDir of the
  // parent; the children keep their own durability (a simplification of POSIX, where
  // they would stay reachable under the old name until then). REQUIRES: mu_ held.
  Status RenameDirLocked(const std::string& from, const std::string& to);

  mutable std::mutex mu_;
  // All members below are guarded by mu_.
  std::map<std::string, std::shared_ptr<Node>> files_;
  std::map<std::string, std::shared_ptr<Node>> durable_files_;
  std::set<std::string> dirs_;
  std::set<std::string> durable_dirs_;
  int64_t write_budget_ = -1;
  bool fail_sync_ = false;
};

}  // namespace huntbook::storage
