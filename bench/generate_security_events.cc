// huntbook-bench-gen: writes N synthetic SecurityEvent rows as JSON Lines and/or CSV (the
// same rows in both), deterministically for a given seed.
//
//   huntbook-bench-gen --rows N [--jsonl PATH] [--csv PATH] [--seed S]
//
// Exit status 0 on success, 2 on bad arguments, 1 on an I/O error; errors go to stderr.
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "security_event_generator.h"
#include "security_event_writer.h"

namespace {

using huntbook::bench::SecurityEvent;
using huntbook::bench::SecurityEventGenerator;

constexpr size_t kFlushBytes = 4 << 20;

struct Options {
  int64_t rows = -1;
  uint64_t seed = huntbook::bench::kDefaultSeed;
  std::string jsonl_path;
  std::string csv_path;
};

int Usage(const char* message) {
  std::fprintf(stderr,
               "huntbook-bench-gen: %s\n"
               "usage: huntbook-bench-gen --rows N [--jsonl PATH] [--csv PATH] [--seed S]\n",
               message);
  return 2;
}

template <typename T>
bool ParseNumber(std::string_view text, T* value) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *value);
  return error == std::errc() && end == text.data() + text.size();
}

// A buffered output file; Write() reports the first failure and then does nothing.
class OutputFile {
 public:
  bool Open(const std::string& path) {
    path_ = path;
    file_ = std::fopen(path.c_str(), "wb");
    if (file_ == nullptr) Fail();
    buffer_.reserve(kFlushBytes + (1 << 16));
    return file_ != nullptr;
  }
  bool active() const { return file_ != nullptr; }
  std::string* buffer() { return &buffer_; }
  void MaybeFlush() {
    if (buffer_.size() >= kFlushBytes) Flush();
  }
  bool Close() {
    if (file_ == nullptr) return ok_;
    Flush();
    if (std::fclose(file_) != 0) Fail();
    file_ = nullptr;
    return ok_;
  }
  uint64_t bytes() const { return bytes_; }

 private:
  void Flush() {
    if (ok_ && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) Fail();
    bytes_ += buffer_.size();
    buffer_.clear();
  }
  void Fail() {
    if (ok_)
      std::fprintf(stderr, "huntbook-bench-gen: %s: %s\n", path_.c_str(), std::strerror(errno));
    ok_ = false;
  }
  std::string path_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
  uint64_t bytes_ = 0;
  bool ok_ = true;
};

}  // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (i + 1 >= argc) return Usage(("missing value after " + std::string(flag)).c_str());
    const std::string_view value = argv[++i];
    if (flag == "--rows") {
      if (!ParseNumber(value, &options.rows) || options.rows <= 0) {
        return Usage("--rows needs a positive integer");
      }
    } else if (flag == "--seed") {
      if (!ParseNumber(value, &options.seed)) return Usage("--seed needs an unsigned integer");
    } else if (flag == "--jsonl") {
      options.jsonl_path = value;
    } else if (flag == "--csv") {
      options.csv_path = value;
    } else {
      return Usage(("unknown flag " + std::string(flag)).c_str());
    }
  }
  if (options.rows <= 0) return Usage("--rows is required");
  if (options.jsonl_path.empty() && options.csv_path.empty()) {
    return Usage("give --jsonl PATH and/or --csv PATH");
  }

  const auto started = std::chrono::steady_clock::now();
  OutputFile jsonl;
  OutputFile csv;
  if (!options.jsonl_path.empty() && !jsonl.Open(options.jsonl_path)) return 1;
  if (!options.csv_path.empty() && !csv.Open(options.csv_path)) return 1;
  if (csv.active()) huntbook::bench::AppendCsvHeader(csv.buffer());

  SecurityEventGenerator generator(options.seed, options.rows);
  SecurityEvent row;
  for (int64_t i = 0; i < options.rows; ++i) {
    generator.Next(&row);
    if (jsonl.active()) {
      huntbook::bench::AppendJsonLine(row, jsonl.buffer());
      jsonl.MaybeFlush();
    }
    if (csv.active()) {
      huntbook::bench::AppendCsvRow(row, csv.buffer());
      csv.MaybeFlush();
    }
  }
  const bool ok = jsonl.Close() & csv.Close();
  if (!ok) return 1;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::fprintf(stderr,
               "huntbook-bench-gen: %lld rows in %.2f s (jsonl %.1f MB, csv %.1f MB, seed %llu)\n",
               static_cast<long long>(options.rows), seconds, jsonl.bytes() / 1e6,
               csv.bytes() / 1e6, static_cast<unsigned long long>(options.seed));
  return 0;
}
