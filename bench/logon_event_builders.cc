// Logon and authentication events: 4624, 4634, 4625, 4648, 4768, 4769, 4776, 4740.
#include <array>
#include <string>

#include "event_builders.h"

namespace huntbook::bench {
namespace {

constexpr int64_t kMillisPerDay = 86'400'000;

struct WellKnownAccount {
  std::string_view name;
  std::string_view sid;
  std::string_view logon_id;
};
constexpr std::array<WellKnownAccount, 3> kServiceIdentities = {{
    {"SYSTEM", "S-1-5-18", "0x3e7"},
    {"LOCAL SERVICE", "S-1-5-19", "0x3e5"},
    {"NETWORK SERVICE", "S-1-5-20", "0x3e4"},
}};

// Logon types: 2 interactive, 3 network, 4 batch, 5 service, 7 unlock, 9 new credentials,
// 10 remote interactive (RDP), 11 cached interactive.
constexpr std::array<int, 8> kLogonTypes = {3, 5, 2, 7, 10, 11, 4, 9};
const WeightedChoice& LogonTypeChoice() {
  static const WeightedChoice choice({50, 14, 6, 6, 4, 3, 4, 0.5});
  return choice;
}

std::string MachineSid(size_t host) {
  return "S-1-5-21-3623811015-3361044348-30300820-" + std::to_string(20000 + host);
}

void SetAccount(std::string_view domain, std::string_view name, SecurityEvent* row) {
  row->account.assign(domain);
  row->account.push_back('\\');
  row->account.append(name);
}

// Port a client connects from.
int64_t EphemeralPort(RandomSource& random) {
  return 49152 + static_cast<int64_t>(random.Below(16383));
}

}  // namespace

void BuildLogon(EventContext& context, bool logoff, SecurityEvent* row) {
  RandomSource& random = context.random;
  const SyntheticDirectory& directory = context.directory;
  const int64_t day = row->time_ms / kMillisPerDay;
  const int logon_type = kLogonTypes[LogonTypeChoice().Sample(random)];
  std::string target_sid;
  std::string_view logon_process = "User32";
  std::string_view package = "Negotiate";
  std::string_view process_path = R"(C:\Windows\System32\svchost.exe)";
  row->logon_type = logon_type;
  row->account_type = "User";
  row->target_domain_name = SyntheticDirectory::kDomain;
  row->workstation_name = "-";
  if (logon_type == 5) {
    const auto& identity = kServiceIdentities[random.Chance(0.7) ? 0 : 1 + random.Below(2)];
    row->computer = directory.hosts()[directory.SampleHost(random)].fqdn;
    row->target_user_name = identity.name;
    row->target_domain_name = "NT AUTHORITY";
    row->target_logon_id = identity.logon_id;
    row->ip_address = "-";
    row->account_type = "Machine";
    target_sid = identity.sid;
    logon_process = "Advapi";
    process_path = R"(C:\Windows\System32\services.exe)";
  } else if (logon_type == 4) {
    const auto& accounts = directory.service_accounts();
    const size_t service = random.Below(accounts.size());
    row->computer = directory.hosts()[directory.SampleServer(random)].fqdn;
    row->target_user_name = accounts[service];
    row->target_logon_id = HexId(0x200000 + random.Below(0xDFFFFF));
    row->ip_address = "-";
    target_sid = "S-1-5-21-3623811015-3361044348-30300820-" + std::to_string(1000 + service);
    logon_process = "Advapi";
  } else if (logon_type == 3) {
    logon_process = "Kerberos";
    package = "Kerberos";
    if (random.Chance(0.25)) {
      logon_process = "NtLmSsp";
      package = "NTLM";
    }
    process_path = "-";
    row->target_logon_id = HexId(0x200000 + random.Below(0xDFFFFF));
    if (random.Chance(0.001)) {  // The attacker reusing stolen credentials from outside.
      const auto& compromised = directory.compromised_users();
      const User& user = directory.users()[compromised[random.Below(compromised.size())]];
      row->computer = directory.hosts()[directory.SampleServer(random)].fqdn;
      row->target_user_name = user.name;
      row->ip_address = directory.SampleExternalIp(random);
      row->workstation_name = "kali";
      target_sid = user.sid;
    } else if (random.Chance(0.15)) {
      const size_t host = directory.SampleHost(random);
      row->computer = directory.hosts()[directory.SampleDomainController(random)].fqdn;
      row->target_user_name = directory.hosts()[host].name + "$";
      row->ip_address = directory.hosts()[host].ip;
      row->account_type = "Machine";
      target_sid = MachineSid(host);
    } else {
      const User& user = directory.users()[directory.SampleUser(random)];
      const Host& home = directory.hosts()[user.home_host];
      row->computer = directory.hosts()[directory.SampleServer(random)].fqdn;
      row->target_user_name = user.name;
      row->ip_address = home.ip;
      row->workstation_name = home.name;
      target_sid = user.sid;
    }
  } else {  // 2, 7, 9, 10, 11: a person at a keyboard (or RDP client).
    const size_t user_index = directory.SampleUser(random);
    const User& user = directory.users()[user_index];
    const Host& home = directory.hosts()[user.home_host];
    row->target_user_name = user.name;
    row->target_logon_id = SyntheticDirectory::SessionLogonId(user_index, day);
    row->workstation_name = home.name;
    target_sid = user.sid;
    if (logon_type == 10) {
      row->computer = directory.hosts()[directory.SampleServer(random)].fqdn;
      row->ip_address = home.ip;
    } else {
      row->computer = home.fqdn;
      row->ip_address = logon_type == 9 ? "::1" : "127.0.0.1";
      process_path = R"(C:\Windows\System32\winlogon.exe)";
    }
  }
  SetAccount(row->target_domain_name, row->target_user_name, row);

  JsonObjectWriter data(&row->event_data);
  if (logoff) {
    row->ip_address.clear();
    row->workstation_name.clear();
    data.String("TargetUserSid", target_sid);
    data.String("TargetUserName", row->target_user_name);
    data.String("TargetDomainName", row->target_domain_name);
    data.String("TargetLogonId", row->target_logon_id);
    data.Int("LogonType", logon_type);
    data.Close();
    return;
  }
  const bool network = logon_type == 3;
  const std::string_view computer_name =
      std::string_view(row->computer).substr(0, row->computer.find('.'));
  row->subject_user_name = network ? "-" : std::string(computer_name) + "$";
  row->subject_domain_name = network ? "-" : std::string(SyntheticDirectory::kDomain);
  row->subject_logon_id = network ? "0x0" : "0x3e7";
  row->process = process_path == "-" ? "-" : ProcessCatalog::BaseName(process_path);
  data.String("SubjectUserSid", network ? "S-1-0-0" : "S-1-5-18");
  data.String("SubjectLogonId", row->subject_logon_id);
  data.String("TargetUserSid", target_sid);
  data.String("TargetLogonId", row->target_logon_id);
  data.Int("LogonType", logon_type);
  data.String("LogonProcessName", logon_process);
  data.String("AuthenticationPackageName", package);
  data.Int("IpPort", row->ip_address.size() > 3 && row->ip_address != "127.0.0.1"
                         ? EphemeralPort(random)
                         : 0);
  data.String("ProcessName", process_path);
  data.String("ElevatedToken", random.Chance(0.2) ? "%%1842" : "%%1843");
  data.Close();
}

void BuildLogonFailure(EventContext& context, SecurityEvent* row) {
  RandomSource& random = context.random;
  const SyntheticDirectory& directory = context.directory;
  // Exposed services the spray hits: DC01, EXCH01, SRV-RDS01, SRV-RDS02.
  static constexpr std::array<size_t, 4> kExposed = {0, 8, 10, 11};
  std::string_view sub_status = "0xc000006a";  // Bad password.
  std::string target_sid = "S-1-0-0";
  row->status = "0xc000006d";
  row->account_type = "User";
  row->target_domain_name = SyntheticDirectory::kDomain;
  if (random.Chance(0.55)) {  // Password spray / brute force from outside.
    row->ip_address = directory.SampleExternalIp(random);
    row->computer = directory.hosts()[kExposed[random.Below(kExposed.size())]].fqdn;
    row->logon_type = random.Chance(0.7) ? 3 : 10;
    static constexpr std::array<std::string_view, 4> kAttackerNames = {"kali", "WIN-8D1J5Q3C2A",
                                                                       "DESKTOP-4F7QW2E", "-"};
    row->workstation_name = kAttackerNames[random.Below(kAttackerNames.size())];
    if (random.Chance(0.6)) {
      row->target_user_name = directory.SampleSprayName(random);
      sub_status = "0xc0000064";  // No such user.
    } else {
      row->target_user_name = directory.users()[directory.SampleUser(random)].name;
    }
  } else {  // A person mistyping their password.
    const User& user = directory.users()[directory.SampleUser(random)];
    const Host& home = directory.hosts()[user.home_host];
    row->target_user_name = user.name;
    row->workstation_name = home.name;
    target_sid = user.sid;
    if (random.Chance(0.5)) {
      row->computer = directory.hosts()[directory.SampleServer(random)].fqdn;
      row->ip_address = home.ip;
      row->logon_type = 3;
    } else {
      row->computer = home.fqdn;
      row->ip_address = "127.0.0.1";
      row->logon_type = 2;
    }
    const double roll = random.Unit();
    if (roll < 0.02) {
      row->status = "0xc0000234";  // Account locked out.
      sub_status = "0x0";
    } else if (roll < 0.03) {
      row->status = "0xc0000072";  // Account disabled.
      sub_status = "0x0";
    }
  }
  SetAccount(row->target_domain_name, row->target_user_name, row);
  row->subject_user_name = "-";
  row->subject_domain_name = "-";
  row->subject_logon_id = "0x0";
  row->process = "-";
  JsonObjectWriter data(&row->event_data);
  data.String("SubjectUserSid", "S-1-0-0");
  data.String("SubjectLogonId", "0x0");
  data.String("TargetUserSid", target_sid);
  data.String("TargetUserName", row->target_user_name);
  data.String("TargetDomainName", row->target_domain_name);
  data.String("Status", row->status);
  data.String("FailureReason", "%%2313");
  data.String("SubStatus", sub_status);
  data.Int("LogonType", row->logon_type);
  data.String("LogonProcessName", "NtLmSsp");
  data.String("AuthenticationPackageName", "NTLM");
  data.String("WorkstationName", row->workstation_name);
  data.String("IpAddress", row->ip_address);
  data.Int("IpPort", row->logon_type == 2 ? 0 : EphemeralPort(random));
  data.Close();
}

void BuildExplicitCredentials(EventContext& context, SecurityEvent* row) {
  RandomSource& random = context.random;
  const SyntheticDirectory& directory = context.directory;
  const size_t user_index = directory.SampleUser(random);
  const User& user = directory.users()[user_index];
  const Host& home = directory.hosts()[user.home_host];
  const Host& server = directory.hosts()[directory.SampleServer(random)];
  row->computer = home.fqdn;
  row->subject_user_name = user.name;
  row->subject_domain_name = SyntheticDirectory::kDomain;
  row->subject_logon_id =
      SyntheticDirectory::SessionLogonId(user_index, row->time_ms / kMillisPerDay);
  row->target_user_name =
      random.Chance(0.5) ? directory.service_accounts()[random.Below(6)] : "adm-" + user.name;
  row->target_domain_name = SyntheticDirectory::kDomain;
  row->account_type = "User";
  row->ip_address = "-";
  row->process = "runas.exe";
  SetAccount(row->subject_domain_name, row->subject_user_name, row);
  JsonObjectWriter data(&row->event_data);
  data.String("SubjectUserSid", user.sid);
  data.String("SubjectUserName", row->subject_user_name);
  data.String("SubjectLogonId", row->subject_logon_id);
  data.String("TargetUserName", row->target_user_name);
  data.String("TargetServerName", server.fqdn);
  data.String("ProcessName", R"(C:\Windows\System32\runas.exe)");
  data.Close();
}

void BuildKerberos(EventContext& context, int event_id, SecurityEvent* row) {
  RandomSource& random = context.random;
  const SyntheticDirectory& directory = context.directory;
  const User& user = directory.users()[directory.SampleUser(random)];
  const Host& home = directory.hosts()[user.home_host];
  row->computer = directory.hosts()[directory.SampleDomainController(random)].fqdn;
  row->account_type = "User";
  row->target_user_name = user.name;
  row->target_domain_name = "CONTOSO.LOCAL";
  row->ip_address = "::ffff:" + home.ip;
  SetAccount(SyntheticDirectory::kDomain, user.name, row);
  std::string_view service = "krbtgt";
  std::string_view encryption = "0x12";
  row->status = "0x0";
  if (event_id == 4768) {
    if (random.Chance(0.03)) row->status = "0x18";  // Pre-authentication failed.
  } else {
    service = directory.hosts()[directory.SampleServer(random)].name;
    if (random.Chance(0.01)) encryption = "0x17";  // RC4: what Kerberoasting asks for.
  }
  JsonObjectWriter data(&row->event_data);
  data.String("TargetUserName", row->target_user_name);
  data.String("TargetDomainName", row->target_domain_name);
  data.String("ServiceName", event_id == 4769 ? std::string(service) + "$" : std::string(service));
  data.String("TicketOptions", "0x40810010");
  data.String("Status", row->status);
  data.String("TicketEncryptionType", encryption);
  if (event_id == 4768) data.Int("PreAuthType", 2);
  data.String("IpAddress", row->ip_address);
  data.Int("IpPort", EphemeralPort(random));
  data.Close();
}

void BuildCredentialValidation(EventContext& context, SecurityEvent* row) {
  RandomSource& random = context.random;
  const SyntheticDirectory& directory = context.directory;
  const User& user = directory.users()[directory.SampleUser(random)];
  row->computer = directory.hosts()[directory.SampleDomainController(random)].fqdn;
  row->account_type = "User";
  row->target_user_name = user.name;
  row->workstation_name = directory.hosts()[user.home_host].name;
  row->status = random.Chance(0.03) ? "0xc000006a" : "0x0";
  SetAccount(SyntheticDirectory::kDomain, user.name, row);
  JsonObjectWriter data(&row->event_data);
  data.String("PackageName", "MICROSOFT_AUTHENTICATION_PACKAGE_V1_0");
  data.String("TargetUserName", row->target_user_name);
  data.String("Workstation", row->workstation_name);
  data.String("Status", row->status);
  data.Close();
}

void BuildLockout(EventContext& context, SecurityEvent* row) {
  RandomSource& random = context.random;
  const SyntheticDirectory& directory = context.directory;
  const User& user = directory.users()[directory.SampleUser(random)];
  row->computer = directory.hosts()[0].fqdn;  // The PDC emulator records lockouts.
  row->account_type = "User";
  row->target_user_name = user.name;
  row->target_domain_name = SyntheticDirectory::kDomain;
  row->subject_user_name = directory.hosts()[0].name + "$";
  row->subject_domain_name = SyntheticDirectory::kDomain;
  row->subject_logon_id = "0x3e7";
  SetAccount(SyntheticDirectory::kDomain, user.name, row);
  JsonObjectWriter data(&row->event_data);
  data.String("TargetUserName", row->target_user_name);
  data.String("TargetSid", user.sid);
  data.String("CallerComputerName",
              random.Chance(0.5) ? "kali" : directory.hosts()[user.home_host].name);
  data.Close();
}

}  // namespace huntbook::bench
