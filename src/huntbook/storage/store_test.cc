// Store behaviour on a MemoryFileSystem: round trips, schema evolution, WAL replay and
// torn tails, failed appends, corruption, thresholds, workspaces.
#include "huntbook/storage/store.h"

#include <thread>

#include "gtest/gtest.h"
#include "huntbook/storage/memory_file_system.h"
#include "huntbook/storage/store_options.h"

namespace huntbook::storage {
namespace {

std::shared_ptr<Column> Longs(std::vector<std::optional<int64_t>> values,
                              TypeKind type = TypeKind::kLong) {
  auto c = std::make_shared<Column>(type);
  for (const auto& v : values) {
    if (v) {
      c->AppendInt(*v);
    } else {
      c->AppendNull();
    }
  }
  return c;
}

std::shared_ptr<Column> Strings(std::vector<std::string> values) {
  auto c = std::make_shared<Column>(TypeKind::kString);
  for (const auto& v : values) c->AppendString(v);
  return c;
}

Table MakeTable(std::vector<std::pair<std::string, ColumnPtr>> columns) {
  Table t;
  for (auto& [name, column] : columns) {
    t.schema.push_back({name, column->type()});
    t.rows = column->size();
    t.columns.push_back(column);
  }
  return t;
}

// All values of a column across the snapshot, as display strings ("null" for nulls).
std::vector<std::string> ReadAll(const TableSnapshot& snapshot, const std::string& name) {
  std::vector<std::string> out;
  for (const ExtentPtr& e : snapshot.extents) {
    bool present = false;
    for (const auto& c : e->schema()) present = present || c.name == name;
    if (!present) {
      for (size_t i = 0; i < e->rows(); ++i) out.push_back("absent");
      continue;
    }
    auto column = e->ReadColumn(name);
    EXPECT_TRUE(column.ok()) << column.status().ToString();
    if (!column.ok()) return out;
    for (size_t i = 0; i < (*column)->size(); ++i) {
      out.push_back((*column)->IsNull(i) ? "null" : (*column)->Get(i).ToString());
    }
  }
  return out;
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    options_.file_system = &fs_;
    // Closing never flushes here, so rows stay in the WAL unless a test calls Flush().
    options_.flush_on_close = false;
    Reopen();
  }
  void Reopen() {
    store_.reset();
    auto opened = OpenStore("/data", options_);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
  }
  // Drops the store (without flushing), then loses everything not durable.
  void CrashAndReopen() {
    store_.reset();
    fs_.SimulateCrash();
    Reopen();
  }
  TableSnapshot Snap(const std::string& table = "T") {
    auto s = store_->Snapshot("ws", table);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? *s : TableSnapshot();
  }
  std::string WalPath() {
    auto names = fs_.ListDir("/data/ws/T");
    for (const auto& n : *names) {
      if (n.rfind("wal-", 0) == 0) return "/data/ws/T/" + n;
    }
    return "";
  }
  std::string ExtentPath() {
    auto names = fs_.ListDir("/data/ws/T");
    for (const auto& n : *names) {
      if (n.rfind("extent-", 0) == 0) return "/data/ws/T/" + n;
    }
    return "";
  }

