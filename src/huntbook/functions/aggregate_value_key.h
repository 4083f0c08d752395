// Internal to the aggregate catalogue: how aggregates read one row of an argument column.
//
// A value key is a canonical byte string for a non-null value of a fixed column type:
// equal values give equal keys (reals: -0.0 == 0.0, all NaNs alike; dynamic: its compact
// JSON text). Value hashes are XXH3-64 of the key, fixed forever, so dcount sketches are
// deterministic and mergeable across extents, threads and processes.
#pragma once

#include <cstdint>
#include <string>

#include "huntbook/common/status.h"
#include "huntbook/types/dynamic.h"
#include "huntbook/vector/column.h"

namespace huntbook::functions {

// True when row i (constant-aware) holds no value: a column null, or a dynamic JSON null.
// Strings are never null ("" is a value).
bool IsMissing(const Column& column, size_t i);

// A predicate argument (countif, sumif, ...): true only for a non-null true.
inline bool IsTrue(const Column& predicate, size_t i) {
  const size_t r = At(predicate, i);
  return !predicate.IsNull(r) && predicate.GetInt(r) != 0;
}

// Replaces *key with the canonical key of row i. REQUIRES: !IsMissing(column, i).
void ValueKey(const Column& column, size_t i, std::string* key);

// XXH3-64 of the row's canonical key. REQUIRES: !IsMissing(column, i).
uint64_t ValueHash(const Column& column, size_t i);

// XXH3-64 of a dynamic value's canonical key (its JSON text).
uint64_t DynamicHash(const Dynamic& value);

// Row i as an element of a dynamic array (make_set, make_list): long, real, bool, string,
// datetime, timespan and guid keep their kind; dynamic values are returned as is; a null
// becomes JSON null.
Dynamic ToDynamicElement(const Column& column, size_t i);

// Reads a constant integer argument (dcount accuracy, make_set maxSize) from row 0 of
// `column`; `what` names it in the error. Null or non-integer -> InvalidArgument.
Result<int64_t> ConstantIntArgument(const Column& column, const char* what);

}  // namespace huntbook::functions
