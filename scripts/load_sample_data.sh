#!/usr/bin/env bash
# Loads every shipped sample file (shared/corpus/data) into DATA_DIR, one table per
# test/data/corpus_tables.tsv line. Usage: load_sample_data.sh HUNTBOOK_BINARY DATA_DIR
set -euo pipefail
binary=$1
data=$2
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${HUNTBOOK_CORPUS_DATA:-$root/../shared/corpus/data}
[ -d "$corpus" ] || { echo "sample data not found at $corpus" >&2; exit 1; }
while IFS=$'\t' read -r file table format; do
  case "$file" in ''|'#'*) continue ;; esac
  "$binary" ingest --data "$data" --table "$table" --format "$format" "$corpus/$file"
done < "$root/test/data/corpus_tables.tsv"
