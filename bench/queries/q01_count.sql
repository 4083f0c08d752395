SELECT count(*) AS "Count" FROM SecurityEvent
