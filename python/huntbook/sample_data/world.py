"""The simulated organisation: hosts, users, addresses, the clock, and the row collector.

Everything random comes from one `random.Random(seed)`, and every time is derived from the
fixed `end`, so the same (seed, end, scale) always produces byte-identical files.
"""

import datetime as _dt
import hashlib
import random
import uuid

__all__ = ["World", "Host", "User", "iso", "TENANT_ID", "SUBSCRIPTION_ID", "DOMAIN"]

TENANT_ID = "5b7c8e1a-3f0d-4d52-9a61-2f4e7d9c0b11"
SUBSCRIPTION_ID = "d3b07384-d9a0-4c5b-9f6e-1a2b3c4d5e6f"
DOMAIN = "CONTOSO"
MAIL_DOMAIN = "contoso.com"
AD_SUFFIX = "contoso.local"


def iso(when):
    """Kusto-style UTC text with milliseconds: 2026-10-31T09:14:03.120Z."""
    return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


class Host:
    def __init__(self, name, ip, os_type, role, user=None, public_ip=None):
        self.name = name                      # short name, e.g. WS-FIN-07
        self.fqdn = f"{name}.{AD_SUFFIX}" if os_type == "Windows" else name
        self.ip = ip
        self.os_type = os_type                # "Windows" or "Linux"
        self.role = role                      # workstation, server, domain-controller...
        self.user = user                      # primary interactive user (workstations)
        self.public_ip = public_ip
        self.resource_id = (f"/subscriptions/{SUBSCRIPTION_ID}/resourcegroups/prod-rg/providers/"
                            f"microsoft.compute/virtualmachines/{name.lower()}")
        self.vm_uuid = str(uuid.UUID(hashlib.md5(name.encode()).hexdigest()))


class User:
    def __init__(self, sam, display, department, country="US", city="Seattle"):
        self.sam = sam
        self.display = display
        self.department = department
        self.upn = f"{sam}@{MAIL_DOMAIN}"
        self.account = f"{DOMAIN}\\{sam}"
        self.sid = "S-1-5-21-3623811015-3361044348-30300820-" + str(
            1100 + int(hashlib.md5(sam.encode()).hexdigest()[:4], 16) % 8000)
        self.object_id = str(uuid.UUID(hashlib.md5(("user:" + sam).encode()).hexdigest()))
        self.country = country
        self.city = city


_FIRST = ["Anna", "Ben", "Carla", "David", "Elena", "Frank", "Grace", "Henry", "Irene", "Jack",
          "Karen", "Liam", "Maria", "Nathan", "Olivia", "Peter", "Quinn", "Rosa", "Sam", "Tina",
          "Umar", "Vera", "Walter", "Xena", "Yusuf", "Zoe", "Alan", "Beth", "Chris", "Diana",
          "Ethan", "Fiona", "Greg", "Hana", "Ivan", "Julia", "Kevin", "Laura", "Mike", "Nora"]
_LAST = ["Martin", "Miller", "Nguyen", "Garcia", "Smith", "Chen", "Patel", "Johnson", "Brown",
         "Lopez", "Wilson", "Kim", "Clark", "Lewis", "Walker", "Young", "Allen", "King", "Wright",
         "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts",
         "Carter", "Phillips", "Evans", "Turner", "Torres", "Parker", "Collins", "Edwards",
         "Stewart", "Flores", "Morris", "Murphy"]
_DEPARTMENTS = ["Finance", "HR", "Engineering", "Sales", "IT", "Legal"]


