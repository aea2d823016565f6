"""Charts of disputed figures (bot/chart.py, bot/chart_text.py): any pack, Telegram's photo limits, one mark a claim.

``DARZAB_UPDATE_DOCS=1`` also writes docs/chart-example.png.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from bot.chart import PHOTO_MAX_BYTES, chart_data, disputed_charts, measures_in, png, svg
from bot.chart_text import FILLS, OTHER_FILL, answer_charts, text_chart
from intents.context import Context

ROOT = Path(__file__).resolve().parent.parent
VELMORA = ROOT / "tests" / "packs" / "velmora"


@pytest.fixture(scope="module")
def velmora():
    from intents.engine import Engine

    return Engine.load(VELMORA)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("pack", ["darzab", "velmora"])
def test_every_disputed_measure_charts_as_a_png_within_telegram_limits(engine, velmora, pack):
    kb = (engine if pack == "darzab" else velmora).kb
    charts = disputed_charts(kb)
    assert charts
    for data in charts:
        assert len(data.rows) == len(kb.claims_of(data.measure_id))
        image = png(data)
        width, height = png_size(image)
        assert len(image) <= PHOTO_MAX_BYTES and width + height <= 10_000
        assert max(width, height) <= 20 * min(width, height)
        assert len(data.caption()) <= 1024


@pytest.mark.parametrize("pack", ["darzab", "velmora"])
def test_one_bar_or_point_per_claim_coloured_by_side(engine, velmora, pack):
    from bot.chart import OTHER_COLOUR, SIDE_COLOURS, _figure

    kb = (engine if pack == "darzab" else velmora).kb
    for data in disputed_charts(kb):
        fig = _figure(data)
        marks = fig.findobj(lambda a: str(a.get_gid() or "").startswith("claim-"))
        assert sorted(m.get_gid() for m in marks) == sorted(f"claim-{r.claim_id}" for r in data.rows)
        for row, mark in zip(data.rows, sorted(marks, key=lambda m: [r.claim_id for r in data.rows].index(
                m.get_gid()[6:])), strict=True):
            colour = mark.get_facecolor() if hasattr(mark, "get_facecolor") else mark.get_color()
            expected = OTHER_COLOUR if row.side is None else SIDE_COLOURS[row.side]
            from matplotlib.colors import to_hex

            assert to_hex(colour) == expected
        texts = " ".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))
        for row in data.rows:  # labelled with claimant and period
            assert row.claimant[:20] in texts and row.period[:20] in texts
        for remark in data.remarks:
            assert remark.split()[0] in texts


def test_open_and_approximate_claims_are_points_with_a_range(velmora):
    data = chart_data(velmora.kb, "front-killed")
    over = next(r for r in data.rows if r.label.startswith("over"))
    span = next(r for r in data.rows if " to " in r.label)
    assert not over.exact and over.open_ended and over.high > over.figure == over.low
    assert not span.exact and span.low < span.figure < span.high


def test_svg_is_inline_ready_with_prefixed_ids(engine):
    text = svg(chart_data(engine.kb, "iskp-killed"), prefix="x1")
    assert text.startswith("<svg") and "<?xml" not in text and 'role="img"' in text
    assert text.count('id="x1-claim-') == len(engine.kb.claims_of("iskp-killed"))


def test_text_chart_has_one_line_per_claim(engine, velmora):
    for kb in (engine.kb, velmora.kb):
        for data in disputed_charts(kb):
            lines = text_chart(data).splitlines()
            bars = [ln for ln in lines if any(ch in ln for ch in (*FILLS, OTHER_FILL)) and "key:" not in ln]
            assert len(bars) == len(data.rows)
            for row, line in zip(data.rows, bars, strict=True):
                assert row.claimant in line and row.period in line and row.label in line


def test_the_charted_measures_are_those_the_answer_shows(engine):
    answer = engine.answer("how many IS-KP fighters were killed?", Context())
    assert measures_in(engine.kb, answer) == ["iskp-killed"]
    assert measures_in(engine.kb, engine.answer("who won the battle?", Context())) == []
    assert answer_charts(engine.kb, engine.answer("who won the battle?", Context())) == ""


def run(args, stdin=""):
    return subprocess.run([sys.executable, *args], input=stdin, capture_output=True, text=True, timeout=120,
                          cwd=ROOT)


def test_ask_chart_prints_the_text_chart():
    out = run(["-m", "bot", "ask", "--chart", "how many IS-KP fighters were killed?"])
    assert out.returncode == 0
    chart = out.stdout.split("IS-KP fighters killed (disputed):", 1)[1]
    bars = [line for line in chart.splitlines() if "key:" not in line and any(c in line for c in "█▓░")]
    assert len(bars) == 3


def test_repl_chart_command_shows_the_last_answers_figures():
    out = run(["-m", "bot"], stdin="/chart\nhow many Taliban were killed?\n/chart\n/quit\n")
    assert out.returncode == 0
    assert "No disputed figures to chart" in out.stdout
    assert "Taliban fighters killed (disputed):" in out.stdout


def test_ask_and_the_repl_never_load_matplotlib():
    probe = ("import sys, io, contextlib\nfrom bot.cli import main\n"
             "with contextlib.redirect_stdout(io.StringIO()): main(['ask', 'how many IS-KP fighters were killed?'])\n"
             "import bot.repl\nprint('matplotlib' in sys.modules)")
    out = run(["-c", probe])
    assert out.returncode == 0 and out.stdout.strip() == "False", out.stderr


def test_long_source_lists_fold_into_an_expandable_blockquote(engine):
    from bot.render import render_html

    long = render_html(engine.answer("how many IS-KP fighters were killed?", Context()))
    assert "<b>Sources</b>\n<blockquote expandable>[1]" in long and long.endswith("</blockquote>")
    short = engine.answer("when did the battle take place?", Context())
    if len(short.citations) <= 2:
        assert "<blockquote" not in render_html(short)


def test_chart_example_for_the_docs(engine):
    image = png(chart_data(engine.kb, "iskp-killed"))
    assert png_size(image)[0] > 0
    if os.environ.get("DARZAB_UPDATE_DOCS") == "1":
        (ROOT / "docs" / "chart-example.png").write_bytes(image)
