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
from .normalize import normalize_pack
from .stemming import stem
from .understand import Parsed, year_span
from .verdict import spellings
from .vocabulary import load_cues, load_english, load_lemmas

CUES = load_cues()
COUNT_OPENERS = [tuple(p.split()) for p in CUES.words_of("count_openers")]  # how many, how much
POINTERS = CUES.words_of("determiners") | CUES.words_of("pointers")  # "of the 22", "of those 134"
BE = CUES.words_of("be_forms")
LEMMAS = load_lemmas()
ENGLISH = load_english()


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


def part_named(parsed: Parsed) -> list[str]:
    """What "how many of the <whole> were <part>?" singles out: the words after its be-form ("children")."""
    tokens = parsed.tokens
    opener = next((i for i in range(len(tokens)) for p in COUNT_OPENERS if tuple(tokens[i : i + len(p)]) == p), None)
    if opener is None or tokens[opener + 2 : opener + 3] != ["of"] or tokens[opener + 3 : opener + 4] and \
            tokens[opener + 3] in CUES.words_of("pointers"):
        return []  # "how many of them were kids?": of what the last answer counted, which says its parts
    named = parsed.covered_by_entities()  # "IS-KP": no "is"
    be = next((i for i in range(opener + 3, len(tokens)) if tokens[i] in BE and i not in named), None)
    # "were children", "were foreign fighters": the words right after it; "were lost", "were killed
    # during the battle" say what befell them, no part
    part: list[str] = []
    for i in range(be + 1, len(tokens)) if be is not None else ():
        kind = any(e.type == "kind" and e.start <= i < e.end for e in parsed.entities)
        if i not in parsed.content or kind or ENGLISH.get(LEMMAS.get(tokens[i], tokens[i])) == "V":
            break
        part.append(tokens[i])
    return part


def settle_part(kb: KnowledgeBase, answer: Answer, parsed: Parsed) -> Answer:
    """``answer`` to "how many of the N were ...?": declined when its lead counts nothing but N; to
    "how many of the <whole> were <part>?", when its lead does not say the part at all."""
    if not answer.answered or not answer.parts:
        return answer
    whole = whole_asked(parsed)
    if whole is None:
        part, lead = part_named(parsed), answer.parts[0].text
        if part and not _says(lead, part) and not _names(kb, lead, parsed, part):
            # "over 100 civilians executed": no word of children
            note = Part(f"The sources do not say how many of them were {' '.join(part)}. The closest they come:",
                        LEAD)
            return answer.declined_with(note, replace(answer.parts[0], kind="para"))
        return answer
    if counted_numbers(answer.parts[0].text, year_span(kb)) - {whole}:
        return answer  # "about 100" of the 245: the part is told
    note = Part(f"The sources do not break the {whole} down that way. The closest they come:", LEAD)
    return answer.declined_with(note, replace(answer.parts[0], kind="para"))


def _says(text: str, words: list[str]) -> bool:
    """Whether a text says any of ``words``, in any of their forms ("children": "child soldiers")."""
    said = {stem(LEMMAS.get(w, w)) for w in normalize_pack(text).split()}
    return any(stem(LEMMAS.get(w, w)) in said for w in words)


def _names(kb: KnowledgeBase, text: str, parsed: Parsed, words: list[str]) -> bool:
    """Whether a text names an entity the part is said by ("foreigners": the foreign mujahideen)."""
    said = f" {normalize_pack(text)} "
    asked = {e.value for e in parsed.entities if any(parsed.tokens[i] in words for i in range(e.start, e.end))}
    return any(f" {n} " in said for ident in asked for n in spellings(kb, ident))
