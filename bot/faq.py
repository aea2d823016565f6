"""`python -m bot faq`: the FAQ page a site would publish, answered by the bot itself.

The questions come from ``engine.faq()`` (by topic); each is asked afresh. Both
formats have a table of contents by topic, an anchor per question, citations
that link to one references list for the whole page, a table of every disputed
figure and the licence and attribution of the article the pack was built from.

- HTML (``--format html``): one self-contained page with a small stylesheet (phone
  and print), schema.org ``FAQPage`` structured data (JSON-LD) and, next to each
  disputed figure, its chart as inline SVG.
- Markdown (the default): headings a code host turns into anchors, footnotes for
  the citations, the disputed figures as a table and each chart as a text chart.

Nothing here names a conflict: titles, sides, claims and the licence come from the pack.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from bot import PRODUCT
from intents.answer import DISPUTED, ITEM, LEAD, NOTE, Answer, Citation

GENERATOR = PRODUCT


@dataclass
class Entry:
    topic: str
    question: str
    answer: Answer
    anchor: str = ""
    refs: tuple[int, ...] = ()  # the page-wide reference number of each of the answer's citations
    measures: list[str] = field(default_factory=list)  # disputed measures it shows


@dataclass(frozen=True)
class Reference:
    n: int
    source: str
    section: str
    quote: str


class Page:
    """Everything both formats show: entries by topic, references, disputed figures."""

    def __init__(self, engine: Any):
        from bot.chart import measures_in

        self.kb = engine.kb
        self.entries = faq_entries(engine)
        self.references: list[Reference] = []
        self._ref_index: dict[tuple[str, str, str], int] = {}
        self.cited_by: dict[int, list[Entry]] = {}
        for entry in self.entries:
            entry.refs = tuple(self.reference(c) for c in entry.answer.citations)
            for n in dict.fromkeys(entry.refs):
                self.cited_by.setdefault(n, []).append(entry)
            entry.measures = measures_in(self.kb, entry.answer)
        self.disputes = [d for d in self.kb.disputed_measures()]
        # every claim in the table links to the references too
        self.claim_refs = {
            c.id: self.reference(Citation(0, _source_name(self.kb, c.claimant), c.evidence.section, c.evidence.quote))
            for d in self.disputes for c in d.claims
        }

    def reference(self, c: Citation) -> int:
        key = (c.source, c.section, c.quote)
        if key not in self._ref_index:
            self._ref_index[key] = len(self.references) + 1
            self.references.append(Reference(len(self.references) + 1, *key))
        return self._ref_index[key]

    def topics(self) -> list[tuple[str, list[Entry]]]:
        out: dict[str, list[Entry]] = {}
        for e in self.entries:
            out.setdefault(e.topic, []).append(e)
        return list(out.items())


def _source_name(kb: Any, source_id: str) -> str:
    source = kb.source(source_id)
    name = source.name if source else source_id
    return name[:1].upper() + name[1:]


def faq_entries(engine: Any) -> list[Entry]:
    """Every FAQ question answered, each asked afresh; two phrasings with one answer keep the first."""
    from bot.conversation import Conversations

    out = []
    seen: set[tuple] = set()
    for n, item in enumerate(engine.faq()):
        answer = Conversations(engine).ask(n, item.question)
        if answer.answered and answer.parts not in seen:
            seen.add(answer.parts)
            out.append(Entry(item.topic, item.question, answer))
    return out


def faq_answers(engine: Any) -> list[tuple[str, str, Answer]]:
    """(section, question, answer) for every FAQ question (kept for callers of the old API)."""
    return [(e.topic, e.question, e.answer) for e in faq_entries(engine)]


# -- anchors -----------------------------------------------------------------------------------
def slug(text: str) -> str:
    """A heading's anchor as code hosts make it: lower case, punctuation dropped, spaces to hyphens."""
    text = unicodedata.normalize("NFKC", text).strip().lower()
    text = "".join(ch for ch in text if ch.isalnum() or ch in " -_")
    return text.replace(" ", "-")


