"""Commands that write reports: matrix, report, timeline, history, compare, whatif, diff, dual-criminality, workshop, site."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from lawcmp.cli.common import (
    AsOf,
    Corpus,
    Fmt,
    Lang,
    Output,
    ReferenceDoc,
    app,
    check_lang,
    check_publish,
    check_reference,
    code_of,
    codes_of,
    parse_date,
    publish,
    read_corpus,
    read_shelf,
    usage,
)


@app.command()
def matrix(
    as_of: AsOf = None,
    jurisdictions: Annotated[str | None, typer.Option("--jurisdictions", "-j", metavar="STATES", help="Comma-separated states, by ISO code or name (default: all).")] = None,
    by: Annotated[str, typer.Option("--by", metavar="ROWS", help="obligation or pillar")] = "obligation",
    corpus: Corpus = None, format: Fmt = None, lang: Lang = "en", output: Output = None, reference_doc: ReferenceDoc = None,
) -> None:
    """The compliance matrix: jurisdictions × obligations, with a legend."""
    from lawcmp.reports import standard as reports

    if by not in ("obligation", "pillar"):
        raise usage("--by is obligation or pillar")
    format, lang = check_publish(format, lang, output, reference_doc)
    codes = codes_of(jurisdictions.split(",")) if jurisdictions else None
    books = read_shelf(corpus)
    doc = reports.matrix(books, parse_date(as_of, books, codes), codes, by, lang)  # type: ignore[arg-type]
    publish(doc, format, output, reference_doc)


@app.command()
def report(
    jurisdiction: Annotated[str, typer.Argument(metavar="STATE", help="A state: its ISO code (UZ, UZB) or name (Uzbekistan, Узбекистан).")],
    as_of: AsOf = None, corpus: Corpus = None, format: Fmt = None, lang: Lang = "en", output: Output = None, reference_doc: ReferenceDoc = None,
) -> None:
    """The gap report of one state: obligation by obligation, with evidence and recommendations."""
    from lawcmp.reports import standard as reports

    format, lang = check_publish(format, lang, output, reference_doc)
    jurisdiction = code_of(jurisdiction)
    books = read_shelf(corpus)
    doc = reports.gap_report(books, jurisdiction, parse_date(as_of, books, [jurisdiction]), lang)  # type: ignore[arg-type]
    publish(doc, format, output, reference_doc)


@app.command()
def timeline(
    jurisdiction: Annotated[str, typer.Argument(metavar="STATE", help="A state: its ISO code (UZ, UZB) or name (Uzbekistan, Узбекистан).")],
    start: Annotated[int, typer.Option("--from", metavar="YEAR", help="First year.")] = 2000,
    end: Annotated[int, typer.Option("--to", metavar="YEAR", help="Last year.")] = 2010,
    corpus: Corpus = None, format: Fmt = None, lang: Lang = "en", output: Output = None, reference_doc: ReferenceDoc = None,
) -> None:
    """Ratings over time, with the legislative events that changed them."""
    import datetime as dt

    from lawcmp.reports import standard as reports

    if not (1900 <= start <= end <= 2200):
        raise usage("--from and --to are years, --from not after --to")
    format, lang = check_publish(format, lang, output, reference_doc)
    jurisdiction = code_of(jurisdiction)
    doc = reports.timeline(read_corpus(corpus, [jurisdiction]), jurisdiction, dt.date(start, 1, 1), dt.date(end, 12, 31), lang)  # type: ignore[arg-type]
    publish(doc, format, output, reference_doc)


@app.command()
def history(
    jurisdictions: Annotated[str | None, typer.Option("--jurisdictions", "-j", metavar="STATES", help="Comma-separated states, by ISO code or name (default: all).")] = None,
    start: Annotated[int, typer.Option("--from", metavar="YEAR", help="First year.")] = 2000,
    end: Annotated[int, typer.Option("--to", metavar="YEAR", help="Last year.")] = 2010,
    changed: Annotated[bool, typer.Option("--changed", help="Only the ratings that changed in the period.")] = False,
    corpus: Corpus = None, format: Fmt = None, lang: Lang = "en", output: Output = None, reference_doc: ReferenceDoc = None,
) -> None:
    """Every state's ratings over time: at the start, each change with its date, at the end."""
    import datetime as dt

    from lawcmp.reports import standard as reports

    if not (1900 <= start <= end <= 2200):
        raise usage("--from and --to are years, --from not after --to")
    format, lang = check_publish(format, lang, output, reference_doc)
    codes = codes_of(jurisdictions.split(",")) if jurisdictions else None
    doc = reports.history(read_shelf(corpus), dt.date(start, 1, 1), dt.date(end, 12, 31), codes, changed, lang)  # type: ignore[arg-type]
    publish(doc, format, output, reference_doc)


