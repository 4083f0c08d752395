// Test-only writer for storage_crash_test: appends numbered batches of 100 rows
// (batch:long, row:long, payload:string) to workspace "crash", table "T" of DATA_DIR
// forever, printing "ack <batch>" (flushed) after each Append returns OK. The first batch
// number is one past the largest already stored. Killed with SIGKILL by the test.
#include <cstdio>
#include <string>

#include "huntbook/storage/store.h"

using huntbook::Column;
using huntbook::ColumnSchema;
using huntbook::Table;
using huntbook::TypeKind;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: storage_crash_writer DATA_DIR\n");
    return 2;
  }
  auto store = huntbook::storage::Store::Open(argv[1]);
  if (!store.ok()) {
    std::fprintf(stderr, "open: %s\n", store.status().ToString().c_str());
    return 1;
  }
  int64_t next = 0;
  auto snapshot = (*store)->Snapshot("crash", "T");
  if (snapshot.ok()) {
    for (const auto& extent : snapshot->extents) {
      auto range = extent->Range("batch");
      if (range) next = std::max(next, range->max + 1);
    }
  }
  constexpr int kRows = 100;
  for (int64_t batch = next;; ++batch) {
    auto b = std::make_shared<Column>(TypeKind::kLong);
    auto r = std::make_shared<Column>(TypeKind::kLong);
    auto p = std::make_shared<Column>(TypeKind::kString);
    for (int i = 0; i < kRows; ++i) {
      b->AppendInt(batch);
      r->AppendInt(i);
      p->AppendString("payload batch " + std::to_string(batch) + " row " + std::to_string(i) +
                      " lorem ipsum dolor sit amet");
    }
    Table t;
    t.schema = {
        {"batch", TypeKind::kLong}, {"row", TypeKind::kLong}, {"payload", TypeKind::kString}};
    t.columns = {b, r, p};
    t.rows = kRows;
    huntbook::Status s = (*store)->Append("crash", "T", t);
    if (!s.ok()) {
      std::fprintf(stderr, "append: %s\n", s.ToString().c_str());
      return 1;
    }
    std::printf("ack %lld\n", static_cast<long long>(batch));
    std::fflush(stdout);
  }
}
