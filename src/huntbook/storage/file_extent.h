// FileExtent: an Extent backed by an immutable extent file (docs/formats/extent.md).
// Open reads only the footer; columns are decoded on each ReadColumn call and term
// indexes are loaded on first lookup and then cached.
// Thread safety: all methods are thread-safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "huntbook/storage/extent_format.h"
#include "huntbook/storage/file_system.h"
#include "huntbook/storage/store.h"
#include "huntbook/storage/term_index.h"

namespace huntbook::storage {

class FileExtent final : public Extent {
 public:
  // Opens and validates the footer; kCorruption naming `path` when it is malformed.
  static Result<std::shared_ptr<FileExtent>> Open(FileSystem* fs, const std::string& path);

  size_t rows() const override { return static_cast<size_t>(footer_.rows); }
  const std::vector<ColumnSchema>& schema() const override { return schema_; }
  Result<ColumnPtr> ReadColumn(std::string_view name) const override;
  Result<ColumnPtr> ReadColumnRows(std::string_view name,
                                   const std::vector<uint32_t>& rows) const override;
  std::optional<IntRange> Range(std::string_view column) const override;
  std::optional<std::vector<uint32_t>> RowsWithTerm(std::string_view column,
                                                    std::string_view term) const override;
  std::optional<std::vector<uint32_t>> RowsWithTermPrefix(std::string_view column,
                                                          std::string_view prefix) const override;

  const std::string& path() const { return path_; }

 private:
  FileExtent(std::string path, std::unique_ptr<RandomAccessFile> file, ExtentFooter footer);
  const ColumnFooter* FindColumn(std::string_view name) const;
  // Reads, verifies and decompresses one block.
  Status ReadBlock(const BlockHandle& handle, std::string* raw) const;
  // The column's term index, loaded on first use; nullptr when absent or unreadable.
  std::shared_ptr<const TermIndex> LoadTermIndex(const ColumnFooter& column) const;

  const std::string path_;
  const std::unique_ptr<RandomAccessFile> file_;
  const ExtentFooter footer_;
  std::vector<ColumnSchema> schema_;

  mutable std::mutex index_mu_;
  // Guarded by index_mu_: loaded term indexes by column name (nullptr = failed to load).
  mutable std::map<std::string, std::shared_ptr<const TermIndex>, std::less<>> indexes_;
};

}  // namespace huntbook::storage