@app.command()
def compare(
    jurisdictions: Annotated[list[str], typer.Argument(help="Two or more jurisdiction codes.")],
    as_of: AsOf = None, corpus: Corpus = None, format: Fmt = None, lang: Lang = "en", output: Output = None, reference_doc: ReferenceDoc = None,
) -> None:
    """Offence definitions side by side, aligned by element, differences marked."""
    from lawcmp.reports import standard as reports

    if len(jurisdictions) < 2:
        raise usage("compare needs at least two jurisdictions")
    jurisdictions = codes_of(jurisdictions)
    format, lang = check_publish(format, lang, output, reference_doc)
    books = read_corpus(corpus, jurisdictions)
    doc = reports.compare(books, jurisdictions, parse_date(as_of, books, jurisdictions), lang)  # type: ignore[arg-type]
    publish(doc, format, output, reference_doc)


@app.command()
def whatif(
    jurisdiction: Annotated[str, typer.Argument(metavar="STATE", help="A state: its ISO code (UZ, UZB) or name (Uzbekistan, Узбекистан).")],
    bill: Annotated[Path, typer.Argument(help="A draft bill file (statutes/drafts/*.law).")],
    as_of: AsOf = None, corpus: Corpus = None, format: Fmt = None, lang: Lang = "en", output: Output = None, reference_doc: ReferenceDoc = None,
) -> None:
    """Overlay a draft bill: current against projected ratings, gaps closed, opened and left."""
    from lawcmp.engine.whatif import whatif as project
    from lawcmp.load.corpus import load_bill
    from lawcmp.reports.whatif import whatif_document

    format, lang = check_publish(format, lang, output, reference_doc)
    jurisdiction = code_of(jurisdiction)
    loaded = read_corpus(corpus)
    draft = load_bill(bill, loaded, jurisdiction)  # type: ignore[arg-type]
    day = parse_date(as_of) if as_of else None
    result = project(loaded, jurisdiction.upper(), draft, day)  # type: ignore[arg-type]
    publish(whatif_document(result, loaded, lang), format, output, reference_doc)  # type: ignore[arg-type]


@app.command()
def diff(
    jurisdiction: Annotated[str, typer.Argument(metavar="STATE", help="A state: its ISO code (UZ, UZB) or name (Uzbekistan, Узбекистан).")],
    start: Annotated[str, typer.Option("--from", metavar="DATE", help="The earlier date.")],
    end: Annotated[str, typer.Option("--to", metavar="DATE", help="The later date.")],
    corpus: Corpus = None, format: Fmt = None, lang: Lang = "en", output: Output = None, reference_doc: ReferenceDoc = None,
) -> None:
    """Provisions added, amended (word-level) and repealed between two dates, and the ratings they moved."""
    from lawcmp.reports.diff import diff_document

    format, lang = check_publish(format, lang, output, reference_doc)
    d1, d2 = parse_date(start), parse_date(end)
    if d1 >= d2:  # type: ignore[operator]
        raise usage("--from must come before --to")
    jurisdiction = code_of(jurisdiction)
    publish(diff_document(read_corpus(corpus, [jurisdiction]), jurisdiction, d1, d2, lang), format, output, reference_doc)  # type: ignore[arg-type]