  MemoryFileSystem fs_;
  StoreOptions options_;
  std::unique_ptr<Store> store_;
};

Table AllTypes() {
  auto b = Longs({1, std::nullopt, 0}, TypeKind::kBool);
  auto i = Longs({-5, 7, std::nullopt}, TypeKind::kInt);
  auto l = Longs({std::nullopt, INT64_MAX, INT64_MIN});
  auto r = std::make_shared<Column>(TypeKind::kReal);
  r->AppendReal(1.5);
  r->AppendNull();
  r->AppendReal(-0.25);
  auto d = std::make_shared<Column>(TypeKind::kDecimal);
  d->AppendReal(10.125);
  d->AppendReal(0);
  d->AppendNull();
  auto s = Strings({"alpha", "", "gamma delta"});
  auto dt =
      Longs({kUnixEpochTicks, std::nullopt, kUnixEpochTicks + kTicksPerDay}, TypeKind::kDateTime);
  auto ts = Longs({kTicksPerHour, -kTicksPerSecond, std::nullopt}, TypeKind::kTimespan);
  auto g = std::make_shared<Column>(TypeKind::kGuid);
  g->AppendString("74be27de-1e4e-49d9-b579-fe0b331d3642");
  g->AppendString("00000000-0000-0000-0000-000000000000");
  g->AppendString("");
  auto dyn = std::make_shared<Column>(TypeKind::kDynamic);
  dyn->AppendDynamic(Dynamic::MakeObject(
      {{"a", Dynamic::Long(1)}, {"b", Dynamic::MakeArray({Dynamic::String("x")})}}));
  dyn->AppendNull();
  dyn->AppendDynamic(Dynamic());  // JSON null, not a missing value
  return MakeTable({{"b", b},
                    {"i", i},
                    {"l", l},
                    {"r", r},
                    {"d", d},
                    {"s", s},
                    {"dt", dt},
                    {"ts", ts},
                    {"g", g},
                    {"dyn", dyn}});
}

void ExpectSameColumns(const Table& expected, const TableSnapshot& snapshot) {
  ASSERT_EQ(snapshot.schema.size(), expected.schema.size());
  ASSERT_EQ(snapshot.rows(), expected.rows);
  for (size_t c = 0; c < expected.schema.size(); ++c) {
    EXPECT_EQ(snapshot.schema[c].name, expected.schema[c].name);
    EXPECT_EQ(snapshot.schema[c].type, expected.schema[c].type);
    ASSERT_EQ(snapshot.extents.size(), 1u);
    auto column = snapshot.extents[0]->ReadColumn(expected.schema[c].name);
    ASSERT_TRUE(column.ok()) << column.status().ToString();
    const Column& want = *expected.columns[c];
    ASSERT_EQ((*column)->size(), want.size());
    ASSERT_EQ((*column)->type(), want.type());
    for (size_t i = 0; i < want.size(); ++i) {
      SCOPED_TRACE(expected.schema[c].name + " row " + std::to_string(i));
      ASSERT_EQ((*column)->IsNull(i), want.IsNull(i));
      if (want.IsNull(i)) continue;
      if (IsIntegerStored(want.type())) {
        EXPECT_EQ((*column)->GetInt(i), want.GetInt(i));
      } else if (IsRealStored(want.type())) {
        EXPECT_EQ((*column)->GetReal(i), want.GetReal(i));
      } else if (IsStringStored(want.type())) {
        EXPECT_EQ((*column)->GetString(i), want.GetString(i));
      } else {
        EXPECT_EQ((*column)->GetDynamic(i).ToJson(), want.GetDynamic(i).ToJson());
        EXPECT_TRUE((*column)->GetDynamic(i) == want.GetDynamic(i));
      }
    }
  }
}

TEST_F(StoreTest, RoundTripsEveryTypeInMemoryAfterFlushAndAfterReplay) {
  Table t = AllTypes();
  ASSERT_TRUE(store_->Append("ws", "T", t).ok());
  ExpectSameColumns(t, Snap());  // in-memory extent
  CrashAndReopen();
  ExpectSameColumns(t, Snap());  // replayed from the WAL
  ASSERT_TRUE(store_->Flush().ok());
  ExpectSameColumns(t, Snap());  // extent file
  Reopen();
  ExpectSameColumns(t, Snap());  // extent file after reopen
}

TEST_F(StoreTest, LaterBatchAddsColumnEarlierRowsReadNull) {
  ASSERT_TRUE(store_->Append("ws", "T", MakeTable({{"a", Longs({1, 2})}})).ok());
  ASSERT_TRUE(store_->Append("ws", "T", MakeTable({{"b", Longs({30})}, {"a", Longs({3})}})).ok());
  TableSnapshot s = Snap();
  ASSERT_EQ(s.schema.size(), 2u);
  EXPECT_EQ(s.schema[0].name, "a");
  EXPECT_EQ(s.schema[1].name, "b");
  EXPECT_EQ(ReadAll(s, "b"), (std::vector<std::string>{"null", "null", "30"}));
  ASSERT_TRUE(store_->Flush().ok());
  ASSERT_TRUE(store_->Append("ws", "T", MakeTable({{"c", Strings({"x"})}})).ok());
  ASSERT_TRUE(store_->Flush().ok());
  Reopen();
  s = Snap();
  ASSERT_EQ(s.schema.size(), 3u);
  EXPECT_EQ(s.schema[2].name, "c");
  EXPECT_EQ(ReadAll(s, "a"), (std::vector<std::string>{"1", "2", "3", "absent"}));
  EXPECT_EQ(ReadAll(s, "b"), (std::vector<std::string>{"null", "null", "30", "absent"}));
}

TEST_F(StoreTest, TypeConflictIsInvalidArgumentNamingTheColumn) {
  ASSERT_TRUE(store_->Append("ws", "T", MakeTable({{"Account", Longs({1})}})).ok());
  Status s =
      store_->Append("ws", "T", MakeTable({{"x", Longs({2})}, {"Account", Strings({"bob"})}}));
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("Account"), std::string::npos) << s.message();
  EXPECT_EQ(Snap().rows(), 1u);
  EXPECT_EQ(Snap().schema.size(), 1u);  // the failed batch added no column
}

