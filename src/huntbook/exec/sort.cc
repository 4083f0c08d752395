// sort and top: Kusto's ordering (descending by default; nulls first when ascending and
// last when descending, NaN beside null).
// https://learn.microsoft.com/kusto/query/sort-operator
// https://learn.microsoft.com/kusto/query/top-operator
#include <algorithm>
#include <cmath>
#include <numeric>

#include "huntbook/exec/chunks.h"
#include "huntbook/expression/evaluator.h"

namespace huntbook::exec {

namespace {

// -1, 0, 1 comparing two non-null rows of one column; NaN sorts below every number.
int CompareValues(const Column& c, size_t a, size_t b) {
  TypeKind type = c.type();
  if (IsIntegerStored(type)) {
    int64_t x = c.GetInt(a), y = c.GetInt(b);
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  if (IsRealStored(type)) {
    double x = c.GetReal(a), y = c.GetReal(b);
    bool nx = std::isnan(x), ny = std::isnan(y);
    if (nx || ny) return nx == ny ? 0 : (nx ? -1 : 1);
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  if (IsStringStored(type)) {
    int r = c.GetString(a).compare(c.GetString(b));
    return r < 0 ? -1 : (r > 0 ? 1 : 0);
  }
  int r = c.GetDynamic(a).ToJson().compare(c.GetDynamic(b).ToJson());
  return r < 0 ? -1 : (r > 0 ? 1 : 0);
}

// 0 = null, 1 = NaN, 2 = a value. Null and NaN always sit together, on the nulls' side,
// NaN nearer the values (sort-operator doc, "nulls first/last").
int SortClass(const Column& c, size_t i) {
  if (c.IsNull(i) || (c.type() == TypeKind::kDynamic && c.GetDynamic(i).is_null())) return 0;
  if (IsRealStored(c.type()) && std::isnan(c.GetReal(i))) return 1;
  return 2;
}

}  // namespace

Result<Chunks> Runner::Sort(const planner::PlanNode& node, Chunks input) {
  // top N: each chunk keeps its own best N first (the per-extent part), then the merge.
  if (node.kind == planner::PlanKind::kTop && input.size() > 1) {
    planner::PlanNode single = node;
    RETURN_IF_ERROR(ParallelFor(input.size(), threads_, [&](size_t i) -> Status {
      Runner runner(options_);
      runner.threads_ = 1;
      ASSIGN_OR_RETURN(Chunks sorted, runner.Sort(single, Chunks{std::move(input[i])}));
      input[i] = std::move(sorted[0]);
      return Status::OK();
    }));
  }
  Table table = Concatenate(input, node.schema);
  if (input.empty()) return Chunks{};
  std::vector<ColumnPtr> keys;
  for (const planner::SortSpec& spec : node.sort_keys) {
    ASSIGN_OR_RETURN(ColumnPtr column, expression::Evaluate(*spec.expr, table, options_.context));
    keys.push_back(std::move(column));
  }
  std::vector<uint32_t> order(table.rows);
  std::iota(order.begin(), order.end(), 0);
  auto less = [&](uint32_t a, uint32_t b) {
    for (size_t k = 0; k < keys.size(); ++k) {
      const Column& c = *keys[k];
      const planner::SortSpec& spec = node.sort_keys[k];
      size_t ia = At(c, a), ib = At(c, b);
      int ca = SortClass(c, ia), cb = SortClass(c, ib);
      if (ca != 2 || cb != 2) {
        if (ca == cb) continue;
        return spec.nulls_first ? ca < cb : ca > cb;
      }
      int r = CompareValues(c, ia, ib);
      if (r != 0) return spec.ascending ? r < 0 : r > 0;
    }
    return false;
  };
  size_t limit = table.rows;
  if (node.kind == planner::PlanKind::kTop) {
    limit = std::min<size_t>(table.rows, static_cast<size_t>(node.limit));
    std::partial_sort(order.begin(), order.begin() + limit, order.end(), less);
    order.resize(limit);
  } else {
    std::stable_sort(order.begin(), order.end(), less);
  }
  return Chunks{TakeRows(table, order)};
}

}  // namespace huntbook::exec