@app.command(name="dual-criminality")
def dual_criminality(
    first: Annotated[str, typer.Argument(help="One state, e.g. UZ.")],
    second: Annotated[str, typer.Argument(help="The other, e.g. AE.")],
    as_of: AsOf = None, corpus: Corpus = None, format: Fmt = None, lang: Lang = "en", output: Output = None, reference_doc: ReferenceDoc = None,
) -> None:
    """Is the conduct an offence in both states? Summary and full grid (act × means × purpose)."""
    from lawcmp.engine.dual import dual_criminality as compute
    from lawcmp.reports.dual import dual_document

    format, lang = check_publish(format, lang, output, reference_doc)
    first, second = codes_of([first, second])
    loaded = read_corpus(corpus, [first, second])
    result = compute(loaded, first, second, parse_date(as_of))  # type: ignore[arg-type]
    publish(dual_document(result, loaded, lang), format, output, reference_doc)  # type: ignore[arg-type]


@app.command(name="workshop")
def workshop_pack(
    output: Annotated[Path, typer.Option("--output", "-o", metavar="DIR", help="The directory to write the pack into.")],
    jurisdictions: Annotated[str, typer.Option("--jurisdictions", "-j", metavar="STATES", help="Comma-separated states, by ISO code or name.")] = "KZ,KG,TJ,TM,UZ",
    as_of: AsOf = None, corpus: Corpus = None, lang: Lang = "en",
    seed: Annotated[int, typer.Option("--seed", metavar="N", help="Vary the exercises drawn.")] = 0,
    formats: Annotated[str, typer.Option("--formats", metavar="FORMATS", help="Comma-separated: markdown, docx, html, pdf.")] = "markdown,docx,html",
    force: Annotated[bool, typer.Option("--force", help="Overwrite files of the pack even where they were edited since lawcmp wrote them.")] = False,
    reference_doc: ReferenceDoc = None,
) -> None:
    """A trainer's pack: handout, tables per pillar, exercises, answer key, one-page summaries."""
    from lawcmp.render.write import SUFFIXES, render
    from lawcmp.reports.workshop import workshop
    from lawcmp.support.atomic import write_files
    from lawcmp.support.written import not_ours, with_record

    lang = check_lang(lang)
    template = check_reference(reference_doc)
    chosen = [f.strip() for f in formats.split(",") if f.strip()]
    if not chosen or any(f not in ("markdown", "docx", "html", "pdf") for f in chosen):
        raise usage("--formats takes markdown, docx, html and pdf")
    codes = codes_of(jurisdictions.split(","))
    books = read_corpus(corpus)
    pack = workshop(books, codes, parse_date(as_of, books, codes), lang, seed)  # type: ignore[arg-type]
    files = {output / f"{name}{SUFFIXES[fmt]}": render(doc, fmt, template)
             for name, doc in pack.documents().items() for fmt in chosen}
    edited = [] if force else not_ours(files, output)
    if edited:
        raise usage(f"{len(edited)} file(s) of the pack in {output} were not written by lawcmp or were edited since "
                    f"({', '.join(p.name for p in edited[:3])}{', …' if len(edited) > 3 else ''}); "
                    "--force overwrites them")
    output.mkdir(parents=True, exist_ok=True)
    write_files(with_record(files, output))  # all or none: exercises never beside an answer key from another run
    sys.stderr.write(f"wrote {len(files)} files to {output}\n")


@app.command()
def site(
    output: Annotated[Path, typer.Option("--output", "-o", metavar="DIR", help="The directory to write the site into (a site built there before is replaced whole).")],
    corpus: Corpus = None, lang: Lang = "en",
) -> None:
    """A static, offline website: the matrix by date, countries, obligations, findings and provisions."""
    from lawcmp.site.build import build_site

    lang = check_lang(lang)
    written = build_site(read_corpus(corpus), output, lang)  # type: ignore[arg-type]
    sys.stderr.write(f"wrote {len(written)} files to {output}\n")
