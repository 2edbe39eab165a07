"""The command line: a thin layer over the library API.

Results go to stdout, diagnostics to stderr. Exit status: 0 success, 1 problems in
the input (or findings to act on, for `check` and `fmt --check`), 2 usage or I/O
errors, 70 an internal error (a bug in lawcmp, never a problem of the input). `main`
is the one place where errors become exit codes; no command lets a traceback through
(`LAWCMP_DEBUG=1` shows one for an internal error).
"""

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from lawcmp.support.diagnostics import Diagnostic, LawcmpError, render_concise, render_full, render_json

app = typer.Typer(
    add_completion=False, no_args_is_help=True, rich_markup_mode=None, pretty_exceptions_enable=False,
    help="Compare anti-trafficking law with the UN Trafficking Protocol, article by article.",
)

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70  # 70: EX_SOFTWARE of sysexits.h

AsOf = Annotated[str | None, typer.Option("--as-of", help="The date to judge the law at (YYYY[-MM[-DD]]; default today).")]
Corpus = Annotated[list[Path] | None, typer.Option("--corpus", help="Statute files or directories (default: statutes/).")]


@app.callback()
def _root() -> None:
    """Compare anti-trafficking law with the UN Trafficking Protocol, article by article."""


def _usage(message: str) -> typer.Exit:
    sys.stderr.write(f"lawcmp: {message}\n")
    return typer.Exit(EXIT_USAGE)


