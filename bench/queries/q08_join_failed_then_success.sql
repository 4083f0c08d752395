WITH failed AS (
  SELECT Account, IpAddress, count(*) AS Failures
  FROM SecurityEvent WHERE EventID = 4625 GROUP BY Account, IpAddress
), succeeded AS (
  SELECT Account, IpAddress, count(*) AS Successes
  FROM SecurityEvent WHERE EventID = 4624 GROUP BY Account, IpAddress
)
SELECT count(*) AS Pairs, sum(Failures) AS Failures, sum(Successes) AS Successes
FROM failed JOIN succeeded USING (Account, IpAddress)
