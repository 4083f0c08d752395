// CSV with a header line -> Table (format rules in reader.h, splitting in csv_records.h).
//
// Header names: an empty name becomes "Column<N>" (N = 1-based field position) and a repeated
// name gets a numeric suffix ("Name1", "Name2"). A leading unnamed column whose values are
// exactly 0, 1, 2, ... (the index pandas writes with DataFrame.to_csv) is dropped. Records
// with fewer fields than the header read the missing ones as empty; more fields is an error.
#pragma once

#include <string_view>
#include <vector>

#include "huntbook/common/status.h"
#include "huntbook/vector/column.h"

namespace huntbook::ingest {

Result<Table> ReadCsv(std::string_view bytes, std::string_view source_name,
                      const std::vector<ColumnSchema>& existing_schema);

}  // namespace huntbook::ingest
