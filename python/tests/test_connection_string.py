"""Connection strings in the forms Kqlmagic users know (PROTOCOLS.md §8)."""

import json

import pytest

from huntbook import HuntbookError, parse_connection_string
from huntbook.config import find_connection_string
from huntbook.connection_string import looks_like_connection_string


def test_paths_and_huntbook_scheme_are_local():
    spec = parse_connection_string("/var/lib/huntbook")
    assert (spec.kind, spec.path, spec.workspace) == ("local", "/var/lib/huntbook", "default")
    spec = parse_connection_string("huntbook:///srv/data;workspace='soc'")
    assert (spec.kind, spec.path, spec.workspace) == ("local", "/srv/data", "soc")
    assert parse_connection_string("huntbook://./data").path == "./data"


def test_log_analytics_form():
    spec = parse_connection_string(
        "loganalytics://anonymous;workspace='ws1';datasourceurl='http://localhost:8080'")
    assert (spec.kind, spec.url, spec.workspace, spec.token) == (
        "http", "http://localhost:8080", "ws1", None)


def test_data_explorer_forms_and_aliases():
    for scheme in ("azuredataexplorer", "kusto", "adx"):
        spec = parse_connection_string(
            f"{scheme}://anonymous;cluster='http://127.0.0.1:9000/';database='SecLogs'")
        assert (spec.url, spec.workspace) == ("http://127.0.0.1:9000", "SecLogs")


def test_tokens_and_api_keys():
    spec = parse_connection_string(
        "loganalytics://token='abc;def';workspace='w';datasourceurl='https://h:1'")
    assert spec.token == "abc;def"  # ';' inside quotes stays in the value
    spec = parse_connection_string("kusto://appkey='k1';cluster='http://h:1';database='d'")
    assert spec.api_key == "k1"


def test_unquoted_values_resolve_as_python_names():
    names = {"ws": "from_python", "url": "http://h:2"}
    spec = parse_connection_string(
        "loganalytics://anonymous;workspace=ws;datasourceurl=url", resolve=names.__getitem__)
    assert (spec.workspace, spec.url) == ("from_python", "http://h:2")


def test_http_url_with_workspace_path():
    spec = parse_connection_string("http://localhost:8080/v1/workspaces/soc")
    assert (spec.kind, spec.url, spec.workspace) == ("http", "http://localhost:8080", "soc")


@pytest.mark.parametrize("text, message", [
    ("loganalytics://anonymous;workspace='w'", "datasourceurl"),
    ("kusto://anonymous;database='d'", "cluster"),
    ("kusto://anonymous;cluster='help';database='d'", "http://"),
    ("loganalytics://workspace='w';datasourceurl='http://h:1'", "anonymous"),
    ("kusto://username='u';password='p';cluster='http://h:1'", "not supported"),
    ("kusto://anonymous;cluster='http://h:1';colour='red'", "unknown connection string key"),
    ("ftp://host", "unknown connection string scheme"),
    ("huntbook://", "path"),
])
def test_bad_connection_strings_say_what_is_wrong(text, message):
    with pytest.raises(HuntbookError, match=message):
        parse_connection_string(text)


def test_looks_like_connection_string():
    assert looks_like_connection_string("huntbook:///x")
    assert looks_like_connection_string("loganalytics://anonymous")
    assert not looks_like_connection_string("SecurityEvent | take 1")
    assert not looks_like_connection_string("print x='http://a'")


def test_config_json_next_to_the_notebook(tmp_path, monkeypatch):
    monkeypatch.delenv("HUNTBOOK_CONFIG", raising=False)
    notebook_dir = tmp_path / "notebooks" / "sub"
    notebook_dir.mkdir(parents=True)
    (tmp_path / "notebooks" / "config.json").write_text(json.dumps(
        {"huntbook": {"connection_string": "huntbook://data", "workspace": "soc"}}))
    spec = find_connection_string(str(notebook_dir))
    assert spec.kind == "local" and spec.workspace == "soc"
    assert spec.path == str(tmp_path / "notebooks" / "data")  # relative to the file


def test_environment_fallback(tmp_path, monkeypatch):
    monkeypatch.delenv("HUNTBOOK_CONFIG", raising=False)
    monkeypatch.setenv("KQLMAGIC_CONNECTION_STR", "huntbook:///x")
    monkeypatch.delenv("HUNTBOOK_CONNECTION", raising=False)
    assert find_connection_string(str(tmp_path)) == "huntbook:///x"
