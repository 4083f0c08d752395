// SyntheticDirectory: the fictional CONTOSO domain the generated events talk about: hosts
// (domain controllers, servers, workstations) with internal IPs, users with home
// workstations and SIDs, service accounts, password-spray target names and external
// (documentation-range) attacker IPs. Built deterministically from a seed.
//
// Skew: users and hosts are drawn Zipf-like by rank (index 0 is the busiest), so a few
// accounts and machines dominate the log the way real estates do.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "random_source.h"

namespace huntbook::bench {

enum class HostRole { kDomainController, kServer, kWorkstation };

struct Host {
  std::string name;  // NetBIOS name, e.g. "WS-0042".
  std::string fqdn;  // e.g. "WS-0042.contoso.local" (the Computer column).
  std::string ip;    // Internal IPv4.
  HostRole role;
};

struct User {
  std::string name;  // sAMAccountName, e.g. "jsmith".
  std::string sid;   // S-1-5-21-...-RID
  size_t home_host;  // Index into hosts(); always a workstation.
};

class SyntheticDirectory {
 public:
  static constexpr size_t kDomainControllers = 4;
  static constexpr size_t kServers = 36;  // After the domain controllers.
  static constexpr size_t kHosts = 2000;
  static constexpr size_t kUsers = 4000;
  static constexpr std::string_view kDomain = "CONTOSO";

  explicit SyntheticDirectory(uint64_t seed);

  const std::vector<Host>& hosts() const { return hosts_; }
  const std::vector<User>& users() const { return users_; }
  const std::vector<std::string>& service_accounts() const { return service_accounts_; }
  const std::vector<std::string>& spray_names() const { return spray_names_; }
  const std::vector<std::string>& external_ips() const { return external_ips_; }
  // A few users whose credentials the fictional attacker holds: they log on from external IPs
  // and run the rare suspicious command lines.
  const std::vector<size_t>& compromised_users() const { return compromised_users_; }

  size_t SampleUser(RandomSource& random) const { return user_rank_.Sample(random); }
  // A domain controller or server (domain controllers are the busiest).
  size_t SampleServer(RandomSource& random) const { return server_rank_.Sample(random); }
  // Any host, servers first in rank.
  size_t SampleHost(RandomSource& random) const { return host_rank_.Sample(random); }
  size_t SampleDomainController(RandomSource& random) const {
    return random.Below(kDomainControllers);
  }
  const std::string& SampleExternalIp(RandomSource& random) const {
    return external_ips_[external_rank_.Sample(random)];
  }
  const std::string& SampleSprayName(RandomSource& random) const {
    return spray_names_[spray_rank_.Sample(random)];
  }

  // The logon id ("0x1a2b3c") of `user`'s interactive session on day `day` (days since the
  // Unix epoch): stable, so a 4624 and the 4688/4672 events of that session share it.
  static std::string SessionLogonId(size_t user, int64_t day);

 private:
  std::vector<Host> hosts_;
  std::vector<User> users_;
  std::vector<std::string> service_accounts_;
  std::vector<std::string> spray_names_;
  std::vector<std::string> external_ips_;
  std::vector<size_t> compromised_users_;
  ZipfSampler user_rank_;
  ZipfSampler server_rank_;
  ZipfSampler host_rank_;
  ZipfSampler external_rank_;
  ZipfSampler spray_rank_;
};

}  // namespace huntbook::bench
