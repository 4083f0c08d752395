"""Windows rows: SecurityEvent (Security log) and Sysmon events in the Event table.

Column names and types follow the Log Analytics schemas (../shared/corpus/schemas): process
ids in SecurityEvent are hex strings ("0x1a4"), LogonType is an int, Sysmon's fields live in
Event.EventData as the XML `DataItem` document the Log Analytics agent stores, with the
message text in RenderedDescription.

`Processes` is the process model: each launch allocates a pid on its host and writes the
4688 event and, on hosts running Sysmon, the matching Sysmon event 1, so a process tree can
be rebuilt from either source.
"""

import hashlib
from xml.sax.saxutils import escape

from .world import DOMAIN, TENANT_ID, iso

__all__ = ["SECURITY_ACTIVITY", "security_event", "sysmon_event", "Process", "Processes",
           "file_hashes"]

SECURITY_ACTIVITY = {
    1102: "1102 - The audit log was cleared.",
    4624: "4624 - An account was successfully logged on.",
    4625: "4625 - An account failed to log on.",
    4634: "4634 - An account was logged off.",
    4672: "4672 - Special privileges assigned to new logon.",
    4688: "4688 - A new process has been created.",
    4720: "4720 - A user account was created.",
    4732: "4732 - A member was added to a security-enabled local group.",
}
_TASK = {1102: 104, 4624: 12544, 4625: 12544, 4634: 12545, 4672: 12548, 4688: 13312,
         4720: 13824, 4732: 13826}
LOGON_TYPE_NAMES = {2: "2 - Interactive", 3: "3 - Network", 4: "4 - Batch", 5: "5 - Service",
                    7: "7 - Unlock", 10: "10 - RemoteInteractive", 11: "11 - CachedInteractive"}


def security_event(host, when, event_id, account, **fields):
    """A SecurityEvent row; `account` is DOMAIN\\name (or a machine account)."""
    row = {
        "TenantId": TENANT_ID,
        "TimeGenerated": when,
        "SourceSystem": "OpsManager",
        "Account": account,
        "AccountType": "Machine" if account.endswith("$") else "User",
        "Computer": host.fqdn,
        "EventSourceName": ("Microsoft-Windows-Eventlog" if event_id == 1102
                            else "Microsoft-Windows-Security-Auditing"),
        "Channel": "Security",
        "Task": _TASK.get(event_id, 0),
        "Level": "16" if event_id == 4625 else "8",
        "EventID": event_id,
        "Activity": SECURITY_ACTIVITY[event_id],
        "Type": "SecurityEvent",
        "_ResourceId": host.resource_id,
    }
    if "LogonType" in fields:
        fields.setdefault("LogonTypeName", LOGON_TYPE_NAMES.get(fields["LogonType"], ""))
    row.update(fields)
    return row


def file_hashes(image):
    """Stable fake hashes of an executable path (the same file has the same hashes)."""
    name = image.lower().rsplit("\\", 1)[-1].encode()
    return {
        "MD5": hashlib.md5(name).hexdigest().upper(),
        "SHA1": hashlib.sha1(name).hexdigest().upper(),
        "SHA256": hashlib.sha256(name).hexdigest().upper(),
    }


_SYSMON_TITLES = {1: "Process Create", 3: "Network connection detected",
                  10: "Process accessed", 11: "File created"}


def sysmon_event(host, when, event_id, data):
    """An Event row from Sysmon: `data` is the ordered (name, value) list of EventData."""
    data = [("RuleName", "-"), ("UtcTime", when.strftime("%Y-%m-%d %H:%M:%S.")
                                 + f"{when.microsecond // 1000:03d}")] + list(data)
    items = "".join(f'<Data Name="{name}">{escape(str(value))}</Data>' for name, value in data)
    xml = (f'<DataItem type="System.XmlData" time="{iso(when)}" '
           f'sourceHealthServiceId="{host.vm_uuid}"><EventData '
           f'xmlns="http://schemas.microsoft.com/win/2004/08/events/event">{items}'
           f'</EventData></DataItem>')
    rendered = _SYSMON_TITLES[event_id] + ":\r\n" + "\r\n".join(
        f"{name}: {value}" for name, value in data)
    return {
        "SourceSystem": "OpsManager",
        "TimeGenerated": when,
        "Source": "Microsoft-Windows-Sysmon",
        "EventLog": "Microsoft-Windows-Sysmon/Operational",
        "Computer": host.fqdn,
        "EventLevel": 4,
        "EventLevelName": "Information",
        "EventData": xml,
        "EventID": event_id,
        "RenderedDescription": rendered,
        "EventCategory": event_id,
        "UserName": "NT AUTHORITY\\SYSTEM",
        "ManagementGroupName": "AOI-" + TENANT_ID,
        "Type": "Event",
        "_ResourceId": host.resource_id,
    }


class Process:
    def __init__(self, host, pid, image, command_line, user, logon_id, guid, parent, when):
        self.host = host
        self.pid = pid
        self.image = image
        self.command_line = command_line
        self.user = user              # User, or None for SYSTEM
        self.logon_id = logon_id
        self.guid = guid
        self.parent = parent
        self.when = when

    @property
    def account_name(self):
        return self.user.sam if self.user else self.host.name + "$"

    @property
    def account(self):
        return (f"{DOMAIN}\\{self.user.sam}" if self.user
                else f"{DOMAIN}\\{self.host.name}$")

    @property
    def sysmon_user(self):
        return f"{DOMAIN}\\{self.user.sam}" if self.user else "NT AUTHORITY\\SYSTEM"


