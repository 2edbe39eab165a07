"""Output is atomic: a failed or interrupted run leaves the previous file, and no temporary one.

Interrupts at a random moment rarely land while a file is being written, so most tests
make the disk slow (`os.fsync` sleeps in the child process) and send the signal as soon
as a temporary file appears: the interrupt then lands mid-write every time. One test
also sends signals at fixed delays into a run on a large synthetic corpus, where they
land wherever the run happens to be.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from lawcmp.support import atomic
from lawcmp.support.atomic import write_atomic, write_files
from tests.helpers.determinism import tree
from tests.hostile.mutations import ROOT

SIGNALS = [signal.SIGINT, signal.SIGTERM]

# The child: lawcmp's own entry point, with a disk that takes `delay` seconds per fsync,
# and Ctrl-C as a terminal gives it (a parent started in the background without job
# control, as `cmd &` in a script, passes SIGINT on ignored).
SLOW_DISK = """
import os, signal, sys, time
signal.signal(signal.SIGINT, signal.default_int_handler)
_fsync = os.fsync
def _slow(fd):
    time.sleep({delay})
    _fsync(fd)
os.fsync = _slow
sys.argv = ["lawcmp", *{args!r}]
from lawcmp.cli.app import main
main()
"""


def child(args: list[str], cache: Path, delay: float = 0.0, session: bool = False) -> subprocess.Popen[str]:
    """The child; with `session`, in a process group of its own, which a test can signal
    whole, as a terminal's Ctrl-C reaches a command and every worker it forked."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "LAWCMP_CACHE": str(cache)}
    code = SLOW_DISK.format(delay=delay, args=args)
    return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=session)


