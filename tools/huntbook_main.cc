// The huntbook command line. Its interface is stable: scripts outside the repo rely on it.
//   huntbook ingest [--data DIR] [--workspace W] --table T [--format auto|csv|json|jsonl] FILE...
//   huntbook ingest [--data DIR] [--workspace W] [--table T] [--format evtx] FILE.evtx...
//   huntbook query  [--data DIR] [--workspace W] [--format table|csv|json] (QUERY | -f FILE)
//   huntbook check  [--schemas DIR] [--result-schema] (QUERY | -f FILE)
//   huntbook check  --schemas DIR --jsonl FILE        (check_command.h)
// Data directory: --data, else $HUNTBOOK_DATA, else ./data. Workspace: "default".
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "huntbook/engine/engine.h"
#include "huntbook/engine/result_format.h"
#include "huntbook/ingest/evtx_reader.h"
#include "huntbook/ingest/format_detection.h"
#include "huntbook/ingest/reader.h"
#include "huntbook/ingest/windows_event_tables.h"
#include "huntbook/storage/store.h"
#include "tools/check_command.h"
#include "tools/serve_command.h"

namespace huntbook::tools {
namespace {

constexpr const char* kUsage =
    "usage:\n"
    "  huntbook ingest [--data DIR] [--workspace W] --table T [--format auto|csv|json|jsonl] "
    "FILE...\n"
    "  huntbook ingest [--data DIR] [--workspace W] [--table T] [--format evtx] FILE.evtx...\n"
    "  huntbook query [--data DIR] [--workspace W] [--format table|csv|json] (QUERY | -f FILE)\n"
    "  huntbook check [--schemas DIR] [--result-schema] (QUERY | -f FILE)\n"
    "  huntbook check --schemas DIR --jsonl FILE|-\n"
    "  huntbook serve [--data DIR] [--listen HOST:PORT] [--anonymous] [--threads N]\n";

struct Options {
  std::string data;
  std::string workspace = "default";
  std::string table;
  std::string format;
  std::string schemas;
  std::string query_file;
  bool result_schema = false;
  std::string jsonl;
  std::vector<std::string> positional;
};

int UsageError(const std::string& message) {
  std::cerr << "huntbook: " << message << "\n" << kUsage;
  return 2;
}

// Parses flags; returns false (after printing) on a malformed command line.
bool ParseOptions(int argc, char** argv, int first, Options* options) {
  for (int i = first; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= argc) {
        UsageError("option " + arg + " needs a value");
        return false;
      }
      *out = argv[++i];
      return true;
    };
    if (arg == "--data") {
      if (!value(&options->data)) return false;
    } else if (arg == "--workspace") {
      if (!value(&options->workspace)) return false;
    } else if (arg == "--table") {
      if (!value(&options->table)) return false;
    } else if (arg == "--format") {
      if (!value(&options->format)) return false;
    } else if (arg == "--schemas") {
      if (!value(&options->schemas)) return false;
    } else if (arg == "--result-schema") {
      options->result_schema = true;
    } else if (arg == "--jsonl") {
      if (!value(&options->jsonl)) return false;
    } else if (arg == "-f") {
      if (!value(&options->query_file)) return false;
    } else if (arg == "--") {
      for (++i; i < argc; ++i) options->positional.push_back(argv[i]);
    } else if (arg.size() > 1 && arg[0] == '-' && arg != "-") {
      UsageError("unknown option " + arg);
      return false;
    } else {
      options->positional.push_back(arg);
    }
  }
  if (options->data.empty()) {
    const char* env = std::getenv("HUNTBOOK_DATA");
    options->data = env != nullptr && *env != '\0' ? env : "./data";
  }
  return true;
}

