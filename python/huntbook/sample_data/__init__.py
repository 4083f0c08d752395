"""Deterministic sample workspace: 30 days of a small organisation's security logs with
planted attack stories, written as JSON Lines (one file per table) for `huntbook ingest`.

    /usr/bin/python3 -m huntbook.sample_data --out DIR [--end 2026-11-01] [--seed 7] [--scale 1]

writes DIR/<Table>.jsonl, DIR/tables.tsv (file, table, format: what load_sample_data.sh
ingests) and DIR/ground_truth.json: per story, the hosts, accounts, times and IoCs a hunter
should find (see stories.py). The same seed, end and scale give byte-identical files.

Tables (columns and types as in the Log Analytics schemas, ../shared/corpus/schemas):
SecurityEvent, Event (Sysmon 1/3/10/11), Syslog (incl. auditd AUOMS_EXECVE), SigninLogs,
SecurityAlert, AzureActivity, OfficeActivity, CommonSecurityLog, DnsEvents, Heartbeat,
VMConnection (network flows), ThreatIntelligenceIndicator, HuntingBookmark.
"""

from .generator import DEFAULT_END, DEFAULT_SEED, TABLES, generate, load_ground_truth

__all__ = ["generate", "load_ground_truth", "DEFAULT_END", "DEFAULT_SEED", "TABLES"]
