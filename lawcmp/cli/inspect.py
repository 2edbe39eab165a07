"""Commands that check, lay out and show the inputs: check, fmt, explain, assess, rules, vocabulary, cache, export, schema, sources."""

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
    check_output,
    check_publish,
    code_of,
    emit,
    exit_code_for,
    parse_date,
    publish,
    read_corpus,
    usage,
    write_output,
)
from lawcmp.support.diagnostics import render_concise

FormatOpt = Annotated[str, typer.Option("--format", metavar="FORMAT", help="concise, full or json")]


@app.command()
def check(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or directories (default: statutes/ and rules/).")] = None,
    format: FormatOpt = "concise",
    sources: Annotated[Path | None, typer.Option(help="Directory of source documents to verify quotes against (default: ../shared/seeds, where it exists).", metavar="DIR")] = None,
    quotes: Annotated[bool, typer.Option("--quotes/--no-quotes", help="Verify quotes against the source documents.")] = True,
    corpus: Annotated[list[Path] | None, typer.Option("--corpus", help="The statute files a bill checked alone amends (default: statutes/).", metavar="PATH")] = None,
) -> None:
    """Check statute, bill and rule files; report every problem in every file at once."""
    from lawcmp.load.corpus import check_paths
    from lawcmp.load.files import default_sources

    if format not in ("concise", "full", "json"):
        raise usage("--format is one of: concise, full, json")
    if sources is not None and not sources.is_dir():
        raise usage(f"--sources {sources}: no such directory (--no-quotes checks without verifying quotes)")
    library = (sources or default_sources()) if quotes else None
    loaded = check_paths(paths or None, sources=library, context=corpus or None)
    emit(loaded.diagnostics, format, loaded.texts)
    # One line a person can read at a glance, on stderr so that `--format json` stays JSON.
    files = len(loaded.texts)
    if loaded.diagnostics:
        broken = len({d.path for d in loaded.diagnostics})
        sys.stderr.write(f"lawcmp check: {len(loaded.diagnostics)} problem{'s' * (len(loaded.diagnostics) != 1)}"
                         f" in {broken} of {files} file{'s' * (files != 1)}\n")
        raise typer.Exit(exit_code_for(loaded.diagnostics))
    sys.stderr.write(f"lawcmp check: {files} file{'s' * (files != 1)} checked, no problems\n")


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
    format: Fmt = None,
    lang: Lang = "en",
    output: Output = None, reference_doc: ReferenceDoc = None,
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
            raise usage(f"no diagnostic code `{what}`" + (f"; did you mean {guess}?" if guess else ""))
        sys.stdout.write(explain_code(code))
        return
    from lawcmp.engine.evaluate import evaluate
    from lawcmp.reports.listings import trace_document

    format, lang = check_publish(format, lang, output, reference_doc)
    what = code_of(what)
    books = read_corpus(corpus, [what])
    assessment = evaluate(books, what.upper(), parse_date(as_of, books, [what]))  # type: ignore[arg-type]
    try:
        finding = assessment.finding(obligation)
    except KeyError:
        from lawcmp.support.diagnostics import did_you_mean

        guess = did_you_mean(obligation, [f.obligation for f in assessment.findings])
        raise usage(f"no obligation `{obligation}`" + (f"; did you mean {guess}?" if guess else "")) from None
    publish(trace_document(assessment, finding, books.books[assessment.jurisdiction], lang),  # type: ignore[attr-defined]
            format, output, reference_doc)


@app.command()
def assess(
    jurisdiction: Annotated[str, typer.Argument(metavar="STATE", help="A state: its ISO code (UZ, UZB) or name (Uzbekistan, Узбекистан).")],
    as_of: AsOf = None,
    corpus: Corpus = None,
    format: Fmt = None,
    lang: Lang = "en",
    output: Output = None, reference_doc: ReferenceDoc = None,
) -> None:
    """The findings table: every obligation, its rating and the provisions that decide it.

    `--format json` writes the assessment itself, every criterion and its evidence
    (`lawcmp schema assessment`); the other formats write the findings table."""
    from lawcmp.engine.evaluate import evaluate
    from lawcmp.reports.listings import assessment_document

    format, lang = check_publish(format, lang, output, reference_doc)
    jurisdiction = code_of(jurisdiction)
    books = read_corpus(corpus, [jurisdiction])
    assessment = evaluate(books, jurisdiction.upper(), parse_date(as_of, books, [jurisdiction]))  # type: ignore[arg-type]
    if format == "json":
        write_output(assessment.model_dump_json(indent=2) + "\n", output)
        return
    publish(assessment_document(assessment, books.books[assessment.jurisdiction], lang),  # type: ignore[attr-defined]
            format, output, reference_doc)


@app.command()
def rules(
    corpus: Corpus = None,
    format: Fmt = None,
    lang: Lang = "en",
    output: Output = None, reference_doc: ReferenceDoc = None,
) -> None:
    """The obligation catalog: id, basis, pillar, strength, and each obligation's criteria and tests.

    The corpus is read for the methods the catalog ends with: the sources its ratings rest on."""
    from lawcmp.load.catalog import load_catalog
    from lawcmp.reports.listings import catalog_document

    format, lang = check_publish(format, lang, output, reference_doc)
    books = read_corpus(corpus)
    publish(catalog_document(load_catalog(), list(books.books.values()), lang),  # type: ignore[attr-defined]
            format, output, reference_doc)


@app.command()
def vocabulary(
    group: Annotated[str | None, typer.Argument(help="Only this group (e.g. means).")] = None,
) -> None:
    """The vocabulary: every term, its definition and treaty article."""
    from tabulate import tabulate

    from lawcmp.lang.vocabulary import load_vocabulary

    v = load_vocabulary()
    if group is not None and group not in v.groups:
        raise usage(f"no group `{group}`; groups: {', '.join(v.groups)}")
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
    format: Annotated[str, typer.Option("--format", metavar="FORMAT", help="json")] = "json",
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write here (atomically) instead of stdout.")] = None,
) -> None:
    """Write the loaded corpus as JSON (its schema: `lawcmp schema`)."""
    if format != "json":
        raise usage("--format is json")
    check_output(output)
    data = read_corpus(corpus).model_dump_json(indent=2) + "\n"  # type: ignore[attr-defined]
    write_output(data, output)


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
        raise usage("schema is one of: corpus, assessment, document")
    sys.stdout.write(json.dumps(models[what].model_json_schema(), indent=2, ensure_ascii=False) + "\n")


@app.command()
def sources(
    corpus: Corpus = None,
    format: Fmt = None,
    lang: Lang = "en",
    output: Output = None, reference_doc: ReferenceDoc = None,
) -> None:
    """Every source cited in the corpus, and which facts rest on each."""
    from lawcmp.reports.listings import sources_document

    format, lang = check_publish(format, lang, output, reference_doc)
    publish(sources_document(read_corpus(corpus), lang), format, output, reference_doc)  # type: ignore[arg-type]
