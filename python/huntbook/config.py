"""config.json: connection settings next to a notebook, written by the huntbook portal, so
a notebook connects with no code.

    {"huntbook": {"connection_string": "huntbook:///var/lib/huntbook",
                  "workspace": "default", "token": null}}

The top-level object itself may hold these keys too. The file is looked up in the current
directory (a notebook kernel's working directory is the notebook's folder), then its
parents; $HUNTBOOK_CONFIG names a file explicitly. Without a file, $HUNTBOOK_CONNECTION or
Kqlmagic's $KQLMAGIC_CONNECTION_STR give the connection string.
"""

import json
import os

from .errors import HuntbookError

__all__ = ["find_config", "find_connection_string", "load_config"]


def load_config(path):
    """The settings dict of one config.json; HuntbookError when malformed."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError) as error:
        raise HuntbookError(f"{path}: {error}") from None
    if not isinstance(data, dict):
        raise HuntbookError(f"{path}: expected a JSON object")
    settings = data.get("huntbook", data)
    if not isinstance(settings, dict) or not settings.get("connection_string"):
        raise HuntbookError(f"{path}: no connection_string")
    settings = dict(settings)
    settings["path"] = os.path.abspath(path)
    return settings


def find_config(start=None):
    """Settings from $HUNTBOOK_CONFIG or the nearest config.json with huntbook settings."""
    explicit = os.environ.get("HUNTBOOK_CONFIG")
    if explicit:
        return load_config(explicit)
    directory = os.path.abspath(start or os.getcwd())
    while True:
        candidate = os.path.join(directory, "config.json")
        if os.path.isfile(candidate):
            try:
                return load_config(candidate)
            except HuntbookError:
                pass  # some other tool's config.json
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def find_connection_string(start=None):
    """A connection string with the workspace/token from config applied, or None."""
    settings = find_config(start)
    if settings is None:
        text = os.environ.get("HUNTBOOK_CONNECTION") or os.environ.get("KQLMAGIC_CONNECTION_STR")
        return text or None
    from .connection_string import parse_connection_string
    spec = parse_connection_string(settings["connection_string"])
    if spec.kind == "local" and not os.path.isabs(spec.path):
        spec.path = os.path.join(os.path.dirname(settings["path"]), spec.path)
    if settings.get("workspace"):
        spec.workspace = settings["workspace"]
    if settings.get("token"):
        spec.token = settings["token"]
    if settings.get("api_key"):
        spec.api_key = settings["api_key"]
    return spec
