"""The garbage collector around data that lives as long as the process.

Validating a corpus creates hundreds of thousands of objects and frees none: each
collection their allocation triggers scans them all for nothing (on the world corpus,
2.0 s of collection for 0.4 s of validation). So such a batch is built with the
collector paused (`paused`), and what lives to the end of a command is frozen: no
later collection looks at it.

What a pause does with its batch depends on whether anything is frozen, and
`gc.get_freeze_count` finds out by counting the frozen objects one by one: 13 ms on
the world with its corpus frozen, paid again by every book a shelf validates
(`lawcmp.load.shelf`; docs/performance.md). What lawcmp freezes, it freezes here
(`freeze`), and so knows without counting.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_frozen_here = False  # whether `freeze` was called here, and not undone by `unfreeze`; forked workers inherit it


def freeze() -> None:
    """`gc.freeze`: every object tracked so far is out of the collector's sight for good."""
    global _frozen_here
    gc.freeze()
    _frozen_here = True


def unfreeze() -> None:
    """`gc.unfreeze`: the frozen objects go back to the oldest generation."""
    global _frozen_here
    gc.unfreeze()
    _frozen_here = False


def frozen() -> bool:
    """Whether anything is frozen: known at once where lawcmp froze it, counted otherwise."""
    return _frozen_here or gc.get_freeze_count() > 0


@contextmanager
def paused() -> Iterator[None]:
    """No garbage collection during a batch that only allocates (validating JSON).

    Not for parsing: recovery from syntax errors leaves garbage cycles that only the
    collector frees.
    """
    was_enabled = gc.isenabled()
    frozen_before = frozen()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # What the batch built is meant to last: move it out of the young generation,
            # or the first young collection after this would scan all of it at once (0.4 s
            # on the world corpus). Freezing then thawing moves it to the oldest
            # generation; but what someone else froze must stay frozen, so a process that
            # keeps its long-lived objects frozen (the `lawcmp` command does) gets the
            # batch frozen with them.
            gc.freeze()
            if not frozen_before:
                gc.unfreeze()
            gc.enable()
