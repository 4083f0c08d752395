SELECT count(*) AS "Count" FROM SecurityEvent WHERE EventID = 4688
