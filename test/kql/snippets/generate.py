#!/usr/bin/python3
"""Generates the KQL snippet set huntbook is compared with Microsoft's front end on.

Writes snippets.jsonl beside this script: one JSON object per snippet, `id` (stable: family
and a counter), `family`, `query`, and `reference`: what Microsoft's KQL front end (npm
@kusto/language-service-next, run by tools/kql-reference/reference.mjs against schemas/)
says of it: `parse_ok`, `bind_ok`, `first_error` (message) and `result_schema` (name and
Kusto type of each result column when it binds).

The snippets are templates x columns / functions / literals, enumerated in a fixed order (no
randomness), plus the hand-written ones in handwritten.kql (one query per line; `#` lines
are comments). Valid and invalid snippets are both wanted: type promotion over every pair of
scalar types, functions over every argument type, aggregates, tabular operators over the
schema tables, unknown names, and syntax errors (truncated valid queries).

Usage (needs node and `npm ci` in tools/kql-reference):
  test/kql/snippets/generate.py            # rewrites snippets.jsonl
  test/kql/snippets/generate.py --no-reference   # queries only, to stdout
Standard library only.
"""

import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
REFERENCE = os.path.join(ROOT, "tools", "kql-reference", "reference.mjs")

# One column per scalar type, and a literal of each type.
TYPED_COLUMNS = [
    ("b", "bool", "true"),
    ("i", "int", "int(3)"),
    ("l", "long", "7"),
    ("r", "real", "2.5"),
    ("m", "decimal", "decimal(1.5)"),
    ("s", "string", '"abc"'),
    ("d", "datetime", "datetime(2024-01-02 03:04:05)"),
    ("t", "timespan", "1h"),
    ("g", "guid", "guid(74be27de-1e4e-49d9-b579-fe0b331d3642)"),
    ("y", "dynamic", "dynamic({\"a\": 1})"),
]
DATATABLE = "datatable(%s)[]" % ", ".join("%s:%s" % (name, kind) for name, kind, _ in TYPED_COLUMNS)

BINARY_OPERATORS = ["+", "-", "*", "/", "%", "<", "==", "!=", ">="]
LOGICAL_OPERATORS = ["and", "or"]
STRING_OPERATORS = ["has", "contains", "startswith", "=~", "matches regex", "in~"]

# Scalar functions of one argument, applied to each typed column.
UNARY_FUNCTIONS = [
    "tostring", "toint", "tolong", "todouble", "toreal", "todecimal", "tobool", "todatetime",
    "totimespan", "toguid", "todynamic", "strlen", "toupper", "tolower", "isempty", "isnotempty",
    "isnull", "isnotnull", "abs", "sqrt", "exp", "log10", "sign", "array_length", "bag_keys",
    "hash", "dayofweek", "startofday", "getmonth", "hourofday", "reverse", "trim_start",
    "parse_json", "base64_encode_tostring", "tohex", "isnan", "gettype", "not", "ceiling",
    "unixtime_seconds_todatetime",
]
# Scalar functions of two arguments (second argument fixed per function).
BINARY_FUNCTIONS = [
    ("bin", "1h"), ("bin", "10"), ("round", "2"), ("strcat", '"x"'), ("coalesce", "l"),
    ("max_of", "l"), ("min_of", "r"), ("pow", "2"), ("datetime_add", None), ("split", '","'),
    ("indexof", '"b"'), ("substring", "1"), ("datetime_diff", None), ("format_datetime", None),
    ("iff", None), ("array_concat", "dynamic([1])"), ("extract", None), ("bin_at", None),
]
AGGREGATES = [
    "count()", "sum(%s)", "avg(%s)", "min(%s)", "max(%s)", "dcount(%s)", "make_set(%s)",
    "make_list(%s)", "countif(%s)", "arg_max(%s, s)", "take_any(%s)", "stdev(%s)",
    "percentile(%s, 50)", "sumif(l, %s)", "make_bag(%s)", "any(%s)",
]

