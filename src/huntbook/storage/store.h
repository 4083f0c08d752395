// Store: the embedded, durable columnar store. Workspaces hold tables; a table is a set of
// immutable columnar extents plus a write-ahead log (docs/formats/).
//
// Durability: Append returns OK only after the batch is durable (WAL record fsynced, and
// the directory fsynced when a file was created). On Open the WAL is replayed; a torn or
// corrupt tail record is discarded, never half-applied. A failed Append leaves nothing.
// Thread safety: all methods may be called concurrently; Append calls to one table are
// serialized; snapshots are immutable and stay valid while held.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "huntbook/common/status.h"
#include "huntbook/vector/column.h"

namespace huntbook::storage {

// Min/max of an integer-stored column (datetime, timespan, long, int, bool) in an extent.
struct IntRange {
  int64_t min = 0;
  int64_t max = 0;
};

// One immutable horizontal shard of a table (an extent file or the in-memory rows not yet
// written to one).
class Extent {
 public:
  virtual ~Extent() = default;
  virtual size_t rows() const = 0;
  // Columns present in this extent (a subset of the table schema; missing ones read null).
  virtual const std::vector<ColumnSchema>& schema() const = 0;
  // Decodes one column, verifying block checksums (kCorruption naming the extent on
  // mismatch). REQUIRES: name is in schema().
  virtual Result<ColumnPtr> ReadColumn(std::string_view name) const = 0;
  // The given rows (ascending, each < rows()) of one column, in order. Extents that store
  // blocks decode only the blocks holding those rows (a selective term-index lookup then
  // avoids decoding the rest). REQUIRES: name is in schema().
  virtual Result<ColumnPtr> ReadColumnRows(std::string_view name,
                                           const std::vector<uint32_t>& rows) const {
    Result<ColumnPtr> column = ReadColumn(name);
    if (!column.ok()) return column.status();
    return ColumnPtr((*column)->Take(rows));
  }
  // Min/max over non-null values, when the column is integer-stored and has any.
  virtual std::optional<IntRange> Range(std::string_view column) const = 0;
  // Term index lookup: rows (ascending) whose value in `column` contains `term` as a
  // Kusto term, case-insensitively. `term` must be a single term of >= 3 characters.
  // nullopt = no index for this column (caller scans). Candidates may be a superset;
  // callers still evaluate the predicate on them.
  virtual std::optional<std::vector<uint32_t>> RowsWithTerm(std::string_view column,
                                                            std::string_view term) const = 0;
  // Same for a term prefix (hasprefix).
  virtual std::optional<std::vector<uint32_t>> RowsWithTermPrefix(
      std::string_view column, std::string_view prefix) const = 0;
};

using ExtentPtr = std::shared_ptr<const Extent>;

// The hidden datetime column holding each row's ingestion time
// (https://learn.microsoft.com/kusto/management/ingestion-time-policy): Append adds it to
// every batch with the time taken just before the batch is written to the WAL, so it is as
// durable as the rows. It is stored like any column (WAL records, extents) but left out
// of TableSnapshot::schema; extents written before it existed simply lack it (read null).
// Only ingestion_time() reads it. Appended batches may not name it themselves.
inline constexpr char kIngestionTimeColumn[] = "$IngestionTime";

// True for kIngestionTimeColumn and the copies a join renames it to ("$IngestionTime1", ...):
// columns a query's result leaves out.
inline bool IsIngestionTimeColumn(std::string_view name) {
  constexpr std::string_view kHidden = kIngestionTimeColumn;
  if (!name.starts_with(kHidden)) return false;
  for (char c : name.substr(kHidden.size())) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// A consistent view of one table.
struct TableSnapshot {
  // All columns, in order of first appearance (without kIngestionTimeColumn, which the
  // extents may hold).
  std::vector<ColumnSchema> schema;
  std::vector<ExtentPtr> extents;
  size_t rows() const;
};

class Store {
 public:
  // Opens (creating if needed) the data directory and replays write-ahead logs.
  static Result<std::unique_ptr<Store>> Open(const std::string& data_dir);
  virtual ~Store() = default;

  virtual std::vector<std::string> ListWorkspaces() const = 0;
  virtual Status CreateWorkspace(std::string_view workspace) = 0;  // OK if it exists
  // Removes the workspace and all its tables' data. The directory is first renamed to a
  // hidden tombstone (".dropped-<name>", directory fsynced), so after a crash at any point
  // the workspace is either whole or gone; Open deletes leftover tombstones. Snapshots
  // already held stay readable. NotFound when the workspace does not exist.
  virtual Status DropWorkspace(std::string_view workspace) = 0;
  virtual std::vector<std::string> ListTables(std::string_view workspace) const = 0;

  // Appends rows to a table, creating the workspace/table on first use and adding new
  // columns (earlier rows read them as null). A column whose type conflicts with the
  // table's existing type is an InvalidArgument naming the column. Durable on OK. Each
  // row also gets its ingestion time (kIngestionTimeColumn).
  virtual Status Append(std::string_view workspace, std::string_view table, const Table& rows) = 0;

  // The table's current schema and extents; NotFound when absent.
  virtual Result<TableSnapshot> Snapshot(std::string_view workspace,
                                         std::string_view table) const = 0;

  // Writes in-memory rows to extent files and truncates the WAL (also done automatically
  // once enough rows accumulate, and on destruction).
  virtual Status Flush() = 0;

  virtual Status DropTable(std::string_view workspace, std::string_view table) = 0;
};

}  // namespace huntbook::storage
