"""Type-checks library queries with `huntbook check --schemas DIR`: each query is bound,
with its declared parameters (typed placeholder defaults), against the table schemas
(../shared/corpus/schemas format), without data. The queries are bound as one KQL batch
(one process: an ASan build spends ~0.4 s starting), with only the schema files of the
tables the families name.

    /usr/bin/python3 -m huntbook.queries.schema_check --binary build/huntbook \
        --schemas ../shared/corpus/schemas
exits 1 and prints each failing query with the binder's message.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

from .provider import QueryProvider

__all__ = ["check_queries"]


def _run_check(binary, schema_dir, text):
    """(ok, first line of output, error line or None) of `huntbook check` on `text`."""
    result = subprocess.run([binary, "check", "--schemas", schema_dir, text],
                            capture_output=True, text=True, timeout=300)
    lines = (result.stderr or result.stdout).strip().splitlines()
    message = lines[0] if lines else ""
    match = re.search(r"\(line (\d+), column \d+\)", message)
    return result.returncode == 0, message, int(match.group(1)) if match else None


def _let_names(text):
    """The names a query's own `let` statements declare."""
    return set(re.findall(r"(?m)^\s*let\s+([A-Za-z_][A-Za-z0-9_]*)", text))


def _batches(definitions):
    """Groups queries whose parameters agree in type, so one declaration serves a batch, and
    whose `let` names differ (a name declared twice in one batch is a bind error)."""
    batches = []
    for definition in definitions:
        lets = _let_names(definition.text)
        for declared, taken, members in batches:
            if lets & taken:
                continue
            if all(declared.get(n, p.type) == p.type for n, p in definition.parameters.items()):
                declared.update({n: p.type for n, p in definition.parameters.items()})
                taken.update(lets)
                members.append(definition)
                break
        else:
            batches.append(({n: p.type for n, p in definition.parameters.items()}, set(lets),
                            [definition]))
    return [members for _, _, members in batches]


def _check_batch(binary, schema_dir, definitions, results):
    """Binds the queries as one batch (statements separated by ';', which KQL binds one by
    one); a failure names a line, whose query is reported and the rest is checked again."""
    while definitions:
        parameters = {}
        for definition in definitions:
            parameters.update(definition.parameters)
        header = ""
        if parameters:
            header = "declare query_parameters(" + ", ".join(
                f"{p.name}:{p.type} = {p.placeholder()}" for p in parameters.values()) + ");\n"
        starts, text, line = [], header, header.count("\n") + 1
        for definition in definitions:
            starts.append(line)
            text += definition.text + ";\n"
            line += definition.text.count("\n") + 1
        ok, message, error_line = _run_check(binary, schema_dir, text)
        if ok:
            results.update({d.full_name: (True, "") for d in definitions})
            return
        index = sum(1 for start in starts if error_line and start <= error_line) - 1
        if index < 0:  # an error outside the queries (e.g. the declaration): one by one
            for definition in definitions:
                single = definition.declaration(placeholders=True) + definition.text
                results[definition.full_name] = _run_check(binary, schema_dir, single)[:2]
            return
        failed = definitions[index]
        results[failed.full_name] = (False, message)
        definitions = definitions[:index] + definitions[index + 1:]


def check_queries(binary, schemas, provider=None):
    """[(full name, ok, the binder's message)] for every library query, in library order.
    Only the schema files of the tables the families list are given to the binary."""
    provider = provider or QueryProvider()
    definitions = [q.definition for q in provider.queries()]
    tables = set()
    for family in provider.families:
        tables.update(getattr(provider, family).metadata.get("tables") or [])
    results = {}
    with tempfile.TemporaryDirectory(prefix="huntbook-schemas-") as subset:
        for table in sorted(tables):
            source = os.path.join(schemas, table + ".json")
            if not os.path.exists(source):
                raise FileNotFoundError(f"no schema file for table {table} in {schemas}")
            shutil.copy(source, subset)
        for batch in _batches(definitions):
            _check_batch(binary, subset, batch, results)
    return [(d.full_name, *results[d.full_name]) for d in definitions]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--schemas", required=True)
    args = parser.parse_args(argv)
    results = check_queries(args.binary, args.schemas)
    failed = [r for r in results if not r[1]]
    for name, _, message in failed:
        print(f"FAIL {name}: {message}")
    print(f"{len(results) - len(failed)} of {len(results)} library queries bind")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
