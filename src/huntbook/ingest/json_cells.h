// Conversion of parsed JSON values (simdjson DOM) into cells of typed columns.
#pragma once

#include <simdjson.h>

#include <string>

#include "huntbook/ingest/type_inference.h"
#include "huntbook/types/dynamic.h"
#include "huntbook/vector/column.h"

namespace huntbook::ingest {

// The value as a Dynamic (integers beyond int64 become reals, as dynamic.h).
Dynamic DynamicFromJson(simdjson::dom::element value);

// Records the kind of `value` for inference (null votes for nothing).
void ObserveJson(simdjson::dom::element value, JsonTypeInference* inference);

// Appends `value` converted to column->type(): null -> null ("" for strings); strings are
// parsed as text of the target type (text_conversion.h); numbers fit long/int only when
// integral and in range; string columns take non-strings as compact JSON text; dynamic
// columns take any value (strings holding JSON objects/arrays are parsed). Returns false, appending
// nothing, when not convertible.
bool AppendJson(simdjson::dom::element value, Column* column);

// Compact JSON text of a value (strings unquoted), for string columns and error messages.
std::string JsonText(simdjson::dom::element value);

}  // namespace huntbook::ingest
