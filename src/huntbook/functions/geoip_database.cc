#include "huntbook/functions/geoip_database.h"

#include <GeoIP.h>
#include <netinet/in.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>

namespace huntbook::functions {
namespace {

constexpr const char* kIpv4File = "/usr/share/GeoIP/GeoIP.dat";
constexpr const char* kIpv6File = "/usr/share/GeoIP/GeoIPv6.dat";

// ISO code -> the short English name GeoLite2 uses, where the legacy data has the formal
// ISO 3166 name.
constexpr std::pair<std::string_view, std::string_view> kShortNames[] = {
    {"CD", "DR Congo"},
    {"CZ", "Czechia"},
    {"FM", "Federated States of Micronesia"},
    {"IR", "Iran"},
    {"KP", "North Korea"},
    {"KR", "South Korea"},
    {"LA", "Laos"},
    {"MD", "Moldova"},
    {"RU", "Russia"},
    {"SY", "Syria"},
    {"TZ", "Tanzania"},
    {"VG", "British Virgin Islands"},
    {"VI", "U.S. Virgin Islands"},
};

constexpr std::string_view kPseudoCountries[] = {"A1", "A2", "AP", "EU", "O1", "--"};

std::optional<std::string> CountryName(const char* code, const char* name) {
  if (code == nullptr || name == nullptr) return std::nullopt;
  const std::string_view iso(code);
  if (std::find(std::begin(kPseudoCountries), std::end(kPseudoCountries), iso) !=
      std::end(kPseudoCountries)) {
    return std::nullopt;
  }
  for (const auto& [short_code, short_name] : kShortNames) {
    if (short_code == iso) return std::string(short_name);
  }
  return std::string(name);
}

}  // namespace

struct GeoIpDatabase::Files {
  GeoIP* ipv4 = nullptr;
  GeoIP* ipv6 = nullptr;
};

Result<const GeoIpDatabase*> GeoIpDatabase::Get() {
  static const Result<const GeoIpDatabase*>* opened = [] {
    auto* files = new Files();
    // libGeoIP prints to stderr when a file is missing; check first for a clean error.
    for (const char* path : {kIpv4File, kIpv6File}) {
      if (access(path, R_OK) != 0) {
        delete files;
        return new Result<const GeoIpDatabase*>(
            NotFound(std::string("GeoIP database ") + path +
                     " is missing (install Debian's geoip-database)"));
      }
    }
    files->ipv4 = GeoIP_open(kIpv4File, GEOIP_MEMORY_CACHE);
    files->ipv6 = GeoIP_open(kIpv6File, GEOIP_MEMORY_CACHE);
    if (files->ipv4 == nullptr || files->ipv6 == nullptr) {
      if (files->ipv4 != nullptr) GeoIP_delete(files->ipv4);
      if (files->ipv6 != nullptr) GeoIP_delete(files->ipv6);
      delete files;
      return new Result<const GeoIpDatabase*>(
          NotFound("GeoIP databases in /usr/share/GeoIP could not be read"));
    }
    return new Result<const GeoIpDatabase*>(new GeoIpDatabase(files));
  }();
  return *opened;
}

std::optional<std::string> GeoIpDatabase::CountryOf(uint32_t ipv4) const {
  GeoIPLookup lookup{};
  return CountryName(GeoIP_country_code_by_ipnum_gl(files_->ipv4, ipv4, &lookup),
                     GeoIP_country_name_by_ipnum_gl(files_->ipv4, ipv4, &lookup));
}

std::optional<std::string> GeoIpDatabase::CountryOf(const Ipv6Address& ipv6) const {
  static constexpr uint8_t kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(ipv6.bytes.data(), kMappedPrefix, sizeof(kMappedPrefix)) == 0) {
    const uint32_t ipv4 = (uint32_t{ipv6.bytes[12]} << 24) | (uint32_t{ipv6.bytes[13]} << 16) |
                          (uint32_t{ipv6.bytes[14]} << 8) | uint32_t{ipv6.bytes[15]};
    return CountryOf(ipv4);
  }
  geoipv6_t address;
  std::memcpy(&address, ipv6.bytes.data(), sizeof(address));
  GeoIPLookup lookup{};
  return CountryName(GeoIP_country_code_by_ipnum_v6_gl(files_->ipv6, address, &lookup),
                     GeoIP_country_name_by_ipnum_v6_gl(files_->ipv6, address, &lookup));
}

}  // namespace huntbook::functions
