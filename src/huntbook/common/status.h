// Status and Result<T>: expected failures are values, never exceptions across modules.
//
// A Status is OK or carries a canonical code, a message and, for query diagnostics, the
// source position (1-based line and column; 0 = unknown). Result<T> holds a T or a
// non-OK Status. Use RETURN_IF_ERROR / ASSIGN_OR_RETURN to propagate.
#pragma once

#include <cassert>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace huntbook {

enum class StatusCode : uint8_t {
  kOk = 0,
  kInvalidArgument,   // bad input from the user: query text, data file, option
  kSyntaxError,       // query does not parse
  kSemanticError,     // query parses but does not bind (unknown name, type mismatch)
  kNotSupported,      // valid KQL that huntbook does not implement yet
  kNotFound,          // table, workspace, file
  kAlreadyExists,
  kIoError,           // the operating system refused (disk full, permission)
  kCorruption,        // checksum mismatch or malformed on-disk data
  kResourceExhausted, // limits: result size, memory, depth
  kCancelled,
  kInternal,          // a bug in huntbook
};

// Stable, client-visible name of a code, e.g. "SyntaxError".
const char* StatusCodeName(StatusCode code);

// Where in the query text (or data file) an error was found.
struct SourcePosition {
  uint32_t line = 0;    // 1-based; 0 = unknown
  uint32_t column = 0;  // 1-based, in bytes
  uint32_t offset = 0;  // 0-based byte offset into the text
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message, SourcePosition position = {})
      : code_(code), message_(std::move(message)), position_(position) {}

  static Status OK() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const SourcePosition& position() const { return position_; }

  // "SyntaxError: message (line 3, column 7)".
  std::string ToString() const;

  // Prefixes the message with context ("file x.csv line 4: "), keeping code and position.
  Status WithContext(const std::string& prefix) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  SourcePosition position_;
};

inline Status InvalidArgument(std::string m, SourcePosition p = {}) {
  return Status(StatusCode::kInvalidArgument, std::move(m), p);
}
inline Status SyntaxError(std::string m, SourcePosition p = {}) {
  return Status(StatusCode::kSyntaxError, std::move(m), p);
}
inline Status SemanticError(std::string m, SourcePosition p = {}) {
  return Status(StatusCode::kSemanticError, std::move(m), p);
}
// "not supported: <what>" — the construct's name is part of the message.
inline Status NotSupported(const std::string& what, SourcePosition p = {}) {
  return Status(StatusCode::kNotSupported, "not supported: " + what, p);
}
inline Status NotFound(std::string m) { return Status(StatusCode::kNotFound, std::move(m)); }
inline Status IoError(std::string m) { return Status(StatusCode::kIoError, std::move(m)); }
inline Status Corruption(std::string m) { return Status(StatusCode::kCorruption, std::move(m)); }
inline Status Internal(std::string m) { return Status(StatusCode::kInternal, std::move(m)); }
inline Status ResourceExhausted(std::string m) {
  return Status(StatusCode::kResourceExhausted, std::move(m));
}

// Holds either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(data_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(data_);
  }
  // REQUIRES: ok().
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace huntbook

#define HUNTBOOK_CONCAT_INNER(a, b) a##b
#define HUNTBOOK_CONCAT(a, b) HUNTBOOK_CONCAT_INNER(a, b)

#define RETURN_IF_ERROR(expr)                     \
  do {                                            \
    ::huntbook::Status _status = (expr);          \
    if (!_status.ok()) return _status;            \
  } while (0)

#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                          \
  if (!tmp.ok()) return tmp.status();         \
  lhs = std::move(tmp).value()

#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL(HUNTBOOK_CONCAT(_result_, __LINE__), lhs, expr)
