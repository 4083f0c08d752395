#include "huntbook/functions/scalar_function.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string_view>
#include <utility>

#include "huntbook/functions/scalar_families.h"

namespace huntbook::functions {
namespace {

struct Registry {
  std::shared_mutex mutex;
  std::map<std::string, ScalarFunction, std::less<>> functions;
};

Registry& GetRegistry() {
  static Registry* registry = new Registry();
  return *registry;
}

std::once_flag register_all_once;

// Deprecated names Kusto still accepts for today's functions; each binds and runs exactly
// as the function it names (its doc page says "deprecated"/"legacy").
void RegisterLegacyNames() {
  static constexpr std::pair<std::string_view, std::string_view> kLegacyNames[] = {
      {"arraylength", "array_length"},                  // array-length-function
      {"extractall", "extract_all"},                    // extract-all-function
      {"make_string", "unicode_codepoints_to_string"},  // unicode-codepoints-to-string
      {"notempty", "isnotempty"},                       // isnotempty-function
      {"notnull", "isnotnull"},                         // isnotnull-function
  };
  Registry& registry = GetRegistry();
  std::unique_lock lock(registry.mutex);
  for (const auto& [legacy, current] : kLegacyNames) {
    auto it = registry.functions.find(current);
    if (it == registry.functions.end()) continue;
    ScalarFunction copy = it->second;
    copy.name = std::string(legacy);
    registry.functions.insert_or_assign(copy.name, std::move(copy));
  }
}

}  // namespace

void RegisterScalarFunction(ScalarFunction function) {
  Registry& registry = GetRegistry();
  std::unique_lock lock(registry.mutex);
  std::string name = function.name;
  registry.functions.insert_or_assign(std::move(name), std::move(function));
}

const ScalarFunction* FindScalarFunction(std::string_view name) {
  RegisterAllScalarFunctions();
  Registry& registry = GetRegistry();
  std::shared_lock lock(registry.mutex);
  auto it = registry.functions.find(name);
  return it == registry.functions.end() ? nullptr : &it->second;
}

std::vector<std::string> ScalarFunctionNames() {
  RegisterAllScalarFunctions();
  Registry& registry = GetRegistry();
  std::shared_lock lock(registry.mutex);
  std::vector<std::string> names;
  names.reserve(registry.functions.size());
  for (const auto& [name, function] : registry.functions) names.push_back(name);
  return names;
}

void RegisterAllScalarFunctions() {
  std::call_once(register_all_once, [] {
    RegisterStringFunctions();
    RegisterRegexFunctions();
    RegisterStringPredicates();
    RegisterDateTimeFunctions();
    RegisterConversionFunctions();
    RegisterConditionalFunctions();
    RegisterDynamicFunctions();
    RegisterMathFunctions();
    RegisterNetworkFunctions();
    RegisterEncodingFunctions();
    RegisterTypeFunctions();
    RegisterIpv4FormatFunctions();
    RegisterIpv4TextSearchFunctions();
    RegisterIpv6Functions();
    RegisterHashFunctions();
    RegisterUrlFunctions();
    RegisterCommandLineFunctions();
    RegisterStringEditFunctions();
    RegisterJsonPathFunctions();
    RegisterGeoFunctions();
    RegisterBitFunctions();
    RegisterTrigonometryFunctions();
    RegisterSeriesFunctions();
    RegisterSeriesFillFunctions();
    RegisterSeriesAnalysisFunctions();
    RegisterSeriesDecomposeFunctions();
    RegisterXmlFunctions();
    RegisterArrayFunctions();
    RegisterBagFunctions();
    RegisterTimespanFunctions();
    RegisterSketchFunctions();
    RegisterTimeZoneFunctions();
    RegisterLegacyNames();
  });
}

}  // namespace huntbook::functions
