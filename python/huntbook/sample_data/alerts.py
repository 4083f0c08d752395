"""SecurityAlert rows with Entities and ExtendedProperties as JSON text (Sentinel's shape:
an array of entities with "$id", "Type" and "$ref" links between them)."""

import datetime as _dt
import json

from .world import DOMAIN, SUBSCRIPTION_ID, TENANT_ID, iso

__all__ = ["Entities", "security_alert", "alert_baseline", "analyst_bookmarks"]


class Entities:
    """Builds a Sentinel entity list; each add returns the entity's "$id"."""

    def __init__(self):
        self.items = []

    def _add(self, entity):
        entity = {"$id": str(len(self.items) + 2), **entity}
        self.items.append(entity)
        return entity["$id"]

    def host(self, host):
        return self._add({"HostName": host.name, "DnsDomain": "contoso.local" if
                          host.os_type == "Windows" else "", "OSFamily": host.os_type,
                          "Type": "host"})

    def account(self, user, host_ref=None):
        entity = {"Name": user.sam, "NTDomain": DOMAIN, "Sid": user.sid,
                  "UPNSuffix": "contoso.com", "Type": "account"}
        if host_ref:
            entity["Host"] = {"$ref": host_ref}
        return self._add(entity)

    def process(self, process, host_ref, account_ref=None):
        directory, name = process.image.rsplit("\\", 1)
        entity = {"ProcessId": str(process.pid), "CommandLine": process.command_line,
                  "CreationTimeUtc": iso(process.when),
                  "ImageFile": {"$id": str(len(self.items) + 100), "Directory": directory,
                                "Name": name, "Type": "file"},
                  "Host": {"$ref": host_ref}, "Type": "process"}
        if account_ref:
            entity["Account"] = {"$ref": account_ref}
        return self._add(entity)

    def ip(self, address):
        return self._add({"Address": address, "Type": "ip"})

    def dns(self, domain):
        return self._add({"DomainName": domain, "Type": "dns"})

    def file_hash(self, algorithm, value):
        return self._add({"Algorithm": algorithm, "Value": value, "Type": "filehash"})

    def json(self):
        return json.dumps(self.items, separators=(",", ":"))


def security_alert(world, when, name, severity, description, entities, compromised, tactics,
                   techniques, product="Microsoft Defender for Endpoint", properties=None,
                   host=None, duration=_dt.timedelta(minutes=5)):
    alert_id = world.guid()
    return world.emit("SecurityAlert", {
        "TimeGenerated": when + duration + _dt.timedelta(minutes=2), "DisplayName": name,
        "AlertName": name, "AlertSeverity": severity, "Description": description,
        "ProviderName": "MDATP" if "Endpoint" in product else "ASI Scheduled Alerts",
        "VendorName": "Microsoft", "VendorOriginalId": world.guid(), "SystemAlertId": alert_id,
        "ResourceId": host.resource_id if host else "", "SourceComputerId": host.vm_uuid if host
        else "", "AlertType": name.replace(" ", ""), "ConfidenceLevel": "Unknown",
        "IsIncident": False, "StartTime": when, "EndTime": when + duration,
        "ProcessingEndTime": when + duration + _dt.timedelta(minutes=1),
        "RemediationSteps": "[\"Review the entities and isolate the machine if confirmed\"]",
        "ExtendedProperties": json.dumps(properties or {}, separators=(",", ":")),
        "Entities": entities.json(), "WorkspaceSubscriptionId": SUBSCRIPTION_ID,
        "WorkspaceResourceGroup": "soc-rg", "ProductName": product,
        "AlertLink": f"https://security.microsoft.com/alerts/{alert_id}", "Status": "New",
        "CompromisedEntity": compromised, "Tactics": tactics,
        "Techniques": json.dumps(techniques), "Type": "SecurityAlert",
    })


