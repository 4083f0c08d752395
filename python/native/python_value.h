// Conversions of single values between Python objects and huntbook values.
//
// Python hands typed values over as (kind, payload) pairs already normalised by
// huntbook/parameters.py, so the C++ side never guesses a type: kind is a KQL type name and
// the payload is a bool, int (also datetime/timespan ticks), float, str (also guid, decimal
// text) or JSON text (dynamic). The opposite direction turns a Dynamic into plain Python
// objects (None, bool, int, float, str, list, dict).
//
// REQUIRES: the GIL is held by the caller of every function here.
#pragma once

#include <pybind11/pybind11.h>

#include <string_view>

#include "huntbook/common/status.h"
#include "huntbook/types/dynamic.h"
#include "huntbook/types/value.h"

namespace huntbook::python {

// A Value of the KQL type `kind` from its payload; `kind` "null" gives an untyped null.
// InvalidArgument naming `name` when the payload does not fit the kind.
Result<Value> ValueFromPayload(std::string_view name, std::string_view kind,
                               pybind11::handle payload);

// Plain Python objects for a dynamic value. Datetimes, timespans and guids inside a dynamic
// become their Kusto text forms, as they do in JSON.
pybind11::object DynamicToPython(const Dynamic& value);

// A new reference to a Python str holding UTF-8 bytes (invalid sequences replaced).
PyObject* NewPythonString(std::string_view text);

}  // namespace huntbook::python
