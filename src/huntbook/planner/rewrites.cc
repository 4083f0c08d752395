#include "huntbook/planner/rewrites.h"

#include <algorithm>

#include "huntbook/common/term.h"

namespace huntbook::planner {

namespace {

void CollectColumns(const BoundExpr& e, std::vector<bool>& used) {
  if (e.kind == expression::BoundKind::kColumn && e.column >= 0 &&
      static_cast<size_t>(e.column) < used.size()) {
    used[e.column] = true;
  }
  for (const BoundExprPtr& arg : e.args) CollectColumns(*arg, used);
}

void Prune(PlanNode& node, std::vector<bool> needed) {
  needed.resize(node.schema.size(), false);
  auto child_mask = [&](size_t child) {
    return std::vector<bool>(node.children[child]->schema.size(), false);
  };
  switch (node.kind) {
    case PlanKind::kScan: {
      node.scan_read.assign(needed.begin(), needed.end());
      return;
    }
    case PlanKind::kValues:
    case PlanKind::kRange:
    case PlanKind::kExternalData:
    case PlanKind::kApplyInput:
      return;
    case PlanKind::kWindow:
    case PlanKind::kMakeSeries:
    case PlanKind::kTopNested:
    case PlanKind::kSample:
    case PlanKind::kApply:
    case PlanKind::kIpLookup:
    case PlanKind::kBasket:
    case PlanKind::kScanOperator:
      // Whole-row-set operators (operator_spec.h): keep every input column.
      for (size_t c = 0; c < node.children.size(); ++c) {
        Prune(*node.children[c], std::vector<bool>(node.children[c]->schema.size(), true));
      }
      return;
    case PlanKind::kFilter: {
      CollectColumns(*node.predicate, needed);
      Prune(*node.children[0], needed);
      return;
    }
    case PlanKind::kProject: {
      std::vector<bool> used = child_mask(0);
      for (size_t i = 0; i < node.outputs.size(); ++i) {
        if (needed[i]) CollectColumns(*node.outputs[i], used);
      }
      Prune(*node.children[0], used);
      return;
    }
    case PlanKind::kSummarize: {
      std::vector<bool> used = child_mask(0);
      for (const auto& key : node.keys) CollectColumns(*key, used);
      for (const auto& aggregate : node.aggregates) {
        for (const auto& arg : aggregate.args) CollectColumns(*arg, used);
      }
      Prune(*node.children[0], used);
      return;
    }
    case PlanKind::kSort:
    case PlanKind::kTop: {
      for (const auto& key : node.sort_keys) CollectColumns(*key.expr, needed);
      Prune(*node.children[0], needed);
      return;
    }
    case PlanKind::kTake:
      Prune(*node.children[0], needed);
      return;
    case PlanKind::kMvExpand: {
      for (const auto& spec : node.expansions) needed[spec.column] = true;
      Prune(*node.children[0], needed);
      return;
    }
    case PlanKind::kParse: {
      std::vector<bool> used = child_mask(0);
      for (size_t i = 0; i < node.parse_keep.size(); ++i) {
        if (needed[i]) used[node.parse_keep[i]] = true;
      }
      CollectColumns(*node.parse_source, used);
      Prune(*node.children[0], used);
      return;
    }
    case PlanKind::kUnion: {
      for (size_t c = 0; c < node.children.size(); ++c) {
        std::vector<bool> used = child_mask(c);
        for (size_t k = 0; k < needed.size(); ++k) {
          int source = node.union_mapping[c][k];
          if (needed[k] && source >= 0) used[source] = true;
        }
        Prune(*node.children[c], used);
      }
      return;
    }
    case PlanKind::kJoin: {
      std::vector<bool> left = child_mask(0), right = child_mask(1);
      size_t left_width = left.size();
      switch (node.join_kind) {
        case JoinKind::kLeftSemi:
        case JoinKind::kLeftAnti:
          for (size_t i = 0; i < left_width; ++i) left[i] = needed[i];
          break;
        case JoinKind::kRightSemi:
        case JoinKind::kRightAnti:
          for (size_t i = 0; i < right.size(); ++i) right[i] = needed[i];
          break;
        default:
          for (size_t i = 0; i < left_width; ++i) left[i] = needed[i];
          for (size_t i = 0; i < right.size(); ++i) right[i] = needed[left_width + i];
      }
      for (int k : node.left_keys) left[k] = true;
      for (int k : node.right_keys) right[k] = true;
      Prune(*node.children[0], left);
      Prune(*node.children[1], right);
      return;
    }
  }
}

// Conjuncts of an and-tree.
void Conjuncts(const BoundExprPtr& e, std::vector<BoundExprPtr>& out) {
  if (e->kind == expression::BoundKind::kAnd) {
    Conjuncts(e->args[0], out);
    Conjuncts(e->args[1], out);
  } else {
    out.push_back(e);
  }
}

bool IsStringColumn(const BoundExpr& e) {
  return e.kind == expression::BoundKind::kColumn && e.type == TypeKind::kString;
}

// The dynamic column whose stored JSON text contains the value of `e`, when `e` is that
// column or a path into it: d.a.b, d["k"], tostring(...), todynamic(...) of one. -1 if
// none. (huntbook writes that text itself, so a value appears in it unescaped unless it
// holds characters JSON escapes.)
int IndexedRoot(const BoundExpr& e) {
  using expression::BoundKind;
  if (e.kind == BoundKind::kColumn) return e.type == TypeKind::kDynamic ? e.column : -1;
  bool passes = e.kind == BoundKind::kMember || e.kind == BoundKind::kIndex ||
                (e.kind == BoundKind::kCast && e.type == TypeKind::kString) ||
                (e.kind == BoundKind::kCall && e.function != nullptr &&
                 (e.function->name == "parse_json" || e.function->name == "todynamic" ||
                  e.function->name == "parsejson" || e.function->name == "tostring"));
  if (!passes || e.args.empty()) return -1;
  return IndexedRoot(*e.args[0]);
}

// A needle whose terms appear verbatim in the JSON text of any value containing it:
// printable ASCII without quotes or backslashes (which JSON would escape).
bool SafeInJson(std::string_view s) {
  for (char c : s) {
    if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') return false;
  }
  return true;
}

void PushDown(PlanNode& filter, PlanNode& scan) {
  std::vector<BoundExprPtr> conjuncts;
  Conjuncts(filter.predicate, conjuncts);
  for (const BoundExprPtr& c : conjuncts) {
    const BoundExpr& e = *c;
    // Terms: `col has "x"`, `col has_cs "x"`, `col == "x"`, `col =~ "x"`.
    bool term_op =
        (e.kind == expression::BoundKind::kCall && e.function != nullptr &&
         (e.function->name == "has" || e.function->name == "has_cs" || e.function->name == "=~")) ||
        (e.kind == expression::BoundKind::kCompare && e.op == "==");
    const bool constant_needle = term_op && e.args.size() == 2 && e.args[1]->is_constant() &&
                                 IsStringStored(e.args[1]->constant.type());
    const bool whole_value = (e.kind == expression::BoundKind::kCompare && e.op == "==") ||
                             (e.kind == expression::BoundKind::kCall && e.function->name == "=~");
    int root = -1;
    if (constant_needle && IsStringColumn(*e.args[0])) {
      root = e.args[0]->column;
    } else if (constant_needle && whole_value && SafeInJson(e.args[1]->constant.string_value())) {
      // Whole-value equality on a path into a dynamic column (not `has`: a value's terms
      // may straddle characters that JSON escapes).
      root = IndexedRoot(*e.args[0]);
    }
    if (root >= 0) {
      const std::string& column = scan.schema[root].name;
      ForEachTerm(e.args[1]->constant.string_value(), [&](std::string_view term) {
        if (term.size() >= 3) scan.required_terms.push_back({column, AsciiLower(term)});
      });
      continue;
    }
    // Time bounds: datetime column compared with a constant, or between constants.
    auto is_time_column = [](const BoundExpr& x) {
      return x.kind == expression::BoundKind::kColumn && x.type == TypeKind::kDateTime;
    };
    auto constant_ticks = [](const BoundExpr& x) -> std::optional<int64_t> {
      if (!x.is_constant() || x.constant.is_null() || x.type != TypeKind::kDateTime) {
        return std::nullopt;
      }
      return x.constant.int_value();
    };
    if (e.kind == expression::BoundKind::kCompare && is_time_column(*e.args[0])) {
      std::optional<int64_t> ticks = constant_ticks(*e.args[1]);
      if (!ticks) continue;
      PlanNode::TimeBound bound{scan.schema[e.args[0]->column].name, INT64_MIN, INT64_MAX};
      if (e.op == ">" || e.op == ">=")
        bound.min = *ticks;
      else if (e.op == "<" || e.op == "<=")
        bound.max = *ticks;
      else if (e.op == "==")
        bound.min = bound.max = *ticks;
      else
        continue;
      scan.time_bounds.push_back(bound);
    } else if (e.kind == expression::BoundKind::kBetween && e.op == "between" &&
               is_time_column(*e.args[0])) {
      std::optional<int64_t> lo = constant_ticks(*e.args[1]), hi = constant_ticks(*e.args[2]);
      if (lo && hi) {
        scan.time_bounds.push_back({scan.schema[e.args[0]->column].name, *lo, *hi});
      }
    }
  }
}

// https://learn.microsoft.com/kusto/query/join-innerunique: a filter on left-side columns
// after an innerunique join applies to the left side before its deduplication. Rewrites
// Filter(Join innerunique) into Join(Filter(left)) when the predicate reads only left columns.
PlanPtr PushFiltersBelowInnerUnique(PlanPtr node) {
  for (PlanPtr& child : node->children) child = PushFiltersBelowInnerUnique(child);
  if (node->kind != PlanKind::kFilter) return node;
  PlanPtr join = node->children[0];
  if (join->kind != PlanKind::kJoin || join->join_kind != JoinKind::kInnerUnique) return node;
  size_t left_width = join->children[0]->schema.size();
  std::vector<bool> used(join->schema.size(), false);
  CollectColumns(*node->predicate, used);
  for (size_t i = left_width; i < used.size(); ++i) {
    if (used[i]) return node;
  }
  auto filter = std::make_shared<PlanNode>(*node);
  filter->schema = join->children[0]->schema;
  filter->children = {join->children[0]};
  auto new_join = std::make_shared<PlanNode>(*join);
  new_join->children = {filter, join->children[1]};
  return new_join;
}

void PushDownFilters(PlanNode& node) {
  for (const PlanPtr& child : node.children) PushDownFilters(*child);
  if (node.kind != PlanKind::kFilter) return;
  // Filters directly above a scan (possibly stacked) pre-select the scan's rows.
  PlanNode* below = node.children[0].get();
  while (below->kind == PlanKind::kFilter) below = below->children[0].get();
  if (below->kind == PlanKind::kScan) PushDown(node, *below);
}

}  // namespace

PlanPtr Optimize(PlanPtr root) {
  root = PushFiltersBelowInnerUnique(root);
  PushDownFilters(*root);
  Prune(*root, std::vector<bool>(root->schema.size(), true));
  return root;
}

}  // namespace huntbook::planner
