"""The command line as a person uses it: exit statuses, streams, no tracebacks."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lawcmp.render.write import BINARY_FORMATS, FORMATS, SUFFIXES
from tests.helpers import ROOT

FIVE = ROOT / "tests" / "syntax" / "bad" / "five-mistakes.law"
MAGIC = {"xlsx": b"PK", "docx": b"PK", "pdf": b"%PDF-"}  # how each binary format's files begin


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    return subprocess.run([sys.executable, "-m", "lawcmp", *args], cwd=cwd, capture_output=True, text=True, timeout=120, env=env)


def test_check_is_clean_on_the_repository() -> None:
    r = run("check")
    assert r.returncode == 0, r.stderr
    assert r.stderr.startswith("lawcmp check: ") and r.stderr.endswith(" files checked, no problems\n")
    assert r.stderr.count("\n") == 1


def test_five_mistakes_give_five_located_diagnostics_and_exit_1() -> None:
    r = run("check", str(FIVE.relative_to(ROOT)), "--no-quotes")
    assert r.returncode == 1
    *lines, summary = r.stderr.strip().splitlines()
    assert summary == "lawcmp check: 5 problems in 1 of 1 file"
    assert [line.split(": ")[1].split()[0] for line in lines] == ["DT01", "VO01", "PN01", "ID02", "SR01"]
    assert all(line.startswith("tests/syntax/bad/five-mistakes.law:") for line in lines)


def test_full_format_shows_a_code_frame_with_a_caret() -> None:
    r = run("check", str(FIVE.relative_to(ROOT)), "--format", "full", "--no-quotes")
    assert r.returncode == 1
    assert "13 |       acts recruitment transportaton" in r.stderr
    assert "^^^^^^^^^^^^^" in r.stderr and "did you mean `transportation`?" in r.stderr


def test_json_diagnostics_are_machine_readable() -> None:
    r = run("check", str(FIVE.relative_to(ROOT)), "--format", "json", "--no-quotes")
    items = json.loads(r.stdout)
    assert {i["code"] for i in items} == {"DT01", "VO01", "PN01", "ID02", "SR01"}
    assert all(i["line"] > 0 and i["column"] > 0 for i in items)


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("check", "/no/such/file.law"), 2),
        (("assess", "ZZ"), 1),
        (("matrix", "--as-of", "2005-13-01"), 2),
        (("report", "KG", "--format", "odt"), 2),
        (("report", "KG", "--lang", "fr"), 2),
        (("explain", "XX99"), 2),
        (("nonsense",), 2),
        (("timeline", "KG", "--from", "2010", "--to", "2000"), 2),
        (("history", "--from", "2010", "--to", "2000"), 2),
        (("history", "-j", "KG,ZZ"), 1),
    ],
)
def test_errors_have_documented_exit_statuses_and_no_traceback(args: tuple[str, ...], code: int) -> None:
    r = run(*args)
    assert r.returncode == code, r.stderr
    assert "Traceback" not in r.stderr and r.stderr.strip()


BROKEN_REPORT = (
    "import sys; import lawcmp.reports.standard as r; from lawcmp.cli.app import main\n"
    "def broken(*a, **k): raise ZeroDivisionError('a bug planted by the test')\n"
    "r.gap_report = broken; sys.argv = ['lawcmp', 'report', 'UZ']; main()\n"
)


def test_an_internal_error_is_reported_in_words_with_its_own_status() -> None:
    env = {k: v for k, v in os.environ.items() if k != "LAWCMP_DEBUG"}
    r = subprocess.run([sys.executable, "-c", BROKEN_REPORT], cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 70, r.stderr
    assert "Traceback" not in r.stderr
    assert r.stderr.startswith("lawcmp: internal error: ZeroDivisionError: a bug planted by the test\n")
    assert "LAWCMP_DEBUG=1" in r.stderr and r.stdout == ""
    debug = subprocess.run([sys.executable, "-c", BROKEN_REPORT], cwd=ROOT, capture_output=True, text=True,
                           env={**env, "LAWCMP_DEBUG": "1"}, timeout=120)
    assert debug.returncode == 1 and "Traceback" in debug.stderr and "ZeroDivisionError" in debug.stderr


def test_explain_documents_a_code() -> None:
    r = run("explain", "PN01")
    assert r.returncode == 0 and "penalty-range-inverted" in r.stdout and "Fix:" in r.stdout


def test_explain_traces_a_finding_to_provision_and_source() -> None:
    # The 2005 immunity waits on criminal-code changes (003): the trace names the fact that says so.
    r = run("explain", "KG", "prot.unconditional-assistance", "--as-of", "2006-01-01", "--format", "json")
    assert r.returncode == 0, r.stderr
    assert "KG/immunity-not-in-effect" in r.stdout and "003_302ca85d5f157d7b.txt" in r.stdout
    assert "cooperation-with-investigation" in r.stdout


def test_assess_lists_every_obligation() -> None:
    r = run("assess", "TJ", "--as-of", "2006-01-01", "--format", "csv")
    assert r.returncode == 0
    rows = r.stdout.strip().splitlines()
    assert len(rows) - 1 == len(table_rows(json.loads(run("rules", "--format", "json").stdout), "obligations")) == 61


def table_rows(document: dict[str, object], name: str) -> list[list[str]]:
    """The cells' texts of the table `name` of a document written as JSON."""
    [table] = [t for s in document["sections"] for t in s.get("tables", ()) if t["name"] == name]  # type: ignore[attr-defined]
    return [[cell.get("text", "") for cell in row] for row in table["rows"]]


