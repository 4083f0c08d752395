#include "huntbook/expression/evaluator.h"

#include <cmath>
#include <cstring>
#include <unordered_set>

#include "huntbook/common/term.h"
#include "huntbook/functions/conversion.h"

namespace huntbook::expression {

namespace {

using functions::EvalContext;

// Rows of the result: those of any full-length argument (which may be 0), else 1 (all
// arguments are constants).
size_t ResultRows(const std::vector<ColumnPtr>& args) {
  for (const ColumnPtr& a : args) {
    if (a->size() != 1) return a->size();
  }
  return 1;
}

int64_t WrapAdd(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}
int64_t WrapSub(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) - static_cast<uint64_t>(b));
}
int64_t WrapMul(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b));
}

// Kusto's modulo: the result lies in [0, abs(divisor)).
int64_t Modulo(int64_t a, int64_t b) {
  if (b == -1) return 0;
  int64_t r = a % b;
  if (r < 0) r += (b < 0 ? -b : b);
  return r;
}

// Integer arithmetic (int, long, datetime, timespan operands; both int-stored).
ColumnPtr IntArith(const std::string& op, const Column& a, const Column& b, size_t rows,
                   TypeKind out_type) {
  auto out = std::make_shared<Column>(out_type);
  auto& values = out->mutable_ints();
  values.resize(rows);
  std::vector<uint32_t> null_rows;
  const bool fast = a.size() == rows && b.size() == rows && !a.has_nulls() && !b.has_nulls();
  const int64_t* pa = a.ints().data();
  const int64_t* pb = b.ints().data();
  const char c = op[0];
  for (size_t i = 0; i < rows; ++i) {
    size_t ia = fast ? i : At(a, i), ib = fast ? i : At(b, i);
    if (!fast && (a.IsNull(ia) || b.IsNull(ib))) {
      null_rows.push_back(i);
      continue;
    }
    int64_t x = pa[ia], y = pb[ib];
    switch (c) {
      case '+':
        values[i] = WrapAdd(x, y);
        break;
      case '-':
        values[i] = WrapSub(x, y);
        break;
      case '*':
        values[i] = WrapMul(x, y);
        break;
      case '/':
        if (y == 0) {
          null_rows.push_back(i);
        } else {
          values[i] = (y == -1) ? WrapSub(0, x) : x / y;
        }
        break;
      case '%':
        if (y == 0)
          null_rows.push_back(i);
        else
          values[i] = Modulo(x, y);
        break;
    }
  }
  out->SetSizeAfterBulkWrite(rows);
  for (uint32_t r : null_rows) out->SetNull(r);
  if (out_type == TypeKind::kInt) {
    for (auto& v : values) v = static_cast<int32_t>(v);
  }
  return out;
}

ColumnPtr RealArith(const std::string& op, const Column& a, const Column& b, size_t rows,
                    TypeKind out_type) {
  auto out = std::make_shared<Column>(out_type);
  auto& values = out->mutable_reals();
  values.resize(rows);
  std::vector<uint32_t> null_rows;
  const char c = op[0];
  for (size_t i = 0; i < rows; ++i) {
    size_t ia = At(a, i), ib = At(b, i);
    if (a.IsNull(ia) || b.IsNull(ib)) {
      null_rows.push_back(i);
      continue;
    }
    double x = a.GetDouble(ia), y = b.GetDouble(ib);
    switch (c) {
      case '+':
        values[i] = x + y;
        break;
      case '-':
        values[i] = x - y;
        break;
      case '*':
        values[i] = x * y;
        break;
      case '/':
        values[i] = x / y;
        break;
      case '%': {
        double r = std::fmod(x, y);
        if (r < 0) r += std::fabs(y);
        values[i] = r;
        break;
      }
    }
  }
  out->SetSizeAfterBulkWrite(rows);
  for (uint32_t r : null_rows) out->SetNull(r);
  return out;
}

// timespan * number, number * timespan, timespan / number -> timespan;
// timespan / timespan -> real.
ColumnPtr TimespanScale(const std::string& op, const Column& a, const Column& b, size_t rows,
                        TypeKind out_type) {
  auto out = std::make_shared<Column>(out_type);
  for (size_t i = 0; i < rows; ++i) {
    size_t ia = At(a, i), ib = At(b, i);
    if (a.IsNull(ia) || b.IsNull(ib)) {
      out->AppendNull();
      continue;
    }
    double x = a.GetDouble(ia), y = b.GetDouble(ib);
    double r = op == "*" ? x * y : x / y;
    if (out_type == TypeKind::kReal) {
      out->AppendReal(r);
    } else if (!std::isfinite(r)) {
      out->AppendNull();
    } else {
      out->AppendInt(static_cast<int64_t>(r));
    }
  }
  return out;
}

