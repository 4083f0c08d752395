#include "logic_file.h"

#include <charconv>
#include <fstream>
#include <sstream>

namespace huntbook::logictest {
namespace {

constexpr std::string_view kCodeNames[] = {"InvalidArgument", "SyntaxError", "SemanticError",
                                           "NotSupported",    "NotFound",    "AlreadyExists",
                                           "IoError",         "Corruption",  "ResourceExhausted",
                                           "Cancelled",       "Internal"};

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string_view TrimLeft(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

bool IsBlank(std::string_view line) { return TrimLeft(TrimRight(line)).empty(); }

// Splits "word rest" into the first word and the (left-trimmed) rest.
std::pair<std::string_view, std::string_view> FirstWord(std::string_view s) {
  s = TrimLeft(s);
  size_t end = s.find_first_of(" \t");
  if (end == std::string_view::npos) return {s, {}};
  return {s.substr(0, end), TrimLeft(s.substr(end))};
}

Status LineError(const std::string& path, int line, const std::string& message) {
  return InvalidArgument(path + ":" + std::to_string(line) + ": " + message);
}

bool ParsePosition(std::string_view text, int* line, int* column) {
  size_t colon = text.find(':');
  if (colon == std::string_view::npos) return false;
  std::string_view l = text.substr(0, colon), c = text.substr(colon + 1);
  auto r1 = std::from_chars(l.data(), l.data() + l.size(), *line);
  auto r2 = std::from_chars(c.data(), c.data() + c.size(), *column);
  return r1.ec == std::errc() && r1.ptr == l.data() + l.size() && r2.ec == std::errc() &&
         r2.ptr == c.data() + c.size() && *line > 0 && *column > 0;
}

}  // namespace

std::string EscapeCell(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (char ch : raw) {
    switch (ch) {
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\\':
        out += "\\\\";
        break;
      default:
        out += ch;
    }
  }
  return out;
}

std::vector<std::string> SplitCells(std::string_view line) {
  std::vector<std::string> cells;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      cells.emplace_back(line.substr(start));
      return cells;
    }
    cells.emplace_back(line.substr(start, tab - start));
    start = tab + 1;
  }
}

void ParseErrorSpec(std::string_view spec, Record* record) {
  spec = TrimLeft(TrimRight(spec));
  auto [word, rest] = FirstWord(spec);
  for (std::string_view code : kCodeNames) {
    if (word == code) {
      record->error_code = std::string(code);
      spec = rest;
      break;
    }
  }
  auto [at, after_at] = FirstWord(spec);
  if (at == "at") {
    auto [pos, after_pos] = FirstWord(after_at);
    int line = 0, column = 0;
    if (ParsePosition(pos, &line, &column)) {
      record->error_line = line;
      record->error_column = column;
      spec = after_pos;
    }
  }
  record->error_substring = std::string(spec);
}

