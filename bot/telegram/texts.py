"""What the bot says that is not an answer: greetings, help, about, hints.

Everything here is Telegram HTML; anything that comes from outside is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

ARTICLE_TITLE = "Battle of Darzab (2018)"
ARTICLE_URL = "https://en.wikipedia.org/wiki/Battle_of_Darzab_(2018)"
LICENCE = "CC BY-SA 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"

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


def greeting(first_name: str | None) -> str:
    name = f", {html.escape(first_name)}" if first_name else ""
    return (
        f"Hello{name}! I answer questions about the <b>Battle of Darzab</b> (Jowzjan, Afghanistan, "
        "July–August 2018), fought between the Taliban and IS-KP.\n\n"
        "Every figure comes with its source, and I mark the figures the sources disagree on "
        "with ⚠️ <b>disputed</b>.\n\n"
        "Tap an example or type your own question:"
    )


def help_text(username: str | None) -> str:
    commands = "\n".join(f"/{name} – {html.escape(desc)}" for name, desc in COMMANDS)
    inline = (
        f"\n\n<b>Anywhere in Telegram</b>: type <code>@{html.escape(username)} who won?</code> "
        "in any chat to share an answer."
        if username
        else ""
    )
    mention = f"@{html.escape(username)}" if username else "my name"
    return (
        "<b>Ask me in plain words</b>, for example “how many IS-KP fighters were killed?”, "
        "then follow up: “and the Taliban?”, “who said that?”, “tell me more”.\n\n"
        "Numbers in brackets like [1] point to the sources listed under each answer; "
        "⚠️ marks a figure the sources dispute.\n\n"
        f"{commands}\n\n"
        f"<b>In groups</b> I answer commands, messages that mention {mention}, "
        f"and replies to my messages.{inline}"
    )


def about_text(examples: Sequence[str]) -> str:
    sample = "".join(f"\n• {html.escape(q)}" for q in examples[:3])
    return (
        "<b>What I know</b>: one event, the Battle of Darzab (12 July – 1 August 2018) – its sides, "
        "commanders, places and dates, the casualty claims of each side, the IS-KP surrender, "
        "civilians and the aftermath. I don't know anything else, and I say so."
        f"{sample}\n\n"
        f'<b>Source</b>: the Wikipedia article <a href="{ARTICLE_URL}">“{ARTICLE_TITLE}”</a> and the '
        "claims it reports, each cited with its claimant, section and a short quote. "
        f'Text from Wikipedia is available under <a href="{LICENCE_URL}">{LICENCE}</a>; '
        "the quotes are excerpts, and the answers adapt the article."
    )


def sources_html(answer: Any) -> str:
    """An answer's citations in full: claimant, article section and the quote."""
    question = answer.question if len(answer.question) <= 200 else answer.question[:199] + "…"
    blocks = [f"<b>Sources for</b> <i>{html.escape(question)}</i>"]
    for c in answer.citations:
        blocks.append(
            f"<b>[{c.n}] {html.escape(c.source)}</b>\nsection <i>{html.escape(c.section)}</i>\n"
            f"<blockquote>{html.escape(c.quote)}</blockquote>"
        )
    blocks.append(
        f'All quoted from the Wikipedia article <a href="{ARTICLE_URL}">“{ARTICLE_TITLE}”</a> '
        f"({LICENCE}), which reports these claims."
    )
    return "\n\n".join(blocks)


NO_SOURCES = "No sources yet: ask me a question first, then /sources shows where the answer comes from."
FAQ_INTRO = "<b>Frequently asked questions</b>: pick a topic."
RESET_DONE = "Done: I've forgotten this conversation. Ask me anything about the Battle of Darzab."
SLOW_DOWN = "You're sending messages faster than I can read them: please slow down a little."
BUTTON_EXPIRED = "This button has expired: type your question instead."
OPEN_CHAT = "Open a chat with me to use this button."
SOMETHING_WRONG = "Sorry, something went wrong on my side. Please try again in a moment."
EDITED_HINT = "I only read new messages: please send your question again as a new message."
NON_TEXT_HINT = "I can only read text. Ask me a question about the Battle of Darzab, or try /faq."
UNKNOWN_COMMAND = "I don't know that command. Try /help."


def faq_topic_title(topic: str) -> str:
    return f"<b>{html.escape(topic)}</b>: pick a question."


def echo_question(question: str) -> str:
    """The line that shows which question a button asked."""
    shown = question if len(question) <= 200 else question[:199] + "…"
    return f"❓ <i>{html.escape(shown)}</i>"
