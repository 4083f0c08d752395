#include "huntbook/storage/memory_extent.h"

#include <algorithm>

#include "huntbook/storage/column_codec.h"

namespace huntbook::storage {

std::shared_ptr<Column> CopyColumn(const Column& column, size_t rows) {
  auto out = std::make_shared<Column>(column.type());
  if (column.size() == rows) {
    out->Reserve(rows);
    AppendColumn(column, out.get());
  } else {
    out->Reserve(rows);
    for (size_t i = 0; i < rows; ++i) out->AppendFrom(column, 0);
  }
  return out;
}

MemoryExtent::MemoryExtent(std::vector<ColumnSchema> schema, std::vector<BatchPtr> batches)
    : schema_(std::move(schema)), batches_(std::move(batches)) {
  for (const BatchPtr& b : batches_) rows_ += b->rows;
}

Result<ColumnPtr> MemoryExtent::ReadColumn(std::string_view name) const {
  auto it = std::find_if(schema_.begin(), schema_.end(),
                         [&](const ColumnSchema& c) { return c.name == name; });
  if (it == schema_.end()) {
    return NotFound("column " + std::string(name) + " is not in the in-memory extent");
  }
  if (batches_.size() == 1) {
    int index = batches_[0]->FindColumn(name);
    if (index >= 0) return batches_[0]->columns[index];
  }
  auto out = std::make_shared<Column>(it->type);
  out->Reserve(rows_);
  for (const BatchPtr& b : batches_) {
    int index = b->FindColumn(name);
    if (index >= 0) {
      AppendColumn(*b->columns[index], out.get());
    } else if (b->rows > 0) {
      AppendColumn(*Column::Nulls(it->type, b->rows), out.get());
    }
  }
  return ColumnPtr(std::move(out));
}

std::optional<IntRange> MemoryExtent::Range(std::string_view column) const {
  std::optional<IntRange> range;
  for (const BatchPtr& b : batches_) {
    int index = b->FindColumn(column);
    if (index < 0) continue;
    const Column& c = *b->columns[index];
    if (!IsIntegerStored(c.type())) return std::nullopt;
    for (size_t i = 0; i < c.size(); ++i) {
      if (c.IsNull(i)) continue;
      int64_t v = c.GetInt(i);
      if (!range) range = IntRange{v, v};
      range->min = std::min(range->min, v);
      range->max = std::max(range->max, v);
    }
  }
  return range;
}

Result<Table> MemoryExtent::Materialize() const {
  Table table;
  table.rows = rows_;
  for (const ColumnSchema& c : schema_) {
    ASSIGN_OR_RETURN(ColumnPtr column, ReadColumn(c.name));
    table.schema.push_back(c);
    table.columns.push_back(std::move(column));
  }
  return table;
}

}  // namespace huntbook::storage
