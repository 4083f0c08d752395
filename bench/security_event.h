// SecurityEvent: one synthetic Windows security-log row, shaped like the Microsoft Sentinel
// `SecurityEvent` table, and the fixed column list that both writers (JSON Lines and CSV)
// emit in the same order.
//
// The benchmark generator only depends on the C++ standard library, so this header does not
// use huntbook's own types.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace huntbook::bench {

// Column kinds decide how a value is written: strings are quoted in CSV and JSON, integers
// are bare (and empty / null when absent), the datetime is ISO 8601 with milliseconds and a
// `Z`, and `kDynamic` is a JSON object (nested in JSON Lines, quoted text in CSV).
enum class ColumnKind { kDatetime, kString, kInt, kDynamic };

struct ColumnSpec {
  std::string_view name;
  ColumnKind kind;
};

// The schema, in output order. Index constants below name positions in this array.
inline constexpr std::array<ColumnSpec, 22> kSecurityEventColumns = {{
    {"TimeGenerated", ColumnKind::kDatetime},
    {"Computer", ColumnKind::kString},
    {"EventID", ColumnKind::kInt},
    {"Activity", ColumnKind::kString},
    {"Account", ColumnKind::kString},
    {"AccountType", ColumnKind::kString},
    {"TargetUserName", ColumnKind::kString},
    {"TargetDomainName", ColumnKind::kString},
    {"SubjectUserName", ColumnKind::kString},
    {"SubjectDomainName", ColumnKind::kString},
    {"SubjectLogonId", ColumnKind::kString},
    {"TargetLogonId", ColumnKind::kString},
    {"IpAddress", ColumnKind::kString},
    {"WorkstationName", ColumnKind::kString},
    {"LogonType", ColumnKind::kInt},
    {"Status", ColumnKind::kString},
    {"Process", ColumnKind::kString},
    {"NewProcessName", ColumnKind::kString},
    {"ParentProcessName", ColumnKind::kString},
    {"CommandLine", ColumnKind::kString},
    {"EventSourceName", ColumnKind::kString},
    {"EventData", ColumnKind::kDynamic},
}};

// One row. String fields that an event type does not have are empty ("" in both formats,
// the way Sentinel stores absent strings); `logon_type` 0 means null. The generator reuses
// one instance for every row, so the std::string members keep their capacity.
struct SecurityEvent {
  int64_t time_ms = 0;  // Unix epoch milliseconds, UTC.
  std::string computer;
  int event_id = 0;
  std::string_view activity;
  std::string account;  // DOMAIN\name of the account the event is about.
  std::string_view account_type;
  std::string target_user_name;
  std::string target_domain_name;
  std::string subject_user_name;
  std::string subject_domain_name;
  std::string subject_logon_id;
  std::string target_logon_id;
  std::string ip_address;
  std::string workstation_name;
  int logon_type = 0;
  std::string_view status;
  std::string process;  // Base name of the process involved.
  std::string new_process_name;
  std::string parent_process_name;
  std::string command_line;
  std::string_view event_source_name;
  std::string event_data;  // JSON object text.

  // Resets every field to empty / zero, keeping string capacity.
  void Clear();
};

}  // namespace huntbook::bench
