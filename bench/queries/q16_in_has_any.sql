-- in~ is a case-insensitive IN; has_any is `has` (whole terms, case-insensitive) for any needle.
SELECT Process, count(*) AS count_
FROM SecurityEvent
WHERE EventID IN (4688)
  AND lower(Process) IN ('powershell.exe', 'cmd.exe', 'certutil.exe', 'rundll32.exe', 'regsvr32.exe')
  AND regexp_matches(CommandLine, '(?i)(^|[^0-9A-Za-z])(EncodedCommand|enc|urlcache|MiniDump|scrobj)([^0-9A-Za-z]|$)')
GROUP BY Process
