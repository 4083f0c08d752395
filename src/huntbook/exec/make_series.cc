// make-series: lays the (group, bin) aggregates of the summarize below out as one dynamic
// array per aggregate and group, with the default value in bins that had no rows.
// https://learn.microsoft.com/kusto/query/make-series-operator
#include <cmath>
#include <unordered_map>

#include "huntbook/exec/chunks.h"
#include "huntbook/functions/conversion.h"
#include "huntbook/planner/operator_spec.h"

namespace huntbook::exec {

namespace {

// make-series arrays hold at most 2^20 values (the documented limit).
constexpr int64_t kMaxBins = int64_t{1} << 20;

Dynamic AxisValue(TypeKind type, double real, int64_t ticks) {
  switch (type) {
    case TypeKind::kDateTime:
      return Dynamic::DateTime(ticks);
    case TypeKind::kTimespan:
      return Dynamic::Timespan(ticks);
    case TypeKind::kReal:
    case TypeKind::kDecimal:
      return Dynamic::Real(real);
    default:
      return Dynamic::Long(ticks);
  }
}

}  // namespace

Result<Chunks> Runner::MakeSeries(const planner::PlanNode& node, Chunks input) {
  const auto& spec = static_cast<const planner::MakeSeriesSpec&>(*node.spec);
  Table table = Concatenate(input, node.children[0]->schema);
  const Column& bins = *table.columns[spec.bin_column];
  bool real = IsRealStored(spec.axis_type);
  // Bin positions are computed in the axis' own arithmetic: ticks/longs exactly, reals as
  // doubles.
  auto as_double = [](const Value& v) { return v.AsDouble(); };
  double step = as_double(spec.step);
  double start = 0, end = 0;
  bool have_start = !spec.from.is_null(), have_end = !spec.to.is_null();
  if (have_start) start = as_double(spec.from);
  if (have_end) end = as_double(spec.to);
  double lowest = 0, highest = 0;
  int64_t lowest_ticks = 0, highest_ticks = 0;
  bool any = false;
  for (size_t i = 0; i < table.rows; ++i) {
    size_t r = At(bins, i);
    if (bins.IsNull(r)) continue;
    double v = bins.GetDouble(r);
    int64_t t = real ? 0 : bins.GetInt(r);
    if (!any || v < lowest) lowest = v, lowest_ticks = t;
    if (!any || v > highest) highest = v, highest_ticks = t;
    any = true;
  }
  if (!have_start) start = any ? lowest : 0;
  int64_t step_ticks =
      real ? 0
           : (IsRealStored(spec.step.type()) ? static_cast<int64_t>(spec.step.real_value())
                                             : spec.step.int_value());
  int64_t start_ticks = have_start ? spec.from.int_value() : lowest_ticks;
  if (!real && step_ticks <= 0) return InvalidArgument("make-series step must be positive");
  int64_t count = 0;
  if (real) {
    if (have_end) {
      double span = (end - start) / step;
      count = spec.to_inclusive ? static_cast<int64_t>(std::floor(span)) + 1
                                : static_cast<int64_t>(std::ceil(span));
    } else if (any) {
      count = static_cast<int64_t>(std::floor((highest - start) / step)) + 1;
    }
  } else if (have_end) {
    // Exact integer arithmetic: datetime ticks do not fit a double's mantissa.
    int64_t span = spec.to.int_value() - start_ticks;
    count = spec.to_inclusive ? (span >= 0 ? span / step_ticks + 1 : 0)
                              : (span > 0 ? (span - 1) / step_ticks + 1 : 0);
  } else if (any) {
    count = (highest_ticks - start_ticks) / step_ticks + 1;
  }
  if (count < 0 || (!have_start && !any)) count = 0;
  if (count > kMaxBins) {
    return InvalidArgument("make-series would produce " + std::to_string(count) +
                           " bins per series, more than the limit of 1048576");
  }
  size_t aggregates = spec.aggregate_columns.size();
  std::vector<Dynamic> defaults;
  for (const Value& v : spec.defaults) {
    defaults.push_back(functions::ToDynamic(*Column::Constant(v), 0));
  }
  // Groups in order of first appearance.
  std::vector<ColumnPtr> keys(table.columns.begin(), table.columns.begin() + spec.key_count);
  std::unordered_map<std::string, size_t> groups;
  std::vector<size_t> group_rows;
  std::vector<std::vector<std::vector<Dynamic>>> series;  // [group][aggregate][bin]
  for (size_t i = 0; i < table.rows; ++i) {
    std::string key;
    AppendRowKey(keys, i, &key);
    auto [it, inserted] = groups.try_emplace(key, group_rows.size());
    if (inserted) {
      group_rows.push_back(i);
      series.emplace_back(aggregates);
      for (size_t a = 0; a < aggregates; ++a) series.back()[a].assign(count, defaults[a]);
    }
    size_t r = At(bins, i);
    if (bins.IsNull(r)) continue;
    int64_t index = real ? static_cast<int64_t>(std::floor((bins.GetReal(r) - start) / step))
                         : (bins.GetInt(r) - start_ticks) / step_ticks;
    if (index < 0 || index >= count) continue;
    for (size_t a = 0; a < aggregates; ++a) {
      const Column& value = *table.columns[spec.aggregate_columns[a]];
      series[it->second][a][index] = functions::ToDynamic(value, At(value, i));
    }
  }
  if (group_rows.empty() && spec.nonempty && spec.key_count == 0) {
    // kind=nonempty: an empty input still gives one row of defaults.
    series.emplace_back(aggregates);
    for (size_t a = 0; a < aggregates; ++a) series.back()[a].assign(count, defaults[a]);
  }
  Dynamic::Array axis;
  for (int64_t b = 0; b < count; ++b) {
    axis.push_back(AxisValue(spec.axis_type, start + static_cast<double>(b) * step,
                             start_ticks + b * step_ticks));
  }
  Dynamic axis_value = Dynamic::MakeArray(std::move(axis));
  Table out;
  out.schema = node.schema;
  out.rows = series.size();
  for (size_t k = 0; k < spec.key_count; ++k) {
    auto column = std::make_shared<Column>(node.schema[k].type);
    for (size_t row : group_rows) column->AppendFrom(*keys[k], At(*keys[k], row));
    out.columns.push_back(column);
  }
  for (size_t a = 0; a < aggregates; ++a) {
    auto column = std::make_shared<Column>(TypeKind::kDynamic);
    for (auto& group : series) column->AppendDynamic(Dynamic::MakeArray(std::move(group[a])));
    out.columns.push_back(column);
  }
  auto axis_column = std::make_shared<Column>(TypeKind::kDynamic);
  for (size_t g = 0; g < series.size(); ++g) axis_column->AppendDynamic(axis_value);
  out.columns.push_back(axis_column);
  return Chunks{std::move(out)};
}

}  // namespace huntbook::exec
