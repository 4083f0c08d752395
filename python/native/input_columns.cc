#include "input_columns.h"

#include <pybind11/numpy.h>

#include <memory>
#include <string>

#include "python_value.h"

namespace py = pybind11;

namespace huntbook::python {

namespace {

using IntArray = py::array_t<int64_t, py::array::c_style | py::array::forcecast>;
using RealArray = py::array_t<double, py::array::c_style | py::array::forcecast>;
using MaskArray = py::array_t<bool, py::array::c_style | py::array::forcecast>;

Status ColumnError(const std::string& name, const std::string& message) {
  return InvalidArgument("column '" + name + "': " + message);
}

Result<std::shared_ptr<Column>> ReadColumn(const std::string& name, TypeKind type,
                                           py::handle values, py::handle mask_object,
                                           size_t& rows) {
  auto column = std::make_shared<Column>(type);
  std::optional<MaskArray> mask;
  if (!mask_object.is_none()) mask = MaskArray::ensure(mask_object);
  auto is_null = [&](size_t i) { return mask && mask->data()[i]; };
  auto check_rows = [&](size_t count) -> Status {
    if (mask && static_cast<size_t>(mask->size()) != count) {
      return ColumnError(name, "mask length differs from the values");
    }
    if (rows == SIZE_MAX) rows = count;
    if (count != rows) return ColumnError(name, "length differs from the other columns");
    return Status::OK();
  };
  if (IsIntegerStored(type)) {
    IntArray array = IntArray::ensure(values);
    if (!array) return ColumnError(name, "values are not integers");
    RETURN_IF_ERROR(check_rows(static_cast<size_t>(array.size())));
    column->Reserve(rows);
    const int64_t* data = array.data();
    for (size_t i = 0; i < rows; ++i) {
      if (is_null(i)) {
        column->AppendNull();
        continue;
      }
      int64_t v = data[i];
      if (type == TypeKind::kInt && (v < INT32_MIN || v > INT32_MAX)) {
        return ColumnError(name, "row " + std::to_string(i) + ": " + std::to_string(v) +
                                     " does not fit in an int");
      }
      if (type == TypeKind::kBool) v = v != 0;
      column->AppendInt(v);
    }
    return column;
  }
  if (IsRealStored(type)) {
    RealArray array = RealArray::ensure(values);
    if (!array) return ColumnError(name, "values are not numbers");
    RETURN_IF_ERROR(check_rows(static_cast<size_t>(array.size())));
    column->Reserve(rows);
    const double* data = array.data();
    for (size_t i = 0; i < rows; ++i) {
      if (is_null(i)) {
        column->AppendNull();
      } else {
        column->AppendReal(data[i]);
      }
    }
    return column;
  }
  py::sequence cells = py::reinterpret_borrow<py::sequence>(values);
  RETURN_IF_ERROR(check_rows(cells.size()));
  column->Reserve(rows);
  for (size_t i = 0; i < rows; ++i) {
    py::object item = cells[i];
    if (IsStringStored(type)) {
      if (item.is_none()) {
        column->AppendString("");
        continue;
      }
      if (!py::isinstance<py::str>(item)) {
        return ColumnError(name, "row " + std::to_string(i) + " is not a str");
      }
      Py_ssize_t size = 0;
      const char* data = PyUnicode_AsUTF8AndSize(item.ptr(), &size);
      if (data == nullptr) throw py::error_already_set();
      column->AppendString(std::string_view(data, static_cast<size_t>(size)));
      continue;
    }
    // dynamic: JSON text per cell.
    if (item.is_none() || is_null(i)) {
      column->AppendNull();
      continue;
    }
    if (!py::isinstance<py::str>(item)) {
      return ColumnError(name, "row " + std::to_string(i) + " is not JSON text");
    }
    Result<Dynamic> parsed = Dynamic::Parse(item.cast<std::string>());
    if (!parsed.ok()) {
      return ColumnError(name, "row " + std::to_string(i) + ": " + parsed.status().message());
    }
    column->AppendDynamic(std::move(parsed).value());
  }
  return column;
}

}  // namespace

Result<Table> TableFromColumns(py::handle columns) {
  Table table;
  size_t rows = SIZE_MAX;
  for (py::handle entry : columns) {
    py::tuple parts = py::reinterpret_borrow<py::tuple>(entry);
    if (parts.size() != 4) return InvalidArgument("a column is (name, kind, values, mask)");
    std::string name = parts[0].cast<std::string>();
    std::string kind = parts[1].cast<std::string>();
    std::optional<TypeKind> type = ParseTypeName(kind);
    if (!type || *type == TypeKind::kNull) {
      return ColumnError(name, "unknown type '" + kind + "'");
    }
    if (table.FindColumn(name) >= 0) return ColumnError(name, "appears twice");
    ASSIGN_OR_RETURN(std::shared_ptr<Column> column,
                     ReadColumn(name, *type, parts[2], parts[3], rows));
    table.schema.push_back({name, *type});
    table.columns.push_back(std::move(column));
  }
  table.rows = rows == SIZE_MAX ? 0 : rows;
  return table;
}

}  // namespace huntbook::python
