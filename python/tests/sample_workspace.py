"""One generated sample workspace per pytest process, shared by the tests that need it:
generated (fixed seed and end, half the default volume) into a temporary directory and
ingested in-process. Built on first use; removed at exit."""

import atexit
import datetime as _dt
import functools
import os
import shutil
import tempfile

import huntbook
from huntbook.sample_data import DEFAULT_END, generate

SAMPLE_SCALE = 0.5
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class SampleWorkspace:
    def __init__(self, root, truth, connection):
        self.root = root
        self.truth = truth
        self.connection = connection
        self.provider = huntbook.QueryProvider(connection, now=DEFAULT_END)

    def stories(self, story_id):
        return self.truth["stories"][story_id]


@functools.lru_cache(maxsize=None)
def sample_workspace():
    root = tempfile.mkdtemp(prefix="huntbook-sample-")
    atexit.register(shutil.rmtree, root, True)
    files = os.path.join(root, "files")
    truth = generate(files, end=DEFAULT_END, scale=SAMPLE_SCALE)
    connection = huntbook.connect(os.path.join(root, "data"))
    with open(os.path.join(files, "tables.tsv"), encoding="utf-8") as manifest:
        for line in manifest:
            if line.startswith("#") or not line.strip():
                continue
            name, table, fmt = line.rstrip("\n").split("\t")
            rows = connection.ingest(table, os.path.join(files, name), format=fmt)
            assert rows == truth["rows"][table], (table, rows)
    return SampleWorkspace(root, truth, connection)


def schemas_dir():
    corpus = os.environ.get("HUNTBOOK_CORPUS", os.path.join(REPO, "..", "shared", "corpus"))
    return os.path.join(corpus, "schemas")


def huntbook_binary():
    """The huntbook CLI of the build under test ($HUNTBOOK_BINARY_DIR, set by ctest), else
    the repository's build directories; None when there is none."""
    candidates = [os.environ.get("HUNTBOOK_BINARY_DIR", "")] + [
        os.path.join(REPO, d) for d in ("build-asan", "build")]
    for directory in candidates:
        path = os.path.join(directory, "huntbook")
        if directory and os.access(path, os.X_OK):
            return path
    return None


def utc(text):
    return _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
