#include "huntbook/storage/wal.h"

#include "huntbook/storage/coding.h"

namespace huntbook::storage {

WalWriter::WalWriter(FileSystem* fs, std::string path, uint64_t size,
                     std::unique_ptr<WritableFile> file)
    : fs_(fs), path_(std::move(path)), size_(size), file_(std::move(file)) {}

Result<std::unique_ptr<WalWriter>> WalWriter::Open(FileSystem* fs, std::string path,
                                                   uint64_t size) {
  ASSIGN_OR_RETURN(auto file, fs->NewAppendableFile(path));
  return std::unique_ptr<WalWriter>(new WalWriter(fs, std::move(path), size, std::move(file)));
}

Status WalWriter::AddRecord(std::string_view payload) {
  if (broken_) return IoError("write-ahead log " + path_ + " is in an unknown state");
  if (payload.size() > 0xffffffffULL) return InvalidArgument("batch too large for one record");
  std::string header;
  PutFixed32(&header, static_cast<uint32_t>(payload.size()));
  uint64_t checksum = Checksum2(header, payload);
  PutFixed64(&header, checksum);
  // Two writes, one sync: a crash between them leaves a torn record that replay drops.
  Status s = file_->Append(header);
  if (s.ok()) s = file_->Append(payload);
  if (s.ok()) s = file_->Sync();
  if (s.ok()) {
    size_ += header.size() + payload.size();
    return s;
  }
  // Undo: a record whose write or sync failed must not be replayed later.
  file_.reset();
  Status undo = fs_->Truncate(path_, size_);
  if (undo.ok()) {
    auto reopened = fs_->NewAppendableFile(path_);
    if (reopened.ok()) {
      file_ = std::move(reopened).value();
      return s;
    }
  }
  broken_ = true;
  return s;
}

Result<WalReadResult> ReadWal(FileSystem* fs, const std::string& path,
                              const std::function<Status(std::string_view)>& fn) {
  std::string data;
  RETURN_IF_ERROR(fs->ReadFile(path, &data));
  WalReadResult result;
  result.file_length = data.size();
  size_t pos = 0;
  while (data.size() - pos >= kWalHeaderSize) {
    uint32_t length = DecodeFixed32(data.data() + pos);
    uint64_t checksum = DecodeFixed64(data.data() + pos + 4);
    if (length > data.size() - pos - kWalHeaderSize) break;  // torn: payload incomplete
    std::string_view payload(data.data() + pos + kWalHeaderSize, length);
    if (Checksum2(std::string_view(data.data() + pos, 4), payload) != checksum) break;
    RETURN_IF_ERROR(fn(payload));
    pos += kWalHeaderSize + length;
    ++result.records;
  }
  result.valid_length = pos;
  return result;
}

}  // namespace huntbook::storage