Result<ColumnPtr> Arith(const BoundExpr& e, const ColumnPtr& a, const ColumnPtr& b, size_t rows) {
  TypeKind ta = a->type(), tb = b->type();
  if (e.type == TypeKind::kReal || e.type == TypeKind::kDecimal) {
    if (ta == TypeKind::kTimespan && tb == TypeKind::kTimespan) {
      return TimespanScale(e.op, *a, *b, rows, e.type);
    }
    return RealArith(e.op, *a, *b, rows, e.type);
  }
  if (e.type == TypeKind::kTimespan && (e.op == "*" || e.op == "/") &&
      (ta != TypeKind::kTimespan || tb != TypeKind::kTimespan)) {
    if (IsRealStored(ta) || IsRealStored(tb) || e.op == "/") {
      return TimespanScale(e.op, *a, *b, rows, e.type);
    }
  }
  return IntArith(e.op, *a, *b, rows, e.type);
}

// Three-way comparison of row ia of a with row ib of b (neither null).
int CompareRows(const Column& a, size_t ia, const Column& b, size_t ib) {
  TypeKind ta = a.type(), tb = b.type();
  if (IsStringStored(ta) && IsStringStored(tb)) {
    int c = a.GetString(ia).compare(b.GetString(ib));
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  if (IsIntegerStored(ta) && IsIntegerStored(tb)) {
    int64_t x = a.GetInt(ia), y = b.GetInt(ib);
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  if ((IsIntegerStored(ta) || IsRealStored(ta)) && (IsIntegerStored(tb) || IsRealStored(tb))) {
    double x = a.GetDouble(ia), y = b.GetDouble(ib);
    if (std::isnan(x) || std::isnan(y)) return 2;  // unordered
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  if (ta == TypeKind::kDynamic && tb == TypeKind::kDynamic) {
    return a.GetDynamic(ia) == b.GetDynamic(ib) ? 0 : 2;
  }
  return 2;
}

Result<ColumnPtr> Compare(const BoundExpr& e, const ColumnPtr& a, const ColumnPtr& b, size_t rows) {
  auto out = std::make_shared<Column>(TypeKind::kBool);
  auto& values = out->mutable_ints();
  values.resize(rows);
  std::vector<uint32_t> null_rows;
  const std::string& op = e.op;
  const bool eq = op == "==", ne = op == "!=";
  // Fast path: full int columns against a constant.
  if (IsIntegerStored(a->type()) && IsIntegerStored(b->type()) && a->size() == rows &&
      !a->has_nulls() && b->size() == 1 && !b->IsNull(0)) {
    const int64_t* pa = a->ints().data();
    const int64_t y = b->GetInt(0);
    if (eq)
      for (size_t i = 0; i < rows; ++i) values[i] = pa[i] == y;
    else if (ne)
      for (size_t i = 0; i < rows; ++i) values[i] = pa[i] != y;
    else if (op == "<")
      for (size_t i = 0; i < rows; ++i) values[i] = pa[i] < y;
    else if (op == "<=")
      for (size_t i = 0; i < rows; ++i) values[i] = pa[i] <= y;
    else if (op == ">")
      for (size_t i = 0; i < rows; ++i) values[i] = pa[i] > y;
    else
      for (size_t i = 0; i < rows; ++i) values[i] = pa[i] >= y;
    out->SetSizeAfterBulkWrite(rows);
    return ColumnPtr(out);
  }
  for (size_t i = 0; i < rows; ++i) {
    size_t ia = At(*a, i), ib = At(*b, i);
    bool na = a->IsNull(ia), nb = b->IsNull(ib);
    if (na || nb) {
      // https://learn.microsoft.com/kusto/query/null-values: null == value is false,
      // null != value is true, null vs null is null; ordering comparisons give null.
      if ((eq || ne) && !(na && nb)) {
        values[i] = ne;
      } else {
        null_rows.push_back(i);
      }
      continue;
    }
    int c = CompareRows(*a, ia, *b, ib);
    bool r = false;
    if (eq)
      r = c == 0;
    else if (ne)
      r = c != 0;
    else if (c == 2)
      r = false;
    else if (op == "<")
      r = c < 0;
    else if (op == "<=")
      r = c <= 0;
    else if (op == ">")
      r = c > 0;
    else if (op == ">=")
      r = c >= 0;
    values[i] = r;
  }
  out->SetSizeAfterBulkWrite(rows);
  for (uint32_t r : null_rows) out->SetNull(r);
  return ColumnPtr(out);
}

// Kusto's three-valued and/or.
ColumnPtr Logic(bool is_and, const Column& a, const Column& b, size_t rows) {
  auto out = std::make_shared<Column>(TypeKind::kBool);
  for (size_t i = 0; i < rows; ++i) {
    size_t ia = At(a, i), ib = At(b, i);
    bool na = a.IsNull(ia), nb = b.IsNull(ib);
    bool x = !na && a.GetInt(ia) != 0, y = !nb && b.GetInt(ib) != 0;
    if (is_and) {
      if ((!na && !x) || (!nb && !y))
        out->AppendInt(0);
      else if (na || nb)
        out->AppendNull();
      else
        out->AppendInt(1);
    } else {
      if ((!na && x) || (!nb && y))
        out->AppendInt(1);
      else if (na || nb)
        out->AppendNull();
      else
        out->AppendInt(0);
    }
  }
  return out;
}

std::string FoldForIn(std::string_view s, bool case_insensitive) {
  return case_insensitive ? AsciiLower(s) : std::string(s);
}

Result<ColumnPtr> InList(const BoundExpr& e, const ColumnPtr& a, size_t rows) {
  const bool negate = e.op[0] == '!';
  const bool ci = e.op.back() == '~';
  auto out = std::make_shared<Column>(TypeKind::kBool);
  auto& values = out->mutable_ints();
  values.resize(rows);
  if (IsStringStored(a->type()) || a->type() == TypeKind::kDynamic) {
    std::unordered_set<std::string> set;
    for (const Value& v : e.list) {
      if (v.is_null()) continue;
      set.insert(FoldForIn(v.ToString(), ci));
    }
    for (size_t i = 0; i < rows; ++i) {
      size_t ia = At(*a, i);
      bool hit;
      if (a->type() == TypeKind::kDynamic) {
        hit = !a->IsNull(ia) && !a->GetDynamic(ia).is_null() &&
              set.count(FoldForIn(a->Get(ia).ToString(), ci)) > 0;
      } else if (ci) {
        hit = set.count(AsciiLower(a->GetString(ia))) > 0;
      } else {
        hit = set.count(std::string(a->GetString(ia))) > 0;
      }
      values[i] = hit != negate;
    }
  } else {
    std::vector<double> reals;
    std::unordered_set<int64_t> ints;
    for (const Value& v : e.list) {
      if (v.is_null()) continue;
      if (IsRealStored(v.type()) || IsRealStored(a->type()))
        reals.push_back(v.AsDouble());
      else
        ints.insert(v.int_value());
    }
    for (size_t i = 0; i < rows; ++i) {
      size_t ia = At(*a, i);
      bool hit = false;
      if (!a->IsNull(ia)) {
        if (IsRealStored(a->type())) {
          double x = a->GetReal(ia);
          for (double r : reals) hit |= r == x;
        } else {
          hit = ints.count(a->GetInt(ia)) > 0;
          for (double r : reals) hit |= r == static_cast<double>(a->GetInt(ia));
        }
      }
      values[i] = hit != negate;
    }
  }
  out->SetSizeAfterBulkWrite(rows);
  return ColumnPtr(out);
}

Result<ColumnPtr> Between(const BoundExpr& e, const ColumnPtr& v, const ColumnPtr& lo,
                          const ColumnPtr& hi, size_t rows) {
  const bool negate = e.op == "!between";
  auto out = std::make_shared<Column>(TypeKind::kBool);
  for (size_t i = 0; i < rows; ++i) {
    size_t iv = At(*v, i), il = At(*lo, i), ih = At(*hi, i);
    if (v->IsNull(iv) || lo->IsNull(il) || hi->IsNull(ih)) {
      out->AppendNull();
      continue;
    }
    int c1 = CompareRows(*v, iv, *lo, il), c2 = CompareRows(*v, iv, *hi, ih);
    bool in = c1 != 2 && c2 != 2 && c1 >= 0 && c2 <= 0;
    out->AppendInt(in != negate);
  }
  return ColumnPtr(out);
}

Result<ColumnPtr> Access(const BoundExpr& e, const ColumnPtr& d, const ColumnPtr* key,
                         size_t rows) {
  auto out = std::make_shared<Column>(TypeKind::kDynamic);
  out->Reserve(rows);
  for (size_t i = 0; i < rows; ++i) {
    size_t id = At(*d, i);
    if (d->IsNull(id)) {
      out->AppendDynamic(Dynamic());
      continue;
    }
    const Dynamic& value = d->GetDynamic(id);
    if (key == nullptr) {
      out->AppendDynamic(value.Get(e.member));
      continue;
    }
    const Column& k = **key;
    size_t ik = At(k, i);
    if (k.IsNull(ik)) {
      out->AppendDynamic(Dynamic());
    } else if (IsStringStored(k.type())) {
      out->AppendDynamic(value.Get(k.GetString(ik)));
    } else if (IsIntegerStored(k.type())) {
      out->AppendDynamic(value.At(k.GetInt(ik)));
    } else {
      out->AppendDynamic(Dynamic());
    }
  }
  return ColumnPtr(out);
}

}  // namespace

Result<ColumnPtr> Evaluate(const BoundExpr& e, const Table& input, const EvalContext& context) {
  switch (e.kind) {
    case BoundKind::kColumn:
      return input.columns[e.column];
    case BoundKind::kConstant:
      return ColumnPtr(Column::Constant(e.constant));
    default:
      break;
  }
  std::vector<ColumnPtr> args;
  args.reserve(e.args.size());
  for (const BoundExprPtr& arg : e.args) {
    ASSIGN_OR_RETURN(ColumnPtr column, Evaluate(*arg, input, context));
    args.push_back(std::move(column));
  }
  // A nondeterministic call (rand()) draws per row even when its arguments are constants.
  const bool per_row = e.kind == BoundKind::kCall && !e.function->deterministic;
  const size_t rows = per_row ? input.rows : ResultRows(args);
  switch (e.kind) {
    case BoundKind::kCall: {
      ASSIGN_OR_RETURN(ColumnPtr out, e.function->kernel(args, rows, context));
      if (out->size() != rows && out->size() != 1) {
        return Internal("function " + e.function->name + " returned a column of wrong size");
      }
      return out;
    }
    case BoundKind::kArith:
      return Arith(e, args[0], args[1], rows);
    case BoundKind::kNegate: {
      auto zero = e.type == TypeKind::kReal || e.type == TypeKind::kDecimal
                      ? Column::Constant(Value::Real(0))
                      : Column::Constant(Value::Int64(e.type, 0));
      BoundExpr sub = e;
      sub.op = "-";
      return Arith(sub, zero, args[0], rows);
    }
    case BoundKind::kCompare:
      return Compare(e, args[0], args[1], rows);
    case BoundKind::kAnd:
      return ColumnPtr(Logic(true, *args[0], *args[1], rows));
    case BoundKind::kOr:
      return ColumnPtr(Logic(false, *args[0], *args[1], rows));
    case BoundKind::kNot: {
      auto out = std::make_shared<Column>(TypeKind::kBool);
      for (size_t i = 0; i < rows; ++i) {
        if (args[0]->IsNull(i))
          out->AppendNull();
        else
          out->AppendInt(args[0]->GetInt(i) == 0);
      }
      return ColumnPtr(out);
    }
    case BoundKind::kInList:
      return InList(e, args[0], rows);
    case BoundKind::kBetween:
      return Between(e, args[0], args[1], args[2], rows);
    case BoundKind::kCast:
      return functions::CastColumn(*args[0], e.type);
    case BoundKind::kMember:
      return Access(e, args[0], nullptr, rows);
    case BoundKind::kIndex:
      return Access(e, args[0], &args[1], rows);
    default:
      break;
  }
  return Internal("unhandled expression kind");
}

Result<Value> EvaluateConstant(const BoundExpr& expr, const EvalContext& context) {
  Table empty;
  empty.rows = 1;
  ASSIGN_OR_RETURN(ColumnPtr column, Evaluate(expr, empty, context));
  if (column->size() < 1) return Internal("constant expression produced no value");
  return column->Get(0);
}

std::vector<uint32_t> SelectTrue(const Column& predicate, size_t rows) {
  std::vector<uint32_t> selected;
  if (predicate.size() == 1) {
    if (!predicate.IsNull(0) && predicate.GetInt(0) != 0) {
      selected.resize(rows);
      for (size_t i = 0; i < rows; ++i) selected[i] = static_cast<uint32_t>(i);
    }
    return selected;
  }
  const int64_t* values = predicate.ints().data();
  const bool nulls = predicate.has_nulls();
  for (size_t i = 0; i < rows; ++i) {
    if (values[i] != 0 && !(nulls && predicate.IsNull(i))) {
      selected.push_back(static_cast<uint32_t>(i));
    }
  }
  return selected;
}

}  // namespace huntbook::expression
