#include "huntbook/functions/scalar_function.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <shared_mutex>

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
  });
}

}  // namespace huntbook::functions
