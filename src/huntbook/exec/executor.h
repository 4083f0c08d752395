// Executor: runs a logical plan and returns the result table.
//
// Model: every node produces a list of chunks (Tables with the node's schema). A scan
// yields one chunk per extent; streaming nodes (filter, project, mv-expand) transform each
// chunk independently on a pool of threads — the per-extent part of the plan. Blocking
// nodes combine chunks: summarize aggregates each chunk into partial states in parallel and
// merges them; sort/top/take/join/union work on the combined input — the merge part.
// Thread safety: Execute may be called concurrently; the plan is read-only.
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "huntbook/common/status.h"
#include "huntbook/functions/scalar_function.h"
#include "huntbook/planner/logical_plan.h"
#include "huntbook/vector/column.h"

namespace huntbook::exec {

struct ExecOptions {
  functions::EvalContext context;
  int threads = 0;  // 0 = hardware concurrency
  // Directories externaldata may read files from (absolute paths); empty = none. http(s)
  // and other remote URLs always fail: huntbook runs offline.
  std::vector<std::string> external_data_allow;
  // Set to true by another thread to stop the query: Execute then fails with kCancelled
  // (checked before each operator and each chunk). nullptr = not cancellable.
  const std::atomic<bool>* cancel = nullptr;
};

Result<Table> Execute(const planner::PlanNode& root, const ExecOptions& options);

}  // namespace huntbook::exec
