"""The FAQ page as a newcomer sees it: loaded in headless Chromium, and its Markdown as a code host reads it.

The browser tests need Debian's ``chromium`` (``.ci/run`` installs it when it is missing);
without it they are skipped locally and fail under CI. ``DARZAB_UPDATE_DOCS=1`` also
writes the screenshots kept in docs/.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest

from bot.faq import faq_entries, render_faq_html, render_markdown, slug

sys.path.insert(0, str(Path(__file__).parent))
from browser import Browser, chromium_path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
VELMORA = ROOT / "tests" / "packs" / "velmora"
UPDATE_DOCS = os.environ.get("DARZAB_UPDATE_DOCS") == "1"


def need_chromium() -> None:
    if chromium_path() is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run should have installed it")
        pytest.skip("chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def velmora_engine():
    from intents.engine import Engine

    return Engine.load(VELMORA)


@pytest.fixture(scope="module")
def pages(engine, velmora_engine, tmp_path_factory):
    out = {}
    folder = tmp_path_factory.mktemp("faq")
    for name, eng in (("darzab", engine), ("velmora", velmora_engine)):
        path = folder / f"{name}.html"
        path.write_text(render_faq_html(eng), encoding="utf-8")
        out[name] = (path, eng)
    return out


@pytest.fixture(scope="module")
def browser():
    need_chromium()
    with Browser() as b:
        yield b


CHECKS = r"""
(() => {
  const ids = new Set([...document.querySelectorAll('[id]')].map(e => e.id));
  const local = [...document.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute('href').slice(1));
  const broken = local.filter(h => !document.getElementById(decodeURIComponent(h)));
  const cites = [...document.querySelectorAll('a.cite')];
  const citeTargets = cites.map(a => document.getElementById(a.getAttribute('href').slice(1)));
  const badCites = cites.filter((a, i) => !citeTargets[i] || !citeTargets[i].closest('#references ol.refs'));
  const external = [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))
    .filter(h => !h.startsWith('#'));
  const scripts = [...document.querySelectorAll('script')];
  const ld = scripts.filter(s => s.type === 'application/ld+json').map(s => s.textContent);
  const questions = [...document.querySelectorAll('article.qa h3')].map(h => h.firstChild.textContent.trim());
  const dupIds = [...document.querySelectorAll('[id]')].map(e => e.id).filter((x, i, a) => a.indexOf(x) !== i);
  return {
    ids: ids.size, local: local.length, broken, badCites: badCites.map(a => a.getAttribute('href')),
    cites: cites.length, external, scripts: scripts.length, ld, questions, dupIds,
    refs: document.querySelectorAll('#references ol.refs > li').length,
    tocQuestions: document.querySelectorAll('nav.toc ol ol a').length,
    tableRows: document.querySelectorAll('#disputed-figures tbody tr').length,
    charts: [...document.querySelectorAll('figure.chart svg')].map(s => [s.closest('figure').id.slice(6),
      s.querySelectorAll('[id^="' + s.closest('figure').id.slice(6) + '-claim-"]').length]),
    overflow: document.documentElement.scrollWidth - window.innerWidth,
  };
})()
"""


@pytest.mark.parametrize("name", ["darzab", "velmora"])
def test_the_page_loads_without_errors_and_every_link_resolves(browser, pages, name):
    path, eng = pages[name]
    browser.open(1000, 900)
    browser.load(path.as_uri())
    assert browser.errors() == []
    got = browser.evaluate(CHECKS)
    assert got["broken"] == [] and got["local"] > 10
    assert got["dupIds"] == []
    assert got["cites"] > 0 and got["badCites"] == []
    assert got["refs"] > 0
    assert all(h.startswith(("https://", "http://")) for h in got["external"]), got["external"]
    # the one script is structured data, nothing runs
    assert got["scripts"] == 1 and len(got["ld"]) == 1
    data = json.loads(got["ld"][0])
    assert data["@context"] == "https://schema.org" and data["@type"] == "FAQPage"
    listed = [q["name"] for q in data["mainEntity"]]
    assert listed == got["questions"] and len(listed) == got["tocQuestions"] > 0
    assert all(q["@type"] == "Question" and q["acceptedAnswer"]["text"].strip() for q in data["mainEntity"])
    # every disputed figure is in the table, and each chart draws one mark per claim
    claims = sum(len(d.claims) for d in eng.kb.disputed_measures())
    assert got["tableRows"] == claims
    assert got["charts"], "no disputed figure charted"
    for prefix, marks in got["charts"]:
        measure = prefix.rsplit("-", 1)[0]
        assert marks == len(eng.kb.dispute(measure).claims), prefix
    if name == "darzab" and UPDATE_DOCS:
        browser.evaluate("document.getElementById('q-how-many-is-kp-fighters-were-killed').scrollIntoView()")
        browser.screenshot(str(DOCS / "faq-page.png"))


def test_the_page_reads_on_a_phone_and_prints_without_navigation(browser, pages):
    path, _ = pages["darzab"]
    browser.open(390, 844, mobile=True)
    browser.load(path.as_uri())
    assert browser.errors() == []
    overflow = browser.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page is {overflow}px wider than a phone"
    if UPDATE_DOCS:
        browser.evaluate("document.getElementById('q-how-many-is-kp-fighters-were-killed').scrollIntoView()")
        browser.screenshot(str(DOCS / "faq-page-phone.png"))
    browser.send("Emulation.setEmulatedMedia", {"media": "print"})
    hidden = browser.evaluate("getComputedStyle(document.querySelector('nav.toc')).display")
    assert hidden == "none"
    browser.send("Emulation.setEmulatedMedia", {"media": ""})


# -- Markdown ---------------------------------------------------------------------------------------
def github_anchors(markdown: str) -> set[str]:
    seen: dict[str, int] = {}
    out = set()
    in_code = False
    for line in markdown.splitlines():
        if line.startswith("```"):
            in_code = not in_code
        if in_code or not line.startswith("#"):
            continue
        text = re.sub(r"\\(.)", r"\1", line.lstrip("#").strip())
        base = slug(text)
        n = seen.get(base, 0)
        seen[base] = n + 1
        out.add(base if n == 0 else f"{base}-{n}")
    return out


@pytest.mark.parametrize("pack", ["darzab", "velmora"])
def test_markdown_renders_on_a_code_host(engine, velmora_engine, pack):
    eng = engine if pack == "darzab" else velmora_engine
    md = render_markdown(eng)
    anchors = github_anchors(md)
    links = re.findall(r"\]\(#([^)]+)\)", md)
    assert links and set(links) <= anchors, set(links) - anchors
    used = set(re.findall(r"\[\^(\d+)\](?!:)", md))
    defined = set(re.findall(r"^\[\^(\d+)\]:", md, flags=re.M))
    assert used and used == defined
    for table in re.findall(r"((?:^\|.*\|\n)+)", md, flags=re.M):
        widths = {row.count(" | ") for row in table.splitlines() if not row.startswith("|---")}
        assert len(widths) == 1, table
    assert md.count("```") % 2 == 0
    entries = faq_entries(eng)
    assert entries and all(f"### {e.question}" in md.replace("\\", "") for e in entries)
    for heading in ("## Contents", "## Disputed figures", "## References", "## Licence and attribution"):
        assert heading in md
    assert eng.kb.pack.publication.licence in md
