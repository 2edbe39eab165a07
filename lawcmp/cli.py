"""The command line: a thin layer over the library API.

Results go to stdout, diagnostics to stderr. Exit status: 0 success, 1 problems in
the input, 2 usage or I/O errors. This is the one place where errors become exit
codes; no command lets a traceback through.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from lawcmp.diagnostics import LawcmpError, render_concise, render_full, render_json

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Compare anti-trafficking law with the UN Trafficking Protocol.")

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


@app.callback()
def _root() -> None:
    """Compare anti-trafficking law with the UN Trafficking Protocol."""


@app.command()
def check(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or directories (default: statutes/ and rules/).")] = None,
    format: Annotated[str, typer.Option("--format", help="concise, full or json")] = "concise",
    sources: Annotated[Path | None, typer.Option(help="Directory of source documents to verify quotes against.")] = None,
) -> None:
    """Check statute, bill and rule files; report every problem at once."""
    from lawcmp.corpus import check_paths, default_sources

    loaded = check_paths(paths or None, sources=sources or default_sources())
    diags = loaded.diagnostics
    if format == "json":
        sys.stdout.write(render_json(diags))
    elif format == "full":
        sys.stderr.write(render_full(diags, loaded.texts))
    else:
        sys.stderr.write(render_concise(diags))
    if diags:
        raise typer.Exit(exit_code_for(diags))


def exit_code_for(diagnostics: object) -> int:
    """1 for problems in the input; 2 when a file could not be read at all (I/O)."""
    codes = {d.code for d in diagnostics}  # type: ignore[attr-defined]
    return EXIT_USAGE if "IN01" in codes else EXIT_PROBLEMS


def main() -> None:
    try:
        rc = app(standalone_mode=False)
        sys.exit(rc if isinstance(rc, int) else EXIT_OK)
    except LawcmpError as exc:
        sys.stderr.write(render_concise(exc.diagnostics))
        sys.exit(exit_code_for(exc.diagnostics))
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
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
        raise
