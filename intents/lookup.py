"""What handlers share: reading a question's counts, ranking a topic's facts, sides,
what the last answer cited, verdicts. Handler modules import this, never each other.
"""

from __future__ import annotations

import re
from collections.abc import Container
from datetime import date
from functools import lru_cache

from knowledge import KnowledgeBase
from knowledge.dates import DateSpec
from knowledge.model import Claim, Event, Fact, Measure, Side
from knowledge.records import dataclass

from .normalize import normalize_pack
from .reply import Request, says_any
from .retrieval import item_text
from .stemming import stem
from .understand import CLAIM_WORDS, PERSON_NOUNS, Parsed, entity_kind, voiced, year_span
from .verdict import item_verdict, plain, spellings
from .vocabulary import load_cues, load_english, load_group_nouns, load_lemmas, load_lexicon

Item = Fact | Event
CUES = load_cues()
# "by 22 July", "until 22 July": a total up to that day, not that day's ("on 22 July", "the 22 July fighting")
UP_TO_DAY = frozenset({"by", "until", "till", "through", "before", "after", "since"})
AS_OF = ["as", "of"]  # "as of 18 July": a total by then too
LEMMAS = load_lemmas()
ENGLISH = load_english()
# "how many were there / did they have / did X say ...": no act of what is counted
LIGHT_VERBS = frozenset(w for name in ("auxiliaries", "claim") for p in load_cues().phrases[name] for w in p) | {
    "been", "being", "got", "get"}
PEOPLE_ONE_BY_ONE = PERSON_NOUNS - load_group_nouns()  # "fighters", "casualties", not "villages"


@lru_cache(maxsize=1 << 12)
def text_words(item: Item) -> frozenset[str]:
    """The words of what an item says, normalised (the same for every question)."""
    return frozenset(normalize_pack(item_text(item)).split())


REASON_WORDS = frozenset(w for p in CUES.phrases["reason_asked"] for w in p)  # why, cause, reason, motive
BECAUSE = tuple(" ".join(p) for p in CUES.phrases["because"])


@lru_cache(maxsize=1 << 12)
def _told_with_reason(item: Item) -> tuple[str, int]:
    """An item's words, normalised and padded, and where its first reason phrase starts (-1: none)."""
    said = f" {normalize_pack(item_text(item))} "
    return said, min((i for p in BECAUSE if (i := said.find(f" {p} ")) >= 0), default=-1)


def reason_of(item: Item) -> str:
    """What an item says before its reason ("agreed to surrender" in "... agreed to surrender in
    return for protection"): the act its reason explains; empty when it gives none in words."""
    said, at = _told_with_reason(item)
    return said[:at] if at > 0 else ""


def gives_reason(item: Item) -> bool:
    """Whether an item gives a reason: a fact kept as the answer to "why", or one saying "because"."""
    if isinstance(item, Fact) and any(w in REASON_WORDS for k in item.keywords for w in normalize_pack(k).split()):
        return True
    return _told_with_reason(item)[1] >= 0


def rank_facts(req: Request, topic: str) -> list[Item]:
    """Facts and events of ``topic``: those explaining most of the question first, then the rest."""
    kb = req.kb
    items: list[Item] = [*kb.facts(topic=topic), *kb.events(topic=topic)]
    if req.retrieval is None:
        return items
    # identity, not equality: comparing frozen dataclasses field by field is slow on big packs
    wanted = _topic_items(kb, topic)
    ranked = [h.item for h in req.retrieval.search(req.parsed) if id(h.item) in wanted]
    seen = {id(i) for i in ranked}
    return ranked + [i for i in items if id(i) not in seen]


@lru_cache(maxsize=64)
def _topic_items(kb: KnowledgeBase, topic: str) -> frozenset[int]:
    """The identities of a topic's facts and events, once per pack and topic."""
    return frozenset(id(i) for i in (*kb.facts(topic=topic), *kb.events(topic=topic)))


