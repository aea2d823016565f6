"""The answer object handlers build and every channel renders.

Handlers never format for a channel: they produce parts of plain text with
citation numbers, and the ``bot`` package renders them as plain text, Telegram
HTML or JSON.
"""

from __future__ import annotations

from knowledge.records import dataclass, field, replace

# Part kinds: how a renderer may set a part off. All are plain text.
LEAD = "lead"  # the one-sentence answer
PARA = "para"  # a paragraph of detail
ITEM = "item"  # one line of a list (a claim side by side with others)
DISPUTED = "disputed"  # the line that says a figure is disputed
NOTE = "note"  # a remark (reliability, caveat)


@dataclass(frozen=True)
class Citation:
    """Evidence for part of an answer: who says it, where, in their words."""

    n: int
    source: str
    section: str
    quote: str


@dataclass(frozen=True)
class Part:
    text: str
    kind: str = PARA
    cites: tuple[int, ...] = ()  # Citation numbers backing this part


@dataclass(frozen=True)
class Candidate:
    """One intent the matcher considered, for /why."""

    intent: str
    score: float
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Explanation:
    """Why the bot understood a question the way it did."""

    normalized: str = ""
    candidates: tuple[Candidate, ...] = ()
    entities: tuple[str, ...] = ()  # "person:haji-murad (Haji Murad)"
    followup: str = ""  # how context filled a gap, if it did


@dataclass(frozen=True)
class Answer:
    question: str
    answered: bool
    intent: str | None
    confidence: float
    parts: tuple[Part, ...]
    citations: tuple[Citation, ...] = ()
    disputed: bool = False
    suggestions: tuple[str, ...] = ()
    explanation: Explanation = field(default_factory=Explanation)

    @property
    def lead(self) -> str:
        return self.parts[0].text if self.parts else ""

    def declined_with(self, note: Part, *kept: Part) -> Answer:
        """This answer declined: ``note`` says what the sources do not tell, ``kept`` what they come
        closest with; only the evidence those parts cite is kept."""
        cited = {n for part in kept for n in part.cites}
        return replace(self, answered=False, parts=(note, *kept),
                       citations=tuple(c for c in self.citations if c.n in cited))


class CitationList:
    """Numbers evidence as a handler adds it, reusing numbers for repeats."""

    def __init__(self) -> None:
        self._items: list[Citation] = []
        self._index: dict[tuple[str, str, str], int] = {}

    def add(self, source: str, section: str, quote: str) -> int:
        key = (source, section, quote)
        if key not in self._index:
            n = len(self._items) + 1
            self._items.append(Citation(n, source, section, quote))
            self._index[key] = n
        return self._index[key]

    @property
    def items(self) -> tuple[Citation, ...]:
        return tuple(self._items)