def wait_for(found: Callable[[], bool], proc: subprocess.Popen[str], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not found():
        assert proc.poll() is None, f"the run ended before writing: {proc.communicate()}"
        assert time.monotonic() < deadline, "no temporary file appeared"
        time.sleep(0.005)


def temporaries(directory: Path) -> list[Path]:
    return [p for p in directory.rglob("*") if p.name.startswith(".") and p.name.endswith((".tmp", ".old"))]


def finish(proc: subprocess.Popen[str], sig: int) -> str:
    _, err = proc.communicate(timeout=60)
    assert "Traceback" not in err, err
    expected = (130,) if sig == signal.SIGINT else (-signal.SIGTERM, 143)
    assert proc.returncode in expected, (proc.returncode, err)
    return err


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


# -- one report ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("sig", SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_a_report_interrupted_mid_write_leaves_the_previous_file(sig: int, tmp_path: Path, cache: Path) -> None:
    out = tmp_path / "report.xlsx"
    out.write_bytes(b"the previous report")
    proc = child(["report", "UZ", "--as-of", "2009-12-31", "--format", "xlsx", "--output", str(out)], cache, delay=1.0)
    wait_for(lambda: bool(temporaries(tmp_path)), proc)
    proc.send_signal(sig)
    finish(proc, sig)
    assert out.read_bytes() == b"the previous report"
    assert temporaries(tmp_path) == []


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("world")
    subprocess.run([sys.executable, "-m", "benchmarks.generate", "--jurisdictions", "60", "--out", str(out)],
                   cwd=ROOT, check=True, capture_output=True, timeout=120)
    return out


@pytest.mark.parametrize(("sig", "delay"), [(signal.SIGTERM, 0.4), (signal.SIGINT, 1.2), (signal.SIGTERM, 2.0)],
                         ids=["SIGTERM-early", "SIGINT-mid", "SIGTERM-late"])
def test_interrupts_at_any_moment_leave_the_old_file_or_the_whole_new_one(
    sig: int, delay: float, world: Path, tmp_path: Path, cache: Path
) -> None:
    args = ["report", "AA", "--as-of", "2009-12-31", "--format", "xlsx", "--corpus", str(world), "--output"]
    complete = tmp_path / "complete.xlsx"
    r = child([*args, str(complete)], cache)
    assert r.wait(timeout=120) == 0, r.communicate()
    out = tmp_path / "out" / "report.xlsx"
    out.parent.mkdir()
    out.write_bytes(b"the previous report")
    proc = child([*args, str(out)], cache)
    time.sleep(delay)
    proc.send_signal(sig)
    proc.communicate(timeout=120)
    assert out.read_bytes() in (b"the previous report", complete.read_bytes())
    assert temporaries(out.parent) == []


# -- several files: the workshop pack ----------------------------------------------------------------------------------


@pytest.mark.parametrize("sig", SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_an_interrupted_workshop_pack_is_all_old(sig: int, tmp_path: Path, cache: Path) -> None:
    pack = tmp_path / "pack"
    args = ["workshop", "--as-of", "2006-01-01", "--formats", "markdown,html", "--output", str(pack)]
    first = child([*args, "--seed", "0"], cache)
    assert first.wait(timeout=120) == 0, first.communicate()
    before = {p.name: p.read_bytes() for p in pack.iterdir()}
    proc = child([*args, "--seed", "7"], cache, delay=0.5)
    wait_for(lambda: len(temporaries(pack)) >= 2, proc)  # some files staged, others not yet
    proc.send_signal(sig)
    finish(proc, sig)
    assert {p.name: p.read_bytes() for p in pack.iterdir()} == before
    assert temporaries(pack) == []


def test_a_complete_workshop_pack_replaces_every_file(tmp_path: Path, cache: Path) -> None:
    pack = tmp_path / "pack"
    args = ["workshop", "--as-of", "2006-01-01", "--formats", "markdown", "--output", str(pack)]
    assert child([*args, "--seed", "0"], cache).wait(timeout=120) == 0
    before = {p.name: p.read_bytes() for p in pack.iterdir()}
    assert child([*args, "--seed", "7"], cache).wait(timeout=120) == 0
    after = {p.name: p.read_bytes() for p in pack.iterdir()}
    assert after.keys() == before.keys() and after["exercises.md"] != before["exercises.md"]


# -- a directory: the site --------------------------------------------------------------------------------------------


SITE = ["site", "--corpus", str(ROOT / "tests" / "reports" / "corpus"), "--output"]


@pytest.fixture(scope="module")
def previous_site(tmp_path_factory: pytest.TempPathFactory, cache: Path) -> Path:
    site = tmp_path_factory.mktemp("previous") / "site"
    first = child([*SITE, str(site)], cache)
    assert first.wait(timeout=300) == 0, first.communicate()
    return site


@pytest.mark.parametrize("sig", [pytest.param(signal.SIGINT, id="SIGINT"), pytest.param(signal.SIGTERM, id="SIGTERM")])
def test_an_interrupted_site_build_leaves_the_previous_site(
    sig: int, previous_site: Path, tmp_path: Path, cache: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(previous_site, site)
    before = tree(site)
    proc = child([*SITE, str(site)], cache, delay=0.005)
    wait_for(lambda: bool(temporaries(tmp_path)), proc, timeout=300)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=300)
    assert "Traceback" not in err, err
    assert proc.returncode != 0
    assert tree(site) == before
    assert temporaries(tmp_path) == []


@pytest.mark.parametrize("sig", [pytest.param(signal.SIGINT, id="SIGINT"), pytest.param(signal.SIGTERM, id="SIGTERM")])
def test_an_interrupt_while_workers_write_the_site_leaves_the_previous_one(
    sig: int, previous_site: Path, tmp_path: Path, cache: Path
) -> None:
    """A corpus large enough that the states' pages are shared with forked workers; the
    signal reaches them all while they write."""
    from lawcmp.support.parallel import PARALLEL_BOOKS

    corpus = tmp_path / "world"
    subprocess.run([sys.executable, "-m", "benchmarks.generate", "--jurisdictions", str(PARALLEL_BOOKS + 2),
                    "--out", str(corpus)], cwd=ROOT, check=True, capture_output=True)
    site = tmp_path / "out" / "site"
    shutil.copytree(previous_site, site)
    before = tree(site)
    proc = child(["site", "--corpus", str(corpus), "--output", str(site)], cache, delay=0.002, session=True)
    wait_for(lambda: any(site.parent.glob(".site.*.tmp/finding/*/*/*.html")), proc, timeout=300)
    os.killpg(proc.pid, sig)
    finish(proc, sig)
    deadline = time.monotonic() + 30
    while True:  # no worker is left behind
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            break
        assert time.monotonic() < deadline, "a worker outlived the command"
        time.sleep(0.05)
    assert tree(site) == before
    assert temporaries(site.parent) == []


# -- failures in-process ----------------------------------------------------------------------------------------------


def test_a_failing_disk_leaves_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "report.csv"
    out.write_text("old")

    def broken(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", broken)
    with pytest.raises(OSError):
        write_atomic(out, "new")
    assert out.read_text() == "old"
    assert temporaries(tmp_path) == []


def test_several_files_are_written_all_or_none(tmp_path: Path) -> None:
    first, second = tmp_path / "exercises.md", tmp_path / "missing-directory" / "answer-key.md"
    first.write_text("old")
    with pytest.raises(OSError) as failed:
        write_files({first: "new", second: "new"})
    assert failed.value.filename == str(second)  # the file asked for, not its temporary name
    assert first.read_text() == "old"
    assert temporaries(tmp_path) == []
    write_files({first: "new", tmp_path / "answer-key.md": b"new"})
    assert first.read_text() == (tmp_path / "answer-key.md").read_text() == "new"


def test_a_new_file_gets_the_usual_permissions_and_an_old_one_keeps_its_own(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.txt", "x")
        assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "kept.txt"
        kept.write_text("x")
        kept.chmod(0o600)
        write_atomic(kept, "y")
        assert kept.stat().st_mode & 0o777 == 0o600 and kept.read_text() == "y"
    finally:
        os.umask(umask)


def test_a_signal_the_process_ignores_does_not_cancel_the_write(tmp_path: Path) -> None:
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        def interrupt(fd: int, real: Callable[[int], None] = os.fsync) -> None:
            os.kill(os.getpid(), signal.SIGINT)  # held during the write, and ignored after
            real(fd)

        original, atomic.os.fsync = atomic.os.fsync, interrupt  # type: ignore[assignment]
        try:
            write_atomic(tmp_path / "out.txt", "new")
        finally:
            atomic.os.fsync = original
    finally:
        signal.signal(signal.SIGINT, previous)
    assert (tmp_path / "out.txt").read_text() == "new"
    assert temporaries(tmp_path) == []


@pytest.fixture
def sigint_as_on_a_terminal() -> Iterator[None]:
    """Ctrl-C raises KeyboardInterrupt here, whatever this process was started with (see SLOW_DISK)."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


@pytest.mark.usefixtures("sigint_as_on_a_terminal")
def test_a_signal_during_the_write_cancels_it_and_then_acts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out.txt"
    out.write_text("old")
    real = os.fsync

    def interrupt(fd: int) -> None:
        os.kill(os.getpid(), signal.SIGINT)  # held: the write goes on, then is cancelled
        real(fd)

    monkeypatch.setattr(atomic.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(out, "new")
    assert out.read_text() == "old"
    assert temporaries(tmp_path) == []
