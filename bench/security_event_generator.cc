#include "security_event_generator.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "security_event_writer.h"

namespace huntbook::bench {
namespace {

struct EventMix {
  int event_id;
  double weight;  // Percent of rows.
};

// Roughly the shape of a domain's security log with process-creation auditing on.
constexpr std::array<EventMix, 15> kEventMix = {{
    {4624, 26},
    {4634, 18},
    {4688, 24},
    {4672, 8},
    {4625, 6},
    {4648, 1.5},
    {4768, 4},
    {4769, 6},
    {4776, 3},
    {4663, 2},
    {4740, 0.05},
    {4720, 0.01},
    {4732, 0.01},
    {4698, 0.02},
    {1102, 0.0005},
}};

std::vector<double> MixWeights() {
  std::vector<double> weights;
  for (const EventMix& mix : kEventMix) weights.push_back(mix.weight);
  return weights;
}

}  // namespace

JsonObjectWriter::JsonObjectWriter(std::string* out) : out_(out) { out_->push_back('{'); }

void JsonObjectWriter::Key(std::string_view key) {
  if (!first_) out_->push_back(',');
  first_ = false;
  out_->push_back('"');
  out_->append(key);
  out_->append("\":");
}

void JsonObjectWriter::String(std::string_view key, std::string_view value) {
  Key(key);
  AppendJsonString(value, out_);
}

void JsonObjectWriter::Int(std::string_view key, int64_t value) {
  Key(key);
  out_->append(std::to_string(value));
}

void JsonObjectWriter::Close() { out_->push_back('}'); }

std::string HexId(uint64_t value) {
  char buffer[24];
  std::snprintf(buffer, sizeof(buffer), "0x%llx", static_cast<unsigned long long>(value));
  return buffer;
}

std::string_view ActivityFor(int event_id) {
  switch (event_id) {
    case 4624:
      return "4624 - An account was successfully logged on.";
    case 4625:
      return "4625 - An account failed to log on.";
    case 4634:
      return "4634 - An account was logged off.";
    case 4648:
      return "4648 - A logon was attempted using explicit credentials.";
    case 4663:
      return "4663 - An attempt was made to access an object.";
    case 4672:
      return "4672 - Special privileges assigned to new logon.";
    case 4688:
      return "4688 - A new process has been created.";
    case 4698:
      return "4698 - A scheduled task was created.";
    case 4720:
      return "4720 - A user account was created.";
    case 4732:
      return "4732 - A member was added to a security-enabled local group.";
    case 4740:
      return "4740 - A user account was locked out.";
    case 4768:
      return "4768 - A Kerberos authentication ticket (TGT) was requested.";
    case 4769:
      return "4769 - A Kerberos service ticket was requested.";
    case 4776:
      return "4776 - The domain controller attempted to validate the credentials for an account.";
    case 1102:
      return "1102 - The audit log was cleared.";
    default:
      return "";
  }
}

SecurityEventGenerator::SecurityEventGenerator(uint64_t seed, int64_t total_rows, int64_t start_ms,
                                               int64_t span_ms)
    : context_(seed),
      event_choice_(MixWeights()),
      start_ms_(start_ms),
      step_ms_(std::max<int64_t>(1, span_ms / std::max<int64_t>(1, total_rows))) {}

void SecurityEventGenerator::Next(SecurityEvent* row) {
  row->Clear();
  row->time_ms = start_ms_ + next_index_ * step_ms_ +
                 static_cast<int64_t>(context_.random.Below(static_cast<uint64_t>(step_ms_)));
  ++next_index_;
  const int event_id = kEventMix[event_choice_.Sample(context_.random)].event_id;
  row->event_id = event_id;
  row->activity = ActivityFor(event_id);
  row->event_source_name = "Microsoft-Windows-Security-Auditing";
  switch (event_id) {
    case 4624:
      BuildLogon(context_, /*logoff=*/false, row);
      break;
    case 4634:
      BuildLogon(context_, /*logoff=*/true, row);
      break;
    case 4625:
      BuildLogonFailure(context_, row);
      break;
    case 4648:
      BuildExplicitCredentials(context_, row);
      break;
    case 4768:
    case 4769:
      BuildKerberos(context_, event_id, row);
      break;
    case 4776:
      BuildCredentialValidation(context_, row);
      break;
    case 4740:
      BuildLockout(context_, row);
      break;
    case 4688:
      BuildProcessCreation(context_, row);
      break;
    case 4672:
      BuildSpecialPrivileges(context_, row);
      break;
    case 4663:
      BuildObjectAccess(context_, row);
      break;
    case 4720:
    case 4732:
      BuildAccountChange(context_, event_id, row);
      break;
    case 4698:
      BuildScheduledTask(context_, row);
      break;
    case 1102:
      BuildLogCleared(context_, row);
      break;
  }
}

}  // namespace huntbook::bench
