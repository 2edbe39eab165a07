"""What every command shares: the Typer app, options, reading the corpus, checking what to write, exit codes."""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperArgument, TyperGroup

from lawcmp.render.write import BINARY_FORMATS, FORMATS
from lawcmp.support.diagnostics import Diagnostic, render_concise, render_full, render_json

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70  # 70: EX_SOFTWARE of sysexits.h

class _Argument(TyperArgument):
    """An argument named in help by its metavar alone: typer prints its Python type beside it
    (`paths... <list[Path]>`, `STATE <str>`), which says nothing to a reader of `--help`."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None


class _Group(TyperGroup):
    """The app's group: each command's arguments shown as `_Argument` (typer has no switch for it)."""

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        for param in getattr(command, "params", ()):
            if type(param) is TyperArgument:
                param.__class__ = _Argument
        return command


app = typer.Typer(
    cls=_Group, add_completion=False, no_args_is_help=True, rich_markup_mode=None, pretty_exceptions_enable=False,
    help="Compare anti-trafficking law with the UN Trafficking Protocol, article by article.",
)


AsOf = Annotated[str | None, typer.Option(
    "--as-of", metavar="DATE",
    help="The date to judge the law at (YYYY[-MM[-DD]]; default: the latest day the sources of every state asked for cover).",
)]


Corpus = Annotated[list[Path] | None, typer.Option("--corpus", metavar="PATH", help="Statute files or directories (default: statutes/).")]


def _version(value: bool) -> None:
    if value:
        from lawcmp.support.version import __version__

        sys.stdout.write(f"lawcmp {__version__}\n")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", is_eager=True, callback=_version, help="Print lawcmp's version and exit.")] = False,
) -> None:
    """Compare anti-trafficking law with the UN Trafficking Protocol, article by article."""


def usage(message: str) -> typer.Exit:
    sys.stderr.write(f"lawcmp: {message}\n")
    return typer.Exit(EXIT_USAGE)


def parse_date(value: str | None, books: object = None, codes: list[str] | None = None) -> object:
    """The date a command judges the law at: `--as-of`, or by default the latest day the
    sources of every book it reports on cover (never after today; `lawcmp.law.coverage`)."""
    import datetime as dt

    from lawcmp.engine.evaluate import as_date

    if value is None:
        if books is None:
            return dt.date.today()
        from lawcmp.law.coverage import latest_covered_day
        from lawcmp.load.shelf import Shelf

        shelf = Shelf.of(books)  # type: ignore[arg-type]
        return latest_covered_day((shelf.book(c) for c in shelf.require(codes)), dt.date.today())
    try:
        return as_date(value)
    except (ValueError, IndexError):
        raise usage(f"`{value}` is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from None


def read_corpus(paths: list[Path] | None, only: list[str] | None = None) -> object:
    """The corpus a command reads: with `only`, the books of those jurisdictions alone
    (for commands about them and no other state; `load_corpus`)."""
    from lawcmp.load.corpus import load_corpus

    corpus = load_corpus(paths or None, only=only)
    return held(corpus, len(corpus.files))


def read_shelf(paths: list[Path] | None) -> object:
    """The books of a command that shares its work between processes, each book read
    by the process that rates it (`lawcmp.load.shelf`)."""
    from lawcmp.load.shelf import open_shelf

    shelf = open_shelf(paths or None)
    return held(shelf, len(shelf.files))


def held(books: object, files: int) -> object:
    """`books` (a corpus or a shelf), kept out of the collector's sight when large."""
    from lawcmp.support import collector

    if files > 40:
        # A large corpus lives as long as the command: spare it the garbage collector's
        # rescans while reports are evaluated (docs/performance.md), and the command the
        # tearing down of its objects one by one (see `main`). Held here, it is not freed
        # when the report that read it returns (0.1 s on the world corpus) either.
        collector.freeze()
        LARGE.append(books)
    return books


LARGE: list[object] = []  # a large corpus that was loaded: end without freeing it


def emit(diags: list[Diagnostic], fmt: str, texts: dict[str, str]) -> None:
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


Lang = Annotated[str, typer.Option("--lang", metavar="LANG", help="Language of labels: en or ru.")]


Output = Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE", help=f"Write here, atomically (needed for {'/'.join(BINARY_FORMATS)} on a terminal).")]


ReferenceDoc = Annotated[Path | None, typer.Option("--reference-doc", metavar="FILE", help="A .docx whose styles, page set-up, headers and footers a DOCX is written on (a ministry's template, as pandoc takes one).")]


Fmt = Annotated[str | None, typer.Option("--format", "-f", metavar="FORMAT", help=", ".join(FORMATS) + "; by default the output file's extension, else table.")]


# What people type for a format (as pandoc takes them), besides the registry's own names.
FORMAT_ALIASES = {"md": "markdown", "txt": "table", "text": "table", "htm": "html"}


