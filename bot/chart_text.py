"""Disputed figures as a text bar chart: one line per claim (REPL `/chart`, `ask --chart`, Markdown).

The same rows as the picture (bot.chart.chart_data), drawn with block characters:
a bar for one figure, a bracketed span with a dot for a range or an approximate
figure, an arrow for "over". Each side has its own fill, named in a key line.
"""

from __future__ import annotations

import textwrap
from typing import Any

from bot.chart import ChartData, Row, capitalize, chart_data, measures_in

WIDTH = 30  # characters for the largest figure
FILLS = ("█", "▓")  # the two sides
OTHER_FILL = "░"


def _fill(row: Row) -> str:
    return OTHER_FILL if row.side is None else FILLS[row.side]


def _bar(row: Row, top: float) -> str:
    def at(x: float) -> int:
        return max(0, min(WIDTH, round(x / top * WIDTH)))

    fill = _fill(row)
    if row.exact:
        return (fill * max(1, at(row.figure))).ljust(WIDTH + 1)
    lo = min(at(row.low), WIDTH - 2)
    hi = max(at(row.high), lo + 2)
    mid = min(max(at(row.figure), lo + 1), hi - 1)  # the dot sits inside the span's ends
    cells = [" "] * (WIDTH + 1)
    for x in range(lo, hi):
        cells[x] = "─"
    cells[lo] = "├"
    cells[hi] = "▶" if row.open_ended else "┤"
    cells[mid] = fill
    return "".join(cells)


def text_chart(data: ChartData, indent: str = "  ") -> str:
    """The chart as text: a title, one line per claim, the key and the reliability remarks."""
    top = max((r.high for r in data.rows), default=1) or 1
    state = "disputed" if data.disputed else "claims"
    lines = [f"{capitalize(data.title)} ({state}):"]
    label_width = max((len(r.label) for r in data.rows), default=0)
    for row in data.rows:
        lines.append(f"{indent}{_bar(row, top)} {row.label:<{label_width}}  {row.claimant}, {row.period}")
    key = [f"{FILLS[s]} {name}" for s, name in enumerate(data.sides) if any(r.side == s for r in data.rows)]
    if any(r.side is None for r in data.rows):
        key.append(f"{OTHER_FILL} neither side")
    if any(not r.exact for r in data.rows):
        key.append("├─┤ a range or an approximate figure")
    lines.append(f"{indent}key: " + "   ".join(key))
    for remark in data.remarks:
        lines.append(textwrap.fill(f"Reliability: {remark}", 100, initial_indent=indent, subsequent_indent=indent))
    return "\n".join(lines)


def answer_charts(kb: Any, answer: Any) -> str:
    """Text charts of the disputed figures an answer shows; "" when it shows none."""
    return "\n\n".join(text_chart(chart_data(kb, m)) for m in measures_in(kb, answer))
