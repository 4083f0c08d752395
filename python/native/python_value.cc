#include "python_value.h"

#include <string>

#include "huntbook/types/datetime.h"

namespace py = pybind11;

namespace huntbook::python {

PyObject* NewPythonString(std::string_view text) {
  return PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "replace");
}

Result<Value> ValueFromPayload(std::string_view name, std::string_view kind, py::handle payload) {
  auto mismatch = [&](const char* expected) {
    return InvalidArgument("parameter '" + std::string(name) + "': a " + std::string(kind) +
                           " needs " + expected + ", got " +
                           std::string(py::str(payload.get_type().attr("__name__"))));
  };
  if (kind == "null") return Value();
  std::optional<TypeKind> type = ParseTypeName(kind);
  if (!type)
    return InvalidArgument("parameter '" + std::string(name) + "': unknown type '" +
                           std::string(kind) + "'");
  if (payload.is_none()) return Value::Null(*type);
  switch (*type) {
    case TypeKind::kBool:
      if (!py::isinstance<py::bool_>(payload)) return mismatch("a bool");
      return Value::Bool(payload.cast<bool>());
    case TypeKind::kInt:
    case TypeKind::kLong:
    case TypeKind::kDateTime:
    case TypeKind::kTimespan: {
      if (!py::isinstance<py::int_>(payload)) return mismatch("an int");
      int overflow = 0;
      long long v = PyLong_AsLongLongAndOverflow(payload.ptr(), &overflow);
      if (overflow != 0) {
        return InvalidArgument("parameter '" + std::string(name) +
                               "': " + std::string(py::str(payload)) + " does not fit in a " +
                               std::string(kind));
      }
      if (*type == TypeKind::kInt && (v < INT32_MIN || v > INT32_MAX)) {
        return InvalidArgument("parameter '" + std::string(name) + "': " + std::to_string(v) +
                               " does not fit in an int");
      }
      return Value::Int64(*type, v);
    }
    case TypeKind::kReal:
    case TypeKind::kDecimal:
      if (!py::isinstance<py::float_>(payload) && !py::isinstance<py::int_>(payload)) {
        return mismatch("a float");
      }
      return *type == TypeKind::kReal ? Value::Real(payload.cast<double>())
                                      : Value::Decimal(payload.cast<double>());
    case TypeKind::kString:
    case TypeKind::kGuid:
      if (!py::isinstance<py::str>(payload)) return mismatch("a str");
      return *type == TypeKind::kString ? Value::String(payload.cast<std::string>())
                                        : Value::Guid(payload.cast<std::string>());
    case TypeKind::kDynamic: {
      if (!py::isinstance<py::str>(payload)) return mismatch("JSON text");
      Result<Dynamic> parsed = Dynamic::Parse(payload.cast<std::string>());
      if (!parsed.ok()) {
        return InvalidArgument("parameter '" + std::string(name) +
                               "': " + parsed.status().message());
      }
      return Value::Dyn(std::move(parsed).value());
    }
    case TypeKind::kNull:
      break;
  }
  return Value();
}

py::object DynamicToPython(const Dynamic& value) {
  switch (value.kind()) {
    case Dynamic::Kind::kNull:
      return py::none();
    case Dynamic::Kind::kBool:
      return py::bool_(value.bool_value());
    case Dynamic::Kind::kLong:
      return py::int_(value.long_value());
    case Dynamic::Kind::kReal:
      return py::float_(value.real_value());
    case Dynamic::Kind::kString:
    case Dynamic::Kind::kGuid:
      return py::reinterpret_steal<py::object>(NewPythonString(value.string_value()));
    case Dynamic::Kind::kDateTime:
      return py::str(FormatDateTime(value.long_value()));
    case Dynamic::Kind::kTimespan:
      return py::str(FormatTimespan(value.long_value()));
    case Dynamic::Kind::kArray: {
      const Dynamic::Array& items = value.array();
      py::list list(items.size());
      for (size_t i = 0; i < items.size(); ++i) list[i] = DynamicToPython(items[i]);
      return list;
    }
    case Dynamic::Kind::kObject: {
      py::dict dict;
      for (const auto& [key, member] : value.object()) {
        dict[py::reinterpret_steal<py::object>(NewPythonString(key))] = DynamicToPython(member);
      }
      return dict;
    }
  }
  return py::none();
}

}  // namespace huntbook::python
