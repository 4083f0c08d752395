-- `contains` is a case-insensitive substring test: ILIKE with % on both sides.
SELECT Computer, Account, count(*) AS Executions
FROM SecurityEvent
WHERE CommandLine ILIKE '%urlcache%'
GROUP BY Computer, Account
