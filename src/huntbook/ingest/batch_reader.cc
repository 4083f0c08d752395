// ReadFileInBatches (contract in reader.h): JSON Lines files are streamed through a buffer of
// about batch_bytes; everything else goes through ReadFile.
#include <simdjson.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include "huntbook/ingest/format_detection.h"
#include "huntbook/ingest/json_reader.h"
#include "huntbook/ingest/reader.h"

namespace huntbook::ingest {
namespace {

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

// Input buffer with simdjson padding after the valid bytes. It starts at the file's size
// (plus one byte, so that the first read of a file smaller than a batch sees its end) when
// that is below batch_bytes: a zero-filled 1 GiB buffer for a 1 MB file cost seconds.
class LineBuffer {
 public:
  LineBuffer(std::FILE* file, size_t batch_bytes, size_t file_bytes)
      : file_(file), batch_bytes_(batch_bytes) {
    data_.resize(std::min(batch_bytes_, file_bytes + 1) + simdjson::SIMDJSON_PADDING);
  }

  // Tops the buffer up to batch_bytes (more when one line is longer). False on a read error.
  bool Fill() {
    if (size_ == data_.size() - simdjson::SIMDJSON_PADDING && !eof_) {
      data_.resize(std::max(data_.size() * 2, batch_bytes_ + simdjson::SIMDJSON_PADDING));
    }
    while (!eof_ && size_ < data_.size() - simdjson::SIMDJSON_PADDING) {
      size_t want = data_.size() - simdjson::SIMDJSON_PADDING - size_;
      size_t got = std::fread(data_.data() + size_, 1, want, file_);
      size_ += got;
      if (got < want) {
        if (std::ferror(file_)) return false;
        eof_ = true;
      }
    }
    std::memset(data_.data() + size_, 0, simdjson::SIMDJSON_PADDING);
    return true;
  }

  // Length of the leading complete lines (everything at end of file); 0 when the buffer
  // holds only part of one line.
  size_t CompleteLength() const {
    if (eof_) return size_;
    for (size_t i = size_; i > 0; --i) {
      if (data_[i - 1] == '\n') return i;
    }
    return 0;
  }

  void Consume(size_t n) {
    std::memmove(data_.data(), data_.data() + n, size_ - n);
    size_ -= n;
  }

  std::string_view view() const { return std::string_view(data_.data(), size_); }
  bool eof() const { return eof_; }

 private:
  std::FILE* file_;
  size_t batch_bytes_;
  std::vector<char> data_;
  size_t size_ = 0;
  bool eof_ = false;
};

Status ReadWhole(const std::string& path, Format format,
                 const std::vector<ColumnSchema>& existing_schema,
                 const std::function<Status(Table)>& consume) {
  Result<Table> table = ReadFile(path, format, existing_schema);
  if (!table.ok()) return table.status();
  return consume(std::move(table).value());
}

}  // namespace

Status ReadFileInBatches(const std::string& path, Format format,
                         const std::vector<ColumnSchema>& existing_schema, size_t batch_bytes,
                         const std::function<Status(Table)>& consume) {
  batch_bytes = std::max<size_t>(batch_bytes, 1);
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) return IoError(path + ": cannot open file (" + std::strerror(errno) + ")");
  struct stat info;
  size_t file_bytes = fstat(fileno(file.get()), &info) == 0 && info.st_size > 0
                          ? static_cast<size_t>(info.st_size)
                          : batch_bytes;
  LineBuffer buffer(file.get(), batch_bytes, file_bytes);
  if (!buffer.Fill()) return IoError(path + ": read error");
  std::string_view name = FileBaseName(path);
  simdjson::dom::parser parser;
  if (buffer.eof() || IsCsvSource(buffer.view(), name, format) ||
      DetectJsonLayout(buffer.view(), &parser) != JsonLayout::kLines) {
    file.reset();
    return ReadWhole(path, format, existing_schema, consume);
  }
  std::vector<ColumnSchema> schema = existing_schema;
  JsonReadOptions options;
  options.layout = JsonLayout::kLines;
  while (true) {
    size_t length = buffer.CompleteLength();
    if (length == 0 && !buffer.eof()) {  // a line longer than the buffer: read more
      if (!buffer.Fill()) return IoError(path + ": read error");
      continue;
    }
    std::string_view batch = buffer.view().substr(0, length);
    if (!batch.empty()) {
      ASSIGN_OR_RETURN(Table table, ReadJson(batch, name, schema, options));
      for (const ColumnSchema& column : table.schema) {
        auto known = std::find_if(schema.begin(), schema.end(),
                                  [&](const ColumnSchema& c) { return c.name == column.name; });
        if (known == schema.end()) schema.push_back(column);
      }
      options.first_line += static_cast<uint32_t>(std::count(batch.begin(), batch.end(), '\n'));
      if (table.rows > 0) RETURN_IF_ERROR(consume(std::move(table)));
    }
    if (buffer.eof() && length == buffer.view().size()) return Status::OK();
    buffer.Consume(length);
    if (!buffer.Fill()) return IoError(path + ": read error");
  }
}

}  // namespace huntbook::ingest
