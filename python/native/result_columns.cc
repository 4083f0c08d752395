#include "result_columns.h"

#include <pybind11/numpy.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "python_value.h"

namespace py = pybind11;

namespace huntbook::python {

namespace {

constexpr int64_t kNaT = std::numeric_limits<int64_t>::min();
// Distinct strings remembered per column so repeated values share one Python object; past
// this many the column keeps converting, without remembering more.
constexpr size_t kMaxSharedStrings = 1 << 16;

std::optional<int64_t> NanosFromTicks(int64_t ticks) {
  int64_t nanos = 0;
  if (__builtin_mul_overflow(ticks, int64_t{100}, &nanos) || nanos == kNaT) return std::nullopt;
  return nanos;
}

template <typename T>
py::array_t<T> NewArray(size_t rows) {
  return py::array_t<T>(static_cast<py::ssize_t>(rows));
}

// Null mask, or None when the column has no nulls.
py::object Mask(const Column& column, size_t rows) {
  if (!column.has_nulls()) return py::none();
  py::array_t<bool> mask = NewArray<bool>(rows);
  bool* out = mask.mutable_data();
  for (size_t i = 0; i < rows; ++i) out[i] = column.IsNull(At(column, i));
  return mask;
}

template <typename T>
py::object IntegerValues(const Column& column, size_t rows) {
  py::array_t<T> values = NewArray<T>(rows);
  T* out = values.mutable_data();
  const std::vector<int64_t>& ints = column.ints();
  if (column.size() == rows && ints.size() == rows) {
    for (size_t i = 0; i < rows; ++i) out[i] = static_cast<T>(ints[i]);
  } else {
    for (size_t i = 0; i < rows; ++i) {
      size_t row = At(column, i);
      out[i] = column.IsNull(row) ? T{} : static_cast<T>(column.GetInt(row));
    }
  }
  return values;
}

py::object RealValues(const Column& column, size_t rows) {
  py::array_t<double> values = NewArray<double>(rows);
  double* out = values.mutable_data();
  for (size_t i = 0; i < rows; ++i) {
    size_t row = At(column, i);
    out[i] = column.IsNull(row) ? std::nan("") : column.GetReal(row);
  }
  return values;
}

// Datetimes shift to the Unix epoch; timespans do not.
py::object TimeValues(const Column& column, size_t rows, int64_t epoch_ticks) {
  py::array_t<int64_t> values = NewArray<int64_t>(rows);
  int64_t* out = values.mutable_data();
  for (size_t i = 0; i < rows; ++i) {
    size_t row = At(column, i);
    if (column.IsNull(row)) {
      out[i] = kNaT;
      continue;
    }
    int64_t ticks = 0;
    if (__builtin_sub_overflow(column.GetInt(row), epoch_ticks, &ticks)) {
      out[i] = kNaT;
      continue;
    }
    out[i] = NanosFromTicks(ticks).value_or(kNaT);
  }
  return values;
}

// A numpy object array of `rows` slots, each set by `make(i)` (a new reference).
template <typename MakeObject>
py::object ObjectValues(size_t rows, MakeObject make) {
  py::array values(py::dtype("O"), std::vector<py::ssize_t>{static_cast<py::ssize_t>(rows)});
  PyObject** slots = static_cast<PyObject**>(values.mutable_data());
  // numpy leaves a new object array's memory uninitialised: clear it first, so a failure
  // half-way leaves NULL slots (which numpy releases with Py_XDECREF), never garbage.
  std::fill(slots, slots + rows, nullptr);
  for (size_t i = 0; i < rows; ++i) {
    PyObject* object = make(i);
    if (object == nullptr) throw py::error_already_set();
    slots[i] = object;
  }
  return values;
}

py::object StringValues(const Column& column, size_t rows) {
  std::unordered_map<std::string_view, PyObject*> shared;
  auto result = ObjectValues(rows, [&](size_t i) -> PyObject* {
    std::string_view text = column.GetString(At(column, i));
    auto found = shared.find(text);
    if (found != shared.end()) {
      Py_INCREF(found->second);
      return found->second;
    }
    PyObject* object = NewPythonString(text);
    if (object != nullptr && shared.size() < kMaxSharedStrings) {
      shared.emplace(text, object);  // the array's reference keeps it alive
    }
    return object;
  });
  return result;
}

py::object DynamicValues(const Column& column, size_t rows) {
  return ObjectValues(rows, [&](size_t i) -> PyObject* {
    size_t row = At(column, i);
    if (column.IsNull(row)) {
      Py_INCREF(Py_None);
      return Py_None;
    }
    return DynamicToPython(column.GetDynamic(row)).release().ptr();
  });
}

}  // namespace

std::optional<int64_t> UnixNanosFromTicks(int64_t ticks) {
  int64_t since_epoch = 0;
  if (__builtin_sub_overflow(ticks, kUnixEpochTicks, &since_epoch)) return std::nullopt;
  return NanosFromTicks(since_epoch);
}

py::list ResultColumns(const Table& table) {
  py::list columns;
  for (size_t c = 0; c < table.columns.size(); ++c) {
    const Column& column = *table.columns[c];
    const TypeKind type = table.schema[c].type;
    const size_t rows = table.rows;
    py::object values;
    py::object mask = py::none();
    switch (type) {
      case TypeKind::kBool:
        values = IntegerValues<bool>(column, rows);
        mask = Mask(column, rows);
        break;
      case TypeKind::kInt:
        values = IntegerValues<int32_t>(column, rows);
        mask = Mask(column, rows);
        break;
      case TypeKind::kLong:
        values = IntegerValues<int64_t>(column, rows);
        mask = Mask(column, rows);
        break;
      case TypeKind::kReal:
      case TypeKind::kDecimal:
        values = RealValues(column, rows);
        break;
      case TypeKind::kDateTime:
        values = TimeValues(column, rows, kUnixEpochTicks);
        break;
      case TypeKind::kTimespan:
        values = TimeValues(column, rows, 0);
        break;
      case TypeKind::kString:
      case TypeKind::kGuid:
        values = StringValues(column, rows);
        break;
      case TypeKind::kDynamic:
        values = DynamicValues(column, rows);
        break;
      case TypeKind::kNull:
        values = ObjectValues(rows, [](size_t) {
          Py_INCREF(Py_None);
          return Py_None;
        });
        break;
    }
    py::dict entry;
    entry["name"] = table.schema[c].name;
    entry["type"] = std::string(TypeName(type));
    entry["values"] = std::move(values);
    entry["mask"] = std::move(mask);
    columns.append(std::move(entry));
  }
  return columns;
}

}  // namespace huntbook::python
