"""Indicator-of-compromise extraction from text: IP addresses, domains, URLs, e-mail
addresses, file hashes and file paths.

Precision comes first: a hunter pivots on every match, so a version number or a .NET type
name reported as an IP or a domain costs more than a missed indicator. The rules:
  ipv4       four decimal octets 0-255 without leading zeros, not part of a longer dotted
             run (1.2.3.4.5) and not a product version (`Chrome/120.0.0.0`, `v1.2.3.4`,
             `version 10.0.0.1`).
  ipv6       a colon run that Python's ipaddress accepts, with at least two colons and one
             hex digit (so `12:30:45` and `std::` are not addresses).
  domain     dot-separated labels whose last label is a top-level domain of the public
             suffix list (Debian's `publicsuffix` package), not a file name inside a path,
             and, for two-label names, not a file extension that is also a TLD (`run.sh`,
             `notes.md`, `archive.zip`); a capitalised last label (`System.Management`)
             is a .NET name, not a domain.
  url        http, https, ftp and the defanged `hxxp(s)`, with `[.]`/`[:]` undone;
             trailing punctuation is not part of the URL.
  email      local@domain with a domain as above.
  md5, sha1, sha256
             exactly 32 / 40 / 64 hex digits standing alone, mixing letters and digits.
  windows_path  `C:\\...`, `\\\\server\\share\\...` or `%VAR%\\...`; directories may hold spaces,
             the last component may not (the command line goes on after it).
  linux_path `/a/b...` with two components or more, or one under a well-known root
             directory (`/tmp`, `/etc`...); not inside a URL, a date or a word.
Defanged forms (`1.2.3[.]4`, `evil[.]com`, `hxxp://`) are refanged before matching.
"""

import functools
import ipaddress
import re

import pandas as pd

__all__ = ["IOC_TYPES", "extract_iocs", "extract_iocs_from_frame", "refang"]

IOC_TYPES = ("url", "email", "ipv4", "ipv6", "domain", "md5", "sha1", "sha256",
             "windows_path", "linux_path")

_PUBLIC_SUFFIX_LIST = "/usr/share/publicsuffix/public_suffix_list.dat"

# Two-label names ending in these are almost always file names (script.sh, readme.md).
_FILE_EXTENSION_TLDS = {"sh", "py", "pl", "rs", "md", "zip", "mov", "ps", "so", "cc", "in",
                        "am", "ai", "ml", "gz", "cs", "js", "ts", "go", "php", "lua", "bat",
                        "cmd", "exe", "dll", "sys", "log", "tmp", "bin", "dat", "ini", "cfg"}
_LINUX_ROOTS = {"bin", "boot", "dev", "etc", "home", "lib", "lib64", "media", "mnt", "opt",
                "proc", "root", "run", "sbin", "srv", "sys", "tmp", "usr", "var"}

_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_IPV4 = re.compile(r"(?<![\w.])(" + _OCTET + r"(?:\." + _OCTET + r"){3})(?![\w]|\.\w)")
_VERSION_BEFORE = re.compile(r"(?:[A-Za-z]/|\bv|\bver\.?\s?|\bversion\s?)$", re.IGNORECASE)
_IPV6_CANDIDATE = re.compile(r"(?<![\w:.])([0-9A-Fa-f:]{2,}(?:\d{1,3}(?:\.\d{1,3}){3})?)"
                             r"(?![\w:]|\.\w)")
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_DOMAIN = re.compile(r"(?<![\w.@-])((?:" + _LABEL + r"\.)+[A-Za-z][A-Za-z0-9-]{1,62})"
                     r"(?![\w-]|\.\w)")
_URL = re.compile(r"\b(?:https?|ftp)://[^\s\"'<>`{}|\\^]+", re.IGNORECASE)
_EMAIL = re.compile(r"(?<![\w.+-])([A-Za-z0-9._%+-]{1,64}@(?:" + _LABEL + r"\.)+"
                    r"[A-Za-z][A-Za-z0-9-]{1,62})(?![\w-]|\.\w)")
_HEX_RUN = re.compile(r"(?<![0-9A-Za-z_])([0-9A-Fa-f]{32}|[0-9A-Fa-f]{40}|[0-9A-Fa-f]{64})"
                      r"(?![0-9A-Za-z_])")
_WINDOWS_PATH = re.compile(
    r"(?<![\w\\])((?:[A-Za-z]:|\\\\[\w.$-]+|%\w+%)\\(?:[^\\/:*?\"<>|\r\n\t]+\\)*"
    r"[^\\/:*?\"<>|\s]*)")
_LINUX_PATH = re.compile(r"(?<![\w:/.\\~-])(/(?:[\w.@+-]+/)*[\w.@+-]+/?)")
_TRAILING = ".,;:!?)]}'\""
_HASH_TYPES = {32: "md5", 40: "sha1", 64: "sha256"}


def refang(text):
    """Undoes common defanging: hxxp -> http, [.] (.) {.} -> ., [:] -> :, [@] -> @."""
    text = re.sub(r"\bhxxp(s?)(?=\[?:)", r"http\1", text, flags=re.IGNORECASE)
    text = re.sub(r"[\[({]\.[\])}]", ".", text)
    text = re.sub(r"\[:\]", ":", text)
    return re.sub(r"[\[({]@[\])}]", "@", text)


