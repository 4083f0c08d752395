"""Nested base64 decoding of command lines and other text.

Attackers wrap payloads: PowerShell `-EncodedCommand` takes base64 of UTF-16LE text, which
often holds `FromBase64String('...')` of a gzip or deflate stream, which holds the script.
decode_nested() peels such layers: it finds base64 runs in a text, decodes each, undoes
gzip / zlib / raw deflate, reads the bytes as UTF-16LE or UTF-8 text, and searches that
text again, up to max_depth layers. Each decoded blob is one DecodedLayer with the chain of
transforms that produced it and the hashes of its bytes (to pivot on a dropped payload).

A run is only reported when its decoding means something: text (at least 90 % printable),
a compressed stream that inflates, or a known binary header (PE `MZ`, ELF, ZIP). So words,
paths and hashes that happen to be valid base64 are not reported.
"""

import base64
import binascii
import dataclasses
import hashlib
import re
import zlib

import pandas as pd

__all__ = ["DecodedLayer", "decode_nested", "decode_frame"]

_BASE64_RUN = re.compile(r"(?<![A-Za-z0-9+/=_-])([A-Za-z0-9+/]{16,}={0,2}|[A-Za-z0-9_-]{16,}={0,2})"
                         r"(?![A-Za-z0-9+/=_-])")
_MAX_INFLATED = 16 * 1024 * 1024  # a decompression bomb stops here
_BINARY_MAGIC = {b"MZ": "pe", b"\x7fELF": "elf", b"PK\x03\x04": "zip"}


@dataclasses.dataclass
class DecodedLayer:
    """One decoded blob.

    depth: 1 for a run found in the input, n + 1 for a run found in a depth-n layer.
    parent: index (in the returned list) of the layer the run was found in; -1 = input.
    encoded: the base64 run as found.
    transforms: the steps applied, e.g. ("base64", "gzip", "utf-8").
    text: the decoded text, or None for binary content (see `binary_type`).
    binary_type: "pe", "elf", "zip" or "" for text.
    data: the decoded bytes (after decompression).
    md5, sha256: hex digests of `data`.
    """
    depth: int
    parent: int
    encoded: str
    transforms: tuple
    text: object
    binary_type: str
    data: bytes
    md5: str
    sha256: str


def _base64_bytes(run):
    padded = run.rstrip("=")
    padded += "=" * (-len(padded) % 4)
    if len(padded.rstrip("=")) % 4 == 1:
        return None
    try:
        if "-" in run or "_" in run:
            return base64.urlsafe_b64decode(padded)
        return base64.b64decode(padded, validate=True)
    except (binascii.Error, ValueError):
        return None


def _inflate(data, wbits):
    inflater = zlib.decompressobj(wbits)
    try:
        out = inflater.decompress(data, _MAX_INFLATED)
    except zlib.error:
        return None
    return out if out and (inflater.eof or len(out) >= _MAX_INFLATED) else None


def _decompressed(data):
    """(name, bytes) when `data` is a gzip, zlib or raw deflate stream, else None."""
    if data[:2] == b"\x1f\x8b":
        out = _inflate(data, 16 + zlib.MAX_WBITS)
        return ("gzip", out) if out is not None else None
    if len(data) > 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0:
        out = _inflate(data, zlib.MAX_WBITS)
        if out is not None:
            return "zlib", out
    out = _inflate(data, -zlib.MAX_WBITS)
    if out is not None and _as_text(out) is not None:
        return "deflate", out
    return None


def _printable_share(text):
    """The share of printable characters among the first 4,096 (enough to tell text)."""
    sample = text[:4096]
    if not sample:
        return 0.0
    good = sum(1 for ch in sample if ch.isprintable() or ch in "\r\n\t")
    return good / len(sample)


def _as_text(data):
    """(encoding, text) when the bytes read as text, else None."""
    if len(data) >= 4 and len(data) % 2 == 0 and data[1::2].count(0) >= 0.9 * (len(data) // 2):
        try:
            text = data.decode("utf-16-le")
            if _printable_share(text) >= 0.9:
                return "utf-16le", text
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return ("utf-8", text) if _printable_share(text) >= 0.9 else None


def _decode_run(run):
    """(transforms, text or None, binary_type, bytes) for a meaningful run, else None."""
    data = _base64_bytes(run)
    if not data:
        return None
    transforms = ["base64"]
    for _ in range(3):  # a stream may be compressed more than once
        inflated = _decompressed(data) if _as_text(data) is None else None
        if inflated is None:
            break
        transforms.append(inflated[0])
        data = inflated[1]
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            return tuple(transforms), None, kind, data
    text = _as_text(data)
    if text is None:
        return None
    transforms.append(text[0])
    return tuple(transforms), text[1], "", data


def decode_nested(text, max_depth=8):
    """Every meaningful base64 blob in `text`, and those inside them, breadth first.

    Returns a list of DecodedLayer (empty when nothing decodes). A layer whose text holds
    further runs is followed by them at depth + 1, up to max_depth. None or NaN -> [].
    """
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return []
    layers = []
    frontier = [(-1, str(text))]
    for depth in range(1, max_depth + 1):
        next_frontier = []
        for parent, source in frontier:
            for match in _BASE64_RUN.finditer(source):
                decoded = _decode_run(match.group(1))
                if decoded is None:
                    continue
                transforms, decoded_text, binary_type, data = decoded
                layers.append(DecodedLayer(
                    depth=depth, parent=parent, encoded=match.group(1), transforms=transforms,
                    text=decoded_text, binary_type=binary_type, data=data,
                    md5=hashlib.md5(data).hexdigest(), sha256=hashlib.sha256(data).hexdigest()))
                if decoded_text is not None:
                    next_frontier.append((len(layers) - 1, decoded_text))
        if not next_frontier:
            break
        frontier = next_frontier
    return layers


def decode_frame(frame, column, max_depth=8):
    """decode_nested() over one column of a DataFrame.

    Returns a DataFrame with one row per decoded layer: SourceIndex (the row's index
    label), Depth, Parent, Transforms ("base64>gzip>utf-16le"), DecodedText, BinaryType,
    MD5, SHA256, and FinalText (the deepest text of that row's chain, on every row of it).
    A missing column raises KeyError naming it.
    """
    if column not in frame.columns:
        raise KeyError(f"column {column!r} not in the DataFrame (it has {list(frame.columns)})")
    rows = []
    for index, value in frame[column].items():
        layers = decode_nested(value, max_depth=max_depth)
        texts = [layer.text for layer in layers if layer.text is not None]
        final = texts[-1] if texts else None
        for layer in layers:
            rows.append((index, layer.depth, layer.parent, ">".join(layer.transforms),
                         layer.text, layer.binary_type, layer.md5, layer.sha256, final))
    return pd.DataFrame(rows, columns=["SourceIndex", "Depth", "Parent", "Transforms",
                                       "DecodedText", "BinaryType", "MD5", "SHA256",
                                       "FinalText"])
