// mv-apply and partition: not executed yet; their binder reports
// `not supported: operator 'mv-apply'` / `'partition'`, so no plan reaches this.
#include "huntbook/exec/chunks.h"

namespace huntbook::exec {

Result<Chunks> Runner::Apply(const planner::PlanNode&, Chunks) {
  return NotSupported("operator 'mv-apply'");
}

}  // namespace huntbook::exec
