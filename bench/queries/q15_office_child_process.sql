-- endswith is case-insensitive: compare lower-cased suffixes.
SELECT NewProcessName, count(*) AS Launches, count(DISTINCT Computer) AS Hosts
FROM SecurityEvent
WHERE EventID = 4688
  AND (suffix(lower(ParentProcessName), '\winword.exe') OR suffix(lower(ParentProcessName), '\excel.exe'))
GROUP BY NewProcessName
