// Internal to exec/: chunk lists, the parallel loop, and the entry points of each
// operator's implementation file.
#pragma once

#include <atomic>
#include <functional>
#include <thread>
#include <vector>

#include "huntbook/exec/executor.h"

namespace huntbook::exec {

using Chunks = std::vector<Table>;

// Runs fn(i) for i in [0, n) on up to `threads` threads; returns the first error.
Status ParallelFor(size_t n, int threads, const std::function<Status(size_t)>& fn);

// All chunks as one table with `schema`.
Table Concatenate(const Chunks& chunks, const std::vector<ColumnSchema>& schema);

// Rows of `table` picked by index.
Table TakeRows(const Table& table, const std::vector<uint32_t>& rows);

class Runner {
 public:
  explicit Runner(const ExecOptions& options);
  Result<Chunks> Run(const planner::PlanNode& node);
  const ExecOptions& options() const { return options_; }
  // kCancelled once ExecOptions::cancel is set, else OK.
  Status CheckCancelled() const;
  int threads() const { return threads_; }

  Result<Chunks> Scan(const planner::PlanNode& node);
  Result<Chunks> Range(const planner::PlanNode& node);
  Result<Chunks> Summarize(const planner::PlanNode& node, Chunks input);
  Result<Chunks> Sort(const planner::PlanNode& node, Chunks input);
  Result<Chunks> Join(const planner::PlanNode& node, Chunks left, Chunks right);
  Result<Chunks> MvExpand(const planner::PlanNode& node, Chunks input);
  Result<Chunks> Parse(const planner::PlanNode& node, Chunks input);
  // externaldata (external_data.cc).
  Result<Chunks> ExternalData(const planner::PlanNode& node);
  // Whole-row-set operators (planner/operator_spec.h): window.cc, make_series.cc,
  // top_nested.cc, sample.cc, apply.cc.
  Result<Chunks> Window(const planner::PlanNode& node, Chunks input);
  Result<Chunks> MakeSeries(const planner::PlanNode& node, Chunks input);
  Result<Chunks> TopNested(const planner::PlanNode& node, Chunks input);
  Result<Chunks> Sample(const planner::PlanNode& node, Chunks input);
  Result<Chunks> Apply(const planner::PlanNode& node, Chunks input);
  Result<Chunks> Partition(const planner::PlanNode& node, Chunks input);
  // evaluate plugins with a plan node: ipv4_lookup / ipv6_lookup (ip_lookup.cc), basket
  // (basket.cc).
  Result<Chunks> IpLookup(const planner::PlanNode& node, Chunks input, Chunks lookup);
  Result<Chunks> Basket(const planner::PlanNode& node, Chunks input);
  // The KQL scan operator (scan.cc).
  Result<Chunks> ScanOperator(const planner::PlanNode& node, Chunks input);
  // The rows a kApplyInput leaf yields (set on the Runner that runs a kApply subquery).
  void set_apply_input(const Table* input) { apply_input_ = input; }

 private:
  // Runs a kApply subquery on one thread over `group` (its kApplyInput rows).
  Result<Chunks> RunGroup(const planner::PlanNode& subquery, const Table& group) const;

  ExecOptions options_;
  int threads_;
  const Table* apply_input_ = nullptr;
};

// Serializes the values of `columns` at `row` into a byte string usable as a hash key
// (type-tagged, so long 1 and string "1" differ; nulls are distinct from every value).
void AppendRowKey(const std::vector<ColumnPtr>& columns, size_t row, std::string* key);

}  // namespace huntbook::exec