def prefer_better_match(req: Request, items: list[Item]) -> list[Item]:
    """Put first a fact from another topic when it explains more of the question
    ("what triggered the battle?" is asked as background, answered by the battle)."""
    if req.retrieval is None or not items:
        return items
    hits = req.retrieval.search(req.parsed)
    if not hits or hits[0].item is items[0]:
        return items
    mine = next((h for h in hits if h.item is items[0]), None)
    covered = mine.covered if mine else frozenset()
    said = req.retrieval.phrase_said(mine, req.parsed) if mine else 0
    better_said = req.retrieval.phrase_said(hits[0], req.parsed) > said
    # explains all that and more, or as much in the very words the question uses, or more words and
    # more of the things the question names ("what did <a mission> report in April?": the mission's report)
    names = req.parsed.covered_by_entities() & req.parsed.content
    more_named = hits[0].covered & names > covered & names and len(hits[0].covered) > len(covered)
    if hits[0].covered > covered or hits[0].covered >= covered and better_said or more_named:
        return [hits[0].item, *(i for i in items if i is not hits[0].item)]
    return items


QUANTITY_OPENERS = tuple(tuple(p.split()) for p in CUES.words_of("quantity_openers"))


def _opener(req: Request, openers: tuple[tuple[str, str], ...]) -> int | None:
    """Where the question first says one of ``openers`` ("how many"), if it does."""
    tokens = req.parsed.tokens
    return next((i for i in range(len(tokens) - 1) if tuple(tokens[i : i + 2]) in openers), None)


def asks_quantity(req: Request) -> bool:
    return _opener(req, QUANTITY_OPENERS) is not None


def asks_count(req: Request) -> bool:
    """"How many ...?", "how much ...?"."""
    return _opener(req, COUNT_OPENERS) is not None


NUMBER_WORDS = CUES.words_of("number_words")
COUNT_OPENERS = tuple(tuple(p.split()) for p in CUES.words_of("count_openers"))


def _counted(req: Request) -> list[int]:
    """The meaningful words after "how many" / "how much", in order."""
    opener = _opener(req, COUNT_OPENERS)
    return [] if opener is None else [i for i in sorted(req.parsed.content) if i > opener + 1]


def _counted_acts(req: Request) -> frozenset[str]:
    """The stems of the verbs a "how many" question says of what it counts ("vanished"), not
    "be", "do", "have" or a verb of saying."""
    named = req.parsed.covered_by_entities()
    tokens = req.parsed.tokens
    return frozenset(stem(tokens[i]) for i in _counted(req)[1:] if i not in named and tokens[i] not in LIGHT_VERBS
                     and "V" in ENGLISH.get(tokens[i], "N") and "N" not in ENGLISH.get(tokens[i], "N"))


def counted_noun(req: Request) -> str | None:
    """What "how many ..." counts: its first meaningful word that is not a name ("children")."""
    named = req.parsed.covered_by_entities()
    tokens, content = req.parsed.tokens, req.parsed.content
    # "how many failed offensives": a word that is no noun, right before one, only qualifies it
    noun = next((tokens[i] for i in _counted(req) if i not in named and not (
        "N" not in ENGLISH.get(tokens[i], "N") and i + 1 in content and i + 1 not in named)), None)
    return None if noun in ANYONE else noun  # "how many people ...": any count will do


ANYONE = CUES.words_of("anyone")


def counted_head(req: Request) -> str | None:
    """The word right after "how many" when it is a meaningful word and no name ("how many
    airstrikes ...", not "how many did ...")."""
    opener = _opener(req, COUNT_OPENERS)
    at = None if opener is None else opener + 2
    if at is None or at not in req.parsed.content or at in req.parsed.covered_by_entities():
        return None
    word = req.parsed.tokens[at]
    return None if word in ANYONE else word


def counted_group(req: Request) -> list[str]:
    """The names of the side or group "how many ..." counts, when a group's name comes first."""
    counted = _counted(req)
    if not counted:
        return []
    entity = next((e for e in req.parsed.entities if e.type == "group" and e.start <= counted[0] < e.end), None)
    return spellings(req.kb, entity.value) if entity else []


