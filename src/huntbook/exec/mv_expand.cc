// mv-expand: one output row per element of the expanded arrays (zipped when several).
// https://learn.microsoft.com/kusto/query/mv-expand-operator
#include "huntbook/exec/chunks.h"
#include "huntbook/functions/conversion.h"

namespace huntbook::exec {

namespace {

// The elements one value expands to: array items; for a property bag, one single-property
// bag per property (bagexpansion=bag); an empty array/bag gives none; any other value
// (incl. null) is kept as a single element.
std::vector<Dynamic> Elements(const Column& column, size_t row, bool bag_as_array) {
  if (column.IsNull(row)) return {Dynamic()};
  const Dynamic& value = column.GetDynamic(row);
  if (value.is_array()) return value.array();
  if (value.is_object()) {
    std::vector<Dynamic> out;
    for (const auto& member : value.object()) {
      out.push_back(bag_as_array
                        ? Dynamic::MakeArray({Dynamic::String(member.first), member.second})
                        : Dynamic::MakeObject({member}));
    }
    return out;
  }
  return {value};
}

}  // namespace

Result<Chunks> Runner::MvExpand(const planner::PlanNode& node, Chunks input) {
  RETURN_IF_ERROR(ParallelFor(input.size(), threads_, [&](size_t index) -> Status {
    Table& chunk = input[index];
    std::vector<uint32_t> source_rows;
    auto item_index = node.with_item_index ? std::make_shared<Column>(TypeKind::kLong) : nullptr;
    std::vector<std::shared_ptr<Column>> expanded;
    for (size_t e = 0; e < node.expansions.size(); ++e) {
      expanded.push_back(std::make_shared<Column>(TypeKind::kDynamic));
    }
    for (size_t row = 0; row < chunk.rows; ++row) {
      std::vector<std::vector<Dynamic>> lists;
      size_t count = 0;
      for (const planner::MvExpandSpec& spec : node.expansions) {
        const Column& source = *chunk.columns[spec.column];
        lists.push_back(Elements(source, At(source, row), node.bag_as_array));
        count = std::max(count, lists.back().size());
      }
      if (node.expand_limit >= 0) count = std::min<size_t>(count, node.expand_limit);
      for (size_t k = 0; k < count; ++k) {
        source_rows.push_back(static_cast<uint32_t>(row));
        if (item_index) item_index->AppendInt(static_cast<int64_t>(k));
        for (size_t e = 0; e < lists.size(); ++e) {
          expanded[e]->AppendDynamic(k < lists[e].size() ? lists[e][k] : Dynamic());
        }
      }
    }
    Table out = TakeRows(chunk, source_rows);
    for (size_t e = 0; e < node.expansions.size(); ++e) {
      const planner::MvExpandSpec& spec = node.expansions[e];
      out.columns[spec.column] = spec.to_type == TypeKind::kDynamic
                                     ? ColumnPtr(expanded[e])
                                     : functions::CastColumn(*expanded[e], spec.to_type);
    }
    if (item_index) out.columns.push_back(item_index);
    out.schema = node.schema;
    chunk = std::move(out);
    return Status::OK();
  }));
  return input;
}

}  // namespace huntbook::exec
