// A Table from columns handed over by Python (a DataFrame passed as a tabular query
// parameter or ingested into a table), already typed by huntbook/frames.py.
//
// `columns` is a sequence of (name, kind, values, mask) tuples, where kind is a KQL type
// name and:
//   bool/int/long          values: int64 array-like; datetime/timespan: int64 ticks
//   real/decimal           values: float64 array-like
//   string/guid            values: sequence of str
//   dynamic                values: sequence of JSON text, or None for null
// mask is None or a bool array-like (True = null); string cells ignore it (never null).
// All columns must have the same length. Errors (InvalidArgument) name the column.
//
// REQUIRES: the GIL is held.
#pragma once

#include <pybind11/pybind11.h>

#include "huntbook/common/status.h"
#include "huntbook/vector/column.h"

namespace huntbook::python {

Result<Table> TableFromColumns(pybind11::handle columns);

}  // namespace huntbook::python