TEST_F(StoreTest, MalformedBatchesAreRejected) {
  Table t = MakeTable({{"a", Longs({1, 2})}});
  t.rows = 3;
  EXPECT_EQ(store_->Append("ws", "T", t).code(), StatusCode::kInvalidArgument);
  Table dup = MakeTable({{"a", Longs({1})}, {"a", Longs({2})}});
  EXPECT_EQ(store_->Append("ws", "T", dup).code(), StatusCode::kInvalidArgument);
  Table wrong = MakeTable({{"a", Longs({1})}});
  wrong.schema[0].type = TypeKind::kString;
  EXPECT_EQ(store_->Append("ws", "T", wrong).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->Append("bad/ws", "T", MakeTable({{"a", Longs({1})}})).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->Append("ws", "..", MakeTable({{"a", Longs({1})}})).code(),
            StatusCode::kInvalidArgument);
}

TEST_F(StoreTest, ConstantColumnIsBroadcast) {
  Table t = MakeTable({{"a", Longs({1, 2, 3})}, {"k", Strings({"same"})}});
  t.rows = 3;
  ASSERT_TRUE(store_->Append("ws", "T", t).ok());
  EXPECT_EQ(ReadAll(Snap(), "k"), (std::vector<std::string>{"same", "same", "same"}));
}

TEST_F(StoreTest, ReopenAfterCrashReplaysWal) {
  for (int64_t b = 0; b < 3; ++b) {
    ASSERT_TRUE(store_->Append("ws", "T", MakeTable({{"n", Longs({b, b + 10})}})).ok());
  }
  CrashAndReopen();
  EXPECT_EQ(ReadAll(Snap(), "n"), (std::vector<std::string>{"0", "10", "1", "11", "2", "12"}));
  // Appending after replay continues the same log.
  ASSERT_TRUE(store_->Append("ws", "T", MakeTable({{"n", Longs({99})}})).ok());
  CrashAndReopen();
  EXPECT_EQ(Snap().rows(), 7u);
}

TEST_F(StoreTest, TornTailAtEveryOffsetDropsOnlyTheLastRecord) {
  ASSERT_TRUE(store_->Append("ws", "T", MakeTable({{"n", Longs({1, 2})}})).ok());
  ASSERT_TRUE(store_->Append("ws", "T", MakeTable({{"n", Longs({3})}})).ok());
  std::string before;
  ASSERT_TRUE(fs_.ReadFile(WalPath(), &before).ok());
  ASSERT_TRUE(
      store_->Append("ws", "T", MakeTable({{"n", Longs({4, 5})}, {"s", Strings({"x", "y"})}}))
          .ok());
  CrashAndReopen();
  const std::string path = WalPath();
  std::string full;
  ASSERT_TRUE(fs_.ReadFile(path, &full).ok());
  ASSERT_GT(full.size(), before.size());
  for (size_t cut = before.size(); cut < full.size(); ++cut) {
    SCOPED_TRACE("cut at " + std::to_string(cut));
    store_.reset();
    ASSERT_TRUE(fs_.WriteWholeFile(path, full.substr(0, cut)).ok());
    Reopen();
    TableSnapshot s = Snap();
    ASSERT_EQ(ReadAll(s, "n"), (std::vector<std::string>{"1", "2", "3"}));
    ASSERT_EQ(s.schema.size(), 1u);  // the torn record's new column is absent too
  }
  // The torn tail was truncated: a new record after it is replayed.
  ASSERT_TRUE(store_->Append("ws", "T", MakeTable({{"n", Longs({6})}})).ok());
  CrashAndReopen();
  EXPECT_EQ(ReadAll(Snap(), "n"), (std::vector<std::string>{"1", "2", "3", "6"}));
}

