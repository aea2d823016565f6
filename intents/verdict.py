"""Yes or no from a fact: does an item settle what a yes/no question asks?

Kept apart from the handlers because the engine asks it too: a yes/no question goes to a
fact that settles it rather than to an intent that cannot.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from knowledge import KnowledgeBase
from knowledge.model import Event, Fact

from .clauses import LEMMAS
from .normalize import normalize_pack
from .retrieval import INTENTIONS, item_text
from .stemming import stem
from .understand import Parsed
from .vocabulary import load_cues, load_lexicon

Item = Fact | Event
plain = lru_cache(maxsize=1 << 14)(normalize_pack)  # the pack's texts, normalised once each

VERDICT_CANDIDATES = 4  # a yes/no question may be decided by one of the best few matches
CLOSE_MATCH = 0.8  # ... that explains nearly as much of it as the best
CUES = load_cues()
NEGATIONS = CUES.words_of("negations")


def close_hits(hits: list) -> list:
    """Of the best few matches, those that explain nearly as much of the question as the best."""
    return [h for h in hits[:VERDICT_CANDIDATES] if h.score >= hits[0].score * CLOSE_MATCH]


def spellings(kb: KnowledgeBase, ident: str) -> list[str]:
    """An entity's name and aliases, normalised as the pack's texts are."""
    names = (kb.display_name(ident), *getattr(kb.get(ident), "aliases", ()))
    return [n for n in map(plain, names) if n]


class _Said(NamedTuple):
    own: frozenset[str]  # stems of its sentence
    keyword_forms: frozenset[str]  # for a fact, its keywords' words and their dictionary forms
    phrasings: tuple[str, ...]  # its sentence, then its keywords, normalised
    denied: frozenset[str]  # stems of what a fact denies
    padded: str = ""  # the phrasings, a space either side, one a line: a whole name is found in one scan


@lru_cache(maxsize=1 << 12)
def _said(item: Item) -> _Said:
    """What an item says, in the forms a verdict compares a question with (the same for every question)."""
    text = plain(item_text(item))
    own = frozenset(stem(w) for w in text.split())
    if not isinstance(item, Fact):
        return _Said(own, frozenset(), (text,), frozenset(), f" {text} ")
    # a fact's keywords are the words people use for what it says
    denied = frozenset(stem(w) for d in item.denies for w in plain(d).split())
    phrasings = (text, *(plain(k) for k in item.keywords))
    forms = frozenset(f for k in item.keywords for w in plain(k).split() for f in (w, LEMMAS.get(w, w)))
    return _Said(own, forms, phrasings, denied, "\n".join(f" {p} " for p in phrasings))


def item_verdict(kb: KnowledgeBase, parsed: Parsed, item: Item) -> str | None:
    """"Yes" when an item plainly says what a yes/no question asks, "No" when it rules it out.

    Yes: every meaningful word of the question is in the item's own sentence or its
    curated keywords (not just its quote), the names come in the same order ("did X
    behead Y" is not "Y beheaded X"), and the sentence has no negation before them.
    No: the words the item does not say are words it denies ("allies" against "rivals").
    Otherwise None: the facts are shown without a verdict.
    """
    key = ("verdict", id(item))  # asked of the same close matches by the policy, then the handler
    if key not in parsed.cache:
        parsed.cache[key] = _verdict(kb, parsed, item)
    return parsed.cache[key]


def _verdict(kb: KnowledgeBase, parsed: Parsed, item: Item) -> str | None:
    if len(parsed.content) < 2:
        return None  # "was it kept?": one word matched is no proof the fact speaks of the same thing
    said = _said(item)
    own, phrasings = said.own, said.phrasings
    asked = {stem(parsed.tokens[i]) for i in parsed.content}
    preferred, rejected = _contrast(item)
    # "were they treated like prisoners?" against "more like guests than prisoners": no
    denied: set[str] = set(rejected) if asked & rejected and not asked & preferred else set()
    denied |= said.denied
    denying = False
    names: list[list[str]] = []  # each named entity's spellings, in question order
    placed: set[int] = set()  # entities already placed (an alias may start with "the")
    for i in sorted(parsed.content):
        entity = next((e for e in parsed.entities if e.start <= i < e.end), None)
        if i in parsed.intention and any(p in said.padded for p in INTENTIONS):
            continue  # "did he want to ...?" of "he was thinking of ...": the wish is said
        if entity is None or entity.type in ("kind", "figure"):  # "captured", "245": words like any other
            word = stem(parsed.tokens[i])
            if word in denied:
                denying = True
            elif word not in own and not _keyword_says(said, parsed.tokens[i]) and not _kin_said(
                    parsed.tokens[i], said.padded):
                return None
            elif parsed.tokens[i] in JUDGEMENTS and word not in own:
                return None  # "is that number reliable?": a fact found by "how reliable" does not vouch for it
            continue
        if entity.type == "conflict":  # the battle itself is what every item is about
            continue
        if entity.type == "date":  # "was it in 2018?": the item must say that date
            if entity.date is None or not any(str(entity.date.end.year) in p for p in phrasings):
                return None
            continue
        item_ids = item.about if isinstance(item, Fact) else (*item.people, *item.places, *item.groups)
        names_of = spellings(kb, entity.value) + _voices_of(kb, entity.value)
        # (a name has no line break: it is found within one phrasing, as before)
        if entity.value not in item_ids and not any(f" {n} " in said.padded for n in names_of):
            return None
        if entity.start not in placed:
            placed.add(entity.start)
            names.append(names_of)
    if denying:
        return "No"
    if any(t in UNIVERSAL for t in parsed.tokens):
        return None  # "did all the fighters make it?": one fact cannot vouch for every one of them
    if names and parsed.tokens[0] in ACTIVE_OPENERS and not _subject_leads(kb, item, phrasings[1:], names[0]):
        return None  # "did IS-KP win?" is not settled by "the Taliban's win over IS-KP"
    # the sentence may leave a name implicit; a keyword phrasing ("Taliban captured Darzab")
    # counts only when it names them all
    in_order = _in_order(phrasings[0], names) or any(_in_order(p, names, complete=True) for p in phrasings[1:])
    return "Yes" if in_order else None


def _keyword_says(said: _Said, word: str) -> bool:
    """Whether a keyword has the word in one of its forms ("tried" for "try"): a shared crude stem
    is not enough there, since a keyword is a bare phrase ("public relations" is not "related")."""
    return word in said.keyword_forms or LEMMAS.get(word, word) in said.keyword_forms


SAME_THINGS = load_lexicon().same_things  # "militants" -> "fighter"
KIN: dict[str, tuple[str, ...]] = {}
for _word, _head in SAME_THINGS.items():
    KIN[_head] = (*KIN.get(_head, (f" {_head} ",)), f" {_word} ")  # the head is a word for it too


KINDS_OF = {w: tuple(f" {m} " for m in members) for w, members in load_lexicon().kinds_of.items()}


def _kin_said(word: str, padded: str) -> bool:
    """Whether an item says another word for the same thing as ``word`` ("fighters" for "jihadists"),
    or names one of the kind ``word`` is ("French" for "Europeans")."""
    head = SAME_THINGS.get(word)
    if head is not None and any(w in padded for w in KIN[head]):
        return True
    return any(m in padded for m in KINDS_OF.get(word, ()))


UNIVERSAL = CUES.words_of("universal")
JUDGEMENTS = frozenset(w for p in CUES.phrases["reliability"] for w in p)  # reliable, credible, true, ...
CONTRAST_WORDS = [tuple(p.split()) for p in sorted(CUES.words_of("contrasts"), key=len, reverse=True)]
CONTRAST_STEMS = {stem(w) for p in CONTRAST_WORDS for w in p}
CLAUSE_END = re.compile(r"[,.;:()]")


@lru_cache(maxsize=1 << 12)
def _contrast(item: Item) -> tuple[frozenset[str], frozenset[str]]:
    """What an item sets against what ("handled more like guests than like prisoners"): the stems
    of the words just before a contrast and of those after it, clause by clause ("more than 100"
    compares numbers, not things)."""
    preferred: set[str] = set()
    rejected: set[str] = set()
    for clause in CLAUSE_END.split(item_text(item)):
        words = plain(clause).split()
        for i in range(len(words)):
            c = next((c for c in CONTRAST_WORDS if tuple(words[i : i + len(c)]) == c), None)
            after = words[i + len(c) :] if c else []
            if c and after and not after[0].isdigit():
                preferred |= {stem(w) for w in words[max(0, i - 2) : i]}
                rejected |= {stem(w) for w in after} - CONTRAST_STEMS
                break
    return frozenset(preferred), frozenset(rejected)


ACTIVE_OPENERS = CUES.words_of("active_openers")


@lru_cache(maxsize=4)
def _actor_names(kb: KnowledgeBase) -> tuple[frozenset[tuple[str, ...]], int]:
    """Every name of a side or a person, as word tuples, and the longest one's length."""
    entities = (*kb.pack.groups.values(), *kb.pack.people.values())
    names = frozenset(tuple(n.split()) for e in entities for n in map(plain, (e.name, *e.aliases)) if n)
    return names, max((len(n) for n in names), default=0)


CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:" + "|".join(sorted(CUES.words_of("clause_breaks"))) + r")\b")


