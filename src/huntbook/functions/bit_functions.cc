// Bitwise functions: binary_and, binary_or, binary_xor, binary_not, binary_shift_left,
// binary_shift_right, bitset_count_ones. All take integers and return long; a null argument
// gives null.
// https://learn.microsoft.com/kusto/query/binary-and-function (and the sibling pages)
// https://learn.microsoft.com/kusto/query/binary-shift-left-function: value << (shift % 64),
// null for a negative shift (binary_shift_right likewise with >>, arithmetic on long).
// https://learn.microsoft.com/kusto/query/bitset-count-ones-function
#include <bit>
#include <cstdint>
#include <optional>
#include <string>

#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/column_writer.h"
#include "huntbook/functions/conversion.h"
#include "huntbook/functions/scalar_families.h"

namespace huntbook::functions {
namespace {

std::string Doc(const std::string& page) {
  return "https://learn.microsoft.com/kusto/query/" + page;
}

using BinaryLongFn = std::optional<int64_t> (*)(int64_t, int64_t);

KernelFn BinaryKernel(BinaryLongFn fn) {
  return
      [fn](std::span<const ColumnPtr> args, size_t rows, const EvalContext&) -> Result<ColumnPtr> {
        IntColumnWriter out(TypeKind::kLong, rows);
        for (size_t i = 0; i < rows; ++i) {
          std::optional<int64_t> a = ToLongValue(*args[0], i), b = ToLongValue(*args[1], i);
          std::optional<int64_t> r = a && b ? fn(*a, *b) : std::nullopt;
          if (r) {
            out.Set(i, *r);
          } else {
            out.SetNull(i);
          }
        }
        return out.Finish();
      };
}

using UnaryLongFn = int64_t (*)(int64_t);

KernelFn UnaryKernel(UnaryLongFn fn) {
  return
      [fn](std::span<const ColumnPtr> args, size_t rows, const EvalContext&) -> Result<ColumnPtr> {
        IntColumnWriter out(TypeKind::kLong, rows);
        for (size_t i = 0; i < rows; ++i) {
          std::optional<int64_t> a = ToLongValue(*args[0], i);
          if (a) {
            out.Set(i, fn(*a));
          } else {
            out.SetNull(i);
          }
        }
        return out.Finish();
      };
}

void RegisterBinary(const std::string& name, BinaryLongFn fn) {
  std::string page = name;
  for (char& c : page) c = c == '_' ? '-' : c;
  RegisterScalarFunction(
      {name, Doc(page + "-function"), 2, 2,
       FixedResultBind(name, {ArgRule::kInteger, ArgRule::kInteger}, TypeKind::kLong),
       BinaryKernel(fn)});
}

void RegisterUnary(const std::string& name, UnaryLongFn fn) {
  std::string page = name;
  for (char& c : page) c = c == '_' ? '-' : c;
  RegisterScalarFunction({name, Doc(page + "-function"), 1, 1,
                          FixedResultBind(name, {ArgRule::kInteger}, TypeKind::kLong),
                          UnaryKernel(fn)});
}

}  // namespace

void RegisterBitFunctions() {
  RegisterBinary("binary_and",
                 [](int64_t a, int64_t b) -> std::optional<int64_t> { return a & b; });
  RegisterBinary("binary_or", [](int64_t a, int64_t b) -> std::optional<int64_t> { return a | b; });
  RegisterBinary("binary_xor",
                 [](int64_t a, int64_t b) -> std::optional<int64_t> { return a ^ b; });
  RegisterBinary("binary_shift_left", [](int64_t a, int64_t n) -> std::optional<int64_t> {
    if (n < 0) return std::nullopt;
    return static_cast<int64_t>(static_cast<uint64_t>(a) << (n % 64));
  });
  RegisterBinary("binary_shift_right", [](int64_t a, int64_t n) -> std::optional<int64_t> {
    if (n < 0) return std::nullopt;
    return a >> (n % 64);
  });
  RegisterUnary("binary_not", [](int64_t a) -> int64_t { return ~a; });
  RegisterUnary("bitset_count_ones",
                [](int64_t a) -> int64_t { return std::popcount(static_cast<uint64_t>(a)); });
}

}  // namespace huntbook::functions
