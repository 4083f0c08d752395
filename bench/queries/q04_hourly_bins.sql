SELECT EventID, time_bucket(INTERVAL 1 HOUR, TimeGenerated) AS TimeGenerated, count(*) AS count_
FROM SecurityEvent
GROUP BY 1, 2
