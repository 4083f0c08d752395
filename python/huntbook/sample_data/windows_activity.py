"""Everyday Windows activity: logons, applications, system processes, typos, admin work."""

import datetime as _dt

from .windows_events import Process, security_event
from .world import DOMAIN

__all__ = ["windows_baseline", "logon", "interactive_session"]

_OFFICE = r"C:\Program Files\Microsoft Office\root\Office16"
_APPS = [
    (r"C:\Program Files\Google\Chrome\Application\chrome.exe",
     '"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe" --type=renderer', 443),
    (_OFFICE + r"\OUTLOOK.EXE", '"' + _OFFICE + '\\OUTLOOK.EXE" /recycle', 443),
    (r"C:\Users\{user}\AppData\Local\Microsoft\Teams\current\Teams.exe",
     '"C:\\Users\\{user}\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe" '
     '--process-start-args "--profile=AAD"', 443),
    (_OFFICE + r"\WINWORD.EXE", '"' + _OFFICE + '\\WINWORD.EXE" /n "C:\\Users\\{user}\\'
     'Documents\\{doc}.docx"', None),
    (_OFFICE + r"\EXCEL.EXE", '"' + _OFFICE + '\\EXCEL.EXE" "C:\\Users\\{user}\\Documents\\'
     '{doc}.xlsx"', None),
    (r"C:\Windows\System32\notepad.exe", '"C:\\Windows\\system32\\notepad.exe" '
     'C:\\Users\\{user}\\Desktop\\notes.txt', None),
    (r"C:\Windows\System32\cmd.exe", '"C:\\Windows\\system32\\cmd.exe" /c ipconfig /all', None),
    (r"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe",
     'powershell.exe -NoProfile -File "C:\\IT\\Scripts\\Map-Drives.ps1"', None),
]
_DOCS = ["Q3-budget", "team-offsite", "vendor-contract", "headcount-plan", "roadmap",
         "expense-report", "minutes", "status-update"]
_SYSTEM = [
    (r"C:\Windows\System32\svchost.exe", r"C:\Windows\system32\svchost.exe -k netsvcs -p"),
    (r"C:\Windows\System32\svchost.exe", r"C:\Windows\System32\svchost.exe -k UnistackSvcGroup"),
    (r"C:\Windows\System32\taskhostw.exe", "taskhostw.exe Install $(Arg0)"),
    (r"C:\ProgramData\Microsoft\Windows Defender\Platform\4.18.24090.11-0\MsMpEng.exe",
     '"C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0\\MsMpEng.exe"'),
    (r"C:\Windows\System32\wuauclt.exe", '"C:\\Windows\\system32\\wuauclt.exe" /RunHandlerComServer'),
    (r"C:\Windows\System32\backgroundTaskHost.exe",
     '"C:\\Windows\\system32\\backgroundTaskHost.exe" -ServerName:BackgroundTaskHost.WebAccountProvider'),
    (r"C:\Windows\System32\conhost.exe", r"\??\C:\Windows\system32\conhost.exe 0xffffffff -ForceV1"),
    (r"C:\Windows\System32\gpupdate.exe", "gpupdate.exe /target:computer"),
]
_SERVER_TASKS = {
    "FS01": [(r"C:\Windows\System32\cmd.exe", r'C:\Windows\system32\cmd.exe /c "C:\Scripts\backup.cmd"'),
             (r"C:\Windows\System32\robocopy.exe", r"robocopy D:\Shares \\backup01\fs01 /MIR /R:1")],
    "SQL01": [(r"C:\Program Files\Microsoft SQL Server\MSSQL15.MSSQLSERVER\MSSQL\Binn\sqlagent.exe",
               r'"C:\Program Files\Microsoft SQL Server\MSSQL15.MSSQLSERVER\MSSQL\Binn\SQLAGENT.EXE" -i MSSQLSERVER')],
    "DC01": [(r"C:\Windows\System32\dfsrs.exe", r"C:\Windows\system32\DFSRs.exe"),
             (r"C:\Windows\System32\repadmin.exe", "repadmin /syncall /AdeP")],
}


