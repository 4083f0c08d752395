// summarize: per-chunk partial aggregation in parallel, then a merge of partial states.
// https://learn.microsoft.com/kusto/query/summarize-operator
#include <unordered_map>

#include "huntbook/exec/chunks.h"
#include "huntbook/expression/evaluator.h"

namespace huntbook::exec {

namespace {

// The partial result of one chunk: its distinct keys and one Aggregator per aggregate.
struct Partial {
  std::vector<ColumnPtr> key_columns;     // evaluated keys of the chunk
  std::vector<uint32_t> group_first_row;  // a row of each group, for its key values
  std::vector<std::string> group_keys;    // serialized key of each group
  std::vector<std::unique_ptr<functions::Aggregator>> aggregators;
};

std::vector<std::unique_ptr<functions::Aggregator>> NewAggregators(const planner::PlanNode& node) {
  std::vector<std::unique_ptr<functions::Aggregator>> out;
  for (const planner::AggregateSpec& spec : node.aggregates) {
    out.push_back(spec.function->create(spec.arg_types));
  }
  return out;
}

Status Aggregate(const planner::PlanNode& node, const Table& chunk,
                 const functions::EvalContext& context, Partial* partial) {
  for (const auto& key : node.keys) {
    ASSIGN_OR_RETURN(ColumnPtr column, expression::Evaluate(*key, chunk, context));
    partial->key_columns.push_back(std::move(column));
  }
  std::vector<uint32_t> group_ids(chunk.rows);
  const Column* single = node.keys.size() == 1 && partial->key_columns[0]->size() == chunk.rows
                             ? partial->key_columns[0].get()
                             : nullptr;
  auto new_group = [&](size_t row) {
    partial->group_first_row.push_back(static_cast<uint32_t>(row));
    std::string key;
    AppendRowKey(partial->key_columns, row, &key);
    partial->group_keys.push_back(std::move(key));
  };
  if (single != nullptr && IsIntegerStored(single->type()) && !single->has_nulls()) {
    // One integer key (EventID, bin(TimeGenerated, 1h)): hash the raw values.
    std::unordered_map<int64_t, uint32_t> groups;
    const int64_t* values = single->ints().data();
    for (size_t i = 0; i < chunk.rows; ++i) {
      auto [it, inserted] = groups.try_emplace(values[i], static_cast<uint32_t>(groups.size()));
      if (inserted) new_group(i);
      group_ids[i] = it->second;
    }
  } else if (single != nullptr && IsStringStored(single->type())) {
    // One string key: hash views into the key column (strings are never null).
    std::unordered_map<std::string_view, uint32_t> groups;
    for (size_t i = 0; i < chunk.rows; ++i) {
      auto [it, inserted] =
          groups.try_emplace(single->GetString(i), static_cast<uint32_t>(groups.size()));
      if (inserted) new_group(i);
      group_ids[i] = it->second;
    }
  } else if (node.keys.empty()) {
    partial->group_first_row.push_back(0);
    partial->group_keys.emplace_back();
  } else {
    std::unordered_map<std::string, uint32_t> groups;
    std::string key;
    for (size_t i = 0; i < chunk.rows; ++i) {
      key.clear();
      AppendRowKey(partial->key_columns, i, &key);
      auto [it, inserted] = groups.try_emplace(key, static_cast<uint32_t>(groups.size()));
      if (inserted) {
        partial->group_first_row.push_back(static_cast<uint32_t>(i));
        partial->group_keys.push_back(key);
      }
      group_ids[i] = it->second;
    }
  }
  partial->aggregators = NewAggregators(node);
  for (size_t a = 0; a < node.aggregates.size(); ++a) {
    const planner::AggregateSpec& spec = node.aggregates[a];
    std::vector<ColumnPtr> args;
    for (const auto& arg : spec.args) {
      ASSIGN_OR_RETURN(ColumnPtr column, expression::Evaluate(*arg, chunk, context));
      args.push_back(std::move(column));
    }
    functions::Aggregator& aggregator = *partial->aggregators[a];
    aggregator.Resize(partial->group_first_row.size());
    if (chunk.rows > 0) {
      RETURN_IF_ERROR(aggregator.Update(args, group_ids.data(), chunk.rows));
    }
  }
  return Status::OK();
}

}  // namespace

Result<Chunks> Runner::Summarize(const planner::PlanNode& node, Chunks input) {
  std::vector<Partial> partials(input.size());
  RETURN_IF_ERROR(ParallelFor(input.size(), threads_, [&](size_t i) -> Status {
    RETURN_IF_ERROR(CheckCancelled());
    return Aggregate(node, input[i], options_.context, &partials[i]);
  }));
  // Merge: global groups in order of first appearance.
  std::unordered_map<std::string, uint32_t> groups;
  std::vector<std::pair<size_t, uint32_t>> group_source;  // (partial, row) of each group
  auto merged = NewAggregators(node);
  for (size_t p = 0; p < partials.size(); ++p) {
    Partial& partial = partials[p];
    if (partial.key_columns.empty() && !node.keys.empty()) continue;
    std::vector<uint32_t> map(partial.group_keys.size());
    for (size_t g = 0; g < partial.group_keys.size(); ++g) {
      if (!node.keys.empty() && input[p].rows == 0) continue;
      auto [it, inserted] =
          groups.try_emplace(partial.group_keys[g], static_cast<uint32_t>(groups.size()));
      if (inserted) group_source.push_back({p, partial.group_first_row[g]});
      map[g] = it->second;
    }
    if (!node.keys.empty() && input[p].rows == 0) continue;
    for (size_t a = 0; a < merged.size(); ++a) {
      merged[a]->Resize(groups.size());
      RETURN_IF_ERROR(merged[a]->Merge(*partial.aggregators[a], map.data()));
    }
  }
  size_t group_count = groups.size();
  if (node.keys.empty()) {
    // No `by`: exactly one row, with each aggregate's empty-input default if no rows came.
    group_count = 1;
    for (auto& aggregator : merged) aggregator->Resize(1);
  }
  Table out;
  out.schema = node.schema;
  out.rows = group_count;
  for (size_t k = 0; k < node.keys.size(); ++k) {
    auto column = std::make_shared<Column>(node.schema[k].type);
    column->Reserve(group_count);
    for (const auto& [p, row] : group_source) {
      const Column& source = *partials[p].key_columns[k];
      column->AppendFrom(source, At(source, row));
    }
    out.columns.push_back(column);
  }
  for (size_t a = 0; a < merged.size(); ++a) {
    ASSIGN_OR_RETURN(std::vector<ColumnPtr> columns, merged[a]->Finalize());
    if (columns.size() != node.aggregates[a].output_count) {
      return Internal("aggregate returned an unexpected number of columns");
    }
    for (ColumnPtr& column : columns) out.columns.push_back(std::move(column));
  }
  for (size_t c = 0; c < out.columns.size(); ++c) {
    if (out.columns[c]->size() != group_count) {
      return Internal("aggregate column '" + out.schema[c].name + "' has the wrong size");
    }
  }
  return Chunks{std::move(out)};
}

}  // namespace huntbook::exec
