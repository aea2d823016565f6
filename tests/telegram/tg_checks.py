"""Assertions about what the bot sent."""

from __future__ import annotations

from htmlcheck import telegram_html_text

LIMIT = 4096


def html_of(call) -> str:
    """The HTML of a sendMessage/editMessageText call, checked: Telegram's tags, balanced, within the limit."""
    text = call.params["text"]
    assert call.params.get("parse_mode") == "HTML", call.params
    assert len(text) <= LIMIT
    telegram_html_text(text)  # raises on a tag Telegram refuses or an unbalanced one
    return text


def visible(call) -> str:
    return telegram_html_text(call.params["text"]) if call.params.get("parse_mode") == "HTML" else call.params["text"]


def buttons(call) -> list[dict]:
    markup = call.params.get("reply_markup") or {}
    return [b for row in markup.get("inline_keyboard", []) for b in row]


def button(call, label_part: str) -> dict:
    for b in buttons(call):
        if label_part.casefold() in b["text"].casefold():
            return b
    raise AssertionError(f"no button with {label_part!r} in {[b['text'] for b in buttons(call)]}")


def message_of(call) -> dict:
    """The message object the emulator returned for a send (what a user's tap refers to)."""
    return call.result