class World:
    """The organisation and the time frame; `rows[table]` collects generated rows."""

    def __init__(self, seed, end, days=30, scale=1.0):
        self.rng = random.Random(seed)
        self.end = end
        self.days = days
        self.start = end - _dt.timedelta(days=days)
        self.scale = scale
        self.rows = {}
        self.audit_serial = 84000   # auditd's record serial, increasing
        self._users_by_sam = {}
        self.users = []
        for index in range(40):
            first, last = _FIRST[index], _LAST[index]
            user = User((first[0] + last).lower(), f"{first} {last}",
                        _DEPARTMENTS[index % len(_DEPARTMENTS)])
            self.users.append(user)
            self._users_by_sam[user.sam] = user
        self.admin = self.add_user(User("adm-jclark", "Julia Clark (admin)", "IT"))
        w = self.user
        self.windows_hosts = [
            Host("DC01", "10.0.1.4", "Windows", "domain-controller"),
            Host("FS01", "10.0.1.10", "Windows", "file-server"),
            Host("SQL01", "10.0.1.20", "Windows", "database"),
            Host("RDS-GW01", "10.0.0.5", "Windows", "rdp-gateway", public_ip="52.170.14.88"),
            Host("WS-FIN-07", "10.0.2.37", "Windows", "workstation", user=w("amartin")),
            Host("WS-HR-02", "10.0.2.12", "Windows", "workstation", user=w("bmiller")),
            Host("WS-ENG-11", "10.0.3.41", "Windows", "workstation", user=w("cnguyen")),
            Host("WS-ENG-14", "10.0.3.44", "Windows", "workstation", user=w("dgarcia")),
        ]
        self.linux_hosts = [
            Host("web-lnx-01", "10.0.4.10", "Linux", "web", public_ip="52.170.14.90"),
            Host("web-lnx-02", "10.0.4.11", "Linux", "web", public_ip="52.170.14.91"),
            Host("db-lnx-01", "10.0.4.20", "Linux", "database"),
        ]
        self.hosts = self.windows_hosts + self.linux_hosts
        # internet scanners that knock on exposed SSH every day
        self.scanner_ips = [self.external_ip() for _ in range(12)]

    def add_user(self, user):
        self._users_by_sam[user.sam] = user
        return user

    def user(self, sam):
        return self._users_by_sam[sam]

    def host(self, name):
        return next(h for h in self.hosts if h.name == name)

    def workstations(self):
        return [h for h in self.windows_hosts if h.role == "workstation"]

    # ---- the clock -----------------------------------------------------------------------
    def day(self, index):
        """Midnight UTC of day `index` (0 = the first day of the window)."""
        return self.start + _dt.timedelta(days=index)

    def at(self, days_before_end, hour, minute=0, second=0):
        """A fixed time `days_before_end` days before `end`, at hour:minute:second."""
        base = (self.end - _dt.timedelta(days=days_before_end)).replace(
            hour=0, minute=0, second=0, microsecond=0)
        return base + _dt.timedelta(hours=hour, minutes=minute, seconds=second)

    def work_time(self, day_index):
        """A random time on day `day_index`, mostly in office hours (UTC 07-19)."""
        rng = self.rng
        if rng.random() < 0.85:
            seconds = rng.uniform(7 * 3600, 19 * 3600)
        else:
            seconds = rng.uniform(0, 86400)
        return self.day(day_index) + _dt.timedelta(seconds=seconds,
                                                   milliseconds=rng.randrange(1000))

    def any_time(self):
        return self.start + _dt.timedelta(seconds=self.rng.uniform(0, self.days * 86400))

    def count(self, per_day):
        """Rows per day scaled by `scale`, at least 1."""
        return max(1, int(round(per_day * self.scale)))

    # ---- identifiers ---------------------------------------------------------------------
    def guid(self):
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def hex_id(self, low=0x100, high=0x3fff):
        return hex(self.rng.randrange(low, high))

    def external_ip(self):
        rng = self.rng
        first = rng.choice([13, 20, 23, 31, 34, 40, 52, 64, 81, 93, 104, 142, 151, 172, 184])
        return f"{first}.{rng.randrange(1, 255)}.{rng.randrange(1, 255)}.{rng.randrange(1, 255)}"

    # ---- output --------------------------------------------------------------------------
    def emit(self, table, row):
        """Adds a row; `TimeGenerated` must be a datetime (converted to text on write)."""
        self.rows.setdefault(table, []).append(row)
        return row
