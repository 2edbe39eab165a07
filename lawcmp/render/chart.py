"""Rating series over time as an inline SVG step chart (matplotlib, no pyplot).

Ratings hold from the day a law changes until the next change, so the chart steps
rather than interpolates. The SVG is embedded in HTML pages that are compared byte for
byte and may carry several charts, so the output is made deterministic and its ids are
made unique per chart. matplotlib is imported inside `chart_svg` because importing it
costs more than the rest of a CLI run.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import math
import re
from typing import TYPE_CHECKING, Any

from lawcmp.model.document import RATING_SYMBOLS, Chart
from lawcmp.support.safe import plain

if TYPE_CHECKING:
    from matplotlib.axes import Axes

# Okabe–Ito: distinguishable with every common colour-vision deficiency.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
# Line styles and markers keep series apart when printed in black and white.
LINESTYLES: tuple[Any, ...] = ("-", "--", ":", "-.", (0, (5, 1.5, 1, 1.5, 1, 1.5)), (0, (8, 2)))
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
# Series sharing a value would hide one another; nudging each by a hair keeps all visible
# while every step stays nearest its own rating tick.
NUDGE = 0.04
INK, MUTED, GRID = "#1F2328", "#57606A", "#D8DEE4"

RC: Any = {  # Any: matplotlib types the keys as one long Literal
    "svg.hashsalt": "lawcmp",  # clip-path and marker ids from content, not from a random salt
    "svg.fonttype": "none",  # text stays text: selectable, searchable, read by screen readers
    # Only the font bundled with matplotlib, so layout is the same on every machine.
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 9,
    "text.parse_math": False,  # a `$` in a series name is text, not TeX
    "text.usetex": False,
    "axes.edgecolor": MUTED,
    "axes.labelcolor": INK,
    "text.color": INK,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
}

_TAG = re.compile(r"<[^<>]+>")
_ID = re.compile(r'\sid="([^"]*)"')
_REF = re.compile(r'(url\(#|xlink:href="#)([^")]+)')


def chart_svg(chart: Chart, element_id: str | None = None, description: str | None = None) -> str:
    """The chart as an `<svg role="img">` element for embedding in HTML.

    `element_id` prefixes every id in the SVG, so that several charts on one page do not
    clash; it defaults to `chart-<name>`. `description` is the text alternative, in the
    reader's language; it defaults to an English one.
    """
    import matplotlib
    from matplotlib.figure import Figure

    prefix = element_id or f"chart-{_slug(chart.name)}"
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(8, 3.8), layout="constrained", facecolor="white")
        ax = fig.add_subplot()
        _draw(ax, chart)
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    return _inline(buf.getvalue(), prefix, description or describe(chart))


def _draw(ax: Axes, chart: Chart) -> None:
    import matplotlib.dates as mdates

    days = sorted({p.day for s in chart.series for p in s.points})
    if not days:
        days = [dt.date(2000, 1, 1)]
    end = _extend_to(days)
    n = len(chart.series)
    for i, series in enumerate(chart.series):
        xs = [float(mdates.date2num(p.day)) for p in series.points]
        nudge = (i - (n - 1) / 2) * NUDGE
        ys = [math.nan if p.value is None else p.value + nudge for p in series.points]
        if xs:
            # The last rating holds on past the last change: draw it to the right edge.
            xs, ys = [*xs, float(mdates.date2num(end))], [*ys, ys[-1]]
        ax.plot(
            xs, ys, drawstyle="steps-post", label=plain(series.name),
            color=COLOURS[i % len(COLOURS)], linestyle=LINESTYLES[i % len(LINESTYLES)], linewidth=1.6,
            marker=MARKERS[i % len(MARKERS)], markersize=5, markevery=_changes(ys[:-1]),
        )
    ticks = range(len(chart.y_labels))
    ax.set_yticks(list(ticks), [_tick_label(y) for y in chart.y_labels])
    ax.set_ylim(-0.4, len(chart.y_labels) - 0.6)
    ax.set_xlim(float(mdates.date2num(days[0])), float(mdates.date2num(end)))
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(axis="y", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.tick_params(length=3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title(plain(chart.title), loc="left", fontsize=10.5, fontweight="bold", color=INK)
    if chart.series:
        _legend(ax, min(3, n))


def _legend(ax: Axes, ncols: int) -> None:
    """A legend below the plot that reads row by row, as the series are ordered
    (matplotlib fills legend columns top to bottom)."""
    handles, labels = ax.get_legend_handles_labels()
    order = [i for col in range(ncols) for i in range(col, len(handles), ncols)]
    ax.figure.legend([handles[i] for i in order], [labels[i] for i in order], loc="outside lower center",
                     ncols=ncols, frameon=False, handlelength=3.2)


def _changes(ys: list[float]) -> list[int]:
    """The points where a series takes a new value: markers there show when ratings moved,
    not every day the law was evaluated."""
    return [i for i, y in enumerate(ys) if not math.isnan(y) and (i == 0 or y != ys[i - 1])]


def _extend_to(days: list[dt.date]) -> dt.date:
    """Where the last step ends: a little past the last day, so the last rating shows."""
    span = (days[-1] - days[0]).days
    return days[-1] + dt.timedelta(days=max(span // 12, 120))


def _tick_label(code: str) -> str:
    symbol = RATING_SYMBOLS.get(code)
    return f"{symbol} {code}" if symbol else code


def describe(chart: Chart, template: str = "{title}. Step chart of {names} ({scale}).") -> str:
    """A text alternative: what the chart shows, in words."""
    names = ", ".join(s.name for s in chart.series)
    return template.format(title=chart.title, names=names, scale=" < ".join(chart.y_labels))


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]+", "-", name).strip("-") or "chart"


def _inline(svg: str, prefix: str, label: str) -> str:
    """matplotlib's standalone SVG file, made fit to sit inside an HTML page.

    Drops the XML prolog, DOCTYPE and RDF metadata (they name external URLs), keeps only
    the ids something refers to and renames them `<prefix>--<n>`, moves the global
    `<style>` rule (it would apply to the whole page) onto the root, and sizes the chart
    by its viewBox so it scales with the page.
    """
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r"\s*<style[^>]*>.*?</style>", "", svg, flags=re.S)
    svg = re.sub(r"\s*<defs>\s*</defs>", "", svg)
    referenced: dict[str, str] = {}
    for tag in _TAG.findall(svg):
        for m in _REF.finditer(tag):
            referenced.setdefault(m.group(2), f"{prefix}--{len(referenced) + 1}")
    svg = _TAG.sub(lambda m: _retag(m.group(0), referenced), svg)
    title_id = f"{prefix}--title"
    root = (
        f'<svg id="{prefix}" class="chart" role="img" aria-labelledby="{title_id}" '
        f'aria-label="{html.escape(label)}" '
    )
    svg = re.sub(r'<svg [^>]*?(viewBox="[^"]*")[^>]*>', lambda m: root + m.group(1)
                 + ' style="stroke-linejoin:round;stroke-linecap:butt">', svg, count=1)
    svg = svg.replace(">", f'>\n <title id="{title_id}">{html.escape(label, quote=False)}</title>', 1)
    return svg.strip()


def _retag(tag: str, referenced: dict[str, str]) -> str:
    """One start tag with unreferenced ids dropped and referenced ones renamed.

    Working tag by tag keeps text content (series names, titles) untouched: matplotlib
    escapes `<` and `>` in text, so a tag never starts inside text.
    """
    tag = _ID.sub(lambda m: f' id="{referenced[m.group(1)]}"' if m.group(1) in referenced else "", tag)
    return _REF.sub(lambda m: m.group(1) + referenced.get(m.group(2), m.group(2)), tag)
