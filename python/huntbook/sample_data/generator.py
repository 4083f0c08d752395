"""Runs the baseline generators and the stories, then writes the files (see __init__.py)."""

import datetime as _dt
import json
import os

from .alerts import alert_baseline, analyst_bookmarks
from .cloud_events import cloud_baseline
from .linux_events import linux_baseline
from .network_events import network_baseline
from .stories import plant_stories
from .windows_activity import windows_baseline
from .windows_events import Processes
from .world import World, iso

__all__ = ["generate", "load_ground_truth", "DEFAULT_END", "DEFAULT_SEED", "TABLES"]

DEFAULT_END = _dt.datetime(2026, 11, 1, tzinfo=_dt.timezone.utc)
DEFAULT_SEED = 7
TABLES = ["SecurityEvent", "Event", "Syslog", "SigninLogs", "SecurityAlert", "AzureActivity",
          "OfficeActivity", "CommonSecurityLog", "DnsEvents", "Heartbeat", "VMConnection",
          "ThreatIntelligenceIndicator", "HuntingBookmark"]
GROUND_TRUTH = "ground_truth.json"


def _json_value(value):
    if isinstance(value, _dt.datetime):
        return iso(value)
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    return value


def _parse_end(end):
    if end is None:
        return DEFAULT_END
    if isinstance(end, str):
        end = _dt.datetime.fromisoformat(end.replace("Z", "+00:00"))
    if end.tzinfo is None:
        end = end.replace(tzinfo=_dt.timezone.utc)
    # whole days keep the story times (offsets from midnight) readable
    return end.astimezone(_dt.timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)


def generate(out_dir, end=None, seed=DEFAULT_SEED, scale=1.0, days=30):
    """Writes the workspace files into `out_dir` (created if needed); returns the ground
    truth dict (also written to ground_truth.json). `end` (datetime or ISO text, truncated
    to midnight UTC) is the exclusive end of the window; the stories sit in its last 20
    days. ValueError for a scale or days out of range."""
    if not 0.05 <= scale <= 20:
        raise ValueError(f"scale {scale} out of range [0.05, 20]")
    if not 21 <= days <= 365:
        raise ValueError(f"days {days} out of range [21, 365]")
    world = World(seed, _parse_end(end), days=days, scale=scale)
    sysmon_hosts = world.workstations() + [world.host("DC01")]
    processes = Processes(world, sysmon_hosts)
    windows_baseline(world, processes)
    linux_baseline(world)
    cloud_baseline(world)
    network_baseline(world)
    alert_baseline(world)
    stories = {story["id"]: story for story in plant_stories(world, processes)}
    analyst_bookmarks(world, stories)
    os.makedirs(out_dir, exist_ok=True)
    counts = {}
    manifest = ["# file\ttable\tformat"]
    for table in TABLES:
        rows = sorted(world.rows.get(table, []), key=lambda row: row["TimeGenerated"])
        name = f"{table}.jsonl"
        with open(os.path.join(out_dir, name), "w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps({k: _json_value(v) for k, v in row.items()},
                                     ensure_ascii=False, separators=(",", ":")))
                out.write("\n")
        counts[table] = len(rows)
        manifest.append(f"{name}\t{table}\tjsonl")
    with open(os.path.join(out_dir, "tables.tsv"), "w", encoding="utf-8") as out:
        out.write("\n".join(manifest) + "\n")
    truth = {
        "generator": "huntbook.sample_data", "seed": seed, "scale": scale,
        "start": iso(world.start), "end": iso(world.end), "rows": counts,
        "hosts": [{"name": h.fqdn, "os": h.os_type, "role": h.role, "ip": h.ip}
                  for h in world.hosts],
        "stories": stories,
    }
    with open(os.path.join(out_dir, GROUND_TRUTH), "w", encoding="utf-8") as out:
        json.dump(truth, out, indent=1, ensure_ascii=False)
        out.write("\n")
    return truth


def load_ground_truth(directory):
    """The ground_truth.json written by generate() into `directory`."""
    with open(os.path.join(directory, GROUND_TRUTH), encoding="utf-8") as source:
        return json.load(source)
