// scan: the steps matched record by record over the serialized rows, following the "Scan
// logic" of https://learn.microsoft.com/kusto/query/scan-operator:
//  - Each record is checked against the steps from the last to the first. Step k matches
//    by Check 1 when step k-1 has an active sequence and the condition holds with k-1's
//    state: that sequence moves to step k (replacing k's) and the record joins it. Else by
//    Check 2 when step k has an active sequence (or k is the first step) and the condition
//    holds with k's own state: the record replaces k's row of that state; on the first
//    step with no active sequence, a new sequence (match id) starts.
//  - A matched record is extended by the declared columns: their defaults, then the
//    step's assignments, all computed over the state the condition held with. A state row
//    of a step the sequence has not reached reads as null input columns and declared
//    defaults.
//  - output=all outputs every match; none, none. last outputs only the last record of a
//    run of matches of the step: a match is held back and replaced by the next match of the
//    same sequence at that step, and is output when the sequence leaves the step (moves on
//    or is replaced by a sequence moving in) or, at the end of the input, in record order.
//    (The page defines `last` only as "the last record in a series of repeating matches";
//    when the held record is output is huntbook's reading.)
#include <algorithm>
#include <optional>

#include "huntbook/exec/chunks.h"
#include "huntbook/expression/evaluator.h"
#include "huntbook/planner/operator_spec.h"

namespace huntbook::exec {

namespace {

using planner::ScanOperatorSpec;
using planner::ScanStep;

// An input record extended by the declared columns.
struct ExtendedRecord {
  size_t record = 0;
  std::vector<Value> declared;
};

struct OutputRow {
  ExtendedRecord row;
  int64_t match_id = 0;
};

// The state of one step: rows[j] is step j's row of the sequence (j <= the step's index).
struct StepState {
  std::vector<ExtendedRecord> rows;  // empty: no active sequence
  int64_t match_id = 0;
  std::optional<OutputRow> held;  // output=last: the latest match, not output yet
  bool active() const { return !rows.empty(); }
};

void CollectColumns(const expression::BoundExpr& e, std::vector<bool>& used) {
  if (e.kind == expression::BoundKind::kColumn) used[static_cast<size_t>(e.column)] = true;
  for (const auto& arg : e.args) CollectColumns(*arg, used);
}

ColumnPtr OneRow(const Column& source, size_t row) {
  auto column = std::make_shared<Column>(source.type());
  column->AppendFrom(source, At(source, row));
  return column;
}

bool IsTrue(const Column& column, size_t row) {
  size_t i = At(column, row);
  return !column.IsNull(i) && column.GetInt(i) != 0;
}

class Matcher {
 public:
  Matcher(const planner::PlanNode& node, const Table& input, const Runner& runner)
      : spec_(static_cast<const ScanOperatorSpec&>(*node.spec)),
        input_(input),
        runner_(runner),
        record_width_(input.schema.size() + spec_.defaults.size()),
        states_(spec_.steps.size()) {
    // The evaluation table: the record's columns, the declared defaults, the state refs.
    // Columns no expression reads stay size-1 nulls.
    evaluation_.schema = input.schema;
    for (size_t d = 0; d < spec_.defaults.size(); ++d) {
      evaluation_.schema.push_back({"", spec_.defaults[d].type()});
    }
    for (const planner::ScanStateRef& ref : spec_.state_refs) {
      evaluation_.schema.push_back({"", evaluation_.schema[ref.column].type});
    }
    for (size_t c = 0; c < evaluation_.schema.size(); ++c) {
      evaluation_.columns.push_back(c >= input.schema.size() && c < record_width_
                                        ? Column::Constant(spec_.defaults[c - input.schema.size()])
                                        : Column::Nulls(evaluation_.schema[c].type, 1));
    }
    evaluation_.rows = 1;
    std::vector<bool> used(evaluation_.schema.size(), false);
    for (const ScanStep& step : spec_.steps) {
      std::vector<bool> step_used(evaluation_.schema.size(), false);
      CollectColumns(*step.condition, step_used);
      bool condition_reads_state =
          std::any_of(step_used.begin() + record_width_, step_used.end(), [](bool u) { return u; });
      for (const auto& assignment : step.assignments) {
        CollectColumns(*assignment.second, step_used);
      }
      std::vector<size_t> refs;
      for (size_t r = 0; r < spec_.state_refs.size(); ++r) {
        if (step_used[record_width_ + r]) refs.push_back(r);
      }
      step_refs_.push_back(std::move(refs));
      condition_reads_state_.push_back(condition_reads_state);
      for (size_t c = 0; c < step_used.size(); ++c) used[c] = used[c] || step_used[c];
    }
    for (size_t c = 0; c < input.schema.size(); ++c) {
      if (used[c]) record_columns_.push_back(c);
    }
  }

