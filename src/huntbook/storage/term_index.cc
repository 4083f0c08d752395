#include "huntbook/storage/term_index.h"

#include <roaring/roaring.h>

#include <algorithm>

#include "huntbook/common/term.h"
#include "huntbook/storage/coding.h"

namespace huntbook::storage {
namespace {

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

struct BitmapDeleter {
  void operator()(roaring_bitmap_t* b) const { roaring_bitmap_free(b); }
};
using Bitmap = std::unique_ptr<roaring_bitmap_t, BitmapDeleter>;

// Posting encodings (docs/formats/term_index.md): short lists as varint deltas, longer
// ones as portable roaring bitmaps.
constexpr uint8_t kPostingList = 0;
constexpr uint8_t kPostingRoaring = 1;
constexpr size_t kMaxListPostings = 16;

std::vector<uint32_t> ToVector(const roaring_bitmap_t* bitmap) {
  std::vector<uint32_t> rows(roaring_bitmap_get_cardinality(bitmap));
  if (!rows.empty()) roaring_bitmap_to_uint32_array(bitmap, rows.data());
  return rows;
}

}  // namespace

std::optional<std::string> NormalizeLookupTerm(std::string_view term) {
  if (term.size() < kMinIndexedTermLength) return std::nullopt;
  std::string lowered(term.size(), '\0');
  for (size_t i = 0; i < term.size(); ++i) {
    if (!IsTermChar(static_cast<unsigned char>(term[i]))) return std::nullopt;
    lowered[i] = LowerAscii(term[i]);
  }
  if (lowered.size() > kMaxIndexedTermLength) lowered.resize(kMaxIndexedTermLength);
  return lowered;
}

TermIndexBuilder::TermIndexBuilder() : term_offsets_{0}, slots_(1024) {}

uint32_t TermIndexBuilder::TermId(std::string_view lowered, uint64_t hash) {
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    auto& [slot_hash, slot_id] = slots_[i];
    if (slot_id == 0) {
      uint32_t id = static_cast<uint32_t>(term_offsets_.size() - 1);
      arena_.append(lowered);
      term_offsets_.push_back(static_cast<uint32_t>(arena_.size()));
      slot_hash = hash;
      slot_id = id + 1;
      if ((term_offsets_.size() - 1) * 2 > slots_.size()) Grow();
      return id;
    }
    if (slot_hash == hash) {
      uint32_t id = slot_id - 1;
      std::string_view term(arena_.data() + term_offsets_[id],
                            term_offsets_[id + 1] - term_offsets_[id]);
      if (term == lowered) return id;
    }
  }
}

void TermIndexBuilder::Grow() {
  std::vector<std::pair<uint64_t, uint32_t>> old(slots_.size() * 2);
  old.swap(slots_);
  const size_t mask = slots_.size() - 1;
  for (const auto& [hash, id] : old) {
    if (id == 0) continue;
    size_t i = hash & mask;
    while (slots_[i].second != 0) i = (i + 1) & mask;
    slots_[i] = {hash, id};
  }
}

void TermIndexBuilder::Add(uint32_t row, std::string_view text) {
  ForEachTerm(text, [&](std::string_view term) {
    if (term.size() < kMinIndexedTermLength) return;
    size_t n = std::min(term.size(), kMaxIndexedTermLength);
    scratch_.resize(n);
    for (size_t i = 0; i < n; ++i) scratch_[i] = LowerAscii(term[i]);
    uint32_t id = TermId(scratch_, Checksum(scratch_));
    occurrences_.emplace_back(id, row);
  });
}

