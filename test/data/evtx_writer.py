#!/usr/bin/env python3
"""Writes Windows XML Event Log (.evtx) files from event descriptions, for tests and demos.

huntbook reads .evtx files through libevtx; Debian ships no sample logs, so the tests build
their own. The file layout follows the published format description (libevtx's
documentation): a 4096-byte file header, 64 KiB chunks, and event records whose payload is
Binary XML. Records are written as plain Binary XML elements with inline names and string
values (no templates); real Windows logs use templates, which libevtx renders to the same XML.

Usage as a program:
    evtx_writer.py OUT.evtx EVENTS.json
where EVENTS.json is a JSON array of events:
    {"provider": "...", "event_id": 4624, "channel": "Security", "computer": "HOST",
     "time": "2026-11-01T10:00:00.1234567Z", "level": 0, "task": 12544,
     "data": {"TargetUserName": "alice", ...}}
(or "user_data": {"LogFileCleared": {"SubjectUserName": "..."}} instead of "data").
"""
import datetime
import json
import struct
import sys
import zlib

FILE_HEADER_SIZE = 4096
CHUNK_SIZE = 65536
CHUNK_HEADER_SIZE = 512
EVENT_NAMESPACE = "http://schemas.microsoft.com/win/2004/08/events/event"


def _utf16(text):
    return text.encode("utf-16-le")


def _name_hash(text):
    value = 0
    for ch in text:
        value = (value * 65599 + ord(ch)) & 0xFFFFFFFF
    return value & 0xFFFF


class _Element:
    def __init__(self, name, attributes=None, children=None, text=None):
        self.name = name
        self.attributes = attributes or []
        self.children = children or []
        self.text = text


class _BinaryXml:
    """Serialises elements; name offsets are relative to the chunk start."""

    def __init__(self, chunk_offset):
        self.out = bytearray()
        self.chunk_offset = chunk_offset

    def _position(self):
        return self.chunk_offset + len(self.out)

    def _inline_name(self, name):
        # The name offset points just past itself: the name follows inline.
        self.out += struct.pack("<I", self._position() + 4)
        self.out += struct.pack("<IHH", 0, _name_hash(name), len(name))
        self.out += _utf16(name) + b"\x00\x00"

    def _value_text(self, text, more=False):
        self.out += bytes([0x45 if more else 0x05, 0x01])
        self.out += struct.pack("<H", len(text)) + _utf16(text)

    def element(self, element):
        self.out += bytes([0x41 if element.attributes else 0x01])
        self.out += struct.pack("<H", 0xFFFF)
        size_at = len(self.out)
        self.out += b"\x00\x00\x00\x00"
        self._inline_name(element.name)
        if element.attributes:
            list_size_at = len(self.out)
            self.out += b"\x00\x00\x00\x00"
            list_start = len(self.out)
            for index, (name, value) in enumerate(element.attributes):
                more = index + 1 < len(element.attributes)
                self.out += bytes([0x46 if more else 0x06])
                self._inline_name(name)
                self._value_text(value)
            struct.pack_into("<I", self.out, list_size_at, len(self.out) - list_start)
        if element.children or element.text is not None:
            self.out += b"\x02"
            if element.text is not None:
                self._value_text(element.text)
            for child in element.children:
                self.element(child)
            self.out += b"\x04"
        else:
            self.out += b"\x03"
        struct.pack_into("<I", self.out, size_at, len(self.out) - size_at - 4)

    def document(self, root):
        self.out += bytes([0x0F, 0x01, 0x01, 0x00])
        self.element(root)
        self.out += b"\x00"
        return bytes(self.out)


def _parse_time(text):
    """ISO 8601 UTC text with up to 7 fractional digits -> FILETIME ticks."""
    text = text.rstrip("Z")
    whole, _, fraction = text.partition(".")
    moment = datetime.datetime.fromisoformat(whole).replace(tzinfo=datetime.timezone.utc)
    epoch = datetime.datetime(1601, 1, 1, tzinfo=datetime.timezone.utc)
    ticks = (moment - epoch) // datetime.timedelta(microseconds=1) * 10
    return ticks + int((fraction + "0000000")[:7])


