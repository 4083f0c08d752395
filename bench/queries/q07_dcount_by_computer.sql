-- dcount() is a HyperLogLog estimate in KQL; DuckDB's COUNT(DISTINCT) is exact, so the
-- comparison allows a relative tolerance.
SELECT Computer, count(DISTINCT Account) AS dcount_Account
FROM SecurityEvent
GROUP BY Computer
