#include "huntbook/vector/column.h"

#include <cassert>

namespace huntbook {

Value Column::Get(size_t i) const {
  if (IsNull(i)) return Value::Null(type_);
  if (IsIntegerStored(type_)) return Value::Int64(type_, ints_[i]);
  if (IsRealStored(type_)) {
    return type_ == TypeKind::kDecimal ? Value::Decimal(reals_[i]) : Value::Real(reals_[i]);
  }
  if (type_ == TypeKind::kString) return Value::String(std::string(GetString(i)));
  if (type_ == TypeKind::kGuid) return Value::Guid(std::string(GetString(i)));
  if (type_ == TypeKind::kDynamic) return Value::Dyn(dyns_[i]);
  return Value();
}

void Column::Reserve(size_t rows) {
  if (IsIntegerStored(type_))
    ints_.reserve(rows);
  else if (IsRealStored(type_))
    reals_.reserve(rows);
  else if (IsStringStored(type_))
    offsets_.reserve(rows + 1);
  else if (type_ == TypeKind::kDynamic)
    dyns_.reserve(rows);
}

void Column::AppendNull() {
  if (IsStringStored(type_)) {  // strings have no null: missing is ""
    AppendString("");
    return;
  }
  if (nulls_.empty()) nulls_.assign(size_, 0);
  if (IsIntegerStored(type_))
    ints_.push_back(0);
  else if (IsRealStored(type_))
    reals_.push_back(0);
  else if (type_ == TypeKind::kDynamic)
    dyns_.push_back(Dynamic());
  ++size_;
  nulls_.push_back(1);
}

void Column::Append(const Value& v) {
  if (v.is_null()) {
    AppendNull();
    return;
  }
  if (IsIntegerStored(type_))
    AppendInt(v.int_value());
  else if (IsRealStored(type_))
    AppendReal(v.real_value());
  else if (IsStringStored(type_))
    AppendString(v.string_value());
  else if (type_ == TypeKind::kDynamic)
    AppendDynamic(v.dynamic_value());
}

void Column::AppendFrom(const Column& other, size_t i) {
  if (other.IsNull(i)) {
    AppendNull();
    return;
  }
  if (IsIntegerStored(type_))
    AppendInt(other.ints_[i]);
  else if (IsRealStored(type_))
    AppendReal(other.reals_[i]);
  else if (IsStringStored(type_))
    AppendString(other.GetString(i));
  else if (type_ == TypeKind::kDynamic)
    AppendDynamic(other.dyns_[i]);
}

void Column::AppendRange(const Column& other, size_t begin, size_t end) {
  if (end <= begin) return;
  const size_t count = end - begin;
  if (other.size() == 1 && count != 1) {  // a constant: repeat its one value
    for (size_t i = 0; i < count; ++i) AppendFrom(other, 0);
    return;
  }
  if (other.has_nulls() || has_nulls()) {
    for (size_t i = begin; i < end; ++i) AppendFrom(other, i);
    return;
  }
  if (IsIntegerStored(type_)) {
    ints_.insert(ints_.end(), other.ints_.begin() + begin, other.ints_.begin() + end);
  } else if (IsRealStored(type_)) {
    reals_.insert(reals_.end(), other.reals_.begin() + begin, other.reals_.begin() + end);
  } else if (IsStringStored(type_)) {
    const uint64_t first = other.offsets_[begin];
    const uint64_t base = bytes_.size();
    bytes_.append(other.bytes_.data() + first, other.offsets_[end] - first);
    offsets_.reserve(offsets_.size() + count);
    for (size_t i = begin + 1; i <= end; ++i) {
      offsets_.push_back(base + (other.offsets_[i] - first));
    }
  } else if (type_ == TypeKind::kDynamic) {
    dyns_.insert(dyns_.end(), other.dyns_.begin() + begin, other.dyns_.begin() + end);
  }
  size_ += count;
}

std::shared_ptr<Column> Column::Take(const std::vector<uint32_t>& rows) const {
  auto out = std::make_shared<Column>(type_);
  out->Reserve(rows.size());
  if (IsIntegerStored(type_) && nulls_.empty()) {
    out->ints_.resize(rows.size());
    for (size_t k = 0; k < rows.size(); ++k) out->ints_[k] = ints_[rows[k]];
    out->size_ = rows.size();
    return out;
  }
  if (IsRealStored(type_) && nulls_.empty()) {
    out->reals_.resize(rows.size());
    for (size_t k = 0; k < rows.size(); ++k) out->reals_[k] = reals_[rows[k]];
    out->size_ = rows.size();
    return out;
  }
  if (IsStringStored(type_)) {
    size_t bytes = 0;
    for (uint32_t r : rows) bytes += offsets_[r + 1] - offsets_[r];
    out->bytes_.reserve(bytes);
    for (uint32_t r : rows) out->AppendString(GetString(r));
    return out;
  }
  for (uint32_t r : rows) out->AppendFrom(*this, r);
  return out;
}

std::shared_ptr<Column> Column::Slice(size_t begin, size_t end) const {
  auto out = std::make_shared<Column>(type_);
  out->Reserve(end - begin);
  out->AppendRange(*this, begin, end);
  return out;
}

void Column::SetSizeAfterBulkWrite(size_t rows) {
  size_ = rows;
  if (!nulls_.empty()) nulls_.resize(rows, 0);
}

void Column::SetNull(size_t i) {
  assert(i < size_);
  if (IsStringStored(type_)) return;  // strings have no null
  if (nulls_.empty()) nulls_.assign(size_, 0);
  nulls_[i] = 1;
}

std::shared_ptr<Column> Column::Nulls(TypeKind type, size_t rows) {
  auto out = std::make_shared<Column>(type);
  if (IsStringStored(type)) {
    out->offsets_.assign(rows + 1, 0);
    out->size_ = rows;
    return out;
  }
  if (IsIntegerStored(type))
    out->ints_.assign(rows, 0);
  else if (IsRealStored(type))
    out->reals_.assign(rows, 0);
  else if (type == TypeKind::kDynamic)
    out->dyns_.assign(rows, Dynamic());
  out->size_ = rows;
  out->nulls_.assign(rows, 1);
  return out;
}

std::shared_ptr<Column> Column::Constant(const Value& v) {
  auto out = std::make_shared<Column>(v.type());
  out->Append(v);
  return out;
}

int Table::FindColumn(std::string_view name) const {
  for (size_t i = 0; i < schema.size(); ++i) {
    if (schema[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace huntbook
