"""Questions with several asks: split them, and join the answers into one.

"When did the battle start and when did it end?" is two questions; "what were the Taliban
and IS-KP losses?" is one question about two sides. A question splits where a new
question begins: after a question mark or a full stop, or at "and" (or a comma) followed
by a question word or an auxiliary that opens a question. Each part is answered in turn in
the same conversation, so the second may lean on the first ("and when did it end?"); the
reply gives each part its own lines, one citation list, and every dispute flag.
"""

from __future__ import annotations

import re

from .answer import LEAD, PARA, Answer, Citation, Part
from .dedupe import dedupe
from .reply import renumber
from .vocabulary import load_cues

_OPENERS = sorted(load_cues().words_of("wh_words") - {"and"} | load_cues().words_of("question_verbs"))
# "and IS-KP", "and IS been" name a group, not "and is ...": the opener ends its word and is not in capitals
_OPENER = "(?:" + "|".join(o + "|" + o.capitalize() for o in _OPENERS) + r")(?![\w-])"
_JOINT = re.compile(r"(?:,\s*|\s+)(?:[Aa]nd|[Bb]ut|[Aa]lso)\s+(?=" + _OPENER + ")")
_SENTENCE = re.compile(r"(?<=[?.!])\s+(?=\S)")
# a sentence that opens with an article or a possessive and asks nothing names what the question before
# it asks about ("that seems low" is a comment, not its object)
_NOUN_PHRASE = re.compile(
    r"(?i)(?:the|these|those|its|his|her|their)\s(?!.*\b(?:" + "|".join(_OPENERS) + r")\b)"
)
MIN_WORDS = 1  # a part of one word ("why?") still asks something of the part before it
MAX_PARTS = 4


def split_asks(text: str) -> list[str]:
    """The questions ``text`` asks, in order (itself alone when it asks one)."""
    parts: list[str] = []
    for sentence in _SENTENCE.split(text.strip()):
        if parts and _NOUN_PHRASE.match(sentence):  # "who says so? the 40 dead figure": what it is about
            parts[-1] = f"{parts[-1]} {sentence}"
            continue
        parts += [p.strip(" ,;") for p in _JOINT.split(sentence)]
    parts = [p for p in parts if len(p.split()) >= MIN_WORDS]
    if len(parts) > MAX_PARTS:  # a list of many clauses is one request, not many questions
        return [text]
    return parts or [text]


def join_answers(question: str, answers: list[Answer]) -> Answer:
    """One reply for several asks: each part's lines in turn (a part's lead stays a lead-like
    paragraph), citations renumbered into one list, disputed if any part is."""
    parts: list[Part] = []
    citations: list[Citation] = []
    index: dict[tuple[str, str, str], int] = {}
    for k, answer in enumerate(answers):
        mapping: dict[int, int] = {}
        for c in answer.citations:
            key = (c.source, c.section, c.quote)
            if key not in index:
                index[key] = len(citations) + 1
                citations.append(Citation(index[key], c.source, c.section, c.quote))
            mapping[c.n] = index[key]
        for part in answer.parts:
            kind = part.kind if part.kind != LEAD or k == 0 else PARA
            cites = tuple(mapping[n] for n in part.cites if n in mapping)
            if (part.text, cites) not in {(p.text, p.cites) for p in parts}:  # a note both parts end with
                parts.append(Part(part.text, kind, cites))
    # two asks may draw on one fact: say it once, and keep only the citations still used
    parts, cited = renumber(dedupe(parts, citations), tuple(citations))
    answered = [a for a in answers if a.answered]
    first = answered[0] if answered else answers[0]
    suggestions = tuple(dict.fromkeys(s for a in answers for s in a.suggestions))[:3]
    return Answer(
        question=question,
        answered=bool(answered),
        intent=first.intent,
        confidence=min(a.confidence for a in answered) if answered else first.confidence,
        parts=tuple(parts),
        citations=cited,
        disputed=any(a.disputed for a in answers),
        suggestions=suggestions,
        explanation=first.explanation,
    )