def alert_baseline(world):
    """Routine low-severity alerts: blocked test malware, SSH brute force noise, travel."""
    rng = world.rng
    for day in range(0, world.days, 2):
        when = world.work_time(day)
        kind = rng.randrange(3)
        entities = Entities()
        if kind == 0:
            host = world.host("WS-ENG-11")
            entities.host(host)
            entities.file_hash("SHA256", "275A021BBFB6489E54D471899F7DB9D1663FC695EC2FE2A2C4538AABF651FD0F")
            security_alert(world, when, "Malware detected and quarantined", "Informational",
                           "Defender quarantined EICAR-Test-File in the Downloads folder.",
                           entities, host.name, "Execution", ["T1204"], host=host)
        elif kind == 1:
            host = rng.choice([h for h in world.linux_hosts if h.public_ip])
            entities.host(host)
            entities.ip(world.external_ip())
            security_alert(world, when, "SSH brute force attempt", "Low",
                           "Many failed SSH logons from one address; no success.", entities,
                           host.name, "CredentialAccess", ["T1110"],
                           product="Azure Sentinel", host=host)
        else:
            user = rng.choice(world.users)
            entities.account(user)
            entities.ip(world.external_ip())
            security_alert(world, when, "Sign-in from unfamiliar location", "Low",
                           "The user signed in from a location not seen in 30 days.", entities,
                           user.upn, "InitialAccess", ["T1078"], product="Azure Sentinel")


def analyst_bookmarks(world, stories):
    """HuntingBookmark rows an analyst left earlier: the password spray's success and the
    macro's PowerShell (one updated, one bookmark created and later deleted)."""
    spray = stories["password_spray"]
    macro = stories["office_encoded_powershell"]
    analyst = world.admin.upn
    marks = [
        ("Spray success for " + spray["compromised_upn"], spray["success_time"],
         {"IPAddress": spray["attacker_ip"], "UserPrincipalName": spray["compromised_upn"],
          "ResultType": "0", "__entityMapping": {spray["attacker_ip"]: "Ip",
                                                 spray["compromised_upn"]: "Account"}},
         "AzureSignins.password_spray_success", "Sign-in succeeded right after the spray.",
         ["spray", "initial-access"], False),
        ("Word spawned encoded PowerShell", macro["time"],
         {"Computer": macro["host"], "Account": macro["account"],
          "CommandLine": macro["command_line"][:80],
          "__entityMapping": {macro["host"]: "Host", macro["account"]: "Account"}},
         "WindowsSecurity.office_apps_spawning_processes", "Macro execution on the finance "
         "workstation; see the decoded command.", ["macro", "execution"], False),
        ("Noisy chrome renderer", macro["time"], {"Computer": macro["host"]},
         "WindowsSecurity.rare_processes", "False positive.", ["fp"], True),
    ]
    for name, event_time, row, query, notes, tags, deleted in marks:
        event = _dt.datetime.fromisoformat(event_time.replace("Z", "+00:00"))
        created = event + _dt.timedelta(hours=20)
        bookmark_id = world.guid()
        versions = [created] + ([created + _dt.timedelta(hours=1)] if deleted else [])
        for index, when in enumerate(versions):
            world.emit("HuntingBookmark", {
                "TenantId": TENANT_ID, "TimeGenerated": when, "BookmarkId": bookmark_id,
                "BookmarkName": name, "BookmarkType": "Bookmark", "CreatedBy": analyst,
                "UpdatedBy": analyst, "CreatedTime": created, "LastUpdatedTime": when,
                "EventTime": event, "QueryText": query,
                "QueryResultRow": json.dumps(row, separators=(",", ":")),
                "QueryStartTime": event - _dt.timedelta(days=1),
                "QueryEndTime": event + _dt.timedelta(days=1), "Notes": notes,
                "Entities": json.dumps([{"Type": t, "Value": v}
                                        for v, t in row.get("__entityMapping", {}).items()]),
                "SoftDeleted": deleted and index == len(versions) - 1,
                "Tags": json.dumps(tags), "SourceSystem": "Azure", "Type": "HuntingBookmark"})
