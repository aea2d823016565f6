"""What the bot says that is not an answer: greetings, help, about, hints.

Everything here is Telegram HTML; anything that comes from outside is escaped.
Nothing here names a conflict: what the texts say about the conflict and the
article (its name, place, dates, sides, title, URL and licence) comes from the
loaded knowledge pack, through :class:`Subject`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

# (command, description) for set_my_commands and /help
COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", "Say hello and see example questions"),
    ("help", "How to ask, follow-ups, groups and inline mode"),
    ("faq", "Frequently asked questions by topic"),
    ("sources", "The sources of my last answer, in full"),
    ("about", "What I know and where it comes from"),
)

SOURCES_BUTTON = "📚 Sources"
BACK_BUTTON = "« Topics"

_CC = re.compile(r"CC[ -](BY(?:-NC)?(?:-SA|-ND)?)[ -](\d\.\d)", re.IGNORECASE)
_CC0 = re.compile(r"CC0(?:[ -]1\.0)?", re.IGNORECASE)


def licence_url(licence: str) -> str:
    """The deed of a Creative Commons licence named like "CC BY-SA 4.0" or "CC0"; "" for any other."""
    licence = licence.strip()
    if m := _CC.fullmatch(licence):
        return f"https://creativecommons.org/licenses/{m.group(1).lower()}/{m.group(2)}/"
    if _CC0.fullmatch(licence):
        return "https://creativecommons.org/publicdomain/zero/1.0/"
    return ""


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _bare(name: str) -> str:
    """A group's name used before a noun: "the Taliban" -> "Taliban" ("Taliban fighters")."""
    return name[4:] if name[:4].casefold() == "the " else name


@dataclass(frozen=True)
class Subject:
    """What the fixed texts say about the loaded pack: the conflict, and the article it comes from."""

    name: str  # "Battle of Darzab"
    dates: str  # "12 July – 1 August 2018"
    place: str
    sides: tuple[str, ...]  # how to name each side: its main group ("the Taliban", "IS-KP")
    killed_sides: tuple[str, ...]  # the sides whose fighters killed the pack has figures for
    topics: tuple[str, ...]  # "the battle in brief", ...
    title: str  # the article's
    publisher: str
    url: str = ""
    licence: str = ""

    @classmethod
    def of(cls, kb: Any) -> Subject:
        """The subject of a KnowledgeBase (anything with ``.pack``)."""
        pack = kb.pack
        c, pub = pack.conflict, pack.publication
        claimed = {claim.measure for claim in pack.claims.values()}
        killed = {m.subject for m in pack.measures.values() if m.kind == "killed" and m.subject and m.id in claimed}
        sides, killed_sides = [], []
        for side in c.sides:
            groups = [pack.groups[g] for g in side.groups if g in pack.groups]
            sides.append(groups[0].name if groups else side.name)
            counted = [g.name for g in groups if g.id in killed]
            if counted:
                killed_sides.append(counted[0])
        return cls(
            name=c.name, dates=c.date.text, place=c.place, sides=tuple(sides), killed_sides=tuple(killed_sides),
            topics=tuple(pack.topics.values()), title=pub.title, publisher=pub.publisher, url=pub.url,
            licence=pub.licence,
        )

    def article_html(self) -> str:
        """The article's title in quotes, linked when the pack gives its URL."""
        title = f"“{html.escape(self.title)}”"
        return f'<a href="{html.escape(self.url)}">{title}</a>' if self.url else title

    def licence_html(self) -> str:
        url = licence_url(self.licence)
        text = html.escape(self.licence)
        return f'<a href="{html.escape(url)}">{text}</a>' if url else text


def greeting(subject: Subject, first_name: str | None) -> str:
    name = f", {html.escape(first_name)}" if first_name else ""
    fought = f", fought between {html.escape(_and(list(subject.sides)))}" if len(subject.sides) >= 2 else ""
    return (
        f"Hello{name}! I answer questions about the <b>{html.escape(subject.name)}</b> "
        f"({html.escape(subject.place)}, {html.escape(subject.dates)}){fought}.\n\n"
        "Every figure comes with its source, and I mark the figures the sources disagree on "
        "with ⚠️ <b>disputed</b>.\n\n"
        "Tap an example or type your own question:"
    )


