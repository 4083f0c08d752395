// Action: what a request wants to do, the unit of authorization.
//
// Each server route names exactly one Action (plus the workspace or resource group it acts
// on); roles grant sets of Actions (role.h). Scopes nest server > resource group >
// workspace; an action is checked at the narrowest scope the route acts on:
//   workspace scope       every action from kReadWorkspace to kManageWorkspace
//   resource group scope  kCreateWorkspace
//   server scope          kManageResourceGroups, kReadMetrics, kManageUsers
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <string_view>

namespace huntbook::catalog {

enum class Action : uint8_t {
  kReadWorkspace = 0,     // see the workspace in lists, its tables and schemas
  kQuery,                 // run queries (LA/ADX query APIs)
  kReadBookmark,          // list/get bookmarks
  kWriteBookmark,         // create and update bookmarks
  kDeleteBookmark,        // (soft) delete bookmarks
  kReadNotebook,          // list/open saved notebooks
  kWriteNotebook,         // save notebooks
  kDeleteNotebook,        // delete saved notebooks
  kCompute,               // create, start and stop compute; run notebooks
  kIngest,                // ingestion APIs, `.ingest inline`
  kManageTables,          // `.create table`, `.create-merge table`, `.drop table`, retention
  kListSecrets,           // list secret names (never values)
  kReadSecret,            // read a secret's value
  kWriteSecret,           // set and delete secrets
  kManageRoles,           // assign and remove roles at this scope
  kManageWorkspace,       // change or delete the workspace
  kCreateWorkspace,       // create workspaces in a resource group
  kManageResourceGroups,  // create and delete resource groups
  kReadMetrics,           // server-wide operational metrics (/metrics)
  kManageUsers,           // users, other users' tokens, custom role definitions
};

inline constexpr int kActionCount = static_cast<int>(Action::kManageUsers) + 1;

// Every action, in enum order (for matrix tests and docs).
std::array<Action, kActionCount> AllActions();

// Stable snake_case name, e.g. "write_bookmark".
std::string_view ActionName(Action action);

// A set of actions (a bit per action).
class ActionSet {
 public:
  constexpr ActionSet() = default;
  constexpr ActionSet(std::initializer_list<Action> actions) {
    for (Action a : actions) bits_ |= Bit(a);
  }
  static constexpr ActionSet All() {
    ActionSet set;
    set.bits_ = (uint32_t{1} << kActionCount) - 1;
    return set;
  }
  constexpr bool Contains(Action action) const { return (bits_ & Bit(action)) != 0; }
  constexpr ActionSet& Add(ActionSet other) {
    bits_ |= other.bits_;
    return *this;
  }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr bool operator==(const ActionSet&) const = default;

 private:
  static constexpr uint32_t Bit(Action a) { return uint32_t{1} << static_cast<int>(a); }
  uint32_t bits_ = 0;
};

}  // namespace huntbook::catalog