def test_rules_lists_at_least_40_obligations() -> None:
    rows = table_rows(json.loads(run("rules", "--format", "json").stdout), "obligations")
    pillars = {row[3] for row in rows}
    assert len(rows) >= 40 and pillars >= {"Criminalization", "Prevention", "Protection", "Repatriation", "Prosecution"}


def test_schema_and_export_agree() -> None:
    schema = json.loads(run("schema").stdout)
    exported = json.loads(run("export", "--format", "json").stdout)
    assert set(schema["properties"]) == set(exported)
    assert "KG" in exported["books"]


def test_sources_lists_what_rests_on_each_seed() -> None:
    rows = table_rows(json.loads(run("sources", "--format", "json").stdout), "sources")
    [(_, count, items)] = [row for row in rows if row[0] == "003_302ca85d5f157d7b.txt"]
    assert "KG/CC/124" in items and int(count) == items.count("; ") + 1


def test_russian_labels() -> None:
    r = run("report", "KG", "--as-of", "2006-01-01", "--lang", "ru", "--format", "markdown")
    assert r.returncode == 0 and "Отчёт о пробелах" in r.stdout and "Соответствует" in r.stdout


def test_whatif_shows_which_gaps_the_sample_bill_closes() -> None:
    r = run("whatif", "UZ", "statutes/drafts/UZ-cc-amendments-2008.law")
    assert r.returncode == 0, r.stderr
    assert "gap closed" in r.stdout or "newly rated" in r.stdout or "gap narrowed" in r.stdout


def test_diff_lists_the_2008_law_and_the_ratings_it_moved() -> None:
    r = run("diff", "UZ", "--from", "2007-01-01", "--to", "2009-12-31", "--format", "markdown")
    assert r.returncode == 0, r.stderr
    assert "added" in r.stdout and "UZ/law-2008" in r.stdout
    assert "→" in r.stdout


def test_history_gives_every_state_its_ratings_and_their_changes() -> None:
    r = run("history", "--from", "2000", "--to", "2009", "--changed", "--format", "csv")
    assert r.returncode == 0, r.stderr
    rows = r.stdout.strip().splitlines()
    assert rows[0] == "Jurisdiction,Obligation,2000-01-01,Changes,2009-12-31"
    assert {row.split(",")[0] for row in rows[1:]} == set(json.loads(run("export", "--format", "json").stdout)["books"])
    # Kyrgyzstan's art. 124 (amended 2003-08, seed 003) made trafficking a specific offence.
    kg = next(row for row in rows if row.startswith("KG,crim.specific,"))
    assert "2003-08-01 → ● C" in kg


