#include "huntbook/ingest/json_reader.h"

#include <simdjson.h>

#include <cstring>
#include <string>
#include <unordered_map>

#include "huntbook/ingest/json_cells.h"
#include "huntbook/ingest/json_records.h"
#include "huntbook/ingest/source_text.h"
#include "huntbook/ingest/text_conversion.h"
#include "huntbook/ingest/type_inference.h"
#include "huntbook/types/json_syntax.h"

namespace huntbook::ingest {
namespace {

using simdjson::dom::element;

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Keys -> column numbers, with a fast path for records repeating the previous key order.
class ColumnIndex {
 public:
  // Column number of `key`, the `position`-th key of its record; adds new keys.
  size_t Find(std::string_view key, size_t position) {
    if (position < last_order_.size() && keys_[last_order_[position]] == key) {
      return last_order_[position];
    }
    auto it = by_key_.find(key);
    size_t column;
    if (it != by_key_.end()) {
      column = it->second;
    } else {
      column = keys_.size();
      keys_.emplace_back(key);
      by_key_.emplace(std::string(key), column);
    }
    if (position >= last_order_.size()) last_order_.resize(position + 1);
    last_order_[position] = column;
    return column;
  }
  size_t size() const { return keys_.size(); }
  const std::string& key(size_t column) const { return keys_[column]; }

 private:
  std::vector<std::string> keys_;
  std::unordered_map<std::string, size_t, StringHash, std::equal_to<>> by_key_;
  std::vector<size_t> last_order_;
};

const char* KindName(simdjson::dom::element_type t) {
  switch (t) {
    case simdjson::dom::element_type::ARRAY:
      return "an array";
    case simdjson::dom::element_type::OBJECT:
      return "an object";
    case simdjson::dom::element_type::STRING:
      return "a string";
    case simdjson::dom::element_type::NULL_VALUE:
      return "null";
    case simdjson::dom::element_type::BOOL:
      return "a bool";
    default:
      return "a number";
  }
}

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

JsonLayout DetectJsonLayout(std::string_view bytes, simdjson::dom::parser* parser) {
  size_t i = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  while (i < bytes.size() && IsBlank(bytes[i])) ++i;
  if (i < bytes.size() && bytes[i] == '[') return JsonLayout::kArray;
  const char* nl = static_cast<const char*>(std::memchr(bytes.data() + i, '\n', bytes.size() - i));
  size_t end = nl ? static_cast<size_t>(nl - bytes.data()) : bytes.size();
  element ignored;
  auto error = parser->parse(bytes.data() + i, end - i, false).get(ignored);
  // NUMBER_ERROR: a complete line holding an integer beyond 64 bits (read as real later).
  return error && error != simdjson::NUMBER_ERROR ? JsonLayout::kConcatenated : JsonLayout::kLines;
}

namespace {

class JsonReader {
 public:
  JsonReader(std::string_view bytes, std::string_view source,
             const std::vector<ColumnSchema>& existing, const JsonReadOptions& options)
      : bytes_(bytes), source_(source), existing_(existing), options_(options) {}

  Result<Table> Read() {
    JsonLayout layout = options_.layout ? *options_.layout : DetectJsonLayout(bytes_, &parser_);
    // Pass 1: columns and their types.
    JsonRecords first(bytes_, layout);
    size_t rows = 0;
    while (true) {
      ASSIGN_OR_RETURN(bool more, NextObject(&first));
      if (!more) break;
      size_t position = 0;
      for (simdjson::dom::key_value_pair kv : object_) {
        size_t column = index_.Find(kv.key, position++);
        if (column == inference_.size()) AddColumn(kv.key);
        if (!existing_types_[column]) ObserveJson(kv.value, &inference_[column]);
        if (kv.value.type() == simdjson::dom::element_type::STRING) {
          string_bytes_[column] += kv.value.get_string().value_unsafe().size();
        }
      }
      ++rows;
    }
    // Pass 2: typed columns.
    Table table;
    std::vector<std::shared_ptr<Column>> columns;
    for (size_t c = 0; c < index_.size(); ++c) {
      TypeKind type = existing_types_[c] ? *existing_types_[c] : inference_[c].Result();
      std::string name = index_.key(c).empty() ? "Column" + std::to_string(c + 1) : index_.key(c);
      table.schema.push_back({std::move(name), type});
      columns.push_back(std::make_shared<Column>(type));
      columns.back()->Reserve(rows);
      if (IsStringStored(type)) columns.back()->ReserveBytes(string_bytes_[c]);
    }
    std::vector<size_t> filled(index_.size(), SIZE_MAX);
    std::vector<std::pair<size_t, element>> cells;
    JsonRecords second(bytes_, layout);
    for (size_t row = 0;; ++row) {
      ASSIGN_OR_RETURN(bool more, NextObject(&second));
      if (!more) break;
      cells.clear();
      size_t position = 0;
      for (simdjson::dom::key_value_pair kv : object_) {
        size_t column = index_.Find(kv.key, position++);
        if (filled[column] == row) {  // repeated key: the last value wins
          for (auto& cell : cells) {
            if (cell.first == column) cell.second = kv.value;
          }
          continue;
        }
        filled[column] = row;
        cells.emplace_back(column, kv.value);
      }
      for (const auto& [column, value] : cells) {
        if (!AppendJson(value, columns[column].get())) {
          return ConversionError(column, value, columns[column]->type());
        }
      }
      if (cells.size() != columns.size()) {
        for (size_t c = 0; c < columns.size(); ++c) {
          if (filled[c] != row) columns[c]->AppendNull();
        }
      }
    }
    table.columns.assign(columns.begin(), columns.end());
    table.rows = rows;
    return table;
  }

