// The `render` operator's properties as Data Explorer and Log Analytics return them.
// https://learn.microsoft.com/kusto/query/render-operator
// Data Explorer puts them in @ExtendedProperties as a JSON object whose first key is
// "Visualization" (Kqlmagic takes the first key as the property name); Log Analytics'
// include-render puts {"visualization","title",...} in the response's "render".
#pragma once

#include <optional>
#include <string>

#include "huntbook/engine/engine.h"

namespace huntbook::server {

// {"Visualization":"timechart","Title":...,"Accumulate":false,"IsQuerySorted":false,
//  "Kind":null, ...}; every property null (Accumulate/IsQuerySorted false) without render.
std::string DataExplorerVisualizationJson(const std::optional<engine::RenderInfo>& render);

// {"visualization":"timechart","title":...} (only the properties the query set), or ""
// when the query has no render.
std::string LogAnalyticsRenderJson(const std::optional<engine::RenderInfo>& render);

}  // namespace huntbook::server
