// evaluate ipv4_lookup / ipv6_lookup: each input row is matched against the lookup table's
// IP ranges (planner::IpLookupSpec).
// https://learn.microsoft.com/kusto/query/ipv4-lookup-plugin
// https://learn.microsoft.com/kusto/query/ipv6-lookup-plugin
//
// Ranges in CIDR notation are either nested or disjoint, so the lookup table is indexed by
// prefix length: one hash map per length present, from the masked network to its rows. A
// probe masks the address to each of those lengths (at most 33 for IPv4, 129 for IPv6) and
// looks it up, so the cost per input row does not grow with the number of ranges.
#include <algorithm>
#include <unordered_map>

#include "huntbook/exec/chunks.h"
#include "huntbook/functions/ip_address.h"
#include "huntbook/planner/operator_spec.h"

namespace huntbook::exec {

namespace {

// An address as a 128-bit number (IPv4 in the low 32 bits).
struct IpKey {
  uint64_t high = 0, low = 0;
  bool operator==(const IpKey&) const = default;
};

struct IpKeyHash {
  size_t operator()(const IpKey& key) const {
    return std::hash<uint64_t>()(key.high * 0x9E3779B97F4A7C15ULL ^ key.low);
  }
};

struct IpRange {
  IpKey network;  // masked to `prefix`
  int prefix = 0;
};

// Keeps the first `prefix` bits of an address of `bits` (32 or 128) bits.
IpKey Mask(IpKey key, int prefix, int bits) {
  if (bits == 32) return {0, key.low & functions::Ipv4Mask(prefix)};
  if (prefix <= 0) return {};
  if (prefix <= 64) return {key.high & (~0ULL << (64 - prefix)), 0};
  if (prefix >= 128) return key;
  return {key.high, key.low & (~0ULL << (128 - prefix))};
}

// The text as a range (an address without a prefix is a range of one).
std::optional<IpRange> ParseRange(std::string_view text, bool ipv6) {
  IpRange range;
  if (!ipv6) {
    std::optional<functions::Ipv4Address> address = functions::ParseIpv4Address(text);
    if (!address) return std::nullopt;
    range.prefix = address->prefix;
    range.network = Mask({0, address->address}, range.prefix, 32);
    return range;
  }
  std::optional<functions::Ipv6Address> address = functions::ParseIpv6Address(text);
  if (!address) return std::nullopt;
  for (int i = 0; i < 8; ++i) {
    range.network.high = range.network.high << 8 | address->bytes[i];
    range.network.low = range.network.low << 8 | address->bytes[8 + i];
  }
  range.prefix = address->prefix;
  range.network = Mask(range.network, range.prefix, 128);
  return range;
}

class RangeIndex {
 public:
  RangeIndex(bool ipv6) : bits_(ipv6 ? 128 : 32) {}

  void Add(const IpRange& range, uint32_t row) {
    auto level = std::find_if(levels_.begin(), levels_.end(),
                              [&](const Level& l) { return l.prefix == range.prefix; });
    if (level == levels_.end()) {
      levels_.push_back({range.prefix, {}});
      level = levels_.end() - 1;
    }
    level->rows[range.network].push_back(row);
  }

  // The rows of every range holding `address` (an address masked by its own prefix),
  // in lookup-table order.
  void Find(IpKey address, std::vector<uint32_t>* rows) const {
    rows->clear();
    for (const Level& level : levels_) {
      auto it = level.rows.find(Mask(address, level.prefix, bits_));
      if (it != level.rows.end()) rows->insert(rows->end(), it->second.begin(), it->second.end());
    }
    if (levels_.size() > 1) std::sort(rows->begin(), rows->end());
  }

 private:
  struct Level {
    int prefix;
    std::unordered_map<IpKey, std::vector<uint32_t>, IpKeyHash> rows;
  };
  int bits_;
  std::vector<Level> levels_;
};

bool HasNull(const std::vector<ColumnPtr>& columns, size_t row) {
  return std::any_of(columns.begin(), columns.end(),
                     [&](const ColumnPtr& c) { return c->IsNull(At(*c, row)); });
}

}  // namespace

Result<Chunks> Runner::IpLookup(const planner::PlanNode& node, Chunks input, Chunks lookup_chunks) {
  const auto& spec = static_cast<const planner::IpLookupSpec&>(*node.spec);
  Table lookup = Concatenate(lookup_chunks, node.children[1]->schema);
  std::vector<ColumnPtr> lookup_extra;
  for (const auto& key : spec.extra_keys) lookup_extra.push_back(lookup.columns[key.second]);
  RangeIndex index(spec.ipv6);
  std::vector<std::string> lookup_extra_keys(lookup.rows);
  const Column& ranges = *lookup.columns[spec.lookup_key];
  for (size_t row = 0; row < lookup.rows; ++row) {
    size_t i = At(ranges, row);
    if (ranges.IsNull(i) || HasNull(lookup_extra, row)) continue;
    std::optional<IpRange> range = ParseRange(ranges.GetString(i), spec.ipv6);
    if (!range) continue;  // not an address: matches nothing
    index.Add(*range, static_cast<uint32_t>(row));
    AppendRowKey(lookup_extra, row, &lookup_extra_keys[row]);
  }
  Chunks out(input.size());
  Status status = ParallelFor(input.size(), threads_, [&](size_t c) -> Status {
    RETURN_IF_ERROR(CheckCancelled());
    const Table& chunk = input[c];
    const Column& addresses = *chunk.columns[spec.source_key];
    std::vector<ColumnPtr> extra;
    for (const auto& key : spec.extra_keys) extra.push_back(chunk.columns[key.first]);
    std::vector<uint32_t> left_rows, matches;
    std::vector<int64_t> right_rows;  // -1: unmatched
    std::string extra_key;
    for (size_t row = 0; row < chunk.rows; ++row) {
      size_t i = At(addresses, row);
      matches.clear();
      std::optional<IpRange> address;
      if (!addresses.IsNull(i) && !HasNull(extra, row)) {
        address = ParseRange(addresses.GetString(i), spec.ipv6);
      }
      if (address) {
        index.Find(address->network, &matches);
        if (!extra.empty()) {
          extra_key.clear();
          AppendRowKey(extra, row, &extra_key);
          std::erase_if(matches, [&](uint32_t m) { return lookup_extra_keys[m] != extra_key; });
        }
      }
      for (uint32_t m : matches) {
        left_rows.push_back(static_cast<uint32_t>(row));
        right_rows.push_back(m);
      }
      if (matches.empty() && spec.return_unmatched) {
        left_rows.push_back(static_cast<uint32_t>(row));
        right_rows.push_back(-1);
      }
    }
    Table result = TakeRows(chunk, left_rows);
    result.schema = node.schema;
    for (int column : spec.lookup_columns) {
      const Column& source = *lookup.columns[column];
      auto values = std::make_shared<Column>(source.type());
      values->Reserve(right_rows.size());
      for (int64_t r : right_rows) {
        if (r < 0) {
          values->AppendNull();
        } else {
          values->AppendFrom(source, At(source, static_cast<size_t>(r)));
        }
      }
      result.columns.push_back(values);
    }
    out[c] = std::move(result);
    return Status::OK();
  });
  RETURN_IF_ERROR(status);
  return out;
}

}  // namespace huntbook::exec
