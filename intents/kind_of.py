"""Questions asking what kind of thing something was ("what kinds of weapons did they seize?",
"what sort of victory was it?"): an answer whose lead never says that thing ("war materiel" for
weapons) tells no kind of it; it is declined, with that lead as the closest the sources come.

Kept apart from the handlers, as the choice check is: whichever intent answers, the reply is
checked the same way.
"""

from __future__ import annotations

from functools import lru_cache

from knowledge import KnowledgeBase
from knowledge.records import replace

from .answer import LEAD, Answer, Part
from .focus import focus
from .normalize import normalize, normalize_pack
from .retrieval import item_text
from .stemming import stem
from .understand import Parsed
from .verdict import spellings
from .vocabulary import load_cues, load_english, load_group_nouns, load_lemmas, load_lexicon, load_person_nouns

CUES = load_cues()
CHOOSERS = CUES.words_of("choosers")  # which, what
KINDS = CUES.words_of("kind_words")  # kind, kinds, type, types, sort, sorts
PASSED = CUES.words_of("articles") | CUES.words_of("number_words")
PEOPLE = load_person_nouns() | load_group_nouns() | CUES.words_of("anyone")  # fighters, forces, people
LEMMAS = load_lemmas()
ENGLISH = load_english()
KINDS_OF = load_lexicon().kinds_of  # "ethnicity" -> {"uzbek", "tajik", ...}: the words that tell one


@lru_cache(maxsize=8)
def _told(kb: KnowledgeBase) -> frozenset[str]:
    """The stems of every word the pack's items say in their own words (not their keywords)."""
    texts = [item_text(i) for i in (*kb.pack.facts.values(), *kb.pack.events.values())]
    texts += [f"{p.name} {p.description} {' '.join(p.roles)}" for p in kb.pack.people.values()]
    texts += [f"{p.name} {p.kind} {p.description}" for p in kb.pack.places.values()]
    return frozenset(stem(w) for t in texts for w in normalize_pack(t).split())


def thing_asked(parsed: Parsed) -> int | None:
    """Where the thing a "what kind(s) of <thing> ...?" question asks the kind of is said."""
    tokens = parsed.tokens
    for i in range(len(tokens) - 2):
        if tokens[i] in CHOOSERS and tokens[i + 1] in KINDS and tokens[i + 2] == "of":
            at = next((j for j in range(i + 3, len(tokens)) if tokens[j] not in PASSED), None)
            return at if at is not None and at in parsed.content else None
    return None


def settle_kind(kb: KnowledgeBase, answer: Answer, parsed: Parsed) -> Answer:
    """``answer`` to a "what kind of <thing>" question: declined when no item of the pack says the
    thing in its own words (a keyword that only points at "war materiel" names no kind of weapon)."""
    at = thing_asked(parsed)
    if at is None or not answer.answered or not answer.parts:
        return answer
    named = {i for e in parsed.entities for i in range(e.start, e.end)}
    word = parsed.tokens[at]
    if at in named or {word, LEMMAS.get(word, word), word.rstrip("s")} & PEOPLE:
        return answer  # a name, or people ("what kind of forces ...?": "foreign mujahideen" says it)
    said = {stem(w) for w in normalize(answer.parts[0].text).split()}
    if stem(word) in said or stem(word) in _told(kb):
        return answer  # the lead says it, or an item does somewhere: another check's concern
    note = Part(f"The sources do not tell the kind of {word} asked about. The closest they come:", LEAD)
    return answer.declined_with(note, replace(answer.parts[0], kind="para"), *answer.parts[1:2])


def settle_trait(kb: KnowledgeBase, answer: Answer, parsed: Parsed) -> Answer:
    """``answer`` to a question asking a kind whose members the lexicon lists (an ethnicity, a
    nationality): declined when its lead names none of those members ("what nationality was X?" is
    not answered by X's capture, nor "what nationalities were the men in the video?" by the video),
    or, asked of one person, does not name them (the foreign fighters' countries are not X's)."""
    asked = focus(parsed, ENGLISH)  # what is asked, not a word around it ("its Western allies")
    if asked is None or parsed.tokens[asked] not in KINDS_OF or parsed.yes_no or not answer.answered:
        return answer
    lead = f" {normalize(answer.parts[0].text)} "
    people = {e.value for e in parsed.entities if e.type == "person"}
    about = len(people) != 1 or any(f" {n} " in lead for n in spellings(kb, next(iter(people))))
    if about and set(lead.split()) & KINDS_OF[parsed.tokens[asked]]:
        return answer
    note = Part(f"The sources do not give the {parsed.tokens[asked]} asked about. The closest they come:", LEAD)
    return answer.declined_with(note, replace(answer.parts[0], kind="para"))
