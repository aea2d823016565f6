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
        if source is None or not source.unnamed:
            continue
        before = tuple(t for t in parsed.tokens[: e.start] if t not in DETERMINERS)
        # "who was <it>", "which <it>", "what is the name of <it>": the phrase ends right before it
        if any(before[len(before) - len(p):] == p and (len(before) == len(p) or before[0] in WH) for p in IDENTITY):
            return source.id
    return None

