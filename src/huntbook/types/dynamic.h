// Dynamic: an immutable JSON value (Kusto's `dynamic`), cheap to copy (shared nodes).
// https://learn.microsoft.com/kusto/query/scalar-data-types/dynamic
//
// Objects keep insertion order; duplicate keys keep the last value. Numbers are long when
// they are integral and fit in 64 bits, real otherwise. Datetime, timespan and guid values
// put into a dynamic (e.g. pack_array(now())) keep their kind and serialize as strings.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "huntbook/common/status.h"

namespace huntbook {

class Dynamic {
 public:
  enum class Kind : uint8_t {
    kNull, kBool, kLong, kReal, kString, kDateTime, kTimespan, kGuid, kArray, kObject
  };
  using Array = std::vector<Dynamic>;
  using Object = std::vector<std::pair<std::string, Dynamic>>;

  Dynamic();  // JSON null
  static Dynamic Bool(bool v);
  static Dynamic Long(int64_t v);
  static Dynamic Real(double v);
  static Dynamic String(std::string v);
  static Dynamic DateTime(int64_t ticks);
  static Dynamic Timespan(int64_t ticks);
  static Dynamic Guid(std::string canonical);
  static Dynamic MakeArray(Array items);
  static Dynamic MakeObject(Object members);  // later duplicates of a key win

  Kind kind() const;
  bool is_null() const { return kind() == Kind::kNull; }
  bool is_array() const { return kind() == Kind::kArray; }
  bool is_object() const { return kind() == Kind::kObject; }

  // REQUIRES: the matching kind.
  bool bool_value() const;
  int64_t long_value() const;  // also the ticks of kDateTime / kTimespan
  double real_value() const;
  const std::string& string_value() const;  // also kGuid
  const Array& array() const;
  const Object& object() const;

  // Member by key (null Dynamic when absent or not an object).
  Dynamic Get(std::string_view key) const;
  // Element by index; negative counts from the end (null when out of range / not array).
  Dynamic At(int64_t index) const;

  // Compact JSON text, as Kusto's tostring(dynamic) and the wire format print it.
  // Strings are JSON-escaped; datetimes as "2024-01-01T00:00:00Z"; reals in shortest
  // round-trip form.
  std::string ToJson() const;

  // Parses JSON text (RFC 8259). Error message names the byte offset.
  static Result<Dynamic> Parse(std::string_view json);

  // Kusto's parse_json(): JSON text -> value; text that is not valid JSON becomes a
  // dynamic string holding that text.
  static Dynamic ParseOrString(std::string_view text);

  // Deep equality (long 1 != real 1.0 as in Kusto's dynamic equality? see dynamic.cc).
  bool operator==(const Dynamic& other) const;

 private:
  struct Node;
  explicit Dynamic(std::shared_ptr<const Node> node);
  std::shared_ptr<const Node> node_;  // nullptr = JSON null
};

}  // namespace huntbook
