// Internal: the registration entry points of the scalar function families, one per file
// (string_functions.cc, string_predicates.cc, ...). Only scalar_function.cc calls them.
#pragma once

#include <string>

namespace huntbook::functions {

// A number -> real function applied element-wise (null in, null out): sqrt, sin, ...
// `page` is its learn.microsoft.com/kusto/query/ page. Defined in math_functions.cc.
void RegisterUnaryRealFunction(const std::string& name, const std::string& page,
                               double (*fn)(double));

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
void RegisterIpv4FormatFunctions();
void RegisterIpv4TextSearchFunctions();
void RegisterIpv6Functions();
void RegisterHashFunctions();
void RegisterUrlFunctions();
void RegisterCommandLineFunctions();
void RegisterStringEditFunctions();
void RegisterJsonPathFunctions();
void RegisterGeoFunctions();
void RegisterBitFunctions();              // bit_functions.cc
void RegisterTrigonometryFunctions();     // trigonometry_functions.cc
void RegisterSeriesFunctions();           // series_functions.cc
void RegisterSeriesFillFunctions();       // series_fill_functions.cc
void RegisterSeriesAnalysisFunctions();   // series_analysis_functions.cc
void RegisterSeriesDecomposeFunctions();  // series_decompose_functions.cc
void RegisterXmlFunctions();              // xml_functions.cc
void RegisterArrayFunctions();            // array_functions.cc
void RegisterBagFunctions();              // bag_functions.cc
void RegisterTimespanFunctions();         // timespan_functions.cc
void RegisterSketchFunctions();           // sketch_functions.cc
void RegisterTimeZoneFunctions();         // time_zone_functions.cc

}  // namespace huntbook::functions
