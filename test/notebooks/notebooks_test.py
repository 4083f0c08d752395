"""Runs every notebook template headless against a fresh sample workspace and checks that
each one finds the attack story planted for it (ground_truth.json).

    notebooks_test.py HUNTBOOK_BINARY [NOTEBOOK...]

Steps: generate the sample workspace (huntbook.sample_data) into a temporary directory,
ingest it with the binary, start `huntbook serve --anonymous` on a free loopback port, copy
the notebooks next to a config.json pointing at the server (as `make demo` does), execute
each with nbclient in Debian's python3 kernel, and compare the lines starting with
"Finding:" with the ground truth. The kernel talks to the server over HTTP only, so it needs
no native module. Exits 1 naming each failure.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "python"))


def expected_findings(truth):
    """notebook file -> strings its "Finding:" lines must contain, from the ground truth."""
    stories = truth["stories"]
    spray, macro = stories["password_spray"], stories["office_encoded_powershell"]
    dump, linux = stories["credential_dumping"], stories["linux_base64_commands"]
    leaks, spike = stories["secrets_in_command_lines"]["leaks"], stories["download_spike"]
    ti = stories["threat_intel_match"]
    short = lambda host: host.split(".")[0]
    return {
        "01-getting-started.ipynb": list(ti["matched_ips"]),
        "02-guided-investigation-process-alerts.ipynb": [
            macro["host"], macro["account"], macro["parent_process"], macro["decoded_command"],
            macro["c2_domain"]] + macro["recon_commands"],
        "03-credential-scan.ipynb": [f"on {leak['host']} by {leak['account']}" for leak in leaks],
        "04-entity-explorer-host.ipynb": [dump["host"], dump["account"], dump["lateral_host"],
                                          dump["lateral_account"], dump["created_account"]]
        + dump["command_lines"],
        "05-entity-explorer-account.ipynb": [
            f"password spray from {spray['attacker_ip']}", f"against {spray['sprayed_accounts']} accounts",
            f"{spray['failed_signins']} failed sign-ins", spray["compromised_upn"], spray["host"],
            spray["inbox_rule_forward_to"]] + spray["azure_operations"],
        "06-entity-explorer-ip-address.ipynb": [
            ti["matched_ips"][0], stories["linux_base64_commands"]["c2_domain"], macro["host"],
            linux["host"], f"{spike['downloads']} {spike['operation']} events by {spike['upn']}"],
        "07-guided-hunting-base64-linux-commands.ipynb": [linux["host"], linux["account"],
                                                          linux["c2_ip"]]
        + linux["decoded_commands"],
        "08-anomaly-lookup-around-an-alert.ipynb": [spike["upn"], spike["operation"],
                                                     spike["start"][:13].replace("T", " ")],
        "09-adding-hunting-bookmarks.ipynb": [spray["compromised_upn"], spray["attacker_ip"],
                                              "HuntingBookmark"],
        "10-machine-learning-examples.ipynb": [spike["upn"], spike["start"][:13].replace("T", " ")]
        + [short(c) for c in dump["command_lines"][:1]],
    }


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def load_workspace(binary, work):
    from huntbook.sample_data import generate
    files, data = os.path.join(work, "sample-files"), os.path.join(work, "data")
    truth = generate(files)
    with open(os.path.join(files, "tables.tsv"), encoding="utf-8") as manifest:
        for line in manifest:
            if not line.strip() or line.startswith("#"):
                continue
            name, table, fmt = line.rstrip("\n").split("\t")
            subprocess.run([binary, "ingest", "--data", data, "--table", table, "--format", fmt,
                            os.path.join(files, name)], check=True, stdout=subprocess.DEVNULL)
    return truth, data


def start_server(binary, data, port, log):
    server = subprocess.Popen([binary, "serve", "--data", data, "--listen",
                               f"127.0.0.1:{port}", "--anonymous"], stdout=log, stderr=log)
    deadline = time.time() + 120
    while time.time() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"huntbook serve exited with {server.returncode}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise RuntimeError("huntbook serve did not answer /healthz within 120 s")


def findings_of(notebook):
    lines = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            text = output.get("text") or output.get("data", {}).get("text/plain", "")
            lines += [line for line in text.splitlines() if line.startswith("Finding:")]
    return lines


def run_notebook(path, workdir):
    import nbformat
    from nbclient import NotebookClient
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=240, kernel_name="python3",
                            resources={"metadata": {"path": workdir}})
    try:
        client.execute()
    except Exception as error:  # nbclient's CellExecutionError and kernel deaths alike
        return notebook, f"{type(error).__name__}: {str(error)[-2500:]}"
    return notebook, None


def main(argv):
    binary = os.path.abspath(argv[1])
    templates = os.path.join(ROOT, "notebooks")
    names = argv[2:] or sorted(n for n in os.listdir(templates) if n.endswith(".ipynb"))
    work = tempfile.mkdtemp(prefix="huntbook-notebooks-")
    failures, server = [], None
    try:
        started = time.time()
        truth, data = load_workspace(binary, work)
        print(f"sample workspace loaded in {time.time() - started:.1f} s", flush=True)
        port = free_port()
        log = open(os.path.join(work, "serve.log"), "w")
        server = start_server(binary, data, port, log)
        run_dir = os.path.join(work, "notebooks")
        os.makedirs(run_dir)
        with open(os.path.join(run_dir, "config.json"), "w", encoding="utf-8") as config:
            json.dump({"huntbook": {"connection_string":
                                    "loganalytics://anonymous;workspace='default';"
                                    f"datasourceurl='http://127.0.0.1:{port}'",
                                    "workspace": "default"}}, config)
        os.environ.update({"PYTHONPATH": os.path.join(ROOT, "python"), "MPLBACKEND": "Agg",
                           "PYDEVD_DISABLE_FILE_VALIDATION": "1"})
        os.environ.pop("LD_PRELOAD", None)  # the kernel needs no native module
        expected = expected_findings(truth)
        for name in names:
            shutil.copy(os.path.join(templates, name), run_dir)
            started = time.time()
            notebook, error = run_notebook(os.path.join(run_dir, name), run_dir)
            findings = findings_of(notebook)
            text = "\n".join(findings)
            missing = [value for value in expected.get(name, [None]) if value is None
                       or str(value) not in text]
            status = "ok" if not error and not missing else "FAILED"
            print(f"{status}: {name} ({time.time() - started:.1f} s, {len(findings)} findings)",
                  flush=True)
            for line in findings:
                print("   ", line[:300])
            if error:
                failures.append(f"{name}: {error}")
            elif missing:
                failures.append(f"{name}: findings lack {missing}")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    for failure in failures:
        print("FAILED", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