def _date(value: str | None) -> object:
    import datetime as dt

    from lawcmp.engine.evaluate import as_date

    if value is None:
        return dt.date.today()
    try:
        return as_date(value)
    except (ValueError, IndexError):
        raise _usage(f"`{value}` is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from None


def _corpus(paths: list[Path] | None, only: list[str] | None = None) -> object:
    """The corpus a command reads: with `only`, the books of those jurisdictions alone
    (for commands about them and no other state; `load_corpus`)."""
    from lawcmp.load.corpus import load_corpus

    corpus = load_corpus(paths or None, only=only)
    return _held(corpus, len(corpus.files))


def _shelf(paths: list[Path] | None) -> object:
    """The books of a command that shares its work between processes, each book read
    by the process that rates it (`lawcmp.load.shelf`)."""
    from lawcmp.load.shelf import open_shelf

    shelf = open_shelf(paths or None)
    return _held(shelf, len(shelf.files))


def _held(books: object, files: int) -> object:
    """`books` (a corpus or a shelf), kept out of the collector's sight when large."""
    from lawcmp.support import collector

    if files > 40:
        # A large corpus lives as long as the command: spare it the garbage collector's
        # rescans while reports are evaluated (docs/performance.md), and the command the
        # tearing down of its objects one by one (see `main`). Held here, it is not freed
        # when the report that read it returns (0.1 s on the world corpus) either.
        collector.freeze()
        _large.append(books)
    return books


_large: list[object] = []  # a large corpus that was loaded: end without freeing it


def _emit(diags: list[Diagnostic], fmt: str, texts: dict[str, str]) -> None:
    if fmt == "json":
        sys.stdout.write(render_json(diags))
    elif fmt == "full":
        sys.stderr.write(render_full(diags, texts))
    else:
        sys.stderr.write(render_concise(diags))


def exit_code_for(diagnostics: object) -> int:
    """1 for problems in the input; 2 when a file could not be read at all (I/O)."""
    codes = {d.code for d in diagnostics}  # type: ignore[attr-defined]
    return EXIT_USAGE if "IN01" in codes else EXIT_PROBLEMS


FormatOpt = Annotated[str, typer.Option("--format", help="concise, full or json")]


@app.command()
def check(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or directories (default: statutes/ and rules/).")] = None,
    format: FormatOpt = "concise",
    sources: Annotated[Path | None, typer.Option(help="Directory of source documents to verify quotes against (default: ../shared/seeds).")] = None,
) -> None:
    """Check statute, bill and rule files; report every problem in every file at once."""
    from lawcmp.load.corpus import check_paths
    from lawcmp.load.files import default_sources

    if format not in ("concise", "full", "json"):
        raise _usage("--format is one of: concise, full, json")
    loaded = check_paths(paths or None, sources=sources or default_sources())
    _emit(loaded.diagnostics, format, loaded.texts)
    if loaded.diagnostics:
        raise typer.Exit(exit_code_for(loaded.diagnostics))


@app.command()
def fmt(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or directories (default: statutes/ and rules/).")] = None,
    check: Annotated[bool, typer.Option("--check", help="Only report files that are not formatted.")] = False,
) -> None:
    """Lay files out canonically (idempotent; never changes meaning)."""
    from lawcmp.load.files import DEFAULT_RULES, DEFAULT_STATUTES, discover
    from lawcmp.load.formatting import format_files

    found, problems = discover(list(paths) if paths else [DEFAULT_STATUTES, DEFAULT_RULES])
    diags = [*problems, *format_files(found, write=not check)]
    sys.stderr.write(render_concise(diags))
    if diags:
        raise typer.Exit(exit_code_for(diags))


@app.command()
def explain(
    what: Annotated[str, typer.Argument(help="A diagnostic code (SY01), or a jurisdiction (UZ) followed by an obligation id.")],
    obligation: Annotated[str | None, typer.Argument(help="The obligation id, e.g. crim.serious.")] = None,
    as_of: AsOf = None,
    corpus: Corpus = None,
    lang: Annotated[str, typer.Option("--lang", help="en or ru")] = "en",
) -> None:
    """Document a diagnostic code, or show the full trace of one finding."""
    from lawcmp.support.codes import explain as explain_code
    from lawcmp.support.codes import lookup

    if obligation is None:
        code = lookup(what)
        if code is None:
            from lawcmp.support.codes import BY_CODE
            from lawcmp.support.diagnostics import did_you_mean

            guess = did_you_mean(what.upper(), BY_CODE)
            raise _usage(f"no diagnostic code `{what}`" + (f"; did you mean {guess}?" if guess else ""))
        sys.stdout.write(explain_code(code))
        return
    from lawcmp.engine.evaluate import evaluate
    from lawcmp.render.trace import render_trace

    assessment = evaluate(_corpus(corpus, [what]), what.upper(), _date(as_of))  # type: ignore[arg-type]
    try:
        finding = assessment.finding(obligation)
    except KeyError:
        from lawcmp.support.diagnostics import did_you_mean

        guess = did_you_mean(obligation, [f.obligation for f in assessment.findings])
        raise _usage(f"no obligation `{obligation}`" + (f"; did you mean {guess}?" if guess else "")) from None
    sys.stdout.write(render_trace(assessment, finding, lang))


@app.command()
def assess(
    jurisdiction: Annotated[str, typer.Argument(help="Jurisdiction code, e.g. UZ.")],
    as_of: AsOf = None,
    corpus: Corpus = None,
    format: Annotated[str, typer.Option("--format", help="table, markdown, csv or json")] = "table",
    lang: Annotated[str, typer.Option("--lang", help="en or ru")] = "en",
) -> None:
    """The findings table: every obligation, its rating and the provisions that decide it."""
    from lawcmp.engine.evaluate import evaluate
    from lawcmp.render.findings import render_assessment

    assessment = evaluate(_corpus(corpus, [jurisdiction]), jurisdiction.upper(), _date(as_of))  # type: ignore[arg-type]
    sys.stdout.write(render_assessment(assessment, format, lang))


@app.command()
def rules(
    format: Annotated[str, typer.Option("--format", help="table, markdown or json")] = "table",
) -> None:
    """The obligation catalog: id, basis, pillar, strength, criteria."""
    from lawcmp.load.catalog import load_catalog
    from lawcmp.render.catalog import render_catalog

    sys.stdout.write(render_catalog(load_catalog(), format))


@app.command()
def vocabulary(
    group: Annotated[str | None, typer.Argument(help="Only this group (e.g. means).")] = None,
) -> None:
    """The vocabulary: every term, its definition and treaty article."""
    from tabulate import tabulate

    from lawcmp.lang.vocabulary import load_vocabulary

    v = load_vocabulary()
    if group is not None and group not in v.groups:
        raise _usage(f"no group `{group}`; groups: {', '.join(v.groups)}")
    rows = [
        (t.group, t.term, t.article or "", ", ".join(t.synonyms), t.definition)
        for t in v.terms.values() if group is None or t.group == group
    ]
    sys.stdout.write(tabulate(rows, headers=("group", "term", "article", "synonyms", "definition")) + "\n")


@app.command(name="cache")
def cache_command(
    clear: Annotated[bool, typer.Option("--clear", help="Delete every entry (it is rebuilt as needed).")] = False,
) -> None:
    """Where the cache of parsed files is, and what it holds; --clear empties it."""
    from lawcmp.support import store as cache

    root = cache.directory()
    if root is None:
        sys.stdout.write("the cache is off (LAWCMP_CACHE=off)\n")
        return
    if clear:
        sys.stdout.write(f"{root}: {cache.clear()} entries deleted\n")
        return
    from tabulate import tabulate

    held = cache.summary()
    rows = [(kind, n, f"{size / 1e6:.1f} MB") for kind, (n, size) in held.items()]
    total = sum(size for _, size in held.values())
    sys.stdout.write(f"{root}\n" + (tabulate(rows, headers=("kind", "entries", "size"), disable_numparse=True)
                                      + f"\nin all {total / 1e6:.1f} MB\n" if rows else "empty\n"))


@app.command()
def export(
    corpus: Corpus = None,
    format: Annotated[str, typer.Option("--format", help="json")] = "json",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here (atomically) instead of stdout.")] = None,
) -> None:
    """Write the loaded corpus as JSON (its schema: `lawcmp schema`)."""
    if format != "json":
        raise _usage("--format is json")
    _check_output(output)
    data = _corpus(corpus).model_dump_json(indent=2) + "\n"  # type: ignore[attr-defined]
    _write(data, output)


@app.command()
def schema(
    what: Annotated[str, typer.Argument(help="corpus, assessment or document")] = "corpus",
) -> None:
    """Print the JSON Schema of `export` (corpus), of `assess --format json` (assessment) or of
    every report's `--format json` (document)."""
    import json

    from pydantic import BaseModel

    from lawcmp.model.document import Document
    from lawcmp.model.findings import Assessment
    from lawcmp.model.statute import Corpus as CorpusModel

    models: dict[str, type[BaseModel]] = {"corpus": CorpusModel, "assessment": Assessment, "document": Document}
    if what not in models:
        raise _usage("schema is one of: corpus, assessment, document")
    sys.stdout.write(json.dumps(models[what].model_json_schema(), indent=2, ensure_ascii=False) + "\n")


@app.command()
def sources(
    corpus: Corpus = None,
    format: Annotated[str, typer.Option("--format", help="table or json")] = "table",
) -> None:
    """Every source cited in the corpus, and which facts rest on each."""
    from lawcmp.render.sources import render_sources

    sys.stdout.write(render_sources(_corpus(corpus), format))  # type: ignore[arg-type]


Lang = Annotated[str, typer.Option("--lang", help="Language of labels: en or ru.")]
Output = Annotated[Path | None, typer.Option("--output", "-o", help="Write here, atomically (needed for xlsx/docx on a terminal).")]
Fmt = Annotated[str, typer.Option("--format", "-f", help="table, markdown, csv, json, html, xlsx or docx.")]


def _check_publish(fmt: str, lang: str, output: Path | None) -> None:
    """What a report command is to write, checked before it does any work: a world's
    history takes seconds to compute, and a typo in --format or --output should not cost
    them (nor leave the mistake to be found after them)."""
    from lawcmp.render.write import BINARY_FORMATS, FORMATS

    if fmt not in FORMATS:
        raise _usage(f"--format is one of: {', '.join(FORMATS)}")
    _check_lang(lang)
    if fmt in BINARY_FORMATS and output is None and sys.stdout.isatty():
        raise _usage(f"{fmt} is a binary format: give --output FILE.{fmt}")
    _check_output(output)


def _check_output(output: Path | None) -> None:
    """An output file lawcmp can write: not a directory, in a directory that exists and
    takes new files (the file is written beside itself first, then renamed; `lawcmp.support.atomic`)."""
    if output is None:
        return
    if output.is_dir():
        raise _usage(f"cannot write {output}: it is a directory")
    parent = output.parent
    if not parent.is_dir():
        raise _usage(f"cannot write {output}: there is no directory {parent}")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise _usage(f"cannot write {output}: the directory {parent} is not writable")


def _publish(doc: object, fmt: str, output: Path | None) -> None:
    """Render a report document and write it: the common tail of every report command
    (which called `_check_publish` first)."""
    from lawcmp.render.write import render

    _write(render(doc, fmt), output)  # type: ignore[arg-type]


def _codes(given: list[str]) -> list[str]:
    """Jurisdiction codes from the command line, each named once: a second column or row
    of the same state says nothing, and comparing a state with itself is a slip."""
    codes = [c.strip() for c in given if c.strip()]
    seen: set[str] = set()
    for c in codes:
        if c.upper() in seen:
            raise _usage(f"{c.upper()} is named twice: name each jurisdiction once")
        seen.add(c.upper())
    return codes


def _check_lang(lang: str) -> None:
    from lawcmp.support.i18n import LANGS

    if lang not in LANGS:
        raise _usage(f"--lang is one of: {', '.join(LANGS)}")


@app.command()
def matrix(
    as_of: AsOf = None,
    jurisdictions: Annotated[str | None, typer.Option("--jurisdictions", "-j", help="Comma-separated codes (default: all).")] = None,
    by: Annotated[str, typer.Option("--by", help="obligation or pillar")] = "obligation",
    corpus: Corpus = None, format: Fmt = "table", lang: Lang = "en", output: Output = None,
) -> None:
    """The compliance matrix: jurisdictions × obligations, with a legend."""
    from lawcmp.reports import standard as reports

    if by not in ("obligation", "pillar"):
        raise _usage("--by is obligation or pillar")
    _check_publish(format, lang, output)
    codes = _codes(jurisdictions.split(",")) if jurisdictions else None
    doc = reports.matrix(_shelf(corpus), _date(as_of), codes, by, lang)  # type: ignore[arg-type]
    _publish(doc, format, output)


@app.command()
def report(
    jurisdiction: Annotated[str, typer.Argument(help="Jurisdiction code, e.g. UZ.")],
    as_of: AsOf = None, corpus: Corpus = None, format: Fmt = "table", lang: Lang = "en", output: Output = None,
) -> None:
    """The gap report of one state: obligation by obligation, with evidence and recommendations."""
    from lawcmp.reports import standard as reports

    _check_publish(format, lang, output)
    doc = reports.gap_report(_shelf(corpus), jurisdiction, _date(as_of), lang)  # type: ignore[arg-type]
    _publish(doc, format, output)


@app.command()
def timeline(
    jurisdiction: Annotated[str, typer.Argument(help="Jurisdiction code, e.g. UZ.")],
    start: Annotated[int, typer.Option("--from", help="First year.")] = 2000,
    end: Annotated[int, typer.Option("--to", help="Last year.")] = 2010,
    corpus: Corpus = None, format: Fmt = "table", lang: Lang = "en", output: Output = None,
) -> None:
    """Ratings over time, with the legislative events that changed them."""
    import datetime as dt

    from lawcmp.reports import standard as reports

    if not (1900 <= start <= end <= 2200):
        raise _usage("--from and --to are years, --from not after --to")
    _check_publish(format, lang, output)
    doc = reports.timeline(_corpus(corpus, [jurisdiction]), jurisdiction, dt.date(start, 1, 1), dt.date(end, 12, 31), lang)  # type: ignore[arg-type]
    _publish(doc, format, output)


@app.command()
def history(
    jurisdictions: Annotated[str | None, typer.Option("--jurisdictions", "-j", help="Comma-separated codes (default: all).")] = None,
    start: Annotated[int, typer.Option("--from", help="First year.")] = 2000,
    end: Annotated[int, typer.Option("--to", help="Last year.")] = 2010,
    changed: Annotated[bool, typer.Option("--changed", help="Only the ratings that changed in the period.")] = False,
    corpus: Corpus = None, format: Fmt = "table", lang: Lang = "en", output: Output = None,
) -> None:
    """Every state's ratings over time: at the start, each change with its date, at the end."""
    import datetime as dt

    from lawcmp.reports import standard as reports

    if not (1900 <= start <= end <= 2200):
        raise _usage("--from and --to are years, --from not after --to")
    _check_publish(format, lang, output)
    codes = _codes(jurisdictions.split(",")) if jurisdictions else None
    doc = reports.history(_shelf(corpus), dt.date(start, 1, 1), dt.date(end, 12, 31), codes, changed, lang)  # type: ignore[arg-type]
    _publish(doc, format, output)


@app.command()
def compare(
    jurisdictions: Annotated[list[str], typer.Argument(help="Two or more jurisdiction codes.")],
    as_of: AsOf = None, corpus: Corpus = None, format: Fmt = "table", lang: Lang = "en", output: Output = None,
) -> None:
    """Offence definitions side by side, aligned by element, differences marked."""
    from lawcmp.reports import standard as reports

    if len(jurisdictions) < 2:
        raise _usage("compare needs at least two jurisdictions")
    _codes(jurisdictions)
    _check_publish(format, lang, output)
    doc = reports.compare(_corpus(corpus, jurisdictions), jurisdictions, _date(as_of), lang)  # type: ignore[arg-type]
    _publish(doc, format, output)


@app.command()
def whatif(
    jurisdiction: Annotated[str, typer.Argument(help="Jurisdiction code, e.g. UZ.")],
    bill: Annotated[Path, typer.Argument(help="A draft bill file (statutes/drafts/*.law).")],
    as_of: AsOf = None, corpus: Corpus = None, format: Fmt = "table", lang: Lang = "en", output: Output = None,
) -> None:
    """Overlay a draft bill: current against projected ratings, gaps closed, opened and left."""
    from lawcmp.engine.whatif import whatif as project
    from lawcmp.engine.whatif import whatif_document
    from lawcmp.load.corpus import load_bill

    _check_publish(format, lang, output)
    loaded = _corpus(corpus)
    draft = load_bill(bill, loaded, jurisdiction)  # type: ignore[arg-type]
    day = _date(as_of) if as_of else None
    result = project(loaded, jurisdiction.upper(), draft, day)  # type: ignore[arg-type]
    _publish(whatif_document(result, loaded, lang), format, output)  # type: ignore[arg-type]


@app.command()
def diff(
    jurisdiction: Annotated[str, typer.Argument(help="Jurisdiction code, e.g. UZ.")],
    start: Annotated[str, typer.Option("--from", help="The earlier date.")],
    end: Annotated[str, typer.Option("--to", help="The later date.")],
    corpus: Corpus = None, format: Fmt = "table", lang: Lang = "en", output: Output = None,
) -> None:
    """Provisions added, amended (word-level) and repealed between two dates, and the ratings they moved."""
    from lawcmp.reports.diff import diff_document

    _check_publish(format, lang, output)
    d1, d2 = _date(start), _date(end)
    if d1 >= d2:  # type: ignore[operator]
        raise _usage("--from must come before --to")
    _publish(diff_document(_corpus(corpus, [jurisdiction]), jurisdiction, d1, d2, lang), format, output)  # type: ignore[arg-type]


@app.command(name="dual-criminality")
def dual_criminality(
    first: Annotated[str, typer.Argument(help="One state, e.g. UZ.")],
    second: Annotated[str, typer.Argument(help="The other, e.g. AE.")],
    as_of: AsOf = None, corpus: Corpus = None, format: Fmt = "table", lang: Lang = "en", output: Output = None,
) -> None:
    """Is the conduct an offence in both states? Summary and full grid (act × means × purpose)."""
    from lawcmp.engine.dual import dual_criminality as compute
    from lawcmp.engine.dual import dual_document

    _check_publish(format, lang, output)
    _codes([first, second])
    loaded = _corpus(corpus, [first, second])
    result = compute(loaded, first, second, _date(as_of))  # type: ignore[arg-type]
    _publish(dual_document(result, loaded, lang), format, output)  # type: ignore[arg-type]


@app.command(name="workshop")
def workshop_pack(
    output: Annotated[Path, typer.Option("--output", "-o", help="The directory to write the pack into.")],
    jurisdictions: Annotated[str, typer.Option("--jurisdictions", "-j", help="Comma-separated codes.")] = "KZ,KG,TJ,TM,UZ",
    as_of: AsOf = None, corpus: Corpus = None, lang: Lang = "en",
    seed: Annotated[int, typer.Option("--seed", help="Vary the exercises drawn.")] = 0,
    formats: Annotated[str, typer.Option("--formats", help="Comma-separated: markdown, docx, html.")] = "markdown,docx,html",
) -> None:
    """A trainer's pack: handout, tables per pillar, exercises, answer key, one-page summaries."""
    from lawcmp.render.write import SUFFIXES, render
    from lawcmp.reports.workshop import workshop
    from lawcmp.support.atomic import write_files

    _check_lang(lang)
    chosen = [f.strip() for f in formats.split(",") if f.strip()]
    if not chosen or any(f not in ("markdown", "docx", "html") for f in chosen):
        raise _usage("--formats takes markdown, docx and html")
    codes = _codes(jurisdictions.split(","))
    pack = workshop(_corpus(corpus), codes, _date(as_of), lang, seed)  # type: ignore[arg-type]
    files = {output / f"{name}{SUFFIXES[fmt]}": render(doc, fmt) for name, doc in pack.documents().items() for fmt in chosen}
    output.mkdir(parents=True, exist_ok=True)
    write_files(files)  # all or none: exercises never beside an answer key from another run
    sys.stderr.write(f"wrote {len(files)} files to {output}\n")


@app.command()
def site(
    output: Annotated[Path, typer.Option("--output", "-o", help="The directory to write the site into (a site built there before is replaced whole).")],
    corpus: Corpus = None, lang: Lang = "en",
) -> None:
    """A static, offline website: the matrix by date, countries, obligations, findings and provisions."""
    from lawcmp.site.build import build_site

    _check_lang(lang)
    written = build_site(_corpus(corpus), output, lang)  # type: ignore[arg-type]
    sys.stderr.write(f"wrote {len(written)} files to {output}\n")


def _write(data: str | bytes, output: Path | None) -> None:
    if output is None:
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        return
    from lawcmp.support.atomic import write_atomic

    write_atomic(output, data)
    sys.stderr.write(f"wrote {output}\n")


def main() -> None:
    try:
        rc = app(standalone_mode=False)
        if _large:
            # Freeing a world corpus object by object costs 0.1 s and changes nothing the
            # system does not do at once; the command's output is complete and flushed.
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(rc if isinstance(rc, int) else EXIT_OK)
        sys.exit(rc if isinstance(rc, int) else EXIT_OK)
    except LawcmpError as exc:
        sys.stderr.write(render_concise(exc.diagnostics))
        sys.exit(exit_code_for(exc.diagnostics))
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("lawcmp: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(EXIT_OK)
    except OSError as exc:
        sys.stderr.write(f"lawcmp: {exc.filename or ''}: {exc.strerror or exc}\n")
        sys.exit(EXIT_USAGE)
    except Exception as exc:
        show = getattr(exc, "show", None)
        if callable(show):  # click's usage errors (typer vendors click)
            show()
            sys.exit(EXIT_USAGE)
        if type(exc).__name__ == "Abort":
            sys.exit(130)
        if os.environ.get("LAWCMP_DEBUG", "") not in ("", "0"):
            raise
        # A bug of lawcmp's: say so in words, and how to see where it happened.
        sys.stderr.write(
            f"lawcmp: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in lawcmp, not a problem in your files. Run the command again with "
            "LAWCMP_DEBUG=1 to see where it happened, and report that output.\n"
        )
        sys.exit(EXIT_INTERNAL)
