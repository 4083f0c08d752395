"""Network and inventory rows: DnsEvents, CommonSecurityLog (a Palo Alto edge firewall),
VMConnection (VM insights flows), Heartbeat, ThreatIntelligenceIndicator."""

import datetime as _dt

from .world import SUBSCRIPTION_ID, TENANT_ID

__all__ = ["dns_query", "firewall", "vm_connection", "ti_indicator", "network_baseline"]

_DOMAINS = [("login.microsoftonline.com", "20.190.151.7"), ("outlook.office365.com", "52.96.88.2"),
            ("www.google.com", "142.250.69.196"), ("github.com", "140.82.112.3"),
            ("contoso.sharepoint.com", "13.107.136.9"), ("teams.microsoft.com", "52.113.194.132"),
            ("update.googleapis.com", "142.250.72.99"), ("archive.ubuntu.com", "91.189.91.38"),
            ("api.contoso-partner.com", "104.18.22.51"), ("cdn.jsdelivr.net", "151.101.1.229"),
            ("ctldl.windowsupdate.com", "93.184.221.240"), ("slack.com", "34.227.15.229")]


def dns_query(world, when, host, name, answer, query_type="A"):
    dns_server = world.host("DC01")
    return world.emit("DnsEvents", {
        "Computer": dns_server.fqdn, "SourceSystem": "OpsManager", "TimeGenerated": when,
        "EventId": 257, "SubType": "LookupQuery", "ClientIP": host.ip, "Name": name,
        "IPAddresses": answer, "QueryType": query_type, "ResultCode": 0 if answer else 3,
        "Result": "Success" if answer else "Failure", "TaskCategory": "LOOK_UP",
        "Type": "DnsEvents", "_ResourceId": dns_server.resource_id,
    })


def firewall(world, when, source_ip, destination_ip, destination_port, action="allow",
             application="ssl", sent=None, received=None, url="", user="", threat=""):
    rng = world.rng
    row = {
        "TenantId": TENANT_ID, "TimeGenerated": when, "DeviceVendor": "Palo Alto Networks",
        "DeviceProduct": "PAN-OS", "DeviceVersion": "10.2.4",
        "DeviceEventClassID": "THREAT" if threat else "TRAFFIC",
        "Activity": "THREAT" if threat else "TRAFFIC", "LogSeverity": "5" if threat else "1",
        "DeviceAction": action, "ApplicationProtocol": application,
        "CommunicationDirection": "Outbound", "DeviceName": "PA-EDGE-01",
        "SourceIP": source_ip, "SourcePort": rng.randrange(49152, 65535),
        "DestinationIP": destination_ip, "DestinationPort": destination_port, "Protocol": "TCP",
        "SentBytes": sent if sent is not None else rng.randrange(400, 40000),
        "ReceivedBytes": received if received is not None else rng.randrange(1000, 900000),
        "RequestURL": url, "SourceUserName": user, "Type": "CommonSecurityLog",
        "DeviceCustomString1": "outbound-internet", "DeviceCustomString1Label": "Rule",
    }
    if threat:
        row["Message"] = threat
    return world.emit("CommonSecurityLog", row)


def vm_connection(world, when, host, process, destination_ip, port, sent, received,
                  remote_country="United States", malicious="", threat_type=""):
    return world.emit("VMConnection", {
        "TimeGenerated": when, "Computer": host.fqdn, "Direction": "outbound",
        "ProcessName": process, "SourceIp": host.ip, "DestinationIp": destination_ip,
        "DestinationPort": port, "Protocol": "tcp", "RemoteIp": destination_ip,
        "RemoteCountry": remote_country, "BytesSent": sent, "BytesReceived": received,
        "LinksEstablished": 1, "LinksTerminated": 1, "LinksLive": 0, "LinksFailed": 0,
        "Responses": 1, "MaliciousIp": malicious, "IndicatorThreatType": threat_type,
        "ConnectionId": world.guid(), "Machine": "m-" + host.vm_uuid,
        "Process": process, "AgentId": host.vm_uuid, "SourceSystem": "Insights",
        "Type": "VMConnection", "_ResourceId": host.resource_id,
    })


