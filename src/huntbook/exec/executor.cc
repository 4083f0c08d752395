#include "huntbook/exec/executor.h"

#include <algorithm>
#include <cstring>
#include <mutex>

#include "huntbook/exec/chunks.h"
#include "huntbook/expression/evaluator.h"
#include "huntbook/storage/store.h"

namespace huntbook::exec {

using planner::PlanKind;
using planner::PlanNode;

Status ParallelFor(size_t n, int threads, const std::function<Status(size_t)>& fn) {
  if (n == 0) return Status::OK();
  size_t workers = std::min<size_t>(n, std::max(1, threads));
  if (workers == 1) {
    for (size_t i = 0; i < n; ++i) RETURN_IF_ERROR(fn(i));
    return Status::OK();
  }
  std::atomic<size_t> next{0};
  std::mutex mutex;
  Status first_error;
  auto work = [&] {
    for (;;) {
      size_t i = next.fetch_add(1);
      if (i >= n) return;
      Status status = fn(i);
      if (!status.ok()) {
        std::lock_guard<std::mutex> lock(mutex);
        if (first_error.ok()) first_error = status;
        next.store(n);
        return;
      }
    }
  };
  std::vector<std::thread> pool;
  for (size_t w = 1; w < workers; ++w) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  return first_error;
}

namespace {

// Whether `a` and `b` are both one-value columns holding the same scalar (dynamic values
// are not compared).
bool SameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

bool SameConstant(const Column& a, const Column& b) {
  if (a.size() != 1 || b.size() != 1 || a.type() != b.type()) return false;
  if (a.IsNull(0) || b.IsNull(0)) return a.IsNull(0) && b.IsNull(0);
  if (IsIntegerStored(a.type())) return a.GetInt(0) == b.GetInt(0);
  if (IsRealStored(a.type())) return SameBits(a.GetReal(0), b.GetReal(0));
  if (IsStringStored(a.type())) return a.GetString(0) == b.GetString(0);
  return false;
}

// Concatenate, optionally keeping a constant broadcast over every chunk (`extend Source =
// "x"`) as one value.
Table Concatenate(const Chunks& chunks, const std::vector<ColumnSchema>& schema,
                  bool keep_constants) {
  if (chunks.size() == 1) return chunks[0];
  Table out;
  out.schema = schema;
  size_t total = 0;
  for (const Table& chunk : chunks) total += chunk.rows;
  for (size_t c = 0; c < schema.size(); ++c) {
    if (keep_constants && !chunks.empty() &&
        std::all_of(chunks.begin(), chunks.end(), [&](const Table& chunk) {
          return SameConstant(*chunks[0].columns[c], *chunk.columns[c]);
        })) {
      out.columns.push_back(chunks[0].columns[c]);
      continue;
    }
    auto column = std::make_shared<Column>(schema[c].type);
    column->Reserve(total);
    if (IsStringStored(schema[c].type)) {
      // One reservation for all chunks (per-chunk exact reservations would defeat the
      // buffer's geometric growth).
      size_t bytes = 0;
      for (const Table& chunk : chunks) bytes += chunk.columns[c]->string_bytes();
      column->ReserveBytes(bytes);
    }
    for (const Table& chunk : chunks) column->AppendRange(*chunk.columns[c], 0, chunk.rows);
    out.columns.push_back(column);
  }
  out.rows = total;
  return out;
}

}  // namespace

Table Concatenate(const Chunks& chunks, const std::vector<ColumnSchema>& schema) {
  return Concatenate(chunks, schema, /*keep_constants=*/false);
}

Table TakeRows(const Table& table, const std::vector<uint32_t>& rows) {
  Table out;
  out.schema = table.schema;
  out.rows = rows.size();
  for (const ColumnPtr& column : table.columns) {
    if (column->size() == 1 && table.rows != 1) {
      // A broadcast constant: keep it as a constant when rows remain.
      out.columns.push_back(rows.empty() ? ColumnPtr(std::make_shared<Column>(column->type()))
                                         : column);
      continue;
    }
    out.columns.push_back(column->Take(rows));
  }
  return out;
}

void AppendRowKey(const std::vector<ColumnPtr>& columns, size_t row, std::string* key) {
  for (const ColumnPtr& column_ptr : columns) {
    const Column& column = *column_ptr;
    size_t i = At(column, row);
    if (column.IsNull(i)) {
      key->push_back('\0');
      continue;
    }
    TypeKind type = column.type();
    key->push_back(static_cast<char>(1 + static_cast<int>(type)));
    if (IsIntegerStored(type)) {
      int64_t v = column.GetInt(i);
      key->append(reinterpret_cast<const char*>(&v), sizeof(v));
    } else if (IsRealStored(type)) {
      double v = column.GetReal(i);
      if (v == 0) v = 0;  // -0.0 groups with 0.0
      key->append(reinterpret_cast<const char*>(&v), sizeof(v));
    } else {
      std::string text =
          IsStringStored(type) ? std::string(column.GetString(i)) : column.GetDynamic(i).ToJson();
      uint32_t size = static_cast<uint32_t>(text.size());
      key->append(reinterpret_cast<const char*>(&size), sizeof(size));
      key->append(text);
    }
  }
}

Status Runner::CheckCancelled() const {
  if (options_.cancel != nullptr && options_.cancel->load(std::memory_order_relaxed)) {
    return Status(StatusCode::kCancelled, "query cancelled");
  }
  return Status::OK();
}

Runner::Runner(const ExecOptions& options) : options_(options) {
  threads_ =
      options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
}

namespace {

// Makes every column of the chunk full length (expands size-1 constants).
Table Materialize(Table table) {
  for (ColumnPtr& column : table.columns) {
    if (column->size() == table.rows) continue;
    auto full = std::make_shared<Column>(column->type());
    full->Reserve(table.rows);
    for (size_t i = 0; i < table.rows; ++i) full->AppendFrom(*column, 0);
    column = full;
  }
  return table;
}

// Rows per chunk of `range`: a long range becomes many chunks, so the operators after it
// run in parallel and see cancellation between chunks.
constexpr size_t kRangeChunkRows = 65536;

}  // namespace

Result<Chunks> Runner::Range(const PlanNode& node) {
  const TypeKind type = node.schema[0].type;
  constexpr size_t kMaxRows = 100'000'000;
  Chunks chunks;
  size_t total = 0;
  std::shared_ptr<Column> column;
  // Starts a new chunk when the current one is full; checks for cancellation each time.
  auto next = [&]() -> Status {
    if (column && column->size() < kRangeChunkRows) return Status::OK();
    RETURN_IF_ERROR(CheckCancelled());
    if (total >= kMaxRows) return ResourceExhausted("range produces too many rows");
    column = std::make_shared<Column>(type);
    column->Reserve(kRangeChunkRows);
    Table table;
    table.schema = node.schema;
    table.columns.push_back(column);
    chunks.push_back(std::move(table));
    return Status::OK();
  };
  if (IsRealStored(type)) {
    double start = node.range_start.AsDouble(), stop = node.range_stop.AsDouble(),
           step = node.range_step.AsDouble();
    if (step == 0) return InvalidArgument("range step must not be zero");
    for (double v = start; step > 0 ? v <= stop : v >= stop; v += step) {
      RETURN_IF_ERROR(next());
      column->AppendReal(v);
      ++total;
    }
  } else {
    int64_t start = node.range_start.int_value(), stop = node.range_stop.int_value(),
            step = IsRealStored(node.range_step.type())
                       ? static_cast<int64_t>(node.range_step.real_value())
                       : node.range_step.int_value();
    if (step == 0) return InvalidArgument("range step must not be zero");
    for (int64_t v = start; step > 0 ? v <= stop : v >= stop; v += step) {
      RETURN_IF_ERROR(next());
      column->AppendInt(v);
      ++total;
      if ((step > 0 && v > INT64_MAX - step) || (step < 0 && v < INT64_MIN - step)) break;
    }
  }
  for (Table& chunk : chunks) chunk.rows = chunk.columns[0]->size();
  if (chunks.empty()) {  // an empty range: one chunk without rows keeps the schema
    Table table;
    table.schema = node.schema;
    table.columns.push_back(std::make_shared<Column>(type));
    chunks.push_back(std::move(table));
  }
  return chunks;
}

Result<Chunks> Runner::Scan(const PlanNode& node) {
  const storage::TableSnapshot& snapshot = *node.snapshot;
  Chunks chunks(snapshot.extents.size());
  RETURN_IF_ERROR(ParallelFor(chunks.size(), threads_, [&](size_t e) -> Status {
    RETURN_IF_ERROR(CheckCancelled());
    const storage::Extent& extent = *snapshot.extents[e];
    Table chunk;
    chunk.schema = node.schema;
    // Time pruning: skip extents whose min/max cannot satisfy the bounds.
    for (const auto& bound : node.time_bounds) {
      std::optional<storage::IntRange> range = extent.Range(bound.column);
      if (range && (range->max < bound.min || range->min > bound.max)) return Status::OK();
    }
    // Term index: intersect candidate rows of every required term.
    std::optional<std::vector<uint32_t>> candidates;
    for (const auto& [column, term] : node.required_terms) {
      std::optional<std::vector<uint32_t>> rows = extent.RowsWithTerm(column, term);
      if (!rows) continue;
      if (!candidates) {
        candidates = std::move(rows);
      } else {
        std::vector<uint32_t> both;
        std::set_intersection(candidates->begin(), candidates->end(), rows->begin(), rows->end(),
                              std::back_inserter(both));
        candidates = std::move(both);
      }
      if (candidates->empty()) return Status::OK();
    }
    size_t rows = candidates ? candidates->size() : extent.rows();
    chunk.rows = rows;
    for (size_t c = 0; c < node.scan_columns.size(); ++c) {
      const ColumnSchema& column = snapshot.schema[node.scan_columns[c]];
      bool present = std::any_of(extent.schema().begin(), extent.schema().end(),
                                 [&](const ColumnSchema& s) { return s.name == column.name; });
      bool read = node.scan_read.empty() || node.scan_read[c];
      if (!present || !read) {
        // Absent from this extent, or unused by the query: a constant null column.
        chunk.columns.push_back(Column::Constant(Value::Null(column.type)));
        continue;
      }
      ASSIGN_OR_RETURN(ColumnPtr data, candidates ? extent.ReadColumnRows(column.name, *candidates)
                                                  : extent.ReadColumn(column.name));
      if (data->type() != column.type) {
        return Corruption("extent column '" + column.name + "' has an unexpected type");
      }
      chunk.columns.push_back(std::move(data));
    }
    chunks[e] = std::move(chunk);
    return Status::OK();
  }));
  // Drop pruned extents (left empty without a schema).
  Chunks kept;
  for (Table& chunk : chunks) {
    if (!chunk.schema.empty() && chunk.rows > 0) kept.push_back(std::move(chunk));
  }
  return kept;
}

Result<Chunks> Runner::Run(const PlanNode& node) {
  RETURN_IF_ERROR(CheckCancelled());
  switch (node.kind) {
    case PlanKind::kScan:
      return Scan(node);
    case PlanKind::kValues: {
      Table table = *node.values;
      return Chunks{Materialize(std::move(table))};
    }
    case PlanKind::kRange:
      return Range(node);
    case PlanKind::kFilter:
    case PlanKind::kProject: {
      ASSIGN_OR_RETURN(Chunks chunks, Run(*node.children[0]));
      RETURN_IF_ERROR(ParallelFor(chunks.size(), threads_, [&](size_t i) -> Status {
        RETURN_IF_ERROR(CheckCancelled());
        Table& chunk = chunks[i];
        if (node.kind == PlanKind::kFilter) {
          ASSIGN_OR_RETURN(ColumnPtr predicate,
                           expression::Evaluate(*node.predicate, chunk, options_.context));
          std::vector<uint32_t> rows = expression::SelectTrue(*predicate, chunk.rows);
          if (rows.size() != chunk.rows) chunk = TakeRows(chunk, rows);
          return Status::OK();
        }
        Table out;
        out.schema = node.schema;
        out.rows = chunk.rows;
        for (const auto& output : node.outputs) {
          ASSIGN_OR_RETURN(ColumnPtr column,
                           expression::Evaluate(*output, chunk, options_.context));
          out.columns.push_back(std::move(column));
        }
        chunk = std::move(out);
        return Status::OK();
      }));
      return chunks;
    }
    case PlanKind::kSummarize: {
      ASSIGN_OR_RETURN(Chunks chunks, Run(*node.children[0]));
      return Summarize(node, std::move(chunks));
    }
    case PlanKind::kSort:
    case PlanKind::kTop: {
      ASSIGN_OR_RETURN(Chunks chunks, Run(*node.children[0]));
      return Sort(node, std::move(chunks));
    }
    case PlanKind::kTake: {
      ASSIGN_OR_RETURN(Chunks chunks, Run(*node.children[0]));
      Chunks out;
      int64_t remaining = node.limit;
      for (Table& chunk : chunks) {
        if (remaining <= 0) break;
        if (static_cast<int64_t>(chunk.rows) > remaining) {
          std::vector<uint32_t> rows(static_cast<size_t>(remaining));
          for (size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<uint32_t>(i);
          chunk = TakeRows(chunk, rows);
        }
        remaining -= static_cast<int64_t>(chunk.rows);
        out.push_back(std::move(chunk));
      }
      return out;
    }
    case PlanKind::kJoin: {
      ASSIGN_OR_RETURN(Chunks left, Run(*node.children[0]));
      ASSIGN_OR_RETURN(Chunks right, Run(*node.children[1]));
      return Join(node, std::move(left), std::move(right));
    }
    case PlanKind::kUnion: {
      Chunks out;
      for (size_t c = 0; c < node.children.size(); ++c) {
        ASSIGN_OR_RETURN(Chunks chunks, Run(*node.children[c]));
        const std::vector<int>& mapping = node.union_mapping[c];
        for (Table& chunk : chunks) {
          Table mapped;
          mapped.schema = node.schema;
          mapped.rows = chunk.rows;
          for (size_t k = 0; k < mapping.size(); ++k) {
            if (mapping[k] >= 0) {
              mapped.columns.push_back(chunk.columns[mapping[k]]);
            } else if (!node.union_source_column.empty() && k == 0) {
              mapped.columns.push_back(Column::Constant(Value::String(node.union_source_names[c])));
            } else {
              mapped.columns.push_back(Column::Nulls(node.schema[k].type, chunk.rows));
            }
          }
          out.push_back(Materialize(std::move(mapped)));
        }
      }
      return out;
    }
    case PlanKind::kMvExpand: {
      ASSIGN_OR_RETURN(Chunks chunks, Run(*node.children[0]));
      return MvExpand(node, std::move(chunks));
    }
    case PlanKind::kParse: {
      ASSIGN_OR_RETURN(Chunks chunks, Run(*node.children[0]));
      return Parse(node, std::move(chunks));
    }
    case PlanKind::kExternalData:
      return ExternalData(node);
    case PlanKind::kWindow: {
      ASSIGN_OR_RETURN(Chunks chunks, Run(*node.children[0]));
      return Window(node, std::move(chunks));
    }
    case PlanKind::kMakeSeries: {
      ASSIGN_OR_RETURN(Chunks chunks, Run(*node.children[0]));
      return MakeSeries(node, std::move(chunks));
    }
    case PlanKind::kTopNested: {
      ASSIGN_OR_RETURN(Chunks chunks, Run(*node.children[0]));
      return TopNested(node, std::move(chunks));
    }
    case PlanKind::kSample: {
      ASSIGN_OR_RETURN(Chunks chunks, Run(*node.children[0]));
      return Sample(node, std::move(chunks));
    }
    case PlanKind::kApply: {
      ASSIGN_OR_RETURN(Chunks chunks, Run(*node.children[0]));
      return Apply(node, std::move(chunks));
    }
    case PlanKind::kIpLookup: {
      ASSIGN_OR_RETURN(Chunks chunks, Run(*node.children[0]));
      ASSIGN_OR_RETURN(Chunks lookup, Run(*node.children[1]));
      return IpLookup(node, std::move(chunks), std::move(lookup));
    }
    case PlanKind::kBasket: {
      ASSIGN_OR_RETURN(Chunks chunks, Run(*node.children[0]));
      return Basket(node, std::move(chunks));
    }
    case PlanKind::kScanOperator: {
      ASSIGN_OR_RETURN(Chunks chunks, Run(*node.children[0]));
      return ScanOperator(node, std::move(chunks));
    }
    case PlanKind::kApplyInput:
      if (apply_input_ == nullptr) return Internal("apply input outside of mv-apply/partition");
      return Chunks{*apply_input_};
  }
  return Internal("unknown plan node");
}

Result<Table> Execute(const PlanNode& root, const ExecOptions& options) {
  Runner runner(options);
  ASSIGN_OR_RETURN(Chunks chunks, runner.Run(root));
  if (chunks.empty()) {
    Table empty;
    empty.schema = root.schema;
    for (const ColumnSchema& column : root.schema) {
      empty.columns.push_back(std::make_shared<Column>(column.type));
    }
    return empty;
  }
  // The result keeps broadcast constants: the result writers read them per row.
  return Concatenate(chunks, root.schema, /*keep_constants=*/true);
}

}  // namespace huntbook::exec
