"""`lawcmp.support.collector`: a paused batch leaves the collector as it found it, and what
lawcmp froze is known to be frozen without counting."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from lawcmp.support import collector


@pytest.fixture(autouse=True)
def thawed() -> Iterator[None]:
    assert gc.isenabled() and not collector.frozen()
    yield
    collector.unfreeze()
    gc.enable()


def test_a_batch_moves_to_the_oldest_generation_where_nothing_was_frozen() -> None:
    with collector.paused():
        assert not gc.isenabled()
        batch = [[i] for i in range(1000)]
    assert gc.isenabled() and gc.get_freeze_count() == 0  # not frozen: the collector may still free it
    assert all(gc.is_tracked(x) for x in batch)
    assert not any(o is batch for o in gc.get_objects(generation=0))


@pytest.mark.parametrize("freeze", [collector.freeze, gc.freeze], ids=["by lawcmp", "by someone else"])
def test_a_batch_joins_what_was_frozen_and_never_thaws_it(freeze: object) -> None:
    freeze()  # type: ignore[operator]  # as the `lawcmp` command does with what it imported
    before = gc.get_freeze_count()
    with collector.paused():
        more = [[i] for i in range(1000)]
    assert gc.get_freeze_count() >= before + len(more)


def test_what_lawcmp_froze_is_known_without_counting(monkeypatch: pytest.MonkeyPatch) -> None:
    collector.freeze()
    monkeypatch.setattr(gc, "get_freeze_count", lambda: pytest.fail("counted the frozen objects"))
    assert collector.frozen()
    with collector.paused():
        pass


def test_after_unfreeze_nothing_is_frozen() -> None:
    collector.freeze()
    collector.unfreeze()
    assert gc.get_freeze_count() == 0 and not collector.frozen()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with collector.paused():
        pass
    assert not gc.isenabled()