def gives_figure(req: Request, item: Item) -> bool:
    """Whether an item answers the "how many ..." it is asked. When the item names the thing
    counted, a number must stand in the same clause ("more than 100 civilians, children among
    them" counts civilians, not children); otherwise, and for "how long", any number will do."""
    text = item_text(item)
    years = year_span(req.kb)  # a four-digit number near the pack's own dates is a year ...
    if not asks_count(req):
        years = (0, -1)  # ... but "how long had they ...?" is answered by one ("since 1698")
    grouped = frozenset(n.replace(",", "") for n in GROUPED.findall(text))  # "2,000" is no year
    has_number = _has_count(plain(text), years, grouped)
    acts = _counted_acts(req)
    if acts:  # "how many fighters vanished?" is not answered by "245 surrendered ... some vanished"
        told = [c for c in map(plain, SENTENCES.split(text)) if acts & {stem(w) for w in c.split()}]
        if told and not any(_has_count(c, years, grouped) for c in told):
            return False
    group = counted_group(req)
    if group:  # "how many American soldiers ...": the number must be theirs, not "22 IS-KP fighters"
        clauses = [plain(c) for c in CLAUSES.split(text)]
        return any(_has_count(c, years, grouped) and any(f" {n} " in f" {c} " for n in group) for c in clauses)
    noun = counted_noun(req)
    if noun is None:
        return has_number
    wanted = stem(noun)
    if isinstance(item, Fact) and any(  # a fact may say which counts it gives ("how many times")
        plain(k).startswith("how many") and wanted in {stem(w) for w in plain(k).split()} for k in item.keywords
    ):
        return True
    if wanted not in {stem(w) for w in plain(text).split()}:
        # "how many weapons ...?" is not answered by "hundreds of casualties": a thing counted, only people told
        thing = LEMMAS.get(noun, noun) not in PERSON_NOUNS
        return has_number and not (thing and _counts_people_only(plain(text), years, grouped))
    clauses = [plain(c) for c in CLAUSES.split(text)]
    return any(_has_count(c, years, grouped) and wanted in {stem(w) for w in c.split()} for c in clauses)


GROUPED = re.compile(r"\b\d{1,3}(?:,\d{3})+\b")  # a number written in thousands: a count, never a year
CLAUSES = re.compile(r"[;:()]|,(?!\d{3})|\band\b")  # "3,500" is one number, not two clauses
SENTENCES = re.compile(r"[.;]\s")  # "245 surrendered ... . Some fighters vanished": a count of its own sentence


MONTHS = frozenset(load_lexicon().months)


def names_a_day(text: str) -> bool:
    """Whether a text names a day of a month ("20 July 2018", "July 20"), not only a month or a year."""
    words = text.casefold().replace(",", " ").split()
    return any(w in MONTHS and any(x.isdigit() and int(x) <= 31 for x in words[max(0, i - 1) : i + 2])
               for i, w in enumerate(words))


@lru_cache(maxsize=1 << 12)
def _counts_people_only(text: str, years: tuple[int, int], grouped: frozenset[str] = frozenset()) -> bool:
    """Whether every number in ``text`` counts people ("hundreds of casualties", "245 fighters"; but
    "two villages" are places)."""
    words = text.split()
    heads = []
    for i in range(len(words)):
        if _counts_at(words, i, years, grouped):
            rest = [x for x in words[i + 1 : i + 4] if x not in NUMBER_WORDS and x not in ("of", "more", "than")]
            heads.append(rest[0] if rest else "")
    return bool(heads) and all(LEMMAS.get(h, h) in PEOPLE_ONE_BY_ONE for h in heads)


@lru_cache(maxsize=1 << 14)
def _has_count(clause: str, years: tuple[int, int], grouped: frozenset[str] = frozenset()) -> bool:
    """A number that counts something: not a year, not the day of a date ("15 April"); the same
    items' clauses come back question after question."""
    words = clause.split()
    return any(_counts_at(words, i, years, grouped) for i in range(len(words)))


def counted_numbers(text: str, years: tuple[int, int]) -> set[str]:
    """The words of a text that count something (not a year near ``years``, not a day beside its
    month), as the text says them plainly."""
    grouped = frozenset(n.replace(",", "") for n in GROUPED.findall(text))
    words = plain(text).split()
    return {w for i, w in enumerate(words) if _counts_at(words, i, years, grouped)}


