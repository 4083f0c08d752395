#include "security_event.h"

namespace huntbook::bench {

void SecurityEvent::Clear() {
  time_ms = 0;
  computer.clear();
  event_id = 0;
  activity = {};
  account.clear();
  account_type = {};
  target_user_name.clear();
  target_domain_name.clear();
  subject_user_name.clear();
  subject_domain_name.clear();
  subject_logon_id.clear();
  target_logon_id.clear();
  ip_address.clear();
  workstation_name.clear();
  logon_type = 0;
  status = {};
  process.clear();
  new_process_name.clear();
  parent_process_name.clear();
  command_line.clear();
  event_source_name = {};
  event_data.clear();
}

}  // namespace huntbook::bench
