#include "huntbook/functions/column_writer.h"

namespace huntbook::functions {

IntColumnWriter::IntColumnWriter(TypeKind type, size_t rows)
    : column_(std::make_shared<Column>(type)), rows_(rows) {
  column_->mutable_ints().resize(rows);
  values_ = column_->mutable_ints().data();
}

ColumnPtr IntColumnWriter::Finish() {
  column_->SetSizeAfterBulkWrite(rows_);
  for (size_t i : null_rows_) column_->SetNull(i);
  return column_;
}

RealColumnWriter::RealColumnWriter(TypeKind type, size_t rows)
    : column_(std::make_shared<Column>(type)), rows_(rows) {
  column_->mutable_reals().resize(rows);
  values_ = column_->mutable_reals().data();
}

ColumnPtr RealColumnWriter::Finish() {
  column_->SetSizeAfterBulkWrite(rows_);
  for (size_t i : null_rows_) column_->SetNull(i);
  return column_;
}

std::vector<TypeKind> ArgTypes(std::span<const ColumnPtr> args) {
  std::vector<TypeKind> types;
  types.reserve(args.size());
  for (const ColumnPtr& arg : args) types.push_back(arg->type());
  return types;
}

void AppendValue(const Value& v, Column* out) {
  TypeKind type = out->type();
  if (v.is_null() || type == TypeKind::kNull) {
    if (type == TypeKind::kString) {
      out->AppendString("");
    } else {
      out->AppendNull();
    }
    return;
  }
  if (v.type() == type) {
    out->Append(v);
  } else if (IsRealStored(type) && (IsRealStored(v.type()) || IsNumeric(v.type()))) {
    out->AppendReal(v.AsDouble());
  } else if (IsIntegerStored(type) && IsIntegerStored(v.type())) {
    out->AppendInt(v.int_value());
  } else if (IsStringStored(type) && IsStringStored(v.type())) {
    out->AppendString(v.string_value());
  } else if (type == TypeKind::kString) {
    out->AppendString("");
  } else {
    out->AppendNull();
  }
}

KernelFn MakeRowKernel(BindFn bind, RowFn fn) {
  return [bind = std::move(bind), fn = std::move(fn)](
             std::span<const ColumnPtr> args, size_t rows,
             const EvalContext& context) -> Result<ColumnPtr> {
    std::vector<TypeKind> types = ArgTypes(args);
    ASSIGN_OR_RETURN(TypeKind result_type, bind(types));
    auto out = std::make_shared<Column>(result_type);
    out->Reserve(rows);
    std::vector<Value> values(args.size());
    for (size_t i = 0; i < rows; ++i) {
      for (size_t a = 0; a < args.size(); ++a) {
        const Column& column = *args[a];
        values[a] = column.type() == TypeKind::kNull ? Value() : column.Get(At(column, i));
      }
      AppendValue(fn(values, context), out.get());
    }
    return ColumnPtr(out);
  };
}

}  // namespace huntbook::functions
