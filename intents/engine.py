"""The engine: understand a question in context and build the answer object.

(Temporary stub while the matcher and handlers are written: declines everything.)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from knowledge import KnowledgeBase

from .answer import LEAD, Answer, Part
from .context import Context


@dataclass(frozen=True)
class FaqEntry:
    topic: str  # a short label, e.g. "Casualties"
    question: str


class Engine:
    def __init__(self, kb: KnowledgeBase):
        self.kb = kb

    @classmethod
    def load(cls, pack: str | Path | None = None) -> Engine:
        """An engine over the pack at ``pack`` (the bundled one by default)."""
        return cls(KnowledgeBase.load(pack))

    def examples(self) -> list[str]:
        """A few example questions for greetings and /start."""
        return ["Who won the Battle of Darzab?", "How many IS-KP fighters were killed?", "What happened on 22 July?"]

    def faq(self) -> list[FaqEntry]:
        """The canonical questions, grouped by topic, for the FAQ and /faq."""
        return [FaqEntry("Overview", q) for q in self.examples()]

    def answer(self, text: str, context: Context) -> Answer:
        """Answer ``text``, reading and updating the conversation ``context``."""
        answer = Answer(
            question=text,
            answered=False,
            intent=None,
            confidence=0.0,
            parts=(Part("Sorry, I can't answer that yet.", LEAD),),
        )
        context.last_answer = answer
        return answer
