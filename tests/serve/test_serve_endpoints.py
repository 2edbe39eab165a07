"""`lawcmp serve`'s endpoints, driven in process by Starlette's TestClient over the shipped corpus."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="starlette is not installed (pip install -e '.[serve]')")

from starlette.testclient import TestClient

from lawcmp.serve.app import allowed_hosts, bind_host, create_app
from lawcmp.serve.workspace import Workspace, load_workspace
from tests.helpers.russian_scan import html_text

BILL = "UZ-cc-amendments-2008.law"
ACTS = "acts recruitment transportation transfer harbouring receipt"


@pytest.fixture(scope="module")
def ws() -> Workspace:
    return load_workspace()


@pytest.fixture(scope="module")
def client(ws: Workspace) -> Iterator[TestClient]:
    with TestClient(create_app(ws), base_url="http://127.0.0.1", raise_server_exceptions=False) as c:
        yield c


def check(client: TestClient, text: str, name: str | None = BILL) -> dict[str, Any]:
    r = client.post("/api/check", json={"text": text, "name": name or ""})
    assert r.status_code == 200, r.text
    answer: dict[str, Any] = r.json()
    return answer


def moved(answer: dict[str, Any]) -> dict[str, tuple[str, str, str]]:
    return {c["obligation"]: (c["current"], c["projected"], c["status"])
            for c in answer["whatif"]["changes"] if c["status"] not in ("unchanged", "left")}


def test_a_good_bill_gives_its_what_if(client: TestClient, ws: Workspace) -> None:
    answer = check(client, ws.drafts[BILL].text)
    assert [d for d in answer["diagnostics"] if d["severity"] == "error"] == []
    w = answer["whatif"]
    assert w["state"] == "UZ" and w["bill"] == "UZ/bill-cc-2008"
    assert moved(answer) == {"crim.acts": ("PC", "C", "closed")}  # as `lawcmp whatif UZ statutes/drafts/…` says
    assert w["counts"]["closed"] == 1
    assert len(w["changes"]) == len(ws.catalog.obligations)


def test_an_edit_changes_the_projection(client: TestClient, ws: Workspace) -> None:
    fewer = ws.drafts[BILL].text.replace(ACTS, "acts recruitment transfer harbouring receipt")
    assert fewer != ws.drafts[BILL].text
    assert moved(check(client, fewer))["crim.acts"][:2] == ("PC", "LC")


def test_a_bill_with_an_error_gets_diagnostics_and_no_what_if(client: TestClient, ws: Workspace) -> None:
    text = ws.drafts[BILL].text.replace(ACTS, ACTS.replace("recruitment", "recruitmnt"))
    answer = check(client, text)
    assert answer["whatif"] is None
    [problem] = answer["diagnostics"]
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "recruitmnt" in s)
    assert (problem["code"], problem["severity"], problem["line"]) == ("VO01", "error", line)
    assert problem["column"] == text.splitlines()[line - 1].index("recruitmnt") + 1
    assert "recruitment" in problem["hint"]  # the did-you-mean of `lawcmp check`


@pytest.mark.parametrize("text", ["", "bill UZ/x \"t\" {", "\x00\x01", "jurisdiction ZZ {}", "x" * 5000])
def test_bad_input_gives_diagnostics_never_a_trace(client: TestClient, text: str) -> None:
    answer = check(client, text, None)
    assert answer["whatif"] is None
    assert answer["diagnostics"] and all(d["code"] and d["message"] for d in answer["diagnostics"])
    assert "Traceback" not in str(answer)


def test_requests_that_do_not_read_are_4xx_with_a_message(client: TestClient) -> None:
    for r in (client.post("/api/check", content=b"{not json", headers={"content-type": "application/json"}),
              client.post("/api/check", content=b"text", headers={"content-type": "text/plain"}),
              client.post("/api/check", json=["a list"]),
              client.get("/api/check"), client.get("/no/such/page")):
        assert 400 <= r.status_code < 500, (r.status_code, r.text)
        assert r.json()["error"]


def test_an_internal_error_is_a_500_without_a_trace(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    import lawcmp.serve.app

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("secret detail of the failure")

    monkeypatch.setattr(lawcmp.serve.app, "check_bill", broken)
    with TestClient(create_app(ws), base_url="http://127.0.0.1", raise_server_exceptions=False) as c:
        r = c.post("/api/check", json={"text": "x"})
    assert r.status_code == 500
    assert "internal error" in r.json()["error"]
    assert "secret detail" not in r.text and "Traceback" not in r.text and ".py" not in r.text


def test_the_gap_report_of_a_state(client: TestClient) -> None:
    page = client.get("/report", params={"state": "KG", "date": "2006-01-01"})
    assert page.status_code == 200
    assert 'src="/report/view?state=KG&amp;date=2006-01-01&amp;lang=en"' in page.text
    report = client.get("/report/view", params={"state": "Kyrgyzstan", "date": "2006-01-01"})
    assert report.status_code == 200 and report.headers["content-type"].startswith("text/html")
    assert "prot.unconditional-assistance" in report.text  # the README's example finding
    again = client.get("/report/view", params={"state": "KG", "date": "2006-01-01"})
    assert again.text == report.text  # the same input, the same bytes


def test_an_unknown_state_or_date_is_a_4xx_with_a_message(client: TestClient) -> None:
    r = client.get("/report/view", params={"state": "XX"})
    assert r.status_code == 404 and "XX" in r.json()["error"] and "UZ" in r.json()["error"]
    page = client.get("/report", params={"state": "Atlantis"})
    assert page.status_code == 404 and "Atlantis" in html_text(page.text)
    r = client.get("/report/view", params={"state": "KG", "date": "2006-13-45"})
    assert r.status_code == 400 and "2006-13-45" in r.json()["error"]
    r = client.get("/editor", params={"bill": "../../etc/passwd"})
    assert r.status_code == 404 and "passwd" in html_text(r.text)
    bill = "bill ZZ/b \"t\" {\n  effective 2020-01-01\n}\n"
    answer = check(client, bill, None)
    assert answer["whatif"] is None and answer["diagnostics"]


MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@pytest.mark.parametrize("fmt", sorted(MEDIA))
def test_the_what_if_downloads(client: TestClient, ws: Workspace, fmt: str) -> None:
    r = client.post("/download/whatif", params={"format": fmt},
                    data={"text": ws.drafts[BILL].text, "name": BILL, "lang": "en"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == MEDIA[fmt]
    assert f"whatif-UZ-cc-amendments-2008.{fmt}" in r.headers["content-disposition"]
    if fmt == "pdf":
        assert r.content.startswith(b"%PDF-") and len(r.content) > 10_000
    else:
        names = zipfile.ZipFile(io.BytesIO(r.content)).namelist()
        assert ("word/document.xml" if fmt == "docx" else "xl/workbook.xml") in names


def test_the_gap_report_downloads(client: TestClient) -> None:
    r = client.get("/report/download", params={"state": "KG", "date": "2006-01-01", "format": "docx"})
    assert r.status_code == 200 and r.headers["content-type"] == MEDIA["docx"] and len(r.content) > 10_000
    assert client.get("/report/download", params={"state": "KG", "format": "exe"}).status_code == 400


def test_the_bill_downloads_as_written(client: TestClient, ws: Workspace) -> None:
    text = ws.drafts[BILL].text + "# редакция\n"
    r = client.post("/download/bill", data={"text": text, "name": BILL})
    assert r.status_code == 200 and r.headers["content-type"] == "text/plain; charset=utf-8"
    assert r.content.decode("utf-8") == text
    assert BILL in r.headers["content-disposition"]


def test_a_bill_with_an_error_does_not_download_a_report(client: TestClient) -> None:
    r = client.post("/download/whatif", params={"format": "pdf"}, data={"text": "bill {", "name": BILL})
    assert r.status_code == 422 and r.json()["diagnostics"][0]["code"]


def test_the_russian_pages_have_russian_headings(client: TestClient) -> None:
    for path, heading in (("/editor", "Редактор законопроекта"), ("/report", "Доклад о пробелах")):
        page = client.get(path, params={"lang": "ru", "bill": BILL} if path == "/editor" else {"lang": "ru"})
        assert page.status_code == 200
        assert f"<h1>{heading}</h1>" in page.text and '<html lang="ru">' in page.text
        switch = re.search(r'<a id="lang-switch" href="([^"]*)"', page.text)
        assert switch and switch.group(1).startswith(path) and switch.group(1).endswith("lang=en")  # the switch back
    english = client.get("/editor", params={"bill": BILL}).text
    russian = client.get("/editor", params={"bill": BILL, "lang": "ru"}).text
    assert "<h1>Bill editor</h1>" in english and "Bill editor" not in russian
    assert "пробел устранён" in russian and "gap closed" in english  # the what-if's words too


def test_pages_are_deterministic(client: TestClient) -> None:
    first = [client.get("/editor", params={"bill": BILL, "lang": lang}).text for lang in ("en", "ru")]
    assert first == [client.get("/editor", params={"bill": BILL, "lang": lang}).text for lang in ("en", "ru")]


def test_requests_for_another_host_are_refused(ws: Workspace) -> None:
    with TestClient(create_app(ws), base_url="http://attacker.example") as c:
        r = c.get("/editor")
    assert r.status_code == 400  # a page elsewhere, its name rebound to 127.0.0.1, cannot read the server
    with TestClient(create_app(ws), base_url="http://localhost:8765") as c:
        assert c.get("/editor").status_code == 200


def test_the_host_is_loopback_unless_named() -> None:
    assert bind_host(None) == ("127.0.0.1", None)
    assert bind_host("::1") == ("::1", None) and bind_host("localhost") == ("localhost", None)
    host, warning = bind_host("0.0.0.0")
    assert host == "0.0.0.0" and warning and "no login" in warning
    with pytest.raises(ValueError):
        bind_host(" ")
    assert "*" not in allowed_hosts("127.0.0.1") and allowed_hosts("0.0.0.0") == ("*",)


def test_the_command_warns_of_a_named_public_host_and_checks_its_options(tmp_path: Path) -> None:
    def serve(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "lawcmp", "serve", *args], capture_output=True, text=True,
                              timeout=60, cwd=tmp_path)

    missing = str(tmp_path / "no-such-corpus")
    shared = serve("--host", "0.0.0.0", "--corpus", missing)  # stops at the corpus, after the warning, before binding
    assert shared.returncode == 2
    assert "warning: serving on 0.0.0.0" in shared.stderr and "no-such-corpus" in shared.stderr
    local = serve("--corpus", missing)
    assert local.returncode == 2 and "warning" not in local.stderr
    assert serve("--host", " ").returncode == 2
    assert list(tmp_path.iterdir()) == []  # nothing written where it ran


def test_the_russian_pages_hold_no_english_of_lawcmps_own(client: TestClient, ws: Workspace) -> None:
    """As tests/reports/test_russian_scan.py reads every report: the bill's own text (as encoded, and
    the diagnostics `lawcmp check` writes, in English in every language) left aside."""
    from tests.helpers.russian_scan import english_leaks, english_messages, language_tokens, source_trigrams

    allowed = language_tokens(ws.catalog)
    messages, trigrams = english_messages(ws.catalog, allowed), source_trigrams(ws.corpus)
    for path, params in (("/editor", {"lang": "ru"}), ("/report", {"lang": "ru", "state": "UZ", "date": "2009-12-31"})):
        page = client.get(path, params=params).text
        assert english_leaks(html_text(page), messages, trigrams, allowed) == [], path
    english = client.get("/report", params={"state": "UZ"}).text
    assert english_leaks(html_text(english), messages, trigrams, allowed)  # the scan does see English