def _counts_at(words: list[str], i: int, years: tuple[int, int], grouped: frozenset[str] = frozenset()) -> bool:
    """Whether ``words[i]`` is a number that counts: a number word, or digits that are neither a
    year near the pack's own nor the day beside a month's name."""
    w = words[i]
    if w in NUMBER_WORDS:
        return True
    if not w.isdigit() or (len(w) == 4 and years[0] <= int(w) <= years[1] and w not in grouped):
        return False
    return not {words[j] for j in (i - 1, i + 1) if 0 <= j < len(words)} & MONTHS


def unanswered_words(req: Request, item: Item) -> set[int]:
    """Meaningful question words neither the intent's keywords, its names, nor the item explain."""
    if req.retrieval is None:
        return set()
    covered = req.retrieval.covered_by(req.parsed, item, req.explained)
    english = load_english()
    left = set(req.parsed.content) - set(req.explained) - set(covered)
    return {i for i in left if english.get(req.parsed.tokens[i]) != "R"}  # "roughly", "usually": a manner


WHO_WORDS = frozenset(" ".join(p) for p in CUES.phrases["who"])
FOCUS_KINDS = ("person", "place", "group")  # what "he", "there", "they" may next refer to


def new_actors(req: Request, item: Item, people: bool = False) -> set[str]:
    """Who the item names that the question did not: people for "who was X?" (an identity) or
    with ``people``, else people, groups and sources (its claimant included) for "who did ...?"."""
    ids = item.about if isinstance(item, Fact) else (*item.people, *item.groups)
    tokens = req.parsed.tokens
    identity = len(tokens) > 2 and tokens[1] in ("was", "is") and tokens[2] in ("the", "a", "an")  # "who was the X?"
    identity = identity or people
    kinds = ("person",) if identity else ("person", "group", "source")
    actors = {i for i in ids if entity_kind(req.kb, i) in kinds}
    if not identity:
        actors |= {item.evidence.claimant} - {req.kb.pack.conflict.evidence.claimant}  # not the narrator
    return actors - {e.value for e in req.parsed.entities}


def confirms(req: Request, item: Item) -> bool:
    return verdict(req, item) == "Yes"


def verdict(req: Request, item: Item) -> str | None:
    return item_verdict(req.kb, req.parsed, item)


AUXILIARIES = CUES.words_of("active_openers")  # did, do, has, ...: "how many did X kill?"
AGENT_WORDS = CUES.words_of("agent_words")  # "killed by X"
ARTICLES = CUES.words_of("articles")
OUTSIDE = CUES.words_of("outside_words")  # "fighters from outside the north": a place they are not from
OPPOSED = CUES.words_of("opposed_words")  # "their push against X": X is fought, not counted
SUBJECT_PRONOUNS = frozenset({"they", "it", "he", "she", "we"})
INFLICT = frozenset(w for p in CUES.phrases["inflict"] for w in p)


def actors(req: Request) -> list[str]:
    """Groups the question makes the doer of a count verb, not its victims: "how many did X
    kill?", "how many prisoners did X take?", "how many did X say they killed?"."""
    tokens = req.parsed.tokens
    inflict, claim = INFLICT, CLAIM_WORDS
    out = []
    for e in req.parsed.entities:
        if e.type != "group" or word_before(tokens, e.start) not in AUXILIARIES:  # "did the air force kill?"
            continue
        after = tokens[e.end : e.end + 3]
        if after[:1] and after[0] in inflict:
            out.append(e.value)
        elif len(after) >= 3 and after[0] in claim and after[1] in SUBJECT_PRONOUNS and after[2] in inflict:
            out.append(e.value)
    return out


def agents(req: Request) -> list[str]:
    """Groups a question makes the agent of what it counts: "killed **by** X"."""
    tokens = req.parsed.tokens
    return [e.value for e in req.parsed.entities
            if e.type == "group" and e.start > 1 and word_before(tokens, e.start) in AGENT_WORDS]


