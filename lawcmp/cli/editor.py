"""`lawcmp lsp`: the language server, for editors (docs/editors.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from lawcmp.cli.common import Corpus, app, usage


@app.command()
def lsp(
    corpus: Corpus = None,
    sources: Annotated[Path | None, typer.Option(help="Directory of source documents to verify quotes against (default: ../shared/seeds, where it exists).", metavar="DIR")] = None,
    quotes: Annotated[bool, typer.Option("--quotes/--no-quotes", help="Verify quotes against the source documents.")] = True,
) -> None:
    """Serve the Language Server Protocol on stdin and stdout: diagnostics as you type, hover, completion, definitions, outline, formatting, quick fixes."""
    try:
        from lawcmp.lsp.server import serve
    except ImportError as exc:  # pygls is the optional extra `lsp`
        raise usage(f"the language server needs pygls ({exc}): pip install 'lawcmp[lsp]'") from None
    from lawcmp.load.files import default_sources

    if sources is not None and not sources.is_dir():
        raise usage(f"--sources {sources}: no such directory (--no-quotes checks without verifying quotes)")
    serve(corpus or None, sources=(sources or default_sources()) if quotes else None)