TEST_F(StoreTest, CorruptRecordInTheMiddleStopsReplayThere) {
  ASSERT_TRUE(store_->Append("ws", "T", MakeTable({{"n", Longs({1})}})).ok());
  std::string first;
  ASSERT_TRUE(fs_.ReadFile(WalPath(), &first).ok());
  ASSERT_TRUE(store_->Append("ws", "T", MakeTable({{"n", Longs({2})}})).ok());
  CrashAndReopen();
  std::string full;
  ASSERT_TRUE(fs_.ReadFile(WalPath(), &full).ok());
  full[first.size() + 14] ^= 0x40;  // inside the second record's payload
  ASSERT_TRUE(fs_.WriteWholeFile(WalPath(), full).ok());
  CrashAndReopen();
  EXPECT_EQ(ReadAll(Snap(), "n"), (std::vector<std::string>{"1"}));
}

TEST_F(StoreTest, FailedAppendLeavesNothing) {
  ASSERT_TRUE(store_->Append("ws", "T", MakeTable({{"n", Longs({1})}})).ok());
  fs_.SetSyncFailure(true);
  EXPECT_EQ(store_->Append("ws", "T", MakeTable({{"n", Longs({2})}})).code(), StatusCode::kIoError);
  fs_.SetSyncFailure(false);
  EXPECT_EQ(Snap().rows(), 1u);
  fs_.SetWriteBudget(5);  // a torn write
  EXPECT_EQ(store_->Append("ws", "T", MakeTable({{"n", Longs({3})}})).code(), StatusCode::kIoError);
  fs_.SetWriteBudget(-1);
  ASSERT_TRUE(store_->Append("ws", "T", MakeTable({{"n", Longs({4})}})).ok());
  Reopen();  // without a crash: unsynced bytes of the failed appends would be replayed
  EXPECT_EQ(ReadAll(Snap(), "n"), (std::vector<std::string>{"1", "4"}));
}

TEST_F(StoreTest, FlushWritesExtentAndResetsWal) {
  ASSERT_TRUE(store_->Append("ws", "T", MakeTable({{"n", Longs({1, 2})}})).ok());
  ASSERT_TRUE(store_->Flush().ok());
  EXPECT_EQ(WalPath(), "");
  EXPECT_NE(ExtentPath(), "");
  ASSERT_TRUE(store_->Append("ws", "T", MakeTable({{"n", Longs({3})}})).ok());
  CrashAndReopen();
  TableSnapshot s = Snap();
  EXPECT_EQ(s.extents.size(), 2u);
  EXPECT_EQ(ReadAll(s, "n"), (std::vector<std::string>{"1", "2", "3"}));
}

TEST_F(StoreTest, RowThresholdFlushesAutomatically) {
  options_.flush_rows = 50;
  options_.block_rows = 7;  // several blocks per column
  Reopen();
  std::vector<std::string> expected;
  for (int b = 0; b < 4; ++b) {
    std::vector<std::optional<int64_t>> values;
    for (int i = 0; i < 30; ++i) {
      values.push_back(b * 100 + i);
      expected.push_back(std::to_string(b * 100 + i));
    }
    ASSERT_TRUE(store_->Append("ws", "T", MakeTable({{"n", Longs(values)}})).ok());
  }
  TableSnapshot s = Snap();
  EXPECT_EQ(s.extents.size(), 2u);  // flushed at 60 and at 120 rows
  EXPECT_EQ(ReadAll(s, "n"), expected);
  CrashAndReopen();
  EXPECT_EQ(ReadAll(Snap(), "n"), expected);
}