Result<std::string> QueryText(const Options& options) {
  if (!options.query_file.empty()) {
    if (!options.positional.empty()) return InvalidArgument("give a query or -f FILE, not both");
    std::ifstream in(options.query_file);
    if (!in) return IoError("cannot read query file '" + options.query_file + "'");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  if (options.positional.size() != 1) return InvalidArgument("expected exactly one query");
  return options.positional[0];
}

// True for a Windows event log: --format evtx, or auto with a .evtx name or the signature.
bool IsEvtxSource(const Options& options, const std::string& file) {
  if (options.format == "evtx") return true;
  if (!options.format.empty() && options.format != "auto") return false;
  if (file.size() >= 5 && file.compare(file.size() - 5, 5, ".evtx") == 0) return true;
  std::ifstream in(file, std::ios::binary);
  char head[8] = {};
  in.read(head, sizeof(head));
  return ingest::LooksLikeEvtx(std::string_view(head, static_cast<size_t>(in.gcount())));
}

// Stores the events of one .evtx file: Security-channel events in SecurityEvent and the
// others in Event (windows_event_tables.h), or all of them in --table. Each destination table
// gets one all-or-nothing batch.
Status IngestEvtx(storage::Store& store, const Options& options, const std::string& file,
                  size_t* rows_out) {
  ASSIGN_OR_RETURN(std::vector<ingest::WindowsEvent> events, ingest::ReadEvtxFile(file));
  std::map<ingest::WindowsEventTable, std::vector<ingest::WindowsEvent>> by_shape;
  for (ingest::WindowsEvent& event : events) {
    ingest::WindowsEventTable shape = ingest::DefaultTableFor(event);
    if (!options.table.empty()) {
      shape = options.table == "SecurityEvent" ? ingest::WindowsEventTable::kSecurityEvent
                                               : ingest::WindowsEventTable::kEvent;
    }
    by_shape[shape].push_back(std::move(event));
  }
  for (const auto& [shape, group] : by_shape) {
    std::string table =
        options.table.empty() ? std::string(ingest::TableName(shape)) : options.table;
    std::vector<ColumnSchema> schema;
    if (Result<storage::TableSnapshot> snapshot = store.Snapshot(options.workspace, table);
        snapshot.ok()) {
      schema = snapshot->schema;
    }
    ASSIGN_OR_RETURN(Table rows,
                     ingest::ToTableRows(group, shape, ingest::FileBaseName(file), schema));
    RETURN_IF_ERROR(store.Append(options.workspace, table, rows));
    *rows_out += rows.rows;
    std::cerr << file << ": " << rows.rows << " events into " << options.workspace << "." << table
              << "\n";
  }
  return Status::OK();
}

int Ingest(const Options& options) {
  if (options.positional.empty()) return UsageError("ingest needs at least one FILE");
  std::optional<ingest::Format> format = ingest::ParseFormat(
      options.format.empty() || options.format == "evtx" ? "auto" : options.format);
  if (!format) return UsageError("unknown --format '" + options.format + "'");
  for (const std::string& file : options.positional) {
    if (options.table.empty() && !IsEvtxSource(options, file)) {
      return UsageError("ingest needs --table T (only .evtx files choose their tables)");
    }
  }
  Result<std::unique_ptr<storage::Store>> store = storage::Store::Open(options.data);
  if (!store.ok()) {
    std::cerr << "huntbook: " << store.status().ToString() << "\n";
    return 1;
  }
  const bool terminal = isatty(STDERR_FILENO) != 0;
  size_t total_rows = 0;
  for (const std::string& file : options.positional) {
    if (IsEvtxSource(options, file)) {
      Status status = IngestEvtx(**store, options, file, &total_rows);
      if (!status.ok()) {
        std::cerr << "huntbook: " << status.ToString() << "\n";
        return 1;
      }
      continue;
    }
    auto start = std::chrono::steady_clock::now();
    std::vector<ColumnSchema> schema;
    if (Result<storage::TableSnapshot> snapshot =
            (*store)->Snapshot(options.workspace, options.table);
        snapshot.ok()) {
      schema = snapshot->schema;
    }
    // A file up to kBatchBytes is one batch: stored whole or not at all. Larger JSON Lines
    // files are stored in batches of about that size; an error stops the ingest and the
    // batches before it stay (each batch is durable and all-or-nothing).
    constexpr size_t kBatchBytes = size_t{1} << 30;
    size_t file_rows = 0;
    auto elapsed = [&] {
      return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    Status status =
        ingest::ReadFileInBatches(file, *format, schema, kBatchBytes, [&](Table rows) -> Status {
          RETURN_IF_ERROR((*store)->Append(options.workspace, options.table, rows));
          file_rows += rows.rows;
          if (terminal) {
            double seconds = elapsed();
            std::fprintf(stderr, "\r%s: %zu rows (%.0f rows/s)", file.c_str(), file_rows,
                         seconds > 0 ? static_cast<double>(file_rows) / seconds : 0.0);
          }
          return Status::OK();
        });
    if (terminal) std::fprintf(stderr, "\n");
    if (!status.ok()) {
      if (file_rows > 0) {
        std::cerr << "huntbook: " << file_rows << " rows of " << file
                  << " were stored before the error\n";
      }
      std::cerr << "huntbook: " << status.ToString() << "\n";
      return 1;
    }
    total_rows += file_rows;
    if (terminal) {
      double seconds = elapsed();
      std::ifstream in(file, std::ios::ate | std::ios::binary);
      double megabytes = in ? static_cast<double>(in.tellg()) / 1e6 : 0;
      std::fprintf(stderr, "%s: %zu rows, %.1f MB in %.2f s (%.1f MB/s)\n", file.c_str(), file_rows,
                   megabytes, seconds, seconds > 0 ? megabytes / seconds : 0.0);
    }
  }
  Status flushed = (*store)->Flush();
  if (!flushed.ok()) {
    std::cerr << "huntbook: " << flushed.ToString() << "\n";
    return 1;
  }
  std::cout << "ingested " << total_rows << " rows into " << options.workspace
            << (options.table.empty() ? "" : "." + options.table) << "\n";
  return 0;
}

int Query(const Options& options) {
  std::string format = options.format.empty() ? "table" : options.format;
  if (format != "table" && format != "csv" && format != "json") {
    return UsageError("unknown --format '" + format + "'");
  }
  auto fail = [&](const Status& status) {
    if (format == "json") {
      std::cout << engine::FormatErrorJson(status) << "\n";
    } else {
      std::cerr << "huntbook: " << status.ToString() << "\n";
    }
    return 1;
  };
  Result<std::string> text = QueryText(options);
  if (!text.ok()) {
    if (text.status().code() == StatusCode::kInvalidArgument) {
      return UsageError(text.status().message());
    }
    return fail(text.status());
  }
  Result<std::unique_ptr<engine::Engine>> engine = engine::Engine::Open(options.data);
  if (!engine.ok()) return fail(engine.status());
  engine::QueryOptions query_options;
  query_options.workspace = options.workspace;
  Result<engine::QueryResult> result = (*engine)->Query(*text, query_options);
  if (!result.ok()) return fail(result.status());
  const Table& table = result->table;
  if (format == "json")
    std::cout << engine::FormatLogAnalyticsJson(table) << "\n";
  else if (format == "csv")
    std::cout << engine::FormatCsv(table);
  else
    std::cout << engine::FormatTextTable(table);
  return 0;
}

int Check(const Options& options) {
  CheckOptions check{options.schemas, options.result_schema, options.jsonl};
  if (!check.jsonl.empty()) {
    if (!options.positional.empty() || !options.query_file.empty()) {
      return UsageError("give --jsonl FILE or a query, not both");
    }
    return RunCheckCommand(check, "");
  }
  Result<std::string> text = QueryText(options);
  if (!text.ok()) return UsageError(text.status().message());
  return RunCheckCommand(check, *text);
}

}  // namespace
}  // namespace huntbook::tools

int main(int argc, char** argv) {
  using namespace huntbook::tools;
  if (argc < 2) return UsageError("missing command");
  std::string command = argv[1];
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (command == "serve") return RunServeCommand(argc, argv, 2);
  Options options;
  if (!ParseOptions(argc, argv, 2, &options)) return 2;
  if (command == "ingest") return Ingest(options);
  if (command == "query") return Query(options);
  if (command == "check") return Check(options);
  return UsageError("unknown command '" + command + "'");
}