def test_dual_criminality_grid() -> None:
    r = run("dual-criminality", "UZ", "AE", "--as-of", "2009-12-31", "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0].endswith(",verdict")  # the grid, the document's main table


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("report", "KG", "-o", "{missing}/report.md"), "cannot write {missing}/report.md: there is no directory {missing}"),
        (("matrix", "--format", "xlsx", "-o", "{tmp}"), "cannot write {tmp}: it is a directory"),
        (("export", "-o", "{missing}/corpus.json"), "cannot write {missing}/corpus.json: there is no directory {missing}"),
        (("history", "--format", "odt"), "--format is one of: table, markdown, csv, json, html, xlsx, docx, pdf"),
    ],
)
def test_where_and_how_to_write_are_checked_before_the_corpus_is_read(
    args: tuple[str, ...], says: str, tmp_path: Path,
) -> None:
    """The corpus given has mistakes (exit 1 if it were read): the usage error comes first."""
    fill = {"missing": str(tmp_path / "missing"), "tmp": str(tmp_path)}
    r = run(*(a.format(**fill) for a in args), "--corpus", str(FIVE.relative_to(ROOT)))
    assert (r.returncode, r.stderr) == (2, f"lawcmp: {says.format(**fill)}\n")
    assert r.stdout == "" and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "twice"),
    [(("compare", "KZ", "KG", "kz"), "KZ"), (("dual-criminality", "UZ", "uz"), "UZ"),
     (("matrix", "-j", "KZ,KG,KZ"), "KZ"), (("history", "-j", "kg, KG"), "KG")],
)
def test_a_jurisdiction_named_twice_is_a_usage_error(args: tuple[str, ...], twice: str) -> None:
    r = run(*args)
    assert (r.returncode, r.stderr) == (2, f"lawcmp: {twice} is named twice: name each jurisdiction once\n")
    assert r.stdout == ""


def test_binary_formats_need_an_output_on_a_terminal_but_write_atomically(tmp_path: Path) -> None:
    target = tmp_path / "m.xlsx"
    r = run("matrix", "--as-of", "2009-12-31", "--format", "xlsx", "--output", str(target))
    assert r.returncode == 0, r.stderr
    assert target.read_bytes()[:2] == b"PK"
    assert [p.name for p in tmp_path.iterdir()] == ["m.xlsx"]


def test_cache_shows_what_it_holds_and_clears_only_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "cache"
    monkeypatch.setenv("LAWCMP_CACHE", str(store))
    assert run("cache").stdout == f"{store}\nempty\n"
    assert run("report", "UZ", "--as-of", "2009-12-31").returncode == 0
    shown = run("cache").stdout.splitlines()
    kinds = [line.split()[0] for line in shown[3:-1]]
    assert kinds == ["file", "corpus", "books", "catalog", "vocabulary", "glossary", "parser"]
    assert shown[-1].startswith("in all ")
    (store / "notes.txt").write_text("not lawcmp's", encoding="utf-8")
    # Statute entries an earlier lawcmp wrote as JSON are still its own to delete.
    (store / ("ab" * 32 + ".json")).write_text("{}", encoding="utf-8")
    (store / ("corpus-" + "cd" * 32 + ".json")).write_text("{}", encoding="utf-8")
    cleared = run("cache", "--clear")
    assert cleared.returncode == 0 and cleared.stdout.endswith("entries deleted\n")
    assert [p.name for p in store.iterdir()] == ["notes.txt"]
    assert run("report", "UZ", "--as-of", "2009-12-31").returncode == 0  # rebuilt as needed
    monkeypatch.setenv("LAWCMP_CACHE", "off")
    assert run("cache").stdout == "the cache is off (LAWCMP_CACHE=off)\n"


