// huntbook._native: the private extension module behind the `huntbook` package. Only
// huntbook/*.py use it; its interface may change with the engine.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "engine_binding.h"
#include "result_columns.h"

namespace py = pybind11;

PYBIND11_MODULE(_native, module) {
  module.doc() = "huntbook's in-process engine (private; use the huntbook package)";
  huntbook::python::RegisterEngine(module);
  module.attr("UNIX_EPOCH_TICKS") = huntbook::kUnixEpochTicks;
}
