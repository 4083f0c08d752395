"""%kql / %%kql in a real IPython InteractiveShell."""

import json

import pandas as pd
import pytest
from IPython.core.interactiveshell import InteractiveShell

import huntbook
from conftest import requires_native
from huntbook.magics import split_magic_line


@pytest.fixture
def shell(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no config.json around unless a test writes one
    monkeypatch.delenv("HUNTBOOK_CONFIG", raising=False)
    monkeypatch.delenv("HUNTBOOK_CONNECTION", raising=False)
    monkeypatch.delenv("KQLMAGIC_CONNECTION_STR", raising=False)
    ipython = InteractiveShell.instance()
    ipython.user_ns.pop("_kql_raw_result_", None)
    ipython.run_line_magic("load_ext", "huntbook")
    yield ipython
    InteractiveShell.clear_instance()


def run(shell, code):
    result = shell.run_cell(code)
    if result.error_in_exec is not None:
        raise result.error_in_exec
    if result.error_before_exec is not None:
        raise result.error_before_exec
    return result.result


def test_split_magic_line():
    options, connection, target, query = split_magic_line(
        "-quiet -timespan PT1H huntbook:///d logons << Events | take 1")
    assert options == {"quiet": True, "timespan": "PT1H"}
    assert (connection, target, query) == ("huntbook:///d", "logons", "Events | take 1")
    options, connection, target, query = split_magic_line(
        "", "hosts << Events\n| distinct Computer")
    assert (connection, target, query) == (None, "hosts", "Events\n| distinct Computer")
    # '<<' inside the query is not an assignment.
    assert split_magic_line("print x = 1 << 2")[2] is None


@requires_native
def test_line_and_cell_queries(shell, workspace, data_dir):
    workspace.close()
    assert run(shell, f"%kql huntbook://{data_dir}") is None
    result = run(shell, "%kql Events | count")
    assert isinstance(result, huntbook.QueryResult)
    assert result.dataframe["Count"][0] == 3
    assert shell.user_ns["_kql_raw_result_"] is result
    run(shell, "%%kql hosts <<\nEvents\n| summarize n = count() by Computer\n| sort by Computer asc")
    hosts = shell.user_ns["hosts"]
    assert isinstance(hosts, pd.DataFrame)
    assert hosts["Computer"].tolist() == ["db01", "web01", "web02"]
    frame = run(shell, "%kql -ad Events | take 1")
    assert isinstance(frame, pd.DataFrame)
    assert run(shell, "%kql -quiet Events | take 1") is None


@requires_native
def test_python_variables_become_typed_parameters(shell, workspace, data_dir):
    workspace.close()
    run(shell, f"%kql huntbook://{data_dir}")
    run(shell, "host = 'web02'\nids = [4625]")
    frame = run(shell, "%%kql -ad\ndeclare query_parameters(host:string, ids:dynamic);\n"
                       "Events | where Computer == host or EventID in (ids) "
                       "| sort by Computer asc | project Computer")
    assert frame["Computer"].tolist() == ["db01", "web02"]
    run(shell, "owners = __import__('pandas').DataFrame({'Computer': ['web01'], "
               "'Owner': ['alice']})")
    frame = run(shell, "%kql -ad Events | join kind=inner (owners) on Computer "
                       "| project Owner")
    assert frame["Owner"].tolist() == ["alice"]


@requires_native
def test_errors_show_the_position(shell, workspace, data_dir):
    workspace.close()
    run(shell, f"%kql huntbook://{data_dir}")
    with pytest.raises(huntbook.KqlError) as caught:
        run(shell, "%kql Events | where")
    lines = caught.value._render_traceback_()
    assert lines[0].startswith("SyntaxError")
    assert lines[1].strip() == "Events | where"
    assert lines[2].index("^") == caught.value.column + 1  # under the column (2-space indent)


@requires_native
def test_html_table_and_chart(shell, workspace, data_dir):
    workspace.close()
    run(shell, f"%kql huntbook://{data_dir}")
    result = run(shell, "%kql Events | project Computer, EventID")
    html = result._repr_html_()
    assert "<table" in html and "web01" in html and "3 rows" in html
    assert "<img" not in html
    chart = run(shell, "%kql Events | summarize n = count() by Computer | render piechart")
    assert chart.render["visualization"] == "piechart"
    assert 'class="huntbook-chart"' in chart._repr_html_()


@requires_native
def test_config_json_connects_without_code(tmp_path, monkeypatch, workspace, data_dir):
    workspace.close()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HUNTBOOK_CONFIG", raising=False)
    (tmp_path / "config.json").write_text(json.dumps(
        {"huntbook": {"connection_string": f"huntbook://{data_dir}", "workspace": "default"}}))
    ipython = InteractiveShell.instance()
    try:
        ipython.run_line_magic("load_ext", "huntbook")
        assert run(ipython, "%kql Events | count").dataframe["Count"][0] == 3
        assert huntbook.connect().query("Events | count")["Count"][0] == 3
    finally:
        InteractiveShell.clear_instance()


def test_not_connected_is_a_clear_error(shell):
    with pytest.raises(huntbook.HuntbookError, match="not connected"):
        run(shell, "%kql print 1")
