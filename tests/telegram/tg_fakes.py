"""A stand-in engine with the real one's interface, for answers the real one never gives."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from intents.answer import DISPUTED, ITEM, LEAD, Answer, Citation, Part
from intents.engine import FaqEntry
from knowledge import KnowledgeBase

VELMORA = Path(__file__).resolve().parents[1] / "packs" / "velmora"


@cache
def small_kb() -> KnowledgeBase:
    """A small real pack, for what the bot's own texts say about the conflict and its article."""
    return KnowledgeBase.load(VELMORA)


def long_answer(question: str, items: int = 80) -> Answer:
    """An answer far over Telegram's 4,096 characters, with citations and a disputed line."""
    parts = [Part("A very long answer follows.", LEAD), Part("These figures are disputed.", DISPUTED, (1,))]
    parts += [Part(f"Item {i}: " + "word " * 25 + "<&> end.", ITEM, (1 + i % 3,)) for i in range(items)]
    cites = tuple(Citation(n, f"Source {n}", "Casualty note", "a quote with <tags> & ampersands " * 3)
                  for n in (1, 2, 3))
    return Answer(question, True, "long", 0.9, tuple(parts), cites, True, ("Short one?", "x" * 300))


class FakeEngine:
    """answer() looks the text up in ``answers`` (a dict of text -> Answer or exception)."""

    def __init__(self, answers=None, kb=None):
        self.answers = dict(answers or {})
        self.kb = kb or small_kb()
        self.asked: list[str] = []

    def examples(self) -> list[str]:
        return ["Long?", "Short one?"]

    def faq(self) -> list[FaqEntry]:
        return [FaqEntry("Testing", "Long?"), FaqEntry("Testing", "Short one?")]

    def answer(self, text, context):
        self.asked.append(text)
        found = self.answers.get(text)
        if isinstance(found, BaseException):
            raise found
        if found is None:
            if text == "Long?":
                found = long_answer(text)
            else:
                found = Answer(text, True, "short", 0.9, (Part(f"You asked: {text}", LEAD, (1,)),),
                               (Citation(1, "Source", "Lead", "a quote"),))
        if found.answered and found.citations:
            context.last_answer = found
        return found
