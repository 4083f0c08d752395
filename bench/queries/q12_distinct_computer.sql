SELECT DISTINCT Computer FROM SecurityEvent