std::string TermIndexBuilder::Finish() {
  const uint32_t terms = static_cast<uint32_t>(term_offsets_.size() - 1);
  // Counting sort of the occurrences by term id; rows stay ascending within a term.
  std::vector<uint32_t> starts(terms + 1, 0);
  for (const auto& [id, row] : occurrences_) ++starts[id + 1];
  for (uint32_t t = 0; t < terms; ++t) starts[t + 1] += starts[t];
  std::vector<uint32_t> rows(occurrences_.size());
  {
    std::vector<uint32_t> next(starts.begin(), starts.end() - 1);
    for (const auto& [id, row] : occurrences_) rows[next[id]++] = row;
  }
  occurrences_.clear();
  occurrences_.shrink_to_fit();
  auto term = [&](uint32_t id) {
    return std::string_view(arena_.data() + term_offsets_[id],
                            term_offsets_[id + 1] - term_offsets_[id]);
  };
  std::vector<uint32_t> order(terms);
  for (uint32_t t = 0; t < terms; ++t) order[t] = t;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return term(a) < term(b); });

  std::string directory, postings, serialized;
  PutVarint64(&directory, terms);
  std::vector<uint32_t> unique_rows;
  for (uint32_t id : order) {
    unique_rows.clear();
    for (uint32_t k = starts[id]; k < starts[id + 1]; ++k) {
      if (unique_rows.empty() || unique_rows.back() != rows[k]) unique_rows.push_back(rows[k]);
    }
    PutLengthPrefixed(&directory, term(id));
    PutVarint64(&directory, postings.size());
    const size_t begin = postings.size();
    if (unique_rows.size() <= kMaxListPostings) {
      postings.push_back(static_cast<char>(kPostingList));
      PutVarint64(&postings, unique_rows.size());
      uint32_t previous = 0;
      for (uint32_t r : unique_rows) {
        PutVarint64(&postings, r - previous);
        previous = r;
      }
    } else {
      Bitmap bitmap(roaring_bitmap_of_ptr(unique_rows.size(), unique_rows.data()));
      roaring_bitmap_run_optimize(bitmap.get());
      serialized.resize(roaring_bitmap_portable_size_in_bytes(bitmap.get()));
      size_t n = roaring_bitmap_portable_serialize(bitmap.get(), serialized.data());
      postings.push_back(static_cast<char>(kPostingRoaring));
      postings.append(serialized.data(), n);
    }
    PutVarint64(&directory, postings.size() - begin);
  }
  *this = TermIndexBuilder();
  std::string out;
  PutVarint64(&out, directory.size());
  out += directory;
  out += postings;
  return out;
}

Result<std::unique_ptr<TermIndex>> TermIndex::Parse(std::string data) {
  std::unique_ptr<TermIndex> index(new TermIndex());
  index->data_ = std::move(data);
  ByteReader in(index->data_);
  uint64_t directory_size, count;
  std::string_view directory_bytes;
  if (!in.GetVarint64(&directory_size) || !in.GetBytes(directory_size, &directory_bytes)) {
    return Corruption("malformed term index header");
  }
  std::string_view postings = in.rest();
  ByteReader dir(directory_bytes);
  if (!dir.GetVarint64(&count) || count > directory_bytes.size()) {
    return Corruption("malformed term index directory");
  }
  index->entries_.reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    std::string_view term;
    uint64_t offset, length;
    if (!dir.GetLengthPrefixed(&term) || !dir.GetVarint64(&offset) || !dir.GetVarint64(&length) ||
        offset > postings.size() || length > postings.size() - offset) {
      return Corruption("malformed term index entry");
    }
    if (!index->entries_.empty() && !(index->entries_.back().term < term)) {
      return Corruption("term index terms out of order");
    }
    index->entries_.push_back({term, postings.substr(offset, length)});
  }
  return index;
}

namespace {

// Adds the rows of one posting to *bitmap; false when malformed.
bool AddPosting(std::string_view posting, roaring_bitmap_t* bitmap) {
  ByteReader in(posting);
  uint8_t kind;
  if (!in.GetU8(&kind)) return false;
  if (kind == kPostingRoaring) {
    std::string_view rest = in.rest();
    Bitmap rows(roaring_bitmap_portable_deserialize_safe(rest.data(), rest.size()));
    if (!rows) return false;
    roaring_bitmap_or_inplace(bitmap, rows.get());
    return true;
  }
  uint64_t count, delta, row = 0;
  if (kind != kPostingList || !in.GetVarint64(&count) || count > posting.size()) return false;
  for (uint64_t i = 0; i < count; ++i) {
    if (!in.GetVarint64(&delta)) return false;
    row += delta;
    if (row > UINT32_MAX) return false;
    roaring_bitmap_add(bitmap, static_cast<uint32_t>(row));
  }
  return true;
}

}  // namespace

std::vector<uint32_t> TermIndex::RowsWithTerm(std::string_view term) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), term,
                             [](const Entry& e, std::string_view t) { return e.term < t; });
  if (it == entries_.end() || it->term != term) return {};
  Bitmap result(roaring_bitmap_create());
  if (!AddPosting(it->postings, result.get())) return {};
  return ToVector(result.get());
}

std::vector<uint32_t> TermIndex::RowsWithPrefix(std::string_view prefix) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), prefix,
                             [](const Entry& e, std::string_view t) { return e.term < t; });
  Bitmap result(roaring_bitmap_create());
  for (; it != entries_.end() && it->term.substr(0, prefix.size()) == prefix; ++it) {
    (void)AddPosting(it->postings, result.get());
  }
  return ToVector(result.get());
}

}  // namespace huntbook::storage
