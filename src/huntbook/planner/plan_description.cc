#include "huntbook/planner/logical_plan.h"

namespace huntbook::planner {

namespace {

const char* KindName(PlanKind kind) {
  switch (kind) {
    case PlanKind::kScan:
      return "Scan";
    case PlanKind::kValues:
      return "Values";
    case PlanKind::kRange:
      return "Range";
    case PlanKind::kFilter:
      return "Filter";
    case PlanKind::kProject:
      return "Project";
    case PlanKind::kSummarize:
      return "Summarize";
    case PlanKind::kSort:
      return "Sort";
    case PlanKind::kTop:
      return "Top";
    case PlanKind::kTake:
      return "Take";
    case PlanKind::kJoin:
      return "Join";
    case PlanKind::kUnion:
      return "Union";
    case PlanKind::kMvExpand:
      return "MvExpand";
    case PlanKind::kParse:
      return "Parse";
    case PlanKind::kExternalData:
      return "ExternalData";
    case PlanKind::kWindow:
      return "Window";
    case PlanKind::kMakeSeries:
      return "MakeSeries";
    case PlanKind::kTopNested:
      return "TopNested";
    case PlanKind::kSample:
      return "Sample";
    case PlanKind::kApply:
      return "Apply";
    case PlanKind::kApplyInput:
      return "ApplyInput";
    case PlanKind::kIpLookup:
      return "IpLookup";
    case PlanKind::kBasket:
      return "Basket";
    case PlanKind::kScanOperator:
      return "ScanOperator";
  }
  return "?";
}

void Describe(const PlanNode& node, int depth, std::string* out) {
  out->append(static_cast<size_t>(depth) * 2, ' ');
  out->append(KindName(node.kind));
  if (node.kind == PlanKind::kScan) {
    out->append(" " + node.table_name);
    for (const auto& [column, term] : node.required_terms) {
      out->append(" term(" + column + ":" + term + ")");
    }
    for (const auto& bound : node.time_bounds) out->append(" time(" + bound.column + ")");
  }
  out->append(" [");
  for (size_t i = 0; i < node.schema.size(); ++i) {
    if (i > 0) out->append(", ");
    out->append(node.schema[i].name + ":" + std::string(TypeName(node.schema[i].type)));
  }
  out->append("]\n");
  for (const PlanPtr& child : node.children) Describe(*child, depth + 1, out);
}

}  // namespace

std::string DescribePlan(const PlanNode& root) {
  std::string out;
  Describe(root, 0, &out);
  return out;
}

}  // namespace huntbook::planner
