"""`python -m lawcmp` and the `lawcmp` command: the command line, imported with the collector paused.

Importing pydantic, the model classes and typer makes a few hundred thousand objects
that live as long as the process, and the collections their allocation triggers scan
them for nothing: about 20 ms of a 300 ms command (docs/performance.md). So they are
imported with the collector off, then frozen: no later collection looks at them either
(measured: 20–30 ms less than moving them to the oldest generation instead). The
command line itself is `lawcmp.cli.app`.

The command is an application, not a library: its pydantic models are its own, so
pydantic's plugins (installed for other projects in the same environment) are not
looked for. Looking costs a scan of every installed distribution's metadata, about a
tenth of a report's time (docs/performance.md). Set `PYDANTIC_DISABLE_PLUGINS` to any
other value (e.g. empty) to let your plugins see lawcmp's models.
"""

from __future__ import annotations

import gc
import os

from lawcmp.support import collector


def run() -> None:
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    gc.disable()
    try:
        from lawcmp.cli.app import main
    finally:
        collector.freeze()
        gc.enable()
    main()


if __name__ == "__main__":
    run()
