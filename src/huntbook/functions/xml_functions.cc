// parse_xml(xml): XML text -> dynamic, per the page's mapping: an element becomes
// {"name": value}; a value is null (empty element), the trimmed text (text only), or a bag
// of "@attribute" members, "#text" (the trimmed text, when not empty) and one member per
// child element name (an array when the name repeats, in document order). Only elements,
// attributes and text (with CDATA) are kept; the declaration, comments, processing
// instructions and DOCTYPE are skipped. Invalid XML, input over 1 MB and nesting deeper
// than 256 elements give null.
// https://learn.microsoft.com/kusto/query/parse-xml-function
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/column_writer.h"
#include "huntbook/functions/scalar_families.h"
#include "huntbook/functions/utf8_text.h"

namespace huntbook::functions {
namespace {

constexpr size_t kMaxInput = 1 << 20;
constexpr int kMaxDepth = 256;

class XmlReader {
 public:
  explicit XmlReader(std::string_view text) : text_(text) {}

  // The document as {"root": value}, or nullopt when it is not well-formed.
  std::optional<Dynamic> Document() {
    if (!SkipMisc()) return std::nullopt;
    std::string name;
    std::optional<Dynamic> root = Element(0, &name);
    if (!root || !SkipMisc() || pos_ != text_.size()) return std::nullopt;
    Dynamic::Object o;
    o.emplace_back(std::move(name), std::move(*root));
    return Dynamic::MakeObject(std::move(o));
  }

 private:
  bool StartsWith(std::string_view s) const { return text_.substr(pos_).starts_with(s); }
  void SkipSpace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }
  // Skips past `end`; false when it is missing.
  bool SkipPast(std::string_view end) {
    size_t at = text_.find(end, pos_);
    if (at == std::string_view::npos) return false;
    pos_ = at + end.size();
    return true;
  }
  // Whitespace, comments, processing instructions and DOCTYPE between elements.
  bool SkipMisc() {
    while (true) {
      SkipSpace();
      if (StartsWith("<?")) {
        if (!SkipPast("?>")) return false;
      } else if (StartsWith("<!--")) {
        if (!SkipPast("-->")) return false;
      } else if (StartsWith("<!DOCTYPE")) {
        if (!SkipPast(">")) return false;
      } else {
        return true;
      }
    }
  }
  static bool IsNameChar(char c) {
    return c == ':' || c == '_' || c == '-' || c == '.' || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           static_cast<unsigned char>(c) >= 0x80;
  }
  std::string Name() {
    size_t start = pos_;
    while (pos_ < text_.size() && IsNameChar(text_[pos_])) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }
  // Decodes the entity at pos_ ('&'); false when it is not one of XML's.
  bool Entity(std::string* out) {
    size_t end = text_.find(';', pos_);
    if (end == std::string_view::npos || end - pos_ > 12) return false;
    std::string_view name = text_.substr(pos_ + 1, end - pos_ - 1);
    pos_ = end + 1;
    if (name == "lt") return out->push_back('<'), true;
    if (name == "gt") return out->push_back('>'), true;
    if (name == "amp") return out->push_back('&'), true;
    if (name == "quot") return out->push_back('"'), true;
    if (name == "apos") return out->push_back('\''), true;
    if (name.size() < 2 || name[0] != '#') return false;
    const bool hex = name[1] == 'x';
    uint32_t point = 0;
    for (char c : name.substr(hex ? 2 : 1)) {
      int digit = c >= '0' && c <= '9'          ? c - '0'
                  : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                : -1;
      if (digit < 0) return false;
      point = point * (hex ? 16 : 10) + static_cast<uint32_t>(digit);
      if (point > 0x10FFFF) return false;
    }
    AppendUtf8(point, out);
    return true;
  }
  static std::string Trim(const std::string& s) {
    const char* space = " \t\r\n";
    size_t begin = s.find_first_not_of(space);
    if (begin == std::string::npos) return "";
    return s.substr(begin, s.find_last_not_of(space) - begin + 1);
  }
  static void AddChild(Dynamic::Object* members, std::string name, Dynamic value) {
    for (auto& [key, existing] : *members) {
      if (key != name) continue;
      Dynamic::Array items = existing.is_array() ? existing.array() : Dynamic::Array{existing};
      items.push_back(std::move(value));
      existing = Dynamic::MakeArray(std::move(items));
      return;
    }
    members->emplace_back(std::move(name), std::move(value));
  }

