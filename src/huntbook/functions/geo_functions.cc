// geo_info_from_ip_address(ip): Kusto returns a bag {country, state, city, latitude,
// longitude} "if the information is available".
// https://learn.microsoft.com/kusto/query/geo-info-from-ip-address-function
//
// huntbook answers from Debian's country-level GeoIP database (geoip_database.h): the bag
// holds `country` only; `state`, `city`, `latitude` and `longitude` are always absent,
// since no Debian package ships city-level data. An address the database has no country
// for (private, reserved, unallocated) gives an empty bag {}; text that is not an IPv4 or
// IPv6 address (or is a range "a.b.c.d/n") gives null, as does an empty string. A missing
// database file is a NotFound error naming it, never a silent null.
#include <string>

#include "huntbook/functions/bind_rules.h"
#include "huntbook/functions/conversion.h"
#include "huntbook/functions/geoip_database.h"
#include "huntbook/functions/ip_address.h"
#include "huntbook/functions/scalar_families.h"

namespace huntbook::functions {
namespace {

// nullopt: not a single address. Otherwise the country (itself nullopt when unknown).
std::optional<std::optional<std::string>> Lookup(const GeoIpDatabase& database,
                                                 std::string_view text) {
  if (std::optional<Ipv4Address> v4 = ParseIpv4Address(text)) {
    if (v4->prefix != 32 || text.find('/') != std::string_view::npos) return std::nullopt;
    return database.CountryOf(v4->address);
  }
  if (std::optional<Ipv6Address> v6 = ParseIpv6Address(text)) {
    if (text.find('/') != std::string_view::npos) return std::nullopt;
    return database.CountryOf(*v6);
  }
  return std::nullopt;
}

Result<ColumnPtr> GeoInfoKernel(std::span<const ColumnPtr> args, size_t rows, const EvalContext&) {
  ASSIGN_OR_RETURN(const GeoIpDatabase* database, GeoIpDatabase::Get());
  auto out = std::make_shared<Column>(TypeKind::kDynamic);
  out->Reserve(rows);
  const Column& ips = *args[0];
  for (size_t i = 0; i < rows; ++i) {
    std::string scratch;
    if (IsNullAt(ips, i)) {
      out->AppendNull();
      continue;
    }
    std::optional<std::optional<std::string>> country = Lookup(*database, TextOf(ips, i, &scratch));
    if (!country) {
      out->AppendNull();
      continue;
    }
    Dynamic::Object members;
    if (*country) members.emplace_back("country", Dynamic::String(std::move(**country)));
    out->AppendDynamic(Dynamic::MakeObject(std::move(members)));
  }
  return ColumnPtr(out);
}

}  // namespace

void RegisterGeoFunctions() {
  RegisterScalarFunction(
      {"geo_info_from_ip_address",
       "https://learn.microsoft.com/kusto/query/geo-info-from-ip-address-function", 1, 1,
       FixedResultBind("geo_info_from_ip_address", {ArgRule::kString}, TypeKind::kDynamic),
       GeoInfoKernel});
}

}  // namespace huntbook::functions
