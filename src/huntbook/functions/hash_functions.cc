// Hash functions: hash and hash_xxhash64 (xxhash64, optional modulo), hash_sha256,
// hash_sha1, hash_md5.
// https://learn.microsoft.com/kusto/query/hash-function
// https://learn.microsoft.com/kusto/query/hash-sha256-function
//
// hash(): strings hash their UTF-8 bytes with seed 0 (hash("World") = 1846988464401551951
// as documented); datetime, timespan and long hash their 8 little-endian bytes
// (hash(datetime(2015-01-01)) = 1380966698541616202, documented); int hashes 4 bytes, real
// 8 bytes, bool 1 byte, guid and dynamic their text (not pinned by the docs). The value is
// the 64-bit hash as a long; with mod it is the unsigned hash modulo mod (0..mod-1), null
// for mod <= 0. A null source gives null.
//
// The cryptographic hashes hash the tostring() text of the value and return lower-case hex;
// datetimes use the round-trip form with 7 fraction digits
// (hash_sha256(datetime(2020-01-01)) hashes "2020-01-01T00:00:00.0000000Z", matching the
// documented ba666752...). SHA-256 comes from libsodium, SHA-1 and MD5 from OpenSSL.
#include <openssl/evp.h>
#include <sodium.h>
#include <xxhash.h>

#include <cstring>
#include <string>

#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/column_writer.h"
#include "huntbook/functions/conversion.h"
#include "huntbook/functions/scalar_families.h"

namespace huntbook::functions {
namespace {

std::string Hex(const unsigned char* bytes, size_t size) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (size_t i = 0; i < size; ++i) {
    out.push_back(kHex[bytes[i] >> 4]);
    out.push_back(kHex[bytes[i] & 15]);
  }
  return out;
}

template <typename T>
uint64_t HashBytesOf(T value) {
  unsigned char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));  // x86-64 and arm64 are little-endian
  return XXH64(bytes, sizeof(T), 0);
}

std::optional<uint64_t> XxHash(const Column& column, size_t row, std::string* scratch) {
  if (IsNullAt(column, row)) return std::nullopt;
  size_t i = At(column, row);
  switch (column.type()) {
    case TypeKind::kString:
    case TypeKind::kGuid: {
      std::string_view text = column.GetString(i);
      return XXH64(text.data(), text.size(), 0);
    }
    case TypeKind::kLong:
    case TypeKind::kDateTime:
    case TypeKind::kTimespan:
      return HashBytesOf<int64_t>(column.GetInt(i));
    case TypeKind::kInt:
      return HashBytesOf<int32_t>(static_cast<int32_t>(column.GetInt(i)));
    case TypeKind::kBool:
      return HashBytesOf<uint8_t>(column.GetInt(i) != 0 ? 1 : 0);
    case TypeKind::kReal:
    case TypeKind::kDecimal:
      return HashBytesOf<double>(column.GetReal(i));
    default: {
      std::string_view text = TextOf(column, row, scratch);
      return XXH64(text.data(), text.size(), 0);
    }
  }
}

Result<ColumnPtr> XxHashKernel(std::span<const ColumnPtr> args, size_t rows, const EvalContext&) {
  IntColumnWriter out(TypeKind::kLong, rows);
  std::string scratch;
  for (size_t i = 0; i < rows; ++i) {
    std::optional<uint64_t> hash = XxHash(*args[0], i, &scratch);
    if (!hash) {
      out.SetNull(i);
      continue;
    }
    if (args.size() > 1) {
      std::optional<int64_t> mod = ToLongValue(*args[1], i);
      if (!mod || *mod <= 0) {
        out.SetNull(i);
        continue;
      }
      out.Set(i, static_cast<int64_t>(*hash % static_cast<uint64_t>(*mod)));
    } else {
      out.Set(i, static_cast<int64_t>(*hash));
    }
  }
  return out.Finish();
}

// The text a cryptographic hash digests (see the file comment).
std::string_view DigestText(const Column& column, size_t row, std::string* scratch) {
  std::string_view text = TextOf(column, row, scratch);
  if (column.type() != TypeKind::kDateTime || IsNullAt(column, row)) return text;
  std::string value(text);
  if (!value.empty() && value.back() == 'Z') value.pop_back();
  size_t dot = value.find('.');
  if (dot == std::string::npos) {
    value += ".";
    dot = value.size() - 1;
  }
  while (value.size() - dot - 1 < 7) value.push_back('0');
  *scratch = value + "Z";
  return *scratch;
}

using DigestFn = std::string (*)(std::string_view);

std::string Sha256(std::string_view text) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  return Hex(digest, sizeof(digest));
}

std::string OpenSslDigest(const EVP_MD* md, std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(text.data(), text.size(), digest, &size, md, nullptr) != 1) return "";
  return Hex(digest, size);
}

std::string Sha1(std::string_view text) { return OpenSslDigest(EVP_sha1(), text); }
std::string Md5(std::string_view text) { return OpenSslDigest(EVP_md5(), text); }

KernelFn DigestKernel(DigestFn digest) {
  return [digest](std::span<const ColumnPtr> args, size_t rows,
                  const EvalContext&) -> Result<ColumnPtr> {
    auto out = std::make_shared<Column>(TypeKind::kString);
    out->Reserve(rows);
    std::string scratch;
    for (size_t i = 0; i < rows; ++i) {
      if (args[0]->type() != TypeKind::kString && IsNullAt(*args[0], i)) {
        out->AppendString("");
      } else {
        out->AppendString(digest(DigestText(*args[0], i, &scratch)));
      }
    }
    return ColumnPtr(out);
  };
}

void Register(const std::string& name, const std::string& page, int max_args, BindFn bind,
              KernelFn kernel) {
  RegisterScalarFunction({name, "https://learn.microsoft.com/kusto/query/" + page, 1, max_args,
                          std::move(bind), std::move(kernel)});
}

}  // namespace

void RegisterHashFunctions() {
  using R = ArgRule;
  if (sodium_init() < 0) return;  // cannot happen on supported systems; leaves hashes unknown
  Register("hash", "hash-function", 2,
           FixedResultBind("hash", {R::kScalar, R::kInteger}, TypeKind::kLong), XxHashKernel);
  Register("hash_xxhash64", "hash-xxhash64-function", 2,
           FixedResultBind("hash_xxhash64", {R::kAny, R::kInteger}, TypeKind::kLong), XxHashKernel);
  Register("hash_sha256", "hash-sha256-function", 1,
           FixedResultBind("hash_sha256", {R::kAny}, TypeKind::kString), DigestKernel(Sha256));
  Register("hash_sha1", "hash-sha1-function", 1,
           FixedResultBind("hash_sha1", {R::kAny}, TypeKind::kString), DigestKernel(Sha1));
  Register("hash_md5", "hash-md5-function", 1,
           FixedResultBind("hash_md5", {R::kAny}, TypeKind::kString), DigestKernel(Md5));
}

}  // namespace huntbook::functions
