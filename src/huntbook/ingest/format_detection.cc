#include "huntbook/ingest/format_detection.h"

namespace huntbook::ingest {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    char c = s[s.size() - suffix.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != suffix[i]) return false;
  }
  return true;
}

}  // namespace

bool IsCsvSource(std::string_view bytes, std::string_view source_name, Format format) {
  if (format == Format::kCsv) return true;
  if (format != Format::kAuto) return false;
  if (EndsWith(source_name, ".csv")) return true;
  for (std::string_view ext : {".json", ".jsonl", ".ndjson", ".log"}) {
    if (EndsWith(source_name, ext)) return false;
  }
  // Unknown extension: JSON when the text starts like JSON.
  size_t i = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  while (i < bytes.size() &&
         (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) {
    ++i;
  }
  return i >= bytes.size() || (bytes[i] != '{' && bytes[i] != '[');
}

std::string_view FileBaseName(std::string_view path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace huntbook::ingest
