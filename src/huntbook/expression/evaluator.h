// Vectorized evaluation of a BoundExpr over one batch (a Table chunk).
//
// The result has input.rows rows, or 1 row when every input of the expression is a
// constant (callers broadcast with At()). Evaluation never throws; run-time errors that
// Kusto raises (invalid regex) come back as a Status.
#pragma once

#include "huntbook/common/status.h"
#include "huntbook/expression/bound_expr.h"
#include "huntbook/functions/scalar_function.h"
#include "huntbook/vector/column.h"

namespace huntbook::expression {

Result<ColumnPtr> Evaluate(const BoundExpr& expr, const Table& input,
                           const functions::EvalContext& context);

// Evaluates an expression that references no columns to one Value.
Result<Value> EvaluateConstant(const BoundExpr& expr, const functions::EvalContext& context);

// Rows of a bool column that are true (null and false drop out), as Kusto's `where` keeps.
std::vector<uint32_t> SelectTrue(const Column& predicate, size_t rows);

}  // namespace huntbook::expression
