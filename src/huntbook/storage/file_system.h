// FileSystem: the only way storage touches disk (as LevelDB's Env). PosixFileSystem is
// the real one; MemoryFileSystem (memory_file_system.h) models crashes and injects faults.
//
// Paths are plain '/'-separated strings. Durability model, which both implementations
// follow: data written to a WritableFile is durable only after Sync(); a created, renamed
// or removed directory entry is durable only after SyncDir() of its parent directory.
// Thread safety: FileSystem methods may be called concurrently; a WritableFile is used by
// one thread at a time; RandomAccessFile::Read may be called concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "huntbook/common/status.h"

namespace huntbook::storage {

// The operating system's "no space" (ENOSPC, EDQUOT) is an IoError whose message contains
// kDiskFullMarker; callers test it with IsDiskFull (the server answers 507). A write that
// failed so leaves nothing behind: the WAL cuts the partial record off, an extent write
// removes its temporary file, and a later write succeeds once space is freed.
inline constexpr std::string_view kDiskFullMarker = "disk full: ";
inline bool IsDiskFull(const Status& status) {
  return status.code() == StatusCode::kIoError &&
         status.message().find(kDiskFullMarker) != std::string::npos;
}

class WritableFile {
 public:
  virtual ~WritableFile() = default;
  virtual Status Append(std::string_view data) = 0;
  // Makes all appended data durable (fdatasync).
  virtual Status Sync() = 0;
  virtual Status Close() = 0;
};

class RandomAccessFile {
 public:
  virtual ~RandomAccessFile() = default;
  // Reads exactly n bytes at offset into *out; kCorruption when the file is shorter.
  virtual Status Read(uint64_t offset, size_t n, std::string* out) const = 0;
  virtual uint64_t size() const = 0;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  // Creates the file (truncating an existing one) for appending.
  virtual Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) = 0;
  // Opens an existing file, or creates it, for appending at its end.
  virtual Result<std::unique_ptr<WritableFile>> NewAppendableFile(const std::string& path) = 0;
  virtual Result<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(
      const std::string& path) = 0;
  // Reads a whole file.
  virtual Status ReadFile(const std::string& path, std::string* out) = 0;

  virtual bool Exists(const std::string& path) = 0;
  // Names (not paths) of the entries of a directory, without "." and "..".
  virtual Result<std::vector<std::string>> ListDir(const std::string& dir) = 0;
  virtual bool IsDirectory(const std::string& path) = 0;
  // Creates a directory; OK when it already exists.
  virtual Status CreateDir(const std::string& dir) = 0;
  virtual Status RemoveFile(const std::string& path) = 0;
  // Removes an empty directory.
  virtual Status RemoveDir(const std::string& dir) = 0;
  // Atomically replaces `to` with `from`.
  virtual Status Rename(const std::string& from, const std::string& to) = 0;
  // Shrinks a file to `size` bytes and makes the new size durable.
  virtual Status Truncate(const std::string& path, uint64_t size) = 0;
  // Makes the directory's entries (creations, renames, removals) durable.
  virtual Status SyncDir(const std::string& dir) = 0;
};

// The process-wide POSIX file system (never destroyed).
FileSystem* PosixFileSystem();

// "a/b" + "c" -> "a/b/c".
inline std::string JoinPath(std::string_view dir, std::string_view name) {
  std::string p(dir);
  if (!p.empty() && p.back() != '/') p.push_back('/');
  p.append(name);
  return p;
}

}  // namespace huntbook::storage
