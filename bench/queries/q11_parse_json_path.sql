SELECT EventID, count(*) AS count_
FROM SecurityEvent
WHERE EventData->>'$.SubjectLogonId' = '0x9e780b'
GROUP BY EventID
