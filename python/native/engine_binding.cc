#include "engine_binding.h"

#include <pybind11/stl.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "huntbook/engine/engine.h"
#include "huntbook/ingest/reader.h"
#include "huntbook/storage/store.h"
#include "input_columns.h"
#include "python_value.h"
#include "result_columns.h"

namespace py = pybind11;

namespace huntbook::python {

namespace {

py::dict ErrorDict(const Status& status) {
  py::dict error;
  error["code"] = StatusCodeName(status.code());
  error["message"] = status.message();
  error["line"] = status.position().line;
  error["column"] = status.position().column;
  py::dict result;
  result["error"] = std::move(error);
  return result;
}

py::dict RenderDict(const engine::RenderInfo& render) {
  py::dict properties;
  for (const auto& [key, value] : render.properties) properties[py::str(key)] = value;
  py::dict dict;
  dict["visualization"] = render.visualization;
  dict["properties"] = std::move(properties);
  return dict;
}

// Query options from the Python arguments; InvalidArgument names the bad parameter.
Result<engine::QueryOptions> MakeOptions(const std::string& workspace, py::handle parameters,
                                         py::handle tables, py::handle time_range, size_t max_rows,
                                         py::handle now_ticks) {
  engine::QueryOptions options;
  options.workspace = workspace;
  options.max_rows = max_rows;
  if (!now_ticks.is_none()) options.now_ticks = now_ticks.cast<int64_t>();
  if (!time_range.is_none()) {
    py::tuple range = py::reinterpret_borrow<py::tuple>(time_range);
    options.time_range =
        engine::QueryOptions::TimeRange{range[0].cast<int64_t>(), range[1].cast<int64_t>()};
  }
  for (py::handle entry : parameters) {
    py::tuple parts = py::reinterpret_borrow<py::tuple>(entry);
    std::string name = parts[0].cast<std::string>();
    std::string kind = parts[1].cast<std::string>();
    ASSIGN_OR_RETURN(Value value, ValueFromPayload(name, kind, parts[2]));
    options.parameters[name] = std::move(value);
  }
  for (py::handle entry : tables) {
    py::tuple parts = py::reinterpret_borrow<py::tuple>(entry);
    std::string name = parts[0].cast<std::string>();
    Result<Table> table = TableFromColumns(parts[1]);
    if (!table.ok()) return table.status().WithContext("table parameter '" + name + "': ");
    options.tables[name] = std::move(table).value();
  }
  return options;
}

class PythonEngine {
 public:
  explicit PythonEngine(std::unique_ptr<engine::Engine> engine) : engine_(std::move(engine)) {}

  py::dict Query(const std::string& text, const std::string& workspace, py::handle parameters,
                 py::handle tables, py::handle time_range, size_t max_rows,
                 py::handle now_ticks) const {
    Result<engine::QueryOptions> options =
        MakeOptions(workspace, parameters, tables, time_range, max_rows, now_ticks);
    if (!options.ok()) return ErrorDict(options.status());
    auto start = std::chrono::steady_clock::now();
    std::optional<Result<engine::QueryResult>> result;
    {
      py::gil_scoped_release release;
      result.emplace(engine_->Query(text, *options));
    }
    double query_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!result->ok()) return ErrorDict(result->status());
    const engine::QueryResult& query = result->value();
    py::dict out;
    out["columns"] = ResultColumns(query.table);
    out["rows"] = query.table.rows;
    out["truncated"] = query.truncated;
    out["render"] = query.render ? py::object(RenderDict(*query.render)) : py::none();
    out["query_seconds"] = query_seconds;
    return out;
  }

  py::dict IngestFile(const std::string& workspace, const std::string& table,
                      const std::string& path, const std::string& format_name) {
    std::optional<ingest::Format> format = ingest::ParseFormat(format_name);
    if (!format) return ErrorDict(InvalidArgument("unknown format '" + format_name + "'"));
    size_t rows = 0;
    Status status;
    {
      py::gil_scoped_release release;
      status = IngestFileLocked(workspace, table, path, *format, rows);
    }
    if (!status.ok()) return ErrorDict(status);
    py::dict out;
    out["rows"] = rows;
    return out;
  }