def outside_agents(req: Request) -> list[str]:
    """Agents ("killed by X") that fight on no side of the conflict: the sides' figures count their
    losses, not what X inflicted."""
    return [g for g in agents(req) if side_of(req, g) is None]


def word_before(tokens: list[str], start: int) -> str:
    """The word before the name at ``start``, past an article ("by **the** air force": "by"); empty at
    the question's start."""
    k = start - 1 - (start > 1 and tokens[start - 1] in ARTICLES)
    return tokens[k] if k >= 0 else ""


def speaking_sources(req: Request) -> list[str]:
    """Sources that are people the question names ("according to Nemat")."""
    people = set(req.ids("person"))
    if not people:  # most questions name no one: no walk over every source
        return []
    sources, by_person = _sources_of_people(req.kb)
    return [sources[n] for n in sorted(n for p in people for n in by_person.get(p, ()))]


@lru_cache(maxsize=8)
def _sources_of_people(kb: KnowledgeBase) -> tuple[tuple[str, ...], dict[str, list[int]]]:
    """The pack's source ids, and each person -> the positions of the sources that are that person
    (``speaking_sources`` keeps pack order without walking every source of a big pack)."""
    sources = tuple(kb.pack.sources)
    by_person: dict[str, list[int]] = {}
    for n, s in enumerate(kb.pack.sources.values()):
        if s.person:
            by_person.setdefault(s.person, []).append(n)
    return sources, by_person


def opponents(req: Request, group_ids: list[str]) -> list[str]:
    """The main groups of the sides the given groups fight against."""
    own = {side_of(req, g) for g in group_ids}
    return [s.groups[0] for s in req.kb.pack.conflict.sides if s not in own and s.groups]


def side_of(req: Request, group_id: str) -> Side | None:
    """The side a group fights on (directly or as one of its units/sub-groups)."""
    for side in req.kb.pack.conflict.sides:
        if group_id in side.groups or group_id in side.units:
            return side
    group = req.kb.pack.groups.get(group_id)
    if group and group.side and group.side != group_id:
        return side_of(req, group.side)
    return None


def cited_items(req: Request) -> list[Event | Claim]:
    """Events and claims the last answer cited, in citation order ("when?", "where?" after it)."""
    last = req.context.last_answer
    if last is None:
        return []
    quoting = req.kb.events_and_claims_quoting
    found = [item for c in last.citations for item in quoting.get(c.quote, ())]
    return list(dict.fromkeys(found))


# -- claims questions, read compositionally ------------------------------------------------

OWN = frozenset(w for p in CUES.phrases["own"] for w in p)


@dataclass(frozen=True)
class Voice:
    """One claimant as the question names it: a source, a person speaking as one, or a side
    speaking through every source of its own."""

    label: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ClaimsReading:
    """What a claims question is made of, whatever order its words come in."""

    kinds: tuple[str, ...]  # measure kinds named ("killed")
    subjects: tuple[str, ...]  # groups whose figures are asked ("Y" in "X's figure for Y")
    voices: tuple[Voice, ...]  # claimants named
    numbers: tuple[float, ...]  # every number quoted, a figure of the sources or not
    own: bool  # "their own losses": the claimant's own side is counted

    def sources(self) -> set[str]:
        return {s for v in self.voices for s in v.sources}


def passage_beside(req: Request, claim: Claim) -> Item | None:
    """The fact telling the passage a claim's figure comes from, when it says a word of the question
    the answering intent leaves unexplained ("from the south?" of a claim of fighters brought "from
    various regions, including Helmand"): where the figure's own words stop short."""
    if req.retrieval is None:
        return None
    left = req.parsed.content - req.explained - req.parsed.covered_by_entities()
    if not left:
        return None
    return next((item for item in req.retrieval.quoting(claim.evidence.quote)
                 if req.retrieval.covered_by(req.parsed, item) & left), None)


def gives_figures(req: Request, reading: ClaimsReading) -> bool:
    """Whether a claimant the question names gives figures, or judges others' ("what did he say
    about the prisoners?" asks a spokesman's words, not a figure)."""
    return bool(reading.sources() & req.kb.speaking_sources)


