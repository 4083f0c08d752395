// Durability under SIGKILL: runs storage_crash_writer, kills it after a random 20..300 ms,
// reopens the store and checks that every acknowledged batch is complete, that no batch
// is partially present and that no row is duplicated. 50 cycles on one data directory.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>

#include "gtest/gtest.h"
#include "huntbook/storage/store.h"
#include "huntbook/storage/store_options.h"

namespace huntbook::storage {
namespace {

constexpr int kCycles = 50;
constexpr int kRowsPerBatch = 100;

// Runs the writer for `run_ms`, SIGKILLs it, returns the batches it acknowledged.
std::set<int64_t> RunWriterAndKill(const std::string& dir, int run_ms) {
  int fds[2];
  EXPECT_EQ(pipe(fds), 0);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    execl(STORAGE_CRASH_WRITER, STORAGE_CRASH_WRITER, dir.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  std::string output;
  char buf[4096];
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(run_ms);
  bool killed = false;
  while (true) {
    int timeout = -1;
    if (!killed) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                      deadline - std::chrono::steady_clock::now())
                      .count();
      if (left <= 0) {
        kill(pid, SIGKILL);
        killed = true;
      } else {
        timeout = static_cast<int>(left);
      }
    }
    pollfd p{fds[0], POLLIN, 0};
    int ready = poll(&p, 1, timeout);
    if (ready <= 0) continue;
    ssize_t n = read(fds[0], buf, sizeof(buf));
    if (n <= 0) break;  // EOF: the writer is dead (killed, or exited on an error)
    output.append(buf, static_cast<size_t>(n));
  }
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      << "writer exited by itself, status " << status;
  std::set<int64_t> acked;
  size_t pos = 0;
  while (true) {
    size_t eol = output.find('\n', pos);
    if (eol == std::string::npos) break;  // an incomplete last line is not an ack
    long long batch;
    if (std::sscanf(output.c_str() + pos, "ack %lld", &batch) == 1) acked.insert(batch);
    pos = eol + 1;
  }
  return acked;
}

TEST(StorageCrashTest, AcknowledgedBatchesSurviveSigkill) {
  char tmpl[] = "/tmp/huntbook_crash_XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  const std::string dir = tmpl;
  std::mt19937 rng(12345);
  std::uniform_int_distribution<int> run_ms(20, 300);
  std::set<int64_t> all_acked;
  const auto start = std::chrono::steady_clock::now();
  for (int cycle = 0; cycle < kCycles; ++cycle) {
    std::set<int64_t> acked = RunWriterAndKill(dir, run_ms(rng));
    all_acked.insert(acked.begin(), acked.end());

    StoreOptions options;
    options.flush_on_close = cycle % 2 == 0;  // alternate: extents vs. WAL-only reopen
    auto store = OpenStore(dir, options);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    std::map<int64_t, std::set<int64_t>> rows_by_batch;
    size_t total = 0;
    auto snapshot = (*store)->Snapshot("crash", "T");
    if (snapshot.ok()) {
      for (const ExtentPtr& extent : snapshot->extents) {
        auto batch = extent->ReadColumn("batch");
        auto row = extent->ReadColumn("row");
        ASSERT_TRUE(batch.ok()) << batch.status().ToString();
        ASSERT_TRUE(row.ok()) << row.status().ToString();
        for (size_t i = 0; i < extent->rows(); ++i) {
          bool inserted = rows_by_batch[(*batch)->GetInt(i)].insert((*row)->GetInt(i)).second;
          ASSERT_TRUE(inserted) << "duplicate row in batch " << (*batch)->GetInt(i);
          ++total;
        }
      }
    } else {
      ASSERT_TRUE(all_acked.empty()) << snapshot.status().ToString();
    }
    for (const auto& [batch, rows] : rows_by_batch) {
      ASSERT_EQ(rows.size(), static_cast<size_t>(kRowsPerBatch))
          << "batch " << batch << " partially present after cycle " << cycle;
    }
    for (int64_t batch : all_acked) {
      ASSERT_TRUE(rows_by_batch.count(batch)) << "acked batch " << batch << " lost";
    }
    EXPECT_EQ(total, rows_by_batch.size() * kRowsPerBatch);
  }
  EXPECT_GT(all_acked.size(), 0u);
  std::printf("%d cycles, %zu batches acknowledged\n", kCycles, all_acked.size());
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_LT(elapsed, std::chrono::seconds(120));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace huntbook::storage
