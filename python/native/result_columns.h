// Columnar conversion of a result Table into numpy arrays, one pass per column, with no
// per-cell Python objects except for string and dynamic cells (which pandas stores as
// objects anyway).
//
// Each column becomes a dict {"name", "type" (KQL type name), "values", "mask"}:
//   bool        values: numpy bool,    mask: numpy bool (True = null)
//   int         values: numpy int32,   mask
//   long        values: numpy int64,   mask
//   real/decimal values: numpy float64, nulls as NaN, mask None
//   datetime    values: numpy int64 nanoseconds since the Unix epoch, null and values
//               outside datetime64[ns] (years 1677..2262) as INT64_MIN (NaT), mask None
//   timespan    values: numpy int64 nanoseconds, null/out of range as INT64_MIN (NaT)
//   string/guid values: numpy object array of str (repeated strings share one object)
//   dynamic     values: numpy object array of None/bool/int/float/str/list/dict
// The Python side (huntbook/results.py) wraps these in pandas arrays without copying.
//
// REQUIRES: the GIL is held.
#pragma once

#include <pybind11/pybind11.h>

#include <cstdint>
#include <optional>

#include "huntbook/vector/column.h"

namespace huntbook::python {

pybind11::list ResultColumns(const Table& table);

// Nanoseconds since the Unix epoch for datetime ticks, or nullopt outside int64 nanoseconds.
std::optional<int64_t> UnixNanosFromTicks(int64_t ticks);

}  // namespace huntbook::python