def _side_sources(req: Request, group: str) -> tuple[str, ...]:
    return tuple(s for s in req.kb.voices_of.get(group, ()) if req.kb.pack.sources[s].affiliation == group)


JOINS = frozenset({"and", "or", "vs", "versus"})
POSSESSIVE_END = re.compile(r"['’`´]s?\W*$")  # a question ending on a possessive, its noun left out


def _joined(tokens: list[str], start: int, ends: set[int]) -> bool:
    """Whether a name is joined to a claimant named just before it ("the government's and the
    rebels' numbers": both speak)."""
    at = start - 1
    while at >= 0 and tokens[at] == "the":
        at -= 1
    return at >= 0 and tokens[at] in JOINS and at in ends


def _joined_to(tokens: list[str], end: int, starts: set[int]) -> bool:
    """Whether a name is joined to a claimant named just after it."""
    at = end + 1 if end < len(tokens) and tokens[end] in JOINS else None
    while at is not None and at < len(tokens) and tokens[at] == "the" and at not in starts:
        at += 1
    return at is not None and at in starts


def read_claims(req: Request) -> ClaimsReading:
    """The measure kinds, the sides counted, the claimants and the numbers a question names
    (``_read_claims``), read once per question and slots: routes ask it again and again."""
    key = ("claims", len(req.parsed.entities), frozenset(req.from_context), req.measures,
           tuple(sorted((k, tuple(v)) for k, v in req.slots.items())))
    cache = req.parsed.cache
    if key not in cache:
        cache[key] = _read_claims(req)
    return cache[key]


def _read_claims(req: Request) -> ClaimsReading:
    """The measure kinds, the sides counted, the claimants and the numbers a question names.
    A side speaks when it stands where a claimant does ("according to X", "X says", "X's
    figure") or when no figure counts it ("the government says ..."); otherwise it is counted."""
    kb = req.kb
    parsed = req.parsed
    tokens = parsed.tokens
    counted = kb.counted_groups
    source_spans = {(e.start, e.end): e.value for e in parsed.entities if e.type == "source"}
    voices: list[tuple[int, Voice]] = []  # where each is named, and who
    ends: set[int] = set()  # where a name that speaks ends
    elided = bool(POSSESSIVE_END.search(parsed.raw))  # "... compare with the Taliban's?": the Taliban's figure
    compares = elided and says_any(tokens, CUES.phrases["compare"])  # read only when it may matter
    subjects: list[str] = []
    for e in parsed.entities:
        span = (e.start, e.end)
        if e.type == "source" and not any(o.type in ("group", "person") and (o.start, o.end) == span
                                          for o in parsed.entities):  # a side or person speaking: once, below
            voices.append((e.start, Voice(kb.display_name(e.value), (e.value,))))
            ends.add(e.end)
        elif e.type == "person":
            spoken = tuple(s for s in kb.voices_of.get(e.value, ()) if kb.pack.sources[s].person == e.value)
            if spoken:
                voices.append((e.start, Voice(kb.display_name(e.value), spoken)))
                ends.add(e.end)
        elif e.type == "group":
            own = _side_sources(req, e.value) or ((source_spans[span],) if span in source_spans else ())
            if own and (e.value not in counted or voiced(tokens, e.start, e.end) or _joined(tokens, e.start, ends)
                        or e.end == len(tokens) and elided and (voices or compares)):  # "... with the rebels'?"
                voices.append((e.start, Voice(kb.display_name(e.value), own)))
                ends.add(e.end)
            elif e.value not in subjects and word_before(tokens, e.start) not in OPPOSED:
                subjects.append(e.value)  # "their push against ISIS-K": whom they fought, not whose dead
    starts = {at for at, _ in voices}
    for e in parsed.entities:  # "the League's and the Front's numbers": the first speaks as the second does
        if e.type == "group" and e.value in subjects and _joined_to(tokens, e.end, starts):
            span = (e.start, e.end)
            own = _side_sources(req, e.value) or ((source_spans[span],) if span in source_spans else ())
            if own:
                subjects.remove(e.value)
                voices.append((e.start, Voice(kb.display_name(e.value), own)))
    voices.sort(key=lambda v: v[0])
    inherited = req.from_context  # a follow-up ("and by X's count?") keeps what it does not replace
    if "group" in inherited and not subjects:
        subjects = [g for g in req.ids("group") if g in counted]
    if "source" in inherited and not voices:
        voices = [(len(tokens), Voice(kb.display_name(s), (s,))) for s in req.ids("source")]
    doers = actors(req)  # "how many of Y did X kill?": X is not counted
    subjects = [g for g in subjects if g not in doers] or subjects or (opponents(req, doers) if doers else [])
    kinds = tuple(dict.fromkeys(e.value for e in parsed.entities if e.type == "kind")) or (
        tuple(req.ids("kind")) if "kind" in inherited else ()) or req.measures  # routed from strength: strength
    owner = next((i for i, t in enumerate(tokens) if t in OWN), None)
    earlier = [v for at, v in voices if owner is not None and at < owner]
    if owner is not None and not earlier and "source" in inherited:  # "and their own dead?" after X's figures
        earlier = [v for _, v in voices]
    speaker = earlier[-1] if earlier else None
    referred = {e.value for e in parsed.entities if e.type == "group" and e.start in parsed.pronouns.values()}
    if speaker is not None and (set(subjects) <= referred or "group" in inherited):
        # "their own", "did they admit losing": the speaker's side, not the last side named or counted
        subjects = []
    own_side = speaker is not None and not subjects
    if speaker is not None:  # "what did X say about his own losses?": the claimant's side is counted
        side = next((kb.pack.sources[s].affiliation for s in speaker.sources if kb.pack.sources[s].affiliation), None)
        if side and not subjects:
            subjects.append(side)
    dates = {i for e in parsed.entities if e.type == "date" for i in range(e.start, e.end)}
    numbers = tuple(float(t) for i, t in enumerate(tokens) if t.isdigit() and i not in dates)
    unique = tuple(dict.fromkeys(v for _, v in voices))
    return ClaimsReading(kinds, tuple(subjects), unique, numbers, own_side)