@pytest.mark.parametrize("codes", [None, "AA"], ids=["every-state", "one-state"])
def test_a_large_corpus_ends_the_process_without_freeing_it_and_with_all_of_its_output(
    codes: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past 40 files the command keeps the corpus and ends with `os._exit`: what it
    printed must all be out first, exactly what the library renders — a long output,
    and one short enough to sit in the stream's buffer."""
    import datetime as dt

    from benchmarks.generate import generate
    from lawcmp.load.corpus import load_corpus
    from lawcmp.render.write import render
    from lawcmp.reports import standard as reports

    monkeypatch.setenv("LAWCMP_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("PYTHONUNBUFFERED", raising=False)  # stdout buffered, as a pipe has it
    world = tmp_path / "world"
    generate(world, jurisdictions=41, provisions=3, versions=2)
    doc = reports.history(load_corpus([world]), dt.date(2000, 1, 1), dt.date(2030, 12, 31), codes and [codes], True, "en")
    expected = render(doc, "csv")
    assert (len(expected) > 8192) if codes is None else (0 < len(expected) < 8192)
    for _ in ("cold", "warm"):
        r = run("history", "--corpus", str(world), "--from", "2000", "--to", "2030", "--changed", "--format", "csv",
                *(["-j", codes] if codes else []))
        assert (r.returncode, r.stderr) == (0, "")
        assert r.stdout == expected


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", [("assess", "UZ", "--as-of", "2009-12-31"),
                                     ("explain", "KG", "prot.unconditional-assistance", "--as-of", "2006-01-01"),
                                     ("rules",), ("sources",)], ids=lambda c: c[0])
def test_the_inspecting_commands_write_every_format_of_the_registry(command: tuple[str, ...], fmt: str,
                                                                    tmp_path: Path) -> None:
    out = tmp_path / f"out{SUFFIXES[fmt]}"
    r = run(*command, "--format", fmt, "-o", str(out))
    assert r.returncode == 0, r.stderr
    data = out.read_bytes()
    assert data.startswith(MAGIC[fmt]) if fmt in BINARY_FORMATS else data.decode("utf-8").strip()


@pytest.mark.parametrize(("name", "fmt"), [("r.xlsx", "xlsx"), ("r.docx", "docx"), ("r.pdf", "pdf"), ("r.md", "markdown"),
                                           ("r.HTML", "html"),
                                           ("r.csv", "csv"), ("r.json", "json"), ("r.txt", "table"), ("r", "table")])
def test_the_format_follows_the_output_files_extension(name: str, fmt: str, tmp_path: Path) -> None:
    """Issue: `report UZ -o report.xlsx` wrote a plain-text table into report.xlsx and exited 0."""
    out = tmp_path / name
    r = run("report", "KG", "--as-of", "2006-01-01", "-o", str(out))
    assert r.returncode == 0, r.stderr
    data = out.read_bytes()
    if fmt in BINARY_FORMATS:
        assert data.startswith(MAGIC[fmt])
    else:
        text = data.decode("utf-8")
        assert {"markdown": text.startswith("# Gap report"), "html": text.lstrip().lower().startswith("<!doctype html"),
                "csv": "," in text.splitlines()[1], "json": text.lstrip().startswith("{"),
                "table": text.startswith("Gap report")}[fmt], text[:80]


def test_a_format_that_contradicts_the_extension_is_a_usage_error(tmp_path: Path) -> None:
    out = tmp_path / "m.docx"
    r = run("report", "KG", "--as-of", "2006-01-01", "-o", str(out), "--format", "html")
    assert r.returncode == 2 and "contradicts the extension" in r.stderr and not out.exists()


def test_formats_and_languages_in_any_case_and_the_usual_aliases() -> None:
    md = run("report", "KG", "--as-of", "2006-01-01", "--format", "MD", "--lang", "RU")
    assert md.returncode == 0 and md.stdout.startswith("# Отчёт о пробелах")
    assert run("report", "KG", "--as-of", "2006-01-01", "--format", "Markdown").stdout == run(
        "report", "KG", "--as-of", "2006-01-01", "--format", "markdown").stdout


