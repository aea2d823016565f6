"""Questions asking how many of a figure were of some kind ("how many of the 22 killed were
foreigners?", "of the 134 captured, how many were children?"): an answer that gives back only that
figure counts the whole, not the part asked for; it is declined, with what the sources do say as
the closest they come.

Kept apart from the handlers, as the choice check is: whichever intent answers, the reply is
checked the same way.
"""

from __future__ import annotations

from knowledge import KnowledgeBase
from knowledge.records import replace

from .answer import LEAD, Answer, Part
from .lookup import counted_numbers
from .understand import Parsed, year_span
from .vocabulary import load_cues

CUES = load_cues()
COUNT_OPENERS = [tuple(p.split()) for p in CUES.words_of("count_openers")]  # how many, how much
POINTERS = CUES.words_of("determiners") | CUES.words_of("pointers")  # "of the 22", "of those 134"


def whole_asked(parsed: Parsed) -> str | None:
    """The figure a count question takes a part of: "how many of the 22 ...?", "of the 134 ..., how
    many ...?"."""
    tokens = parsed.tokens
    opener = next((i for i in range(len(tokens)) for p in COUNT_OPENERS if tuple(tokens[i : i + len(p)]) == p), None)
    if opener is None:
        return None
    for at in (opener + 2, 0):  # right after "how many", or opening the question
        if tokens[at : at + 1] != ["of"]:
            continue
        j = at + 1
        while j < len(tokens) and tokens[j] in POINTERS:
            j += 1
        if j < len(tokens) and tokens[j].isdecimal():
            return tokens[j]
    return None


def settle_part(kb: KnowledgeBase, answer: Answer, parsed: Parsed) -> Answer:
    """``answer`` to "how many of the N were ...?": declined when its lead counts nothing but N."""
    whole = whole_asked(parsed)
    if whole is None or not answer.answered or not answer.parts:
        return answer
    if counted_numbers(answer.parts[0].text, year_span(kb)) - {whole}:
        return answer  # "about 100" of the 245: the part is told
    note = Part(f"The sources do not break the {whole} down that way. The closest they come:", LEAD)
    return answer.declined_with(note, replace(answer.parts[0], kind="para"))