  // The element at pos_ ('<'); its name in *name.
  std::optional<Dynamic> Element(int depth, std::string* name) {
    if (depth >= kMaxDepth || !StartsWith("<")) return std::nullopt;
    ++pos_;
    *name = Name();
    if (name->empty()) return std::nullopt;
    Dynamic::Object attributes;
    while (true) {
      SkipSpace();
      if (StartsWith("/>")) {
        pos_ += 2;
        if (attributes.empty()) return Dynamic();
        return Dynamic::MakeObject(std::move(attributes));
      }
      if (StartsWith(">")) {
        ++pos_;
        break;
      }
      std::string attribute = Name();
      if (attribute.empty()) return std::nullopt;
      SkipSpace();
      if (!StartsWith("=")) return std::nullopt;
      ++pos_;
      SkipSpace();
      if (pos_ >= text_.size() || (text_[pos_] != '"' && text_[pos_] != '\'')) return std::nullopt;
      const char quote = text_[pos_++];
      std::string value;
      while (pos_ < text_.size() && text_[pos_] != quote) {
        if (text_[pos_] == '&') {
          if (!Entity(&value)) return std::nullopt;
        } else {
          value.push_back(text_[pos_++]);
        }
      }
      if (pos_ >= text_.size()) return std::nullopt;
      ++pos_;
      attributes.emplace_back("@" + attribute, Dynamic::String(std::move(value)));
    }
    std::string text;
    Dynamic::Object children;
    while (true) {
      if (pos_ >= text_.size()) return std::nullopt;
      if (StartsWith("</")) {
        pos_ += 2;
        if (Name() != *name) return std::nullopt;
        SkipSpace();
        if (!StartsWith(">")) return std::nullopt;
        ++pos_;
        break;
      }
      if (StartsWith("<!--")) {
        if (!SkipPast("-->")) return std::nullopt;
      } else if (StartsWith("<![CDATA[")) {
        size_t start = pos_ + 9;
        if (!SkipPast("]]>")) return std::nullopt;
        text.append(text_.substr(start, pos_ - 3 - start));
      } else if (StartsWith("<?")) {
        if (!SkipPast("?>")) return std::nullopt;
      } else if (StartsWith("<")) {
        std::string child_name;
        std::optional<Dynamic> child = Element(depth + 1, &child_name);
        if (!child) return std::nullopt;
        AddChild(&children, std::move(child_name), std::move(*child));
      } else if (text_[pos_] == '&') {
        if (!Entity(&text)) return std::nullopt;
      } else {
        text.push_back(text_[pos_++]);
      }
    }
    text = Trim(text);
    if (attributes.empty() && children.empty()) {
      return text.empty() ? Dynamic() : Dynamic::String(std::move(text));
    }
    Dynamic::Object members = std::move(attributes);
    if (!text.empty()) members.emplace_back("#text", Dynamic::String(std::move(text)));
    for (auto& child : children) members.push_back(std::move(child));
    return Dynamic::MakeObject(std::move(members));
  }

  std::string_view text_;
  size_t pos_ = 0;
};

Value ParseXml(std::span<const Value> args, const EvalContext&) {
  if (args[0].is_null()) return Value();
  const std::string text = args[0].string_value();
  if (text.size() > kMaxInput) return Value();
  std::optional<Dynamic> document = XmlReader(text).Document();
  if (!document) return Value();
  return Value::Dyn(std::move(*document));
}

}  // namespace

void RegisterXmlFunctions() {
  BindFn bind = FixedResultBind("parse_xml", {ArgRule::kString}, TypeKind::kDynamic);
  RegisterScalarFunction({"parse_xml", "https://learn.microsoft.com/kusto/query/parse-xml-function",
                          1, 1, bind, MakeRowKernel(bind, ParseXml)});
}

}  // namespace huntbook::functions
