"""What a conversation remembers between questions, for follow-ups."""

from __future__ import annotations

from dataclasses import dataclass, field

from .answer import Answer


@dataclass
class Context:
    """The state a follow-up ("and IS-KP?", "where?", "who said that?") leans on.

    Owned by one conversation; the engine reads and updates it.
    """

    intent: str | None = None
    slots: dict[str, str] = field(default_factory=dict)  # slot name -> entity id or value
    last_answer: Answer | None = None
    turns: int = 0

    def reset(self) -> None:
        self.intent = None
        self.slots.clear()
        self.last_answer = None
        self.turns = 0
