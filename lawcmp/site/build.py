"""The browsable static site: every rating, its reasoning and its sources, as linked pages.

`build_site` writes a self-contained site that opens from `file://` with no server and
no network: one stylesheet, one small inline script (the as-of selector, which the
page does without), relative links only. Its layout, with stable file names:

    index.html                               the matrix, one table per as-of date (for a large
                                             corpus, the latest only), and a selector
    matrix/<date>.html                       one date's matrix: permalink, print, no-script fallback
    country/index.html, country/<CC>.html    pillar summary, timeline chart and table, provisions
    obligation/index.html, obligation/<id>.html
    methods.html                             methods and limitations, linked from every page's footer
    finding/<CC>/<obligation>/<date>.html    the full trace of one rating, from <date> to the
                                             next as-of date on which it, or its precedents, change
    provision/<CC>/<instrument>/<art>.html   every version, its clauses and sources
    fact/<CC>/<name>.html                    practice and absences
    assets/site.css

A finding page is named for the first date of its run of unchanged dates, so an edit to the
corpus that splits or joins runs renames some; the date-named matrix pages stay put and
link to whichever page holds each cell.

The site is built from the same findings as every report (`engine.assess_book`), at
the dates `site_dates` derives from the corpus. Statute text reaches the templates as
plain strings and jinja2's autoescape keeps it inert; the only markup made outside a
template is the chart SVG (`render.chart`, which escapes its text). Output is
deterministic: the same corpus gives byte-identical files.

The site is written into a temporary sibling directory and renamed into place only
when complete, so an interrupted build never leaves a half-built site.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import shutil
import signal
import tempfile
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from lawcmp.load.catalog import load_catalog
from lawcmp.model.rules import Catalog
from lawcmp.model.statute import Corpus
from lawcmp.site.pages import (
    Pages,
    countries_page,
    country_page,
    finding_pages,
    index_page,
    methods_page,
    obligations_page,
    stylesheet,
)
from lawcmp.site.views import MARKER, WRITERS, Site, prepare, site_dates
from lawcmp.support import progress
from lawcmp.support.atomic import DeferredSignals, Terminated, write_atomic
from lawcmp.support.version import __version__

# -- dates -------------------------------------------------------------------------------------------------


# -- file names ---------------------------------------------------------------------------------------------


# -- the words of a page ------------------------------------------------------------------------------------


# -- views the templates render -----------------------------------------------------------------------------


# -- templates ------------------------------------------------------------------------------------------------


# -- pages --------------------------------------------------------------------------------------------------------


# -- writing ----------------------------------------------------------------------------------------------------


def render_site(corpus: Corpus, lang: str = "en", *, dates: Sequence[dt.date] | None = None,
                catalog: Catalog | None = None) -> dict[str, str | bytes]:
    """Every file of the site, by its path relative to the site's root, in memory."""
    files: dict[str, str | bytes] = {}
    render_pages(site_of(corpus, lang, dates, catalog), files.__setitem__)
    out = dict(sorted(files.items()))
    out["assets/site.css"] = stylesheet()
    return out


def site_of(corpus: Corpus, lang: str, dates: Sequence[dt.date] | None, catalog: Catalog | None) -> Site:
    return prepare(corpus, catalog or load_catalog(), lang, dates or site_dates(corpus))


def render_pages(site: Site, emit: Callable[[str, str], None]) -> None:
    with progress.bar("writing pages") as advance:
        pages = Pages(site, emit, advance)
        shared_pages(pages)
        for code in site.codes:
            state_pages(pages, code)


def shared_pages(pages: Pages) -> None:
    """The pages about every state at once: the matrices, the indexes, the obligations."""
    index_page(pages)
    countries_page(pages)
    obligations_page(pages)
    methods_page(pages)


def state_pages(pages: Pages, code: str) -> None:
    """The pages of one state: its country page, provisions, facts and findings."""
    country_page(pages, code, pages.site.corpus.books[code])
    finding_pages(pages, code)


# Pages rendered but not yet on disk, at most: the world's site is 100,000 pages, 1.3 GB of
# HTML, which a build that rendered every page before writing held in memory at once.
PENDING = 8 * WRITERS
# States taken at a time by each process that renders the states' pages.
CHUNK = 2


class PageWriter:
    """Pages into files under `staging` as they are rendered: written by threads, so that
    the waits for the disk overlap, with at most `PENDING` pages waiting. One per process."""

    def __init__(self, staging: Path, noted: DeferredSignals) -> None:
        self.staging, self.noted = staging, noted
        self.pool = ThreadPoolExecutor(WRITERS)
        self.pending: deque[Future[None]] = deque()
        self.made: set[Path] = set()
        self.written: list[str] = []
        self._names: set[str] = set()

    def __enter__(self) -> PageWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if exc[0] is None:
                self.flush()
        finally:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def write(self, name: str, content: str | bytes) -> None:
        if self.noted.caught:
            raise Terminated()
        if name in self._names:  # the same page again: the last one wins, as in `render_site`
            self.flush()
        else:
            self._names.add(name)
            self.written.append(name)
        folder = (self.staging / name).parent
        if folder not in self.made:
            folder.mkdir(parents=True, exist_ok=True)
            self.made.add(folder)
        self.pending.append(self.pool.submit(write_atomic, self.staging / name, content))
        while len(self.pending) > PENDING:
            self.pending.popleft().result()

    def flush(self) -> None:
        while self.pending:
            self.pending.popleft().result()


