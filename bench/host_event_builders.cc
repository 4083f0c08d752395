// Host activity events: 4688, 4672, 4663, 4720, 4732, 4698, 1102.
#include <array>
#include <string>

#include "event_builders.h"

namespace huntbook::bench {
namespace {

constexpr int64_t kMillisPerDay = 86'400'000;
// Share of 4688 events that run one of the rare suspicious command lines.
constexpr double kSuspiciousProcessRate = 4e-4;

// Subject = a user's interactive session on their home workstation.
const User& UseUserSession(EventContext& context, size_t user_index, SecurityEvent* row) {
  const User& user = context.directory.users()[user_index];
  row->computer = context.directory.hosts()[user.home_host].fqdn;
  row->subject_user_name = user.name;
  row->subject_domain_name = SyntheticDirectory::kDomain;
  row->subject_logon_id =
      SyntheticDirectory::SessionLogonId(user_index, row->time_ms / kMillisPerDay);
  row->account_type = "User";
  return user;
}

void SetSubjectAccount(SecurityEvent* row) {
  row->account = row->subject_domain_name;
  row->account.push_back('\\');
  row->account.append(row->subject_user_name);
}

// An administrator of the domain: "adm-" twins of the busiest users.
std::string AdminName(EventContext& context) {
  return "adm-" + context.directory.users()[context.random.Below(12)].name;
}

}  // namespace

void BuildProcessCreation(EventContext& context, SecurityEvent* row) {
  RandomSource& random = context.random;
  const SyntheticDirectory& directory = context.directory;
  ProcessContext process_context = ProcessContext::kUser;
  std::string_view subject_sid = "S-1-5-18";
  std::string_view label = "S-1-16-8192";  // Medium integrity.
  std::string_view host_name;
  if (random.Chance(kSuspiciousProcessRate)) {
    process_context = ProcessContext::kSuspicious;
    const auto& compromised = directory.compromised_users();
    const User& user = UseUserSession(context, compromised[random.Below(compromised.size())], row);
    subject_sid = user.sid;
    host_name = directory.hosts()[user.home_host].name;
    label = "S-1-16-12288";  // High integrity.
  } else if (const double roll = random.Unit(); roll < 0.55) {
    const User& user = UseUserSession(context, directory.SampleUser(random), row);
    subject_sid = user.sid;
    host_name = directory.hosts()[user.home_host].name;
  } else if (roll < 0.85) {
    process_context = ProcessContext::kSystem;
    const Host& host = directory.hosts()[directory.SampleHost(random)];
    row->computer = host.fqdn;
    row->subject_user_name = host.name + "$";
    row->subject_domain_name = SyntheticDirectory::kDomain;
    row->subject_logon_id = "0x3e7";
    row->account_type = "Machine";
    host_name = host.name;
    label = "S-1-16-16384";  // System integrity.
  } else {
    process_context = ProcessContext::kService;
    const size_t service = random.Below(directory.service_accounts().size());
    const Host& host = directory.hosts()[directory.SampleServer(random)];
    row->computer = host.fqdn;
    row->subject_user_name = directory.service_accounts()[service];
    row->subject_domain_name = SyntheticDirectory::kDomain;
    row->subject_logon_id =
        SyntheticDirectory::SessionLogonId(100'000 + service, row->time_ms / kMillisPerDay);
    row->account_type = "User";
    subject_sid = "S-1-5-21-3623811015-3361044348-30300820-1000";
    host_name = host.name;
  }
  SetSubjectAccount(row);
  const ProcessVariables variables = {row->subject_user_name, host_name,
                                      directory.SampleExternalIp(random)};
  context.catalog.Sample(process_context, variables, random, &context.launch);
  row->new_process_name = context.launch.image;
  row->parent_process_name = context.launch.parent_image;
  row->command_line = context.launch.command_line;
  row->process = ProcessCatalog::BaseName(row->new_process_name);

  JsonObjectWriter data(&row->event_data);
  data.String("SubjectUserSid", subject_sid);
  data.String("SubjectLogonId", row->subject_logon_id);
  data.String("NewProcessId", HexId(4 * (1 + random.Below(0x4000))));
  data.String("TokenElevationType", random.Chance(0.8) ? "%%1936" : "%%1938");
  data.String("ProcessId", HexId(4 * (1 + random.Below(0x4000))));
  data.String("MandatoryLabel", label);
  data.Close();
}

void BuildSpecialPrivileges(EventContext& context, SecurityEvent* row) {
  RandomSource& random = context.random;
  const SyntheticDirectory& directory = context.directory;
  std::string_view sid = "S-1-5-18";
  if (random.Chance(0.6)) {
    row->computer = directory.hosts()[directory.SampleHost(random)].fqdn;
    row->subject_user_name = "SYSTEM";
    row->subject_domain_name = "NT AUTHORITY";
    row->subject_logon_id = "0x3e7";
    row->account_type = "Machine";
  } else {
    const User& user = UseUserSession(context, directory.SampleUser(random), row);
    sid = user.sid;
    if (random.Chance(0.5)) row->computer = directory.hosts()[directory.SampleServer(random)].fqdn;
  }
  SetSubjectAccount(row);
  JsonObjectWriter data(&row->event_data);
  data.String("SubjectUserSid", sid);
  data.String("SubjectUserName", row->subject_user_name);
  data.String("SubjectDomainName", row->subject_domain_name);
  data.String("SubjectLogonId", row->subject_logon_id);
  data.String("PrivilegeList",
              "SeSecurityPrivilege\r\n\t\t\tSeBackupPrivilege\r\n\t\t\tSeRestorePrivilege\r\n\t\t\t"
              "SeDebugPrivilege\r\n\t\t\tSeImpersonatePrivilege");
  data.Close();
}

void BuildObjectAccess(EventContext& context, SecurityEvent* row) {
  RandomSource& random = context.random;
  const SyntheticDirectory& directory = context.directory;
  const User& user = UseUserSession(context, directory.SampleUser(random), row);
  row->computer = directory.hosts()[4 + random.Below(2)].fqdn;  // SRV-FILE01 / SRV-FILE02.
  row->process = "System";
  SetSubjectAccount(row);
  static constexpr std::array<std::string_view, 4> kShares = {"Finance", "HR", "Engineering",
                                                              "Public"};
  std::string object = R"(\Device\HarddiskVolume2\Shares\)";
  object.append(kShares[random.Below(kShares.size())]);
  object.append("\\");
  object.append(user.name);
  object.append("_");
  object.append(std::to_string(random.Below(500)));
  object.append(".xlsx");
  JsonObjectWriter data(&row->event_data);
  data.String("SubjectUserSid", user.sid);
  data.String("SubjectUserName", row->subject_user_name);
  data.String("SubjectLogonId", row->subject_logon_id);
  data.String("ObjectServer", "Security");
  data.String("ObjectType", "File");
  data.String("ObjectName", object);
  data.String("AccessMask", random.Chance(0.8) ? "0x1" : "0x2");
  data.String("ProcessName", "System");
  data.Close();
}

void BuildAccountChange(EventContext& context, int event_id, SecurityEvent* row) {
  RandomSource& random = context.random;
  const SyntheticDirectory& directory = context.directory;
  row->computer = directory.hosts()[directory.SampleDomainController(random)].fqdn;
  row->subject_user_name = AdminName(context);
  row->subject_domain_name = SyntheticDirectory::kDomain;
  row->subject_logon_id = HexId(0x200000 + random.Below(0xDFFFFF));
  row->account_type = "User";
  SetSubjectAccount(row);
  JsonObjectWriter data(&row->event_data);
  data.String("SubjectUserName", row->subject_user_name);
  data.String("SubjectLogonId", row->subject_logon_id);
  if (event_id == 4720) {
    row->target_user_name = "temp_" + std::to_string(random.Below(1000));
    row->target_domain_name = SyntheticDirectory::kDomain;
    data.String("TargetUserName", row->target_user_name);
    data.String("SamAccountName", row->target_user_name);
    data.String("UserAccountControl", "%%2080 %%2082 %%2084");
  } else {
    const User& member = directory.users()[directory.SampleUser(random)];
    row->target_user_name = "Administrators";
    row->target_domain_name = "Builtin";
    data.String("MemberName", "CN=" + member.name + ",OU=Users,DC=contoso,DC=local");
    data.String("MemberSid", member.sid);
    data.String("TargetUserName", row->target_user_name);
    data.String("TargetSid", "S-1-5-32-544");
  }
  data.Close();
}

void BuildScheduledTask(EventContext& context, SecurityEvent* row) {
  RandomSource& random = context.random;
  const User& user = UseUserSession(context, context.directory.SampleUser(random), row);
  SetSubjectAccount(row);
  JsonObjectWriter data(&row->event_data);
  data.String("SubjectUserSid", user.sid);
  data.String("SubjectUserName", row->subject_user_name);
  data.String("SubjectLogonId", row->subject_logon_id);
  data.String("TaskName", R"(\Microsoft\Windows\Update\Task)" + std::to_string(random.Below(100)));
  data.Close();
}

void BuildLogCleared(EventContext& context, SecurityEvent* row) {
  RandomSource& random = context.random;
  const auto& compromised = context.directory.compromised_users();
  const User& user = UseUserSession(context, compromised[random.Below(compromised.size())], row);
  row->event_source_name = "Microsoft-Windows-Eventlog";
  SetSubjectAccount(row);
  JsonObjectWriter data(&row->event_data);
  data.String("SubjectUserSid", user.sid);
  data.String("SubjectUserName", row->subject_user_name);
  data.String("SubjectDomainName", row->subject_domain_name);
  data.String("SubjectLogonId", row->subject_logon_id);
  data.Close();
}

}  // namespace huntbook::bench
