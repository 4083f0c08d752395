#include "synthetic_directory.h"

#include <array>
#include <cctype>
#include <cstdio>
#include <unordered_map>

namespace huntbook::bench {
namespace {

constexpr std::array<std::string_view, 48> kFirstNames = {
    "James",  "Mary",    "Robert", "Patricia",  "John",    "Jennifer", "Michael", "Linda",
    "David",  "Barbara", "Wei",    "Elizabeth", "Richard", "Susan",    "Joseph",  "Jessica",
    "Thomas", "Sarah",   "Carlos", "Karen",     "Ahmed",   "Lisa",     "Daniel",  "Nancy",
    "Paul",   "Betty",   "Mark",   "Sandra",    "Kenji",   "Ashley",   "Steven",  "Emily",
    "Andrew", "Olga",    "Kevin",  "Priya",     "Brian",   "Fatima",   "George",  "Laura",
    "Ivan",   "Ana",     "Omar",   "Chloe",     "Lukas",   "Ingrid",   "Raj",     "Mei"};
constexpr std::array<std::string_view, 64> kLastNames = {
    "Smith",     "Johnson",  "Williams",  "Brown",   "Jones",    "Garcia",   "Miller",   "Davis",
    "Rodriguez", "Martinez", "Hernandez", "Lopez",   "Gonzalez", "Wilson",   "Anderson", "Thomas",
    "Taylor",    "Moore",    "Jackson",   "Martin",  "Lee",      "Perez",    "Thompson", "White",
    "Harris",    "Sanchez",  "Clark",     "Ramirez", "Lewis",    "Robinson", "Walker",   "Young",
    "Allen",     "King",     "Wright",    "Scott",   "Torres",   "Nguyen",   "Hill",     "Flores",
    "Green",     "Adams",    "Nelson",    "Baker",   "Hall",     "Rivera",   "Campbell", "Mitchell",
    "Carter",    "Roberts",  "Kowalski",  "Novak",   "Tanaka",   "Schmidt",  "Muller",   "Rossi",
    "Dubois",    "Silva",    "Ivanova",   "Chen",    "Wang",     "Kim",      "Singh",    "Okafor"};
constexpr std::array<std::string_view, 20> kServerNames = {
    "SRV-FILE01", "SRV-FILE02", "SQL01",      "SQL02",        "EXCH01",
    "EXCH02",     "SRV-RDS01",  "SRV-RDS02",  "SRV-APP01",    "SRV-APP02",
    "SRV-APP03",  "SRV-WEB01",  "SRV-WEB02",  "SRV-PRINT01",  "SRV-SCCM01",
    "SRV-WSUS01", "SRV-CA01",   "SRV-ADFS01", "SRV-BACKUP01", "SRV-JUMP01"};

std::string Lowercase(std::string_view text) {
  std::string result(text);
  for (char& c : result) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return result;
}

std::string Format(const char* format, unsigned a, unsigned b = 0, unsigned c = 0) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), format, a, b, c);
  return buffer;
}

}  // namespace

SyntheticDirectory::SyntheticDirectory(uint64_t seed)
    : user_rank_(kUsers, 1.05),
      server_rank_(kDomainControllers + kServers, 1.0),
      host_rank_(kHosts, 0.9),
      external_rank_(40, 1.2),
      spray_rank_(24, 0.8) {
  RandomSource random(seed ^ 0x6469726563746f72ULL);
  hosts_.reserve(kHosts);
  for (size_t i = 0; i < kHosts; ++i) {
    Host host;
    if (i < kDomainControllers) {
      host.name = Format("DC%02u", static_cast<unsigned>(i + 1));
      host.role = HostRole::kDomainController;
    } else if (i < kDomainControllers + kServers) {
      const size_t server = i - kDomainControllers;
      host.name = server < kServerNames.size()
                      ? std::string(kServerNames[server])
                      : Format("SRV-APP%02u", static_cast<unsigned>(server - 16));
      host.role = HostRole::kServer;
    } else {
      host.name = Format("WS-%04u", static_cast<unsigned>(1000 + random.Below(9000)));
      host.role = HostRole::kWorkstation;
    }
    // Workstation numbers are random; keep names unique by suffixing the index on a clash.
    host.fqdn = host.name + ".contoso.local";
    host.ip = Format("10.%u.%u.%u", static_cast<unsigned>(i < 40 ? 0 : 20 + i / 200),
                     static_cast<unsigned>(i % 200 + 10), static_cast<unsigned>(i % 7 + 4));
    hosts_.push_back(std::move(host));
  }
  std::unordered_map<std::string, int> seen_hosts;
  for (Host& host : hosts_) {
    if (seen_hosts[host.name]++ > 0) {
      host.name += Format("-%u", static_cast<unsigned>(seen_hosts[host.name]));
      host.fqdn = host.name + ".contoso.local";
    }
  }

  std::unordered_map<std::string, int> seen_users;
  users_.reserve(kUsers);
  for (size_t i = 0; i < kUsers; ++i) {
    const std::string_view first = kFirstNames[random.Below(kFirstNames.size())];
    const std::string_view last = kLastNames[random.Below(kLastNames.size())];
    std::string name = Lowercase(first.substr(0, 1)) + Lowercase(last);
    const int clashes = seen_users[name]++;
    if (clashes > 0) name += std::to_string(clashes + 1);
    User user;
    user.name = std::move(name);
    user.sid = "S-1-5-21-3623811015-3361044348-30300820-" + std::to_string(1104 + i);
    user.home_host =
        kDomainControllers + kServers + random.Below(kHosts - kDomainControllers - kServers);
    users_.push_back(std::move(user));
  }

  service_accounts_ = {"svc_sql", "svc_backup", "svc_web", "svc_sccm", "svc_scan", "svc_adsync"};
  spray_names_ = {"administrator",
                  "Administrator",
                  "admin",
                  "ADMINISTRATOR",
                  "guest",
                  "test",
                  "user",
                  "root",
                  "backup",
                  "scanner",
                  "sql",
                  "ftp",
                  "oracle",
                  "support",
                  "helpdesk",
                  "test1",
                  "user1",
                  "Admin",
                  "operator",
                  "svc_test",
                  "demo",
                  "it",
                  "sa",
                  "webadmin"};
  for (unsigned i = 0; i < 40; ++i) {
    const char* prefix = i % 3 == 0 ? "203.0.113" : i % 3 == 1 ? "198.51.100" : "192.0.2";
    external_ips_.push_back(std::string(prefix) + "." + std::to_string((i * 37) % 250 + 3));
  }
  compromised_users_ = {17, 333, 1024};
}

std::string SyntheticDirectory::SessionLogonId(size_t user, int64_t day) {
  const uint64_t id =
      (Mix64(static_cast<uint64_t>(user) * 1'000'003ULL + static_cast<uint64_t>(day)) & 0xFFFFFF) |
      0x100000;
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "0x%llx", static_cast<unsigned long long>(id));
  return buffer;
}

}  // namespace huntbook::bench
