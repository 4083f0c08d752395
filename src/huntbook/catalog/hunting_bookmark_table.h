// The workspace's HuntingBookmark table: one row per bookmark change (create, update,
// soft delete), so queries can find bookmarks as in Microsoft Sentinel.
//
// Columns and types follow the HuntingBookmark table reference
// (https://learn.microsoft.com/azure/azure-monitor/reference/tables/huntingbookmark):
//   TenantId         string    the workspace id
//   TimeGenerated    datetime  when the change was made (= LastUpdatedTime)
//   BookmarkId       string    bookmark UUID
//   BookmarkName     string
//   BookmarkType     string    "" (documented as currently not used)
//   CreatedBy        string    JSON object {"Name": "<user name>"}
//   UpdatedBy        string    JSON object {"Name": "<user name>"}
//   CreatedTime      datetime
//   LastUpdatedTime  datetime
//   EventTime        datetime  null when not set
//   QueryText        string
//   QueryResultRow   string    JSON object of the bookmarked row
//   QueryStartTime   datetime  null when not set
//   QueryEndTime     datetime  null when not set
//   Notes            string
//   Entities         string    serialized JSON of the entity mapping
//   SoftDeleted      bool      true on the row recording a delete
//   Tags             string    JSON array of the labels
//   SourceSystem     string    "huntbook"
//   Type             string    "HuntingBookmark"
//   _IsBillable      string    "False"
//   _BilledSize      real      bytes of the row's text fields
//   _ResourceId      string    "/resourcegroups/<group>/workspaces/<name>"
//   _SubscriptionId  string    ""
#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "huntbook/catalog/bookmark_store.h"
#include "huntbook/catalog/workspace_registry.h"
#include "huntbook/types/type.h"
#include "huntbook/types/value.h"

namespace huntbook::catalog {

inline constexpr char kHuntingBookmarkTable[] = "HuntingBookmark";

struct CatalogColumn {
  std::string_view name;
  TypeKind type;
};

inline constexpr std::array<CatalogColumn, 24> kHuntingBookmarkColumns = {{
    {"TenantId", TypeKind::kString},
    {"TimeGenerated", TypeKind::kDateTime},
    {"BookmarkId", TypeKind::kString},
    {"BookmarkName", TypeKind::kString},
    {"BookmarkType", TypeKind::kString},
    {"CreatedBy", TypeKind::kString},
    {"UpdatedBy", TypeKind::kString},
    {"CreatedTime", TypeKind::kDateTime},
    {"LastUpdatedTime", TypeKind::kDateTime},
    {"EventTime", TypeKind::kDateTime},
    {"QueryText", TypeKind::kString},
    {"QueryResultRow", TypeKind::kString},
    {"QueryStartTime", TypeKind::kDateTime},
    {"QueryEndTime", TypeKind::kDateTime},
    {"Notes", TypeKind::kString},
    {"Entities", TypeKind::kString},
    {"SoftDeleted", TypeKind::kBool},
    {"Tags", TypeKind::kString},
    {"SourceSystem", TypeKind::kString},
    {"Type", TypeKind::kString},
    {"_IsBillable", TypeKind::kString},
    {"_BilledSize", TypeKind::kReal},
    {"_ResourceId", TypeKind::kString},
    {"_SubscriptionId", TypeKind::kString},
}};

// The row recording `bookmark` as it is now, in kHuntingBookmarkColumns order.
// REQUIRES: workspace.id == bookmark.workspace_id.
std::vector<Value> HuntingBookmarkRow(const Bookmark& bookmark, const Workspace& workspace);

}  // namespace huntbook::catalog
