// Windows events (evtx_reader.h) as rows of Microsoft Sentinel's SecurityEvent and Event
// tables, so that hunting queries written for Sentinel run on a local .evtx export.
//
// SecurityEvent (events of the Security channel): TimeGenerated, SourceSystem "OpsManager",
// Computer, EventSourceName (provider), Channel, Task, Level, EventID, Version, Activity
// ("4624 - An account was successfully logged on." for the documented audit events, the
// number alone otherwise), SystemProcessId, SystemThreadId, Account/AccountType/SubjectAccount/
// TargetAccount (DOMAIN\user, as Sentinel derives them: Account is the target account when
// the event names one, the subject otherwise; AccountType "Machine" for names ending in '$'),
// EventData (the <EventData> XML), and one column per named event data value (LogonType,
// IpAddress, NewProcessName, CommandLine, ...). The columns the SecurityEvent schema types
// as int (LogonType, ErrorCode, KeyLength, ...) are integers (hex "0x..." accepted; null
// when the text is not a number, the text staying in EventData). A data name that equals
// one of the columns above stays only in EventData.
//
// Event (every other channel: System, Application, Sysmon, PowerShell ...): TimeGenerated,
// SourceSystem, Source (provider), EventLog (channel), Computer, EventLevel, EventLevelName,
// EventID, EventCategory (task), UserName (the security user id), ParameterXml
// (<Param>v</Param>... in order) and EventData in the DataItem form Sentinel stores
// (<DataItem type="System.XmlData" ...><EventData xmlns=...><Data Name=...>), so that
// `parse_xml(EventData)` queries written for Sysmon work unchanged.
//
// Rows are built as JSON and read with the JSON reader, so an existing table's column types
// apply exactly as for any other ingest (reader.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "huntbook/common/status.h"
#include "huntbook/ingest/evtx_reader.h"
#include "huntbook/vector/column.h"

namespace huntbook::ingest {

enum class WindowsEventTable { kSecurityEvent, kEvent };

// Security channel -> kSecurityEvent, every other channel -> kEvent.
WindowsEventTable DefaultTableFor(const WindowsEvent& event);

// "SecurityEvent" or "Event".
std::string_view TableName(WindowsEventTable table);

// The rows of `events` in the shape of `table`; `existing_schema` is the destination
// table's current schema (empty for a new table).
Result<Table> ToTableRows(const std::vector<WindowsEvent>& events, WindowsEventTable table,
                          std::string_view source_name,
                          const std::vector<ColumnSchema>& existing_schema);

}  // namespace huntbook::ingest