TEST_F(StoreTest, InMemoryRowsAreSealedIntoSegmentsWithoutChangingWhatQueriesRead) {
  options_.memory_segment_rows = 3;
  Reopen();
  // Batches of 2 rows: rows 1-4 seal into one segment, 5-8 into the next; 9 stays in the tail.
  // Column s appears only from the third batch on.
  ASSERT_TRUE(store_->Append("ws", "T", MakeTable({{"n", Longs({1, 2})}})).ok());
  ASSERT_TRUE(store_->Append("ws", "T", MakeTable({{"n", Longs({3, std::nullopt})}})).ok());
  ASSERT_TRUE(
      store_->Append("ws", "T", MakeTable({{"n", Longs({5, 6})}, {"s", Strings({"a", "b"})}}))
          .ok());
  ASSERT_TRUE(store_->Append("ws", "T", MakeTable({{"n", Longs({7, 8})}})).ok());
  ASSERT_TRUE(store_->Append("ws", "T", MakeTable({{"s", Strings({"c"})}})).ok());
  TableSnapshot s = Snap();
  ASSERT_EQ(s.extents.size(), 3u);  // two sealed segments and the tail
  EXPECT_EQ(s.extents[0]->rows(), 4u);
  EXPECT_EQ(s.extents[1]->rows(), 4u);
  EXPECT_EQ(s.extents[2]->rows(), 1u);
  const std::vector<std::string> n = {"1", "2", "3", "null", "5", "6", "7", "8", "absent"};
  // A string column has no null: rows of a batch without it read as "".
  const std::vector<std::string> str = {"absent", "absent", "absent", "absent", "a",
                                        "b",      "",       "",       "c"};
  EXPECT_EQ(ReadAll(s, "n"), n);
  EXPECT_EQ(ReadAll(s, "s"), str);
  // A sealed segment hands out its column without copying it.
  auto first = s.extents[1]->ReadColumn("n");
  auto second = s.extents[1]->ReadColumn("n");
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->get(), second->get());
  // Flushing writes all of them as one extent; a crash replays the WAL into segments again.
  CrashAndReopen();
  EXPECT_EQ(Snap().extents.size(), 3u);
  ASSERT_TRUE(store_->Flush().ok());
  TableSnapshot flushed = Snap();
  ASSERT_EQ(flushed.extents.size(), 1u);
  const std::vector<std::string> n_flushed = {"1", "2", "3", "null", "5", "6", "7", "8", "null"};
  const std::vector<std::string> s_flushed = {"", "", "", "", "a", "b", "", "", "c"};
  EXPECT_EQ(ReadAll(flushed, "n"), n_flushed);
  EXPECT_EQ(ReadAll(flushed, "s"), s_flushed);
}

TEST_F(StoreTest, CorruptBlockIsCorruptionNamingTheExtentFile) {
  ASSERT_TRUE(store_->Append("ws", "T", MakeTable({{"n", Longs({1, 2, 3})}})).ok());
  ASSERT_TRUE(store_->Flush().ok());
  const std::string path = ExtentPath();
  std::string bytes;
  ASSERT_TRUE(fs_.ReadFile(path, &bytes).ok());
  bytes[9] ^= 0x01;  // first block of column n (after the 8-byte magic)
  ASSERT_TRUE(fs_.WriteWholeFile(path, bytes).ok());
  Reopen();
  auto column = Snap().extents.at(0)->ReadColumn("n");
  ASSERT_FALSE(column.ok());
  EXPECT_EQ(column.status().code(), StatusCode::kCorruption);
  EXPECT_NE(column.status().message().find(path), std::string::npos) << column.status().message();
}

TEST_F(StoreTest, CorruptFooterFailsOpenWithCorruption) {
  ASSERT_TRUE(store_->Append("ws", "T", MakeTable({{"n", Longs({1})}})).ok());
  ASSERT_TRUE(store_->Flush().ok());
  const std::string path = ExtentPath();
  std::string bytes;
  ASSERT_TRUE(fs_.ReadFile(path, &bytes).ok());
  bytes[bytes.size() - 25] ^= 0x01;  // inside the footer
  ASSERT_TRUE(fs_.WriteWholeFile(path, bytes).ok());
  store_.reset();
  auto opened = OpenStore("/data", options_);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kCorruption);
  EXPECT_NE(opened.status().message().find(path), std::string::npos);
}

