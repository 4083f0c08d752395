-- arg_max(TimeGenerated, *) by Computer: the latest row of each computer (times are unique,
-- so there are no ties).
SELECT * FROM SecurityEvent
QUALIFY row_number() OVER (PARTITION BY Computer ORDER BY TimeGenerated DESC) = 1
