#include "huntbook/storage/extent_writer.h"

#include <algorithm>
#include <limits>

#include "huntbook/storage/coding.h"
#include "huntbook/storage/column_codec.h"
#include "huntbook/storage/extent_format.h"
#include "huntbook/storage/term_index.h"

namespace huntbook::storage {
namespace {

// Blocks that zstd shrinks by less than this fraction are high-entropy: the rest of the
// column is stored with lz4, which decodes several times faster.
constexpr double kLowGainRatio = 0.9;

class ExtentBuilder {
 public:
  explicit ExtentBuilder(WritableFile* file) : file_(file) {}

  Status Start() { return Write(kExtentMagic); }

  Result<BlockHandle> AddBlock(Codec codec, std::string_view raw, Codec* used) {
    *used = Compress(codec, raw, &stored_);
    BlockHandle handle{offset_, stored_.size(), raw.size()};
    stored_.push_back(static_cast<char>(*used));
    uint64_t checksum = Checksum(stored_);
    PutFixed64(&stored_, checksum);
    RETURN_IF_ERROR(Write(stored_));
    return handle;
  }

  Status Finish(const ExtentFooter& footer) {
    std::string tail;
    EncodeFooter(footer, &tail);
    uint64_t checksum = Checksum(tail);
    uint32_t length = static_cast<uint32_t>(tail.size());
    PutFixed32(&tail, length);
    PutFixed64(&tail, checksum);
    tail.append(kExtentMagic);
    return Write(tail);
  }

 private:
  Status Write(std::string_view data) {
    offset_ += data.size();
    return file_->Append(data);
  }
  WritableFile* file_;
  uint64_t offset_ = 0;
  std::string stored_;
};

std::optional<IntRange> ComputeRange(const Column& column) {
  if (!IsIntegerStored(column.type())) return std::nullopt;
  std::optional<IntRange> range;
  const auto& ints = column.ints();
  for (size_t i = 0; i < column.size(); ++i) {
    if (column.IsNull(i)) continue;
    if (!range) range = IntRange{ints[i], ints[i]};
    range->min = std::min(range->min, ints[i]);
    range->max = std::max(range->max, ints[i]);
  }
  return range;
}

std::string BuildTermIndex(const Column& column) {
  TermIndexBuilder builder;
  for (size_t i = 0; i < column.size(); ++i) {
    if (column.type() == TypeKind::kDynamic) {
      if (!column.IsNull(i)) builder.Add(static_cast<uint32_t>(i), column.GetDynamic(i).ToJson());
    } else {
      builder.Add(static_cast<uint32_t>(i), column.GetString(i));
    }
  }
  return builder.Finish();
}

Status WriteBody(WritableFile* file, const Table& table, const ExtentWriteOptions& options) {
  ExtentBuilder builder(file);
  RETURN_IF_ERROR(builder.Start());
  ExtentFooter footer;
  footer.rows = table.rows;
  footer.block_rows = std::max<size_t>(1, options.block_rows);
  std::string raw;
  for (size_t c = 0; c < table.schema.size(); ++c) {
    const Column& column = *table.columns[c];
    ColumnFooter col;
    col.schema = table.schema[c];
    col.range = ComputeRange(column);
    Codec codec = Codec::kZstd;
    for (size_t begin = 0; begin < table.rows; begin += footer.block_rows) {
      size_t end = std::min<size_t>(table.rows, begin + footer.block_rows);
      raw.clear();
      EncodeColumnSegment(column, begin, end, &raw);
      Codec used;
      ASSIGN_OR_RETURN(BlockHandle handle, builder.AddBlock(codec, raw, &used));
      if (codec == Codec::kZstd && static_cast<double>(handle.stored_size) >
                                       kLowGainRatio * static_cast<double>(raw.size())) {
        codec = Codec::kLz4;
      }
      col.blocks.push_back(handle);
    }
    if (col.schema.type == TypeKind::kString || col.schema.type == TypeKind::kDynamic) {
      std::string index = BuildTermIndex(column);
      Codec used;
      ASSIGN_OR_RETURN(BlockHandle handle, builder.AddBlock(Codec::kZstd, index, &used));
      col.term_index = handle;
    }
    footer.columns.push_back(std::move(col));
  }
  return builder.Finish(footer);
}

}  // namespace

Status WriteExtentFile(FileSystem* fs, const std::string& dir, const std::string& name,
                       const Table& table, const ExtentWriteOptions& options) {
  if (table.rows > std::numeric_limits<uint32_t>::max()) {
    return InvalidArgument("extent too large: row ids are 32-bit");
  }
  const std::string path = JoinPath(dir, name);
  const std::string temp = path + ".tmp";
  ASSIGN_OR_RETURN(auto file, fs->NewWritableFile(temp));
  Status s = WriteBody(file.get(), table, options);
  if (s.ok()) s = file->Sync();
  Status closed = file->Close();
  if (s.ok()) s = closed;
  if (s.ok()) s = fs->Rename(temp, path);
  if (!s.ok()) {
    (void)fs->RemoveFile(temp);
    return s;
  }
  return fs->SyncDir(dir);
}

}  // namespace huntbook::storage
