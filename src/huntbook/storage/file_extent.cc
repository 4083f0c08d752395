#include "huntbook/storage/file_extent.h"

#include "huntbook/storage/coding.h"
#include "huntbook/storage/column_codec.h"

namespace huntbook::storage {

FileExtent::FileExtent(std::string path, std::unique_ptr<RandomAccessFile> file,
                       ExtentFooter footer)
    : path_(std::move(path)), file_(std::move(file)), footer_(std::move(footer)) {
  for (const ColumnFooter& c : footer_.columns) schema_.push_back(c.schema);
}

Result<std::shared_ptr<FileExtent>> FileExtent::Open(FileSystem* fs, const std::string& path) {
  ASSIGN_OR_RETURN(auto file, fs->NewRandomAccessFile(path));
  const uint64_t size = file->size();
  auto corrupt = [&](const std::string& what) {
    return Corruption("extent file " + path + ": " + what);
  };
  if (size < kExtentMagic.size() + kExtentTailSize) return corrupt("file too short");
  std::string tail;
  RETURN_IF_ERROR(file->Read(size - kExtentTailSize, kExtentTailSize, &tail));
  if (std::string_view(tail).substr(12) != kExtentMagic) return corrupt("bad trailing magic");
  uint32_t footer_length = DecodeFixed32(tail.data());
  uint64_t footer_checksum = DecodeFixed64(tail.data() + 4);
  if (footer_length > size - kExtentTailSize - kExtentMagic.size()) {
    return corrupt("bad footer length");
  }
  std::string footer_bytes;
  RETURN_IF_ERROR(file->Read(size - kExtentTailSize - footer_length, footer_length, &footer_bytes));
  if (Checksum(footer_bytes) != footer_checksum) return corrupt("footer checksum mismatch");
  Result<ExtentFooter> footer = DecodeFooter(footer_bytes);
  if (!footer.ok()) return corrupt(footer.status().message());
  const uint64_t body_end = size - kExtentTailSize - footer_length;
  for (const ColumnFooter& c : footer->columns) {
    auto in_range = [&](const BlockHandle& h) {
      return h.offset <= body_end && h.stored_size + kBlockTrailerSize <= body_end - h.offset;
    };
    for (const BlockHandle& h : c.blocks) {
      if (!in_range(h)) return corrupt("block handle out of range");
    }
    if (c.term_index && !in_range(*c.term_index)) return corrupt("term index out of range");
  }
  return std::shared_ptr<FileExtent>(
      new FileExtent(path, std::move(file), std::move(footer).value()));
}

const ColumnFooter* FileExtent::FindColumn(std::string_view name) const {
  for (const ColumnFooter& c : footer_.columns) {
    if (c.schema.name == name) return &c;
  }
  return nullptr;
}

Status FileExtent::ReadBlock(const BlockHandle& handle, std::string* raw) const {
  std::string stored;
  RETURN_IF_ERROR(file_->Read(handle.offset, handle.stored_size + kBlockTrailerSize, &stored));
  const size_t n = static_cast<size_t>(handle.stored_size);
  uint64_t checksum = DecodeFixed64(stored.data() + n + 1);
  if (Checksum(std::string_view(stored.data(), n + 1)) != checksum) {
    return Corruption("extent file " + path_ + ": block checksum mismatch at offset " +
                      std::to_string(handle.offset));
  }
  uint8_t codec = static_cast<uint8_t>(stored[n]);
  if (codec > static_cast<uint8_t>(Codec::kLz4)) {
    return Corruption("extent file " + path_ + ": unknown block codec");
  }
  Status s = Decompress(static_cast<Codec>(codec), std::string_view(stored.data(), n),
                        static_cast<size_t>(handle.raw_size), raw);
  if (!s.ok()) return s.WithContext("extent file " + path_ + ": ");
  return Status::OK();
}

Result<ColumnPtr> FileExtent::ReadColumn(std::string_view name) const {
  const ColumnFooter* c = FindColumn(name);
  if (c == nullptr) {
    return NotFound("column " + std::string(name) + " is not in extent " + path_);
  }
  auto column = std::make_shared<Column>(c->schema.type);
  column->Reserve(static_cast<size_t>(footer_.rows));
  std::string raw;
  for (const BlockHandle& h : c->blocks) {
    RETURN_IF_ERROR(ReadBlock(h, &raw));
    Status s = DecodeColumnSegment(raw, column.get());
    if (!s.ok()) return s.WithContext("extent file " + path_ + " column " + c->schema.name + ": ");
  }
  if (column->size() != footer_.rows) {
    return Corruption("extent file " + path_ + " column " + c->schema.name + ": wrong row count");
  }
  return ColumnPtr(std::move(column));
}

Result<ColumnPtr> FileExtent::ReadColumnRows(std::string_view name,
                                             const std::vector<uint32_t>& rows) const {
  const ColumnFooter* c = FindColumn(name);
  if (c == nullptr) {
    return NotFound("column " + std::string(name) + " is not in extent " + path_);
  }
  auto column = std::make_shared<Column>(c->schema.type);
  column->Reserve(rows.size());
  const uint64_t block_rows = std::max<uint64_t>(1, footer_.block_rows);
  std::string raw;
  size_t k = 0;
  for (size_t b = 0; b < c->blocks.size() && k < rows.size(); ++b) {
    const uint64_t begin = b * block_rows, end = begin + block_rows;
    if (rows[k] >= end) continue;  // no wanted row in this block: never decoded
    RETURN_IF_ERROR(ReadBlock(c->blocks[b], &raw));
    std::vector<uint32_t> offsets;
    for (; k < rows.size() && rows[k] < end; ++k) {
      offsets.push_back(static_cast<uint32_t>(rows[k] - begin));
    }
    Status s = DecodeColumnSegmentRows(raw, offsets, column.get());
    if (!s.ok()) return s.WithContext("extent file " + path_ + " column " + c->schema.name + ": ");
  }
  if (k != rows.size()) {
    return Corruption("extent file " + path_ + " column " + c->schema.name + ": row out of range");
  }
  return ColumnPtr(std::move(column));
}

std::optional<IntRange> FileExtent::Range(std::string_view column) const {
  const ColumnFooter* c = FindColumn(column);
  if (c == nullptr) return std::nullopt;
  return c->range;
}

std::shared_ptr<const TermIndex> FileExtent::LoadTermIndex(const ColumnFooter& column) const {
  {
    std::lock_guard<std::mutex> lock(index_mu_);
    auto it = indexes_.find(column.schema.name);
    if (it != indexes_.end()) return it->second;
  }
  // Load outside the lock; a concurrent loader of the same index wastes work, no harm.
  std::shared_ptr<const TermIndex> index;
  std::string raw;
  if (ReadBlock(*column.term_index, &raw).ok()) {
    auto parsed = TermIndex::Parse(std::move(raw));
    if (parsed.ok()) index = std::move(parsed).value();
  }
  std::lock_guard<std::mutex> lock(index_mu_);
  indexes_.emplace(column.schema.name, index);
  return index;
}

std::optional<std::vector<uint32_t>> FileExtent::RowsWithTerm(std::string_view column,
                                                              std::string_view term) const {
  const ColumnFooter* c = FindColumn(column);
  if (c == nullptr || !c->term_index) return std::nullopt;
  std::optional<std::string> normalized = NormalizeLookupTerm(term);
  if (!normalized) return std::nullopt;
  std::shared_ptr<const TermIndex> index = LoadTermIndex(*c);
  if (!index) return std::nullopt;
  return index->RowsWithTerm(*normalized);
}

std::optional<std::vector<uint32_t>> FileExtent::RowsWithTermPrefix(std::string_view column,
                                                                    std::string_view prefix) const {
  const ColumnFooter* c = FindColumn(column);
  if (c == nullptr || !c->term_index) return std::nullopt;
  std::optional<std::string> normalized = NormalizeLookupTerm(prefix);
  if (!normalized) return std::nullopt;
  std::shared_ptr<const TermIndex> index = LoadTermIndex(*c);
  if (!index) return std::nullopt;
  return index->RowsWithPrefix(*normalized);
}

}  // namespace huntbook::storage