def logon(world, host, when, user, logon_type, ip="-", workstation="-", package="Kerberos"):
    """A 4624 for `user` on `host`; returns the new logon id."""
    logon_id = world.hex_id(0x100000, 0xfffffff)
    world.emit("SecurityEvent", security_event(
        host, when, 4624, user.account, TargetUserName=user.sam, TargetDomainName=DOMAIN,
        TargetUserSid=user.sid, TargetLogonId=logon_id, LogonType=logon_type,
        IpAddress=ip, IpPort="0" if ip == "-" else str(world.rng.randrange(49152, 65535)),
        WorkstationName=workstation,
        LogonProcessName="User32 " if logon_type in (2, 7, 10) else "Kerberos",
        AuthenticationPackageName="Negotiate" if logon_type in (2, 7, 10) else package,
        SubjectUserName=host.name + "$", SubjectDomainName=DOMAIN, SubjectUserSid="S-1-5-18",
        SubjectLogonId="0x3e7",
        ProcessName=r"C:\Windows\System32\svchost.exe" if logon_type != 3 else "-"))
    return logon_id


def _logoff(world, host, when, user, logon_id, logon_type):
    world.emit("SecurityEvent", security_event(
        host, when, 4634, user.account, TargetUserName=user.sam, TargetDomainName=DOMAIN,
        TargetUserSid=user.sid, TargetLogonId=logon_id, LogonType=logon_type))


def failed_logon(world, host, when, account_name, ip, logon_type=3, sub_status="0xc000006a",
                 workstation="-"):
    """A 4625: `sub_status` 0xc000006a = wrong password, 0xc0000064 = no such user."""
    world.emit("SecurityEvent", security_event(
        host, when, 4625, f"{DOMAIN}\\{account_name}", TargetUserName=account_name,
        TargetDomainName=DOMAIN, LogonType=logon_type, IpAddress=ip,
        IpPort=str(world.rng.randrange(49152, 65535)), WorkstationName=workstation,
        Status="0xc000006d", SubStatus=sub_status, FailureReason="%%2313",
        LogonProcessName="NtLmSsp ", AuthenticationPackageName="NTLM",
        SubjectUserName="-", SubjectLogonId="0x0"))


def special_privileges(world, host, when, user, logon_id):
    world.emit("SecurityEvent", security_event(
        host, when, 4672, user.account, SubjectUserName=user.sam, SubjectDomainName=DOMAIN,
        SubjectUserSid=user.sid, SubjectLogonId=logon_id,
        PrivilegeList="SeSecurityPrivilege\r\n\t\t\tSeBackupPrivilege\r\n\t\t\tSeRestorePrivilege"
                      "\r\n\t\t\tSeTakeOwnershipPrivilege\r\n\t\t\tSeDebugPrivilege"))


def interactive_session(world, processes, host, user, when, logon_type=2):
    """Logon + userinit/explorer; returns explorer.exe's Process (parent of user apps)."""
    logon_id = logon(world, host, when, user, logon_type)
    winlogon = Process(host, 604, r"C:\Windows\System32\winlogon.exe", "winlogon.exe", None,
                       "0x3e7", "{" + world.guid() + "}", None, when)
    userinit = processes.launch(when + _dt.timedelta(seconds=2), winlogon,
                                r"C:\Windows\System32\userinit.exe",
                                r"C:\Windows\system32\userinit.exe", user=user,
                                logon_id=logon_id)
    return processes.launch(when + _dt.timedelta(seconds=3), userinit,
                            r"C:\Windows\explorer.exe", r"C:\Windows\Explorer.EXE",
                            logon_id=logon_id)