SCHEMA_QUERIES = [
    # SecurityEvent (Sentinel)
    "SecurityEvent | where EventID == 4625 | summarize Failures = count() by Account, bin(TimeGenerated, 1h)",
    "SecurityEvent | where EventID in (4624, 4625) | project TimeGenerated, Account, LogonType, IpAddress",
    "SecurityEvent | extend Hour = hourofday(TimeGenerated) | summarize count() by Hour",
    "SecurityEvent | summarize arg_max(TimeGenerated, *) by Computer",
    "SecurityEvent | summarize make_set(Account), dcount(IpAddress) by Computer",
    "SecurityEvent | top 10 by TimeGenerated desc",
    "SecurityEvent | distinct Computer, EventID",
    "SecurityEvent | where Account has \"admin\" | count",
    "SecurityEvent | project-away EventData | take 5",
    "SecurityEvent | project-rename Host = Computer | project Host, EventID",
    "SecurityEvent | extend Parsed = parse_json(EventData) | project Parsed.Data",
    "SecurityEvent | parse CommandLine with * \"-enc \" Encoded \" \" * | project Encoded",
    "SecurityEvent | join kind=inner (SecurityEvent | where EventID == 4688) on Computer | take 1",
    "SecurityEvent | join kind=leftanti (SigninLogs) on $left.Account == $right.UserPrincipalName",
    "SecurityEvent | lookup (SigninLogs | project UserPrincipalName, AppDisplayName) on $left.Account == $right.UserPrincipalName",
    "union SecurityEvent, SigninLogs | summarize count() by Type",
    "union withsource=Src SecurityEvent, DeviceProcessEvents | project Src, TimeGenerated",
    "SecurityEvent | make-series n = count() default = 0 on TimeGenerated step 1h by Computer",
    "SecurityEvent | mv-expand Accounts = split(Account, \"\\\\\") | project Accounts",
    "SecurityEvent | summarize count() by EventID | sort by count_ desc | take 3",
    "SecurityEvent | extend LogonType = tostring(LogonType) | summarize by LogonType",
    "SecurityEvent | where TimeGenerated > ago(1d) and EventID != 4624",
    "SecurityEvent | summarize Earliest = min(TimeGenerated), Latest = max(TimeGenerated) by Account | extend Span = Latest - Earliest",
    "SecurityEvent | evaluate bag_unpack(todynamic(EventData))",
    "SecurityEvent | where EventID == \"4625\"",
    "SecurityEvent | where Account == 4625",
    "SecurityEvent | summarize count() by bin(EventID, 100)",
    "SecurityEvent | extend x = EventID + 1.5 | project x",
    "SecurityEvent | extend x = TimeGenerated + 1h, y = TimeGenerated - ago(1h) | project x, y",
    "SecurityEvent | extend x = Account + \"x\"",
    "SecurityEvent | project Acount",
    "SecurityEvent | where Computr == \"dc1\"",
    "SecurityEvnt | take 1",
    "SecurityEvent | extend x = nosuchfunction(Account)",
    "SecurityEvent | summarize nosuchaggregate(EventID)",
    "SecurityEvent | take",
    "SecurityEvent | where EventID == ",
    "SecurityEvent | summarize count() by",
    "SecurityEvent | project TimeGenerated Account",
    "SecurityEvent | extend = 1",
    # SigninLogs (Sentinel; dynamic columns)
    "SigninLogs | where ResultType == \"0\" | summarize count() by UserPrincipalName, AppDisplayName",
    "SigninLogs | extend City = tostring(LocationDetails.city) | summarize dcount(City) by UserPrincipalName",
    "SigninLogs | extend Os = DeviceDetail.operatingSystem | project Os",
    "SigninLogs | extend Os = tostring(DeviceDetail[\"operatingSystem\"]) | project Os",
    "SigninLogs | mv-expand ConditionalAccessPolicies | project ConditionalAccessPolicies",
    "SigninLogs | mv-expand Policy = ConditionalAccessPolicies to typeof(string) | project Policy",
    "SigninLogs | where IsInteractive | summarize count() by bin(CreatedDateTime, 1d)",
    "SigninLogs | where IsInteractive == \"true\"",
    "SigninLogs | summarize avg(DurationMs), percentile(DurationMs, 95) by AppDisplayName",
    "SigninLogs | summarize make_set(IPAddress, 10) by UserPrincipalName | where array_length(set_IPAddress) > 3",
    "SigninLogs | extend Status.errorCode",
    "SigninLogs | extend ErrorCode = toint(Status.errorCode) | where ErrorCode in (50126, 50053)",
    "SigninLogs | extend d = DurationMs / 1000 | project d",
    "SigninLogs | extend d = DurationMs * 1.0 / 1000 | project d",
    "SigninLogs | extend d = DurationMs * 1ms | project d",
    "SigninLogs | project UserPrincipalName, IsRisky | where IsRisky and not(IsInteractive)",
    "SigninLogs | where LocationDetails has \"US\"",
    "SigninLogs | where LocationDetails.countryOrRegion in (\"US\", \"CA\")",
    "SigninLogs | extend x = bag_keys(DeviceDetail) | mv-expand x | summarize count() by tostring(x)",
    "SigninLogs | project-keep User*, TimeGenerated",
    "SigninLogs | where TimeGenerated between (ago(7d) .. now())",
    "SigninLogs | summarize count() by tostring(DeviceDetail.browser)",
    "SigninLogs | summarize count() by Browser = tostring(DeviceDetail.browser)",
    "SigninLogs | extend h = hash_sha256(UserPrincipalName) | project h",
    "SigninLogs | extend p = pack(\"u\", UserPrincipalName, \"ip\", IPAddress) | project p",
    "SigninLogs | extend p = bag_pack(\"u\", UserPrincipalName) | project p",
    "SigninLogs | summarize by UserPrincipalName | count",
    "SigninLogs | where DurationMs > \"100\"",
    "SigninLogs | where UserPrincipalName == DurationMs",
    "SigninLogs | extend x = iff(IsRisky, \"risky\", \"ok\")",
    "SigninLogs | extend x = iff(IsRisky, 1, \"ok\")",
    "SigninLogs | extend x = case(DurationMs > 100, \"slow\", DurationMs > 10, \"mid\", \"fast\")",
    "SigninLogs | extend x = case(DurationMs > 100, 1, 2.5)",
    # DeviceProcessEvents / DeviceNetworkEvents (Defender columns)
    "DeviceProcessEvents | where FileName =~ \"powershell.exe\" | project Timestamp, DeviceName, ProcessCommandLine",
    "DeviceProcessEvents | where ProcessCommandLine has_any (\"-enc\", \"-e \") | summarize count() by DeviceId",
    "DeviceProcessEvents | summarize ProcessCount = dcount(FileName) by DeviceName, bin(Timestamp, 1d)",
    "DeviceProcessEvents | extend Size = FileSize / 1024 | project Size",
    "DeviceProcessEvents | extend Size = FileSize / 1024.0 | project Size",
    "DeviceProcessEvents | join kind=inner (DeviceNetworkEvents) on DeviceId, InitiatingProcessId | take 1",
    "DeviceProcessEvents | join (DeviceNetworkEvents | project DeviceId, RemoteIP) on DeviceId | project DeviceId, RemoteIP, FileName",
    "DeviceProcessEvents | extend Age = Timestamp - ProcessCreationTime | project Age",
    "DeviceProcessEvents | extend Age = datetime_diff(\"minute\", Timestamp, ProcessCreationTime) | project Age",
    "DeviceProcessEvents | where InitiatingProcessParentId == ProcessId",
    "DeviceProcessEvents | where ProcessId == \"4\"",
    "DeviceProcessEvents | extend AF = parse_json(AdditionalFields) | project AF.Foo",
    "DeviceProcessEvents | summarize arg_max(Timestamp, FileName, SHA256) by DeviceId",
    "DeviceProcessEvents | summarize arg_min(Timestamp, *) by DeviceId | project DeviceId, FileName",
    "DeviceProcessEvents | top-nested 3 of DeviceName by count(), top-nested 2 of FileName by count()",
    "DeviceProcessEvents | where FolderPath matches regex @\"\\\\temp\\\\\"",
    "DeviceProcessEvents | extend Parent = strcat(InitiatingProcessFileName, \" -> \", FileName) | project Parent",
    "DeviceProcessEvents | extend Cmd = substring(ProcessCommandLine, 0, 100) | project Cmd",
    "DeviceProcessEvents | extend Parts = split(FolderPath, \"\\\\\") | extend Last = Parts[-1] | project Last",
    "DeviceProcessEvents | extend Enc = extract(@\"-enc\\s+(\\S+)\", 1, ProcessCommandLine) | project Enc",
    "DeviceProcessEvents | extend Enc = extract_all(@\"(\\d+)\", ProcessCommandLine) | project Enc",
    "DeviceProcessEvents | summarize Count = count() by FileName | where Count < 5 | order by Count asc",
    "DeviceProcessEvents | summarize count() by FileName | top 5 by count_",
    "DeviceProcessEvents | where IsProcessRemoteSession | take 1",
    "DeviceProcessEvents | sample 10",
    "DeviceProcessEvents | where Timestamp > ago(1h) | summarize by DeviceName, FileName | summarize Files = make_set(FileName) by DeviceName",
    "DeviceNetworkEvents | where RemotePort in (443, 80) | summarize count() by RemoteIP",
    "DeviceNetworkEvents | where RemotePort == \"443\"",
    "DeviceNetworkEvents | extend Private = ipv4_is_private(RemoteIP) | project Private",
    "DeviceNetworkEvents | where ipv4_is_in_range(RemoteIP, \"10.0.0.0/8\")",
    "DeviceNetworkEvents | extend Port = RemotePort + LocalPort | project Port",
    "DeviceNetworkEvents | extend Port = tolong(RemotePort) | project Port",
    "DeviceNetworkEvents | summarize Ports = make_set(RemotePort) by DeviceId",
    "DeviceNetworkEvents | summarize sum(RemotePort), avg(RemotePort) by DeviceId",
    "DeviceNetworkEvents | where ActionType == \"ConnectionSuccess\" | summarize dcount(RemoteIP) by bin(Timestamp, 5m)",
    "DeviceNetworkEvents | extend Url = parse_url(RemoteUrl) | project Url.Host",
    "DeviceNetworkEvents | extend Host = tostring(parse_url(RemoteUrl).Host) | project Host",
    "DeviceNetworkEvents | project RemoteIP, RemotePort | union (DeviceProcessEvents | project FileName)",
    "DeviceNetworkEvents | where RemoteIPType == \"Public\" | distinct RemoteIP",
    "DeviceNetworkEvents | join kind=leftouter (DeviceProcessEvents) on DeviceId | project DeviceId, DeviceId1",
    "DeviceNetworkEvents | summarize count() by RemotePort | render barchart",
]