class Processes:
    """Launches processes: allocates pids per host, writes 4688 and Sysmon 1 rows."""

    def __init__(self, world, sysmon_hosts):
        self.world = world
        self.sysmon_hosts = {h.name for h in sysmon_hosts}
        self._next_pid = {}
        self.roots = {}

    def root(self, host):
        """services.exe of the host: the parent of system processes (not logged itself)."""
        if host.name not in self.roots:
            self.roots[host.name] = Process(host, 712, r"C:\Windows\System32\services.exe",
                                            r"C:\Windows\system32\services.exe", None, "0x3e7",
                                            "{" + self.world.guid() + "}", None, self.world.start)
        return self.roots[host.name]

    def _pid(self, host):
        pid = self._next_pid.get(host.name, 1000 + self.world.rng.randrange(0, 4000, 4))
        self._next_pid[host.name] = pid + 4 * self.world.rng.randrange(1, 60)
        if self._next_pid[host.name] > 60000:
            self._next_pid[host.name] = 1000
        return pid

    def launch(self, when, parent, image, command_line, user=None, logon_id=None,
               elevated=False):
        host = parent.host
        world = self.world
        if user is None and parent.user is not None:
            user = parent.user
        logon_id = logon_id or parent.logon_id
        process = Process(host, self._pid(host), image, command_line, user, logon_id,
                          "{" + world.guid() + "}", parent, when)
        subject = process.user
        world.emit("SecurityEvent", security_event(
            host, when, 4688, process.account,
            SubjectUserName=process.account_name,
            SubjectDomainName=DOMAIN,
            SubjectUserSid=subject.sid if subject else "S-1-5-18",
            SubjectLogonId=logon_id,
            NewProcessId=hex(process.pid),
            NewProcessName=image,
            ProcessId=hex(parent.pid),
            ParentProcessName=parent.image,
            CommandLine=command_line,
            TokenElevationType="%%1937" if elevated else "%%1936",
            MandatoryLabel="S-1-16-12288" if elevated else "S-1-16-8192",
            TargetUserName="-", TargetDomainName="-", TargetLogonId="0x0"))
        if host.name in self.sysmon_hosts:
            hashes = file_hashes(image)
            world.emit("Event", sysmon_event(host, when, 1, [
                ("ProcessGuid", process.guid), ("ProcessId", process.pid), ("Image", image),
                ("OriginalFileName", image.rsplit("\\", 1)[-1]),
                ("CommandLine", command_line),
                ("CurrentDirectory", "C:\\Users\\" + user.sam + "\\" if user
                 else "C:\\Windows\\system32\\"),
                ("User", process.sysmon_user), ("LogonId", logon_id),
                ("IntegrityLevel", "High" if elevated or not user else "Medium"),
                ("Hashes", ",".join(f"{k}={v}" for k, v in hashes.items())),
                ("ParentProcessGuid", parent.guid), ("ParentProcessId", parent.pid),
                ("ParentImage", parent.image), ("ParentCommandLine", parent.command_line)]))
        return process

    def connect(self, when, process, destination_ip, destination_port, hostname="-"):
        """Sysmon 3 (on Sysmon hosts): `process` opened a TCP connection."""
        host = process.host
        if host.name not in self.sysmon_hosts:
            return
        self.world.emit("Event", sysmon_event(host, when, 3, [
            ("ProcessGuid", process.guid), ("ProcessId", process.pid),
            ("Image", process.image), ("User", process.sysmon_user), ("Protocol", "tcp"),
            ("Initiated", "true"), ("SourceIp", host.ip),
            ("SourcePort", self.world.rng.randrange(49152, 65535)),
            ("DestinationIp", destination_ip), ("DestinationHostname", hostname),
            ("DestinationPort", destination_port)]))

    def create_file(self, when, process, path):
        """Sysmon 11 (on Sysmon hosts): `process` created `path`."""
        host = process.host
        if host.name not in self.sysmon_hosts:
            return
        self.world.emit("Event", sysmon_event(host, when, 11, [
            ("ProcessGuid", process.guid), ("ProcessId", process.pid),
            ("Image", process.image), ("TargetFilename", path),
            ("CreationUtcTime", when.strftime("%Y-%m-%d %H:%M:%S.000")),
            ("User", process.sysmon_user)]))

    def access(self, when, source, target, granted_access):
        """Sysmon 10: `source` opened a handle to `target` (e.g. lsass.exe)."""
        host = source.host
        if host.name not in self.sysmon_hosts:
            return
        self.world.emit("Event", sysmon_event(host, when, 10, [
            ("SourceProcessGUID", source.guid), ("SourceProcessId", source.pid),
            ("SourceThreadId", self.world.rng.randrange(1000, 9000)),
            ("SourceImage", source.image), ("TargetProcessGUID", target.guid),
            ("TargetProcessId", target.pid), ("TargetImage", target.image),
            ("GrantedAccess", granted_access),
            ("CallTrace", r"C:\Windows\SYSTEM32\ntdll.dll+9d234|UNKNOWN(00000000001A0B5C)"),
            ("SourceUser", source.sysmon_user), ("TargetUser", "NT AUTHORITY\\SYSTEM")]))
