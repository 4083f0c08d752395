// Per-column type inference for ingestion (rules in reader.h). One inference object
// observes every value of a column in a first pass; Result() is the column's type.
#pragma once

#include <string_view>

#include "huntbook/types/type.h"

namespace huntbook::ingest {

// Columns whose name contains "time" or "date" (any case, e.g. TimeGenerated, Timestamp,
// EventDate) accept every datetime form of datetime.h; other columns only ISO 8601.
bool IsTimeLikeName(std::string_view column_name);

// True when `text` is a datetime this column may infer: ISO 8601 always (must start with
// "YYYY-"), the other datetime.h forms only when `time_like`.
bool IsInferableDateTime(std::string_view text, bool time_like);

// Inference over the text cells of a CSV column. Candidates, narrowest first: bool, long,
// real, datetime, dynamic (cells that are JSON objects/arrays), string. Empty cells are nulls
// and do not vote; a column of only empty cells is string.
class TextTypeInference {
 public:
  explicit TextTypeInference(bool time_like) : time_like_(time_like) {}
  void Add(std::string_view cell);
  TypeKind Result() const;

 private:
  bool time_like_;
  bool any_ = false;
  bool can_bool_ = true, can_long_ = true, can_real_ = true, can_datetime_ = true,
       can_dynamic_ = true;
};

// Inference over JSON values of a column. Nulls do not vote. bool, long, real (long+real ->
// real), objects/arrays -> dynamic (dynamic absorbs everything), strings -> datetime when all
// non-empty ones are inferable datetimes and nothing else was seen ("" reads as null),
// dynamic when all non-empty ones are JSON object/array text (Sentinel exports serialize
// dynamic columns so), else string; other mixes (e.g.
// bool+long, long+string) -> string holding the JSON text of non-strings.
class JsonTypeInference {
 public:
  explicit JsonTypeInference(bool time_like) : time_like_(time_like) {}
  void AddBool() { bool_ = true; }
  void AddLong() { long_ = true; }
  void AddReal() { real_ = true; }
  void AddDynamic() { dynamic_ = true; }
  void AddString(std::string_view text);
  TypeKind Result() const;

 private:
  bool time_like_;
  bool bool_ = false, long_ = false, real_ = false, dynamic_ = false, string_ = false;
  bool nonempty_string_ = false;
  bool all_strings_datetime_ = true;  // over non-empty strings
  bool all_strings_json_ = true;      // over non-empty strings
};

}  // namespace huntbook::ingest
