"""Render one answer object three ways: plain text, Telegram HTML and JSON."""

from __future__ import annotations

from typing import Any

from intents.answer import DISPUTED, ITEM, LEAD, NOTE, Answer

TELEGRAM_LIMIT = 4096
SOURCES_SHOWN = 2  # citations shown in full under a Telegram answer; more fold into an expandable quote
SOURCES_CHARS = 300  # ... or when their quotes are longer than this together


def _marks(cites: tuple[int, ...]) -> str:
    return "".join(f" [{n}]" for n in cites)


def plain_paragraphs(answer: Answer) -> list[str]:
    """The answer's text as the paragraphs a user reads, without sources."""
    out: list[str] = []
    items: list[str] = []
    for part in answer.parts:
        line = part.text + _marks(part.cites)
        if part.kind == ITEM:
            items.append(f"  - {line}")
            continue
        if items:
            out.append("\n".join(items))
            items = []
        out.append(line)
    if items:
        out.append("\n".join(items))
    return out


def render_plain(answer: Answer, with_sources: bool = True, with_suggestions: bool = True) -> str:
    """Plain text: lead, details, numbered sources, suggestions."""
    blocks = plain_paragraphs(answer)
    if with_sources and answer.citations:
        blocks.append("Sources:\n" + "\n".join(citation_line(c) for c in answer.citations))
    if with_suggestions and answer.suggestions:
        blocks.append("You could ask: " + " | ".join(answer.suggestions))
    return "\n\n".join(blocks)


def citation_line(c: Any) -> str:
    return f"[{c.n}] {c.source}, section \"{c.section}\": \"{c.quote}\""


def render_html(answer: Answer, with_sources: bool = True) -> str:
    """Telegram HTML: bold lead, a marked disputed line, citations as footnotes.

    Every piece of text is escaped; only <b>, <i> and <blockquote> are used. A long source list
    is an expandable blockquote (Telegram shows its first lines and a tap opens the rest).
    """
    import html  # here: it loads html.entities, which a plain-text `ask` does not need

    blocks: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if items:
            blocks.append("\n".join(items))
            items.clear()

    for part in answer.parts:
        text = html.escape(part.text) + html.escape(_marks(part.cites))
        if part.kind == ITEM:
            items.append(f"• {text}")
            continue
        flush()
        if part.kind == LEAD:
            blocks.append(f"<b>{text}</b>")
        elif part.kind == DISPUTED:
            blocks.append(f"⚠️ <b>{text}</b>")
        elif part.kind == NOTE:
            blocks.append(f"<i>{text}</i>")
        else:
            blocks.append(text)
    flush()
    if with_sources and answer.citations:
        lines = [
            f"[{c.n}] {html.escape(c.source)}, <i>{html.escape(c.section)}</i>: “{html.escape(c.quote)}”"
            for c in answer.citations
        ]
        listing = "\n".join(lines)
        if long_sources(answer) and len(listing) < TELEGRAM_LIMIT - 100:  # one block: never split inside the tag
            listing = f"<blockquote expandable>{listing}</blockquote>"
        blocks.append("<b>Sources</b>\n" + listing)
    return "\n\n".join(blocks)


def long_sources(answer: Answer) -> bool:
    """Whether the source list would crowd a phone screen: it then folds into an expandable quote."""
    return len(answer.citations) > SOURCES_SHOWN or sum(len(c.quote) for c in answer.citations) > SOURCES_CHARS


def split_message(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split text on paragraph boundaries (then lines) into chunks under ``limit``.

    Splitting happens on the blank lines between blocks, so HTML tags, which
    never span a block, stay balanced in every chunk.
    """
    chunks: list[str] = []
    current = ""
    for block in text.split("\n\n"):
        pieces = [block] if len(block) <= limit else _hard_split(block, limit)
        for piece in pieces:
            candidate = f"{current}\n\n{piece}" if current else piece
            if len(candidate) <= limit:
                current = candidate
            else:
                if current:
                    chunks.append(current)
                current = piece
    if current:
        chunks.append(current)
    return chunks or [""]


def _hard_split(block: str, limit: int) -> list[str]:
    out: list[str] = []
    current = ""
    for line in block.split("\n"):
        while len(line) > limit:  # a single enormous line: cut it
            out.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= limit:
            current = candidate
        else:
            out.append(current)
            current = line
    if current:
        out.append(current)
    return out


def answer_json(answer: Answer) -> dict[str, Any]:
    """The batch contract: the fields DEVELOPERS.md promises, nothing channel-specific."""
    return {
        "question": answer.question,
        "answered": answer.answered,
        "intent": answer.intent,
        "confidence": round(answer.confidence, 3),
        "answer": render_plain(answer, with_sources=False, with_suggestions=False),
        "citations": [
            {"n": c.n, "source": c.source, "section": c.section, "quote": c.quote}
            for c in answer.citations
        ],
        "disputed": answer.disputed,
        "suggestions": list(answer.suggestions),
    }
