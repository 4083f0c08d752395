// Internal: the registration entry points of the scalar function families, one per file
// (string_functions.cc, string_predicates.cc, ...). Only scalar_function.cc calls them.
#pragma once

namespace huntbook::functions {

void RegisterStringFunctions();
void RegisterRegexFunctions();
void RegisterStringPredicates();
void RegisterDateTimeFunctions();
void RegisterConversionFunctions();
void RegisterConditionalFunctions();
void RegisterDynamicFunctions();
void RegisterMathFunctions();
void RegisterNetworkFunctions();
void RegisterEncodingFunctions();
void RegisterTypeFunctions();

}  // namespace huntbook::functions
