// Log Analytics' `timespan` request parameter: the service applies it to every table the
// query reads, on top of the query's own filters
// (https://learn.microsoft.com/azure/azure-monitor/logs/api/timespan).
#pragma once

#include <cstdint>
#include <string_view>

#include "huntbook/planner/logical_plan.h"

namespace huntbook::planner {

// Returns the plan with every scan of a table that has a datetime column `column` wrapped
// in a filter keeping rows with start <= column < end (rows with a null time are dropped,
// as a comparison with null is not true). Scans without the column are left as they are.
// Run it before Optimize, which turns the filter into extent pruning.
PlanPtr RestrictTime(const PlanPtr& root, std::string_view column, int64_t start, int64_t end);

}  // namespace huntbook::planner
