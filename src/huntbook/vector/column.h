// Column: a typed vector of values, the unit of vectorized execution; Table: named
// columns of equal length (a batch, an extent's contents, or a query result).
//
// Storage by type (see types/type.h): bool/int/long/datetime/timespan in an int64 array,
// real/decimal in a double array, string/guid as one byte buffer plus offsets, dynamic as
// Dynamic values. Validity is a byte per row, allocated only once a null is appended.
// String columns are never null. A Column of size 1 may stand for a constant broadcast to
// any number of rows: kernels read row i as At(i) which maps to 0 for constants.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "huntbook/types/dynamic.h"
#include "huntbook/types/type.h"
#include "huntbook/types/value.h"

namespace huntbook {

class Column {
 public:
  explicit Column(TypeKind type) : type_(type) { offsets_.push_back(0); }

  TypeKind type() const { return type_; }
  size_t size() const { return size_; }
  bool has_nulls() const { return !nulls_.empty(); }
  bool IsNull(size_t i) const { return !nulls_.empty() && nulls_[i]; }

  // REQUIRES: the matching storage class and i < size().
  int64_t GetInt(size_t i) const { return ints_[i]; }
  double GetReal(size_t i) const { return reals_[i]; }
  std::string_view GetString(size_t i) const {
    return std::string_view(bytes_.data() + offsets_[i], offsets_[i + 1] - offsets_[i]);
  }
  const Dynamic& GetDynamic(size_t i) const { return dyns_[i]; }
  // Numeric view of an int/long/real/decimal column.
  double GetDouble(size_t i) const {
    return IsRealStored(type_) ? reals_[i] : static_cast<double>(ints_[i]);
  }
  Value Get(size_t i) const;

  void Reserve(size_t rows);
  void AppendNull();
  void AppendInt(int64_t v) { ints_.push_back(v); Grow(); }
  void AppendReal(double v) { reals_.push_back(v); Grow(); }
  void AppendString(std::string_view v) {
    bytes_.append(v.data(), v.size());
    offsets_.push_back(bytes_.size());
    Grow();
  }
  void AppendDynamic(Dynamic v) { dyns_.push_back(std::move(v)); Grow(); }
  // REQUIRES: v.type() == type() or v is an untyped null.
  void Append(const Value& v);
  // Appends row i of other (same type).
  void AppendFrom(const Column& other, size_t i);
  // Appends rows [begin, end) of other (same type); a size-1 `other` is repeated
  // end - begin times. Bulk copies where the storage allows.
  void AppendRange(const Column& other, size_t begin, size_t end);
  // Reserves room for `bytes` more bytes of string data.
  void ReserveBytes(size_t bytes) { bytes_.reserve(bytes_.size() + bytes); }
  // Total bytes of string data (string/guid columns).
  size_t string_bytes() const { return bytes_.size(); }

  // Rows of this column picked by index, in the given order.
  std::shared_ptr<Column> Take(const std::vector<uint32_t>& rows) const;
  // Rows [begin, end).
  std::shared_ptr<Column> Slice(size_t begin, size_t end) const;

  // Raw arrays for kernels.
  const std::vector<int64_t>& ints() const { return ints_; }
  const std::vector<double>& reals() const { return reals_; }
  const std::vector<uint8_t>& nulls() const { return nulls_; }
  std::vector<int64_t>& mutable_ints() { return ints_; }
  std::vector<double>& mutable_reals() { return reals_; }
  // After filling ints/reals directly, sets the row count (and sizes validity if any).
  void SetSizeAfterBulkWrite(size_t rows);
  void SetNull(size_t i);  // REQUIRES: i < size()

  // A column of `rows` nulls (or "" for strings) of the given type.
  static std::shared_ptr<Column> Nulls(TypeKind type, size_t rows);
  // A size-1 column holding v.
  static std::shared_ptr<Column> Constant(const Value& v);

 private:
  void Grow() {
    ++size_;
    if (!nulls_.empty()) nulls_.push_back(0);
  }
  TypeKind type_;
  size_t size_ = 0;
  std::vector<int64_t> ints_;
  std::vector<double> reals_;
  std::string bytes_;
  std::vector<uint64_t> offsets_;
  std::vector<Dynamic> dyns_;
  std::vector<uint8_t> nulls_;
};

using ColumnPtr = std::shared_ptr<const Column>;

// Row index to read from a column that may be a size-1 constant.
inline size_t At(const Column& c, size_t i) { return c.size() == 1 ? 0 : i; }

struct ColumnSchema {
  std::string name;
  TypeKind type;
};

// Named columns of equal length.
struct Table {
  std::vector<ColumnSchema> schema;
  std::vector<ColumnPtr> columns;
  size_t rows = 0;

  int FindColumn(std::string_view name) const;  // -1 when absent
};

}  // namespace huntbook
