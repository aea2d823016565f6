"""What a conversation remembers between questions, for follow-ups."""

from __future__ import annotations

from knowledge.dates import DateSpec
from knowledge.records import dataclass, field

from .answer import Answer

THING = "thing"  # the slot of the pronoun "it": the last place, unit or source named


@dataclass
class Context:
    """The state a follow-up ("and IS-KP?", "where?", "who said that?") leans on.

    Owned by one conversation; the engine reads and updates it.
    """

    intent: str | None = None
    slots: dict[str, str] = field(default_factory=dict)  # slot name -> entity id or value
    last_answer: Answer | None = None
    when: DateSpec | None = None  # the last date asked about: what "then" refers to
    turns: int = 0
    when_turn: int = -1  # the turn that set ``when`` (the date the last answer was about, if it is that one)
    # whom "they" means right after an answer that set them (kind, id): the one asked about and
    # the one named in answer to "who was his deputy?" ("were they related?"), or the voice named
    # in answer to "who criticised that?" ("what was their point?"); and the turn that set them
    they: tuple[tuple[str, str], ...] = ()
    they_turn: int = -1

    def reset(self) -> None:
        self.intent = None
        self.slots.clear()
        self.last_answer = None
        self.when = None
        self.turns = 0
        self.when_turn = -1
        self.they = ()
        self.they_turn = -1
