// Dynamic: nodes are immutable once built, so copies share them freely (also across threads).
//
// Equality: long and real compare by numeric value (dynamic(1) == dynamic(1.0)), objects
// compare as unordered key sets, arrays element-wise in order; other kinds must match.
#include "huntbook/types/dynamic.h"

#include <simdjson.h>

#include <charconv>
#include <cmath>
#include <unordered_map>
#include <variant>

#include "huntbook/common/utf8.h"
#include "huntbook/types/datetime.h"
#include "huntbook/types/json_syntax.h"

namespace huntbook {

struct Dynamic::Node {
  Kind kind;
  std::variant<bool, int64_t, double, std::string, Array, Object> data;
};

namespace {

const std::string& EmptyString() {
  static const std::string kEmpty;
  return kEmpty;
}

void AppendReal(double d, std::string* out) {
  if (std::isnan(d)) {
    out->append("\"NaN\"");
    return;
  }
  if (std::isinf(d)) {
    out->append(d > 0 ? "\"Infinity\"" : "\"-Infinity\"");
    return;
  }
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof(buf), d);
  std::string_view text(buf, static_cast<size_t>(r.ptr - buf));
  out->append(text);
  // Keep reals recognisable as reals when read back (2.0 stays real, not long 2).
  if (text.find_first_of(".eEn") == std::string_view::npos) out->append(".0");
}

Dynamic FromElement(simdjson::dom::element e) {
  switch (e.type()) {
    case simdjson::dom::element_type::ARRAY: {
      Dynamic::Array items;
      simdjson::dom::array a = e.get_array().value_unsafe();
      items.reserve(a.size());
      for (simdjson::dom::element child : a) items.push_back(FromElement(child));
      return Dynamic::MakeArray(std::move(items));
    }
    case simdjson::dom::element_type::OBJECT: {
      Dynamic::Object members;
      simdjson::dom::object o = e.get_object().value_unsafe();
      members.reserve(o.size());
      for (simdjson::dom::key_value_pair kv : o) {
        members.emplace_back(std::string(kv.key), FromElement(kv.value));
      }
      return Dynamic::MakeObject(std::move(members));
    }
    case simdjson::dom::element_type::INT64:
      return Dynamic::Long(e.get_int64().value_unsafe());
    case simdjson::dom::element_type::UINT64:
      return Dynamic::Real(static_cast<double>(e.get_uint64().value_unsafe()));
    case simdjson::dom::element_type::DOUBLE:
      return Dynamic::Real(e.get_double().value_unsafe());
    case simdjson::dom::element_type::STRING:
      return Dynamic::String(std::string(e.get_string().value_unsafe()));
    case simdjson::dom::element_type::BOOL:
      return Dynamic::Bool(e.get_bool().value_unsafe());
    case simdjson::dom::element_type::NULL_VALUE:
      return Dynamic();
  }
  return Dynamic();
}

}  // namespace

Dynamic::Dynamic() = default;
Dynamic::Dynamic(std::shared_ptr<const Node> node) : node_(std::move(node)) {}

Dynamic Dynamic::Bool(bool v) {
  return Dynamic(std::make_shared<const Node>(Node{Kind::kBool, v}));
}
Dynamic Dynamic::Long(int64_t v) {
  return Dynamic(std::make_shared<const Node>(Node{Kind::kLong, v}));
}
Dynamic Dynamic::Real(double v) {
  return Dynamic(std::make_shared<const Node>(Node{Kind::kReal, v}));
}
Dynamic Dynamic::String(std::string v) {
  return Dynamic(std::make_shared<const Node>(Node{Kind::kString, std::move(v)}));
}
Dynamic Dynamic::DateTime(int64_t ticks) {
  return Dynamic(std::make_shared<const Node>(Node{Kind::kDateTime, ticks}));
}
Dynamic Dynamic::Timespan(int64_t ticks) {
  return Dynamic(std::make_shared<const Node>(Node{Kind::kTimespan, ticks}));
}
Dynamic Dynamic::Guid(std::string canonical) {
  return Dynamic(std::make_shared<const Node>(Node{Kind::kGuid, std::move(canonical)}));
}
Dynamic Dynamic::MakeArray(Array items) {
  return Dynamic(std::make_shared<const Node>(Node{Kind::kArray, std::move(items)}));
}

Dynamic Dynamic::MakeObject(Object members) {
  // Later duplicates win; the key keeps the position of its first appearance.
  bool has_duplicates = false;
  if (members.size() <= 16) {
    for (size_t i = 1; i < members.size() && !has_duplicates; ++i) {
      for (size_t j = 0; j < i; ++j) {
        if (members[i].first == members[j].first) {
          has_duplicates = true;
          break;
        }
      }
    }
  } else {
    std::unordered_map<std::string_view, size_t> seen;
    for (const auto& m : members) {
      if (!seen.emplace(m.first, 0).second) {
        has_duplicates = true;
        break;
      }
    }
  }
  if (has_duplicates) {
    Object unique;
    std::unordered_map<std::string, size_t> index;
    for (auto& m : members) {
      auto [it, inserted] = index.emplace(m.first, unique.size());
      if (inserted) {
        unique.push_back(std::move(m));
      } else {
        unique[it->second].second = std::move(m.second);
      }
    }
    members = std::move(unique);
  }
  return Dynamic(std::make_shared<const Node>(Node{Kind::kObject, std::move(members)}));
}

Dynamic::Kind Dynamic::kind() const { return node_ ? node_->kind : Kind::kNull; }