def typed_snippets():
    """Type promotion, functions and aggregates over one column of each scalar type."""
    out = []
    for left, left_type, _ in TYPED_COLUMNS:
        for operator in BINARY_OPERATORS:
            for right, right_type, _ in TYPED_COLUMNS:
                out.append(("binary", "%s | extend x = %s %s %s | project x" % (
                    DATATABLE, left, operator, right)))
    for left, _, _ in TYPED_COLUMNS:
        for operator in LOGICAL_OPERATORS:
            for right in ("b", "l", "s"):
                out.append(("logical", "%s | where %s %s %s" % (DATATABLE, left, operator, right)))
        for operator in STRING_OPERATORS:
            right = "(\"a\", \"b\")" if operator == "in~" else "\"a\""
            out.append(("string_operator", "%s | where %s %s %s" % (
                DATATABLE, left, operator, right)))
    for function in UNARY_FUNCTIONS:
        for column, _, _ in TYPED_COLUMNS:
            out.append(("unary_function", "%s | extend x = %s(%s) | project x" % (
                DATATABLE, function, column)))
    for column, _, literal in TYPED_COLUMNS:
        out.append(("literal", "print x = %s" % literal))
        out.append(("literal_compare", "%s | where %s == %s" % (DATATABLE, column, literal)))
        out.append(("unnamed_column", "%s | extend %s | project-away b" % (DATATABLE, literal)))
    special = {
        "datetime_add": '"day", 1, %s', "datetime_diff": '"day", %s, d',
        "format_datetime": '%s, "yyyy-MM-dd"', "iff": "b, %s, %s",
        "extract": '"a(b)", 1, %s', "bin_at": "%s, 1h, d",
    }
    for function, second in BINARY_FUNCTIONS:
        for column, _, _ in TYPED_COLUMNS:
            if second is None:
                arguments = special[function].replace("%s", column)
            else:
                arguments = "%s, %s" % (column, second)
            out.append(("binary_function", "%s | extend x = %s(%s) | project x" % (
                DATATABLE, function, arguments)))
    for aggregate in AGGREGATES:
        columns = TYPED_COLUMNS if "%s" in aggregate else TYPED_COLUMNS[:1]
        for column, _, _ in columns:
            call = aggregate % column if "%s" in aggregate else aggregate
            out.append(("aggregate", "%s | summarize %s by s" % (DATATABLE, call)))
    for column, _, _ in TYPED_COLUMNS:
        out.append(("summarize_by", "%s | summarize count() by %s" % (DATATABLE, column)))
        out.append(("sort_by", "%s | sort by %s | project %s" % (DATATABLE, column, column)))
        out.append(("mv_expand", "%s | mv-expand %s | project %s" % (DATATABLE, column, column)))
        out.append(("unknown_column", "%s | project %s_missing" % (DATATABLE, column)))
    return out


