SELECT Account, count(*) AS FailedLogons
FROM SecurityEvent
WHERE EventID = 4625
GROUP BY Account
ORDER BY FailedLogons DESC, Account ASC
LIMIT 10
