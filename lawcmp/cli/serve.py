"""`lawcmp serve`: the drafters' local web page (docs/serve.md)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from lawcmp.cli.common import app, usage


@app.command()
def serve(
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="The port to listen on.")] = 8765,
    host: Annotated[str | None, typer.Option("--host", metavar="ADDRESS", help="The address to listen on (default: 127.0.0.1, this machine only; another address is served only when named here, with a warning).")] = None,
    corpus: Annotated[list[Path] | None, typer.Option("--corpus", metavar="DIR", help="Statute files or directories, bills among them (default: statutes/).")] = None,
) -> None:
    """A local web page for drafters: gap reports, and a bill editor that checks the bill and shows what it would change as you type."""
    try:
        from lawcmp.serve.app import bind_host, run
    except ImportError as exc:  # starlette and uvicorn are the optional extra `serve`
        raise usage(f"`lawcmp serve` needs starlette and uvicorn ({exc}): pip install 'lawcmp[serve]'") from None
    from lawcmp.serve.workspace import load_workspace

    try:
        address, warning = bind_host(host)
    except ValueError as exc:
        raise usage(str(exc)) from None
    if warning:
        sys.stderr.write(f"lawcmp: warning: {warning}\n")
    for path in corpus or ():
        if not path.exists():
            raise usage(f"--corpus {path}: no such file or directory")
    run(load_workspace(corpus or None), address, port)
