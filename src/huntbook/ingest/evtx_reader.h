// Windows XML Event Log (.evtx) files, read through Debian's libevtx.
//
// Each record is rendered by libevtx to its event XML (templates and substitutions resolved)
// and then read with pugixml into a WindowsEvent: the <System> fields and the named values of
// <EventData> (or, for events that carry <UserData>, the child elements of its single
// element, e.g. LogFileCleared/SubjectUserName of event 1102). Event data without a Name
// attribute gets the name "Data1", "Data2", ... in document order.
//
// Errors: IoError when the file cannot be opened or is not an EVTX file (naming the file);
// InvalidArgument when the file is shorter than the chunks its header declares (a copy cut
// short);
// InvalidArgument naming the file and the record index when a record cannot be read or its
// XML does not parse. Nothing is returned on error: a file is read whole or not at all.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "huntbook/common/status.h"

namespace huntbook::ingest {

struct WindowsEvent {
  std::string provider;      // System/Provider@Name
  int64_t event_id = 0;      // System/EventID
  int64_t version = 0;       // System/Version
  int64_t level = 0;         // System/Level (0 LogAlways, 1 Critical ... 5 Verbose)
  int64_t task = 0;          // System/Task
  std::string keywords;      // System/Keywords, as written ("0x8020000000000000")
  std::string time_created;  // System/TimeCreated@SystemTime, ISO 8601 UTC
  int64_t record_id = 0;     // System/EventRecordID
  int64_t process_id = 0;    // System/Execution@ProcessID
  int64_t thread_id = 0;     // System/Execution@ThreadID
  std::string channel;       // System/Channel ("Security", "Microsoft-Windows-Sysmon/...")
  std::string computer;      // System/Computer
  std::string user_sid;      // System/Security@UserID
  std::vector<std::pair<std::string, std::string>> data;  // EventData in document order
};

// True when `bytes` starts with the EVTX file signature "ElfFile\0".
bool LooksLikeEvtx(std::string_view bytes);

Result<std::vector<WindowsEvent>> ReadEvtxFile(const std::string& path);

}  // namespace huntbook::ingest