TEST_F(StoreTest, TermIndexLookups) {
  auto s = Strings({"Failed login from 10.0.0.1 user=Admin", "admin logged in",
                    "AdministratorX created", "no match here", "admin_tool ran"});
  ASSERT_TRUE(store_->Append("ws", "T", MakeTable({{"msg", s}})).ok());
  // In-memory rows have no index: callers scan.
  EXPECT_FALSE(Snap().extents[0]->RowsWithTerm("msg", "admin").has_value());
  ASSERT_TRUE(store_->Flush().ok());
  Reopen();
  ExtentPtr e = Snap().extents.at(0);
  using Rows = std::vector<uint32_t>;
  EXPECT_EQ(e->RowsWithTerm("msg", "admin"), Rows({0, 1, 4}));  // '_' separates terms
  EXPECT_EQ(e->RowsWithTerm("msg", "ADMIN"), Rows({0, 1, 4}));
  EXPECT_EQ(e->RowsWithTerm("msg", "adm"), Rows({}));
  EXPECT_EQ(e->RowsWithTermPrefix("msg", "adm"), Rows({0, 1, 2, 4}));
  EXPECT_EQ(e->RowsWithTermPrefix("msg", "ADMINISTRATOR"), Rows({2}));
  EXPECT_EQ(e->RowsWithTerm("msg", "zzz"), Rows({}));
  // Short terms and non-terms are not indexed: no answer, scan.
  EXPECT_FALSE(e->RowsWithTerm("msg", "10").has_value());
  EXPECT_FALSE(e->RowsWithTermPrefix("msg", "lo").has_value());
  EXPECT_FALSE(e->RowsWithTerm("msg", "10.0.0.1").has_value());
  EXPECT_FALSE(e->RowsWithTerm("nosuch", "admin").has_value());
}

TEST_F(StoreTest, DynamicColumnsAreIndexedAsJsonText) {
  auto d = std::make_shared<Column>(TypeKind::kDynamic);
  d->AppendDynamic(Dynamic::MakeObject({{"Process", Dynamic::String("powershell.exe")}}));
  d->AppendNull();
  d->AppendDynamic(Dynamic::MakeArray({Dynamic::String("cmd"), Dynamic::Long(4624)}));
  ASSERT_TRUE(store_->Append("ws", "T", MakeTable({{"d", d}})).ok());
  ASSERT_TRUE(store_->Flush().ok());
  ExtentPtr e = Snap().extents.at(0);
  EXPECT_EQ(e->RowsWithTerm("d", "powershell"), std::vector<uint32_t>({0}));
  EXPECT_EQ(e->RowsWithTerm("d", "process"), std::vector<uint32_t>({0}));
  EXPECT_EQ(e->RowsWithTerm("d", "4624"), std::vector<uint32_t>({2}));
}

TEST_F(StoreTest, RangeOfIntegerColumns) {
  auto dt = Longs({kUnixEpochTicks + 5, std::nullopt, kUnixEpochTicks - 3}, TypeKind::kDateTime);
  auto nulls = Longs({std::nullopt, std::nullopt, std::nullopt});
  ASSERT_TRUE(
      store_
          ->Append(
              "ws", "T",
              MakeTable({{"TimeGenerated", dt}, {"x", nulls}, {"s", Strings({"a", "b", "c"})}}))
          .ok());
  for (int pass = 0; pass < 2; ++pass) {
    ExtentPtr e = Snap().extents.at(0);
    auto range = e->Range("TimeGenerated");
    ASSERT_TRUE(range.has_value());
    EXPECT_EQ(range->min, kUnixEpochTicks - 3);
    EXPECT_EQ(range->max, kUnixEpochTicks + 5);
    EXPECT_FALSE(e->Range("x").has_value());
    EXPECT_FALSE(e->Range("s").has_value());
    ASSERT_TRUE(store_->Flush().ok());
  }
}

TEST_F(StoreTest, WorkspacesTablesAndDrop) {
  ASSERT_TRUE(store_->CreateWorkspace("empty").ok());
  ASSERT_TRUE(store_->CreateWorkspace("empty").ok());
  ASSERT_TRUE(store_->Append("ws", "A", MakeTable({{"n", Longs({1})}})).ok());
  ASSERT_TRUE(store_->Append("ws", "B", MakeTable({{"n", Longs({1})}})).ok());
  Reopen();
  EXPECT_EQ(store_->ListWorkspaces(), (std::vector<std::string>{"empty", "ws"}));
  EXPECT_EQ(store_->ListTables("ws"), (std::vector<std::string>{"A", "B"}));
  TableSnapshot held = Snap("A");
  ASSERT_TRUE(store_->DropTable("ws", "A").ok());
  EXPECT_EQ(store_->Snapshot("ws", "A").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->DropTable("ws", "A").code(), StatusCode::kNotFound);
  EXPECT_EQ(held.rows(), 1u);  // a held snapshot stays readable
  EXPECT_TRUE(held.extents[0]->ReadColumn("n").ok());
  Reopen();
  EXPECT_EQ(store_->ListTables("ws"), (std::vector<std::string>{"B"}));
  EXPECT_EQ(store_->Snapshot("nows", "T").status().code(), StatusCode::kNotFound);
}

