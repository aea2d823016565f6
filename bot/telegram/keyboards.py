"""Inline keyboards and their callback data.

Telegram allows 64 bytes of callback data, so buttons carry short keys:

- ``q:<hash>`` asks a question. FAQ and example questions are in a fixed table
  (their buttons work even after a restart); other texts (suggestions) are kept
  in a bounded map.
- ``s:<key>`` shows the sources of one answer (bounded map).
- ``c:<key>`` sends the charts of one answer's disputed figures (same map).
- ``t:<n>`` opens FAQ topic n; ``T`` goes back to the topic list.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import Any, Generic, TypeVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from .texts import BACK_BUTTON, SOURCES_BUTTON

MAX_CALLBACK_BYTES = 64
BUTTON_TEXT = 60  # characters shown on a button
MAX_SUGGESTIONS = 3
CHART_BUTTON = "📊 Chart"

K = TypeVar("K")
V = TypeVar("V")


class Bounded(Generic[K, V]):
    """A dict that forgets its least recently used entries beyond ``size``."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict[K, V] = OrderedDict()

    def __len__(self) -> int:
        return len(self._items)

    def put(self, key: K, value: V) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    def get(self, key: K) -> V | None:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value


def question_key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=6).hexdigest()


def pack_answer(answer: Any) -> dict[str, Any]:
    """What a Sources or Chart button needs of an answer, as plain data (persisted with its chat)."""
    question = answer.question if len(answer.question) <= 200 else answer.question[:199] + "…"
    return {
        "q": question, "a": bool(answer.answered), "i": answer.intent, "d": bool(answer.disputed),
        "c": [[c.n, c.source, c.section, c.quote] for c in answer.citations],
        "p": [[p.text, p.kind] for p in answer.parts] if answer.disputed else [],  # a chart names its figures
    }


def unpack_answer(data: Any) -> Any | None:
    from intents.answer import Answer, Citation, Part

    try:
        return Answer(str(data["q"]), bool(data["a"]), data["i"], 0.0,
                      tuple(Part(str(t), str(k)) for t, k in data["p"]),
                      tuple(Citation(int(n), str(src), str(sec), str(quote)) for n, src, sec, quote in data["c"]),
                      bool(data["d"]))
    except (KeyError, TypeError, ValueError):  # an entry from another version: the button has expired
        return None


class ChatButtons:
    """The payloads of one chat's buttons, kept in its ``chat_data`` (persisted with it when the bot
    has a state file), newest last, at most ``size``. The keys are the chat's own: ``s:1`` pressed in
    another chat looks in that chat's store and finds nothing of this one."""

    def __init__(self, data: dict[str, Any], size: int = 64):
        self.items: dict[str, Any] = data.setdefault("buttons", {})
        self.data = data
        self.size = size
        self._last: tuple[int, str] | None = None  # (id(answer), key): Sources and Chart share one entry

    def put(self, key: str, value: Any) -> str:
        self.items.pop(key, None)
        self.items[key] = value
        while len(self.items) > self.size:
            del self.items[next(iter(self.items))]
        return key

    def put_answer(self, answer: Any) -> str:
        if self._last and self._last[0] == id(answer) and self._last[1] in self.items:
            return self._last[1]
        n = int(self.data.get("button_n", 0)) + 1
        self.data["button_n"] = n
        key = self.put(_base36(n), pack_answer(answer))
        self._last = (id(answer), key)
        return key

    def get(self, key: str) -> Any | None:
        return self.items.get(key)


class Callbacks:
    """Button data. FAQ and example questions are fixed; with a chat's ``ChatButtons`` the rest is
    kept in that chat (bound to it, persisted); without one, in bounded maps shared by all."""

    def __init__(self, fixed_questions: Iterable[str], max_items: int = 4096):
        self._fixed = {question_key(q): q for q in fixed_questions}
        self._questions: Bounded[str, str] = Bounded(max_items)
        self._sources: Bounded[str, Any] = Bounded(max_items)
        self._counter = itertools.count(1)

    def ask(self, text: str, chat: ChatButtons | None = None) -> str:
        key = question_key(text)
        if key not in self._fixed:
            if chat is not None:
                chat.put(f"q{key}", text)
            else:
                self._questions.put(key, text)
        return f"q:{key}"

    def question(self, key: str, chat: ChatButtons | None = None) -> str | None:
        if key in self._fixed:
            return self._fixed[key]
        if chat is not None:
            found = chat.get(f"q{key}")
            return found if isinstance(found, str) else None
        return self._questions.get(key)

    def _answer_key(self, answer: Any, chat: ChatButtons | None) -> str:
        if chat is not None:
            return chat.put_answer(answer)
        key = _base36(next(self._counter))
        self._sources.put(key, answer)
        return key

    def sources(self, answer: Any, chat: ChatButtons | None = None) -> str:
        return f"s:{self._answer_key(answer, chat)}"

    def chart(self, answer: Any, chat: ChatButtons | None = None) -> str:
        return f"c:{self._answer_key(answer, chat)}"

    def answer_for_sources(self, key: str, chat: ChatButtons | None = None) -> Any | None:
        if chat is not None:
            found = chat.get(key)
            return unpack_answer(found) if isinstance(found, dict) else None
        return self._sources.get(key)


def parse(data: str | None) -> tuple[str, str]:
    """(kind, argument) from callback data; kind "" when unrecognised."""
    if not data:
        return "", ""
    if data == "T":
        return "T", ""
    kind, sep, arg = data.partition(":")
    if sep and kind in ("q", "s", "t", "c") and arg:
        return kind, arg
    return "", ""


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out


def _label(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= BUTTON_TEXT else text[: BUTTON_TEXT - 1] + "…"


def _button(text: str, data: str) -> InlineKeyboardButton:
    assert len(data.encode("utf-8")) <= MAX_CALLBACK_BYTES, data
    return InlineKeyboardButton(_label(text), callback_data=data)


def questions_keyboard(callbacks: Callbacks, questions: Sequence[str]) -> InlineKeyboardMarkup | None:
    rows = [[_button(q, callbacks.ask(q))] for q in questions if q.strip()]
    return InlineKeyboardMarkup(rows) if rows else None


def answer_keyboard(callbacks: Callbacks, answer: Any, chart: bool = False,
                    buttons: ChatButtons | None = None) -> InlineKeyboardMarkup | None:
    """Follow-up suggestions, one a row, and a Sources button when the answer cites any;
    ``chart``: a Chart button before it, for an answer about a disputed figure. ``buttons``: the
    chat's store, which binds the keys to that chat."""
    rows = [[_button(q, callbacks.ask(q, buttons))] for q in list(answer.suggestions)[:MAX_SUGGESTIONS] if q.strip()]
    if chart:
        rows.append([_button(CHART_BUTTON, callbacks.chart(answer, buttons))])
    if answer.citations:
        rows.append([_button(SOURCES_BUTTON, callbacks.sources(answer, buttons))])
    return InlineKeyboardMarkup(rows) if rows else None


def topics_keyboard(topics: Sequence[str]) -> InlineKeyboardMarkup:
    buttons = [_button(topic, f"t:{i}") for i, topic in enumerate(topics)]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def topic_keyboard(callbacks: Callbacks, questions: Sequence[str]) -> InlineKeyboardMarkup:
    rows = [[_button(q, callbacks.ask(q))] for q in questions]
    rows.append([_button(BACK_BUTTON, "T")])
    return InlineKeyboardMarkup(rows)