def _subject_leads(kb: KnowledgeBase, item: Item, keywords: list[str], subject: list[str]) -> bool:
    """Whether the item makes the question's subject ("did X ...?") the subject: named in its
    sentence with no other side or person before it in that clause ("the Taliban's win over
    IS-KP" does not say IS-KP won), or named in one of its curated keyword phrasings."""
    names, longest = _actor_names(kb)
    own = {tuple(n.split()) for n in subject}
    for clause in CLAUSE_BREAK.split(item_text(item)):
        text = plain(clause)
        found = [text.find(n) for n in subject if f" {n} " in f" {text} "]
        if not found:
            continue
        before = text[: min(found)].split()
        spans = (tuple(before[i : i + k]) for i in range(len(before)) for k in range(1, longest + 1))
        if not any(span in names and span not in own for span in spans):
            return True
    return any(f" {n} " in f" {k} " for n in subject for k in keywords)


@lru_cache(maxsize=1 << 10)
def _voices_cached(kb: KnowledgeBase, side: str) -> tuple[str, ...]:
    return tuple(n for s in kb.pack.sources.values() if s.affiliation == side and not s.person
                 for n in spellings(kb, s.id))


def _voices_of(kb: KnowledgeBase, ident: str) -> list[str]:
    """The names of the voices a side speaks and acts through ("the US Department of Defense" for
    the US military): did the side do what its own department did?"""
    return list(_voices_cached(kb, ident)) if ident in kb.pack.groups else []


def _in_order(text: str, names: list[list[str]], complete: bool = False) -> bool:
    """Whether the names the text mentions come in the question's order, with no negation
    before the last of them ("X did not ...")."""
    positions = []
    padded = f" {text} "
    for spellings in names:
        found = [text.find(n) for n in spellings if f" {n} " in padded]
        if found:
            positions.append(min(found))
    if complete and len(positions) < len(names):
        return False
    if positions != sorted(positions):
        return False
    end = max(positions, default=len(text))
    return not set(text[: end + 1].split()) & NEGATIONS
