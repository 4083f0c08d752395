// Data Explorer management ("dot") commands that stock clients issue
// (https://learn.microsoft.com/kusto/management/; PROTOCOLS.md §5):
//   .show version | .show databases [schema as json] | .show database X schema [as json]
//   .show tables | .show table T schema as json | .show table T [cslschema]
//   .create table T (a:string, ...) | .create-merge table T (...) | .drop table T [ifexists]
//   .ingest inline into table T <| csv lines (no header; columns by position)
// Workspaces are the databases. Anything else is NotSupported naming the command.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "huntbook/common/status.h"
#include "huntbook/server/access_control.h"
#include "huntbook/vector/column.h"

namespace huntbook::storage {
class Store;
}

namespace huntbook::server {

// The Action a command needs: .show -> kReadMetadata, .ingest -> kIngest, .create/.drop
// -> kManageTables; unknown commands -> kManageTables (refused later anyway).
Action ManagementCommandAction(std::string_view command);

// Whether the command changes data (refused for read-only requests).
bool IsWriteCommand(std::string_view command);

struct CommandScope {
  storage::Store* store = nullptr;
  std::string database;  // the request's workspace
  // The databases `.show databases [schema as json]` lists: those the caller may see.
  // nullopt = every workspace in the store.
  std::optional<std::vector<std::string>> visible_databases;
};

// Runs the command; the result is the one table the v1 response carries.
Result<Table> ExecuteManagementCommand(std::string_view command, const CommandScope& scope);

}  // namespace huntbook::server
