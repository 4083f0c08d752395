#include "huntbook/server/visualization_properties.h"

#include <string_view>

#include "huntbook/server/http_message.h"
#include "huntbook/server/json_writer.h"

namespace huntbook::server {
namespace {

// Wire names in the order Data Explorer writes them (render property -> key).
constexpr std::pair<std::string_view, std::string_view> kProperties[] = {
    {"title", "Title"},
    {"xcolumn", "XColumn"},
    {"series", "Series"},
    {"ycolumns", "YColumns"},
    {"anomalycolumns", "AnomalyColumns"},
    {"xtitle", "XTitle"},
    {"ytitle", "YTitle"},
    {"xaxis", "XAxis"},
    {"yaxis", "YAxis"},
    {"legend", "Legend"},
    {"ysplit", "YSplit"},
    {"accumulate", "Accumulate"},
    {"isquerysorted", "IsQuerySorted"},
    {"kind", "Kind"},
    {"ymin", "Ymin"},
    {"ymax", "Ymax"},
    {"xmin", "Xmin"},
    {"xmax", "Xmax"},
};

const std::string* FindProperty(const engine::RenderInfo& render, std::string_view name) {
  for (const auto& [key, value] : render.properties) {
    if (EqualsIgnoreCase(key, name)) return &value;
  }
  return nullptr;
}

std::string_view Unquote(std::string_view text) {
  if (text.size() >= 2 && (text.front() == '"' || text.front() == '\'') &&
      text.back() == text.front()) {
    return text.substr(1, text.size() - 2);
  }
  return text;
}

}  // namespace

std::string DataExplorerVisualizationJson(const std::optional<engine::RenderInfo>& render) {
  JsonWriter json;
  json.BeginObject();
  json.Key("Visualization");
  if (render) {
    json.String(render->visualization);
  } else {
    json.Null();
  }
  for (const auto& [name, key] : kProperties) {
    json.Key(key);
    const std::string* value = render ? FindProperty(*render, name) : nullptr;
    bool boolean = key == "Accumulate" || key == "IsQuerySorted";
    if (boolean) {
      json.Bool(value != nullptr && EqualsIgnoreCase(Unquote(*value), "true"));
    } else if (value == nullptr) {
      json.Null();
    } else {
      json.String(Unquote(*value));
    }
  }
  json.EndObject();
  return json.Take();
}

std::string LogAnalyticsRenderJson(const std::optional<engine::RenderInfo>& render) {
  if (!render) return "";
  JsonWriter json;
  json.BeginObject();
  json.Member("visualization", render->visualization);
  for (const auto& [name, value] : render->properties) {
    json.Key(name);
    json.String(Unquote(value));
  }
  json.EndObject();
  return json.Take();
}

}  // namespace huntbook::server
