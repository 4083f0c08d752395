#include "huntbook/server/data_explorer_stream.h"

#include "huntbook/engine/result_format.h"
#include "huntbook/server/data_explorer_format.h"
#include "huntbook/server/kusto_types.h"
#include "huntbook/server/request_ids.h"
#include "huntbook/server/visualization_properties.h"
#include "huntbook/types/datetime.h"

namespace huntbook::server {
namespace {

constexpr int64_t kPrimaryTableId = 1;

std::string Quoted(std::string_view text) { return engine::JsonQuote(text); }

void WriteColumns(const Table& table, JsonWriter* json) {
  json->Key("Columns");
  json->BeginArray();
  for (const ColumnSchema& column : table.schema) {
    json->BeginObject();
    json->Member("ColumnName", column.name);
    json->Member("ColumnType", TypeName(column.type));
    json->EndObject();
  }
  json->EndArray();
}

// FrameType, TableId, TableKind, TableName: the start of a DataTable or TableHeader frame
// (the Python reader needs them first, in this order).
void WriteTableStart(std::string_view frame_type, int64_t id, std::string_view kind,
                     std::string_view name, JsonWriter* json) {
  json->Member("FrameType", frame_type);
  json->MemberInt("TableId", id);
  json->Member("TableKind", kind);
  json->Member("TableName", name);
}

// The start of the primary table's DataTable or TableHeader frame, with its Columns.
void WritePrimaryHeader(const Table& table, std::string_view frame_type, JsonWriter* json) {
  WriteTableStart(frame_type, kPrimaryTableId, "PrimaryResult", "PrimaryResult", json);
  WriteColumns(table, json);
}

// A TableFragment frame of the primary table, open at its "Rows" array.
void BeginFragment(JsonWriter* json) {
  json->BeginObject();
  json->Member("FrameType", "TableFragment");
  json->Member("TableFragmentType", "DataAppend");
  json->MemberInt("TableId", kPrimaryTableId);
  json->Key("Rows");
  json->BeginArray();
}

void WriteErrorMarker(const std::string& one_api_errors, JsonWriter* json) {
  json->BeginObject();
  json->Key("OneApiErrors");
  json->Raw(one_api_errors);
  json->EndObject();
}

}  // namespace

DataExplorerV2Stream::DataExplorerV2Stream(std::shared_ptr<const QueryOutcome> outcome,
                                           RequestIds ids, DataExplorerV2Options options)
    : outcome_(std::move(outcome)),
      ids_(std::move(ids)),
      options_(options),
      failure_(outcome_->partial) {}

bool DataExplorerV2Stream::Next(std::string* out) {
  // Small results come out as one piece; large ones a piece of rows at a time.
  while (stage_ != Stage::kDone && json_.text().size() < options_.piece_bytes) {
    switch (stage_) {
      case Stage::kHead:
        WriteHead();
        stage_ = Stage::kRows;
        break;
      case Stage::kRows:
        WriteRowPiece();
        if (next_row_ == outcome_->result.table.rows || failure_status_ == 504) {
          stage_ = Stage::kTail;
        }
        break;
      case Stage::kTail:
        WriteTail();
        stage_ = Stage::kDone;
        break;
      case Stage::kDone:
        break;
    }
  }
  out->append(json_.text());
  json_.buffer()->clear();
  return stage_ != Stage::kDone;
}

void DataExplorerV2Stream::WriteHead() {
  const Table& table = outcome_->result.table;
  json_.BeginArray();

  json_.BeginObject();
  json_.Member("FrameType", "DataSetHeader");
  json_.MemberBool("IsProgressive", options_.progressive);
  json_.Member("Version", "v2.0");
  json_.EndObject();

  json_.BeginObject();
  WriteTableStart("DataTable", 0, "QueryProperties", "@ExtendedProperties", &json_);
  json_.Key("Columns");
  json_.Raw(R"([{"ColumnName":"TableId","ColumnType":"int"},)"
            R"({"ColumnName":"Key","ColumnType":"string"},)"
            R"({"ColumnName":"Value","ColumnType":"dynamic"}])");
  json_.Key("Rows");
  json_.BeginArray();
  json_.BeginArray();
  json_.Int(1);
  json_.String("Visualization");
  json_.String(DataExplorerVisualizationJson(outcome_->result.render));
  json_.EndArray();
  json_.EndArray();
  json_.EndObject();

  json_.BeginObject();
  if (options_.progressive) {
    WritePrimaryHeader(table, "TableHeader", &json_);
    json_.EndObject();
  } else {
    WritePrimaryHeader(table, "DataTable", &json_);
    json_.Key("Rows");
    json_.BeginArray();  // closed by WriteTail
  }
}

void DataExplorerV2Stream::WriteRowPiece() {
  const Table& table = outcome_->result.table;
  if (next_row_ < table.rows && options_.deadline &&
      std::chrono::steady_clock::now() > *options_.deadline) {
    failure_ = PartialFailure{"",  // the code a 504 before the status line would have had
                              "Query execution lasted longer than the request's servertimeout: " +
                                  std::to_string(table.rows - next_row_) + " of " +
                                  std::to_string(table.rows) + " result rows were not sent"};
    failure_status_ = 504;
    return;
  }
  if (options_.progressive) {
    if (next_row_ == table.rows) return;
    BeginFragment(&json_);
  }
  size_t limit = json_.text().size() + options_.piece_bytes;
  while (next_row_ < table.rows && json_.text().size() < limit) {
    json_.BeforeValue();
    AppendJsonRow(table, next_row_, /*dynamic_as_text=*/false, json_.buffer());
    ++next_row_;
  }
  if (options_.progressive) {
    json_.EndArray();
    json_.EndObject();
    json_.BeginObject();
    json_.Member("FrameType", "TableProgress");
    json_.MemberInt("TableId", kPrimaryTableId);
    json_.Key("TableProgress");
    json_.Raw(
        std::to_string(100.0 * static_cast<double>(next_row_) / static_cast<double>(table.rows)));
    json_.EndObject();
  }
}

std::string DataExplorerV2Stream::OneApiErrors() const {
  Status status(failure_status_ == 504 ? StatusCode::kCancelled : StatusCode::kResourceExhausted,
                failure_->message);
  return "[" +
         DataExplorerErrorObject(failure_status_, status, ids_, /*permanent=*/false,
                                 failure_->code) +
         "]";
}

void DataExplorerV2Stream::WriteTail() {
  bool reported = failure_.has_value() && !options_.defer_partial_failures;
  std::string one_api_errors = failure_ ? OneApiErrors() : "";
  if (options_.progressive) {
    if (reported) {
      BeginFragment(&json_);
      WriteErrorMarker(one_api_errors, &json_);
      json_.EndArray();
      json_.EndObject();
    }
    json_.BeginObject();
    json_.Member("FrameType", "TableCompletion");
    json_.MemberInt("TableId", kPrimaryTableId);
    json_.MemberInt("RowCount", static_cast<int64_t>(next_row_));
    json_.EndObject();
  } else {
    if (reported) WriteErrorMarker(one_api_errors, &json_);
    json_.EndArray();  // Rows
    json_.EndObject();
  }

  std::string timestamp = Quoted(FormatDateTime(NowTicks()));
  std::string crid = Quoted(ids_.client_request_id);
  std::string activity = Quoted(ids_.activity_id);
  json_.BeginObject();
  WriteTableStart("DataTable", 2, "QueryCompletionInformation", "QueryCompletionInformation",
                  &json_);
  json_.Key("Columns");
  json_.Raw(R"([{"ColumnName":"Timestamp","ColumnType":"datetime"},)"
            R"({"ColumnName":"ClientRequestId","ColumnType":"string"},)"
            R"({"ColumnName":"ActivityId","ColumnType":"guid"},)"
            R"({"ColumnName":"SubActivityId","ColumnType":"guid"},)"
            R"({"ColumnName":"ParentActivityId","ColumnType":"guid"},)"
            R"({"ColumnName":"Level","ColumnType":"int"},)"
            R"({"ColumnName":"LevelName","ColumnType":"string"},)"
            R"({"ColumnName":"StatusCode","ColumnType":"int"},)"
            R"({"ColumnName":"StatusCodeName","ColumnType":"string"},)"
            R"({"ColumnName":"EventType","ColumnType":"int"},)"
            R"({"ColumnName":"EventTypeName","ColumnType":"string"},)"
            R"({"ColumnName":"Payload","ColumnType":"string"}])");
  std::vector<std::vector<std::string>> completion;
  if (failure_ && options_.defer_partial_failures) {
    // Deferred failures are reported here only (sample
    // query_partial_results_defer_is_true.json: Level 2 Error row, HasErrors false).
    std::string payload = "{\"Count\":1,\"Text\":" + Quoted(failure_->message) + "}";
    bool timeout = failure_status_ == 504;
    completion.push_back(
        {timestamp, crid, activity, activity, activity, "2", Quoted("Error"),
         // COR_E_TIMEOUT, .NET's TimeoutException, for the timeout.
         timeout ? "-2146233083" : "-2133196797",
         Quoted(timeout ? "Request timed out."
                        : "Query result set too large (E_QUERY_RESULT_SET_TOO_LARGE)."),
         "1", Quoted(timeout ? "QueryTimeout" : "QueryLimitsExceeded"), Quoted(payload)});
  } else {
    std::string info_payload = "{\"Count\":1,\"Text\":\"Query completed successfully\"}";
    completion.push_back({timestamp, crid, activity, activity, activity, "4", Quoted("Info"), "0",
                          Quoted("S_OK (0)"), "4", Quoted("QueryInfo"), Quoted(info_payload)});
  }
  completion.push_back({timestamp, crid, activity, activity, activity, "6", Quoted("Stats"), "0",
                        Quoted("S_OK (0)"), "0", Quoted("QueryResourceConsumption"),
                        Quoted(ResourceConsumptionJson(*outcome_))});
  WriteLiteralRows(completion, &json_);
  json_.EndObject();

  json_.BeginObject();
  json_.Member("FrameType", "DataSetCompletion");
  json_.MemberBool("HasErrors", reported);
  json_.MemberBool("Cancelled", false);
  if (reported) {
    json_.Key("OneApiErrors");
    json_.Raw(one_api_errors);
  }
  json_.EndObject();

  json_.EndArray();
}

std::string FormatDataExplorerV2(const QueryOutcome& outcome, const RequestIds& ids,
                                 bool defer_partial_failures) {
  DataExplorerV2Options options;
  options.defer_partial_failures = defer_partial_failures;
  HttpResponse response;
  response.stream = std::make_shared<DataExplorerV2Stream>(
      std::make_shared<const QueryOutcome>(outcome), ids, options);
  return std::move(response.ReadStream().body);
}

}  // namespace huntbook::server