CONFLICT_KINDS = frozenset(load_lexicon().conflict_kinds)


def other_conflict(req: Request) -> tuple[str, str] | None:
    """"The Ghazni offensive": a conflict named after a place outside the pack's own (the place's
    id, and the name as the question gives it), which the pack's dates do not date."""
    kb, tokens = req.kb, req.parsed.tokens
    own = set(kb.pack.conflict.places)
    for e in req.parsed.entities:
        if e.type != "place" or e.end >= len(tokens) or tokens[e.end] not in CONFLICT_KINDS:
            continue
        record = kb.place_record(e.value)
        if e.value not in own and not {p.id for p in record.parents} & own:
            return e.value, f"the {kb.display_name(e.value)} {tokens[e.end]}"
    return None


def in_scope(req: Request, claim: Claim) -> bool:
    """Claims dated outside the conflict (earlier raids, later events) are left out
    unless the question asks for that date."""
    span = req.kb.pack.conflict.date
    dates = _dates_in_scope(req.parsed, span)
    if dates:  # "in 2018" names the conflict's own year: no narrower than the conflict itself
        days = (e for e in req.parsed.entities if e.type == "date" and e.date)
        if claim.date is not None and claim.date.kind != "day" and any(_one_day(req, e) for e in days):
            return False  # "how many were killed on 22 July?": a toll of late July is not that day's
        return claim.date is not None and any(_overlap(claim, d) for d in dates)
    return _within(claim, span)


def claims_in_scope(req: Request, measure_id: str) -> list[Claim]:
    """The measure's claims that are ``in_scope``, lowest figure first; without a date asked, read
    from a table built once per pack (a big pack's claims tested one by one cost a figures
    question milliseconds)."""
    kb = req.kb
    if _dates_in_scope(req.parsed, kb.pack.conflict.date):
        return [c for c in kb.claims_of(measure_id) if in_scope(req, c)]
    return list(_claims_within(kb).get(measure_id, ()))


def has_claim_in_scope(req: Request, measure_id: str) -> bool:
    """Whether some claim of the measure is ``in_scope`` (``claims_in_scope``, without the list)."""
    within = measures_in_scope(req)
    if within is None:
        return any(in_scope(req, c) for c in req.kb.claims_of(measure_id))
    return measure_id in within