bool Dynamic::bool_value() const {
  const bool* b = node_ ? std::get_if<bool>(&node_->data) : nullptr;
  return b ? *b : false;
}
int64_t Dynamic::long_value() const {
  const int64_t* i = node_ ? std::get_if<int64_t>(&node_->data) : nullptr;
  return i ? *i : 0;
}
double Dynamic::real_value() const {
  const double* d = node_ ? std::get_if<double>(&node_->data) : nullptr;
  return d ? *d : 0.0;
}
const std::string& Dynamic::string_value() const {
  const std::string* s = node_ ? std::get_if<std::string>(&node_->data) : nullptr;
  return s ? *s : EmptyString();
}
const Dynamic::Array& Dynamic::array() const {
  static const Array kEmpty;
  const Array* a = node_ ? std::get_if<Array>(&node_->data) : nullptr;
  return a ? *a : kEmpty;
}
const Dynamic::Object& Dynamic::object() const {
  static const Object kEmpty;
  const Object* o = node_ ? std::get_if<Object>(&node_->data) : nullptr;
  return o ? *o : kEmpty;
}

Dynamic Dynamic::Get(std::string_view key) const {
  if (kind() != Kind::kObject) return Dynamic();
  for (const auto& [k, v] : object()) {
    if (k == key) return v;
  }
  return Dynamic();
}

Dynamic Dynamic::At(int64_t index) const {
  if (kind() != Kind::kArray) return Dynamic();
  const Array& a = array();
  int64_t n = static_cast<int64_t>(a.size());
  if (index < 0) index += n;
  if (index < 0 || index >= n) return Dynamic();
  return a[static_cast<size_t>(index)];
}

namespace {

void AppendJson(const Dynamic& d, std::string* out) {
  switch (d.kind()) {
    case Dynamic::Kind::kNull:
      out->append("null");
      break;
    case Dynamic::Kind::kBool:
      out->append(d.bool_value() ? "true" : "false");
      break;
    case Dynamic::Kind::kLong: {
      char buf[24];
      auto r = std::to_chars(buf, buf + sizeof(buf), d.long_value());
      out->append(buf, static_cast<size_t>(r.ptr - buf));
      break;
    }
    case Dynamic::Kind::kReal:
      AppendReal(d.real_value(), out);
      break;
    case Dynamic::Kind::kString:
    case Dynamic::Kind::kGuid:
      AppendJsonString(d.string_value(), out);
      break;
    case Dynamic::Kind::kDateTime:
      AppendJsonString(FormatDateTime(d.long_value()), out);
      break;
    case Dynamic::Kind::kTimespan:
      AppendJsonString(FormatTimespan(d.long_value()), out);
      break;
    case Dynamic::Kind::kArray: {
      out->push_back('[');
      bool first = true;
      for (const Dynamic& item : d.array()) {
        if (!first) out->push_back(',');
        first = false;
        AppendJson(item, out);
      }
      out->push_back(']');
      break;
    }
    case Dynamic::Kind::kObject: {
      out->push_back('{');
      bool first = true;
      for (const auto& [key, value] : d.object()) {
        if (!first) out->push_back(',');
        first = false;
        AppendJsonString(key, out);
        out->push_back(':');
        AppendJson(value, out);
      }
      out->push_back('}');
      break;
    }
  }
}

bool IsNumber(Dynamic::Kind k) { return k == Dynamic::Kind::kLong || k == Dynamic::Kind::kReal; }

}  // namespace

std::string Dynamic::ToJson() const {
  std::string out;
  AppendJson(*this, &out);
  return out;
}

Result<Dynamic> Dynamic::Parse(std::string_view json) {
  // The parser keeps its buffers between calls; one per thread.
  thread_local simdjson::dom::parser parser;
  simdjson::padded_string padded(json);
  simdjson::dom::element root;
  auto error = parser.parse(padded).get(root);
  if (error == simdjson::NUMBER_ERROR) {
    // Integers beyond 64 bits are valid JSON; as dynamic.h says, they become reals.
    simdjson::padded_string widened(WidenBigIntegers(json));
    error = parser.parse(widened).get(root);
  }
  if (error) {
    size_t offset = FindJsonSyntaxError(json);
    std::string message = "invalid JSON at byte offset " + std::to_string(offset) + ": " +
                          simdjson::error_message(error);
    SourcePosition position;
    position.offset = static_cast<uint32_t>(offset);
    return InvalidArgument(std::move(message), position);
  }
  return FromElement(root);
}

Dynamic Dynamic::ParseOrString(std::string_view text) {
  Result<Dynamic> parsed = Parse(text);
  if (parsed.ok()) return std::move(parsed).value();
  return String(std::string(text));
}

bool Dynamic::operator==(const Dynamic& other) const {
  if (node_ == other.node_) return true;
  Kind a = kind(), b = other.kind();
  if (a != b) {
    if (IsNumber(a) && IsNumber(b)) {
      double x = a == Kind::kLong ? static_cast<double>(long_value()) : real_value();
      double y = b == Kind::kLong ? static_cast<double>(other.long_value()) : other.real_value();
      return x == y;
    }
    return false;
  }
  switch (a) {
    case Kind::kNull:
      return true;
    case Kind::kBool:
      return bool_value() == other.bool_value();
    case Kind::kLong:
    case Kind::kDateTime:
    case Kind::kTimespan:
      return long_value() == other.long_value();
    case Kind::kReal:
      return real_value() == other.real_value();
    case Kind::kString:
    case Kind::kGuid:
      return string_value() == other.string_value();
    case Kind::kArray:
      return array() == other.array();
    case Kind::kObject: {
      const Object& x = object();
      const Object& y = other.object();
      if (x.size() != y.size()) return false;
      for (const auto& [key, value] : x) {
        bool found = false;
        for (const auto& [other_key, other_value] : y) {
          if (other_key == key) {
            if (!(value == other_value)) return false;
            found = true;
            break;
          }
        }
        if (!found) return false;
      }
      return true;
    }
  }
  return false;
}

}  // namespace huntbook
