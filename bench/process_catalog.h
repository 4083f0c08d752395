// ProcessCatalog: what the synthetic 4688 ("a new process has been created") events run.
//
// Benign processes come in three contexts (an interactive user, SYSTEM, a service account),
// each a weighted list of image / parent / command-line templates. A small suspicious list
// (mimikatz, encoded PowerShell, certutil -urlcache, LSASS dumps, ...) is drawn rarely; the
// benign user list also holds look-alikes (e.g. "nomimikatz_check.exe") so that `has` and
// `contains` give different answers.
//
// Template placeholders: {user} (sAMAccountName), {host} (NetBIOS name), {n} (a number),
// {ip} (an external IP), {b64} (base64 of a UTF-16LE PowerShell download cradle, the way
// `-EncodedCommand` takes it).
#pragma once

#include <string>
#include <string_view>

#include "random_source.h"

namespace huntbook::bench {

enum class ProcessContext { kUser, kSystem, kService, kSuspicious };

struct ProcessLaunch {
  std::string image;         // Full path (NewProcessName).
  std::string parent_image;  // Full path (ParentProcessName).
  std::string command_line;
};

struct ProcessVariables {
  std::string_view user;
  std::string_view host;
  std::string_view external_ip;
};

class ProcessCatalog {
 public:
  ProcessCatalog();

  // Picks a template of `context` and expands it into `launch` (fields are overwritten).
  void Sample(ProcessContext context, const ProcessVariables& variables, RandomSource& random,
              ProcessLaunch* launch) const;

  // Base name of a Windows path ("C:\\a\\b.exe" -> "b.exe").
  static std::string_view BaseName(std::string_view path);

  // Standard base64 of `text` widened to UTF-16LE.
  static std::string Utf16LeBase64(std::string_view text);
};

}  // namespace huntbook::bench
