"""Benchmark: converting a 2,000,000-row result (long, real, datetime, string columns) to
a pandas DataFrame through the in-process engine. Prints the figures; not a timed test.

    HUNTBOOK_NATIVE_DIR=build/python/huntbook /usr/bin/python3 python/bench_convert.py [rows]
"""

import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import huntbook  # noqa: E402


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000_000
    with tempfile.TemporaryDirectory() as data_dir:
        connection = huntbook.connect(data_dir)
        query = (f"range i from 1 to {rows} step 1 "
                 "| extend r = i * 0.5, t = datetime(2024-01-01) + i * 1s, "
                 "s = strcat('host-', tostring(i % 1000))")
        best = None
        for _ in range(3):
            start = time.perf_counter()
            result = connection.execute(query)
            total = time.perf_counter() - start
            stats = result.statistics
            if best is None or stats["convert_seconds"] < best[1]:
                best = (total, stats["convert_seconds"], stats["query_seconds"])
        frame = result.dataframe
        assert len(frame) == rows, len(frame)
        print(f"rows: {rows:,}  dtypes: {dict(frame.dtypes.astype(str))}")
        print(f"engine query: {best[2]:.3f} s")
        print(f"conversion to pandas: {best[1]:.3f} s  (target < 2 s)")
        print(f"total query(): {best[0]:.3f} s")


if __name__ == "__main__":
    main()