 private:
  void AddColumn(std::string_view key) {
    bool time_like = IsTimeLikeName(key);
    inference_.emplace_back(time_like);
    std::optional<TypeKind> type;
    for (const ColumnSchema& c : existing_) {
      if (c.name == key) type = c.type;
    }
    existing_types_.push_back(type);
    string_bytes_.push_back(0);
  }

  // Parses the next record into object_; false at the end.
  Result<bool> NextObject(JsonRecords* records) {
    Result<bool> more = records->Next(&record_);
    if (!more.ok()) return more.status().WithContext(std::string(source_) + ": ");
    if (!*more) return false;
    element root;
    auto error = parser_.parse(record_.text.data(), record_.text.size(), false).get(root);
    if (error == simdjson::NUMBER_ERROR) {  // perhaps an integer beyond 64 bits
      widened_ = simdjson::padded_string(WidenBigIntegers(record_.text));
      error = parser_.parse(widened_).get(root);
    }
    if (error) return InvalidJson(simdjson::error_message(error));
    if (root.type() != simdjson::dom::element_type::OBJECT) {
      return ErrorAt(record_.offset,
                     std::string("expected a JSON object, found ") + KindName(root.type()));
    }
    object_ = root.get_object().value_unsafe();
    return true;
  }

  Status InvalidJson(const char* simdjson_message) {
    size_t offset = record_.offset + record_.text.size();
    std::string what;
    size_t bad_utf8 = FindInvalidUtf8(record_.text);
    if (bad_utf8 != std::string_view::npos) {
      offset = record_.offset + bad_utf8;
      what = "invalid UTF-8";
    } else {
      offset = record_.offset + FindJsonSyntaxError(record_.text);
      what = std::string("invalid JSON: ") + simdjson_message;
    }
    return ErrorAt(offset, what);
  }

  Status ErrorAt(size_t offset, const std::string& what) const {
    LineColumn lc = LocateOffset(bytes_, offset);
    lc.line += options_.first_line - 1;
    return InvalidArgument(std::string(source_) + ": line " + std::to_string(lc.line) +
                               ", column " + std::to_string(lc.column) + ": " + what,
                           SourcePosition{lc.line, lc.column, static_cast<uint32_t>(offset)});
  }

  // "x.jsonl: line 5, column 12 (EventID): 'abc' is not a long", the column being that
  // of the value (of the record when the key is written with escapes).
  Status ConversionError(size_t column, element value, TypeKind type) const {
    const std::string& key = index_.key(column);
    size_t at = FindMemberValue(record_.text, key);
    size_t offset = record_.offset + (at == std::string_view::npos ? 0 : at);
    LineColumn lc = LocateOffset(bytes_, offset);
    lc.line += options_.first_line - 1;
    return ingest::ConversionError(source_, lc.line, lc.column, key, JsonText(value), type);
  }

  std::string_view bytes_;
  std::string_view source_;
  const std::vector<ColumnSchema>& existing_;
  JsonReadOptions options_;
  simdjson::dom::parser parser_;
  simdjson::padded_string widened_;  // a record rewritten by WidenBigIntegers
  JsonRecord record_;
  simdjson::dom::object object_;
  ColumnIndex index_;
  std::vector<JsonTypeInference> inference_;
  std::vector<std::optional<TypeKind>> existing_types_;
  std::vector<size_t> string_bytes_;  // total length of the column's JSON strings
};

}  // namespace

Result<Table> ReadJson(std::string_view bytes, std::string_view source_name,
                       const std::vector<ColumnSchema>& existing_schema,
                       const JsonReadOptions& options) {
  return JsonReader(bytes, source_name, existing_schema, options).Read();
}

}  // namespace huntbook::ingest
