// Encoding functions: base64_encode_tostring, base64_decode_tostring (and the legacy names
// base64_encodestring, base64_decodestring), base64_encode_fromguid, base64_decode_toguid,
// base64_decode_toarray, url_encode, url_encode_component, url_decode.
#include <algorithm>
#include <string>

#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/column_writer.h"
#include "huntbook/functions/conversion.h"
#include "huntbook/functions/scalar_families.h"

namespace huntbook::functions {
namespace {

const char kBase64Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void Base64Encode(std::string_view in, std::string* out) {
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t v = (static_cast<uint8_t>(in[i]) << 16) | (static_cast<uint8_t>(in[i + 1]) << 8) |
                 static_cast<uint8_t>(in[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out->push_back(kBase64Alphabet[(v >> shift) & 63]);
  }
  size_t rest = in.size() - i;
  if (rest == 0) return;
  uint32_t v = static_cast<uint8_t>(in[i]) << 16;
  if (rest == 2) v |= static_cast<uint8_t>(in[i + 1]) << 8;
  out->push_back(kBase64Alphabet[(v >> 18) & 63]);
  out->push_back(kBase64Alphabet[(v >> 12) & 63]);
  out->push_back(rest == 2 ? kBase64Alphabet[(v >> 6) & 63] : '=');
  out->push_back('=');
}

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

// False for malformed input (bad characters, bad padding, truncated groups).
bool Base64Decode(std::string_view in, std::string* out) {
  while (!in.empty() && in.back() == '=') in.remove_suffix(1);
  if (in.size() % 4 == 1) return false;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : in) {
    int v = Base64Value(c);
    if (v < 0) return false;
    buffer = (buffer << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return true;
}

bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

// .NET HttpUtility.UrlEncode style: letters, digits and -_.!*() kept, lower-case hex.
void UrlEncode(std::string_view in, bool space_as_plus, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  for (char ch : in) {
    unsigned char c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '!' || c == '*' || c == '(' || c == ')') {
      out->push_back(ch);
    } else if (c == ' ' && space_as_plus) {
      out->push_back('+');
    } else {
      out->push_back('%');
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 15]);
    }
  }
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void UrlDecode(std::string_view in, std::string* out) {
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '+') {
      out->push_back(' ');
    } else if (in[i] == '%' && i + 2 < in.size() && HexValue(in[i + 1]) >= 0 &&
               HexValue(in[i + 2]) >= 0) {
      out->push_back(static_cast<char>(HexValue(in[i + 1]) * 16 + HexValue(in[i + 2])));
      i += 2;
    } else {
      out->push_back(in[i]);
    }
  }
}

template <typename Fn>
KernelFn TextKernel(Fn fn) {
  return
      [fn](std::span<const ColumnPtr> args, size_t rows, const EvalContext&) -> Result<ColumnPtr> {
        auto out = std::make_shared<Column>(TypeKind::kString);
        out->Reserve(rows);
        std::string scratch, result;
        for (size_t i = 0; i < rows; ++i) {
          result.clear();
          fn(TextOf(*args[0], i, &scratch), &result);
          out->AppendString(result);
        }
        return ColumnPtr(out);
      };
}

// A guid's 16 bytes in .NET Guid.ToByteArray order: the first three groups little-endian,
// the last two as written. https://learn.microsoft.com/kusto/query/base64-encode-fromguid-function
std::optional<std::string> GuidBytes(std::string_view text) {
  std::optional<std::string> canonical = ParseGuid(text);
  if (!canonical) return std::nullopt;
  std::string hex;
  for (char c : *canonical) {
    if (c != '-') hex.push_back(c);
  }
  std::string bytes(16, '\0');
  for (int k = 0; k < 16; ++k) {
    bytes[k] = static_cast<char>(HexValue(hex[2 * k]) * 16 + HexValue(hex[2 * k + 1]));
  }
  std::reverse(bytes.begin(), bytes.begin() + 4);
  std::reverse(bytes.begin() + 4, bytes.begin() + 6);
  std::reverse(bytes.begin() + 6, bytes.begin() + 8);
  return bytes;
}

std::string GuidText(std::string bytes) {
  static const char kHex[] = "0123456789abcdef";
  std::reverse(bytes.begin(), bytes.begin() + 4);
  std::reverse(bytes.begin() + 4, bytes.begin() + 6);
  std::reverse(bytes.begin() + 6, bytes.begin() + 8);
  std::string text;
  for (int k = 0; k < 16; ++k) {
    if (k == 4 || k == 6 || k == 8 || k == 10) text.push_back('-');
    unsigned char b = static_cast<unsigned char>(bytes[k]);
    text.push_back(kHex[b >> 4]);
    text.push_back(kHex[b & 15]);
  }
  return text;
}