Result<LogicFile> ParseLogicFile(std::string_view text, const std::string& path) {
  LogicFile file;
  file.path = path;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      if (start < text.size()) file.lines.emplace_back(text.substr(start));
      break;
    }
    file.lines.emplace_back(text.substr(start, nl - start));
    start = nl + 1;
  }

  const std::vector<std::string>& lines = file.lines;
  const int n = static_cast<int>(lines.size());
  // The file's leading comment block holds its doc; later `# doc:` lines set the doc of
  // the records that follow them, until the next `# doc:` group.
  std::string current_doc;
  bool in_header = true;
  bool last_was_doc = false;
  int i = 0;
  while (i < n) {
    std::string_view line = TrimRight(lines[i]);
    if (IsBlank(line)) {
      in_header = false;
      last_was_doc = false;
      ++i;
      continue;
    }
    if (line.front() == '#') {
      std::string_view comment = TrimLeft(line.substr(1));
      if (comment.substr(0, 4) == "doc:") {
        std::string url(TrimLeft(comment.substr(4)));
        if (in_header) {
          file.doc += (file.doc.empty() ? "" : " ") + url;
        } else {
          current_doc = (last_was_doc ? current_doc + " " : std::string()) + url;
        }
        last_was_doc = true;
      }
      ++i;
      continue;
    }
    in_header = false;
    last_was_doc = false;
    Record record;
    record.line = i + 1;
    record.doc = current_doc.empty() ? file.doc : current_doc;
    auto [keyword, rest] = FirstWord(line);
    ++i;
    if (keyword == "load") {
      auto [table, file_name] = FirstWord(rest);
      if (table.empty() || file_name.empty() || FirstWord(file_name).second.size() > 0) {
        return LineError(path, record.line, "expected `load <Table> <file>`");
      }
      record.kind = RecordKind::kLoad;
      record.table = std::string(table);
      record.file = std::string(file_name);
    } else if (keyword == "now") {
      if (rest.empty()) return LineError(path, record.line, "expected `now <datetime>`");
      record.kind = RecordKind::kNow;
      record.now_text = std::string(rest);
    } else if (keyword == "param") {
      auto [name, value] = FirstWord(rest);
      if (name.empty()) return LineError(path, record.line, "expected `param <name> [<value>]`");
      record.kind = RecordKind::kParam;
      record.table = std::string(name);
      record.file = std::string(value);
    } else if (keyword == "tableparam") {
      auto [table, file_name] = FirstWord(rest);
      if (table.empty() || file_name.empty()) {
        return LineError(path, record.line, "expected `tableparam <Name> <file>`");
      }
      record.kind = RecordKind::kTableParam;
      record.table = std::string(table);
      record.file = std::string(file_name);
    } else if (keyword == "query" || keyword == "error") {
      const bool is_query = keyword == "query";
      record.kind = is_query ? RecordKind::kQuery : RecordKind::kError;
      if (is_query) {
        if (rest == "rowsort") {
          record.sort = SortMode::kRowSort;
        } else if (!rest.empty()) {
          return LineError(path, record.line, "unknown query option '" + std::string(rest) + "'");
        }
      } else {
        ParseErrorSpec(rest, &record);
      }
      bool saw_separator = false;
      std::string query;
      while (i < n && !IsBlank(lines[i])) {
        std::string_view body = TrimRight(lines[i]);
        if (body == "----") {
          saw_separator = true;
          ++i;
          break;
        }
        if (!query.empty()) query += '\n';
        query += body;
        ++i;
      }
      if (query.empty()) return LineError(path, record.line, "record has no query text");
      record.query = std::move(query);
      if (!is_query) {
        if (saw_separator) {
          return LineError(path, record.line, "an error record has no `----` results");
        }
      } else {
        if (!saw_separator) {
          return LineError(path, record.line, "query record needs `----` and a result header");
        }
        record.result_begin = i;
        if (i >= n || IsBlank(lines[i])) {
          return LineError(path, i + 1, "missing result header line (name:type ...)");
        }
        record.header = SplitCells(TrimRight(lines[i]));
        for (const std::string& cell : record.header) {
          if (cell.find(':') == std::string::npos) {
            return LineError(path, i + 1, "header cell '" + cell + "' is not name:type");
          }
        }
        ++i;
        while (i < n && !IsBlank(lines[i])) {
          // Only '\r' is trimmed from result rows: trailing spaces may be data.
          std::string_view row = lines[i];
          if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
          record.rows.push_back(SplitCells(row));
          if (record.rows.back().size() != record.header.size()) {
            return LineError(path, i + 1,
                             "row has " + std::to_string(record.rows.back().size()) +
                                 " cells, header has " + std::to_string(record.header.size()));
          }
          ++i;
        }
        record.result_end = i;
      }
    } else {
      return LineError(path, record.line, "unknown record '" + std::string(keyword) + "'");
    }
    file.records.push_back(std::move(record));
  }
  return file;
}

Result<LogicFile> ReadLogicFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot read " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return ParseLogicFile(buffer.str(), path);
}

std::string RewriteResults(const LogicFile& file, const std::vector<ResultUpdate>& updates) {
  std::vector<const ResultUpdate*> by_line(file.lines.size() + 1, nullptr);
  for (const ResultUpdate& update : updates) {
    const Record& record = file.records[update.record_index];
    by_line[record.result_begin] = &update;
  }
  std::string out;
  size_t i = 0;
  while (i < file.lines.size()) {
    if (const ResultUpdate* update = by_line[i]) {
      for (const std::string& line : update->lines) out += line + "\n";
      i = file.records[update->record_index].result_end;
      continue;
    }
    out += file.lines[i] + "\n";
    ++i;
  }
  return out;
}

}  // namespace huntbook::logictest
