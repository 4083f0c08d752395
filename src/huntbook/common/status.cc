#include "huntbook/common/status.h"

namespace huntbook {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "OK";
    case StatusCode::kInvalidArgument: return "InvalidArgument";
    case StatusCode::kSyntaxError: return "SyntaxError";
    case StatusCode::kSemanticError: return "SemanticError";
    case StatusCode::kNotSupported: return "NotSupported";
    case StatusCode::kNotFound: return "NotFound";
    case StatusCode::kAlreadyExists: return "AlreadyExists";
    case StatusCode::kIoError: return "IoError";
    case StatusCode::kCorruption: return "Corruption";
    case StatusCode::kResourceExhausted: return "ResourceExhausted";
    case StatusCode::kCancelled: return "Cancelled";
    case StatusCode::kInternal: return "Internal";
  }
  return "Unknown";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out = std::string(StatusCodeName(code_)) + ": " + message_;
  if (position_.line > 0) {
    out += " (line " + std::to_string(position_.line) + ", column " +
           std::to_string(position_.column) + ")";
  }
  return out;
}

Status Status::WithContext(const std::string& prefix) const {
  if (ok()) return *this;
  return Status(code_, prefix + message_, position_);
}

}  // namespace huntbook
