// JsonWriter: builds JSON text in the order calls are made (property order is part of the
// Data Explorer v2 protocol: FrameType first, Rows last). Commas are inserted for the caller.
//
//   JsonWriter w;
//   w.BeginObject(); w.Key("FrameType"); w.String("DataSetHeader"); w.EndObject();
//
// The writer does not validate nesting; callers pair Begin/End calls.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace huntbook::server {

class JsonWriter {
 public:
  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(std::string_view key);
  void String(std::string_view value);
  void Int(int64_t value);
  void Bool(bool value);
  void Null();
  // Appends already-encoded JSON text as one value.
  void Raw(std::string_view json);

  // Shorthands: Key(key) followed by the value.
  void Member(std::string_view key, std::string_view value) {
    Key(key);
    String(value);
  }
  void Member(std::string_view key, const char* value) {
    Key(key);
    String(value);
  }
  void MemberInt(std::string_view key, int64_t value) {
    Key(key);
    Int(value);
  }
  void MemberBool(std::string_view key, bool value) {
    Key(key);
    Bool(value);
  }

  const std::string& text() const { return out_; }
  std::string Take() { return std::move(out_); }
  // Direct access for bulk cell writers; REQUIRES: call BeforeValue() first.
  std::string* buffer() { return &out_; }
  void BeforeValue();

 private:
  void Open(char c);
  void Close(char c);
  std::string out_;
  std::vector<bool> has_items_;  // per open container: whether a value was written
  bool after_key_ = false;
};

}  // namespace huntbook::server