def build_site(corpus: Corpus, out_dir: Path | str, lang: str = "en", *, dates: Sequence[dt.date] | None = None,
               catalog: Catalog | None = None, jobs: int | None = None) -> list[Path]:
    """Write the site into `out_dir`, replacing a site built there before; the files written.

    The site is built in a temporary sibling directory, each file written atomically,
    and the directory renamed into place only when complete: an error or an interrupt
    leaves the old site (or nothing) behind, never a half-built one. A directory that
    is neither empty nor a site lawcmp built is never replaced. The states' own pages
    are shared with forked workers for a large corpus (`lawcmp.support.parallel`; `jobs`
    processes, default one per CPU), each writing its own.

    >>> import tempfile
    >>> from lawcmp.load.corpus import load_text
    >>> corpus = load_text('''
    ... jurisdiction KG "Kyrgyz Republic" {
    ... }
    ... instrument KG/CC "Criminal Code" {
    ...   source "003_302ca85d5f157d7b.txt" "Criminal Code"
    ... }
    ... provision KG/CC/124 "Trade in persons" {
    ...   version 2003-08 {
    ...     offence trafficking
    ...     source "003_302ca85d5f157d7b.txt" "amended to provide"
    ...   }
    ... }
    ... ''', "KG.law")
    >>> out = Path(tempfile.mkdtemp()) / "site"
    >>> written = build_site(corpus, out)
    >>> (out / "index.html").is_file(), out / "provision" / "KG" / "CC" / "124.html" in written
    (True, True)
    >>> sorted(p.name for p in (out / "matrix").iterdir())
    ['2003-01-01.html', '2003-12-31.html']
    >>> shutil.rmtree(out.parent)
    """
    target = Path(out_dir)
    check_replaceable(target)
    site = site_of(corpus, lang, dates, catalog)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Signals are noted, not acted on, while the site is written (an exception raised by a
    # handler can be lost in a weakref callback or a worker thread); the build stops at the
    # next page, and the site is renamed into place only if none came.
    with DeferredSignals() as noted, staging_dir(target, noted) as staging:
        names = [n for written in write_states(site, staging, noted, jobs) for n in written]
        with PageWriter(staging, noted) as writer:
            with progress.bar("writing the matrices") as advance:
                shared_pages(Pages(site, writer.write, advance))
            names.extend(writer.written)
            names.sort()
            writer.write("assets/site.css", stylesheet())
            writer.write(MARKER, f"lawcmp {__version__} site; `lawcmp site` replaces this directory whole.\n")
    return [target / name for name in [*names, "assets/site.css", MARKER]]


def write_states(site: Site, staging: Path, noted: DeferredSignals, jobs: int | None) -> list[list[str]]:
    """Each state's pages written under `staging`: the names of each state's files, in
    the order of `site.codes`.

    A forked worker goes back to the signal handling the command had: killed by an
    interrupt, it leaves only files in `staging`, which this process removes. A full
    disk in a worker is raised here as the `OSError` it was, not as a worker's failure.
    """
    from lawcmp.support.parallel import map_books

    codes = site.codes
    parent = os.getpid()

    def work(indices: Sequence[int]) -> list[list[str] | OSError]:
        if os.getpid() != parent:
            noted.restore()
            noted.act()  # a signal that came before the handlers were back: as it would have
        out: list[list[str] | OSError] = []
        try:
            with PageWriter(staging, noted) as writer:
                for i in indices:
                    done = len(writer.written)
                    state_pages(Pages(site, writer.write), codes[i])
                    out.append(writer.written[done:])
        except OSError as exc:
            return [exc] * len(indices)
        return out

    # Largest first: the last ones taken fill the gaps.
    order = sorted(range(len(codes)), key=lambda i: -sum(len(site.runs(codes[i], o.id)) for o in site.catalog.obligations))
    try:
        results = map_books(work, order, jobs=jobs, chunk=CHUNK, description="writing each state's pages")
    except RuntimeError:
        if noted.caught:  # a worker the same interrupt ended
            raise Terminated() from None
        raise
    for r in results:
        if isinstance(r, OSError):
            raise r
    return [r for r in results if not isinstance(r, OSError)]


def check_replaceable(target: Path) -> None:
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise FileExistsError(errno.EEXIST, "exists and is not a directory; refusing to replace it", str(target))
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        raise FileExistsError(errno.EEXIST, "is not empty and not a lawcmp site; refusing to replace it", str(target))


@contextlib.contextmanager
def staging_dir(target: Path, noted: DeferredSignals | None = None) -> Iterator[Path]:
    """A temporary sibling of `target` to build in, renamed over `target` on success
    and removed on failure."""
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"))
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(staging, 0o777 & ~umask)  # mkdtemp's 0700 would hide the site from a web server
    try:
        yield staging
        if noted is not None and noted.caught:
            raise Terminated()
        check_replaceable(target)  # the directory may have changed while the site was built
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".old"))
            os.replace(target, old / "site")
        try:
            os.replace(staging, target)
        except BaseException:
            if old is not None:
                os.replace(old / "site", target)
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, Terminated):
            interrupted = noted is not None and noted.caught[:1] == [signal.SIGINT]
            raise SystemExit(130 if interrupted else 143) from None
        raise
