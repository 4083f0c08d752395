// Values for `declare query_parameters(name:type, ...)` sent with a Data Explorer request
// (https://learn.microsoft.com/kusto/api/rest/request-properties, "Parameters").
// Clients send strings and longs as JSON values and other types as KQL literal text
// ("datetime(2024-01-01)", "dynamic([1,2])", "1h"). Each value is parsed as a literal of
// the type the query declares, never spliced into the query text.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "huntbook/common/status.h"
#include "huntbook/types/dynamic.h"
#include "huntbook/types/value.h"

namespace huntbook::server {

// Declared parameter types of the query (name -> type name as written). Empty when the
// query has no declaration or does not parse.
std::map<std::string, std::string> DeclaredQueryParameters(std::string_view query_text);

// Converts one supplied value to the declared type. InvalidArgument naming the parameter
// when the value is not a literal of that type.
Result<Value> ParameterValue(std::string_view name, std::string_view declared_type,
                             const Dynamic& supplied);

// Binds every supplied parameter that the query declares (others are ignored, as Kusto
// does). `supplied` is the request's Parameters object.
Result<std::map<std::string, Value, std::less<>>> BindQueryParameters(std::string_view query_text,
                                                                      const Dynamic& supplied);

}  // namespace huntbook::server
