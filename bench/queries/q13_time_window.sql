SELECT EventID, count(*) AS count_
FROM SecurityEvent
WHERE TimeGenerated >= TIMESTAMP '2024-03-03 06:00:00' AND TimeGenerated < TIMESTAMP '2024-03-03 12:00:00'
GROUP BY EventID