TEST_F(StoreTest, DropWorkspaceRemovesAllItsDataDurably) {
  ASSERT_TRUE(store_->Append("ws", "A", MakeTable({{"n", Longs({1, 2})}})).ok());
  ASSERT_TRUE(store_->Flush().ok());
  ASSERT_TRUE(store_->Append("ws", "A", MakeTable({{"n", Longs({3})}})).ok());  // in the WAL
  ASSERT_TRUE(store_->Append("ws", "B", MakeTable({{"n", Longs({1})}})).ok());
  ASSERT_TRUE(store_->Append("keep", "A", MakeTable({{"n", Longs({9})}})).ok());
  TableSnapshot held = Snap("A");
  ASSERT_TRUE(store_->DropWorkspace("ws").ok());
  EXPECT_EQ(store_->ListWorkspaces(), (std::vector<std::string>{"keep"}));
  EXPECT_EQ(store_->Snapshot("ws", "A").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->DropWorkspace("ws").code(), StatusCode::kNotFound);
  EXPECT_EQ(held.rows(), 3u);  // a held snapshot stays readable
  EXPECT_FALSE(fs_.Exists("/data/ws"));
  EXPECT_FALSE(fs_.Exists("/data/.dropped-ws"));
  CrashAndReopen();
  EXPECT_EQ(store_->ListWorkspaces(), (std::vector<std::string>{"keep"}));
  // The name can be used again, and starts empty.
  ASSERT_TRUE(store_->Append("ws", "A", MakeTable({{"n", Longs({4})}})).ok());
  EXPECT_EQ(Snap("A").rows(), 1u);
}

TEST_F(StoreTest, LeftoverTombstoneIsRemovedOnOpen) {
  // A crash after the rename but before the files were removed.
  ASSERT_TRUE(store_->Append("ws", "A", MakeTable({{"n", Longs({1})}})).ok());
  store_.reset();
  ASSERT_TRUE(fs_.Rename("/data/ws", "/data/.dropped-ws").ok());
  ASSERT_TRUE(fs_.SyncDir("/data").ok());
  Reopen();
  EXPECT_TRUE(store_->ListWorkspaces().empty());
  EXPECT_FALSE(fs_.Exists("/data/.dropped-ws"));
}

TEST_F(StoreTest, SnapshotIsStableWhileAppendsContinue) {
  ASSERT_TRUE(store_->Append("ws", "T", MakeTable({{"n", Longs({1})}})).ok());
  TableSnapshot held = Snap();
  std::thread writer([&] {
    for (int64_t i = 0; i < 200; ++i) {
      ASSERT_TRUE(store_->Append("ws", "T", MakeTable({{"n", Longs({i})}})).ok());
      if (i % 50 == 0) {
        ASSERT_TRUE(store_->Flush().ok());
      }
    }
  });
  for (int i = 0; i < 200; ++i) {
    TableSnapshot s = Snap();
    size_t rows = 0;
    for (const ExtentPtr& e : s.extents) {
      auto c = e->ReadColumn("n");
      ASSERT_TRUE(c.ok());
      rows += (*c)->size();
    }
    EXPECT_EQ(rows, s.rows());
  }
  writer.join();
  EXPECT_EQ(held.rows(), 1u);
  EXPECT_EQ(Snap().rows(), 201u);
}

TEST(PosixStoreTest, RoundTripOnDisk) {
  char tmpl[] = "/tmp/huntbook_store_XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  const std::string dir = std::string(tmpl) + "/nested/data";
  {
    auto store = Store::Open(dir);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_TRUE((*store)->Append("ws", "T", MakeTable({{"n", Longs({1, 2})}})).ok());
  }
  {
    auto store = Store::Open(dir);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto s = (*store)->Snapshot("ws", "T");
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(ReadAll(*s, "n"), (std::vector<std::string>{"1", "2"}));
    ASSERT_TRUE((*store)->DropTable("ws", "T").ok());
  }
  std::string cmd = std::string("rm -rf ") + tmpl;
  ASSERT_EQ(std::system(cmd.c_str()), 0);
}

}  // namespace
}  // namespace huntbook::storage
