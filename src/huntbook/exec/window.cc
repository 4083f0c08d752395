// serialize and the window functions: row_number, prev, next, row_cumsum,
// row_window_session, row_rank_dense, row_rank_min, computed in one pass over the rows in
// their serialized order.
// https://learn.microsoft.com/kusto/query/window-functions
#include "huntbook/exec/chunks.h"
#include "huntbook/expression/evaluator.h"
#include "huntbook/planner/operator_spec.h"

namespace huntbook::exec {

namespace {

using planner::WindowCall;
using planner::WindowFunction;

// The restart predicate of row i: true only for a non-null true.
bool Restart(const std::vector<ColumnPtr>& args, size_t index, size_t row) {
  if (args.size() <= index) return false;
  const Column& c = *args[index];
  size_t i = At(c, row);
  return !c.IsNull(i) && c.GetInt(i) != 0;
}

std::string ValueKey(const ColumnPtr& column, size_t row) {
  std::string key;
  AppendRowKey({column}, row, &key);
  return key;
}

// prev/next: the value `offset` rows before (prev) or after (next), else the default.
// https://learn.microsoft.com/kusto/query/prev-function
// https://learn.microsoft.com/kusto/query/next-function
Result<ColumnPtr> Shift(const WindowCall& call, const std::vector<ColumnPtr>& args, size_t rows) {
  int64_t offset = 1;
  if (args.size() > 1) {
    const Column& c = *args[1];
    if (c.IsNull(0)) return InvalidArgument("the offset of prev()/next() must not be null");
    offset = c.GetInt(0);
  }
  if (call.function == WindowFunction::kNext) offset = -offset;
  auto out = std::make_shared<Column>(call.type);
  out->Reserve(rows);
  for (size_t i = 0; i < rows; ++i) {
    int64_t source = static_cast<int64_t>(i) - offset;
    if (source >= 0 && source < static_cast<int64_t>(rows)) {
      out->AppendFrom(*args[0], At(*args[0], static_cast<size_t>(source)));
    } else if (args.size() > 2) {
      out->AppendFrom(*args[2], At(*args[2], i));
    } else {
      out->AppendNull();
    }
  }
  return ColumnPtr(out);
}

Result<ColumnPtr> Compute(const WindowCall& call, const std::vector<ColumnPtr>& args, size_t rows) {
  auto out = std::make_shared<Column>(call.type);
  out->Reserve(rows);
  switch (call.function) {
    case WindowFunction::kPrev:
    case WindowFunction::kNext:
      return Shift(call, args, rows);
    case WindowFunction::kRowNumber: {
      // https://learn.microsoft.com/kusto/query/row-number-function
      int64_t value = 0;
      for (size_t i = 0; i < rows; ++i) {
        int64_t start = 1;
        if (!args.empty()) {
          const Column& c = *args[0];
          start = c.IsNull(At(c, i)) ? 1 : c.GetInt(At(c, i));
        }
        value = (i == 0 || Restart(args, 1, i)) ? start : value + 1;
        out->AppendInt(value);
      }
      break;
    }
    case WindowFunction::kRowCumsum: {
      // https://learn.microsoft.com/kusto/query/row-cumsum-function
      const Column& term = *args[0];
      bool real = IsRealStored(call.type);
      int64_t sum = 0;
      double real_sum = 0;
      for (size_t i = 0; i < rows; ++i) {
        if (Restart(args, 1, i)) sum = 0, real_sum = 0;
        size_t t = At(term, i);
        if (!term.IsNull(t)) {
          if (real) {
            real_sum += term.GetReal(t);
          } else {
            sum = static_cast<int64_t>(static_cast<uint64_t>(sum) +
                                       static_cast<uint64_t>(term.GetInt(t)));
          }
        }
        if (real) {
          out->AppendReal(real_sum);
        } else {
          out->AppendInt(sum);
        }
      }
      break;
    }
    case WindowFunction::kRowWindowSession: {
      // https://learn.microsoft.com/kusto/query/row-window-session-function: a value starts
      // a new session when there is no (non-null) session value before it, when it is at
      // or past the session start + max_from_first, at or past the previous value +
      // max_between, or when restart is true. A null value gives null and the next value
      // starts a new session.
      const Column& expr = *args[0];
      const Column& from_first = *args[1];
      const Column& between = *args[2];
      if (from_first.IsNull(0) || between.IsNull(0)) {
        return InvalidArgument("row_window_session() distances must not be null");
      }
      int64_t max_from_first = from_first.GetInt(0), max_between = between.GetInt(0);
      bool have_session = false;
      int64_t session_start = 0, previous = 0;
      for (size_t i = 0; i < rows; ++i) {
        size_t e = At(expr, i);
        if (expr.IsNull(e)) {
          out->AppendNull();
          have_session = false;
          continue;
        }
        int64_t v = expr.GetInt(e);
        bool fresh = !have_session || v >= session_start + max_from_first ||
                     v >= previous + max_between || Restart(args, 3, i);
        if (fresh) session_start = v;
        have_session = true;
        previous = v;
        out->AppendInt(session_start);
      }
      break;
    }
    case WindowFunction::kRowRankDense:
    case WindowFunction::kRowRankMin: {
      // https://learn.microsoft.com/kusto/query/row-rank-dense-function: starts at 1 and
      // grows by 1 whenever the term differs from the previous row's.
      // https://learn.microsoft.com/kusto/query/row-rank-min-function: rows with equal
      // terms share the minimal row number among them.
      bool dense = call.function == WindowFunction::kRowRankDense;
      int64_t rank = 0, row_number = 0;
      std::string previous;
      for (size_t i = 0; i < rows; ++i) {
        std::string key = ValueKey(args[0], i);
        bool restart = i == 0 || Restart(args, 1, i);
        if (restart) {
          row_number = 1;
          rank = 1;
        } else {
          ++row_number;
          if (key != previous) rank = dense ? rank + 1 : row_number;
        }
        previous = std::move(key);
        out->AppendInt(rank);
      }
      break;
    }
  }
  return ColumnPtr(out);
}

}  // namespace

Result<Chunks> Runner::Window(const planner::PlanNode& node, Chunks input) {
  const auto& spec = static_cast<const planner::WindowSpec&>(*node.spec);
  Table table = Concatenate(input, node.children[0]->schema);
  size_t base = table.schema.size();
  for (size_t k = 0; k < spec.calls.size(); ++k) {
    const WindowCall& call = spec.calls[k];
    std::vector<ColumnPtr> args;
    for (const auto& arg : call.args) {
      ASSIGN_OR_RETURN(ColumnPtr column, expression::Evaluate(*arg, table, options_.context));
      args.push_back(std::move(column));
    }
    ASSIGN_OR_RETURN(ColumnPtr column, Compute(call, args, table.rows));
    table.schema.push_back(node.schema[base + k]);
    table.columns.push_back(std::move(column));
  }
  return Chunks{std::move(table)};
}

}  // namespace huntbook::exec
