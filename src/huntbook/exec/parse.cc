// parse / parse-where: match each row's source text with the node's regex, convert the
// captures to their declared types and append them as columns.
// https://learn.microsoft.com/kusto/query/parse-operator
// https://learn.microsoft.com/kusto/query/parse-where-operator
//
// Failure rules: no match gives null (strings: "") in every capture column. kind=simple
// (and regex) also nulls every capture of a row when one typed capture fails to convert;
// kind=relaxed nulls only the failing capture. parse-where drops the rows that simple
// rules would null (for relaxed: only rows that do not match).
#include <re2/re2.h>

#include "huntbook/exec/chunks.h"
#include "huntbook/expression/evaluator.h"
#include "huntbook/functions/conversion.h"

namespace huntbook::exec {

using planner::ParseKind;

Result<Chunks> Runner::Parse(const planner::PlanNode& node, Chunks input) {
  const RE2& regex = *node.parse_regex;
  const size_t group_count = static_cast<size_t>(regex.NumberOfCapturingGroups()) + 1;
  const size_t capture_count = node.parse_captures.size();

  RETURN_IF_ERROR(ParallelFor(input.size(), threads_, [&](size_t index) -> Status {
    Table& chunk = input[index];
    ASSIGN_OR_RETURN(ColumnPtr source,
                     expression::Evaluate(*node.parse_source, chunk, options_.context));
    // Raw captured text per capture, and per row whether the regex matched.
    std::vector<std::shared_ptr<Column>> texts;
    for (size_t c = 0; c < capture_count; ++c) {
      texts.push_back(std::make_shared<Column>(TypeKind::kString));
      texts.back()->Reserve(chunk.rows);
    }
    std::vector<bool> matched(chunk.rows, false);
    std::vector<re2::StringPiece> submatches(group_count);
    std::string scratch;
    for (size_t row = 0; row < chunk.rows; ++row) {
      std::string_view text = functions::IsNullAt(*source, row)
                                  ? std::string_view()
                                  : functions::TextOf(*source, row, &scratch);
      re2::StringPiece piece(text.data(), text.size());
      matched[row] = regex.Match(piece, 0, piece.size(), RE2::UNANCHORED, submatches.data(),
                                 static_cast<int>(group_count));
      for (size_t c = 0; c < capture_count; ++c) {
        const re2::StringPiece& group = submatches[node.parse_captures[c].group];
        texts[c]->AppendString(matched[row] && group.data() != nullptr
                                   ? std::string_view(group.data(), group.size())
                                   : std::string_view());
      }
    }
    // Typed values; a row fails when it did not match or (not relaxed) a conversion failed.
    std::vector<ColumnPtr> typed(capture_count);
    std::vector<bool> failed(chunk.rows, false);
    for (size_t c = 0; c < capture_count; ++c) {
      typed[c] = functions::CastColumn(ColumnPtr(texts[c]), node.parse_captures[c].type);
    }
    for (size_t row = 0; row < chunk.rows; ++row) {
      failed[row] = !matched[row];
      if (node.parse_kind == ParseKind::kRelaxed) continue;
      for (size_t c = 0; c < capture_count && !failed[row]; ++c) {
        failed[row] = node.parse_captures[c].type != TypeKind::kString && typed[c]->IsNull(row);
      }
    }
    std::vector<uint32_t> rows;
    rows.reserve(chunk.rows);
    for (size_t row = 0; row < chunk.rows; ++row) {
      if (!node.parse_drop_failed || !failed[row]) rows.push_back(static_cast<uint32_t>(row));
    }
    Table out;
    out.schema = node.schema;
    out.rows = rows.size();
    Table kept = rows.size() == chunk.rows ? chunk : TakeRows(chunk, rows);
    for (int column : node.parse_keep) out.columns.push_back(kept.columns[column]);
    for (size_t c = 0; c < capture_count; ++c) {
      TypeKind type = node.parse_captures[c].type;
      auto column = std::make_shared<Column>(type);
      column->Reserve(rows.size());
      for (uint32_t row : rows) {
        if (!failed[row]) {
          column->AppendFrom(*typed[c], row);
        } else if (type == TypeKind::kString) {
          column->AppendString("");
        } else {
          column->AppendNull();
        }
      }
      out.columns.push_back(std::move(column));
    }
    chunk = std::move(out);
    return Status::OK();
  }));
  return input;
}

}  // namespace huntbook::exec