def test_version() -> None:
    from lawcmp import __version__

    r = run("--version")
    assert r.returncode == 0 and r.stdout == f"lawcmp {__version__}\n"


def test_a_state_may_be_named_by_alpha_3_code_or_by_name() -> None:
    # "report KGZ suggested Kazakhstan to a Kyrgyz user": an ISO alpha-3 code or a name in
    # English or Russian names the state as its two-letter code does.
    heads = {run("report", name, "--as-of", "2009-12-31").stdout.splitlines()[0] for name in ("KG", "KGZ", "Kyrgyzstan")}
    assert heads == {"Gap report: Kyrgyz Republic — As of 2009-12-31"}
    both = run("dual-criminality", "Узбекистан", "KAZ", "--as-of", "2009-12-31", "--format", "csv")
    assert both.returncode == 0 and "UZ" in both.stdout and "KZ" in both.stdout
    unknown = run("report", "Atlantis")
    assert unknown.returncode == 1 and "ID03" in unknown.stderr


def test_a_sources_directory_that_is_not_there_is_a_usage_error() -> None:
    # Checking quotes against nothing would pass every quote in silence.
    r = run("check", "statutes/UZ.law", "--sources", "/nonexistent")
    assert r.returncode == 2 and "--sources" in r.stderr and "--no-quotes" in r.stderr


def test_a_bill_checked_alone_is_resolved_against_the_corpus() -> None:
    r = run("check", "statutes/drafts/UZ-cc-amendments-2008.law", "--no-quotes")
    assert r.returncode == 0, r.stderr
    assert "1 file checked, no problems" in r.stderr
    elsewhere = run("check", "statutes/drafts/UZ-cc-amendments-2008.law", "--no-quotes", "--corpus", "statutes/KZ.law")
    assert elsewhere.returncode == 1 and "BL04" in elsewhere.stderr


def test_options_show_readable_placeholders_not_python_types() -> None:
    for command in ("report", "matrix", "timeline", "history", "whatif", "diff", "dual-criminality", "workshop", "check"):
        text = run(command, "--help").stdout
        options = [line for line in text.splitlines() if line.lstrip().startswith("-")]
        assert options and not [line for line in options if "<" in line], (command, options)


COMMANDS = ("lsp", "check", "fmt", "explain", "assess", "rules", "vocabulary", "cache", "export", "schema", "sources",
            "matrix", "report", "timeline", "history", "compare", "whatif", "diff", "dual-criminality", "workshop", "site")


@pytest.mark.parametrize("command", COMMANDS)
def test_arguments_show_their_names_not_python_types(command: str) -> None:
    """typer prints an argument's type beside it (`paths... <list[Path]>`); lawcmp's group leaves it out."""
    text = run(command, "--help").stdout
    assert not re.search(r"<(str|int|list\[\w+\]|Path|path|file|directory)>", text), text
    assert f"lawcmp {command} [OPTIONS]" in text


def test_csv_is_one_table_and_the_others_are_written_beside_it(tmp_path: Path) -> None:
    # A spreadsheet or csvkit reads one table per file: the report's findings to the output,
    # and each other table as NAME.TABLE.csv.
    out = tmp_path / "uz.csv"
    r = run("report", "UZ", "--as-of", "2009-12-31", "-o", str(out))
    assert r.returncode == 0, r.stderr
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("id,") and not any(line.startswith("# ") for line in rows)
    assert (tmp_path / "uz.pillars.csv").read_text(encoding="utf-8").startswith("Pillar,")
    # The methods and limitations too, a paragraph a row: out of the answer, never out of reach.
    methods = (tmp_path / "uz.methods.csv").read_text(encoding="utf-8").splitlines()
    assert methods[0] == "Methods and limitations" and any("no information" in line for line in methods[1:])
    piped = run("report", "UZ", "--as-of", "2009-12-31", "--format", "csv")
    assert piped.stdout == out.read_text(encoding="utf-8") and "-o FILE.csv" in piped.stderr
    assert "methods" in piped.stderr
