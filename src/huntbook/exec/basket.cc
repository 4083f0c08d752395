// evaluate basket: the closed frequent patterns of the input (planner::BasketSpec).
// https://learn.microsoft.com/kusto/query/basket-plugin
//
// An item is one value of one attribute column (nulls and empty strings are no item: they
// read as the default wildcard). Frequent patterns are found depth first over row lists
// (Eclat): a pattern's rows are the intersection of its items' sorted row lists, so the
// work follows the number of frequent patterns, bounded by MaxDimensions. A pattern is
// reported when no pattern with one more item has the same weight (it is closed): a value
// that always comes with another is reported with it, not alone. Kusto finds the frequent
// values on a sample; here every row counts, so the result is exact.
//
// Rows are ordered by Count (descending), then by fewer fixed columns, then by the items'
// first appearance; SegmentId numbers them from 0. Kusto documents no order.
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "huntbook/exec/chunks.h"
#include "huntbook/planner/operator_spec.h"

namespace huntbook::exec {

namespace {

// More frequent patterns than this is an error rather than an answer nobody can read.
constexpr size_t kMaxPatterns = 1'000'000;

struct Item {
  int column;
  uint32_t first_row;          // a row holding the value
  std::vector<uint32_t> rows;  // ascending
};

struct Pattern {
  std::vector<uint32_t> items;  // item ids, ascending (so by column)
  double weight;
};

class Miner {
 public:
  Miner(const std::vector<Item>& items, const std::vector<double>& weights, double min_weight,
        size_t max_dimensions)
      : items_(items),
        weights_(weights),
        min_weight_(min_weight),
        max_dimensions_(max_dimensions) {}

  // Extends `prefix` (whose rows are `rows`) by each item of `candidates` in turn.
  Status Expand(const std::vector<uint32_t>& prefix,
                const std::vector<std::pair<uint32_t, std::vector<uint32_t>>>& candidates) {
    for (size_t a = 0; a < candidates.size(); ++a) {
      const auto& [item, rows] = candidates[a];
      std::vector<uint32_t> pattern = prefix;
      pattern.push_back(item);
      patterns_.push_back({pattern, Weight(rows)});
      if (patterns_.size() > kMaxPatterns) {
        return Status(StatusCode::kResourceExhausted,
                      "basket: more than 1000000 frequent patterns; raise the threshold or "
                      "lower MaxDimensions");
      }
      if (pattern.size() >= max_dimensions_) continue;
      std::vector<std::pair<uint32_t, std::vector<uint32_t>>> next;
      for (size_t b = a + 1; b < candidates.size(); ++b) {
        const auto& [other, other_rows] = candidates[b];
        if (items_[other].column == items_[item].column) continue;
        std::vector<uint32_t> both;
        std::set_intersection(rows.begin(), rows.end(), other_rows.begin(), other_rows.end(),
                              std::back_inserter(both));
        if (Weight(both) >= min_weight_) next.push_back({other, std::move(both)});
      }
      if (!next.empty()) RETURN_IF_ERROR(Expand(pattern, next));
    }
    return Status::OK();
  }

  double Weight(const std::vector<uint32_t>& rows) const {
    double sum = 0;
    for (uint32_t row : rows) sum += weights_[row];
    return sum;
  }

  std::vector<Pattern>& patterns() { return patterns_; }

