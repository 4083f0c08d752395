#!/usr/bin/env bash
# `make demo`: loads the shipped sample data (once) and runs a few hunting queries.
# Usage: demo.sh HUNTBOOK_BINARY DATA_DIR
set -euo pipefail
binary=$1
data=$2
root=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -f "$data/.sample-data-loaded" ]; then
  echo "== loading sample data into $data"
  "$root/scripts/load_sample_data.sh" "$binary" "$data"
  touch "$data/.sample-data-loaded"
fi
run() {
  echo
  echo "== $1"
  "$binary" query --data "$data" "$1"
}
run 'SecurityEvent | summarize count() by EventID | sort by count_'
run 'SecurityEvent | where EventID == 4688 | where CommandLine has "powershell" | summarize n = count() by Account | top 5 by n'
run 'SecurityEvent | where EventID == 4624 | summarize Logons = count(), Hosts = dcount(Computer) by TargetUserName | sort by Logons'
run 'Syslog | summarize count() by Facility, bin(TimeGenerated, 1h) | take 5'
# two of the attack stories planted in the generated workspace (all: sample-files/ground_truth.json)
run 'SigninLogs | summarize Accounts = dcountif(UserPrincipalName, ResultType == "50126"), FailureShare = round(1.0 * countif(ResultType == "50126") / count(), 2) by IPAddress | where Accounts > 5'
run 'SecurityEvent | where EventID == 4688 and ParentProcessName has "winword.exe" | project TimeGenerated, Computer, CommandLine'
echo
echo "The planted attack stories and their ground truth: $data/sample-files/ground_truth.json"
echo "huntbook is ready. Query it with:"
echo "  $binary query --data $data 'SecurityEvent | take 10'"
