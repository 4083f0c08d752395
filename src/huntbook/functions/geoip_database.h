// GeoIpDatabase: IP -> country from the legacy MaxMind GeoIP country databases that
// Debian's geoip-database package ships (/usr/share/GeoIP/GeoIP.dat for IPv4,
// GeoIPv6.dat for IPv6), read with libGeoIP (libgeoip-dev). Behind
// geo_info_from_ip_address().
//
// Debian ships no city-level database (GeoLite2-City is not redistributable there), so
// only the country is known: no subdivision, city or coordinates. The package's data is
// frozen at its 2019 snapshot, so blocks reassigned since then answer with their 2019
// country.
//
// Country names are the database's English names, except that the ISO 3166 formal names
// the legacy database uses ("Korea, Republic of", "Russian Federation") are given in the
// short form MaxMind's GeoLite2 data (Kusto's source) uses ("South Korea", "Russia").
// The pseudo-countries of the legacy data (A1 anonymous proxy, A2 satellite provider,
// O1 other, AP and EU continents) count as no country.
//
// Thread-safe: both files are loaded into memory once, then only read.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "huntbook/common/status.h"
#include "huntbook/functions/ip_address.h"

namespace huntbook::functions {

class GeoIpDatabase {
 public:
  // The process-wide database, opened on first use. NotFound naming the missing file (and
  // the Debian package) when either database cannot be opened; the answer is kept.
  static Result<const GeoIpDatabase*> Get();

  // The country name for an address, nullopt when the database has none (private,
  // reserved, unallocated). An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is looked up as
  // IPv4. REQUIRES: a single address (prefix 32 / 128).
  std::optional<std::string> CountryOf(uint32_t ipv4) const;
  std::optional<std::string> CountryOf(const Ipv6Address& ipv6) const;

 private:
  struct Files;
  explicit GeoIpDatabase(Files* files) : files_(files) {}
  Files* files_;  // never freed: lives for the process
};

}  // namespace huntbook::functions
