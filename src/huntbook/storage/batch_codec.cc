#include "huntbook/storage/batch_codec.h"

#include "huntbook/storage/coding.h"
#include "huntbook/storage/column_codec.h"

namespace huntbook::storage {
namespace {
constexpr uint8_t kBatchRecord = 1;
}  // namespace

void EncodeBatch(const Table& table, std::string* out) {
  out->push_back(static_cast<char>(kBatchRecord));
  PutVarint64(out, table.rows);
  PutVarint64(out, table.schema.size());
  std::string segment;
  for (size_t c = 0; c < table.schema.size(); ++c) {
    PutLengthPrefixed(out, table.schema[c].name);
    out->push_back(static_cast<char>(table.schema[c].type));
    segment.clear();
    EncodeColumnSegment(*table.columns[c], 0, table.rows, &segment);
    PutLengthPrefixed(out, segment);
  }
}

Result<Table> DecodeBatch(std::string_view payload) {
  ByteReader in(payload);
  uint8_t kind;
  uint64_t rows, columns;
  if (!in.GetU8(&kind) || kind != kBatchRecord || !in.GetVarint64(&rows) ||
      !in.GetVarint64(&columns) || columns > payload.size()) {
    return Corruption("malformed batch record header");
  }
  Table table;
  table.rows = static_cast<size_t>(rows);
  for (uint64_t c = 0; c < columns; ++c) {
    std::string_view name, segment;
    uint8_t type;
    if (!in.GetLengthPrefixed(&name) || !in.GetU8(&type) || type == 0 ||
        type > static_cast<uint8_t>(TypeKind::kDynamic) || !in.GetLengthPrefixed(&segment)) {
      return Corruption("malformed batch record column");
    }
    auto column = std::make_shared<Column>(static_cast<TypeKind>(type));
    RETURN_IF_ERROR(DecodeColumnSegment(segment, column.get()));
    if (column->size() != table.rows) return Corruption("batch column has wrong row count");
    table.schema.push_back({std::string(name), static_cast<TypeKind>(type)});
    table.columns.push_back(std::move(column));
  }
  return table;
}

}  // namespace huntbook::storage