def truncations(query):
    """Syntax errors: a valid query cut after its last `|` or last operator keyword."""
    out = []
    cut = query.rfind("|")
    if cut > 0:
        out.append(query[:cut + 1])
    for token in (" by ", " == ", "(", " = "):
        position = query.rfind(token)
        if position > 0:
            out.append(query[:position + len(token)])
    return out


def read_handwritten():
    with open(os.path.join(HERE, "handwritten.kql"), encoding="utf-8") as source:
        return [line.rstrip("\n") for line in source
                if line.strip() and not line.lstrip().startswith("#")]


def all_snippets():
    families = typed_snippets()
    families += [("schema_table", query) for query in SCHEMA_QUERIES]
    families += [("handwritten", query) for query in read_handwritten()]
    seen = set()
    for family, query in list(families):
        if family not in ("schema_table", "handwritten"):
            continue
        for broken in truncations(query):
            families.append(("truncated", broken))
    snippets, counters = [], {}
    for family, query in families:
        if query in seen:
            continue
        seen.add(query)
        counters[family] = counters.get(family, 0) + 1
        snippets.append({"id": "%s-%d" % (family, counters[family]), "family": family,
                         "query": query})
    return snippets


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-reference", action="store_true",
                        help="print the snippets without the reference's verdicts")
    args = parser.parse_args()
    snippets = all_snippets()
    if args.no_reference:
        for snippet in snippets:
            print(json.dumps(snippet))
        return 0
    text = "".join(json.dumps(snippet) + "\n" for snippet in snippets)
    output = subprocess.run(
        ["node", REFERENCE, "--schemas", os.path.join(HERE, "schemas")],
        input=text.encode("utf-8"), stdout=subprocess.PIPE, check=True).stdout
    verdicts = {v["id"]: v for v in map(json.loads, output.decode("utf-8").splitlines())}
    with open(os.path.join(HERE, "snippets.jsonl"), "w", encoding="utf-8") as out:
        for snippet in snippets:
            verdict = verdicts[snippet["id"]]
            error = verdict["first_error"]
            snippet["reference"] = {
                "parse_ok": verdict["parse_ok"], "bind_ok": verdict["bind_ok"],
                "first_error": error["message"] if error else None,
                "result_schema": verdict["result_schema"]}
            out.write(json.dumps(snippet, ensure_ascii=False) + "\n")
    binds = sum(1 for s in snippets if s["reference"]["bind_ok"])
    print("%d snippets: the reference binds %d, rejects %d" % (
        len(snippets), binds, len(snippets) - binds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
