"""`lawcmp lsp` as an editor meets it: a real server process, driven over stdio (lawcmp.lsp.server).

One server serves the module, as one serves an editor session: what a test opens stays
open, so each test opens its own file name.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from lawcmp.lang.layout import format_text
from tests.helpers.lspclient import ROOT, LspClient

BILL = ROOT / "statutes" / "drafts" / "UZ-cc-amendments-2008.law"
UZ = ROOT / "statutes" / "UZ.law"
RULES = ROOT / "rules" / "catalog" / "criminalization.rules"


@pytest.fixture(scope="module")
def client() -> Iterator[LspClient]:
    server = LspClient()
    server.initialize()
    yield server
    errors = server.errors_logged()
    server.close()
    assert server.process.returncode == 0
    assert errors == []  # no handler met an internal error, however odd the input


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n")) if needle in line)


def at(text: str, needle: str, offset: int = 0) -> dict[str, int]:
    """The position of `needle` (plus `offset` characters) in `text`."""
    line = line_of(text, needle)
    return {"line": line, "character": text.split("\n")[line].index(needle) + offset}


def doc(uri: str) -> dict[str, str]:
    return {"uri": uri}


def test_the_server_announces_what_it_does() -> None:
    fresh = LspClient()
    try:
        answer = fresh.initialize()["capabilities"]
    finally:
        fresh.close()
    for feature in ("hoverProvider", "completionProvider", "definitionProvider", "documentSymbolProvider",
                    "documentFormattingProvider", "codeActionProvider"):
        assert answer.get(feature), feature
    assert answer["textDocumentSync"]["change"] == 1  # full


def test_diagnostics_come_on_open_with_code_and_range_and_go_when_fixed(client: LspClient) -> None:
    good = BILL.read_text(encoding="utf-8")
    bad = good.replace("amend UZ/CC/135", "amend UZ/CC/13", 1)
    uri = client.open(BILL.with_name("typo-bill.law"), bad)
    found = client.diagnostics(uri)
    assert [d["code"] for d in found] == ["BL01"]
    start = at(bad, "UZ/CC/13 {")
    assert found[0]["range"] == {"start": start, "end": {**start, "character": start["character"] + len("UZ/CC/13")}}
    assert found[0]["message"] == "`UZ/CC/13` does not exist (did you mean `UZ/CC/136`?)"
    assert found[0]["severity"] == 1 and found[0]["source"] == "lawcmp"
    seen = len(client.notifications)
    client.change(uri, good, 2)
    assert client.diagnostics(uri, after=seen, version=2) == []


def test_a_syntax_error_is_reported_where_it_is(client: LspClient) -> None:
    text = BILL.read_text(encoding="utf-8").replace("effective 2008-09-16", "effective 2008-09-16 }", 1)
    uri = client.open(BILL.with_name("syntax-bill.law"), text)
    found = [d for d in client.diagnostics(uri) if d["code"] == "SY01"]
    assert [d["message"] for d in found] == ["unexpected `}`; expected the end of the line"]
    assert found[0]["range"]["start"] == at(text, "2008-09-16 }", len("2008-09-16 "))


def test_hover_on_a_term_gives_its_definition_group_russian_and_treaty(client: LspClient) -> None:
    text = BILL.read_text(encoding="utf-8")
    uri = client.open(BILL.with_name("hover-bill.law"), text)
    answer = client.request("textDocument/hover", {"textDocument": doc(uri), "position": at(text, "recruitment transportation", 3)})
    value = answer["contents"]["value"]
    assert "**recruitment** — a term of `acts`" in value
    assert "вербовка" in value and "Protocol 3(a)" in value


def test_hover_on_a_provision_id_gives_its_title_and_versions(client: LspClient) -> None:
    text = BILL.read_text(encoding="utf-8")
    uri = client.open(BILL.with_name("hover-id-bill.law"), text)
    answer = client.request("textDocument/hover", {"textDocument": doc(uri), "position": at(text, "amend UZ/CC/135", 8)})
    value = answer["contents"]["value"]
    assert value.startswith("**UZ/CC/135** — provision: Trafficking in persons")
    assert "- version from 2008-09-16, by `UZ/law-2008-09-cc`" in value


def test_hover_on_an_obligation_gives_its_basis_and_criteria(client: LspClient) -> None:
    text = RULES.read_text(encoding="utf-8")
    uri = client.open(ROOT / "rules" / "catalog" / "hover.rules", text, "lawcmp-rules")
    answer = client.request("textDocument/hover", {"textDocument": doc(uri), "position": at(text, "obligation crim.acts", 13)})
    value = answer["contents"]["value"]
    assert "Basis: Protocol 3(a), 5(1)" in value and "criterion `recruitment`" in value


def test_completion_at_a_field_offers_the_terms_of_its_group(client: LspClient) -> None:
    text = BILL.read_text(encoding="utf-8").replace("purposes other-exploitation", "purposes organ", 1)
    uri = client.open(BILL.with_name("complete-bill.law"), text)
    answer = client.request("textDocument/completion", {"textDocument": doc(uri), "position": at(text, "purposes organ", len("purposes organ"))})
    items = answer["items"]
    assert [i["label"] for i in items] == ["organ-removal"]
    assert items[0]["textEdit"]["newText"] == "organ-removal"
    assert items[0]["textEdit"]["range"]["start"] == at(text, "purposes organ", len("purposes "))


def test_definition_of_a_provision_id_is_its_declaration_in_the_corpus(client: LspClient) -> None:
    text = BILL.read_text(encoding="utf-8")
    uri = client.open(BILL.with_name("definition-bill.law"), text)
    answer = client.request("textDocument/definition", {"textDocument": doc(uri), "position": at(text, "amend UZ/CC/135", 10)})
    assert answer["uri"] == UZ.resolve().as_uri()
    uz = UZ.read_text(encoding="utf-8")
    assert answer["range"]["start"] == at(uz, "provision UZ/CC/135 ", len("provision "))


def test_formatting_gives_fmts_layout_in_one_edit_and_nothing_for_a_broken_file(client: LspClient) -> None:
    canonical = BILL.read_text(encoding="utf-8")
    messy = canonical.replace("\n  effective 2008-09-16", "\n        effective   2008-09-16", 1)
    uri = client.open(BILL.with_name("format-bill.law"), messy)
    options = {"tabSize": 2, "insertSpaces": True}
    edits = client.request("textDocument/formatting", {"textDocument": doc(uri), "options": options})
    assert len(edits) == 1 and edits[0]["newText"] == format_text(messy) == canonical
    assert edits[0]["range"]["start"] == {"line": 0, "character": 0}
    seen = len(client.notifications)
    client.change(uri, messy + "provision {\n", 2)
    client.diagnostics(uri, after=seen, version=2)
    assert client.request("textDocument/formatting", {"textDocument": doc(uri), "options": options}) == []


def test_a_quick_fix_replaces_the_misspelt_word(client: LspClient) -> None:
    text = BILL.read_text(encoding="utf-8").replace("acts recruitment", "acts recruitmnt", 1)
    uri = client.open(BILL.with_name("fix-bill.law"), text)
    found = client.diagnostics(uri)
    assert [d["code"] for d in found] == ["VO01"]
    actions = client.request("textDocument/codeAction", {"textDocument": doc(uri), "range": found[0]["range"],
                                                         "context": {"diagnostics": found}})
    assert [a["kind"] for a in actions] == ["quickfix"]
    (edit,) = actions[0]["edit"]["changes"][uri]
    assert edit["newText"] == "recruitment" and edit["range"] == found[0]["range"]


def test_an_edit_of_a_statute_file_reaches_the_open_bills_that_amend_it(client: LspClient) -> None:
    bill = client.open(BILL.with_name("cross-bill.law"), BILL.read_text(encoding="utf-8"))
    assert client.diagnostics(bill) == []
    seen = len(client.notifications)
    uz = client.open(UZ, UZ.read_text(encoding="utf-8").replace("provision UZ/CC/135 ", "provision UZ/CC/135-x ", 1))
    assert [d["code"] for d in client.diagnostics(bill, after=seen, version=1)] == ["BL01"]
    seen = len(client.notifications)
    client.notify("textDocument/didClose", {"textDocument": doc(uz)})
    client.change(bill, BILL.read_text(encoding="utf-8"), 2)
    assert client.diagnostics(bill, after=seen, version=2) == []  # closed unsaved: the file on disk again


def test_the_outline_of_a_rule_file_holds_obligations_and_criteria(client: LspClient) -> None:
    uri = client.open(ROOT / "rules" / "catalog" / "outline.rules", RULES.read_text(encoding="utf-8"), "lawcmp-rules")
    symbols = client.request("textDocument/documentSymbol", {"textDocument": doc(uri)})
    assert symbols[0]["name"] == "crim.specific"
    assert [c["name"] for c in symbols[0]["children"]] == ["specific", "general"]


def test_hostile_input_and_odd_requests_never_end_the_session(client: LspClient) -> None:
    uri = client.open(BILL.with_name("hostile.law"), "bill \x00 {{{ \"\n}}}\n" * 50)
    assert [d["code"] for d in client.diagnostics(uri)] == ["IN03"]
    far: dict[str, Any] = {"line": 10_000, "character": 10_000}
    for method in ("textDocument/hover", "textDocument/completion", "textDocument/definition"):
        client.request(method, {"textDocument": doc(uri), "position": far})
    unopened = (ROOT / "nowhere.law").as_uri()
    client.request("textDocument/hover", {"textDocument": doc(unopened), "position": {"line": 0, "character": 0}})
    assert client.process.poll() is None
    started = time.perf_counter()
    assert client.request("textDocument/documentSymbol", {"textDocument": doc(uri)}) == []
    assert time.perf_counter() - started < 5


def test_columns_are_counted_in_the_units_the_client_chose() -> None:
    text = BILL.read_text(encoding="utf-8")
    title = next(line for line in text.split("\n") if line.startswith("  title ru "))
    bad = text.replace(title, title + " x", 1)
    utf8 = LspClient()
    try:
        answer = utf8.initialize(capabilities={"general": {"positionEncodings": ["utf-8", "utf-16"]}})
        assert answer["capabilities"]["positionEncoding"] == "utf-8"
        uri = utf8.open(BILL.with_name("utf8-bill.law"), bad)
        (found,) = [d for d in utf8.diagnostics(uri) if d["code"] == "SY01"]
        assert utf8.errors_logged() == []
    finally:
        utf8.close()
    # the Cyrillic title counts two bytes a letter: the `x` stands that much further right
    assert found["range"]["start"]["character"] == len((title + " ").encode("utf-8"))


def test_an_internal_error_is_logged_to_the_client_and_answered_with_nothing() -> None:
    from lawcmp.lsp.server import guarded

    logged: list[Any] = []

    class Server:
        def window_log_message(self, params: Any) -> None:
            logged.append(params)

    @guarded([])
    def broken(server: Any, params: Any) -> list[int]:
        raise KeyError("a bug")

    assert broken(Server(), None) == []
    assert len(logged) == 1 and "KeyError: 'a bug'" in logged[0].message and logged[0].type == 1


def test_the_server_ends_when_its_editor_goes_away() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "lawcmp", "lsp"], stdin=subprocess.DEVNULL, capture_output=True,
                          timeout=60, cwd=ROOT)
    assert done.returncode == 0 and done.stdout == b""