  Status Run() {
    if (input_.rows == 0) return Status::OK();
    RETURN_IF_ERROR(EvaluateStatelessConditions());
    for (size_t record = 0; record < input_.rows; ++record) {
      if (record % 4096 == 0) RETURN_IF_ERROR(runner_.CheckCancelled());
      record_ = record;
      record_loaded_ = false;
      for (size_t k = states_.size(); k-- > 0;) RETURN_IF_ERROR(MatchStep(k));
    }
    std::vector<OutputRow> held;
    for (StepState& state : states_) {
      if (state.held) held.push_back(std::move(*state.held));
    }
    std::stable_sort(held.begin(), held.end(), [](const OutputRow& a, const OutputRow& b) {
      return a.row.record < b.row.record;
    });
    for (OutputRow& row : held) output_.push_back(std::move(row));
    return Status::OK();
  }

  Table Output(const std::vector<ColumnSchema>& schema) const {
    Table out;
    out.schema = schema;
    out.rows = output_.size();
    std::vector<uint32_t> records;
    records.reserve(output_.size());
    for (const OutputRow& row : output_) records.push_back(static_cast<uint32_t>(row.row.record));
    for (const ColumnPtr& column : input_.columns) out.columns.push_back(column->Take(records));
    for (size_t d = 0; d < spec_.defaults.size(); ++d) {
      auto column = std::make_shared<Column>(spec_.defaults[d].type());
      column->Reserve(output_.size());
      for (const OutputRow& row : output_) column->Append(row.row.declared[d]);
      out.columns.push_back(std::move(column));
    }
    if (spec_.with_match_id) {
      auto column = std::make_shared<Column>(TypeKind::kLong);
      column->Reserve(output_.size());
      for (const OutputRow& row : output_) column->AppendInt(row.match_id);
      out.columns.push_back(std::move(column));
    }
    return out;
  }

 private:
  // Conditions that read no state are evaluated once over all records.
  Status EvaluateStatelessConditions() {
    Table all = evaluation_;
    all.rows = input_.rows;
    for (size_t c = 0; c < input_.columns.size(); ++c) all.columns[c] = input_.columns[c];
    for (size_t k = 0; k < spec_.steps.size(); ++k) {
      ColumnPtr values;
      if (!condition_reads_state_[k]) {
        ASSIGN_OR_RETURN(values, expression::Evaluate(*spec_.steps[k].condition, all,
                                                      runner_.options().context));
      }
      stateless_conditions_.push_back(std::move(values));
    }
    return Status::OK();
  }

  void LoadRecord() {
    if (record_loaded_) return;
    for (size_t c : record_columns_) evaluation_.columns[c] = OneRow(*input_.columns[c], record_);
    record_loaded_ = true;
  }

  // Points step k's state refs at `state`.
  void LoadState(size_t k, const StepState& state) {
    size_t input_width = input_.schema.size();
    for (size_t r : step_refs_[k]) {
      const planner::ScanStateRef& ref = spec_.state_refs[r];
      size_t column = static_cast<size_t>(ref.column);
      size_t step = static_cast<size_t>(ref.step);
      ColumnPtr& slot = evaluation_.columns[record_width_ + r];
      if (step >= state.rows.size()) {
        slot = column < input_width ? Column::Nulls(input_.schema[column].type, 1)
                                    : Column::Constant(spec_.defaults[column - input_width]);
      } else if (column < input_width) {
        slot = OneRow(*input_.columns[column], state.rows[step].record);
      } else {
        slot = Column::Constant(state.rows[step].declared[column - input_width]);
      }
    }
  }

