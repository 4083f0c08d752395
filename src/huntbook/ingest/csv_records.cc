#include "huntbook/ingest/csv_records.h"

namespace huntbook::ingest {

CsvRecords::CsvRecords(std::string_view bytes) : bytes_(bytes) {
  if (bytes_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // UTF-8 byte order mark
}

std::string* CsvRecords::Scratch() {
  if (scratch_used_ == scratch_.size()) scratch_.emplace_back();
  std::string* s = &scratch_[scratch_used_++];
  s->clear();
  return s;
}

Result<bool> CsvRecords::Next(std::vector<std::string_view>* fields) {
  fields->clear();
  scratch_used_ = 0;
  const size_t n = bytes_.size();
  // Skip empty lines.
  while (pos_ < n && (bytes_[pos_] == '\n' || bytes_[pos_] == '\r')) {
    if (bytes_[pos_] == '\n') ++line_;
    ++pos_;
  }
  if (pos_ >= n) return false;
  record_line_ = line_;
  while (true) {
    size_t start = pos_;
    if (pos_ < n && bytes_[pos_] == '"') {
      // Quoted field: find the closing quote, unescaping "" only when present.
      size_t open_line = line_;
      size_t i = pos_ + 1;
      std::string* unescaped = nullptr;
      size_t chunk = i;
      while (true) {
        if (i >= n) {
          return InvalidArgument("line " + std::to_string(open_line) + ", column " +
                                 std::to_string(fields->size() + 1) +
                                 ": unterminated quoted field");
        }
        char c = bytes_[i];
        if (c == '\n') ++line_;
        if (c == '"') {
          if (i + 1 < n && bytes_[i + 1] == '"') {
            if (!unescaped) unescaped = Scratch();
            unescaped->append(bytes_.data() + chunk, i + 1 - chunk);  // keep one quote
            i += 2;
            chunk = i;
            continue;
          }
          break;
        }
        ++i;
      }
      std::string_view field;
      if (unescaped) {
        unescaped->append(bytes_.data() + chunk, i - chunk);
      } else {
        field = bytes_.substr(start + 1, i - start - 1);
      }
      pos_ = i + 1;
      // Stray text after the closing quote joins the field.
      size_t tail = pos_;
      while (pos_ < n && bytes_[pos_] != ',' && bytes_[pos_] != '\n' && bytes_[pos_] != '\r') {
        ++pos_;
      }
      if (pos_ > tail) {
        if (!unescaped) {
          unescaped = Scratch();
          unescaped->append(field);
        }
        unescaped->append(bytes_.data() + tail, pos_ - tail);
      }
      fields->push_back(unescaped ? std::string_view(*unescaped) : field);
    } else {
      while (pos_ < n && bytes_[pos_] != ',' && bytes_[pos_] != '\n' && bytes_[pos_] != '\r') {
        ++pos_;
      }
      fields->push_back(bytes_.substr(start, pos_ - start));
    }
    if (pos_ >= n) return true;
    char sep = bytes_[pos_++];
    if (sep == ',') continue;
    if (sep == '\r' && pos_ < n && bytes_[pos_] == '\n') ++pos_;
    if (sep == '\n' || (pos_ > 0 && bytes_[pos_ - 1] == '\n')) ++line_;
    return true;
  }
}

}  // namespace huntbook::ingest
