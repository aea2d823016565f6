"""Charts of disputed figures: one function from any pack's claims, drawn three ways.

``chart_data`` turns a measure's claims into rows (claimant, period, value, side);
``text_chart`` (bot.chart_text) draws them as lines of text; ``png`` and ``svg``
draw them with matplotlib's Agg backend. matplotlib is imported only when a
picture is drawn, so ``ask`` and the REPL start as fast as without charts.

Each claim is a bar from zero to its figure; a claim that is not one exact
figure ("over 100", "about 300", "3,500 to 7,000") is a point with its range.
Claims are coloured by the side their claimant speaks for (two sides, two
colours; everyone else grey), and the reliability remarks go under the chart.
"""

from __future__ import annotations

import io
import re
import textwrap
from dataclasses import dataclass
from typing import Any

from knowledge.model import number_text

# Telegram's photo limits: 10 MB, width + height at most 10,000 px, sides at most 20:1
PHOTO_MAX_BYTES = 10 * 1024 * 1024
PHOTO_MAX_SIDES = 10_000
PHOTO_MAX_RATIO = 20
SIDE_COLOURS = ("#1f6fb4", "#d95f02")  # first side, second side
OTHER_COLOUR = "#7f7f7f"
ABOUT = 0.1  # "about 300" is drawn as 270 to 330
OVER = 0.25  # "over 100" is drawn as 100 to 125, an open range


@dataclass(frozen=True)
class Row:
    """One claim as the chart shows it."""

    claim_id: str
    claimant: str
    period: str
    low: float
    high: float  # the end of the drawn range (an "over" claim reaches past its figure)
    figure: float  # where the point or the bar's end is
    label: str  # "over 100", "about 300", "52"
    exact: bool  # a bar; otherwise a point with its range
    open_ended: bool  # "over", "at least": the range has no stated end
    side: int | None  # index into the conflict's sides, None for claimants on neither


@dataclass(frozen=True)
class ChartData:
    measure_id: str
    title: str  # "IS-KP fighters killed"
    rows: tuple[Row, ...]
    sides: tuple[str, ...]  # the two sides' names, in colour order
    remarks: tuple[str, ...]  # the reliability remarks on these claims
    disputed: bool
    low: float
    high: float

    def caption(self) -> str:
        """A short caption: what, how far apart, how many claimants."""
        who = len({r.claimant for r in self.rows})
        spread = f"{number_text(self.low)} to {number_text(self.high)}"
        state = "disputed" if self.disputed else "as claimed"
        return f"{capitalize(self.title)}: {state}, {spread}; {len(self.rows)} claims by {who} claimants."


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def side_of(kb: Any, source_id: str) -> int | None:
    """The index of the conflict side the source speaks for, following groups' ``side`` links."""
    source = kb.pack.sources.get(source_id)
    group = source.affiliation if source else None
    seen: set[str] = set()
    while group and group not in seen:
        seen.add(group)
        for n, side in enumerate(kb.pack.conflict.sides[:2]):
            if group in side.groups:
                return n
        g = kb.pack.groups.get(group)
        group = g.side if g else None
    return None


def chart_data(kb: Any, measure_id: str) -> ChartData:
    """The chart of one measure's claims, from any pack."""
    dispute = kb.dispute(measure_id)
    rows = []
    for claim in dispute.claims:
        source = kb.source(claim.claimant)
        v = claim.value
        exact = not v.is_range and v.qualifier in ("exact", "", "just")
        open_ended = v.qualifier in ("over", "at least")
        if v.is_range:
            low, high, figure = v.low, v.high, (v.low + v.high) / 2
        elif open_ended:
            low, high, figure = v.low, v.low * (1 + OVER), v.low
        elif v.qualifier == "about":
            low, high, figure = v.low * (1 - ABOUT), v.low * (1 + ABOUT), v.low
        elif v.qualifier in ("up to", "under"):
            low, high, figure = v.low * (1 - OVER), v.low, v.low
        else:
            low, high, figure = v.low, v.high, v.low
        rows.append(Row(
            claim.id, capitalize(source.name if source else claim.claimant), claim.period,
            low, high, figure, v.text(), exact, open_ended, side_of(kb, claim.claimant),
        ))
    sides = tuple(s.name for s in kb.pack.conflict.sides[:2])
    return ChartData(
        measure_id, dispute.measure.name, tuple(rows), sides,
        tuple(r.text for r in dispute.remarks), dispute.disputed, dispute.low, dispute.high,
    )


def disputed_charts(kb: Any) -> list[ChartData]:
    """A chart for every disputed measure with more than one claim, in pack order."""
    return [chart_data(kb, d.measure.id) for d in kb.disputed_measures() if len(d.claims) > 1]


