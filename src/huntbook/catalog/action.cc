#include "huntbook/catalog/action.h"

namespace huntbook::catalog {

std::array<Action, kActionCount> AllActions() {
  std::array<Action, kActionCount> all{};
  for (int i = 0; i < kActionCount; ++i) all[i] = static_cast<Action>(i);
  return all;
}

std::string_view ActionName(Action action) {
  switch (action) {
    case Action::kReadWorkspace:
      return "read_workspace";
    case Action::kQuery:
      return "query";
    case Action::kReadBookmark:
      return "read_bookmark";
    case Action::kWriteBookmark:
      return "write_bookmark";
    case Action::kDeleteBookmark:
      return "delete_bookmark";
    case Action::kReadNotebook:
      return "read_notebook";
    case Action::kWriteNotebook:
      return "write_notebook";
    case Action::kDeleteNotebook:
      return "delete_notebook";
    case Action::kCompute:
      return "compute";
    case Action::kIngest:
      return "ingest";
    case Action::kManageTables:
      return "manage_tables";
    case Action::kListSecrets:
      return "list_secrets";
    case Action::kReadSecret:
      return "read_secret";
    case Action::kWriteSecret:
      return "write_secret";
    case Action::kManageRoles:
      return "manage_roles";
    case Action::kManageWorkspace:
      return "manage_workspace";
    case Action::kCreateWorkspace:
      return "create_workspace";
    case Action::kManageResourceGroups:
      return "manage_resource_groups";
    case Action::kReadMetrics:
      return "read_metrics";
    case Action::kManageUsers:
      return "manage_users";
  }
  return "unknown";
}

}  // namespace huntbook::catalog
