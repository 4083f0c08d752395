#include "huntbook/storage/stored_table.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <map>
#include <set>

#include "huntbook/storage/batch_codec.h"
#include "huntbook/storage/extent_writer.h"
#include "huntbook/storage/file_extent.h"
#include "huntbook/types/datetime.h"

namespace huntbook::storage {
namespace {

std::string FileName(const char* prefix, uint64_t number, const char* suffix) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%s%06" PRIu64 "%s", prefix, number, suffix);
  return buf;
}

// Parses "<prefix><digits><suffix>"; false for any other name.
bool ParseFileName(const std::string& name, std::string_view prefix, std::string_view suffix,
                   uint64_t* number) {
  if (name.size() <= prefix.size() + suffix.size() || name.compare(0, prefix.size(), prefix) ||
      name.compare(name.size() - suffix.size(), suffix.size(), suffix)) {
    return false;
  }
  std::string_view digits(name.data() + prefix.size(), name.size() - prefix.size() - suffix.size());
  uint64_t n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9' || n > (UINT64_MAX - 9) / 10) return false;
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  *number = n;
  return true;
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

StoredTable::StoredTable(const StoreOptions& options, std::string dir)
    : options_(options),
      fs_(options.file_system ? options.file_system : PosixFileSystem()),
      dir_(std::move(dir)) {}

Result<std::unique_ptr<StoredTable>> StoredTable::Open(const StoreOptions& options,
                                                       std::string dir) {
  std::unique_ptr<StoredTable> table(new StoredTable(options, std::move(dir)));
  FileSystem* fs = table->fs_;
  const std::string& d = table->dir_;
  std::lock_guard<std::mutex> lock(table->mu_);
  ASSIGN_OR_RETURN(std::vector<std::string> names, fs->ListDir(d));
  std::map<uint64_t, std::string> extents, wals;
  uint64_t max_number = 0;
  for (const std::string& name : names) {
    uint64_t n;
    if (EndsWith(name, ".tmp")) {
      RETURN_IF_ERROR(fs->RemoveFile(JoinPath(d, name)));  // an unfinished extent write
    } else if (ParseFileName(name, "extent-", ".hbx", &n)) {
      extents[n] = name;
      max_number = std::max(max_number, n);
    } else if (ParseFileName(name, "wal-", ".log", &n)) {
      wals[n] = name;
      max_number = std::max(max_number, n);
    }
  }
  const uint64_t flushed = extents.empty() ? 0 : extents.rbegin()->first;
  for (const auto& [n, name] : extents) {
    ASSIGN_OR_RETURN(auto extent, FileExtent::Open(fs, JoinPath(d, name)));
    for (const ColumnSchema& c : extent->schema()) {
      auto it = std::find_if(table->schema_.begin(), table->schema_.end(),
                             [&](const ColumnSchema& s) { return s.name == c.name; });
      if (it == table->schema_.end()) {
        table->schema_.push_back(c);
      } else if (it->type != c.type) {
        return Corruption("extent file " + extent->path() + ": column " + c.name +
                          " conflicts with the type in earlier extents");
      }
    }
    table->file_extents_.push_back(std::move(extent));
  }
  for (const auto& [n, name] : wals) {
    const std::string path = JoinPath(d, name);
    if (n <= flushed) {  // its rows are in extent `flushed` already
      RETURN_IF_ERROR(fs->RemoveFile(path));
      continue;
    }
    size_t bytes = 0;
    ASSIGN_OR_RETURN(WalReadResult read, ReadWal(fs, path, [&](std::string_view payload) -> Status {
                       ASSIGN_OR_RETURN(Table batch, DecodeBatch(payload));
                       bytes += payload.size();
                       Status s = table->ApplyLocked(batch);
                       return s.WithContext("write-ahead log " + path + ": ");
                     }));
    table->memtable_bytes_ += bytes;
    if (read.valid_length < read.file_length) {
      RETURN_IF_ERROR(fs->Truncate(path, read.valid_length));  // drop the torn tail
    }
    if (table->wal_) table->stale_wals_.push_back(table->wal_->path());
    ASSIGN_OR_RETURN(table->wal_, WalWriter::Open(fs, path, read.valid_length));
    table->wal_number_ = n;
  }
  table->next_number_ = max_number + 1;
  return table;
}

Status StoredTable::ApplyLocked(const Table& batch) {
  for (const ColumnSchema& c : batch.schema) {
    auto it = std::find_if(schema_.begin(), schema_.end(),
                           [&](const ColumnSchema& s) { return s.name == c.name; });
    if (it == schema_.end()) {
      schema_.push_back(c);
    } else if (it->type != c.type) {
      return Corruption("column " + c.name + " has conflicting types");
    }
  }
  tail_.push_back(std::make_shared<const Table>(batch));
  tail_rows_ += batch.rows;
  memtable_rows_ += batch.rows;
  tail_extent_.reset();
  if (tail_rows_ >= options_.memory_segment_rows) return SealTailLocked();
  return Status::OK();
}

Status StoredTable::Append(const Table& rows, std::string_view name) {
  if (rows.columns.size() != rows.schema.size()) {
    return InvalidArgument("batch has " + std::to_string(rows.schema.size()) +
                           " schema entries but " + std::to_string(rows.columns.size()) +
                           " columns");
  }
  std::set<std::string_view> seen;
  for (size_t c = 0; c < rows.schema.size(); ++c) {
    const ColumnSchema& s = rows.schema[c];
    const ColumnPtr& column = rows.columns[c];
    if (s.name.empty()) return InvalidArgument("batch has a column with an empty name");
    if (s.name == kIngestionTimeColumn) {
      return InvalidArgument("column name " + s.name + " is reserved for the ingestion time");
    }
    if (!seen.insert(s.name).second) {
      return InvalidArgument("batch has column " + s.name + " twice");
    }
    if (s.type == TypeKind::kNull || s.type > TypeKind::kDynamic) {
      return InvalidArgument("column " + s.name + " has no storable type");
    }
    if (!column || column->type() != s.type) {
      return InvalidArgument("column " + s.name + " does not hold " +
                             std::string(TypeName(s.type)) + " values");
    }
    if (column->size() != rows.rows && column->size() != 1) {
      return InvalidArgument("column " + s.name + " has " + std::to_string(column->size()) +
                             " rows, the batch " + std::to_string(rows.rows));
    }
    if (column->size() == 1 && rows.rows == 0) {
      return InvalidArgument("column " + s.name + " has 1 row, the batch 0");
    }
  }
  // Copy and encode outside the lock. The store keeps its own copy: callers may reuse
  // their columns.
  Table copy;
  copy.schema = rows.schema;
  copy.rows = rows.rows;
  for (const ColumnPtr& c : rows.columns) copy.columns.push_back(CopyColumn(*c, rows.rows));

  std::lock_guard<std::mutex> lock(mu_);
  if (dropped_) return NotFound("table " + std::string(name) + " was dropped");
  // The ingestion time is measured just before the batch is committed (under the lock, so
  // batches of one table get non-decreasing times).
  auto ingestion_time = std::make_shared<Column>(TypeKind::kDateTime);
  ingestion_time->Reserve(rows.rows);
  const int64_t now = WallClockTicks();
  for (size_t i = 0; i < rows.rows; ++i) ingestion_time->AppendInt(now);
  copy.schema.push_back(ColumnSchema{kIngestionTimeColumn, TypeKind::kDateTime});
  copy.columns.push_back(std::move(ingestion_time));
  std::string payload;
  EncodeBatch(copy, &payload);
  for (const ColumnSchema& s : rows.schema) {
    for (const ColumnSchema& existing : schema_) {
      if (existing.name == s.name && existing.type != s.type) {
        return InvalidArgument("column " + s.name + " of table " + std::string(name) + " is " +
                               std::string(TypeName(existing.type)) + ", the batch has it as " +
                               std::string(TypeName(s.type)));
      }
    }
  }
  RETURN_IF_ERROR(EnsureWalLocked());
  RETURN_IF_ERROR(wal_->AddRecord(payload));
  RETURN_IF_ERROR(ApplyLocked(copy));
  memtable_bytes_ += payload.size();
  if (memtable_rows_ >= options_.flush_rows || memtable_bytes_ >= options_.flush_bytes) {
    // The batch is durable in the WAL already; a failed flush is retried on a later append.
    (void)FlushLocked();
  }
  return Status::OK();
}

Status StoredTable::EnsureWalLocked() {
  if (wal_) return Status::OK();
  const uint64_t number = next_number_++;
  const std::string path = JoinPath(dir_, FileName("wal-", number, ".log"));
  ASSIGN_OR_RETURN(auto file, fs_->NewWritableFile(path));
  RETURN_IF_ERROR(file->Close());
  RETURN_IF_ERROR(fs_->SyncDir(dir_));  // the new WAL's directory entry must be durable
  ASSIGN_OR_RETURN(wal_, WalWriter::Open(fs_, path, 0));
  wal_number_ = number;
  return Status::OK();
}

namespace {

// The columns of `schema` present in any of `batches`, in `schema`'s order.
std::vector<ColumnSchema> PresentColumns(const std::vector<ColumnSchema>& schema,
                                         const std::vector<BatchPtr>& batches) {
  std::set<std::string_view> present;
  for (const BatchPtr& b : batches) {
    for (const ColumnSchema& c : b->schema) present.insert(c.name);
  }
  std::vector<ColumnSchema> out;
  for (const ColumnSchema& c : schema) {
    if (present.count(c.name)) out.push_back(c);
  }
  return out;
}

}  // namespace

std::shared_ptr<MemoryExtent> StoredTable::TailExtentLocked() const {
  if (!tail_extent_) {
    tail_extent_ = std::make_shared<MemoryExtent>(PresentColumns(schema_, tail_), tail_);
  }
  return tail_extent_;
}

Status StoredTable::SealTailLocked() {
  std::shared_ptr<MemoryExtent> tail = TailExtentLocked();
  ASSIGN_OR_RETURN(Table rows, tail->Materialize());
  std::vector<BatchPtr> one = {std::make_shared<const Table>(std::move(rows))};
  sealed_.push_back(std::make_shared<MemoryExtent>(tail->schema(), std::move(one)));
  tail_.clear();
  tail_rows_ = 0;
  tail_extent_.reset();
  return Status::OK();
}

TableSnapshot StoredTable::Snapshot() const {
  std::lock_guard<std::mutex> lock(mu_);
  TableSnapshot snapshot;
  for (const ColumnSchema& column : schema_) {
    if (column.name != kIngestionTimeColumn) snapshot.schema.push_back(column);
  }
  snapshot.extents = file_extents_;
  snapshot.extents.insert(snapshot.extents.end(), sealed_.begin(), sealed_.end());
  if (!tail_.empty()) snapshot.extents.push_back(TailExtentLocked());
  return snapshot;
}

Status StoredTable::Flush() {
  std::lock_guard<std::mutex> lock(mu_);
  if (dropped_) return Status::OK();
  return FlushLocked();
}

Status StoredTable::FlushLocked() {
  if (sealed_.empty() && tail_.empty()) return Status::OK();
  std::vector<BatchPtr> batches;
  for (const auto& segment : sealed_) {
    batches.insert(batches.end(), segment->batches().begin(), segment->batches().end());
  }
  batches.insert(batches.end(), tail_.begin(), tail_.end());
  auto memory = std::make_shared<MemoryExtent>(PresentColumns(schema_, batches), batches);
  ASSIGN_OR_RETURN(Table table, memory->Materialize());
  // Extent N replaces WAL N (and any older stale WALs).
  const uint64_t number = wal_number_;
  const std::string name = FileName("extent-", number, ".hbx");
  ExtentWriteOptions write_options;
  write_options.block_rows = options_.block_rows;
  RETURN_IF_ERROR(WriteExtentFile(fs_, dir_, name, table, write_options));
  // From here on the rows are durable in the extent: the memtable and WALs must go.
  auto opened = FileExtent::Open(fs_, JoinPath(dir_, name));
  if (opened.ok()) {
    file_extents_.push_back(std::move(opened).value());
  } else {
    std::vector<BatchPtr> all = {std::make_shared<const Table>(std::move(table))};
    file_extents_.push_back(std::make_shared<MemoryExtent>(memory->schema(), std::move(all)));
  }
  sealed_.clear();
  tail_.clear();
  tail_rows_ = 0;
  tail_extent_.reset();
  memtable_rows_ = 0;
  memtable_bytes_ = 0;
  std::vector<std::string> obsolete = std::move(stale_wals_);
  stale_wals_.clear();
  if (wal_) obsolete.push_back(wal_->path());
  wal_.reset();  // the next append starts WAL number > N
  for (const std::string& path : obsolete) (void)fs_->RemoveFile(path);
  (void)fs_->SyncDir(dir_);
  return Status::OK();
}

Status StoredTable::Drop() {
  std::lock_guard<std::mutex> lock(mu_);
  dropped_ = true;
  wal_.reset();
  sealed_.clear();
  tail_.clear();
  tail_extent_.reset();
  file_extents_.clear();
  ASSIGN_OR_RETURN(std::vector<std::string> names, fs_->ListDir(dir_));
  for (const std::string& name : names) RETURN_IF_ERROR(fs_->RemoveFile(JoinPath(dir_, name)));
  return fs_->RemoveDir(dir_);
}

}  // namespace huntbook::storage
