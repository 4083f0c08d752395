// join: hash join on equality keys, all nine kinds.
// https://learn.microsoft.com/kusto/query/join-operator
#include <unordered_map>

#include "huntbook/exec/chunks.h"

namespace huntbook::exec {

namespace {

using planner::JoinKind;

std::vector<ColumnPtr> KeyColumns(const Table& table, const std::vector<int>& keys) {
  std::vector<ColumnPtr> out;
  for (int k : keys) out.push_back(table.columns[k]);
  return out;
}

// A null key never matches (neither side's nulls join).
bool HasNullKey(const std::vector<ColumnPtr>& keys, size_t row) {
  for (const ColumnPtr& column : keys) {
    if (column->IsNull(At(*column, row))) return true;
  }
  return false;
}

void AppendRow(const Table& source, size_t row, std::vector<std::shared_ptr<Column>>& out,
               size_t offset) {
  for (size_t c = 0; c < source.columns.size(); ++c) {
    out[offset + c]->AppendFrom(*source.columns[c], At(*source.columns[c], row));
  }
}

void AppendNulls(size_t count, std::vector<std::shared_ptr<Column>>& out, size_t offset) {
  for (size_t c = 0; c < count; ++c) out[offset + c]->AppendNull();
}

}  // namespace

Result<Chunks> Runner::Join(const planner::PlanNode& node, Chunks left_chunks,
                            Chunks right_chunks) {
  const auto& left_schema = node.children[0]->schema;
  const auto& right_schema = node.children[1]->schema;
  Table left = Concatenate(left_chunks, left_schema);
  Table right = Concatenate(right_chunks, right_schema);
  if (left_chunks.empty()) left = Concatenate({}, left_schema);
  if (right_chunks.empty()) right = Concatenate({}, right_schema);
  std::vector<ColumnPtr> left_keys = KeyColumns(left, node.left_keys);
  std::vector<ColumnPtr> right_keys = KeyColumns(right, node.right_keys);

  // innerunique: the left side is first deduplicated by key (one arbitrary row kept).
  std::vector<uint32_t> left_rows;
  {
    std::unordered_map<std::string, bool> seen;
    std::string key;
    for (size_t i = 0; i < left.rows; ++i) {
      if (node.join_kind == JoinKind::kInnerUnique) {
        key.clear();
        AppendRowKey(left_keys, i, &key);
        if (!seen.try_emplace(key, true).second) continue;
      }
      left_rows.push_back(static_cast<uint32_t>(i));
    }
  }
  std::unordered_map<std::string, std::vector<uint32_t>> right_index;
  std::string key;
  for (size_t i = 0; i < right.rows; ++i) {
    if (HasNullKey(right_keys, i)) continue;
    key.clear();
    AppendRowKey(right_keys, i, &key);
    right_index[key].push_back(static_cast<uint32_t>(i));
  }

  std::vector<std::shared_ptr<Column>> columns;
  for (const ColumnSchema& column : node.schema) {
    columns.push_back(std::make_shared<Column>(column.type));
  }
  std::vector<bool> right_matched(right.rows, false);
  const JoinKind kind = node.join_kind;
  const size_t left_width = left_schema.size();
  for (uint32_t l : left_rows) {
    const std::vector<uint32_t>* matches = nullptr;
    if (!HasNullKey(left_keys, l)) {
      key.clear();
      AppendRowKey(left_keys, l, &key);
      auto it = right_index.find(key);
      if (it != right_index.end()) matches = &it->second;
    }
    switch (kind) {
      case JoinKind::kLeftSemi:
        if (matches) AppendRow(left, l, columns, 0);
        break;
      case JoinKind::kLeftAnti:
        if (!matches) AppendRow(left, l, columns, 0);
        break;
      case JoinKind::kRightSemi:
      case JoinKind::kRightAnti:
        if (matches) {
          for (uint32_t r : *matches) right_matched[r] = true;
        }
        break;
      default:
        if (matches) {
          for (uint32_t r : *matches) {
            right_matched[r] = true;
            AppendRow(left, l, columns, 0);
            AppendRow(right, r, columns, left_width);
          }
        } else if (kind == JoinKind::kLeftOuter || kind == JoinKind::kFullOuter) {
          AppendRow(left, l, columns, 0);
          AppendNulls(right_schema.size(), columns, left_width);
        }
    }
  }
  if (kind == JoinKind::kRightSemi || kind == JoinKind::kRightAnti ||
      kind == JoinKind::kRightOuter || kind == JoinKind::kFullOuter) {
    for (size_t r = 0; r < right.rows; ++r) {
      bool matched = right_matched[r];
      if (kind == JoinKind::kRightSemi && matched) AppendRow(right, r, columns, 0);
      if (kind == JoinKind::kRightAnti && !matched) AppendRow(right, r, columns, 0);
      if ((kind == JoinKind::kRightOuter || kind == JoinKind::kFullOuter) && !matched) {
        AppendNulls(left_width, columns, 0);
        AppendRow(right, r, columns, left_width);
      }
    }
  }
  Table out;
  out.schema = node.schema;
  out.rows = columns.empty() ? 0 : columns[0]->size();
  for (auto& column : columns) out.columns.push_back(column);
  return Chunks{std::move(out)};
}

}  // namespace huntbook::exec
