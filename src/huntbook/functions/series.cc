#include "huntbook/functions/series.h"

#include <cmath>

namespace huntbook::functions {

std::optional<Series> ReadSeries(const Dynamic& value) {
  if (!value.is_array()) return std::nullopt;
  Series series;
  series.values.reserve(value.array().size());
  for (const Dynamic& item : value.array()) {
    switch (item.kind()) {
      case Dynamic::Kind::kLong:
        series.values.push_back(static_cast<double>(item.long_value()));
        break;
      case Dynamic::Kind::kReal:
        series.values.push_back(item.real_value());
        series.all_integers = false;
        break;
      case Dynamic::Kind::kBool:
        series.values.push_back(item.bool_value() ? 1.0 : 0.0);
        break;
      default:
        series.values.push_back(std::nullopt);
        break;
    }
  }
  return series;
}

std::optional<Series> ReadSeries(const Value& value) {
  if (value.is_null() || value.type() != TypeKind::kDynamic) return std::nullopt;
  return ReadSeries(value.dynamic_value());
}

Dynamic RealSeries(const std::vector<std::optional<double>>& values) {
  Dynamic::Array items;
  items.reserve(values.size());
  for (const std::optional<double>& v : values) {
    items.push_back(v ? Dynamic::Real(*v) : Dynamic());
  }
  return Dynamic::MakeArray(std::move(items));
}

Dynamic RealSeries(const std::vector<double>& values) {
  Dynamic::Array items;
  items.reserve(values.size());
  for (double v : values) items.push_back(Dynamic::Real(v));
  return Dynamic::MakeArray(std::move(items));
}

Dynamic LongSeries(const std::vector<std::optional<double>>& values) {
  Dynamic::Array items;
  items.reserve(values.size());
  for (const std::optional<double>& v : values) {
    if (v && std::isfinite(*v)) {
      items.push_back(Dynamic::Long(static_cast<int64_t>(*v)));
    } else {
      items.push_back(Dynamic());
    }
  }
  return Dynamic::MakeArray(std::move(items));
}

}  // namespace huntbook::functions