@functools.lru_cache(maxsize=1)
def _top_level_domains():
    """Last labels of the public suffix list's rules (ICANN and private sections)."""
    tlds = set()
    try:
        with open(_PUBLIC_SUFFIX_LIST, encoding="utf-8") as source:
            for line in source:
                line = line.strip()
                if line and not line.startswith("//"):
                    label = line.lstrip("*.!").rsplit(".", 1)[-1]
                    tlds.add(label.encode("idna").decode("ascii").lower()
                             if not label.isascii() else label.lower())
    except OSError as error:
        raise RuntimeError(f"the public suffix list {_PUBLIC_SUFFIX_LIST} is missing "
                           "(apt-get install publicsuffix)") from error
    return frozenset(tlds)


def _is_domain(name):
    labels = name.split(".")
    # A capitalised last label (System.Management, System.Security) is a .NET name.
    if labels[-1] != labels[-1].lower() and labels[-1] != labels[-1].upper():
        return False
    labels = [label.lower() for label in labels]
    if len(labels) < 2 or labels[-1] not in _top_level_domains():
        return False
    if len(labels) == 2 and labels[-1] in _FILE_EXTENSION_TLDS:
        return False
    return len(name) <= 253


def _strip_trailing(value):
    while value and value[-1] in _TRAILING:
        # Keep a closing bracket that closes one opened inside the value.
        if value[-1] == ")" and value.count("(") >= value.count(")"):
            break
        value = value[:-1]
    return value


def _ipv4(text):
    for match in _IPV4.finditer(text):
        if not _VERSION_BEFORE.search(text[max(0, match.start() - 9):match.start()]):
            yield match.start(), match.group(1)


def _ipv6(text):
    for match in _IPV6_CANDIDATE.finditer(text):
        value = match.group(1)
        if value.count(":") < 2 or not re.search(r"[0-9A-Fa-f]", value):
            continue
        try:
            ipaddress.IPv6Address(value)
        except ValueError:
            continue
        yield match.start(), value


def _inside_path(text, start):
    """Whether the name at `start` is a component of a file path."""
    return start > 0 and text[start - 1] in "\\/" and not text[:start].endswith("//")


def _domains(text):
    for match in _DOMAIN.finditer(text):
        value = match.group(1)
        if not _inside_path(text, match.start()) and _is_domain(value):
            yield match.start(), value.lower()


def _urls(text):
    for match in _URL.finditer(text):
        value = _strip_trailing(match.group(0))
        if "://" in value and len(value.split("://", 1)[1]) > 0:
            yield match.start(), value


def _emails(text):
    for match in _EMAIL.finditer(text):
        value = match.group(1)
        if _is_domain(value.rsplit("@", 1)[1]):
            yield match.start(), value


def _hashes(text):
    for match in _HEX_RUN.finditer(text):
        value = match.group(1)
        if re.search(r"[A-Fa-f]", value) and re.search(r"\d", value):
            yield match.start(), _HASH_TYPES[len(value)], value.lower()


def _windows_paths(text):
    for match in _WINDOWS_PATH.finditer(text):
        value = _strip_trailing(match.group(1))
        if len(value) > 3:
            yield match.start(), value


def _linux_paths(text):
    for match in _LINUX_PATH.finditer(text):
        value = _strip_trailing(match.group(1))
        parts = [part for part in value.split("/") if part]
        if not parts:
            continue
        if len(parts) >= 2 or parts[0] in _LINUX_ROOTS:
            if not re.fullmatch(r"[\d/.]+", value):
                yield match.start(), value


def extract_iocs(text, ioc_types=None):
    """The indicators in `text`, as a list of (ioc_type, value) in order of appearance,
    each (type, value) once.

    ioc_types: an iterable of names from IOC_TYPES (default: all). An unknown name raises
    ValueError naming it. Hashes and domains are lower-cased; other values are as written
    (after refanging).
    """
    wanted = set(IOC_TYPES if ioc_types is None else ioc_types)
    unknown = wanted - set(IOC_TYPES)
    if unknown:
        raise ValueError(f"unknown IoC type(s) {sorted(unknown)}; known: {list(IOC_TYPES)}")
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return []
    text = refang(str(text))
    found = []
    if "url" in wanted:
        found += [(start, "url", value) for start, value in _urls(text)]
    if "email" in wanted:
        found += [(start, "email", value) for start, value in _emails(text)]
    if "ipv4" in wanted:
        found += [(start, "ipv4", value) for start, value in _ipv4(text)]
    if "ipv6" in wanted:
        found += [(start, "ipv6", value) for start, value in _ipv6(text)]
    if "domain" in wanted:
        found += [(start, "domain", value) for start, value in _domains(text)]
    found += [(start, kind, value) for start, kind, value in _hashes(text) if kind in wanted]
    if "windows_path" in wanted:
        found += [(start, "windows_path", value) for start, value in _windows_paths(text)]
    if "linux_path" in wanted:
        found += [(start, "linux_path", value) for start, value in _linux_paths(text)]
    found.sort(key=lambda item: item[0])
    seen, result = set(), []
    for _, kind, value in found:
        if (kind, value) not in seen:
            seen.add((kind, value))
            result.append((kind, value))
    return result


def extract_iocs_from_frame(frame, columns, ioc_types=None):
    """Indicators in the text columns of a DataFrame.

    Returns a DataFrame with columns IoCType, Observable, SourceIndex (the row's index
    label), Column, one row per (row, column, indicator). A column not in the frame raises
    KeyError naming it.
    """
    if isinstance(columns, str):
        columns = [columns]
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise KeyError(f"column(s) {missing} not in the DataFrame "
                       f"(it has {list(frame.columns)})")
    rows = []
    for column in columns:
        for index, value in frame[column].items():
            for kind, observable in extract_iocs(value, ioc_types):
                rows.append((kind, observable, index, column))
    return pd.DataFrame(rows, columns=["IoCType", "Observable", "SourceIndex", "Column"])
