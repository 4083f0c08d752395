// Segment layout: docs/formats/extent.md, section "Column segment".
#include "huntbook/storage/column_codec.h"

#include <bit>
#include <cstring>
#include <limits>
#include <unordered_map>
#include <vector>

#include "huntbook/storage/coding.h"

namespace huntbook::storage {

static_assert(std::endian::native == std::endian::little,
              "segments are memcpy'd as little-endian arrays");

namespace {

enum StringEncoding : uint8_t { kPlain = 0, kDictionary = 1 };

// Distinct values beyond which dictionary encoding is abandoned.
constexpr size_t kMaxDictionarySize = 1 << 16;

int WidthFor(uint64_t span) {
  if (span <= 0xff) return 1;
  if (span <= 0xffff) return 2;
  if (span <= 0xffffffffULL) return 4;
  return 8;
}

// Appends n values of `width` bytes each (little-endian, low bytes of each uint64).
void PutPacked(const std::vector<uint64_t>& values, int width, std::string* out) {
  size_t start = out->size();
  out->resize(start + values.size() * static_cast<size_t>(width));
  char* p = out->data() + start;
  switch (width) {
    case 1:
      for (uint64_t v : values) *p++ = static_cast<char>(v);
      break;
    case 2:
      for (uint64_t v : values) {
        uint16_t x = static_cast<uint16_t>(v);
        std::memcpy(p, &x, 2);
        p += 2;
      }
      break;
    case 4:
      for (uint64_t v : values) {
        uint32_t x = static_cast<uint32_t>(v);
        std::memcpy(p, &x, 4);
        p += 4;
      }
      break;
    default:
      if (!values.empty()) std::memcpy(p, values.data(), values.size() * 8);
  }
}

template <typename T>
void UnpackAdd(const char* p, size_t n, uint64_t base, int64_t* out) {
  for (size_t i = 0; i < n; ++i) {
    T x;
    std::memcpy(&x, p + i * sizeof(T), sizeof(T));
    out[i] = static_cast<int64_t>(base + static_cast<uint64_t>(x));
  }
}

// Reads `n` unsigned values of `width` bytes into out (uint64).
bool GetPacked(ByteReader* in, size_t n, int width, std::vector<uint64_t>* out) {
  std::string_view bytes;
  if (!in->GetBytes(n * static_cast<size_t>(width), &bytes)) return false;
  out->resize(n);
  const char* p = bytes.data();
  for (size_t i = 0; i < n; ++i) {
    uint64_t v = 0;
    std::memcpy(&v, p + i * static_cast<size_t>(width), static_cast<size_t>(width));
    (*out)[i] = v;
  }
  return true;
}

void EncodeStrings(const std::vector<std::string_view>& values, std::string* out) {
  std::unordered_map<std::string_view, uint32_t> ids;
  std::vector<std::string_view> dictionary;
  std::vector<uint64_t> codes;
  codes.reserve(values.size());
  size_t limit = std::min(kMaxDictionarySize, values.size() / 2);
  bool use_dictionary = values.size() >= 16;
  for (std::string_view v : values) {
    if (!use_dictionary) break;
    auto [it, inserted] = ids.emplace(v, static_cast<uint32_t>(dictionary.size()));
    if (inserted) {
      dictionary.push_back(v);
      if (dictionary.size() > limit) use_dictionary = false;
    }
    codes.push_back(it->second);
  }
  const std::vector<std::string_view>& strings = use_dictionary ? dictionary : values;
  out->push_back(static_cast<char>(use_dictionary ? kDictionary : kPlain));
  PutVarint64(out, strings.size());
  size_t total = 0;
  for (std::string_view s : strings) {
    PutFixed32(out, static_cast<uint32_t>(s.size()));
    total += s.size();
  }
  out->reserve(out->size() + total + codes.size() * 2);
  for (std::string_view s : strings) out->append(s.data(), s.size());
  if (use_dictionary) {
    int width = WidthFor(dictionary.empty() ? 0 : dictionary.size() - 1);
    out->push_back(static_cast<char>(width));
    PutPacked(codes, width, out);
  }
}

Status Malformed(const char* what) {
  return Corruption(std::string("malformed column segment: ") + what);
}

}  // namespace

void EncodeColumnSegment(const Column& column, size_t begin, size_t end, std::string* out) {
  const bool constant = column.size() == 1;
  auto row = [&](size_t i) { return constant ? 0 : i; };
  const size_t n = end - begin;
  const TypeKind type = column.type();
  out->push_back(static_cast<char>(type));
  PutVarint64(out, n);
  bool any_null = false;
  if (column.has_nulls()) {
    for (size_t i = begin; i < end && !any_null; ++i) any_null = column.IsNull(row(i));
  }
  out->push_back(static_cast<char>(any_null ? 1 : 0));
  if (any_null) {
    std::string bitmap((n + 7) / 8, '\0');
    for (size_t i = 0; i < n; ++i) {
      if (column.IsNull(row(begin + i))) bitmap[i / 8] |= static_cast<char>(1 << (i % 8));
    }
    out->append(bitmap);
  }
  if (IsIntegerStored(type)) {
    int64_t min = std::numeric_limits<int64_t>::max();
    int64_t max = std::numeric_limits<int64_t>::min();
    for (size_t i = begin; i < end; ++i) {
      size_t r = row(i);
      if (any_null && column.IsNull(r)) continue;
      int64_t v = column.GetInt(r);
      min = std::min(min, v);
      max = std::max(max, v);
    }
    if (min > max) min = max = 0;  // all null or empty
    uint64_t base = static_cast<uint64_t>(min);
    int width = WidthFor(static_cast<uint64_t>(max) - base);
    out->push_back(static_cast<char>(width));
    PutFixed64(out, base);
    std::vector<uint64_t> deltas(n);
    for (size_t i = 0; i < n; ++i) {
      size_t r = row(begin + i);
      deltas[i] =
          (any_null && column.IsNull(r)) ? 0 : static_cast<uint64_t>(column.GetInt(r)) - base;
    }
    PutPacked(deltas, width, out);
  } else if (IsRealStored(type)) {
    size_t start = out->size();
    out->resize(start + n * 8);
    if (constant) {
      for (size_t i = 0; i < n; ++i)
        std::memcpy(out->data() + start + i * 8, &column.reals()[0], 8);
    } else {
      if (n > 0) std::memcpy(out->data() + start, column.reals().data() + begin, n * 8);
    }
  } else if (IsStringStored(type)) {
    std::vector<std::string_view> values(n);
    for (size_t i = 0; i < n; ++i) values[i] = column.GetString(row(begin + i));
    EncodeStrings(values, out);
  } else if (type == TypeKind::kDynamic) {
    std::vector<std::string> json(n);
    std::vector<std::string_view> values(n);
    for (size_t i = 0; i < n; ++i) {
      size_t r = row(begin + i);
      if (!(any_null && column.IsNull(r))) json[i] = column.GetDynamic(r).ToJson();
      values[i] = json[i];
    }
    EncodeStrings(values, out);
  }
}

namespace {

// Reads the string table of a string/dynamic segment; calls emit(string_view) per row.
template <typename Emit>
Status DecodeStrings(ByteReader* in, size_t rows, Emit&& emit) {
  uint8_t encoding;
  uint64_t count;
  if (!in->GetU8(&encoding) || !in->GetVarint64(&count)) return Malformed("string header");
  if (encoding > kDictionary) return Malformed("string encoding");
  if (count > in->remaining() / 4) return Malformed("string count");
  if (encoding == kPlain && count != rows) return Malformed("plain string count");
  std::string_view lengths_bytes;
  if (!in->GetBytes(count * 4, &lengths_bytes)) return Malformed("string lengths");
  std::vector<std::string_view> strings(count);
  uint64_t total = 0;
  for (size_t i = 0; i < count; ++i) total += DecodeFixed32(lengths_bytes.data() + i * 4);
  std::string_view bytes;
  if (!in->GetBytes(total, &bytes)) return Malformed("string bytes");
  size_t pos = 0;
  for (size_t i = 0; i < count; ++i) {
    size_t len = DecodeFixed32(lengths_bytes.data() + i * 4);
    strings[i] = bytes.substr(pos, len);
    pos += len;
  }
  if (encoding == kPlain) {
    for (size_t i = 0; i < rows; ++i) RETURN_IF_ERROR(emit(i, strings[i]));
    return Status::OK();
  }
  uint8_t width;
  std::vector<uint64_t> codes;
  if (!in->GetU8(&width) || (width != 1 && width != 2 && width != 4 && width != 8) ||
      !GetPacked(in, rows, width, &codes)) {
    return Malformed("dictionary codes");
  }
  for (size_t i = 0; i < rows; ++i) {
    if (codes[i] >= count) return Malformed("dictionary code out of range");
    RETURN_IF_ERROR(emit(i, strings[codes[i]]));
  }
  return Status::OK();
}

}  // namespace

namespace {

// Shared by both entry points: `select` null = all rows.
Status DecodeSegment(std::string_view data, Column* column, const std::vector<uint32_t>* select) {
  ByteReader in(data);
  uint8_t type, has_nulls;
  uint64_t rows;
  if (!in.GetU8(&type) || !in.GetVarint64(&rows) || !in.GetU8(&has_nulls)) {
    return Malformed("header");
  }
  if (type != static_cast<uint8_t>(column->type())) return Malformed("type mismatch");
  if (rows > (uint64_t{1} << 32)) return Malformed("row count");
  const size_t n = static_cast<size_t>(rows);
  std::string_view null_bitmap;
  if (has_nulls && !in.GetBytes((n + 7) / 8, &null_bitmap)) return Malformed("null bitmap");
  auto is_null = [&](size_t i) {
    return has_nulls && (static_cast<uint8_t>(null_bitmap[i / 8]) >> (i % 8)) & 1;
  };
  const TypeKind kind = column->type();
  if (select != nullptr && (IsIntegerStored(kind) || IsRealStored(kind))) {
    // Fixed-width values decode in bulk; then keep the selected rows.
    Column all(kind);
    RETURN_IF_ERROR(DecodeSegment(data, &all, nullptr));
    for (uint32_t row : *select) {
      if (row >= all.size()) return Malformed("selected row beyond the segment");
      column->AppendFrom(all, row);
    }
    return Status::OK();
  }
  // With a selection, emit(i, ...) is called for every row and keeps the selected ones.
  size_t next = 0;
  auto selected = [&](size_t i) {
    if (select == nullptr) return true;
    if (next < select->size() && (*select)[next] == i) {
      ++next;
      return true;
    }
    return false;
  };
  auto all_selected = [&]() -> Status {
    if (select != nullptr && next != select->size()) {
      return Malformed("selected row beyond the segment");
    }
    return Status::OK();
  };
  const size_t first = column->size();
  if (IsIntegerStored(kind)) {
    uint8_t width;
    uint64_t base;
    std::string_view packed;
    if (!in.GetU8(&width) || (width != 1 && width != 2 && width != 4 && width != 8) ||
        !in.GetFixed64(&base) || !in.GetBytes(n * width, &packed)) {
      return Malformed("integers");
    }
    auto& ints = column->mutable_ints();
    ints.resize(first + n);
    int64_t* dst = ints.data() + first;
    switch (width) {
      case 1:
        UnpackAdd<uint8_t>(packed.data(), n, base, dst);
        break;
      case 2:
        UnpackAdd<uint16_t>(packed.data(), n, base, dst);
        break;
      case 4:
        UnpackAdd<uint32_t>(packed.data(), n, base, dst);
        break;
      default:
        UnpackAdd<uint64_t>(packed.data(), n, base, dst);
    }
    column->SetSizeAfterBulkWrite(first + n);
  } else if (IsRealStored(kind)) {
    std::string_view raw;
    if (!in.GetBytes(n * 8, &raw)) return Malformed("reals");
    auto& reals = column->mutable_reals();
    reals.resize(first + n);
    if (n > 0) std::memcpy(reals.data() + first, raw.data(), n * 8);
    column->SetSizeAfterBulkWrite(first + n);
  } else if (IsStringStored(kind)) {
    column->Reserve(first + (select ? select->size() : n));
    RETURN_IF_ERROR(DecodeStrings(&in, n, [&](size_t i, std::string_view s) {
      if (selected(i)) column->AppendString(s);
      return Status::OK();
    }));
    return all_selected();
  } else if (kind == TypeKind::kDynamic) {
    column->Reserve(first + (select ? select->size() : n));
    RETURN_IF_ERROR(DecodeStrings(&in, n, [&](size_t i, std::string_view s) -> Status {
      if (!selected(i)) return Status::OK();
      if (is_null(i)) {
        column->AppendNull();
        return Status::OK();
      }
      Result<Dynamic> value = Dynamic::Parse(s);
      if (!value.ok()) return Corruption("malformed dynamic value: " + value.status().message());
      column->AppendDynamic(std::move(value).value());
      return Status::OK();
    }));
    return all_selected();
  } else {
    return Malformed("column type");
  }
  for (size_t i = 0; i < n; ++i) {
    if (is_null(i)) column->SetNull(first + i);
  }
  return Status::OK();
}

}  // namespace

Status DecodeColumnSegment(std::string_view data, Column* column) {
  return DecodeSegment(data, column, nullptr);
}

Status DecodeColumnSegmentRows(std::string_view data, const std::vector<uint32_t>& select,
                               Column* column) {
  return DecodeSegment(data, column, &select);
}

void AppendColumn(const Column& from, Column* to) {
  if (IsStringStored(from.type())) to->ReserveBytes(from.string_bytes());
  to->AppendRange(from, 0, from.size());
}

}  // namespace huntbook::storage
