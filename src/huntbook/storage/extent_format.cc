#include "huntbook/storage/extent_format.h"

#include "huntbook/storage/coding.h"

namespace huntbook::storage {
namespace {

void PutHandle(const BlockHandle& h, std::string* out) {
  PutVarint64(out, h.offset);
  PutVarint64(out, h.stored_size);
  PutVarint64(out, h.raw_size);
}

bool GetHandle(ByteReader* in, BlockHandle* h) {
  return in->GetVarint64(&h->offset) && in->GetVarint64(&h->stored_size) &&
         in->GetVarint64(&h->raw_size);
}

}  // namespace

void EncodeFooter(const ExtentFooter& footer, std::string* out) {
  out->push_back(static_cast<char>(kExtentVersion));
  PutVarint64(out, footer.rows);
  PutVarint64(out, footer.block_rows);
  PutVarint64(out, footer.columns.size());
  for (const ColumnFooter& c : footer.columns) {
    PutLengthPrefixed(out, c.schema.name);
    out->push_back(static_cast<char>(c.schema.type));
    out->push_back(c.range ? 1 : 0);
    if (c.range) {
      PutFixed64(out, static_cast<uint64_t>(c.range->min));
      PutFixed64(out, static_cast<uint64_t>(c.range->max));
    }
    PutVarint64(out, c.blocks.size());
    for (const BlockHandle& h : c.blocks) PutHandle(h, out);
    out->push_back(c.term_index ? 1 : 0);
    if (c.term_index) PutHandle(*c.term_index, out);
  }
}

Result<ExtentFooter> DecodeFooter(std::string_view data) {
  ByteReader in(data);
  ExtentFooter footer;
  uint8_t version;
  uint64_t columns;
  if (!in.GetU8(&version) || version != kExtentVersion || !in.GetVarint64(&footer.rows) ||
      !in.GetVarint64(&footer.block_rows) || !in.GetVarint64(&columns) || columns > data.size()) {
    return Corruption("malformed extent footer header");
  }
  footer.columns.resize(columns);
  for (ColumnFooter& c : footer.columns) {
    std::string_view name;
    uint8_t type, has_range, has_index;
    uint64_t blocks;
    if (!in.GetLengthPrefixed(&name) || !in.GetU8(&type) || type == 0 ||
        type > static_cast<uint8_t>(TypeKind::kDynamic) || !in.GetU8(&has_range)) {
      return Corruption("malformed extent footer column");
    }
    c.schema = {std::string(name), static_cast<TypeKind>(type)};
    if (has_range) {
      uint64_t min, max;
      if (!in.GetFixed64(&min) || !in.GetFixed64(&max)) return Corruption("malformed range");
      c.range = IntRange{static_cast<int64_t>(min), static_cast<int64_t>(max)};
    }
    if (!in.GetVarint64(&blocks) || blocks > data.size()) {
      return Corruption("malformed block count");
    }
    c.blocks.resize(blocks);
    for (BlockHandle& h : c.blocks) {
      if (!GetHandle(&in, &h)) return Corruption("malformed block handle");
    }
    if (!in.GetU8(&has_index)) return Corruption("malformed extent footer column");
    if (has_index) {
      BlockHandle h;
      if (!GetHandle(&in, &h)) return Corruption("malformed term index handle");
      c.term_index = h;
    }
  }
  return footer;
}

}  // namespace huntbook::storage
