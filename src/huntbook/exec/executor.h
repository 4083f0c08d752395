// Executor: runs a logical plan and returns the result table.
//
// Model: every node produces a list of chunks (Tables with the node's schema). A scan
// yields one chunk per extent; streaming nodes (filter, project, mv-expand) transform each
// chunk independently on a pool of threads — the per-extent part of the plan. Blocking
// nodes combine chunks: summarize aggregates each chunk into partial states in parallel and
// merges them; sort/top/take/join/union work on the combined input — the merge part.
// Thread safety: Execute may be called concurrently; the plan is read-only.
#pragma once

#include "huntbook/common/status.h"
#include "huntbook/functions/scalar_function.h"
#include "huntbook/planner/logical_plan.h"
#include "huntbook/vector/column.h"

namespace huntbook::exec {

struct ExecOptions {
  functions::EvalContext context;
  int threads = 0;  // 0 = hardware concurrency
};

Result<Table> Execute(const planner::PlanNode& root, const ExecOptions& options);

}  // namespace huntbook::exec
