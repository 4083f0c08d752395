"""Linux rows in Syslog: sshd, cron, sudo, systemd, and auditd execve records (AUOMS_EXECVE,
the form the Log Analytics agent's auoms writes: `type=AUOMS_EXECVE audit(<epoch>:<serial>):
... cmdline=<command line> containerid=`)."""

import datetime as _dt

__all__ = ["syslog", "execve", "linux_baseline"]

def syslog(world, host, when, facility, severity, process, pid, message):
    return world.emit("Syslog", {
        "SourceSystem": "Linux",
        "TimeGenerated": when,
        "Computer": host.name,
        "EventTime": when.replace(microsecond=0),
        "Facility": facility,
        "HostName": host.name,
        "SeverityLevel": severity,
        "SyslogMessage": message,
        "ProcessID": pid,
        "HostIP": host.ip,
        "ProcessName": process,
        "Type": "Syslog",
        "_ResourceId": host.resource_id,
    })


_UIDS = {"root": 0, "www-data": 33, "postgres": 112, "deploy": 1001, "backup": 1002}


def execve(world, host, when, user, exe, cmdline, ppid=None, pid=None, cwd="/", success=True):
    """An auditd execve record of `cmdline` run by `user` (a local account name)."""
    rng = world.rng
    uid = _UIDS.get(user, 1100)
    world.audit_serial += rng.randrange(1, 40)
    pid = pid or rng.randrange(2000, 60000)
    ppid = ppid or rng.randrange(900, 2000)
    epoch = when.timestamp()
    comm = exe.rsplit("/", 1)[-1][:15]
    message = (
        f'type=AUOMS_EXECVE audit({epoch:.3f}:{world.audit_serial}): SchemaVersion="1" '
        f'auoms_version=2.5.2.0 node={host.name} arch=x86_64 syscall=execve syscall_r=59 '
        f'success={"yes" if success else "no"} exit={0 if success else -2} ppid={ppid} '
        f'pid={pid} audit_user={user} auid={uid} user={user} uid={uid} group={user} gid={uid} '
        f'effective_user={user} euid={uid} tty={"pts0" if user == "deploy" else "(none)"} '
        f'ses="{rng.randrange(1, 400)}" comm="{comm}" exe="{exe}" key="" cwd="{cwd}" '
        f'name="{exe}" cmdline={cmdline} containerid=')
    return syslog(world, host, when, "user", "info", "auoms", rng.randrange(700, 900), message)


_COMMANDS = [
    ("deploy", "/usr/bin/ls", "ls -la /var/www/html"),
    ("deploy", "/usr/bin/systemctl", "systemctl status nginx"),
    ("deploy", "/usr/bin/git", "git -C /opt/app pull --ff-only"),
    ("root", "/usr/bin/cat", "cat /etc/os-release"),
    ("root", "/usr/bin/apt-get", "apt-get -qq update"),
    ("www-data", "/usr/bin/php", "php /var/www/html/cron.php"),
    ("www-data", "/usr/bin/curl", "curl -s http://localhost/health"),
    ("postgres", "/usr/bin/pg_dump", "pg_dump -Fc appdb -f /var/backups/appdb.dump"),
    ("backup", "/usr/bin/tar", "tar czf /backup/etc.tgz /etc"),
    ("backup", "/usr/bin/base64", "base64 -w0 /opt/app/static/logo.png"),
    ("root", "/usr/bin/python3", "python3 /opt/app/manage.py clearsessions"),
    ("deploy", "/usr/bin/grep", "grep -i error /var/log/nginx/error.log"),
]


def _host_day(world, host, day):
    rng = world.rng
    for _ in range(world.count(40)):
        user, exe, cmdline = rng.choice(_COMMANDS)
        execve(world, host, world.work_time(day), user, exe, cmdline,
               cwd="/home/deploy" if user == "deploy" else "/")
    for hour in range(24):
        when = world.day(day) + _dt.timedelta(hours=hour, seconds=rng.uniform(0, 5))
        syslog(world, host, when, "cron", "info", "CRON", rng.randrange(10000, 60000),
               "(root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)")
    for _ in range(world.count(4)):
        when = world.work_time(day)
        syslog(world, host, when, "authpriv", "info", "sshd", rng.randrange(10000, 60000),
               f"Accepted publickey for deploy from 10.0.0.8 port {rng.randrange(40000, 65000)} "
               "ssh2: RSA SHA256:Xq1V9m3kq0k2yF8l2dCqYtA7rQJ4cP0kJt3H5mN8aBc")
        syslog(world, host, when + _dt.timedelta(seconds=40), "authpriv", "notice", "sudo",
               rng.randrange(10000, 60000),
               "deploy : TTY=pts/0 ; PWD=/home/deploy ; USER=root ; "
               "COMMAND=/usr/bin/systemctl restart app")
    if host.public_ip:  # internet background noise against exposed hosts, from a few scanners
        for _ in range(world.count(10)):
            name = rng.choice(["admin", "test", "ubuntu", "oracle", "user", "git", "pi"])
            syslog(world, host, world.day(day) + _dt.timedelta(seconds=rng.uniform(0, 86400)),
                   "authpriv", "info", "sshd", rng.randrange(10000, 60000),
                   f"Failed password for invalid user {name} from {rng.choice(world.scanner_ips)} port "
                   f"{rng.randrange(30000, 65000)} ssh2")
    syslog(world, host, world.day(day) + _dt.timedelta(hours=6, minutes=25), "daemon", "info",
           "systemd", 1, "Started Daily apt upgrade and clean activities.")


def linux_baseline(world):
    for day in range(world.days):
        for host in world.linux_hosts:
            _host_day(world, host, day)
