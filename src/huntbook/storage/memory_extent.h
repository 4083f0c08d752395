// MemoryExtent: the rows of a table not yet written to an extent file, as a list of
// immutable appended batches. A snapshot holds one MemoryExtent over the batches appended
// so far; later appends create a new one, so a held snapshot never changes.
// Range() scans; there is no term index (RowsWithTerm* return nullopt: callers scan).
// Thread safety: immutable after construction, all methods thread-safe.
#pragma once

#include <memory>
#include <vector>

#include "huntbook/storage/store.h"

namespace huntbook::storage {

using BatchPtr = std::shared_ptr<const Table>;

class MemoryExtent final : public Extent {
 public:
  // `schema`: the table's columns present in any batch, in table order.
  MemoryExtent(std::vector<ColumnSchema> schema, std::vector<BatchPtr> batches);

  size_t rows() const override { return rows_; }
  const std::vector<ColumnSchema>& schema() const override { return schema_; }
  // The column over all batches; batches without it contribute nulls.
  Result<ColumnPtr> ReadColumn(std::string_view name) const override;
  std::optional<IntRange> Range(std::string_view column) const override;
  std::optional<std::vector<uint32_t>> RowsWithTerm(std::string_view,
                                                    std::string_view) const override {
    return std::nullopt;
  }
  std::optional<std::vector<uint32_t>> RowsWithTermPrefix(std::string_view,
                                                          std::string_view) const override {
    return std::nullopt;
  }

  const std::vector<BatchPtr>& batches() const { return batches_; }
  // All columns of schema(), materialized (for writing an extent file).
  Result<Table> Materialize() const;

 private:
  std::vector<ColumnSchema> schema_;
  std::vector<BatchPtr> batches_;
  size_t rows_ = 0;
};

// A deep copy of `column` holding `rows` rows; a size-1 column is broadcast.
std::shared_ptr<Column> CopyColumn(const Column& column, size_t rows);

}  // namespace huntbook::storage
