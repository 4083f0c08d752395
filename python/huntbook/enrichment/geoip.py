"""IP geolocation, offline, from the country databases of Debian's `geoip-database`
package (/usr/share/GeoIP/GeoIP.dat and GeoIPv6.dat) read through `python3-geoip`.

Nothing is downloaded. Debian 12's database is the last freely licensed GeoLite Country
build (data of December 2019), so addresses re-allocated since then may be placed in their
old country; the result carries the database's own description in `Database`.

Addresses that are not on the public internet are labelled instead of looked up, from
Python's ipaddress: private (RFC 1918, fc00::/7), loopback, link-local, multicast,
shared (100.64.0.0/10, carrier-grade NAT), reserved and unspecified. Their CountryCode is
empty and Category names the range.
"""

import functools
import ipaddress

import pandas as pd

__all__ = ["GEOIP_DATABASES", "ip_category", "geolocate", "geolocate_frame"]

GEOIP_DATABASES = {4: "/usr/share/GeoIP/GeoIP.dat", 6: "/usr/share/GeoIP/GeoIPv6.dat"}

_SHARED = ipaddress.ip_network("100.64.0.0/10")


def ip_category(address):
    """"public", "private", "loopback", "link-local", "multicast", "shared", "reserved",
    "unspecified" for an ipaddress.IPv4Address/IPv6Address."""
    if address.version == 6 and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_unspecified:
        return "unspecified"
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local"
    if address.is_multicast:
        return "multicast"
    if address.version == 4 and address in _SHARED:
        return "shared"
    if address.is_private:
        # ipaddress counts documentation and benchmark ranges as private too; RFC 1918 and
        # unique-local addresses are private, the rest reserved.
        rfc1918 = any(address in ipaddress.ip_network(net) for net in
                      ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"))
        return "private" if rfc1918 else "reserved"
    if address.is_reserved:
        return "reserved"
    return "public"


@functools.lru_cache(maxsize=2)
def _database(version):
    try:
        import GeoIP
    except ImportError as error:
        raise RuntimeError("python3-geoip is not installed (apt-get install python3-geoip "
                           "geoip-database)") from error
    path = GEOIP_DATABASES[version]
    try:
        return GeoIP.open(path, GeoIP.GEOIP_MEMORY_CACHE)
    except (OSError, SystemError) as error:
        raise RuntimeError(f"cannot open the GeoIP database {path} "
                           "(apt-get install geoip-database)") from error


def geolocate(ip):
    """A dict for one address: IpAddress, Version, Category, CountryCode, CountryName,
    Database. A value that is not an IP address gives Category "invalid" (no exception),
    so one bad cell does not stop a column."""
    text = "" if ip is None else str(ip).strip()
    result = {"IpAddress": text, "Version": None, "Category": "invalid", "CountryCode": "",
              "CountryName": "", "Database": ""}
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return result
    result["Version"] = address.version
    result["Category"] = ip_category(address)
    if address.version == 6 and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
        text = str(address)
    if result["Category"] != "public":
        return result
    database = _database(address.version)
    if address.version == 4:
        code = database.country_code_by_addr(text)
        name = database.country_name_by_addr(text)
    else:
        code = database.country_code_by_addr_v6(address.compressed)
        name = database.country_name_by_addr_v6(address.compressed)
    result["CountryCode"] = code or ""
    result["CountryName"] = name or ""
    result["Database"] = database.database_info or ""
    return result


def geolocate_frame(frame, column):
    """geolocate() for each distinct value of `column`; returns a DataFrame with those
    columns, one row per distinct value (IpAddress as written). A missing column raises
    KeyError naming it."""
    if column not in frame.columns:
        raise KeyError(f"column {column!r} not in the DataFrame (it has {list(frame.columns)})")
    values = [value for value in pd.unique(frame[column].dropna())]
    return pd.DataFrame([geolocate(value) for value in values],
                        columns=["IpAddress", "Version", "Category", "CountryCode",
                                 "CountryName", "Database"])