def _workstation_day(world, processes, host, day):
    rng = world.rng
    user = host.user
    if world.day(day).weekday() >= 5 and rng.random() < 0.8:
        return
    start = world.day(day) + _dt.timedelta(hours=7, minutes=rng.randrange(0, 90))
    explorer = interactive_session(world, processes, host, user, start)
    for _ in range(world.count(30)):
        when = start + _dt.timedelta(seconds=rng.uniform(60, 9.5 * 3600))
        image, command, port = rng.choice(_APPS)
        command = command.format(user=user.sam, doc=rng.choice(_DOCS))
        app = processes.launch(when, explorer, image.format(user=user.sam), command)
        if port:
            for _ in range(rng.randrange(1, 3)):
                processes.connect(when + _dt.timedelta(seconds=rng.uniform(1, 30)), app,
                                  world.external_ip(), port)
        elif rng.random() < 0.5:
            processes.create_file(when + _dt.timedelta(seconds=5), app,
                                  f"C:\\Users\\{user.sam}\\AppData\\Local\\Temp\\"
                                  f"~$tmp{rng.randrange(1000, 9999)}.tmp")
    _logoff(world, host, start + _dt.timedelta(hours=10), user, explorer.logon_id, 2)


def _system_day(world, processes, host, day):
    rng = world.rng
    root = processes.root(host)
    tasks = _SYSTEM + _SERVER_TASKS.get(host.name, [])
    for _ in range(world.count(10)):
        image, command = rng.choice(tasks)
        processes.launch(world.day(day) + _dt.timedelta(seconds=rng.uniform(0, 86400)), root,
                         image, command, logon_id="0x3e7")


def _network_logons(world, day):
    rng = world.rng
    dc, fs = world.host("DC01"), world.host("FS01")
    for ws in world.workstations():
        for target, per_day in ((dc, 8), (fs, 4)):
            for _ in range(world.count(per_day)):
                when = world.work_time(day)
                logon_id = logon(world, target, when, ws.user, 3, ip=ws.ip, workstation=ws.name)
                _logoff(world, target, when + _dt.timedelta(seconds=rng.uniform(1, 600)),
                        ws.user, logon_id, 3)
    # occasional mistyped passwords
    for _ in range(rng.randrange(0, 3)):
        ws = rng.choice(world.workstations())
        failed_logon(world, ws, world.work_time(day), ws.user.sam, "127.0.0.1", logon_type=2,
                     workstation=ws.name)
    # remote workers through the RDP gateway, from home addresses
    gateway = world.host("RDS-GW01")
    for _ in range(world.count(3)):
        user = rng.choice(world.users[8:30])
        when = world.work_time(day)
        logon_id = logon(world, gateway, when, user, 10, ip=world.external_ip(),
                         workstation="HOME-" + user.sam.upper()[:8])
        _logoff(world, gateway, when + _dt.timedelta(hours=rng.uniform(0.5, 4)), user,
                logon_id, 10)


def _admin_day(world, processes, day):
    rng = world.rng
    if world.day(day).weekday() >= 5:
        return
    admin = world.admin
    for server in rng.sample([world.host(n) for n in ("DC01", "FS01", "SQL01")], 2):
        when = world.work_time(day)
        explorer = interactive_session(world, processes, server, admin, when, logon_type=10)
        special_privileges(world, server, when, admin, explorer.logon_id)
        processes.launch(when + _dt.timedelta(minutes=3), explorer,
                         r"C:\Windows\System32\mmc.exe",
                         '"C:\\Windows\\system32\\mmc.exe" "C:\\Windows\\system32\\dsa.msc"',
                         elevated=True)
        processes.launch(when + _dt.timedelta(minutes=7), explorer,
                         r"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe",
                         "powershell.exe -Command Get-ADUser -Filter * -Properties LastLogonDate",
                         elevated=True)


def windows_baseline(world, processes):
    for day in range(world.days):
        for host in world.workstations():
            _workstation_day(world, processes, host, day)
        for host in world.windows_hosts:
            _system_day(world, processes, host, day)
        _network_logons(world, day)
        _admin_day(world, processes, day)