  py::dict Append(const std::string& workspace, const std::string& table, py::handle columns) {
    Result<Table> rows = TableFromColumns(columns);
    if (!rows.ok()) return ErrorDict(rows.status());
    Status status;
    {
      py::gil_scoped_release release;
      status = engine_->store().Append(workspace, table, *rows);
      if (status.ok()) status = engine_->store().Flush();
    }
    if (!status.ok()) return ErrorDict(status);
    py::dict out;
    out["rows"] = rows->rows;
    return out;
  }

  std::vector<std::string> ListTables(const std::string& workspace) const {
    return engine_->store().ListTables(workspace);
  }

  std::vector<std::string> ListWorkspaces() const { return engine_->store().ListWorkspaces(); }

  // [(column, type)] of a table, or the error dict.
  py::object Schema(const std::string& workspace, const std::string& table) const {
    Result<storage::TableSnapshot> snapshot = engine_->store().Snapshot(workspace, table);
    if (!snapshot.ok()) return ErrorDict(snapshot.status());
    py::list columns;
    for (const ColumnSchema& column : snapshot->schema) {
      columns.append(py::make_tuple(column.name, std::string(TypeName(column.type))));
    }
    return columns;
  }

 private:
  Status IngestFileLocked(const std::string& workspace, const std::string& table,
                          const std::string& path, ingest::Format format, size_t& rows) {
    storage::Store& store = engine_->store();
    std::vector<ColumnSchema> schema;
    if (Result<storage::TableSnapshot> snapshot = store.Snapshot(workspace, table); snapshot.ok()) {
      schema = snapshot->schema;
    }
    constexpr size_t kBatchBytes = size_t{1} << 30;
    RETURN_IF_ERROR(
        ingest::ReadFileInBatches(path, format, schema, kBatchBytes, [&](Table batch) -> Status {
          RETURN_IF_ERROR(store.Append(workspace, table, batch));
          rows += batch.rows;
          return Status::OK();
        }));
    return store.Flush();
  }

  // Engine is const-callable for queries; the store is reached for ingestion only.
  std::unique_ptr<engine::Engine> engine_;
};

py::dict OpenEngine(const std::string& data_dir) {
  Result<std::unique_ptr<engine::Engine>> engine = [&] {
    py::gil_scoped_release release;
    return engine::Engine::Open(data_dir);
  }();
  if (!engine.ok()) return ErrorDict(engine.status());
  py::dict out;
  out["engine"] = py::cast(std::make_unique<PythonEngine>(std::move(engine).value()));
  return out;
}

}  // namespace

void RegisterEngine(py::module_& module) {
  py::class_<PythonEngine>(module, "Engine",
                           "An in-process huntbook engine over one data directory.")
      .def("query", &PythonEngine::Query, py::arg("text"), py::arg("workspace"),
           py::arg("parameters"), py::arg("tables"), py::arg("time_range"), py::arg("max_rows"),
           py::arg("now_ticks"),
           "Runs a KQL query. Returns {'columns', 'rows', 'truncated', 'render', "
           "'query_seconds'} or {'error': {...}}.")
      .def("ingest_file", &PythonEngine::IngestFile, py::arg("workspace"), py::arg("table"),
           py::arg("path"), py::arg("format"),
           "Appends a CSV/JSON/JSON Lines file to a table durably. Returns {'rows'} or "
           "{'error'}.")
      .def("append", &PythonEngine::Append, py::arg("workspace"), py::arg("table"),
           py::arg("columns"),
           "Appends typed columns [(name, kind, values, mask)] to a table durably.")
      .def("list_tables", &PythonEngine::ListTables, py::arg("workspace"))
      .def("list_workspaces", &PythonEngine::ListWorkspaces)
      .def("schema", &PythonEngine::Schema, py::arg("workspace"), py::arg("table"));
  module.def("open_engine", &OpenEngine, py::arg("data_dir"),
             "Opens (creating if needed) a data directory. Returns {'engine'} or {'error'}.");
}

}  // namespace huntbook::python