def ti_indicator(world, when, threat_type, description, confidence, severity, **observable):
    row = {
        "TenantId": TENANT_ID, "TimeGenerated": when, "SourceSystem": "SecurityGraph",
        "Action": "alert", "ConfidenceScore": float(confidence), "Description": description,
        "ExpirationDateTime": when + _dt.timedelta(days=90), "IndicatorId": world.guid(),
        "ThreatType": threat_type, "Active": True, "ThreatSeverity": severity,
        "TrafficLightProtocolLevel": "Amber", "IndicatorProvider": "huntbook-sample-feed",
        "Tags": "[\"sample\"]", "Type": "ThreatIntelligenceIndicator",
    }
    row.update(observable)
    return world.emit("ThreatIntelligenceIndicator", row)


def _heartbeats(world):
    for host in world.hosts:
        linux = host.os_type == "Linux"
        for hour in range(world.days * 24):
            world.emit("Heartbeat", {
                "SourceSystem": "Linux" if linux else "OpsManager",
                "TimeGenerated": world.start + _dt.timedelta(hours=hour, seconds=17),
                "ComputerIP": host.public_ip or "52.170.14.1", "Computer": host.fqdn,
                "Category": "Direct Agent", "OSType": host.os_type,
                "OSName": "Ubuntu" if linux else "Windows Server 2022"
                if host.role != "workstation" else "Windows 11 Enterprise",
                "OSMajorVersion": "22" if linux else "10", "OSMinorVersion": "04" if linux else "0",
                "Version": "1.19.0" if linux else "10.20.18069.0",
                "IsGatewayInstalled": False, "RemoteIPLongitude": -79.4, "RemoteIPLatitude": 36.7,
                "RemoteIPCountry": "United States", "SubscriptionId": SUBSCRIPTION_ID,
                "ResourceGroup": "prod-rg", "ResourceProvider": "Microsoft.Compute",
                "Resource": host.name.lower(), "ResourceId": host.resource_id,
                "ResourceType": "virtualMachines", "ComputerEnvironment": "Azure",
                "Solutions": "security, changeTracking, vmInsights", "VMUUID": host.vm_uuid,
                "ComputerPrivateIPs": [host.ip], "Type": "Heartbeat",
                "_ResourceId": host.resource_id})


def _random_indicators(world):
    rng = world.rng
    for index in range(world.count(150)):
        when = world.any_time()
        kind = index % 3
        if kind == 0:
            ti_indicator(world, when, rng.choice(["Botnet", "C2", "Scanner"]),
                         "Feed: known malicious infrastructure", rng.randrange(40, 90),
                         rng.randrange(1, 4),
                         NetworkIP=f"185.{rng.randrange(100, 200)}.{rng.randrange(1, 255)}."
                                   f"{rng.randrange(1, 255)}")
        elif kind == 1:
            ti_indicator(world, when, "Phishing", "Feed: phishing domain", rng.randrange(40, 90),
                         rng.randrange(1, 4),
                         DomainName=f"secure-{rng.randrange(1000, 9999)}-login.example.net")
        else:
            ti_indicator(world, when, "Malware", "Feed: malware sample", rng.randrange(40, 90),
                         rng.randrange(1, 4), FileHashType="SHA256",
                         FileHashValue="%064X" % rng.getrandbits(256))


def network_baseline(world):
    rng = world.rng
    for day in range(world.days):
        for host in world.hosts:
            for _ in range(world.count(30)):
                name, answer = rng.choice(_DOMAINS)
                dns_query(world, world.work_time(day), host, name, answer)
        for _ in range(world.count(220)):
            source = rng.choice(world.hosts)
            name, answer = rng.choice(_DOMAINS)
            blocked = rng.random() < 0.03
            firewall(world, world.work_time(day), source.ip,
                     world.external_ip() if blocked else answer, 443,
                     action="deny" if blocked else "allow")
        for host in world.linux_hosts + [world.host("SQL01"), world.host("FS01")]:
            for _ in range(world.count(25)):
                name, answer = rng.choice(_DOMAINS)
                vm_connection(world, world.work_time(day), host,
                              rng.choice(["nginx", "apt", "python3", "curl"])
                              if host.os_type == "Linux" else "svchost", answer, 443,
                              rng.randrange(500, 20000), rng.randrange(1000, 2000000))
    _heartbeats(world)
    _random_indicators(world)
