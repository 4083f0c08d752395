"""Offline enrichment of hunting results: IoC extraction, nested base64 decoding,
threat-intelligence lookups against the workspace's indicator table, and IP geolocation
from Debian's GeoIP country database. Each works on strings or pandas DataFrames."""

from .base64_decode import DecodedLayer, decode_frame, decode_nested
from .geoip import geolocate, geolocate_frame, ip_category
from .iocs import IOC_TYPES, extract_iocs, extract_iocs_from_frame, refang
from .threat_intel import ioc_type_of, lookup_iocs

__all__ = ["DecodedLayer", "decode_frame", "decode_nested", "geolocate", "geolocate_frame",
           "ip_category", "IOC_TYPES", "extract_iocs", "extract_iocs_from_frame", "refang",
           "ioc_type_of", "lookup_iocs"]
