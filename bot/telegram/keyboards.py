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


class Callbacks:
    def __init__(self, fixed_questions: Iterable[str], max_items: int = 4096):
        self._fixed = {question_key(q): q for q in fixed_questions}
        self._questions: Bounded[str, str] = Bounded(max_items)
        self._sources: Bounded[str, Any] = Bounded(max_items)
        self._counter = itertools.count(1)

    def ask(self, text: str) -> str:
        key = question_key(text)
        if key not in self._fixed:
            self._questions.put(key, text)
        return f"q:{key}"

    def question(self, key: str) -> str | None:
        return self._fixed.get(key) or self._questions.get(key)

    def sources(self, answer: Any) -> str:
        key = _base36(next(self._counter))
        self._sources.put(key, answer)
        return f"s:{key}"

    def chart(self, answer: Any) -> str:
        key = _base36(next(self._counter))
        self._sources.put(key, answer)
        return f"c:{key}"

    def answer_for_sources(self, key: str) -> Any | None:
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


def answer_keyboard(callbacks: Callbacks, answer: Any, chart: bool = False) -> InlineKeyboardMarkup | None:
    """Follow-up suggestions, one a row, and a Sources button when the answer cites any;
    ``chart``: a Chart button before it, for an answer about a disputed figure."""
    rows = [[_button(q, callbacks.ask(q))] for q in list(answer.suggestions)[:MAX_SUGGESTIONS] if q.strip()]
    if chart:
        rows.append([_button(CHART_BUTTON, callbacks.chart(answer))])
    if answer.citations:
        rows.append([_button(SOURCES_BUTTON, callbacks.sources(answer))])
    return InlineKeyboardMarkup(rows) if rows else None


def topics_keyboard(topics: Sequence[str]) -> InlineKeyboardMarkup:
    buttons = [_button(topic, f"t:{i}") for i, topic in enumerate(topics)]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def topic_keyboard(callbacks: Callbacks, questions: Sequence[str]) -> InlineKeyboardMarkup:
    rows = [[_button(q, callbacks.ask(q))] for q in questions]
    rows.append([_button(BACK_BUTTON, "T")])
    return InlineKeyboardMarkup(rows)
