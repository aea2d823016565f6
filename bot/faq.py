"""`python -m bot faq`: the intents' canonical questions, answered by the bot itself."""

from __future__ import annotations

import argparse
import html
import sys

from bot.conversation import Conversations
from bot.render import citation_line, plain_paragraphs, render_html
from intents.answer import Answer
from intents.engine import Engine


def faq_answers(engine: Engine) -> list[tuple[str, str, Answer]]:
    """(section, question, answer) for every FAQ question; each asked afresh."""
    out = []
    seen: set[tuple] = set()
    for n, entry in enumerate(engine.faq()):
        answer = Conversations(engine).ask(n, entry.question)
        if answer.answered and answer.parts not in seen:  # two phrasings, one answer: keep one
            seen.add(answer.parts)
            out.append((entry.topic, entry.question, answer))
    return out


def render_markdown(engine: Engine) -> str:
    c = engine.kb.pack.conflict
    pub = engine.kb.pack.publication
    lines = [f"# {c.name}: frequently asked questions", ""]
    lines.append(f"Answered by darzab-bot from the {pub.publisher} article \"{pub.title}\" ({pub.licence}).")
    section = None
    for topic, question, answer in faq_answers(engine):
        if topic != section:
            lines += ["", f"## {topic}"]
            section = topic
        lines += ["", f"### {question}", ""]
        lines += ["\n\n".join(plain_paragraphs(answer))]
        if answer.citations:
            lines += ["", "Sources:", ""]
            lines += [f"- {citation_line(c)}" for c in answer.citations]
    return "\n".join(lines) + "\n"


def render_faq_html(engine: Engine) -> str:
    c = engine.kb.pack.conflict
    pub = engine.kb.pack.publication
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html.escape(c.name)}: FAQ</title></head><body>",
        f"<h1>{html.escape(c.name)}: frequently asked questions</h1>",
        f"<p>Answered by darzab-bot from the {html.escape(pub.publisher)} article "
        f"“{html.escape(pub.title)}” ({html.escape(pub.licence)}).</p>",
    ]
    section = None
    for topic, question, answer in faq_answers(engine):
        if topic != section:
            parts.append(f"<h2>{html.escape(topic)}</h2>")
            section = topic
        body = render_html(answer).replace("\n", "<br>\n")
        parts.append(f"<h3>{html.escape(question)}</h3>\n<p>{body}</p>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def run_faq(args: argparse.Namespace) -> int:
    from bot.loading import load_engine

    engine = load_engine(args.pack)
    if engine is None:
        return 1
    text = render_faq_html(engine) if args.format == "html" else render_markdown(engine)
    sys.stdout.write(text)
    return 0
