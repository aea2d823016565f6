"""Turn a question into tokens, corrected spellings and recognised entities.

Entities come from the fact base's names and aliases (people, places, groups,
sources, the conflict), the lexicon's measure kinds, and dates written the
ways people write them ("22 july", "july 22nd", "15th of april 2018").
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta
from functools import lru_cache
from itertools import pairwise

from knowledge import KnowledgeBase
from knowledge.dates import MONTH_PARTS, DateSpec, day_text, part_of_month
from knowledge.records import dataclass, field

from .clauses import question_first
from .normalize import clean, normalize, normalize_pack
from .spelling import SpellIndex, WordSets
from .vocabulary import (
    IntentSpec,
    Lexicon,
    Phrase,
    load_cues,
    load_derivations,
    load_english,
    load_lemmas,
    load_person_nouns,
    phrase,
)

WH_WORDS = load_cues().words_of("wh_words")
BE_FORMS = load_cues().words_of("be_forms")
CLAIM_WORDS = frozenset(w for p in load_cues().phrases["claim"] for w in p)  # say, claim, admit, report
NUMBER_WORDS = load_cues().words_of("number_words")
INNER_WH = frozenset(w for p in load_cues().phrases["inner_wh"] for w in p)
WH_REACH = 2  # "from where?", "by whom?": a wh-word this near the start makes it no yes/no question
YEAR_WORDS = load_cues().words_of("year_words")
BODIES = load_cues().words_of("bodies")
PERSON_NOUNS = load_person_nouns()  # "fighter", "troops": words for people a figure may count
SIDE_WORDS = load_cues().words_of("side_words")
POSSESSIVES = load_cues().words_of("possessives")
COUNT_OPENERS = frozenset(tuple(p.split()) for p in load_cues().words_of("count_openers"))
VOICE_BEFORE = load_cues().phrases["voice_before"]
VOICE_AFTER = frozenset(w for p in load_cues().phrases["voice_after"] for w in p)
ASKERS = load_cues().words_of("askers")  # "I want to know": the asker's wish, no intention asked of anyone
WISHES = load_cues().phrases["wishes"]
TIME_CLAUSE_OPENERS = load_cues().words_of("time_clause_openers")
PREMISE_OPENERS = load_cues().words_of("premise_openers")
RANK_WORDS = load_cues().words_of("rank_words")
FIGURE_NOUNS = {"figure": "commander", "figures": "commanders"}  # of rank: people, not numbers
RANK_REACH = 4  # words between the rank and "figure": "senior IS-KP figure"
PREMISE_CONDITIONS = load_cues().words_of("premise_conditions")  # "when they both ...": a premise
BOTH = "both"
GIVEN, THAT = "given", "that"  # "given that ...": a premise; "was he given ...?": a verb
BOTH_REACH = 3  # "when they are both ...": how far "both" may follow the condition's word
PREMISE_LINKS = load_cues().words_of("premise_links")
PREMISE_AFTER = 3  # words of the question before a premise may begin (or before "so why ...?")
TIME_CLAUSE_MAX = 5  # words: a longer tail is more than a "when"
TIME_CLAUSE_AFTER = 2  # meaningful words or pronouns before it: "how long after his capture ..." asks of the capture
VOICE_SKIP = frozenset(w for p in load_cues().phrases["voice_skip"] for w in p)
VOICE_BEFORE_BY_LAST: dict[str, list[Phrase]] = {}  # "according to": a phrase before a name ends on its last word
for _p in VOICE_BEFORE:
    VOICE_BEFORE_BY_LAST.setdefault(_p[-1], []).append(_p)


def _words_for_the_same(same_things: dict[str, str]) -> frozenset[str]:
    """The words the lexicon reads as another's ("worry" as "threat"), known as typed; a plural of
    one of them ("jihadists") is still read as its singular form."""
    return frozenset(w for w in same_things if not (w.endswith("s") and w[:-1] in same_things))


def voiced(tokens: list[str], start: int, end: int) -> bool:
    """Whether the name at tokens[start:end] speaks: "according to X", "X says", "X's count"."""
    before = tuple(tokens[:start])
    while before and before[-1] in VOICE_SKIP:
        before = before[:-1]
    ending = VOICE_BEFORE_BY_LAST.get(before[-1], ()) if before else ()
    if any(before[len(before) - len(p):] == p for p in ending if len(p) <= len(before)):
        return True
    after, sided = end, False
    while after < len(tokens) and tokens[after] in VOICE_SKIP:
        sided = sided or tokens[after] in SIDE_WORDS
        after += 1
    # "the IS side say" speaks; "the Taliban side's numbers" are numbers about that side
    return after < len(tokens) and tokens[after] in VOICE_AFTER and (not sided or tokens[after] in CLAIM_WORDS)
EDGES = {cue: load_cues().phrases[cue] for cue in ("conflict_end", "conflict_start")}
HOW = "how"
QUANTITIES = frozenset(p.split()[1] for p in load_cues().words_of("quantity_openers"))  # many, much, long, far, old
MIN_QUANTITY_TYPO = 4  # "how manny"; not "how to", "how so"
EDGE_DAYS = 7  # "near the end of the battle": its last week
EDGE_PREPOSITIONS = load_cues().words_of("edge_prepositions")
# cues that frame a question ("as a soldier I'm curious:", "is it true that ..."), read before it is
# parsed: their words say nothing of its subject and do not make a word known ("sentences")
FRAMING_CUES = frozenset({"preamble", "statement_checks"})
FATE_WORDS = frozenset(w for p in load_cues().phrases["fate"] for w in p)  # happened, became, fate
BARE_EDGE_WORDS = frozenset(p[-2] for cue in EDGES.values() for p in cue if len(p) > 1 and p[-1] == "of")  # end, start
BARE_EDGE_ENDS = frozenset({"and", "then", "when", "there"})  # "near the end and ...": the edge phrase is done
NEGATING_PREFIX = "un"  # "unreliable", "unconfirmed": the question is about the word it negates
MIN_NEGATED = 5  # "unit", "until" are no negations
MAX_SHIFT = 60  # "two days after that"; "2000 days after" is no shift of a battle's dates
YEAR_REACH = 100  # how far from the pack's dates a four-digit number still reads as a year
COMPOUND_PART = 3  # the shortest word a compound splits into
DERIVED_SIMILARITY = 0.95  # a word of the same root explains it nearly as surely as the word itself
# "resentful", "boastfulness": a rarer word the English list lacks, read by the everyday word it is built on
DERIVING_SUFFIXES = ("fulness", "ful", "ness", "ment")
NAME_TYPES = frozenset({"person", "place", "group", "source", "conflict"})
ENTITY_TABLES = {"person": "people", "place": "places", "group": "groups", "source": "sources"}


def edge_of(span: DateSpec, late: bool, named: str) -> DateSpec:
    """The first or last days (``EDGE_DAYS``) of a dated span, as a date of their own."""
    if late:
        first, last = max(span.start, span.end - timedelta(days=EDGE_DAYS - 1)), span.end
    else:
        first, last = span.start, min(span.end, span.start + timedelta(days=EDGE_DAYS - 1))
    edge = "last" if late else "first"
    return DateSpec(first, last, "approx", f"the {edge} days of {named} ({day_text(first)} – {day_text(last)})")


@dataclass(frozen=True)
class EntityHit:
    type: str  # person, place, group, source, conflict, kind, date
    value: str  # an id, a measure kind, or an ISO date span
    start: int
    end: int  # token span [start, end)
    label: str = ""
    date: DateSpec | None = None


@dataclass(frozen=True)
class DateShift:
    days: int  # signed: before is negative
    start: int  # the phrase's token positions
    end: int


@dataclass
class Parsed:
    raw: str
    tokens: list[str]
    similarity: list[float]  # 1.0 for a word as typed, lower when corrected
    entities: list[EntityHit] = field(default_factory=list)
    pronouns: dict[str, int] = field(default_factory=dict)  # type -> token position
    pronoun_ends: dict[str, int] = field(default_factory=dict)  # type -> end of its phrase ("the other side")
    content: set[int] = field(default_factory=set)  # positions of meaningful words
    unknown: set[int] = field(default_factory=set)  # content words outside our vocabulary
    yes_no: bool = False
    more: bool = False
    followup: bool = False
    asks_last: bool = False  # "why?", "by whom?": about the last answer itself
    asks_count: bool = False  # "how many?": the last question again, for a count
    refers_back: set[int] = field(default_factory=set)  # "that", "there", "after that": the last answer
    consequence: set[int] = field(default_factory=set)  # positions of "effect", "react": what followed
    shift: DateShift | None = None  # "two days after that": a day counted from the last answer's date
    edges: set[int] = field(default_factory=set)  # "near the end of" the conflict: a date's words, no ask for its end
    # "who won at Darzab in 2018?": a year or month holding all of the conflict names the battle
    # itself, which every intent is about
    frame: set[int] = field(default_factory=set)
    intention: set[int] = field(default_factory=set)  # "wanted" in "what did he want to do?": an intention asked
    # a clause that says when ("... after he surrendered") or grants a premise ("given that both
    # oppose Kabul, ...", "both oppose Kabul, so why ...?"): its words weigh less than what is asked
    aside: set[int] = field(default_factory=set)
    qualifiers: set[int] = field(default_factory=set)  # "captured" in "how many captured Taliban did X behead?"
    cache: dict = field(default_factory=dict, repr=False, compare=False)  # per-question memo (retrieval)

    @property
    def text(self) -> str:
        return " ".join(self.tokens)

    def covered_by_entities(self) -> set[int]:
        return {i for e in self.entities for i in range(e.start, e.end)}


def pack_words(kb: KnowledgeBase) -> frozenset[str]:
    """Every word the pack itself uses: a question word outside these is foreign to it."""
    return frozenset(w for t in pack_texts(kb) for w in t.split())


def pack_texts(kb: KnowledgeBase) -> list[str]:
    """Everything the pack says, normalised as questions are."""
    texts: list[str] = []
    for fact in kb.pack.facts.values():
        texts += [fact.text, *fact.keywords, *fact.denies, fact.evidence.quote]
    for event in kb.pack.events.values():
        texts += [event.title, event.summary, event.evidence.quote]
    for table in (kb.pack.people, kb.pack.places, kb.pack.groups, kb.pack.sources):
        for item in table.values():
            texts += [item.name, *item.aliases, getattr(item, "description", "")]
            texts += list(getattr(item, "roles", ()))
    for measure in kb.pack.measures.values():
        texts += [measure.name, measure.description, measure.subject_label]
    for claim in kb.pack.claims.values():
        texts += [claim.period, claim.evidence.quote]
    c = kb.pack.conflict
    texts += [c.summary, c.place, c.result, c.territory, *c.part_of, c.civilian_casualties]
    return [normalize_pack(t) for t in texts if t]


@lru_cache(maxsize=8)
def year_span(kb: KnowledgeBase) -> tuple[int, int]:
    """The four-digit numbers that read as years: those within a century of the pack's own dates
    (a 1741 campaign's "1741" is a year, its "1500 men" a count)."""
    c = kb.pack.conflict.date
    years = [d.year for e in kb.pack.events.values() for d in (e.date.start, e.date.end) if d]
    years += [d.year for d in (c.start, c.end) if d]
    return min(years) - YEAR_REACH, max(years) + YEAR_REACH


def entity_kind(kb: KnowledgeBase, ident: str | None) -> str | None:
    """Which kind of entity an id names ("person", "place", "group", "source"), if any."""
    return next((kind for kind, table in ENTITY_TABLES.items() if ident in getattr(kb.pack, table)), None)


def _overlap(a: DateSpec, b: DateSpec) -> bool:
    return (a.start or a.end) <= b.end and a.end >= (b.start or b.end)


def rephrase(tokens: list[str], paraphrases: dict[Phrase, Phrase], longest: int = 0,
             reach: dict[str, int] | None = None) -> list[str]:
    """Everyday phrasings in the vocabulary's words ("kick off" -> "start"), longest first
    (``longest``: the longest phrasing's length, when the caller knows it; ``reach``: the
    longest starting with each word, so a word that starts none is passed over at once)."""
    if not paraphrases:
        return tokens
    longest = longest or max(len(p) for p in paraphrases)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        most = longest if reach is None else reach.get(tokens[i], 0)
        for n in range(min(most, len(tokens) - i), 0, -1):
            if tuple(tokens[i : i + n]) in paraphrases:
                out += paraphrases[tuple(tokens[i : i + n])]
                i += n
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def by_first_word(phrases) -> dict[str, list[Phrase]]:
    """Phrases indexed by their first word, to find them in a question in one pass."""
    index: dict[str, list[Phrase]] = defaultdict(list)
    for words in phrases:
        index[words[0]].append(words)
    return index


def find_phrase(tokens: list[str], words: Phrase, start: int = 0) -> list[int]:
    """Start positions where ``words`` occurs in ``tokens``."""
    n = len(words)
    if n and words[0] not in tokens:
        return []  # the usual case: one scan in C instead of a slice per position
    return [i for i in range(start, len(tokens) - n + 1) if tuple(tokens[i : i + n]) == words]


class Understanding:
    """Everything built once per pack for parsing questions."""

    def __init__(self, kb: KnowledgeBase, intents: tuple[IntentSpec, ...], lexicon: Lexicon):
        self.kb = kb
        self.lexicon = lexicon
        self.default_year = kb.pack.conflict.date.end.year
        self.years = year_span(kb)
        # alias phrase -> entity ids, with the entity type of each id
        self.aliases: dict[Phrase, list[tuple[str, str]]] = defaultdict(list)
        for kind, table in ENTITY_TABLES.items():
            for entity in getattr(kb.pack, table).values():
                for name in (entity.name, *entity.aliases):
                    self._add_alias(phrase(name), kind, entity.id)
        conflict = kb.pack.conflict
        for name in (conflict.name, *conflict.aliases):
            self._add_alias(phrase(name), "conflict", conflict.id)
        kinds = {w for name in (conflict.name, *conflict.aliases) for w in phrase(name) if w in lexicon.conflict_kinds}
        # "the whole campaign", "this entire siege": a word for all of it changes nothing
        whole = [(w,) for w in load_cues().words_of("universal") if "A" in load_english().get(w, "")]
        for kind in kinds:  # "the campaign", "this siege": the conflict its name calls so
            for article in ("the", "this"):
                for middle in ((), *whole):
                    self._add_alias((article, *middle, kind), "conflict", conflict.id)
        lemmas = load_lemmas()
        texts = pack_texts(kb)  # normalised once: every pack text, for the words and pairs below
        pack_said = {w for t in texts for w in t.split()}
        # "the Darzab fight": a place the conflict's name names, and a noun for a conflict the pack uses
        named = phrase(conflict.name)
        nouns = {k for k in lexicon.conflict_kinds if k in pack_said and "N" in load_english().get(k, "N")}
        for place_id in conflict.places:
            place = kb.pack.places.get(place_id)
            for name in (place.name, *place.aliases) if place is not None else ():
                words = phrase(name)
                if words and any(named[i : i + len(words)] == words for i in range(len(named))):
                    for kind in sorted(nouns - {w for w in nouns if w.endswith("ing")}):
                        self._add_alias((*words, kind), "conflict", conflict.id)
        forms_of: dict[str, list[str]] = defaultdict(list)
        for form, lemma in lemmas.items():
            forms_of[lemma].append(form)
        for words in load_cues().phrases["both_sides"]:  # "the two sides": the conflict's sides, its subject
            self._add_alias(words, "conflict", conflict.id)
        for kind, words in lexicon.measure_kinds.items():
            for p in words:
                self._add_alias(p, "kind", kind)
                if len(p) == 1:  # "execute" as "executed" (not "after surrendering", an event; a plural
                    # the pack never writes, "strengths", is read as its singular by the lemma table)
                    lemma = lemmas.get(p[0], p[0])
                    for form in (lemma, *forms_of[lemma]):
                        if not form.endswith("ing") and (not form.endswith("s") or form in pack_said):
                            self._add_alias((form,), "kind", kind)
        for word, kinds in lexicon.kind_groups.items():
            for kind in kinds:
                self._add_alias(phrase(word), "kind", kind)
        # figures the sources give: a number in a question that matches one names its claim
        # figures the sources give, with the kinds of measure each is a figure of
        self.figure_kinds: dict[str, set[str]] = defaultdict(set)
        for c in kb.pack.claims.values():
            for x in (c.value.low, c.value.high):
                if float(x).is_integer():
                    self.figure_kinds[str(int(x))].add(kb.pack.measures[c.measure].kind)
        self.figures = frozenset(self.figure_kinds)
        self.name_words = frozenset(w for p in self.aliases for w in p)
        self.max_alias_len = max((len(p) for p in self.aliases), default=1)
        # aliases of several words by their first two: a common first word ("the") has many
        self.alias_pairs: dict[tuple[str, str], list[Phrase]] = defaultdict(list)
        for p in self.aliases:
            if len(p) > 1:
                self.alias_pairs[p[:2]].append(p)

        # a span of time ("in the months before") is a date's word, never foreign to a pack
        vocabulary: set[str] = set(lexicon.stopwords) | set(lexicon.months) | load_cues().words_of("time_units")
        for p in self.aliases:
            vocabulary.update(p)
        for spec in intents:
            for p in (*spec.all_keywords(), *spec.exclude):
                vocabulary.update(p)
        for group in (lexicon.followup_markers, lexicon.more_markers, *lexicon.pronouns.values(),
                      lexicon.about_last_answer, lexicon.count_followups, lexicon.refers_back,
                      lexicon.consequence_words):
            for p in group:
                vocabulary.update(p)
        self.pack_words = frozenset(pack_said)
        self.pack_pairs = frozenset((a, b) for t in texts for a, b in pairwise(t.split()))
        vocabulary |= self.pack_words
        self.english = load_english()
        subject_cues = [w for name, w in load_cues().phrases.items() if name not in FRAMING_CUES]
        for words in subject_cues:  # the cues handlers read are engine vocabulary too
            for p in words:
                vocabulary.update(p)
        # everyday English is never "corrected" into the pack's words ("because" is not "became");
        # a content word neither the pack nor our vocabulary uses stays foreign to the question's
        # subject ("population", "kunduz"): the likeliest sign it is about something else
        self.spelling = SpellIndex(
            vocabulary, protected=WordSets(lexicon.common_words, self.english), preferred=lexicon.stopwords
        )
        cue_words = {w for words in subject_cues for p in words for w in p}
        # (a premise's opener is read as typed: "given" is no "gave")
        self.known_words = (frozenset(vocabulary) - lexicon.common_words | self.pack_words | cue_words | PREMISE_OPENERS
                            | RANK_WORDS | frozenset(lexicon.kinds_of)  # "Europeans": the French a fact names are
                            | _words_for_the_same(lexicon.same_things))  # "worry": for what a fact says
        # another form of a word we know is that word ("execute" reads as "executed"), not a typo;
        # forms come from a lemma table, so "prison" does not become "prisoner"
        self.lemmas = load_lemmas()
        # a phrasing the pack itself uses ("number two") is its own words: it stays as typed
        said = " " + " | ".join(texts) + " "
        self.paraphrases = {k: v for k, v in lexicon.paraphrases.items() if f" {' '.join(k)} " not in said}
        self.longest_paraphrase = max((len(p) for p in self.paraphrases), default=0)
        self.paraphrase_reach: dict[str, int] = {}  # a first word -> the longest phrasing it starts
        for p in self.paraphrases:
            self.paraphrase_reach[p[0]] = max(self.paraphrase_reach.get(p[0], 0), len(p))
        self.forms: dict[str, str] = {}
        for word in sorted(vocabulary, key=lambda w: (len(w), w)):
            self.forms.setdefault(self.lemmas.get(word, word), word)
        self.marker_first: dict[str, list[tuple[str, int, Phrase]]] = defaultdict(list)
        for kind, words_list in lexicon.pronouns.items():
            for rank, words in enumerate(words_list):
                self.marker_first[words[0]].append((kind, rank, words))
        self.refers_first = by_first_word(lexicon.refers_back)
        self.intention_first = by_first_word(WISHES)
        self.consequence_first = by_first_word(lexicon.consequence_words)
        self.more_first = by_first_word(lexicon.more_markers)
        self.followup_starts = frozenset(w[0] for w in lexicon.followup_markers if w)
        # "the X" aliases: the words X a group's name may be said by alone ("front fighters")
        self.the_words = frozenset(p[1] for p in self.aliases if len(p) == 2 and p[0] == "the")
        self.dated = [e.date for e in kb.pack.events.values()] + [c.date for c in kb.pack.claims.values() if c.date]

    def _add_alias(self, words: Phrase, kind: str, ident: str) -> None:
        if words and (kind, ident) not in self.aliases[words]:
            self.aliases[words].append((kind, ident))

    # -- parsing ------------------------------------------------------------------
    def parse(self, raw: str) -> Parsed:
        raw = question_first(clean(raw))
        short = self.lexicon.abbreviations
        said = [w for t in normalize(raw).split() for w in short.get(t, t).split()]
        typed = rephrase(said, self.paraphrases, self.longest_paraphrase, self.paraphrase_reach)
        typed = list(self.lexicon.alone_means.get(tuple(typed), typed))  # "then?" alone: what came next
        tokens: list[str] = []
        similarity: list[float] = []
        known = self.known_words  # most words: kept as typed, with no call to split, derive or correct them
        typed = [w for t in typed for w in ((t,) if t in known else self._split_compound(t))]
        for token in typed:
            if token in known:  # the spelling index knows every known word: it would keep it as typed
                tokens.append(token)
                similarity.append(1.0)
                continue
            form = self._form(token)
            corrected = (form, 1.0) if form else self._derived(token) or self.spelling.correct(token)
            if corrected is None:
                tokens.append(token)
                similarity.append(1.0)
            else:
                tokens.append(corrected[0])
                similarity.append(corrected[1])
        for i, token in enumerate(tokens):  # "a senior IS-KP figure": a commander, no number
            if token in FIGURE_NOUNS and any(t in RANK_WORDS for t in tokens[max(0, i - RANK_REACH) : i]):
                tokens[i] = FIGURE_NOUNS[token]
            # "how manny", "how mich": a word one typo from a quantity after "how" is that quantity,
            # though it is a word of its own ("manny")
            if i and tokens[i - 1] == HOW and token not in QUANTITIES and len(token) >= MIN_QUANTITY_TYPO:
                from rapidfuzz.distance import OSA  # as the speller: imported when first needed, not at start-up

                tokens[i] = next((q for q in QUANTITIES if OSA.distance(token, q) == 1), token)
        parsed = Parsed(raw=raw, tokens=tokens, similarity=similarity)
        self._find_dates(parsed)
        self._find_entities(parsed)
        self._find_voices(parsed)
        self._find_edges(parsed)
        self._find_frame(parsed)
        taken = parsed.covered_by_entities()
        for i, token in enumerate(tokens):
            # a number one of the sources' claims gives ("245 killed?": the surrender's 245, quoted
            # wrongly); the handlers prefer the claims of the kind and side asked
            if token in self.figures and i not in taken:
                parsed.entities.append(EntityHit("figure", token, i, i + 1, token))
        parsed.entities.sort(key=lambda e: e.start)
        self._drop_attributive_kinds(parsed)
        self._drop_attributive_voices(parsed)
        self._find_markers(parsed)
        stop = self.lexicon.stopwords
        parsed.content = {i for i, t in enumerate(tokens) if t not in stop and i not in parsed.qualifiers}
        parsed.intention = self._intention(tokens)
        parsed.content |= parsed.intention  # "what did he want to do?" asks what he meant to do
        parsed.aside = self._time_clause(parsed) | self._premise(parsed)
        for e in parsed.entities:  # "US" is a stopword but, capitalised, a name
            if all(t in stop for t in tokens[e.start : e.end]):
                parsed.content.update(range(e.start, e.end))
        known = self.known_words
        for t in tokens:  # "tactically": the adverb of an adjective the list knows, a manner, never a name
            if t.endswith("ly") and t not in self.english and self._adverb_of_adjective(t):
                self.english[t] = "R"  # bounded: at most one entry per adjective of the list
        # an adverb ("repeatedly") qualifies what is asked; it never makes the question foreign
        parsed.unknown = {
            i for i in parsed.content
            if tokens[i] not in known and not tokens[i].isdigit() and self.english.get(tokens[i]) != "R"
            and tokens[i] not in NUMBER_WORDS  # "thousands of civilians": a quantity, no other subject
        } - parsed.covered_by_entities()
        for e in parsed.entities:
            # "the governor's office", "the rebels' leadership": a word for the speaker's or the side's
            # own body, not a new subject
            at = e.end
            if at + 1 < len(tokens) and "A" in self.english.get(tokens[at], "") and tokens[at + 1] in BODIES:
                at += 1  # "the Afghan provincial authorities", "IS-KP's senior leadership"
            after = tokens[at] if at < len(tokens) else ""
            body = after in BODIES or (e.type == "source" and "N" in self.english.get(after, ""))
            if e.type in ("source", "group") and body and (at in parsed.unknown or at > e.end):
                for i in range(e.end, at + 1):
                    parsed.unknown.discard(i)
                    parsed.content.discard(i)
        # "the rebels' recruits", and in a count "how many of his followers ...": that side's own people
        counting = tuple(tokens[:2]) in COUNT_OPENERS
        for i in sorted(parsed.content - parsed.covered_by_entities()):
            named = i in parsed.unknown and any(e.end == i and e.type in ("group", "person") for e in parsed.entities)
            owned = tokens[i - 1] in POSSESSIVES and (counting or i in parsed.unknown)
            if i and (named or owned) and self._people_word(tokens[i]):
                parsed.unknown.discard(i)
                parsed.content.discard(i)
        for e in parsed.entities:  # "the rebels' side", "on the League side": the side is the group itself
            if e.type == "group" and e.end < len(tokens) and tokens[e.end] in SIDE_WORDS:
                parsed.content.discard(e.end)
                parsed.unknown.discard(e.end)
        for e in parsed.entities:  # a date the pack knows nothing about is as foreign as a word
            if e.type == "date" and e.date and not any(_overlap(d, e.date) for d in self.dated):
                parsed.unknown.update(range(e.start, e.end))
        return parsed

    def _adverb_of_adjective(self, token: str) -> bool:
        """Whether ``token`` is the -ly adverb of an adjective the English list knows ("tactically",
        "heavily", "basically", "ably")."""
        stem = token[:-2]
        bases = (stem, stem + "le", stem[:-1] + "y" if stem.endswith("i") else "",
                 stem[:-2] if stem.endswith("ical") else "")
        return any(b and "A" in self.english.get(b, "") for b in bases)

    def names_a_thing(self, parsed: Parsed, i: int) -> bool:
        """Whether the word at ``i`` names a thing, an action, a quality or an entity (not only a
        manner: "repeatedly"), as far as the English word list says."""
        if i in parsed.covered_by_entities():
            return True
        return self.english.get(parsed.tokens[i]) != "R"

    def _split_compound(self, token: str) -> tuple[str, ...]:
        """A word the pack writes as two ("nighttime" for "night-time", "counterattacks"), split."""
        if token in self.known_words or len(token) < 2 * COMPOUND_PART:
            return (token,)
        for cut in range(COMPOUND_PART, len(token) - COMPOUND_PART + 1):
            head, tail = token[:cut], token[cut:]
            tail_form = tail if (head, tail) in self.pack_pairs else self._form(tail)
            if (head, tail_form) in self.pack_pairs:
                return head, tail
        return (token,)

    def _derived(self, token: str) -> tuple[str, float] | None:
        """A word the pack and the vocabulary lack, read as a word of the same root they use
        ("escalation" as "escalated", "complaints" as "complained")."""
        if token in self.known_words:
            return None
        lemma = self.lemmas.get(token, token)
        root = next((token[: -len(s)] for s in DERIVING_SUFFIXES
                     if token.endswith(s) and token[: -len(s)] in self.english), None)
        if root is not None and lemma not in load_derivations():
            if root in self.known_words:
                return root, DERIVED_SIMILARITY
            lemma = self.lemmas.get(root, root)
        elif lemma not in self.english and token not in self.english:
            return None
        for word in load_derivations().get(lemma, ()):
            form = word if word in self.known_words else self.forms.get(self.lemmas.get(word, word))
            if form and form not in self.name_words:  # "founded" is not the "Foundation" of a name
                return form, DERIVED_SIMILARITY
        return None

    def _form(self, token: str) -> str | None:
        """The vocabulary word ``token`` is another form of: the same lemma ("execute" for
        "executed"), the word it negates ("unreliable" asks whether it is reliable), or the
        singular of a plural ("jihadists")."""
        form = self.forms.get(self.lemmas.get(token, token))
        negated = token[len(NEGATING_PREFIX):]
        if form is None and token.startswith(NEGATING_PREFIX) and len(negated) >= MIN_NEGATED:
            form = self._form(negated) if negated not in self.known_words else negated  # "unreliable": reliable?
        if form is None and token.endswith("s") and len(token) > 4:
            singular = token[:-2] if token.endswith("es") and token[:-2] in self.known_words else token[:-1]
            form = singular if singular in self.known_words else None
        if form is None and token.endswith(("ing", "ed")) and token not in self.english and len(token) > 5:
            # a regular form the word list lacks ("besieging"): the verb's form we know ("besieged")
            stem = token[:-3] if token.endswith("ing") else token[:-2]
            doubled = stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else None  # "trapping": trap
            form = next((self.forms[c] for c in (stem + "e", stem, doubled) if c in self.forms), None)
        return form

    def _find_entities(self, parsed: Parsed) -> None:
        """Longest alias matches first, so "battle of darzab" beats "darzab"."""
        tokens = parsed.tokens
        spans = []
        names = self.name_words  # a word of no alias starts none: most words need no look-up
        for i, token in enumerate(tokens):
            if token not in names:
                continue
            longer = self.alias_pairs.get((token, tokens[i + 1]), ()) if i + 1 < len(tokens) else ()
            for words in (*longer, (token,)):
                n = len(words)
                if words in self.aliases and tuple(tokens[i : i + n]) == words and self._plausible(words, parsed.raw):
                    spans.append((i, n, words))
            if i + 1 < len(tokens) and token in self.the_words and self._group_before_people(("the", token),
                                                                                               tokens[i + 1]):
                spans.append((i, 1, ("the", token)))  # "front fighters": the group "the Front" names
        # longest first; of two as long, the one of more meaningful words ("chief clerk" over
        # "the chief" in "the chief's clerk")
        stop = self.lexicon.stopwords
        spans.sort(key=lambda s: (-s[1], -sum(w not in stop for w in s[2]), s[0]))
        taken = parsed.covered_by_entities()
        for i, n, words in spans:
            span = set(range(i, i + n))
            if taken & span:
                continue
            taken |= span
            i, n = self._with_title(tokens, i, n, words, taken)
            # "the KLF" names what "KLF" names too (a source's alias must not hide the group's)
            named = self.aliases[words] + (self.aliases.get(words[1:], []) if words[0] == "the" else [])
            for kind, ident in dict.fromkeys(named):
                label = self.kb.display_name(ident) if kind != "kind" else ident
                parsed.entities.append(EntityHit(kind, ident, i, i + n, label))
        parsed.entities.sort(key=lambda e: e.start)

    def _find_voices(self, parsed: Parsed) -> None:
        """A side or a person standing where a claimant does ("the government's count", "X's
        own leadership gives", "according to <person>") names the sources that speak for them,
        when those give figures: the claimant slot is filled as if the source were named."""
        kb = self.kb
        speaking = kb.speaking_sources
        tokens = parsed.tokens
        added = []
        for e in parsed.entities:
            if e.type not in ("group", "person") or not voiced(tokens, e.start, e.end):
                continue
            if any(o.type == "source" and o.start < e.end and e.start < o.end for o in parsed.entities):
                continue  # "the Taliban" names a source already
            key = "affiliation" if e.type == "group" else "person"
            sources = [s for s in kb.voices_of.get(e.value, ()) if s in speaking
                       and getattr(kb.pack.sources[s], key) == e.value]
            added += [EntityHit("source", s, e.start, e.end, kb.display_name(s)) for s in sources]
        if added:
            parsed.entities.extend(added)
            parsed.entities.sort(key=lambda e: e.start)

    def _with_title(self, tokens: list[str], i: int, n: int, words: Phrase, taken: set[int]) -> tuple[int, int]:
        """"colonel abendroth": a word of the person's full name just before the alias (a rank, a
        first name) is part of the name, not a word of the question."""
        people = [ident for kind, ident in self.aliases[words] if kind == "person"]
        if not people:
            return i, n
        full = set(phrase(self.kb.display_name(people[0])))
        while i > 0 and i - 1 not in taken and tokens[i - 1] in full and tokens[i - 1] not in self.lexicon.stopwords:
            i, n = i - 1, n + 1
            taken.add(i)
        return i, n

    def _group_before_people(self, alias: Phrase, following: str) -> bool:
        """A group's alias "the X" names it without "the" when a word for people counted follows
        ("front fighters", "league troops"): X there says whose people, as a name does."""
        named = self.aliases.get(alias, ())
        if not named or any(kind != "group" for kind, _ in named) or alias[1:] in self.aliases:
            return False
        return self._people_word(following)  # "fighters", "men": people counted ("the front line" is no people)

    def _people_word(self, word: str) -> bool:
        """Whether ``word`` is a plural noun for people ("fighters", "followers")."""
        lemma = self.lemmas.get(word, word[:-1] if word.endswith("s") else word)
        return lemma != word and (word in PERSON_NOUNS or lemma in PERSON_NOUNS)

    def _plausible(self, words: Phrase, raw: str) -> bool:
        """A one-word alias that is also a common word ("us", "is") needs capitals
        or "the" before it ("the us")."""
        if len(words) == 1 and words[0] in self.lexicon.stopwords:
            word = re.escape(words[0])
            shouted = raw.isupper()  # "WHO IS HE" has no capitalised names
            capitalised = not shouted and re.search(rf"\b{word.upper()}\b", raw)
            return bool(capitalised or re.search(rf"\bthe\s+{word}\b", raw.casefold()))
        return True

    @staticmethod
    def _time_clause(parsed: Parsed) -> set[int]:
        """The positions of a short clause ending the question that says only when ("... after he
        surrendered"), its opener and its meaningful words; a date ("after 2018") is read as a date."""
        tokens = parsed.tokens
        at = next((i for i in range(len(tokens) - 1, 2, -1) if tokens[i] in TIME_CLAUSE_OPENERS), None)
        if at is None or len(tokens) - at - 1 > TIME_CLAUSE_MAX:
            return set()
        if any(e.type == "date" and e.start > at for e in parsed.entities):
            return set()
        clause = {i for i in parsed.content if i > at}
        if len({i for i in (*parsed.content, *parsed.pronouns.values()) if i < at}) < TIME_CLAUSE_AFTER:
            return set()
        parsed.content.discard(at)  # "once" opening it says nothing of what is asked
        return clause | {at}

    @staticmethod
    def _drop_attributive_kinds(parsed: Parsed) -> None:
        """"How many captured Taliban did IS-KP behead?": a measure's word before the people it
        qualifies, when the question says another measure's act later, says which people, not what
        is counted; that later act is."""
        kinds = [e for e in parsed.entities if e.type == "kind"]
        if len(kinds) < 2:
            return
        people = {e.start for e in parsed.entities if e.type == "group"}
        tokens = parsed.tokens
        qualifying = [k for k in kinds[:-1] if k.end in people or tokens[k.end : k.end + 1] and
                      (tokens[k.end] in PERSON_NOUNS or tokens[k.end].rstrip("s") in PERSON_NOUNS)]
        if qualifying and kinds[-1].start > qualifying[0].end:
            parsed.entities = [e for e in parsed.entities if e not in qualifying]
            parsed.qualifiers = {i for k in qualifying for i in range(k.start, k.end)}

    @staticmethod
    def _drop_attributive_voices(parsed: Parsed) -> None:
        """"Civilian casualties": a voice's one-word name right before a measure's word qualifies
        whose losses are counted; it is no voice speaking (a side's name stays: "Taliban casualties")."""
        kinds = {e.start for e in parsed.entities if e.type == "kind"}
        sides = {e.start for e in parsed.entities if e.type == "group"}
        parsed.entities = [e for e in parsed.entities if not (
            e.type == "source" and e.end - e.start == 1 and e.end in kinds and e.start not in sides)]

    @staticmethod
    def _premise(parsed: Parsed) -> set[int]:
        """A premise granted around the question: one it opens with ("given that both oppose
        Kabul, why ...?"), closes with ("..., given they both oppose Kabul?") or puts before it
        ("both oppose Kabul, so why ...?"). Its words, names too, are no part of what is asked.
        An opener after "be" is a verb ("were given")."""
        tokens = parsed.tokens
        passive = tokens[:1] and tokens[0] in BE_FORMS  # "was X given a funeral?": the question's own verb

        def opens(i: int) -> bool:  # "given ...", or "when they both ..."
            both = BOTH in tokens[i + 1 : i + 1 + BOTH_REACH]
            if passive and tokens[i] == GIVEN and tokens[i + 1 : i + 2] != [THAT]:
                return False
            return tokens[i] in PREMISE_OPENERS or tokens[i] in PREMISE_CONDITIONS and both

        opener = next((i for i in range(len(tokens)) if opens(i)
                       and (i == 0 or i >= PREMISE_AFTER and tokens[i - 1] not in BE_FORMS)), None)
        if opener == 0:  # up to the question's wh-word
            end = next((i for i in range(PREMISE_AFTER, len(tokens)) if tokens[i] in WH_WORDS), None)
            span = range(0, end) if end is not None else range(0)
        elif opener is not None:
            span = range(opener, len(tokens))
        else:
            link = next((i for i in range(PREMISE_AFTER, len(tokens) - 1) if tokens[i] in PREMISE_LINKS
                         and tokens[i + 1] in WH_WORDS), None)
            span = range(0, link + 1) if link is not None else range(0)
        premise = set(span)
        parsed.content -= premise
        parsed.unknown -= premise
        return premise  # an intent read only there gives way (see the matcher)

    def _intention(self, tokens: list[str]) -> set[int]:
        """The first word of an intention said of someone ("he **wanted** to join", "did X **plan** to
        ...?"), not of the asker ("I want to know")."""
        return {
            i for i, t in enumerate(tokens) for p in self.intention_first.get(t, ())
            if tuple(tokens[i : i + len(p)]) == p and (i == 0 or tokens[i - 1] not in ASKERS)
        }

    def _find_markers(self, parsed: Parsed) -> None:
        tokens = parsed.tokens
        taken = parsed.covered_by_entities()
        # per kind, the first of its phrases (in the lexicon's order) found, at its first free place
        found: dict[str, tuple[int, int]] = {}
        for pos, token in enumerate(tokens):
            if pos in taken:
                continue
            for kind, rank, words in self.marker_first.get(token, ()):
                if tuple(tokens[pos : pos + len(words)]) == words and (rank, pos) < found.get(kind, (1 << 30, 0)):
                    found[kind] = (rank, pos)
        # "what happened to him then?": a person's fate after what was just said, not on its day
        if "date" in found and "person" in found and found["date"][1] == len(tokens) - 1 and FATE_WORDS & set(tokens):
            del found["date"]
        for kind in self.lexicon.pronouns:  # kinds in the lexicon's order, as before
            if kind in found:
                rank, pos = found[kind]
                parsed.pronouns[kind] = pos
                parsed.pronoun_ends[kind] = pos + len(self.lexicon.pronouns[kind][rank])
        parsed.more = bool(self._said(tokens, self.more_first))
        parsed.asks_last = tuple(tokens) in self.lexicon.about_last_answer
        parsed.asks_count = tuple(tokens) in self.lexicon.count_followups
        parsed.refers_back = self._said(tokens, self.refers_first)
        parsed.consequence = self._said(tokens, self.consequence_first)
        parsed.shift = self._find_shift(tokens)
        parsed.followup = bool(tokens) and tokens[0] in self.followup_starts and any(
            tuple(tokens[: len(w)]) == w for w in self.lexicon.followup_markers
        )
        # "was X killed?" opens with a verb; "Burjan executed?" is a yes/no question without one, while
        # "from where?" is a wh-question and "Haji Murad?" asks nothing
        bare_question = bool(tokens) and parsed.raw.rstrip().endswith("?") and len(tokens) <= 6 \
            and tokens[0] not in WH_WORDS and not (WH_WORDS - {"and"}) & set(tokens[:WH_REACH]) \
            and not self._only_names(parsed) \
            and not any(t in INNER_WH for t in tokens[1:3])  # "for what period?" asks what
        parsed.yes_no = bool(tokens) and (tokens[0] in self.lexicon.yes_no_openers or bare_question)

    def _find_shift(self, tokens: list[str]) -> DateShift | None:
        """"two days after that", "a week later": how many days from the last answer's date."""
        lex = self.lexicon
        if lex.date_shifts.keys().isdisjoint(tokens[2:]):
            return None  # the usual case: no "after", "before" where a shift could end
        for i in range(len(tokens) - 2):
            count = lex.number_values.get(tokens[i]) or (int(tokens[i]) if tokens[i].isdecimal() else 0)
            unit, way = lex.date_units.get(tokens[i + 1]), lex.date_shifts.get(tokens[i + 2])
            if count and count <= MAX_SHIFT and unit and way:
                end = i + 3 + (i + 3 < len(tokens) and (tokens[i + 3],) in self.refers_first.get(tokens[i + 3], ()))
                return DateShift(way * count * unit, i, end)
        return None

    @staticmethod
    def _said(tokens: list[str], first: dict[str, list[Phrase]]) -> set[int]:
        """The positions of the phrases (indexed by their first word) ``tokens`` say."""
        if first.keys().isdisjoint(tokens):
            return set()  # the usual case: no phrase's first word, found in one scan in C
        return {
            j for i, t in enumerate(tokens) for p in first.get(t, ())
            if tuple(tokens[i : i + len(p)]) == p for j in range(i, i + len(p))
        }

    @staticmethod
    def _only_names(parsed: Parsed) -> bool:
        named = {i for e in parsed.entities if e.type in NAME_TYPES for i in range(e.start, e.end)}
        return all(i in named for i in range(len(parsed.tokens)))

    # -- dates --------------------------------------------------------------------
    def _find_dates(self, parsed: Parsed) -> None:
        tokens = parsed.tokens
        months = self.lexicon.months
        i = 0
        while i < len(tokens):
            # a date starts at a number or a month's name: other words need no closer look
            found = self._date_at(tokens, i, months) if tokens[i].isdecimal() or tokens[i] in months else None
            if found is None:
                i += 1
                continue
            spec, length = found
            season = self._season_before(tokens, i) if spec.kind == "year" else None
            if season is not None:  # "spring 2018", "the summer of 2017": those months
                spec, length, i = season[0], length + i - season[1], season[1]
            if spec.kind == "month" and i and tokens[i - 1] in MONTH_PARTS:
                # "mid July", "by late July": that third of the month ("mid" stays a word facts may say)
                spec = part_of_month(spec, tokens[i - 1])
            parsed.entities.append(EntityHit("date", spec.iso, i, i + length, spec.text, spec))
            i += length

    def _find_frame(self, parsed: Parsed) -> None:
        """Where the question names the battle by a date span holding all of it ("in 2018")."""
        fought = self.kb.pack.conflict.date
        for e in parsed.entities:
            if (e.type == "date" and e.date is not None and None not in (fought.start, fought.end)
                    and e.date.start <= fought.start and fought.end <= e.date.end):
                parsed.frame.update(range(e.start, e.end))

    def _find_edges(self, parsed: Parsed) -> None:
        """"Near the end of the battle", "at the start of the campaign", "by the end of July": the
        conflict's or the month's last or first days, read as a date (what happened then), not as
        an end or start date asked for."""
        tokens = parsed.tokens
        conflict = self.kb.pack.conflict
        for e in [e for e in parsed.entities if e.type == "conflict" or e.type == "date" and e.date
                  and e.date.kind == "month"]:
            span = conflict.date if e.type == "conflict" else e.date
            if span.start is None:
                continue
            named = f"the {conflict.name}" if e.type == "conflict" else span.text
            for cue, late in (("conflict_end", True), ("conflict_start", False)):
                said = next((p for p in EDGES[cue] if tuple(tokens[max(0, e.start - len(p)) : e.start]) == p), None)
                if said is None:
                    continue
                spec = edge_of(span, late, named)
                start = e.start - len(said)
                start -= start > 0 and tokens[start - 1] in EDGE_PREPOSITIONS  # "near", "towards": of the date
                parsed.edges.update(range(start, e.start))
                parsed.entities.remove(e)
                parsed.entities.append(EntityHit("date", spec.iso, start, e.end, spec.text, spec))
                break
        self._find_bare_edge(parsed)
        parsed.entities.sort(key=lambda e: e.start)

    def _find_bare_edge(self, parsed: Parsed) -> None:
        """"What did they do near the end?", "towards the start": the conflict's own edge when no
        date or name follows ("in the end", finally, is no date: the lexicon has made it "eventually")."""
        tokens, span = parsed.tokens, self.kb.pack.conflict.date
        if span.start is None or not BARE_EDGE_WORDS & set(tokens) or any(e.type == "date" for e in parsed.entities):
            return
        for cue, late in (("conflict_end", True), ("conflict_start", False)):
            for p in (p[:-1] for p in EDGES[cue] if p[-1] == "of"):
                at = next((i for i in range(1, len(tokens) - len(p) + 1) if tuple(tokens[i : i + len(p)]) == p), None)
                if at is None or tokens[at - 1] not in EDGE_PREPOSITIONS:
                    continue
                if at + len(p) < len(tokens) and tokens[at + len(p)] not in BARE_EDGE_ENDS:
                    continue  # "near the end of July", "at the start, the Taliban ...": another date or clause
                spec = edge_of(span, late, f"the {self.kb.pack.conflict.name}")
                parsed.edges.update(range(at - 1, at + len(p)))
                parsed.entities.append(EntityHit("date", spec.iso, at - 1, at + len(p), spec.text, spec))
                return

    def _season_before(self, tokens: list[str], i: int) -> tuple[DateSpec, int] | None:
        """The season named before the year at ``i`` ("spring 2018", "summer of 2017") and where it
        starts, if one is."""
        at = i - 1 - (i > 1 and tokens[i - 1] == "of")
        season = self.lexicon.seasons.get(tokens[at]) if at >= 0 else None
        if season is None:
            return None
        year, (first, last) = int(tokens[i]), season
        start = date(year - (first > last), first, 1)
        end = date(year + (last == 12), last % 12 + 1, 1)
        return DateSpec(start, date.fromordinal(end.toordinal() - 1), "approx", f"{tokens[at]} {year}"), at

    def _date_at(self, tokens: list[str], i: int, months: dict[str, int]) -> tuple[DateSpec, int] | None:
        def day(tok: str) -> int | None:
            return int(tok) if tok.isdecimal() and 1 <= int(tok) <= 31 else None

        def year(tok: str) -> int | None:
            low, high = self.years
            return int(tok) if tok.isdecimal() and len(tok) == 4 and low <= int(tok) <= high else None

        def at(k: int) -> str:
            return tokens[k] if k < len(tokens) else ""

        d, m = day(at(i)), months.get(at(i))
        if d is not None:  # "22 july [2018]" or "15 of april"
            j = i + 1 + (at(i + 1) == "of")
            mo = months.get(at(j))
            if mo:
                y = year(at(j + 1))
                return self._day(y or self.default_year, mo, d, j + 1 + (y is not None) - i)
        if m is not None:  # "july 22 [2018]", "april 2018", "july"
            d2, y2 = day(at(i + 1)), year(at(i + 1))
            if d2 is not None:
                y = year(at(i + 2))
                return self._day(y or self.default_year, m, d2, 2 + (y is not None))
            y = y2 or self.default_year
            start = date(y, m, 1)
            end = date(y + (m == 12), m % 12 + 1, 1)
            end = date.fromordinal(end.toordinal() - 1)
            text = f"{start.strftime('%B')} {y}"
            return DateSpec(start, end, "month", text), 1 + (y2 is not None)
        y = year(at(i))
        if y is not None:
            # "the Taliban had 2000 men": a figure the sources give, unless written as a year ("in 2000")
            # ("brought in 2000 fighters" counts people whatever word comes before)
            if at(i) in self.figures and (i == 0 or tokens[i - 1] not in YEAR_WORDS
                                         or self.lemmas.get(at(i + 1), at(i + 1)) in PERSON_NOUNS):
                return None
            return DateSpec(date(y, 1, 1), date(y, 12, 31), "year", str(y)), 1
        return None

    @staticmethod
    def _day(y: int, m: int, d: int, length: int) -> tuple[DateSpec, int] | None:
        try:
            when = date(y, m, d)
        except ValueError:
            return None
        return DateSpec(when, when, "day", day_text(when)), length
