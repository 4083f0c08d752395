"""pytest setup: import the package from python/ and its extension from the build tree.

ctest sets PYTHONPATH and HUNTBOOK_NATIVE_DIR (python/CMakeLists.txt); run by hand as
    HUNTBOOK_NATIVE_DIR=build-X/python/huntbook /usr/bin/python3 -m pytest python/tests
(prefix LD_PRELOAD=$(g++ -print-file-name=libasan.so) ASAN_OPTIONS=detect_leaks=0 when
build-X is a sanitizer build).
"""

import json
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import huntbook  # noqa: E402


def native_available():
    try:
        from huntbook.native_loader import load_native
        load_native()
        return True
    except ImportError:
        return False


requires_native = pytest.mark.skipif(
    not native_available() and not os.environ.get("HUNTBOOK_NATIVE_DIR"),
    reason="huntbook._native is not built")

# Rows with every stored type and nulls, as JSON Lines (ingest infers the types).
SAMPLE_ROWS = [
    {"TimeGenerated": "2024-01-01T10:00:00Z", "Computer": "web01", "EventID": 4624,
     "Success": True, "Score": 1.5, "Duration": None, "Details": {"ip": "10.0.0.1", "n": 1}},
    {"TimeGenerated": "2024-01-01T11:30:00.1234567Z", "Computer": "web02", "EventID": None,
     "Success": None, "Score": None, "Duration": None, "Details": None},
    {"TimeGenerated": "2024-01-02T00:00:00Z", "Computer": "db01", "EventID": 4625,
     "Success": False, "Score": -2.25, "Duration": None, "Details": [1, "two", None]},
]


@pytest.fixture
def data_dir(tmp_path):
    return str(tmp_path / "data")


@pytest.fixture
def workspace(tmp_path, data_dir):
    """A LocalConnection over a fresh data directory holding table Events (SAMPLE_ROWS)."""
    source = tmp_path / "events.jsonl"
    source.write_text("\n".join(json.dumps(row) for row in SAMPLE_ROWS) + "\n")
    connection = huntbook.connect(data_dir)
    assert connection.ingest("Events", str(source)) == 3
    yield connection
    connection.close()