def measures_in(kb: Any, answer: Any) -> list[str]:
    """The disputed measures an answer shows: named in its text, with a claim of theirs cited.

    Longer names are matched first, so "fighters killed in the April raid" is not also
    "fighters killed".
    """
    if not getattr(answer, "disputed", False) or not answer.answered:
        return []
    text = " ".join(p.text for p in answer.parts).casefold()
    quotes = {c.quote for c in answer.citations}
    found: list[tuple[int, str]] = []
    disputes = sorted(kb.disputed_measures(), key=lambda d: -len(d.measure.name))
    for d in disputes:
        name = d.measure.name.casefold()
        at = text.find(name)
        if at < 0 or not any(c.evidence.quote in quotes for c in d.claims):
            continue
        found.append((at, d.measure.id))
        text = text.replace(name, " " * len(name))
    return [m for _, m in sorted(found)]


# -- pictures ----------------------------------------------------------------------------------
def _figure(data: ChartData, width: float = 9.0) -> Any:
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib.figure import Figure  # no pyplot: no global state, no GUI
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.ticker import FuncFormatter

    rows = data.rows
    remark = "\n".join(textwrap.fill(f"Reliability: {r}", 110) for r in data.remarks)
    remark_lines = remark.count("\n") + 1 if remark else 0
    height = 1.3 + 0.62 * len(rows) + 0.22 * remark_lines
    fig = Figure(figsize=(width, height), dpi=100)
    fig.set_facecolor("white")
    ax = fig.add_axes((0.36, (0.35 + 0.22 * remark_lines) / height, 0.6, (0.62 * len(rows)) / height))
    top = max((r.high for r in rows), default=1) or 1
    for y, row in enumerate(rows):
        colour = OTHER_COLOUR if row.side is None else SIDE_COLOURS[row.side]
        if row.exact:
            bar = ax.barh(y, row.figure, height=0.55, color=colour)
            bar.patches[0].set_gid(f"claim-{row.claim_id}")
        else:
            ends = [0] if row.open_ended else [0, 1]  # a stated end gets a cap; "over" an arrow
            ax.plot([row.low, row.high], [y, y], color=colour, linewidth=3, solid_capstyle="butt", alpha=0.55,
                    marker="|", markersize=14, markevery=ends)
            (point,) = ax.plot([row.figure], [y], marker="o", markersize=9, color=colour, linestyle="none")
            point.set_gid(f"claim-{row.claim_id}")
            if row.open_ended:
                ax.annotate("", xy=(row.high + top * 0.04, y), xytext=(row.high, y),
                            arrowprops={"arrowstyle": "->", "color": colour, "lw": 1.5})
        ax.text(row.high + top * 0.06, y, row.label, va="center", fontsize=10)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([f"{r.claimant}\n{r.period}" for r in _wrapped(rows)], fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.3)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    ax.grid(axis="x", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{int(x):,}"))
    title = f"{capitalize(data.title)}: {'disputed' if data.disputed else 'claims'}"
    fig.text(0.02, 1 - 0.22 / height, title, fontsize=13, fontweight="bold", va="top")
    used = sorted({r.side for r in rows}, key=lambda s: (s is None, s))
    handles = [Patch(color=OTHER_COLOUR if s is None else SIDE_COLOURS[s],
                     label="neither side" if s is None else f"speaks for: {data.sides[s]}") for s in used]
    if any(not r.exact for r in rows):
        handles.append(Line2D([], [], color="#444444", marker="o", linewidth=2, alpha=0.7,
                              label="a figure with its range (about, over, from–to)"))
    if handles:
        fig.legend(handles=handles, loc="upper right", fontsize=8, frameon=False, ncol=min(3, len(handles)),
                   bbox_to_anchor=(0.98, 1 - 0.55 / height))
    if remark:
        fig.text(0.02, 0.12 / height, remark, fontsize=8.5, color="#333333", va="bottom", style="italic")
    return fig


def _wrapped(rows: tuple[Row, ...]) -> list[Row]:
    out = []
    for r in rows:
        claimant = textwrap.shorten(r.claimant, 48, placeholder="…")
        period = textwrap.shorten(r.period, 48, placeholder="…")
        out.append(Row(r.claim_id, claimant, period, r.low, r.high, r.figure, r.label, r.exact, r.open_ended,
                       r.side))
    return out


def png(data: ChartData) -> bytes:
    """The chart as a PNG within Telegram's photo limits."""
    fig = _figure(data)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, metadata={"Software": None})
    out = buf.getvalue()
    if len(out) > PHOTO_MAX_BYTES:  # never for a chart of a few claims; a guard all the same
        raise ValueError(f"chart PNG of {len(out)} bytes exceeds Telegram's photo limit")
    return out


def svg(data: ChartData, prefix: str = "c") -> str:
    """The chart as inline SVG (no XML prologue), its ids prefixed so several fit one page."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    fig = _figure(data)
    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": data.measure_id}):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    text = buf.getvalue()
    text = text[text.index("<svg"):]
    ids = set(re.findall(r'\bid="([^"]+)"', text))
    for ident in sorted(ids, key=len, reverse=True):
        text = text.replace(f'id="{ident}"', f'id="{prefix}-{ident}"')
        text = text.replace(f"#{ident})", f"#{prefix}-{ident})").replace(f'"#{ident}"', f'"#{prefix}-{ident}"')
    title = f"{capitalize(data.title)}: a chart of {len(data.rows)} claims"
    return text.replace("<svg ", f'<svg role="img" aria-label="{_attr(title)}" ', 1)


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
