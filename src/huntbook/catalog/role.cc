#include "huntbook/catalog/role.h"

#include "huntbook/catalog/name_rules.h"

namespace huntbook::catalog {
namespace {

constexpr ActionSet kReadActions = {Action::kReadWorkspace, Action::kQuery, Action::kReadBookmark,
                                    Action::kReadNotebook};
constexpr ActionSet kWriteActions = {Action::kWriteBookmark, Action::kWriteNotebook,
                                     Action::kIngest, Action::kManageTables};
constexpr ActionSet kDeleteActions = {Action::kDeleteBookmark, Action::kDeleteNotebook};
constexpr ActionSet kComputeActions = {Action::kCompute};

constexpr const char* kPermissionNames[] = {"read", "write", "delete", "compute"};

}  // namespace

std::string_view BuiltinRoleName(BuiltinRole role) {
  switch (role) {
    case BuiltinRole::kReader:
      return "Reader";
    case BuiltinRole::kResponder:
      return "Responder";
    case BuiltinRole::kContributor:
      return "Contributor";
    case BuiltinRole::kOwner:
      return "Owner";
  }
  return "unknown";
}

ActionSet BuiltinRoleActions(BuiltinRole role) {
  ActionSet reader = kReadActions;
  ActionSet responder = ActionSet(reader).Add({Action::kWriteBookmark});
  ActionSet contributor = ActionSet(responder).Add(
      {Action::kDeleteBookmark, Action::kWriteNotebook, Action::kDeleteNotebook, Action::kCompute,
       Action::kIngest, Action::kManageTables, Action::kListSecrets, Action::kReadSecret});
  switch (role) {
    case BuiltinRole::kReader:
      return reader;
    case BuiltinRole::kResponder:
      return responder;
    case BuiltinRole::kContributor:
      return contributor;
    case BuiltinRole::kOwner:
      return ActionSet::All();
  }
  return ActionSet();
}

ActionSet PermissionActions(uint32_t permissions) {
  ActionSet set;
  if (permissions & kPermissionRead) set.Add(kReadActions);
  if (permissions & kPermissionWrite) set.Add(kWriteActions);
  if (permissions & kPermissionDelete) set.Add(kDeleteActions);
  if (permissions & kPermissionCompute) set.Add(kComputeActions);
  return set;
}

Result<uint32_t> ParsePermissions(const std::vector<std::string>& names) {
  if (names.empty()) return InvalidArgument("role permissions must not be empty");
  uint32_t bits = 0;
  for (const std::string& name : names) {
    bool known = false;
    for (int i = 0; i < 4; ++i) {
      if (NamesEqual(name, kPermissionNames[i])) {
        bits |= uint32_t{1} << i;
        known = true;
      }
    }
    if (!known) {
      return InvalidArgument("role permission '" + name +
                             "' is unknown; use read, write, delete or compute");
    }
  }
  return bits;
}

std::vector<std::string> PermissionNames(uint32_t permissions) {
  std::vector<std::string> names;
  for (int i = 0; i < 4; ++i) {
    if (permissions & (uint32_t{1} << i)) names.emplace_back(kPermissionNames[i]);
  }
  return names;
}

}  // namespace huntbook::catalog