def _asking_examples(subject: Subject) -> str:
    """“a question”, then follow up: “…”: a casualty question about a side the pack has figures for."""
    counted = subject.killed_sides
    if not counted:
        first, follow = "who won?", ["who said that?", "tell me more"]
    else:
        first = f"how many {_bare(counted[-1])} fighters were killed?"
        follow = ([f"and {counted[0]}?"] if len(counted) >= 2 else []) + ["who said that?", "tell me more"]
    return f"for example “{html.escape(first)}”, then follow up: " + ", ".join(
        f"“{html.escape(q)}”" for q in follow
    )


def help_text(subject: Subject, username: str | None) -> str:
    commands = "\n".join(f"/{name} – {html.escape(desc)}" for name, desc in COMMANDS)
    inline = (
        f"\n\n<b>Anywhere in Telegram</b>: type <code>@{html.escape(username)} who won?</code> "
        "in any chat to share an answer."
        if username
        else ""
    )
    mention = f"@{html.escape(username)}" if username else "my name"
    return (
        f"<b>Ask me in plain words</b>, {_asking_examples(subject)}.\n\n"
        "Numbers in brackets like [1] point to the sources listed under each answer; "
        "⚠️ marks a figure the sources dispute.\n\n"
        f"{commands}\n\n"
        f"<b>In groups</b> I answer commands, messages that mention {mention}, "
        f"and replies to my messages.{inline}"
    )


def about_text(subject: Subject) -> str:
    topics = f" My topics: {html.escape(_and(list(subject.topics)))}." if subject.topics else ""
    publisher = html.escape(subject.publisher)
    licence = (
        f"Text from {publisher} is available under {subject.licence_html()}; the quotes are excerpts, "
        if subject.licence
        else "The quotes are excerpts, "
    )
    return (
        f"<b>What I know</b>: one event, the {html.escape(subject.name)} ({html.escape(subject.dates)}) – "
        f"its sides, commanders, places and dates, and the casualty claims of each side.{topics} "
        "I don't know anything else, and I say so.\n\n"
        f"<b>Source</b>: the {publisher} article {subject.article_html()} and the claims it reports, "
        "each cited with its claimant, section and a short quote. "
        f"{licence}and the answers adapt the article."
    )


def sources_html(subject: Subject, answer: Any) -> str:
    """An answer's citations in full: claimant, article section and the quote."""
    question = answer.question if len(answer.question) <= 200 else answer.question[:199] + "…"
    blocks = [f"<b>Sources for</b> <i>{html.escape(question)}</i>"]
    for c in answer.citations:
        blocks.append(
            f"<b>[{c.n}] {html.escape(c.source)}</b>\nsection <i>{html.escape(c.section)}</i>\n"
            f"<blockquote>{html.escape(c.quote)}</blockquote>"
        )
    licence = f" ({html.escape(subject.licence)})" if subject.licence else ""
    blocks.append(
        f"All quoted from the {html.escape(subject.publisher)} article {subject.article_html()}{licence}, "
        "which reports these claims."
    )
    return "\n\n".join(blocks)


def reset_done(subject: Subject) -> str:
    return f"Done: I've forgotten this conversation. Ask me anything about the {subject.name}."


def non_text_hint(subject: Subject) -> str:
    return f"I can only read text. Ask me a question about the {subject.name}, or try /faq."


NO_SOURCES = "No sources yet: ask me a question first, then /sources shows where the answer comes from."
FAQ_INTRO = "<b>Frequently asked questions</b>: pick a topic."
SLOW_DOWN = "You're sending messages faster than I can read them: please slow down a little."
BUTTON_EXPIRED = "This button has expired: type your question instead."
OPEN_CHAT = "Open a chat with me to use this button."
SOMETHING_WRONG = "Sorry, something went wrong on my side. Please try again in a moment."
EDITED_HINT = "I only read new messages: please send your question again as a new message."
UNKNOWN_COMMAND = "I don't know that command. Try /help."


def faq_topic_title(topic: str) -> str:
    return f"<b>{html.escape(topic)}</b>: pick a question."


def echo_question(question: str) -> str:
    """The line that shows which question a button asked."""
    shown = question if len(question) <= 200 else question[:199] + "…"
    return f"❓ <i>{html.escape(shown)}</i>"