def measures_in_scope(req: Request) -> Container[str] | None:
    """The measures with a claim ``in_scope`` when the question asks no date (a table built once
    per pack); None when it asks one (then each claim is tested)."""
    kb = req.kb
    return None if _dates_in_scope(req.parsed, kb.pack.conflict.date) else _claims_within(kb)


@lru_cache(maxsize=8)
def _claims_within(kb: KnowledgeBase) -> dict[str, tuple[Claim, ...]]:
    """Each measure with a claim inside the conflict's dates -> those claims, lowest figure first
    (what ``in_scope`` keeps when no date is asked)."""
    span = kb.pack.conflict.date
    within = {m: tuple(c for c in kb.claims_of(m) if _within(c, span)) for m in kb.pack.measures}
    return {m: claims for m, claims in within.items() if claims}


def _within(claim: Claim, span: DateSpec) -> bool:
    """Whether a claim falls inside the conflict's dates (an undated one does; "by" a later day does)."""
    if claim.date is None:
        return True
    start = claim.date.start or claim.date.end
    return span.start is None or (start >= span.start and claim.date.end <= span.end) or (
        claim.date.kind in ("by", "approx") and claim.date.end >= span.start
    )


def _one_day(req: Request, e) -> bool:
    """"On 22 July", "in the 22 July fighting": one day asked for, not a total by then ("by 22 July")."""
    tokens = req.parsed.tokens
    return e.date.kind == "day" and (e.start == 0 or tokens[e.start - 1] not in UP_TO_DAY
                                     and tokens[max(0, e.start - 2) : e.start] != AS_OF)


def _dates_in_scope(parsed: Parsed, span: DateSpec) -> list[DateSpec]:
    """The dates a question asks about that are narrower than the conflict, read once per question
    (a big pack's claims are tested one by one) and again if its entities have changed since."""
    entities = parsed.entities
    known = parsed.cache.get("scope_dates")
    if known is None or known[0] is not entities or known[1] != len(entities):
        dates = [e.date for e in entities if e.type == "date" and e.date and not _contains(e.date, span)]
        known = parsed.cache["scope_dates"] = (entities, len(entities), dates)
    return known[2]


def _contains(d, span) -> bool:
    """Whether a date asked about takes in the whole conflict ("2018" for a battle of July 2018)."""
    return span.start is not None and d.start is not None and d.start <= span.start and span.end <= d.end


def _overlap(claim: Claim, d) -> bool:
    start = claim.date.start or claim.date.end
    lower = d.start or date.min
    return start <= d.end and claim.date.end >= lower


def measure_words(measure: Measure) -> set[str]:
    return {stem(w) for w in normalize_pack(f"{measure.name} {measure.subject_label} {measure.description}").split()}


WIDE_PLACES = ("country", "region")  # "killed in northern Afghanistan": the battle's figures are there too


def places_unclaimed(req: Request, measures: list[str], references: bool = False) -> list[str]:
    """The places a figures question names (with ``references``, also by "there", and then no country
    or region around the fighting) that are not the conflict's own and that no claim of ``measures`` mentions:
    "how many soldiers were stationed at the camp?" of figures about other places."""
    kb = req.kb
    own = set(kb.pack.conflict.places)  # the conflict's own places: every figure is about them
    referred = set(req.parsed.pronouns.values())
    places = [e.value for e in req.parsed.entities
              if e.type == "place" and e.value not in own and (references or e.start not in referred)
              and not (references and kb.pack.places[e.value].kind in WIDE_PLACES)
              and word_before(req.parsed.tokens, e.start) not in OUTSIDE]  # "from outside the north": not there
    if not places:  # most questions name none: the claims are not read
        return []
    claims = [c for m in measures for c in kb.claims_of(m)]
    said = " ".join(plain(f"{kb.pack.measures[c.measure].name} {c.note} {c.evidence.quote}") for c in claims)
    return [kb.display_name(p) for p in places if not any(f" {n} " in f" {said} " for n in spellings(kb, p))]
