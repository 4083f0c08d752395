// LogicFile: the parsed form of one KQL logic-test file (test/kql/**/*.test).
// The format is specified in test/kql/README.md; in short, records separated by blank
// lines, `#` comment lines between records, and these record kinds:
//
//   query [rowsort]            error [<Code>] [at <line>:<column>] [<substring>]
//   <KQL, one or more lines>   <KQL, one or more lines>
//   ----
//   name:type<TAB>name:type    load <Table> <file>        now <datetime>
//   cell<TAB>cell
//
// Parsing needs no engine, so this file is unit-tested on its own (logic_file_test.cc).
// Errors are InvalidArgument values naming the file and the 1-based line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "huntbook/common/status.h"

namespace huntbook::logictest {

// kParam: `param <name> <value>` sets a query parameter (the value text as a string,
// read by the engine as a literal of the declared type); `param <name>` removes it.
// kTableParam: `tableparam <Name> <file>` passes a data file as the table Name with every
// following query (QueryOptions::tables). Both hold for the rest of the file.
enum class RecordKind { kQuery, kError, kLoad, kNow, kParam, kTableParam };

enum class SortMode { kNone, kRowSort };

struct Record {
  RecordKind kind = RecordKind::kQuery;
  int line = 0;     // 1-based line of the record's keyword
  std::string doc;  // the nearest preceding `# doc:` URL(s), if any

  // kQuery and kError.
  std::string query;  // lines joined with '\n', no trailing newline

  // kQuery.
  SortMode sort = SortMode::kNone;
  std::vector<std::string> header;             // "name:type" cells
  std::vector<std::vector<std::string>> rows;  // escaped cell text, as written
  // Lines [result_begin, result_end) (0-based) hold the header and rows; completion
  // mode replaces exactly these lines.
  int result_begin = 0;
  int result_end = 0;

  // kError: every present part must match.
  std::string error_code;  // e.g. "SyntaxError"; empty = any
  int error_line = 0;      // 0 = not checked
  int error_column = 0;
  std::string error_substring;  // empty = any message

  // kLoad, kTableParam (table, file); kParam (table = name, file = value text).
  std::string table;
  std::string file;  // as written: relative to test/data, absolute, or corpus:<name>

  // kNow.
  std::string now_text;
};

struct LogicFile {
  std::string path;
  std::string doc;                 // the file's first `# doc:` line(s)
  std::vector<std::string> lines;  // the file's text, split at '\n'
  std::vector<Record> records;
};

// Parses the text of a logic-test file. `path` is used in error messages only.
Result<LogicFile> ParseLogicFile(std::string_view text, const std::string& path);

// Reads and parses a file.
Result<LogicFile> ReadLogicFile(const std::string& path);

// Cell text escaping used in expected results: '\t' -> "\t", '\n' -> "\n", '\r' -> "\r",
// '\\' -> "\\" (two characters each).
std::string EscapeCell(std::string_view raw);

// Splits a result line at tabs.
std::vector<std::string> SplitCells(std::string_view line);

// The error-record header text after "error" ("SyntaxError at 1:7 unexpected"), parsed
// into the record's error_* fields. A first word that is a status code name (see
// common/status.h StatusCodeName) is the code; "at L:C" is the position.
void ParseErrorSpec(std::string_view spec, Record* record);

// Text of the file with the results of some query records replaced. `results` maps a
// record index to its new result lines (header first). Used by completion mode.
struct ResultUpdate {
  size_t record_index;
  std::vector<std::string> lines;
};
std::string RewriteResults(const LogicFile& file, const std::vector<ResultUpdate>& updates);

}  // namespace huntbook::logictest