def check_publish(fmt: str | None, lang: str, output: Path | None, reference: Path | None = None) -> tuple[str, str]:
    """The format and language a report command is to write, checked before it does any
    work: a world's history takes seconds to compute, and a typo in --format or --output
    should not cost them (nor leave the mistake to be found after them). As pandoc does,
    the format follows the output file's extension unless --format says otherwise, and a
    --format that contradicts the extension is a usage error, not a .xlsx file of text."""
    from lawcmp.render.write import BINARY_FORMATS, FORMATS, SUFFIXES

    by_suffix = {suffix: name for name, suffix in SUFFIXES.items()} | {".htm": "html", ".markdown": "markdown"}
    implied = by_suffix.get(output.suffix.lower()) if output is not None else None
    if fmt is None:
        fmt = implied or "table"
    fmt = FORMAT_ALIASES.get(fmt.lower(), fmt.lower())
    if fmt not in FORMATS:
        raise usage(f"--format is one of: {', '.join(FORMATS)}")
    if implied is not None and implied != fmt:
        raise usage(f"--format {fmt} contradicts the extension of {output} ({implied}): change one of them")
    lang = check_lang(lang)
    if fmt in BINARY_FORMATS and output is None and sys.stdout.isatty():
        raise usage(f"{fmt} is a binary format: give --output FILE.{fmt}")
    check_output(output)
    check_reference(reference)
    return fmt, lang


def check_output(output: Path | None) -> None:
    """An output file lawcmp can write: not a directory, in a directory that exists and
    takes new files (the file is written beside itself first, then renamed; `lawcmp.support.atomic`)."""
    if output is None:
        return
    if output.is_dir():
        raise usage(f"cannot write {output}: it is a directory")
    parent = output.parent
    if not parent.is_dir():
        raise usage(f"cannot write {output}: there is no directory {parent}")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise usage(f"cannot write {output}: the directory {parent} is not writable")


def check_reference(reference: Path | None) -> bytes | None:
    """The template of `--reference-doc`, read and opened before any work is done: a file
    that is missing or is no Word document is a usage error (exit 2), not a half-made report."""
    return None if reference is None else _template(reference)


@functools.cache
def _template(reference: Path) -> bytes:
    """`check_reference`, once a process: `check_publish` checks the template before the
    work and `publish` writes on it after, and neither need read and open it twice."""
    try:
        data = reference.read_bytes()
    except OSError as exc:
        raise usage(f"cannot read --reference-doc {reference}: {exc.strerror}") from None
    import io
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise usage(f"--reference-doc {reference} is not a Word document (.docx): {exc}") from None
    return data


def publish(doc: object, fmt: str, output: Path | None, reference: Path | None = None) -> None:
    """Render a report document and write it: the common tail of every report command
    (which called `check_publish` first); a DOCX on the template of `--reference-doc`."""
    from lawcmp.render.write import render

    if fmt == "csv":
        _publish_csv(doc, output)
        return
    template = check_reference(reference) if fmt == "docx" else None
    write_output(render(doc, fmt, template), output)  # type: ignore[arg-type]


def _publish_csv(doc: Any, output: Path | None) -> None:
    """CSV is one table: the document's main one to the output; with `-o NAME.csv`, each other
    table beside it as `NAME.TABLE.csv`, and the methods and limitations as `NAME.methods.csv`,
    all written or none."""
    from lawcmp.render.text import csv_tables, to_csv

    main = to_csv(doc)
    answer = doc.main_table()
    others = {name: text for name, text in csv_tables(doc).items() if answer is None or name != answer.name}
    if output is None:
        write_output(main, None)
        # The methods alone go unmentioned: a one-table answer piped on stays quiet, as before.
        if set(others) - {"methods"}:
            sys.stderr.write(f"lawcmp: CSV holds one table; -o FILE.csv also writes {', '.join(others)} beside it\n")
        return
    from lawcmp.support.atomic import write_files

    files = {output: main, **{output.with_name(f"{output.stem}.{name}.csv"): text for name, text in others.items()}}
    write_files(files)
    sys.stderr.write(f"wrote {output}" + (f" and {len(others)} more table(s) beside it" if others else "") + "\n")


def codes_of(given: list[str]) -> list[str]:
    """Jurisdiction codes from the command line (ISO alpha-2 or alpha-3, or a name in English
    or Russian), each named once: a second column or row of the same state says nothing, and
    comparing a state with itself is a slip."""
    codes = [code_of(c) for c in given if c.strip()]
    seen: set[str] = set()
    for c in codes:
        if c in seen:
            raise usage(f"{c} is named twice: name each jurisdiction once")
        seen.add(c)
    return codes


def code_of(value: str) -> str:
    """One jurisdiction from the command line, as its code (`codes_of`)."""
    from lawcmp.support.countries import code_of as iso_code

    return iso_code(value)


def check_lang(lang: str) -> str:
    """The language asked for, in any case (`RU` is `ru`)."""
    from lawcmp.support.i18n import LANGS

    if lang.lower() not in LANGS:
        raise usage(f"--lang is one of: {', '.join(LANGS)}")
    return lang.lower()


def write_output(data: str | bytes, output: Path | None) -> None:
    if output is None:
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        return
    from lawcmp.support.atomic import write_atomic

    write_atomic(output, data)
    sys.stderr.write(f"wrote {output}\n")