  Result<bool> Condition(size_t k, const StepState& state) {
    if (stateless_conditions_[k]) return IsTrue(*stateless_conditions_[k], record_);
    LoadRecord();
    LoadState(k, state);
    ASSIGN_OR_RETURN(ColumnPtr value, expression::Evaluate(*spec_.steps[k].condition, evaluation_,
                                                           runner_.options().context));
    return IsTrue(*value, 0);
  }

  // The record extended by step k's assignments, over `state`.
  Result<ExtendedRecord> Extend(size_t k, const StepState& state) {
    ExtendedRecord row{record_, spec_.defaults};
    if (spec_.steps[k].assignments.empty()) return row;
    LoadRecord();
    LoadState(k, state);
    for (const auto& [declared, expr] : spec_.steps[k].assignments) {
      ASSIGN_OR_RETURN(ColumnPtr value,
                       expression::Evaluate(*expr, evaluation_, runner_.options().context));
      row.declared[static_cast<size_t>(declared)] = value->Get(0);
    }
    return row;
  }

  void ReleaseHeld(StepState& state) {
    if (!state.held) return;
    output_.push_back(std::move(*state.held));
    state.held.reset();
  }

  void Emit(size_t k, StepState& state) {
    OutputRow row{state.rows[k], state.match_id};
    switch (spec_.steps[k].output) {
      case ScanStep::Output::kAll:
        output_.push_back(std::move(row));
        break;
      case ScanStep::Output::kLast:
        state.held = std::move(row);
        break;
      case ScanStep::Output::kNone:
        break;
    }
  }

  Status MatchStep(size_t k) {
    StepState& state = states_[k];
    if (k > 0 && states_[k - 1].active()) {
      StepState& previous = states_[k - 1];
      ASSIGN_OR_RETURN(bool check1, Condition(k, previous));
      if (check1) {
        ASSIGN_OR_RETURN(ExtendedRecord row, Extend(k, previous));
        bool older_first =
            state.held && previous.held && previous.held->row.record < state.held->row.record;
        ReleaseHeld(older_first ? previous : state);
        ReleaseHeld(older_first ? state : previous);
        state.rows = std::move(previous.rows);
        state.match_id = previous.match_id;
        previous.rows.clear();
        state.rows.push_back(std::move(row));
        Emit(k, state);
        return Status::OK();
      }
    }
    if (k > 0 && !state.active()) return Status::OK();
    ASSIGN_OR_RETURN(bool check2, Condition(k, state));
    if (!check2) return Status::OK();
    ASSIGN_OR_RETURN(ExtendedRecord row, Extend(k, state));
    if (!state.active()) {  // the first step: a new sequence
      state.match_id = next_match_id_++;
      state.rows.push_back(std::move(row));
    } else {
      state.rows[k] = std::move(row);
    }
    Emit(k, state);
    return Status::OK();
  }

  const ScanOperatorSpec& spec_;
  const Table& input_;
  const Runner& runner_;
  const size_t record_width_;
  Table evaluation_;
  std::vector<size_t> record_columns_;           // input columns some expression reads
  std::vector<std::vector<size_t>> step_refs_;   // per step, the state refs it reads
  std::vector<bool> condition_reads_state_;      // per step
  std::vector<ColumnPtr> stateless_conditions_;  // per step; nullptr when it reads state
  std::vector<StepState> states_;
  std::vector<OutputRow> output_;
  size_t record_ = 0;
  bool record_loaded_ = false;
  int64_t next_match_id_ = 0;
};

}  // namespace

Result<Chunks> Runner::ScanOperator(const planner::PlanNode& node, Chunks input) {
  Table table = Concatenate(input, node.children[0]->schema);
  Matcher matcher(node, table, *this);
  RETURN_IF_ERROR(matcher.Run());
  Table out = matcher.Output(node.schema);
  if (out.rows == 0) return Chunks{};
  return Chunks{std::move(out)};
}

}  // namespace huntbook::exec
