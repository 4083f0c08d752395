// The Python face of engine::Engine: `huntbook._native.Engine`.
//
// Every method returns a dict and never raises for an expected failure: errors come back as
// {"error": {"code", "message", "line", "column"}} and huntbook/errors.py turns them into
// huntbook.KqlError (exceptions stay on the Python side of the boundary). Queries run with
// the GIL released, so other Python threads keep running; one Engine may be used from
// several threads at once.
#pragma once

#include <pybind11/pybind11.h>

namespace huntbook::python {

void RegisterEngine(pybind11::module_& module);

}  // namespace huntbook::python