class Slugs:
    """Unique anchors in page order ("a", "a-1", "a-2"), as GitHub numbers repeated headings."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, text: str) -> str:
        base = slug(text) or "section"
        n = self.seen.get(base, 0)
        self.seen[base] = n + 1
        return base if n == 0 else f"{base}-{n}"


def licence_url(licence: str) -> str:
    from bot.telegram.texts import licence_url as url  # plain strings; no Telegram library behind it

    return url(licence)


# -- HTML --------------------------------------------------------------------------------------
STYLE = """
:root { --ink: #1d1d1f; --muted: #5f6368; --rule: #d9dce0; --accent: #1f6fb4; --warn: #b3261e; --bg: #fff;
  --soft: #f5f7fa; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 46rem; padding: 1rem 1.1rem 3rem; font: 1.0625rem/1.55 system-ui,
  -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--bg); }
h1 { font-size: 1.75rem; line-height: 1.2; margin: 1.2rem 0 .4rem; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 .6rem; padding-bottom: .25rem; border-bottom: 2px solid var(--rule); }
h3 { font-size: 1.08rem; margin: 1.6rem 0 .4rem; }
a { color: var(--accent); }
a.anchor { color: var(--muted); text-decoration: none; margin-left: .35rem; font-weight: normal; }
.lede, .meta { color: var(--muted); }
nav.toc { background: var(--soft); border: 1px solid var(--rule); border-radius: .5rem; padding: .6rem 1rem; }
nav.toc h2 { border: 0; margin: .2rem 0 .3rem; font-size: 1.1rem; }
nav.toc ol { margin: .2rem 0; padding-left: 1.3rem; }
nav.toc li { margin: .15rem 0; }
article.qa { border-left: 3px solid var(--rule); padding-left: .9rem; margin: 1.2rem 0; }
article.qa:target { border-left-color: var(--accent); background: var(--soft); }
p { margin: .45rem 0; }
p.lead { font-weight: 600; }
p.disputed { color: var(--warn); font-weight: 600; }
p.note { color: var(--muted); font-style: italic; }
ul.claims { margin: .3rem 0 .5rem; padding-left: 1.3rem; }
a.cite { text-decoration: none; font-size: .8em; vertical-align: super; line-height: 0; padding: 0 .05em; }
figure.chart { margin: .8rem 0; overflow-x: auto; }
figure.chart svg { width: 100%; height: auto; max-width: 100%; }
figcaption { color: var(--muted); font-size: .9rem; }
.table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; width: 100%; font-size: .93rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--soft); }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
ol.refs { padding-left: 2rem; font-size: .93rem; }
ol.refs li { margin: .3rem 0; }
ol.refs li:target { background: #fff6d6; }
.back { font-size: .85rem; }
footer { margin-top: 2.5rem; font-size: .92rem; color: var(--muted); }
@media (max-width: 600px) {
  body { font-size: 1rem; padding: .6rem .8rem 2rem; }
  h1 { font-size: 1.45rem; }
  article.qa { padding-left: .6rem; }
  th, td { padding: .3rem .35rem; }
  figure.chart svg { min-width: 36rem; }  /* a readable chart scrolls sideways rather than shrinks */
}
@media print {
  body { max-width: none; font-size: 11pt; color: #000; }
  nav.toc, a.anchor, .back { display: none; }
  a { color: inherit; text-decoration: none; }
  footer a[href^="http"]::after, .lede a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 9pt; }
  article.qa, figure.chart, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  article.qa { border-left: 0; padding-left: 0; }
}
""".strip()


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _cite_links(part_cites: tuple[int, ...], refs: tuple[int, ...]) -> str:
    return "".join(f'<a class="cite" href="#ref-{refs[n - 1]}">[{refs[n - 1]}]</a>' for n in part_cites)


def answer_html(entry: Entry) -> str:
    """An answer's parts as HTML, citations linked to the page's references."""
    out: list[str] = []
    items: list[str] = []
    for part in entry.answer.parts:
        body = _e(part.text) + _cite_links(part.cites, entry.refs)
        if part.kind == ITEM:
            items.append(f"<li>{body}</li>")
            continue
        if items:
            out.append('<ul class="claims">' + "".join(items) + "</ul>")
            items = []
        cls = {LEAD: "lead", DISPUTED: "disputed", NOTE: "note"}.get(part.kind, "")
        prefix = "⚠️ " if part.kind == DISPUTED else ""
        out.append(f'<p class="{cls}">{prefix}{body}</p>' if cls else f"<p>{body}</p>")
    if items:
        out.append('<ul class="claims">' + "".join(items) + "</ul>")
    return "\n".join(out)


def plain_answer(answer: Answer) -> str:
    """The answer as plain sentences (for structured data): no citation marks, no list bullets."""
    return " ".join(p.text if p.text.endswith((".", "?", "!", ":")) else p.text + "." for p in answer.parts)


def json_ld(page: Page, url: str = "") -> str:
    pub = page.kb.pack.publication
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "name": f"{page.kb.pack.conflict.name}: frequently asked questions",
        "inLanguage": "en",
        "mainEntity": [
            {
                "@type": "Question",
                "name": e.question,
                "url": f"{url}#{e.anchor}",
                "acceptedAnswer": {"@type": "Answer", "text": plain_answer(e.answer)},
            }
            for e in page.entries
        ],
    }
    based_on: dict[str, Any] = {"@type": "CreativeWork", "name": pub.title}
    if pub.url:
        based_on["url"] = pub.url
    if pub.publisher:
        based_on["publisher"] = {"@type": "Organization", "name": pub.publisher}
    data["isBasedOn"] = based_on
    if licence_url(pub.licence):
        data["license"] = licence_url(pub.licence)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("</", "<\\/")  # never closes the script element early


def _article_html(pub: Any) -> str:
    title = _e(pub.title)
    return f'<a href="{_e(pub.url)}">{title}</a>' if pub.url else f"“{title}”"


def _licence_html(pub: Any) -> str:
    url = licence_url(pub.licence)
    return f'<a href="{_e(url)}" rel="license">{_e(pub.licence)}</a>' if url else _e(pub.licence or "see the article")


def render_faq_html(engine: Any) -> str:
    """The FAQ as one self-contained HTML page."""
    from bot.chart import chart_data, svg

    page = Page(engine)
    kb = page.kb
    c = kb.pack.conflict
    pub = kb.pack.publication
    slugs = Slugs()
    for fixed in ("contents", "disputed-figures", "references", "licence"):
        slugs(fixed)
    topic_ids = {topic: "topic-" + slugs(topic) for topic, _ in page.topics()}
    for e in page.entries:
        e.anchor = "q-" + slugs(e.question)
    title = f"{c.name}: frequently asked questions"
    parts = [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f'<meta name="description" content="{_e(c.summary)}">',
        f'<meta name="generator" content="{GENERATOR}">',
        f"<style>\n{STYLE}\n</style>",
        f'<script type="application/ld+json">\n{json_ld(page)}\n</script>',
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="lede">{_e(c.summary)}</p>',
        f'<p class="meta">Answered by {GENERATOR} from the {_e(pub.publisher)} article {_article_html(pub)} '
        f"({_licence_html(pub)}). Every statement links to its source; figures the sources dispute are marked "
        "⚠️ and charted claim by claim.</p>",
        "</header>",
        '<nav class="toc" id="contents" aria-labelledby="contents-title">',
        '<h2 id="contents-title">Contents</h2>',
        "<ol>",
    ]
    for topic, entries in page.topics():
        parts.append(f'<li><a href="#{topic_ids[topic]}">{_e(topic)}</a><ol>')
        parts += [f'<li><a href="#{e.anchor}">{_e(e.question)}</a></li>' for e in entries]
        parts.append("</ol></li>")
    parts += [
        '<li><a href="#disputed-figures">Disputed figures</a></li>',
        '<li><a href="#references">References</a></li>',
        '<li><a href="#licence">Licence and attribution</a></li>',
        "</ol>",
        "</nav>",
        "<main>",
    ]
    svgs: dict[str, int] = {}
    for topic, entries in page.topics():
        parts.append(f'<section id="{topic_ids[topic]}">')
        parts.append(f"<h2>{_e(topic)}</h2>")
        for e in entries:
            parts.append(f'<article class="qa" id="{e.anchor}">')
            parts.append(f'<h3>{_e(e.question)}<a class="anchor" href="#{e.anchor}" '
                         f'aria-label="Link to this question">#</a></h3>')
            parts.append(answer_html(e))
            for m in e.measures:
                data = chart_data(kb, m)
                svgs[m] = svgs.get(m, 0) + 1
                prefix = f"{m}-{svgs[m]}"
                parts.append(
                    f'<figure class="chart" id="chart-{_e(prefix)}">{svg(data, prefix=prefix)}'
                    f"<figcaption>{_e(data.caption())} "
                    f'<a href="#fig-{_e(m)}">All claims in the table</a>.</figcaption></figure>'
                )
            parts.append('<p class="back"><a href="#contents">Back to contents</a></p>')
            parts.append("</article>")
        parts.append("</section>")
    parts += _disputed_table_html(page)
    parts.append('<section id="references">')
    parts.append("<h2>References</h2>")
    parts.append('<ol class="refs">')
    for ref in page.references:
        back = " ".join(f'<a href="#{e.anchor}" title="{_e(e.question)}">↩ {i}</a>'
                        for i, e in enumerate(page.cited_by.get(ref.n, []), 1))
        parts.append(
            f'<li id="ref-{ref.n}"><strong>{_e(ref.source)}</strong>, section “{_e(ref.section)}”: '
            f"“{_e(ref.quote)}” {back}</li>"
        )
    parts += ["</ol>", "</section>", "</main>"]
    parts += [
        '<footer id="licence">',
        "<h2>Licence and attribution</h2>",
        f"<p>The facts, figures and quotes on this page come from the {_e(pub.publisher)} article "
        f"{_article_html(pub)}, licensed under {_licence_html(pub)}; quotes are short verbatim excerpts kept as "
        f"evidence, the rest is reworded. This page may be shared under the same licence, with this "
        f"attribution. Answers were written by {GENERATOR} from its knowledge pack; figures the sources "
        "dispute are shown claim by claim with who made each claim, never as one number.</p>",
        "</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _disputed_table_html(page: Page) -> list[str]:
    from bot.chart import side_of

    kb = page.kb
    sides = [s.name for s in kb.pack.conflict.sides[:2]]
    out = [
        '<section id="disputed-figures">',
        "<h2>Disputed figures</h2>",
        "<p>Every figure the sources dispute, claim by claim: who claims it, for which period, and "
        "the reliability remarks on those claimants.</p>",
        '<div class="table-wrap"><table>',
        "<caption class=\"meta\">Disputed figures, by measure</caption>",
        '<thead><tr><th scope="col">Measure</th><th scope="col">Figure</th><th scope="col">Claimant</th>'
        '<th scope="col">Speaks for</th><th scope="col">Period</th><th scope="col">Source</th></tr></thead>',
        "<tbody>",
    ]
    for d in page.disputes:
        for i, claim in enumerate(d.claims):
            side = side_of(kb, claim.claimant)
            head = ""
            if i == 0:
                head = (f'<th scope="rowgroup" rowspan="{len(d.claims)}" id="fig-{_e(d.measure.id)}">'
                        f"{_e(d.measure.name[:1].upper() + d.measure.name[1:])}</th>")
            ref = page.claim_refs[claim.id]
            out.append(
                f"<tr>{head}<td class=\"num\">{_e(claim.value.text())}</td>"
                f"<td>{_e(_source_name(kb, claim.claimant))}</td>"
                f"<td>{_e(sides[side]) if side is not None else '—'}</td><td>{_e(claim.period)}</td>"
                f'<td><a class="cite" href="#ref-{ref}">[{ref}]</a></td></tr>'
            )
    out += ["</tbody>", "</table></div>"]
    remarks = list(dict.fromkeys(r for d in page.disputes for r in d.remarks))
    for r in remarks:
        ref = page.reference(Citation(0, _source_name(kb, r.evidence.claimant), r.evidence.section, r.evidence.quote))
        out.append(f'<p class="note">Reliability: {_e(r.text)}<a class="cite" href="#ref-{ref}">[{ref}]</a></p>')
    out.append("</section>")
    return out


# -- Markdown ----------------------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def render_markdown(engine: Any) -> str:
    """The FAQ as Markdown for a code host: anchored headings, footnote citations, tables, text charts."""
    from bot.chart import chart_data, side_of
    from bot.chart_text import text_chart

    page = Page(engine)
    kb = page.kb
    c = kb.pack.conflict
    pub = kb.pack.publication
    slugs = Slugs()
    title = f"{c.name}: frequently asked questions"
    slugs(title)
    slugs("Contents")
    topic_slugs = {}
    for topic, entries in page.topics():
        topic_slugs[topic] = slugs(topic)
        for e in entries:
            e.anchor = slugs(e.question)
    tail = {name: slugs(name) for name in ("Disputed figures", "Licence and attribution", "References")}
    article = f"[{_md(pub.title)}]({pub.url})" if pub.url else f"“{_md(pub.title)}”"
    url = licence_url(pub.licence)
    licence = f"[{_md(pub.licence)}]({url})" if url else _md(pub.licence)
    lines = [
        f"# {_md(title)}",
        "",
        _md(c.summary),
        "",
        f"Answered by {GENERATOR} from the {_md(pub.publisher)} article {article} ({licence}). Every statement "
        "cites its source (the footnotes); figures the sources dispute are marked ⚠️ and charted claim by claim.",
        "",
        "## Contents",
        "",
    ]
    for topic, entries in page.topics():
        lines.append(f"- [{_md(topic)}](#{topic_slugs[topic]})")
        lines += [f"  - [{_md(e.question)}](#{e.anchor})" for e in entries]
    lines += [f"- [{name}](#{anchor})" for name, anchor in tail.items()]

    def marks(cites: tuple[int, ...], refs: tuple[int, ...]) -> str:
        return "".join(f"[^{refs[n - 1]}]" for n in cites)

    for topic, entries in page.topics():
        lines += ["", f"## {_md(topic)}"]
        for e in entries:
            lines += ["", f"### {_md(e.question)}", ""]
            in_list = False
            for part in e.answer.parts:
                body = _md(part.text) + marks(part.cites, e.refs)
                if part.kind == ITEM:
                    lines.append(f"- {body}")
                    in_list = True
                    continue
                if in_list:
                    lines.append("")
                    in_list = False
                if part.kind == LEAD:
                    lines += [f"**{body}**", ""]
                elif part.kind == DISPUTED:
                    lines += [f"⚠️ **{body}**", ""]
                elif part.kind == NOTE:
                    lines += [f"*{body}*", ""]
                else:
                    lines += [body, ""]
            if in_list:
                lines.append("")
            for m in e.measures:
                lines += ["```text", text_chart(chart_data(kb, m)), "```", ""]
            while lines and lines[-1] == "":
                lines.pop()
    lines += ["", "## Disputed figures", "",
              "Every figure the sources dispute, claim by claim.", "",
              "| Measure | Figure | Claimant | Speaks for | Period | Source |",
              "|---|---:|---|---|---|---|"]
    sides = [s.name for s in c.sides[:2]]
    for d in page.disputes:
        for i, claim in enumerate(d.claims):
            side = side_of(kb, claim.claimant)
            name = d.measure.name[:1].upper() + d.measure.name[1:]
            lines.append(
                f"| {_md(name) if i == 0 else '〃'} | {_md(claim.value.text())} | "
                f"{_md(_source_name(kb, claim.claimant))} | {_md(sides[side]) if side is not None else '—'} | "
                f"{_md(claim.period)} | [^{page.claim_refs[claim.id]}] |"
            )
    for r in dict.fromkeys(r for d in page.disputes for r in d.remarks):
        ref = page.reference(Citation(0, _source_name(kb, r.evidence.claimant), r.evidence.section, r.evidence.quote))
        lines += ["", f"*Reliability: {_md(r.text)}*[^{ref}]"]
    lines += [
        "", "## Licence and attribution", "",
        f"The facts, figures and quotes here come from the {_md(pub.publisher)} article {article}, licensed under "
        f"{licence}; quotes are short verbatim excerpts kept as evidence, the rest is reworded. This page may be "
        f"shared under the same licence, with this attribution. Answers were written by {GENERATOR} from its "
        "knowledge pack.",
        "", "## References", "",
        "Each numbered note is one source passage; the numbers in the answers link here.", "",
    ]
    for ref in page.references:
        lines.append(f"[^{ref.n}]: {_md(ref.source)}, section “{_md(ref.section)}”: “{_md(ref.quote)}”")
    return "\n".join(lines) + "\n"


def run_faq(args: argparse.Namespace) -> int:
    from bot.loading import load_engine

    engine = load_engine(args.pack)
    if engine is None:
        return 1
    text = render_faq_html(engine) if args.format == "html" else render_markdown(engine)
    sys.stdout.write(text)
    return 0
