// geo_info_from_ip_address(ip): Kusto returns a bag {country, state, city, latitude,
// longitude} from a GeoIP city database.
// https://learn.microsoft.com/kusto/query/geo-info-from-ip-address-function
//
// huntbook has no such database: Debian (bookworm) ships only geoip-database, a 2019
// country-level legacy GeoIP.dat, with no state, city or coordinates. Answering from it
// would silently give wrong (empty) parts, so the function binds (its result type is
// dynamic) and fails at run time with NotSupported naming the missing database.
#include <string>

#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/scalar_families.h"

namespace huntbook::functions {

void RegisterGeoFunctions() {
  RegisterScalarFunction(
      {"geo_info_from_ip_address",
       "https://learn.microsoft.com/kusto/query/geo-info-from-ip-address-function", 1, 1,
       FixedResultBind("geo_info_from_ip_address", {ArgRule::kString}, TypeKind::kDynamic),
       [](std::span<const ColumnPtr>, size_t, const EvalContext&) -> Result<ColumnPtr> {
         return NotSupported(
             "geo_info_from_ip_address (no GeoIP city database is installed: "
             "it needs country, state, city and coordinates, and Debian ships only a "
             "country-level database)");
       }});
}

}  // namespace huntbook::functions
