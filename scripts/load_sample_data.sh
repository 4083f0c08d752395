#!/usr/bin/env bash
# Loads the sample workspace into DATA_DIR: first the generated one (python/huntbook/
# sample_data: 30 days ending today, UTC, with planted attack stories; its files and
# ground_truth.json are kept in DATA_DIR/.sample-files, where the leading dot keeps the
# folder from being taken for a workspace), then every shipped corpus file
# (shared/corpus/data), one table per test/data/corpus_tables.tsv line.
# Usage: load_sample_data.sh HUNTBOOK_BINARY DATA_DIR
# HUNTBOOK_SAMPLE_END=YYYY-MM-DD fixes the window's end (default: today).
set -euo pipefail
binary=$1
data=$2
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${HUNTBOOK_CORPUS_DATA:-$root/../shared/corpus/data}
[ -d "$corpus" ] || { echo "sample data not found at $corpus" >&2; exit 1; }

generated="$data/.sample-files"
mkdir -p "$generated"
PYTHONPATH="$root/python" /usr/bin/python3 -m huntbook.sample_data --out "$generated" \
  --end "${HUNTBOOK_SAMPLE_END:-$(date -u +%F)}" | tail -1
ingest_manifest() {  # DIR MANIFEST: ingest each "file<TAB>table<TAB>format" line
  while IFS=$'\t' read -r file table format; do
    case "$file" in ''|'#'*) continue ;; esac
    "$binary" ingest --data "$data" --table "$table" --format "$format" "$1/$file"
  done < "$2"
}
ingest_manifest "$generated" "$generated/tables.tsv"
ingest_manifest "$corpus" "$root/test/data/corpus_tables.tsv"
