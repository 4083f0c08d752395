"""Type-checks library queries with `huntbook check --schemas DIR`: each query is bound,
with its declared parameters (typed placeholder defaults), against the table schemas
(../shared/corpus/schemas format), without data. Only the schema files of the tables the
library names are handed to the binary, which keeps each check fast.

    /usr/bin/python3 -m huntbook.queries.schema_check --binary build/huntbook \
        --schemas ../shared/corpus/schemas
exits 1 and prints each failing query with the binder's message.
"""

import argparse
import concurrent.futures
import os
import shutil
import subprocess
import sys
import tempfile

from .provider import QueryProvider

__all__ = ["check_queries"]


def _check_one(binary, schema_dir, definition):
    text = definition.declaration(placeholders=True) + definition.text
    result = subprocess.run([binary, "check", "--schemas", schema_dir, text],
                            capture_output=True, text=True, timeout=120)
    message = (result.stderr or result.stdout).strip().splitlines()
    return definition.full_name, result.returncode == 0, message[0] if message else ""


def check_queries(binary, schemas, provider=None, jobs=2):
    """[(full name, ok, first line of the binder's output)] for every library query."""
    provider = provider or QueryProvider()
    definitions = [q.definition for q in provider.queries()]
    tables = set()
    for family in provider.families:
        tables.update(getattr(provider, family).metadata.get("tables") or [])
    with tempfile.TemporaryDirectory(prefix="huntbook-schemas-") as subset:
        for table in sorted(tables):
            source = os.path.join(schemas, table + ".json")
            if not os.path.exists(source):
                raise FileNotFoundError(f"no schema file for table {table} in {schemas}")
            shutil.copy(source, subset)
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            return list(pool.map(lambda d: _check_one(binary, subset, d), definitions))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--schemas", required=True)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    results = check_queries(args.binary, args.schemas, jobs=args.jobs)
    failed = [r for r in results if not r[1]]
    for name, _, message in failed:
        print(f"FAIL {name}: {message}")
    print(f"{len(results) - len(failed)} of {len(results)} library queries bind")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
