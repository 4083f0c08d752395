#include "huntbook/ingest/json_cells.h"

#include <charconv>
#include <cmath>

#include "huntbook/ingest/text_conversion.h"

namespace huntbook::ingest {

using simdjson::dom::element_type;

Dynamic DynamicFromJson(simdjson::dom::element value) {
  switch (value.type()) {
    case element_type::ARRAY: {
      Dynamic::Array items;
      // Copy out of the temporary result before iterating (value_unsafe() returns a
      // reference into it).
      simdjson::dom::array array = value.get_array().value_unsafe();
      items.reserve(array.size());
      for (simdjson::dom::element child : array) {
        items.push_back(DynamicFromJson(child));
      }
      return Dynamic::MakeArray(std::move(items));
    }
    case element_type::OBJECT: {
      Dynamic::Object members;
      simdjson::dom::object object = value.get_object().value_unsafe();
      members.reserve(object.size());
      for (simdjson::dom::key_value_pair kv : object) {
        members.emplace_back(std::string(kv.key), DynamicFromJson(kv.value));
      }
      return Dynamic::MakeObject(std::move(members));
    }
    case element_type::INT64:
      return Dynamic::Long(value.get_int64().value_unsafe());
    case element_type::UINT64:
      return Dynamic::Real(static_cast<double>(value.get_uint64().value_unsafe()));
    case element_type::DOUBLE:
      return Dynamic::Real(value.get_double().value_unsafe());
    case element_type::STRING:
      return Dynamic::String(std::string(value.get_string().value_unsafe()));
    case element_type::BOOL:
      return Dynamic::Bool(value.get_bool().value_unsafe());
    case element_type::NULL_VALUE:
      return Dynamic();
  }
  return Dynamic();
}

void ObserveJson(simdjson::dom::element value, JsonTypeInference* inference) {
  switch (value.type()) {
    case element_type::ARRAY:
    case element_type::OBJECT:
      inference->AddDynamic();
      break;
    case element_type::INT64:
      inference->AddLong();
      break;
    case element_type::UINT64:
    case element_type::DOUBLE:
      inference->AddReal();
      break;
    case element_type::STRING:
      inference->AddString(value.get_string().value_unsafe());
      break;
    case element_type::BOOL:
      inference->AddBool();
      break;
    case element_type::NULL_VALUE:
      break;
  }
}

std::string JsonText(simdjson::dom::element value) {
  if (value.type() == element_type::STRING) {
    return std::string(value.get_string().value_unsafe());
  }
  if (value.type() == element_type::DOUBLE) {
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof(buf), value.get_double().value_unsafe());
    return std::string(buf, static_cast<size_t>(r.ptr - buf));
  }
  return simdjson::to_string(value);
}

namespace {

// An integral number in int64 range, else nullopt.
std::optional<int64_t> IntegralValue(simdjson::dom::element value) {
  switch (value.type()) {
    case element_type::INT64:
      return value.get_int64().value_unsafe();
    case element_type::UINT64:
      return std::nullopt;  // beyond int64 by construction
    case element_type::DOUBLE: {
      double d = value.get_double().value_unsafe();
      if (std::trunc(d) == d && d >= -9.2233720368547758e18 && d < 9.2233720368547758e18) {
        return static_cast<int64_t>(d);
      }
      return std::nullopt;
    }
    default:
      return std::nullopt;
  }
}

}  // namespace

bool AppendJson(simdjson::dom::element value, Column* column) {
  const element_type kind = value.type();
  const TypeKind type = column->type();
  if (kind == element_type::NULL_VALUE) {
    column->AppendNull();
    return true;
  }
  if (type == TypeKind::kDynamic) {
    column->AppendDynamic(kind == element_type::STRING
                              ? DynamicFromText(value.get_string().value_unsafe())
                              : DynamicFromJson(value));
    return true;
  }
  if (kind == element_type::STRING) {
    std::string_view text = value.get_string().value_unsafe();
    if (type == TypeKind::kString) {
      column->AppendString(text);
      return true;
    }
    if (text.empty()) {
      column->AppendNull();
      return true;
    }
    return AppendText(text, column);
  }
  switch (type) {
    case TypeKind::kString:
      column->AppendString(JsonText(value));
      return true;
    case TypeKind::kBool:
      if (kind == element_type::BOOL) {
        column->AppendInt(value.get_bool().value_unsafe() ? 1 : 0);
        return true;
      }
      if (auto i = IntegralValue(value); i && (*i == 0 || *i == 1)) {
        column->AppendInt(*i);
        return true;
      }
      return false;
    case TypeKind::kInt:
    case TypeKind::kLong:
      if (auto i = IntegralValue(value)) {
        if (type == TypeKind::kInt && (*i < INT32_MIN || *i > INT32_MAX)) return false;
        column->AppendInt(*i);
        return true;
      }
      return false;
    case TypeKind::kReal:
    case TypeKind::kDecimal:
      switch (kind) {
        case element_type::INT64:
          column->AppendReal(static_cast<double>(value.get_int64().value_unsafe()));
          return true;
        case element_type::UINT64:
          column->AppendReal(static_cast<double>(value.get_uint64().value_unsafe()));
          return true;
        case element_type::DOUBLE:
          column->AppendReal(value.get_double().value_unsafe());
          return true;
        default:
          return false;
      }
    default:
      return false;  // datetime, timespan, guid take strings only
  }
}

}  // namespace huntbook::ingest