def _format_time(ticks):
    epoch = datetime.datetime(1601, 1, 1, tzinfo=datetime.timezone.utc)
    moment = epoch + datetime.timedelta(microseconds=ticks // 10)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + "%07dZ" % (ticks % 10_000_000)


def _event_xml(event, record_id, ticks):
    system = [
        _Element("Provider", [("Name", event.get("provider", "Microsoft-Windows-Security-Auditing"))]),
        _Element("EventID", text=str(event["event_id"])),
        _Element("Version", text=str(event.get("version", 0))),
        _Element("Level", text=str(event.get("level", 0))),
        _Element("Task", text=str(event.get("task", 0))),
        _Element("Opcode", text=str(event.get("opcode", 0))),
        _Element("Keywords", text=event.get("keywords", "0x8020000000000000")),
        _Element("TimeCreated", [("SystemTime", _format_time(ticks))]),
        _Element("EventRecordID", text=str(record_id)),
        _Element("Correlation"),
        _Element("Execution", [("ProcessID", str(event.get("process_id", 4))),
                               ("ThreadID", str(event.get("thread_id", 8)))]),
        _Element("Channel", text=event.get("channel", "Security")),
        _Element("Computer", text=event.get("computer", "WORKSTATION")),
        _Element("Security"),
    ]
    if "user_data" in event:  # {"LogFileCleared": {"SubjectUserName": "..."}}
        (wrapper, values), = event["user_data"].items()
        body = _Element("UserData", children=[_Element(
            wrapper, children=[_Element(name, text=str(value)) for name, value in values.items()])])
    else:
        body = _Element("EventData", children=[
            _Element("Data", [("Name", name)], text=str(value))
            for name, value in event.get("data", {}).items()])
    return _Element("Event", [("xmlns", EVENT_NAMESPACE)],
                    [_Element("System", children=system), body])


def _record(event, record_id, chunk_offset):
    ticks = _parse_time(event["time"])
    payload = _BinaryXml(chunk_offset + 24).document(_event_xml(event, record_id, ticks))
    size = 24 + len(payload) + 4
    return struct.pack("<4sIQQ", b"\x2a\x2a\x00\x00", size, record_id, ticks) + payload + \
        struct.pack("<I", size)


def _chunk(events, first_id):
    records = bytearray()
    last_offset = CHUNK_HEADER_SIZE
    count = 0
    for event in events:
        offset = CHUNK_HEADER_SIZE + len(records)
        record = _record(event, first_id + count, offset)
        if offset + len(record) > CHUNK_SIZE:
            break
        records += record
        last_offset = offset
        count += 1
    if count == 0:
        raise ValueError("an event does not fit in one chunk")
    last_id = first_id + count - 1
    header = bytearray(CHUNK_HEADER_SIZE)
    struct.pack_into("<8sQQQQIIII", header, 0, b"ElfChnk\x00", first_id, last_id, first_id,
                     last_id, 128, last_offset, CHUNK_HEADER_SIZE + len(records),
                     zlib.crc32(bytes(records)))
    checksum = zlib.crc32(bytes(header[:120]) + bytes(header[128:CHUNK_HEADER_SIZE]))
    struct.pack_into("<I", header, 124, checksum)
    body = bytes(header) + bytes(records)
    return body + bytes(CHUNK_SIZE - len(body)), count


def write_evtx(path, events):
    """Writes `events` (dicts as in the module documentation) to `path`."""
    chunks = []
    next_id = 1
    remaining = list(events)
    while remaining:
        chunk, count = _chunk(remaining, next_id)
        chunks.append(chunk)
        next_id += count
        remaining = remaining[count:]
    header = bytearray(FILE_HEADER_SIZE)
    struct.pack_into("<8sQQQIHHHH", header, 0, b"ElfFile\x00", 0, max(len(chunks) - 1, 0),
                     next_id, 128, 1, 3, FILE_HEADER_SIZE, len(chunks))
    struct.pack_into("<I", header, 124, zlib.crc32(bytes(header[:120])))
    with open(path, "wb") as out:
        out.write(bytes(header))
        for chunk in chunks:
            out.write(chunk)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: evtx_writer.py OUT.evtx EVENTS.json")
    with open(sys.argv[2], encoding="utf-8") as source:
        write_evtx(sys.argv[1], json.load(source))
