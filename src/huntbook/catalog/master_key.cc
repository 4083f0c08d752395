#include "huntbook/catalog/master_key.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

namespace huntbook::catalog {
namespace {

constexpr char kMagic[] = "HBKEY001";
constexpr size_t kMagicBytes = 8;
constexpr size_t kChecksumBytes = 8;
constexpr size_t kFileBytes = kMagicBytes + kMasterKeyBytes + kChecksumBytes;

void Checksum(const unsigned char* magic_and_key, unsigned char* out) {
  unsigned char hash[crypto_generichash_BYTES_MIN];  // 16 bytes, the smallest output
  crypto_generichash(hash, sizeof hash, magic_and_key, kMagicBytes + kMasterKeyBytes, nullptr, 0);
  std::memcpy(out, hash, kChecksumBytes);
}

Status Errno(const std::string& what) { return IoError(what + ": " + std::strerror(errno)); }

std::string DirectoryOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

Status WriteAll(int fd, const unsigned char* data, size_t size, const std::string& path) {
  while (size > 0) {
    ssize_t written = ::write(fd, data, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      return Errno("writing " + path);
    }
    data += written;
    size -= static_cast<size_t>(written);
  }
  return Status::OK();
}

Status SyncDirectory(const std::string& directory) {
  int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Errno("opening directory " + directory);
  int result = ::fsync(fd);
  ::close(fd);
  if (result != 0) return Errno("fsync of directory " + directory);
  return Status::OK();
}

// Writes a fresh key file at `path` unless one appears first (then returns OK too).
Status CreateKeyFile(const std::string& path) {
  unsigned char file[kFileBytes];
  std::memcpy(file, kMagic, kMagicBytes);
  randombytes_buf(file + kMagicBytes, kMasterKeyBytes);
  Checksum(file, file + kMagicBytes + kMasterKeyBytes);
  std::string temporary = path + ".tmp." + std::to_string(::getpid());
  int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    sodium_memzero(file, sizeof file);
    return Errno("creating " + temporary);
  }
  Status status = WriteAll(fd, file, sizeof file, temporary);
  sodium_memzero(file, sizeof file);
  if (status.ok() && ::fsync(fd) != 0) status = Errno("fsync of " + temporary);
  ::close(fd);
  if (status.ok() && ::link(temporary.c_str(), path.c_str()) != 0 && errno != EEXIST) {
    status = Errno("linking " + path);
  }
  ::unlink(temporary.c_str());
  RETURN_IF_ERROR(status);
  return SyncDirectory(DirectoryOf(path));
}

}  // namespace

MasterKey::MasterKey() { sodium_mlock(key_, sizeof key_); }

MasterKey::~MasterKey() { sodium_munlock(key_, sizeof key_); }  // munlock also zeroes

Result<std::unique_ptr<MasterKey>> MasterKey::LoadOrCreate(const std::string& path) {
  if (sodium_init() < 0) return Internal("libsodium failed to initialise");
  struct stat info;
  if (::lstat(path.c_str(), &info) != 0) {
    if (errno != ENOENT) return Errno("reading " + path);
    RETURN_IF_ERROR(CreateKeyFile(path));
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ELOOP) {
      return InvalidArgument(path + " is a symbolic link; the master key must be a regular file");
    }
    return Errno("opening " + path);
  }
  if (::fstat(fd, &info) != 0) {
    Status status = Errno("reading " + path);
    ::close(fd);
    return status;
  }
  if (!S_ISREG(info.st_mode)) {
    ::close(fd);
    return InvalidArgument(path + " is not a regular file");
  }
  if ((info.st_mode & 077) != 0) {
    ::close(fd);
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
    return InvalidArgument(path + " has permissions " + mode +
                           ", too open for the master key; run: chmod 600 " + path);
  }
  if (info.st_uid != ::geteuid()) {
    ::close(fd);
    return InvalidArgument(path + " is owned by uid " + std::to_string(info.st_uid) +
                           ", not by the user running huntbook");
  }
  unsigned char file[kFileBytes + 1];
  size_t total = 0;
  while (total < sizeof file) {
    ssize_t got = ::read(fd, file + total, sizeof file - total);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      Status status = Errno("reading " + path);
      ::close(fd);
      return status;
    }
    if (got == 0) break;
    total += static_cast<size_t>(got);
  }
  ::close(fd);
  unsigned char expected[kChecksumBytes];
  bool valid = total == kFileBytes && std::memcmp(file, kMagic, kMagicBytes) == 0;
  if (valid) {
    Checksum(file, expected);
    valid = sodium_memcmp(expected, file + kMagicBytes + kMasterKeyBytes, kChecksumBytes) == 0;
  }
  if (!valid) {
    sodium_memzero(file, sizeof file);
    return Corruption(path + " is not a valid huntbook master key (" + std::to_string(total) +
                      " bytes; expected " + std::to_string(kFileBytes) +
                      " with a matching checksum); restore it from backup");
  }
  std::unique_ptr<MasterKey> key(new MasterKey());
  std::memcpy(key->key_, file + kMagicBytes, kMasterKeyBytes);
  sodium_memzero(file, sizeof file);
  return key;
}

}  // namespace huntbook::catalog
