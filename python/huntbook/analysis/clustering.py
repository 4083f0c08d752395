"""Clustering of similar command lines, rare clusters first.

Thousands of process events are mostly a few programs run over and over with different
temp files, GUIDs and pids. cluster_command_lines() normalises each command line
(lower case; GUIDs, hex numbers, decimal numbers, IP addresses, user-profile names and
quoted temp names replaced by placeholders), vectorises the distinct normalised lines as
TF-IDF of character 3- to 5-grams, and groups them with DBSCAN on cosine distance
(weighted by how often each line occurs). A line that joins no group is a cluster of its
own. Clusters come back smallest first: what ran once is what a hunter reads first.
"""

import re

import numpy as np
import pandas as pd

__all__ = ["normalise_command_line", "cluster_command_lines"]

_REPLACEMENTS = [
    (re.compile(r"\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?"), "<guid>"),
    (re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b"), "<ip>"),
    (re.compile(r"\b0x[0-9a-f]+\b"), "<hex>"),
    (re.compile(r"\b[0-9a-f]{16,}\b"), "<hex>"),
    (re.compile(r"(\\users\\|/home/)[^\\/\s\"']+"), r"\1<user>"),
    (re.compile(r"\d+"), "<n>"),
]


def normalise_command_line(command_line):
    """The command line with its variable parts replaced by placeholders (see module)."""
    text = "" if command_line is None or (not isinstance(command_line, str)
                                          and pd.isna(command_line)) else str(command_line)
    text = " ".join(text.lower().split())
    for pattern, replacement in _REPLACEMENTS:
        text = pattern.sub(replacement, text)
    return text


def cluster_command_lines(frame, column="CommandLine", eps=0.3, min_samples=2,
                          host_column="Computer", time_column="TimeGenerated"):
    """Clusters of similar command lines.

    eps: the largest cosine distance between neighbours (0..1; smaller = tighter).
    min_samples: events needed around a core line (weighted by occurrences).
    Returns (clusters, labels):
      clusters: DataFrame sorted by Count ascending (ties: fewer distinct lines, then
        exemplar) with ClusterId, Count (events), DistinctLines, Exemplar (the most
        frequent original command line), Normalized (its normalised form), Hosts (distinct
        host_column values, when the column exists), FirstSeen / LastSeen (when
        time_column exists).
      labels: a Series of ClusterId aligned with frame.index.
    Raises KeyError when `column` is missing; an empty frame gives empty results.
    """
    from sklearn.cluster import DBSCAN
    from sklearn.feature_extraction.text import TfidfVectorizer
    if column not in frame.columns:
        raise KeyError(f"column {column!r} not in the DataFrame (it has {list(frame.columns)})")
    normalised = frame[column].map(normalise_command_line)
    columns = ["ClusterId", "Count", "DistinctLines", "Exemplar", "Normalized"]
    if frame.empty:
        return pd.DataFrame(columns=columns), pd.Series([], index=frame.index, dtype="int64")
    distinct = normalised.value_counts(sort=False)
    lines = list(distinct.index)
    if len(lines) == 1:
        line_labels = np.array([0])
    else:
        vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), lowercase=False,
                                  min_df=1).fit_transform([line or " " for line in lines])
        line_labels = DBSCAN(eps=eps, min_samples=min_samples, metric="cosine",
                             algorithm="brute").fit(vectors,
                                                    sample_weight=distinct.to_numpy()).labels_
    # Noise lines (-1) become clusters of their own, numbered after the real clusters.
    next_id = int(line_labels.max()) + 1 if len(line_labels) else 0
    cluster_of = {}
    for line, label in zip(lines, line_labels):
        if label < 0:
            cluster_of[line] = next_id
            next_id += 1
        else:
            cluster_of[line] = int(label)
    labels = normalised.map(cluster_of).astype("int64")
    rows = []
    for cluster_id, members in frame.groupby(labels.to_numpy()):
        originals = members[column].fillna("").astype(str)
        exemplar = originals.value_counts().index[0]
        row = {"ClusterId": int(cluster_id), "Count": len(members),
               "DistinctLines": int(normalised.loc[members.index].nunique()),
               "Exemplar": exemplar, "Normalized": normalise_command_line(exemplar)}
        if host_column in frame.columns:
            row["Hosts"] = sorted(members[host_column].dropna().astype(str).unique())
        if time_column in frame.columns:
            times = pd.to_datetime(members[time_column], utc=True, errors="coerce")
            row["FirstSeen"], row["LastSeen"] = times.min(), times.max()
        rows.append(row)
    clusters = pd.DataFrame(rows)
    clusters = clusters.sort_values(["Count", "DistinctLines", "Exemplar"], kind="stable")
    return clusters.reset_index(drop=True), labels
