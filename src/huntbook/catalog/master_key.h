// MasterKey: the 32-byte key that encrypts the secrets vault, kept in
// <data_dir>/catalog.key.
//
// File format (48 bytes): the magic "HBKEY001", the key, and the first 8 bytes of a
// BLAKE2b hash of magic + key (detects a damaged file). The file is created once with mode
// 0600 (written to a temporary file, fsynced, linked into place so two processes cannot
// both create it, then the directory fsynced). Opening refuses a file that group or others
// may read or write, one owned by another user, a symlink, or one of the wrong size or
// checksum — each with an error naming the path and the fix.
//
// The key lives in memory locked against swapping where possible and is wiped on
// destruction. Thread-safe (immutable after load).
#pragma once

#include <memory>
#include <string>

#include "huntbook/common/status.h"

namespace huntbook::catalog {

inline constexpr size_t kMasterKeyBytes = 32;

class MasterKey {
 public:
  // Errors: kInvalidArgument (permissions, owner, symlink), kCorruption (size, magic,
  // checksum), kIoError.
  static Result<std::unique_ptr<MasterKey>> LoadOrCreate(const std::string& path);
  ~MasterKey();
  MasterKey(const MasterKey&) = delete;
  MasterKey& operator=(const MasterKey&) = delete;

  const unsigned char* bytes() const { return key_; }

 private:
  MasterKey();
  unsigned char key_[kMasterKeyBytes];
};

}  // namespace huntbook::catalog
