-- Both engines use RE2; regexp_extract returns '' when nothing matches, like extract().
SELECT regexp_extract(CommandLine, 'https?://([^/\s:'']+)', 1) AS UrlHost, count(*) AS Launches
FROM SecurityEvent
WHERE EventID = 4688 AND UrlHost <> ''
GROUP BY UrlHost
