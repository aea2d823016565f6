"""Questions that offer a choice ("was he beheaded or shot?", "to the government or to the
Taliban?"): the answer names what happened, never "yes" or "no"; and when what it tells says
neither of the things offered, the sources do not settle the choice.

Kept apart from the handlers: whichever intent answers, the reply is checked the same way.
"""

from __future__ import annotations

from knowledge.records import replace

from .answer import LEAD, Answer, Part
from .normalize import normalize
from .stemming import stem
from .understand import NAME_TYPES, Parsed
from .vocabulary import load_cues, load_lexicon

CUES = load_cues()
PASSED = CUES.words_of("determiners") | CUES.words_of("articles") | CUES.words_of("wh_prepositions")
VERDICTS = ("Yes. ", "No. ")
OPENERS = load_lexicon().yes_no_openers
CLAUSE_REACH = 4  # words: "was he beheaded or": the opener of a yes/no clause just before the choice
OR = "or"


def offered(parsed: Parsed) -> tuple[int, int] | None:
    """In a yes/no question, the two things an "or" offers: the meaningful word before it and
    the first after it past articles and prepositions ("killed or captured", "by an airstrike or
    a raid"); None when the question offers no choice ("two or three" is a range)."""
    if OR not in parsed.tokens:
        return None
    at = len(parsed.tokens) - 1 - parsed.tokens[::-1].index(OR)
    # a yes/no question, or one ending in a yes/no clause ("how was he executed - was he beheaded or shot?")
    if not parsed.yes_no and not any(t in OPENERS for t in parsed.tokens[max(1, at - CLAUSE_REACH) : at]):
        return None
    before = at - 1
    after = next((i for i in range(at + 1, len(parsed.tokens)) if parsed.tokens[i] not in PASSED), None)
    if before < 0 or after is None or not {before, after} <= parsed.content:
        return None
    if parsed.tokens[before].isdigit() or parsed.tokens[after].isdigit():
        return None
    return before, after


def single(parsed: Parsed, pair: tuple[int, int]) -> bool:
    """Whether each thing offered is one word ("beheaded or shot"), not a phrase ("a big battle or a
    small skirmish", whose words a reply may well say otherwise: "a major victory")."""
    before, after = pair
    return before - 1 not in parsed.content and after + 1 not in parsed.content


def settle(answer: Answer, parsed: Parsed, pair: tuple[int, int], names: dict[str, list[str]]) -> Answer:
    """``answer`` to a question offering the choice ``pair`` (``offered``): without a yes/no verdict,
    or declined when its lead says neither thing offered. ``names``: the spellings of each entity
    the question names."""
    if not answer.answered or not answer.parts:
        return answer
    lead = answer.parts[0]
    text = next((lead.text[len(v):] for v in VERDICTS if lead.text.startswith(v)), lead.text)
    said = f" {normalize(text)} "
    stems = {stem(w) for w in said.split()}
    if single(parsed, pair) and not any(_says(parsed, i, said, stems, names) for i in pair):
        a, b = (parsed.tokens[i] for i in pair)
        note = Part(f'The sources do not say which it was, "{a}" or "{b}". The closest they come:', LEAD)
        return answer.declined_with(note, replace(lead, text=text, kind="para"), *answer.parts[1:2])
    if text == lead.text:
        return answer
    return replace(answer, parts=(replace(lead, text=text[:1].upper() + text[1:]), *answer.parts[1:]))


def _says(parsed: Parsed, i: int, said: str, stems: set[str], names: dict[str, list[str]]) -> bool:
    entity = next((e for e in parsed.entities if e.start <= i < e.end and e.type in NAME_TYPES), None)
    if entity is not None:
        return any(f" {n} " in said for n in names.get(entity.value, [])) or f" {parsed.tokens[i]} " in said
    return stem(parsed.tokens[i]) in stems
