// Builders that fill one SecurityEvent of a given EventID from the shared generator state.
// Internal to the benchmark generator; SecurityEventGenerator picks which one runs.
//
// Every builder expects `row` cleared and `row->time_ms` set, and fills the remaining
// columns, including the EventData JSON object.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "process_catalog.h"
#include "random_source.h"
#include "security_event.h"
#include "synthetic_directory.h"

namespace huntbook::bench {

struct EventContext {
  explicit EventContext(uint64_t seed) : random(seed), directory(seed) {}

  RandomSource random;
  SyntheticDirectory directory;
  ProcessCatalog catalog;
  ProcessLaunch launch;  // Scratch for 4688.
};

// Writes a JSON object into a string, key by key. Keys are trusted literals.
class JsonObjectWriter {
 public:
  explicit JsonObjectWriter(std::string* out);
  void String(std::string_view key, std::string_view value);
  void Int(std::string_view key, int64_t value);
  // Appends the closing brace. REQUIRES: called once, last.
  void Close();

 private:
  void Key(std::string_view key);
  std::string* out_;
  bool first_ = true;
};

// "0x1a2b" for a value.
std::string HexId(uint64_t value);

// Logon and authentication events (logon_event_builders.cc).
void BuildLogon(EventContext& context, bool logoff, SecurityEvent* row);      // 4624 / 4634
void BuildLogonFailure(EventContext& context, SecurityEvent* row);            // 4625
void BuildExplicitCredentials(EventContext& context, SecurityEvent* row);     // 4648
void BuildKerberos(EventContext& context, int event_id, SecurityEvent* row);  // 4768 / 4769
void BuildCredentialValidation(EventContext& context, SecurityEvent* row);    // 4776
void BuildLockout(EventContext& context, SecurityEvent* row);                 // 4740

// Host activity (host_event_builders.cc).
void BuildProcessCreation(EventContext& context, SecurityEvent* row);              // 4688
void BuildSpecialPrivileges(EventContext& context, SecurityEvent* row);            // 4672
void BuildObjectAccess(EventContext& context, SecurityEvent* row);                 // 4663
void BuildAccountChange(EventContext& context, int event_id, SecurityEvent* row);  // 4720 / 4732
void BuildScheduledTask(EventContext& context, SecurityEvent* row);                // 4698
void BuildLogCleared(EventContext& context, SecurityEvent* row);                   // 1102

// Activity text for an EventID ("4624 - An account was successfully logged on.").
std::string_view ActivityFor(int event_id);

}  // namespace huntbook::bench
