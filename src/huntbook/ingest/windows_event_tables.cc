#include "huntbook/ingest/windows_event_tables.h"

#include <charconv>
#include <set>
#include <unordered_map>

#include "huntbook/ingest/reader.h"
#include "huntbook/types/dynamic.h"

namespace huntbook::ingest {
namespace {

// Titles of the audit events hunters query most, as Windows documents them (learn.microsoft.com
// /windows/security/threat-protection/auditing/event-NNNN).
const std::unordered_map<int64_t, std::string_view>& AuditEventTitles() {
  static const auto* titles = new std::unordered_map<int64_t, std::string_view>{
      {1102, "The audit log was cleared."},
      {4624, "An account was successfully logged on."},
      {4625, "An account failed to log on."},
      {4634, "An account was logged off."},
      {4647, "User initiated logoff."},
      {4648, "A logon was attempted using explicit credentials."},
      {4656, "A handle to an object was requested."},
      {4663, "An attempt was made to access an object."},
      {4672, "Special privileges assigned to new logon."},
      {4688, "A new process has been created."},
      {4689, "A process has exited."},
      {4697, "A service was installed in the system."},
      {4698, "A scheduled task was created."},
      {4702, "A scheduled task was updated."},
      {4719, "System audit policy was changed."},
      {4720, "A user account was created."},
      {4722, "A user account was enabled."},
      {4723, "An attempt was made to change an account's password."},
      {4724, "An attempt was made to reset an account's password."},
      {4725, "A user account was disabled."},
      {4726, "A user account was deleted."},
      {4728, "A member was added to a security-enabled global group."},
      {4732, "A member was added to a security-enabled local group."},
      {4738, "A user account was changed."},
      {4740, "A user account was locked out."},
      {4756, "A member was added to a security-enabled universal group."},
      {4768, "A Kerberos authentication ticket (TGT) was requested."},
      {4769, "A Kerberos service ticket was requested."},
      {4771, "Kerberos pre-authentication failed."},
      {4776, "The computer attempted to validate the credentials for an account."},
      {4798, "A user's local group membership was enumerated."},
      {5140, "A network share object was accessed."},
      {5145,
       "A network share object was checked to see whether client can be granted desired access."},
  };
  return *titles;
}

// SecurityEvent columns that the Sentinel schema types as int (besides the System ones).
bool IsIntegerDataColumn(std::string_view name) {
  static const std::set<std::string_view> kColumns = {
      "AuditsDiscarded", "AuthenticationLevel", "AuthenticationService", "ErrorCode",
      "KeyLength",       "LogonType",           "ServiceStartType"};
  return kColumns.count(name) > 0;
}

Dynamic IntegerOrNull(std::string_view text) {
  int64_t value = 0;
  int base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    text.remove_prefix(2);
    base = 16;
  }
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return Dynamic();
  return Dynamic::Long(value);
}

void AppendXmlEscaped(std::string_view text, std::string* out) {
  for (char c : text) {
    switch (c) {
      case '&':
        out->append("&amp;");
        break;
      case '<':
        out->append("&lt;");
        break;
      case '>':
        out->append("&gt;");
        break;
      case '"':
        out->append("&quot;");
        break;
      default:
        out->push_back(c);
    }
  }
}

std::string EventDataXml(const WindowsEvent& event) {
  std::string xml = R"(<EventData xmlns="http://schemas.microsoft.com/win/2004/08/events/event">)";
  for (const auto& [name, value] : event.data) {
    xml += "<Data Name=\"";
    AppendXmlEscaped(name, &xml);
    xml += "\">";
    AppendXmlEscaped(value, &xml);
    xml += "</Data>";
  }
  xml += "</EventData>";
  return xml;
}

std::string_view DataValue(const WindowsEvent& event, std::string_view name) {
  for (const auto& [key, value] : event.data) {
    if (key == name) return value;
  }
  return {};
}

// DOMAIN\user from the <prefix>DomainName and <prefix>UserName values ("" when no user).
std::string AccountOf(const WindowsEvent& event, std::string_view prefix) {
  std::string user(DataValue(event, std::string(prefix) + "UserName"));
  if (user.empty() || user == "-") return "";
  std::string domain(DataValue(event, std::string(prefix) + "DomainName"));
  return domain.empty() || domain == "-" ? user : domain + "\\" + user;
}

std::string_view LevelName(int64_t level) {
  switch (level) {
    case 1:
      return "Critical";
    case 2:
      return "Error";
    case 3:
      return "Warning";
    case 5:
      return "Verbose";
    default:
      return "Information";
  }
}

Dynamic SecurityEventRow(const WindowsEvent& event) {
  Dynamic::Object row;
  auto set = [&](std::string name, Dynamic value) { row.emplace_back(std::move(name), value); };
  set("TimeGenerated", Dynamic::String(event.time_created));
  set("SourceSystem", Dynamic::String("OpsManager"));
  set("Computer", Dynamic::String(event.computer));
  set("EventSourceName", Dynamic::String(event.provider));
  set("Channel", Dynamic::String(event.channel));
  set("Task", Dynamic::Long(event.task));
  set("Level", Dynamic::String(std::to_string(event.level)));
  set("EventID", Dynamic::Long(event.event_id));
  set("Version", Dynamic::Long(event.version));
  auto title = AuditEventTitles().find(event.event_id);
  set("Activity",
      Dynamic::String(title == AuditEventTitles().end()
                          ? std::to_string(event.event_id)
                          : std::to_string(event.event_id) + " - " + std::string(title->second)));
  set("SystemProcessId", Dynamic::Long(event.process_id));
  set("SystemThreadId", Dynamic::Long(event.thread_id));
  const std::string subject = AccountOf(event, "Subject");
  const std::string target = AccountOf(event, "Target");
  const std::string& account = target.empty() ? subject : target;
  if (!account.empty()) {
    set("Account", Dynamic::String(account));
    set("AccountType", Dynamic::String(account.back() == '$' ? "Machine" : "User"));
  }
  if (!subject.empty()) set("SubjectAccount", Dynamic::String(subject));
  if (!target.empty()) set("TargetAccount", Dynamic::String(target));
  set("EventData", Dynamic::String(EventDataXml(event)));
  std::set<std::string> taken;
  for (const auto& [name, value] : row) taken.insert(name);
  for (const auto& [name, value] : event.data) {
    if (!taken.insert(name).second) continue;
    set(name, IsIntegerDataColumn(name) ? IntegerOrNull(value) : Dynamic::String(value));
  }
  return Dynamic::MakeObject(std::move(row));
}

Dynamic EventRow(const WindowsEvent& event) {
  std::string parameters;
  for (const auto& [name, value] : event.data) {
    parameters += "<Param>";
    AppendXmlEscaped(value, &parameters);
    parameters += "</Param>";
  }
  std::string data_item = R"(<DataItem type="System.XmlData" time=")";
  AppendXmlEscaped(event.time_created, &data_item);
  data_item += R"(" sourceHealthServiceId="00000000-0000-0000-0000-000000000000">)";
  data_item += EventDataXml(event) + "</DataItem>";
  return Dynamic::MakeObject({
      {"TimeGenerated", Dynamic::String(event.time_created)},
      {"SourceSystem", Dynamic::String("OpsManager")},
      {"Source", Dynamic::String(event.provider)},
      {"EventLog", Dynamic::String(event.channel)},
      {"Computer", Dynamic::String(event.computer)},
      {"EventLevel", Dynamic::Long(event.level)},
      {"EventLevelName", Dynamic::String(std::string(LevelName(event.level)))},
      {"EventID", Dynamic::Long(event.event_id)},
      {"EventCategory", Dynamic::Long(event.task)},
      {"UserName", Dynamic::String(event.user_sid)},
      {"ParameterXml", Dynamic::String(parameters)},
      {"EventData", Dynamic::String(data_item)},
  });
}

}  // namespace

WindowsEventTable DefaultTableFor(const WindowsEvent& event) {
  return event.channel == "Security" ? WindowsEventTable::kSecurityEvent
                                     : WindowsEventTable::kEvent;
}

std::string_view TableName(WindowsEventTable table) {
  return table == WindowsEventTable::kSecurityEvent ? "SecurityEvent" : "Event";
}

Result<Table> ToTableRows(const std::vector<WindowsEvent>& events, WindowsEventTable table,
                          std::string_view source_name,
                          const std::vector<ColumnSchema>& existing_schema) {
  std::string lines;
  for (const WindowsEvent& event : events) {
    Dynamic row =
        table == WindowsEventTable::kSecurityEvent ? SecurityEventRow(event) : EventRow(event);
    lines += row.ToJson();
    lines += '\n';
  }
  return ReadBuffer(lines, Format::kJsonLines, source_name, existing_schema);
}

}  // namespace huntbook::ingest
