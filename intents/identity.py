"""Who a voice is: "who was the expert who estimated 300?", "which expert came up with it?",
"what's the name of the spokesman?". When the article never names that voice (a source marked
``unnamed`` in the pack), the honest answer is that the sources do not name them."""

from __future__ import annotations

from knowledge import KnowledgeBase

from .understand import Parsed
from .vocabulary import load_cues

CUES = load_cues()
IDENTITY = CUES.phrases["asks_identity"]
DETERMINERS = CUES.words_of("determiners")  # "what's the name of the ..."
WH = CUES.words_of("wh_words") | CUES.words_of("commands")  # "what is the name of", "tell me the name of"


def unnamed_asked(kb: KnowledgeBase, parsed: Parsed) -> str | None:
    """The unnamed source whose identity the question asks, if it asks one's."""
    for e in parsed.entities:
        source = kb.pack.sources.get(e.value) if e.type == "source" else None
        if source is not None and source.unnamed and _asked_of(parsed, e.start):
            return source.id
    return None


def identity_asked(parsed: Parsed) -> str | None:
    """The person or voice whose identity the question asks ("who was the <side's> spokesman
    quoted about X?"), if it asks one's: not a side ("who were <a side>?" asks of the side)."""
    sides = {e.start for e in parsed.entities if e.type == "group"}
    for e in parsed.entities:
        if e.type in ("person", "source") and e.start not in sides and _asked_of(parsed, e.start):
            return e.value
    return None


def _asked_of(parsed: Parsed, start: int) -> bool:
    """Whether an identity phrase ends right before the name ("who was <it>", "which <it>",
    "what is the name of <it>")."""
    before = tuple(t for t in parsed.tokens[:start] if t not in DETERMINERS)
    return any(before[len(before) - len(p):] == p and (len(before) == len(p) or before[0] in WH) for p in IDENTITY)

