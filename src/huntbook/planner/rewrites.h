// Plan rewrites run after binding:
// - column pruning: scans read only the columns some operator above them uses (others are
//   a constant null, never decoded);
// - predicate pushdown into scans: `has`/`==` on a string column with a constant needle
//   becomes required index terms (extents or rows without them are skipped via the term
//   index), and comparisons of a datetime column with constants become time bounds that
//   skip extents by min/max. The filter itself still runs: pushdowns only pre-select.
#pragma once

#include "huntbook/planner/logical_plan.h"

namespace huntbook::planner {

PlanPtr Optimize(PlanPtr root);

}  // namespace huntbook::planner
