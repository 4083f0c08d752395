-- `has` matches whole terms (maximal runs of ASCII letters/digits), case-insensitively:
-- the needle must be bounded by a non-alphanumeric character or the string's ends.
SELECT TimeGenerated, Computer, Account, CommandLine
FROM SecurityEvent
WHERE regexp_matches(CommandLine, '(?i)(^|[^0-9A-Za-z])mimikatz([^0-9A-Za-z]|$)')