Value EncodeFromGuid(std::span<const Value> args, const EvalContext&) {
  if (args[0].is_null()) return Value::String("");
  std::optional<std::string> bytes = GuidBytes(args[0].string_value());
  std::string out;
  if (bytes) Base64Encode(*bytes, &out);
  return Value::String(std::move(out));
}

// Malformed base64 or a length other than 16 bytes gives null.
Value DecodeToGuid(std::span<const Value> args, const EvalContext&) {
  std::string bytes;
  if (!Base64Decode(args[0].string_value(), &bytes) || bytes.size() != 16) {
    return Value::Null(TypeKind::kGuid);
  }
  return Value::Guid(GuidText(std::move(bytes)));
}

// The decoded bytes as an array of longs 0..255; malformed base64 gives null.
Value DecodeToArray(std::span<const Value> args, const EvalContext&) {
  std::string bytes;
  if (!Base64Decode(args[0].string_value(), &bytes)) return Value::Null(TypeKind::kDynamic);
  Dynamic::Array items;
  items.reserve(bytes.size());
  for (char b : bytes) items.push_back(Dynamic::Long(static_cast<unsigned char>(b)));
  return Value::Dyn(Dynamic::MakeArray(std::move(items)));
}

void RegisterRow(const std::string& name, const std::string& page, ArgRule input, TypeKind result,
                 RowFn fn) {
  BindFn bind = FixedResultBind(name, {input}, result);
  RegisterScalarFunction({name, "https://learn.microsoft.com/kusto/query/" + page, 1, 1, bind,
                          MakeRowKernel(bind, std::move(fn))});
}

template <typename Fn>
void Register(const std::string& name, const std::string& page, Fn fn) {
  RegisterScalarFunction({name, "https://learn.microsoft.com/kusto/query/" + page, 1, 1,
                          FixedResultBind(name, {ArgRule::kString}, TypeKind::kString),
                          TextKernel(fn)});
}

}  // namespace

void RegisterEncodingFunctions() {
  Register("base64_encode_tostring", "base64-encode-tostring-function",
           [](std::string_view in, std::string* out) { Base64Encode(in, out); });
  // Malformed base64 or bytes that are not UTF-8 give "" (Kusto: null; strings have none).
  Register("base64_decode_tostring", "base64-decode-tostring-function",
           [](std::string_view in, std::string* out) {
             if (!Base64Decode(in, out) || !IsValidUtf8(*out)) out->clear();
           });
  Register("base64_encodestring", "base64-encode-tostring-function",
           [](std::string_view in, std::string* out) { Base64Encode(in, out); });
  Register("base64_decodestring", "base64-decode-tostring-function",
           [](std::string_view in, std::string* out) {
             if (!Base64Decode(in, out) || !IsValidUtf8(*out)) out->clear();
           });
  // The argument must be a guid: a string is a semantic error, as documented.
  BindFn fromguid_bind = [](std::span<const TypeKind> types) -> Result<TypeKind> {
    if (types[0] != TypeKind::kGuid && types[0] != TypeKind::kNull) {
      return SemanticError("base64_encode_fromguid(): argument 1 must be guid, got " +
                           std::string(TypeName(types[0])));
    }
    return TypeKind::kString;
  };
  RegisterScalarFunction({"base64_encode_fromguid",
                          "https://learn.microsoft.com/kusto/query/base64-encode-fromguid-function",
                          1, 1, fromguid_bind, MakeRowKernel(fromguid_bind, EncodeFromGuid)});
  RegisterRow("base64_decode_toguid", "base64-decode-toguid-function", ArgRule::kString,
              TypeKind::kGuid, DecodeToGuid);
  RegisterRow("base64_decode_toarray", "base64-decode-toarray-function", ArgRule::kString,
              TypeKind::kDynamic, DecodeToArray);
  Register("url_encode", "url-encode-function",
           [](std::string_view in, std::string* out) { UrlEncode(in, true, out); });
  Register("url_encode_component", "url-encode-component-function",
           [](std::string_view in, std::string* out) { UrlEncode(in, false, out); });
  Register("url_decode", "url-decode-function",
           [](std::string_view in, std::string* out) { UrlDecode(in, out); });
}

}  // namespace huntbook::functions
