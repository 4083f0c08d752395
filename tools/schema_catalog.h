// A binder catalog read from table schema files (one JSON file per table:
// {"name": "SecurityEvent", "columns": [{"name": "TimeGenerated", "type": "datetime"}, ...]}),
// as in shared/corpus/schemas. Used by `huntbook check --schemas DIR`. A table's columns are
// `columns` followed by those of `advanced_hunting_columns` (its Defender XDR variant:
// Timestamp, DeviceId, ...) that `columns` lacks, as the corpus's reference verdicts were
// computed (tools/kql-reference/reference.mjs); a type name huntbook does not know binds as
// dynamic.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "huntbook/common/status.h"
#include "huntbook/kql/analyzer/binder.h"
#include "huntbook/storage/store.h"

namespace huntbook::tools {

class SchemaCatalog : public analyzer::Catalog {
 public:
  // Reads every *.json file of `dir` (files starting with '_' are skipped).
  static Result<std::unique_ptr<SchemaCatalog>> Load(const std::string& dir);

  std::shared_ptr<const storage::TableSnapshot> FindTable(std::string_view name) const override;
  std::vector<std::string> TableNames() const override;
  // workspace("w").T / database("d").T bind against the same schema files.
  std::shared_ptr<const storage::TableSnapshot> FindWorkspaceTable(
      std::string_view workspace, std::string_view name) const override {
    (void)workspace;
    return FindTable(name);
  }

 private:
  std::map<std::string, std::shared_ptr<const storage::TableSnapshot>, std::less<>> tables_;
};

}  // namespace huntbook::tools
