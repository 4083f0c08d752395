SELECT Account, Computer, count(*) AS Logons
FROM SecurityEvent
WHERE EventID = 4624 AND LogonType = 10
GROUP BY Account, Computer
ORDER BY Logons DESC, Account ASC, Computer ASC
LIMIT 10