 private:
  const std::vector<Item>& items_;
  const std::vector<double>& weights_;
  double min_weight_;
  size_t max_dimensions_;
  std::vector<Pattern> patterns_;
};

std::string ItemsKey(const std::vector<uint32_t>& items) {
  return std::string(reinterpret_cast<const char*>(items.data()), items.size() * sizeof(uint32_t));
}

}  // namespace

Result<Chunks> Runner::Basket(const planner::PlanNode& node, Chunks input) {
  const auto& spec = static_cast<const planner::BasketSpec&>(*node.spec);
  const std::vector<ColumnSchema>& input_schema = node.children[0]->schema;
  Table table = Concatenate(input, input_schema);
  std::vector<double> weights(table.rows, 1.0);
  if (spec.weight_column >= 0) {
    const Column& column = *table.columns[spec.weight_column];
    for (size_t row = 0; row < table.rows; ++row) {
      size_t i = At(column, row);
      weights[row] = column.IsNull(i) ? 0.0 : column.Get(i).AsDouble();
    }
  }
  double total = 0;
  for (double w : weights) total += w;
  // Items: the distinct values of each attribute column, with their rows.
  std::vector<Item> items;
  std::string key;
  for (size_t c = 0; c < input_schema.size(); ++c) {
    if (!spec.attributes[c]) continue;
    const ColumnPtr& column = table.columns[c];
    std::unordered_map<std::string, uint32_t> ids;
    for (size_t row = 0; row < table.rows; ++row) {
      size_t i = At(*column, row);
      if (column->IsNull(i)) continue;
      if (IsStringStored(column->type()) && column->GetString(i).empty()) continue;
      key.clear();
      AppendRowKey({column}, row, &key);
      auto [it, added] = ids.try_emplace(key, static_cast<uint32_t>(items.size()));
      if (added) items.push_back({static_cast<int>(c), static_cast<uint32_t>(row), {}});
      items[it->second].rows.push_back(static_cast<uint32_t>(row));
    }
    RETURN_IF_ERROR(CheckCancelled());
  }
  const double min_weight = spec.threshold * total;
  Miner miner(items, weights, min_weight, static_cast<size_t>(spec.max_dimensions));
  std::vector<std::pair<uint32_t, std::vector<uint32_t>>> frequent;
  for (size_t id = 0; id < items.size(); ++id) {
    if (total > 0 && miner.Weight(items[id].rows) >= min_weight) {
      frequent.push_back({static_cast<uint32_t>(id), items[id].rows});
    }
  }
  RETURN_IF_ERROR(miner.Expand({}, frequent));
  std::vector<Pattern>& patterns = miner.patterns();
  // Closed patterns: drop a pattern when removing one item of a pattern with the same
  // weight gives it.
  std::unordered_map<std::string, size_t> by_items;
  for (size_t p = 0; p < patterns.size(); ++p) {
    std::sort(patterns[p].items.begin(), patterns[p].items.end());
    by_items[ItemsKey(patterns[p].items)] = p;
  }
  std::vector<bool> closed(patterns.size(), true);
  for (const Pattern& pattern : patterns) {
    for (size_t drop = 0; pattern.items.size() > 1 && drop < pattern.items.size(); ++drop) {
      std::vector<uint32_t> subset = pattern.items;
      subset.erase(subset.begin() + static_cast<std::ptrdiff_t>(drop));
      auto it = by_items.find(ItemsKey(subset));
      if (it != by_items.end() && patterns[it->second].weight == pattern.weight) {
        closed[it->second] = false;
      }
    }
  }
  std::vector<size_t> order;
  for (size_t p = 0; p < patterns.size(); ++p) {
    if (closed[p]) order.push_back(p);
  }
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const Pattern& x = patterns[a];
    const Pattern& y = patterns[b];
    if (x.weight != y.weight) return x.weight > y.weight;
    if (x.items.size() != y.items.size()) return x.items.size() < y.items.size();
    return x.items < y.items;
  });
  // Output: SegmentId, Count, Percent, then each input column's value or wildcard.
  Table out;
  out.schema = node.schema;
  out.rows = order.size();
  auto segment = std::make_shared<Column>(TypeKind::kLong);
  auto count = std::make_shared<Column>(TypeKind::kLong);
  auto percent = std::make_shared<Column>(TypeKind::kReal);
  std::vector<std::shared_ptr<Column>> values;
  for (const ColumnSchema& column : input_schema) {
    values.push_back(std::make_shared<Column>(column.type));
  }
  for (size_t n = 0; n < order.size(); ++n) {
    const Pattern& pattern = patterns[order[n]];
    segment->AppendInt(static_cast<int64_t>(n));
    count->AppendInt(std::llround(pattern.weight));
    percent->AppendReal(100.0 * pattern.weight / total);
    std::vector<int> fixed(input_schema.size(), -1);
    for (uint32_t id : pattern.items) fixed[items[id].column] = static_cast<int>(id);
    for (size_t c = 0; c < input_schema.size(); ++c) {
      if (fixed[c] < 0) {
        values[c]->Append(spec.wildcards[c]);
      } else {
        const Column& source = *table.columns[c];
        values[c]->AppendFrom(source, At(source, items[fixed[c]].first_row));
      }
    }
  }
  out.columns = {segment, count, percent};
  out.columns.insert(out.columns.end(), values.begin(), values.end());
  return Chunks{std::move(out)};
}

}  // namespace huntbook::exec
