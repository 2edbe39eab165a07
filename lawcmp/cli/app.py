"""The command line: a thin layer over the library API.

Results go to stdout, diagnostics to stderr. Exit status: 0 success, 1 problems in
the input (or findings to act on, for `check` and `fmt --check`), 2 usage or I/O
errors, 70 an internal error (a bug in lawcmp, never a problem of the input). `main`
is the one place where errors become exit codes; no command lets a traceback through
(`LAWCMP_DEBUG=1` shows one for an internal error).
"""

import os
import sys

import typer

from lawcmp.cli import editor, inspect, reports, serve  # noqa: F401  (their commands join the app)
from lawcmp.cli.common import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, LARGE, app, exit_code_for
from lawcmp.support.diagnostics import LawcmpError, render_concise


def main() -> None:
    try:
        rc = app(standalone_mode=False)
        if LARGE:
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
