"""Finds and imports the compiled extension huntbook._native.

The extension is built by CMake into <build>/python/huntbook/. It is looked up, in order:
inside this package (an installed copy), in $HUNTBOOK_NATIVE_DIR, then in the build
directories of the source tree this package sits in (build/, build-asan/, ...).
"""

import glob
import importlib
import os
import sys

__all__ = ["load_native"]

_native = None


def _candidate_dirs():
    env = os.environ.get("HUNTBOOK_NATIVE_DIR")
    if env:
        yield env
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    for name in ["build"] + sorted(glob.glob(os.path.join(repo, "build-*"))):
        yield os.path.join(repo, name, "python", "huntbook")


def load_native():
    """Returns the huntbook._native module; ImportError saying where it looked."""
    global _native
    if _native is not None:
        return _native
    package = sys.modules["huntbook"]
    looked = []
    for directory in [None, *_candidate_dirs()]:
        if directory is not None:
            if not glob.glob(os.path.join(directory, "_native*.so")):
                looked.append(directory)
                continue
            if directory not in package.__path__:
                package.__path__.append(directory)
        try:
            _native = importlib.import_module("huntbook._native")
            return _native
        except ImportError as error:
            if directory is not None:
                raise ImportError(f"huntbook._native in {directory} failed to load: {error}")
    raise ImportError("huntbook._native is not built (cmake --build <dir> --target "
                      "huntbook_native); looked in: " + ", ".join(looked))
