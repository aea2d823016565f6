"""Load the engine's vocabulary from YAML data: intents, routes, cues, topic roles, the lexicon.

Everything here is engine vocabulary, independent of any pack. Names that refer to
each other (an intent's routes and suggestions, the cues a route tests, the topic
role an intent serves) are checked when the engine loads: an unknown name is a
``file:line`` error, as Adapt checks an intent's entities at registration.
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Callable
from functools import cache, wraps
from pathlib import Path
from typing import Any, TypeVar

from knowledge.lines import LineDict, LineList
from knowledge.records import dataclass, field, replace

from .normalize import normalize

DATA_DIR = Path(__file__).parent / "data"

# The tables read from the default data files, by loader name. Modules read several when they
# are imported; an engine snapshot (``snapshot.py``) restores them all at once instead.
TABLE_LOADERS = ("load_cues", "load_lexicon", "load_vocabulary", "load_english", "load_person_nouns",
                 "load_derivations", "load_lemmas")
_tables: dict[str, Any] = {}
_restored = False


def table(load: Callable[..., T]) -> Callable[..., T]:
    """``functools.cache`` for a loader of one data file; called without arguments, it first
    looks in the engine snapshot's tables (restored on the first such call of any loader)."""
    cached = cache(load)
    name = load.__name__

    @wraps(load)
    def loader(*args, **kwargs) -> T:
        global _restored
        if args or kwargs:
            return cached(*args, **kwargs)
        if not _restored:
            _restored = True
            from . import snapshot

            _tables.update(snapshot.restore_tables())
        if name not in _tables:
            _tables[name] = cached()
        return _tables[name]

    loader.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return loader


def loaded_tables() -> dict[str, Any]:
    """The tables read (or restored) so far, for a snapshot to keep."""
    return dict(_tables)

T = TypeVar("T")
Phrase = tuple[str, ...]
SLOT_TYPES = ("person", "place", "group", "source", "kind", "date", "conflict", "figure")


def phrase(text: str) -> Phrase:
    return tuple(normalize(str(text)).split())


CONFLICT_WORDS = ("$conflict",)  # stands for the pack's words for its kind of conflict


def _phrase_or_marker(item) -> Phrase:
    text = str(item).strip()
    if text == "$conflict":
        return CONFLICT_WORDS
    if text.startswith("@"):  # the phrases of a cue, expanded when the vocabulary loads
        return (text,)
    return phrase(text)


def phrases(items: list) -> tuple[Phrase, ...]:
    return tuple(p for p in (_phrase_or_marker(i) for i in items or ()) if p)


def _with_cues(spec: IntentSpec, cues: Cues) -> IntentSpec:
    """Keyword lists may name a cue ("@compare"): its phrases stand there."""
    def expand(group: tuple[Phrase, ...]) -> tuple[Phrase, ...]:
        out: list[Phrase] = []
        for p in group:
            if p[0].startswith("@"):
                if p[0][1:] not in cues.phrases:
                    raise VocabularyError(f"{spec.origin}: intent {spec.name!r} names unknown cue {p[0]!r}")
                out += [q for q in cues.phrases[p[0][1:]] if q not in out]
            elif p not in out:
                out.append(p)
        return tuple(out)

    return replace(spec, require=tuple(expand(g) for g in spec.require), optional=expand(spec.optional),
                   exclude=expand(spec.exclude))


class VocabularyError(ValueError):
    pass


class Test(enum.Enum):
    """What a route's condition tests."""

    SLOT = "slot"  # the question (or its context) names an entity of this type
    CUE = "cue"  # the question says a phrase of this cue
    CUES = "cues"  # ... of every one of these cues
    YES_NO = "yes_no"  # it is a yes/no question
    KEYWORDS = "keywords"  # it says one of this intent's required keywords
    SPEAKER = "speaker"  # a person it names speaks as a source in the pack
    CLAIMANT = "claimant"  # it names a claimant who gives figures: a source, a person or a side speaking
    ON_FIGURE = "on_figure"  # the conversation's last answer was about one figure (a follow-up may ask of it)


@dataclass(frozen=True)
class Condition:
    test: Test
    args: tuple[str, ...] = ()
    negate: bool = False

    def __str__(self) -> str:
        return ("not " if self.negate else "") + " ".join((self.test.value, *self.args))


@dataclass(frozen=True)
class Route:
    """When every condition holds, the question goes to intent ``to`` (or ``to`` answers first)."""

    to: str
    when: tuple[Condition, ...]
    first: bool = False  # the target answers first, then this intent adds its own
    origin: str = ""


@dataclass(frozen=True)
class IntentSpec:
    name: str
    handler: str
    require: tuple[tuple[Phrase, ...], ...]
    optional: tuple[Phrase, ...] = ()
    exclude: tuple[Phrase, ...] = ()
    slots: tuple[str, ...] = ()
    need: tuple[str, ...] = ()
    topic: str = ""  # the pack topic it answers from (resolved from a topic role when the engine loads)
    facts_from: str = ""  # a pack topic whose facts it adds as context (resolved likewise)
    faq: str = ""
    examples: tuple[str, ...] = ()  # templates: "{side2}" etc. are filled from the pack
    suggest: tuple[str, ...] = ()  # intents whose examples follow its answers
    routes: tuple[Route, ...] = ()
    mode: str = ""  # what a handler serving several intents does for this one
    answers_yes_no: bool = False  # its handler settles yes/no questions itself
    answers: tuple[str, ...] = ()  # the kinds of answer it gives (ANSWER_KINDS); empty: any
    names_alone: bool = True  # a question of its needed names alone ("Haji Murad?") may pick it
    measures: tuple[str, ...] = ()  # the kinds of measure its figures are ("strength"), kept when routed on
    origin: str = ""  # file:line, for errors

    def all_keywords(self) -> tuple[Phrase, ...]:
        return tuple(p for group in self.require for p in group) + self.optional


@dataclass(frozen=True)
class TopicRole:
    """A kind of topic any conflict's story has (background, aftermath, ...): the words a pack
    topic's id or label uses for it, and the words people ask about it with."""

    name: str
    names: tuple[Phrase, ...]
    keywords: tuple[Phrase, ...]


@dataclass(frozen=True)
class Vocabulary:
    intents: tuple[IntentSpec, ...]
    topic_roles: dict[str, TopicRole]
    topic_intent: IntentSpec  # the template of an intent made for a pack topic


@dataclass(frozen=True)
class Cues:
    """Named phrase lists the handlers and routes ask for, and the engine's word classes."""

    phrases: dict[str, tuple[Phrase, ...]]
    words: dict[str, frozenset[str]]
    asked_fates: dict[str, frozenset[str]]
    origin: str = ""

    def words_of(self, name: str) -> frozenset[str]:
        return self.words[name]


@dataclass(frozen=True)
class Lexicon:
    stopwords: frozenset[str]
    followup_markers: tuple[Phrase, ...]
    pronouns: dict[str, tuple[Phrase, ...]]
    more_markers: tuple[Phrase, ...]
    yes_no_openers: frozenset[str]
    measure_kinds: dict[str, tuple[Phrase, ...]]
    kind_groups: dict[str, tuple[str, ...]]
    months: dict[str, int]
    seasons: dict[str, tuple[int, int]] = field(default_factory=dict)  # "spring" -> (3, 5): first and last month
    common_words: frozenset[str] = field(default_factory=frozenset)
    about_last_answer: frozenset[Phrase] = frozenset()  # "why?", "by whom?"
    count_followups: frozenset[Phrase] = frozenset()  # "how many?"
    refers_back: tuple[Phrase, ...] = ()  # "that", "there": the last answer's facts
    consequence_words: tuple[Phrase, ...] = ()  # "effect", "react": what followed the last answer's facts
    date_units: dict[str, int] = field(default_factory=dict)  # "week" -> 7 days
    date_shifts: dict[str, int] = field(default_factory=dict)  # "after" -> 1, "before" -> -1
    number_values: dict[str, int] = field(default_factory=dict)  # "two" -> 2
    alone_means: dict[Phrase, Phrase] = field(default_factory=dict)  # "then?" alone -> "and then"
    irregular_forms: dict[str, str] = field(default_factory=dict)  # "fought" -> "fight"
    abbreviations: dict[str, str] = field(default_factory=dict)  # "govt" -> "government"
    same_things: dict[str, str] = field(default_factory=dict)  # "militants" -> "fighter": one thing, several words
    kinds_of: dict[str, frozenset[str]] = field(default_factory=dict)  # "europeans" -> {"french", ...}: one way
    inverse_relations: dict[str, str] = field(default_factory=dict)  # "predecessor" -> "successor of"
    relation_verbs: dict[str, str] = field(default_factory=dict)  # "succeeded" -> "successor of"
    paraphrases: dict[Phrase, Phrase] = field(default_factory=dict)  # "kick off" -> "start"
    conflict_kinds: frozenset[str] = frozenset()  # battle, siege, campaign, ...


def _read(path: Path):
    import yaml  # only when a file is parsed: a start from the engine snapshot parses none

    from knowledge.yamlmarks import load_marked

    try:
        data = load_marked(path.read_text(encoding="utf-8"), words=True)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise VocabularyError(f"{path}:{line}: YAML syntax error: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise VocabularyError(f"{path}:1: expected a mapping")
    return data


def _line(data, key) -> int:
    if isinstance(data, LineDict):
        return data.line_of(key)
    if isinstance(data, LineList):
        return data.line_of(key)
    return getattr(data, "line", 1)


# -- intents --------------------------------------------------------------------------

INTENT_KEYS = frozenset({
    "name", "handler", "topic", "facts_from", "faq", "require", "optional", "exclude", "slots", "need",
    "examples", "suggest", "routes", "mode", "answers_yes_no", "answers", "names_alone", "measures",
})
# What a question's opening asks for (cues "asks_<kind>" in cues.yaml); an intent that declares
# the kinds it answers is a weaker reading of a question asking another kind.
ANSWER_KINDS = ("date", "place", "actor", "reason", "figure")


def _condition(text: str, where: str) -> Condition:
    words = str(text).split()
    negate = bool(words) and words[0] == "not"
    words = words[1:] if negate else words
    try:
        test = Test(words[0])
    except (IndexError, ValueError):
        known = ", ".join(t.value for t in Test)
        raise VocabularyError(f"{where}: unknown condition {text!r} (conditions: {known})") from None
    args = tuple(words[1:])
    if test in (Test.SLOT, Test.CUE, Test.KEYWORDS) and len(args) != 1 or test is Test.CUES and not args:
        raise VocabularyError(f"{where}: condition {text!r} needs {'names' if test is Test.CUES else 'one name'}")
    if test in (Test.YES_NO, Test.SPEAKER, Test.CLAIMANT, Test.ON_FIGURE) and args:
        raise VocabularyError(f"{where}: condition {text!r} takes no name")
    return Condition(test, args, negate)


def _routes(raw, path: Path) -> tuple[Route, ...]:
    out = []
    for n, entry in enumerate(raw or ()):
        where = f"{path}:{_line(raw, n)}"
        if not isinstance(entry, dict) or not (("to" in entry) ^ ("first" in entry)):
            raise VocabularyError(f"{where}: a route is a mapping with 'to' or 'first' (an intent) and 'when'")
        when = entry.get("when") or []
        if not isinstance(when, list) or not when:
            raise VocabularyError(f"{where}: a route needs 'when': a list of conditions")
        conditions = tuple(_condition(c, where) for c in when)
        target = str(entry.get("to") or entry.get("first"))
        out.append(Route(target, conditions, first="first" in entry, origin=where))
    return tuple(out)


def _spec(raw: dict, path: Path, **defaults) -> IntentSpec:
    where = f"{path}:{getattr(raw, 'line', 1)}"
    unknown = set(raw) - INTENT_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise VocabularyError(f"{path}:{_line(raw, key)}: unknown intent key {key!r}")
    for kind in raw.get("answers") or ():
        if kind not in ANSWER_KINDS:
            where_line = f"{path}:{_line(raw, 'answers')}"
            raise VocabularyError(f"{where_line}: unknown answer kind {kind!r} (one of {ANSWER_KINDS})")
    for key in ("slots", "need"):
        for slot in raw.get(key) or ():
            if slot not in SLOT_TYPES:
                raise VocabularyError(f"{path}:{_line(raw, key)}: unknown slot type {slot!r} (one of {SLOT_TYPES})")
    try:
        fields = dict(defaults)
        fields.update(
            name=str(raw["name"]),
            handler=str(raw.get("handler") or defaults.get("handler") or ""),
            require=tuple(phrases(group) for group in raw.get("require", [])) or defaults.get("require", ()),
            optional=phrases(raw["optional"]) if "optional" in raw else defaults.get("optional", ()),
            exclude=phrases(raw["exclude"]) if "exclude" in raw else defaults.get("exclude", ()),
            slots=tuple(raw["slots"]) if "slots" in raw else defaults.get("slots", ()),
            need=tuple(raw.get("need", [])),
            topic=str(raw.get("topic", "")),
            facts_from=str(raw.get("facts_from", "")),
            faq=str(raw.get("faq", "")),
            examples=tuple(str(e) for e in raw.get("examples", [])),
            suggest=tuple(str(s) for s in raw.get("suggest", [])),
            routes=_routes(raw.get("routes"), path),
            mode=str(raw.get("mode", "")),
            answers_yes_no=str(raw.get("answers_yes_no", "")).casefold() in ("true", "yes"),
            answers=tuple(str(k) for k in raw.get("answers", [])),
            names_alone=str(raw.get("names_alone", "true")).casefold() in ("true", "yes"),
            measures=tuple(str(k) for k in raw.get("measures", [])),
            origin=where,
        )
        return IntentSpec(**fields)
    except (KeyError, TypeError) as exc:
        raise VocabularyError(f"{where}: intent {dict(raw)!r:.60}: missing or bad {exc}") from None


@table
def load_vocabulary(path: Path = DATA_DIR / "intents.yaml") -> Vocabulary:
    raw = _read(path)
    cues = load_cues()
    specs = [_with_cues(_spec(entry, path), cues) for entry in raw.get("intents", [])]
    names = [s.name for s in specs]
    for spec in specs:
        if names.count(spec.name) > 1:
            raise VocabularyError(f"{spec.origin}: intent {spec.name!r} is defined twice")
    roles = {}
    for name, entry in (raw.get("topic_roles") or {}).items():
        roles[str(name)] = TopicRole(str(name), phrases(entry.get("names", [])), phrases(entry.get("keywords", [])))
    template = raw.get("topic_intent") or LineDict()
    template.setdefault("name", "topic")
    topic_intent = _spec(template, path)
    check_references([*specs, topic_intent], roles, path, names={s.name for s in specs})
    return Vocabulary(tuple(specs), roles, topic_intent)


def load_intents(path: Path = DATA_DIR / "intents.yaml") -> tuple[IntentSpec, ...]:
    return load_vocabulary(path).intents


def check_references(specs: list[IntentSpec], roles: dict[str, TopicRole], path: Path, names: set[str]) -> None:
    """Every name an intent gives (routes, suggestions, topic roles) must exist."""
    cues = load_cues()
    kinds = load_lexicon().measure_kinds
    for spec in specs:
        for kind in spec.measures:  # a measure kind the lexicon knows ("strength")
            if kind not in kinds:
                raise VocabularyError(f"{spec.origin}: intent {spec.name!r} names unknown measure kind {kind!r}")
        for target in spec.suggest:  # an intent, or a topic role (the pack's topic of that role, if any)
            if target not in names and target not in roles:
                raise VocabularyError(f"{spec.origin}: intent {spec.name!r} suggests unknown intent {target!r}")
        for role in (spec.topic, spec.facts_from):
            if role and role not in roles:
                raise VocabularyError(f"{spec.origin}: intent {spec.name!r} names unknown topic role {role!r}")
        for route in spec.routes:
            if route.to not in names:
                raise VocabularyError(f"{route.origin}: route of {spec.name!r} goes to unknown intent {route.to!r}")
            for cond in route.when:
                unknown = []
                if cond.test in (Test.CUE, Test.CUES):
                    unknown = [c for c in cond.args if c not in cues.phrases]
                elif cond.test is Test.KEYWORDS:
                    unknown = [c for c in cond.args if c not in names]
                elif cond.test is Test.SLOT:
                    unknown = [c for c in cond.args if c not in SLOT_TYPES]
                if unknown:
                    raise VocabularyError(f"{route.origin}: condition '{cond}' names unknown {unknown[0]!r}")


# -- cues -------------------------------------------------------------------------------

WORD_CLASSES = ("number_words", "anyone", "universal", "negations", "active_openers", "wh_words", "year_words",
                "clause_breaks", "quantity_openers", "count_openers", "parts_openers", "light_verbs", "relatives",
                "outside_words", "opposed_words", "range_joins", "members", "people_at_large", "lead_verbs",
                "role_nouns", "question_verbs", "light_heads", "bodies",
                "time_units", "time_spans", "partitive_heads", "pointers", "be_forms", "determiners",
                "contrasts", "commands", "articles", "choosers", "possessives", "side_words", "wh_prepositions",
                "kind_leads", "edge_prepositions", "agent_words", "clause_openers", "askers",
                "time_clause_openers", "premise_openers", "premise_links", "anchor_acts", "anchor_doing", "kind_words",
                "body_roles", "catenatives", "recipient_words",
                "premise_conditions", "rank_words")


@table
def load_cues(path: Path = DATA_DIR / "cues.yaml") -> Cues:
    raw = _read(path)
    cues = raw.get("cues")
    if not isinstance(cues, dict):
        raise VocabularyError(f"{path}:1: expected 'cues': a mapping of names to phrase lists")
    missing = [k for k in WORD_CLASSES if k not in raw]
    if missing:
        raise VocabularyError(f"{path}:1: missing word class {missing[0]!r}")
    words = {k: frozenset(" ".join(p) for p in phrases(raw[k])) for k in WORD_CLASSES}
    fates = {normalize(k): frozenset(v) for k, v in (raw.get("asked_fates") or {}).items()}
    return Cues({str(k): phrases(v) for k, v in cues.items()}, words, fates, str(path))


# -- English ----------------------------------------------------------------------------


@table
def load_english(path: Path = DATA_DIR / "english.txt") -> dict[str, str]:
    """Everyday English words, each with its parts of speech (N, V, A, R): never "corrected"
    into a pack's word."""
    return _word_pairs(path)


@table
def load_person_nouns(path: Path = DATA_DIR / "person_nouns.txt") -> frozenset[str]:
    """Nouns whose commonest sense names people ("fighter", "kid"), from WordNet."""
    with open(path, encoding="utf-8") as f:
        return frozenset(line.strip() for line in f if line[0] != "#")


@table
def load_group_nouns(path: Path = DATA_DIR / "group_nouns.txt") -> frozenset[str]:
    """Nouns whose commonest sense names a group of people ("village", "mission"), from WordNet:
    the person nouns that do not name one person."""
    with open(path, encoding="utf-8") as f:
        return frozenset(line.strip() for line in f if line[0] != "#")


@table
def load_derivations(path: Path = DATA_DIR / "derivations.txt") -> dict[str, tuple[str, ...]]:
    """word -> the words of the same root in other parts of speech ("escalation" -> "escalate"),
    from WordNet; loaded on first use: only a word the pack and the vocabulary lack asks for it."""
    with open(path, encoding="utf-8") as f:
        return {w: tuple(rest) for w, *rest in (line.split() for line in f if line[0] != "#")}


@table
def load_lemmas(path: Path = DATA_DIR / "lemmas.txt") -> dict[str, str]:
    """word -> dictionary form, for everyday English words whose form differs ("fought" -> "fight")."""
    return _word_pairs(path)


def _word_pairs(path: Path) -> dict[str, str]:
    """The "word value" lines of a file. Words are interned, so a word of both the English list
    and the lemmas (and each part-of-speech tag) is one string: the snapshot of the tables then
    stores it once, and a start unpickles it once (5 of 13 ms) and keeps it once (1.4 MB less)."""
    with open(path, encoding="utf-8") as f:
        return {sys.intern(word): sys.intern(value) for word, value in
                (line.split() for line in f.read().splitlines() if line and line[0] != "#")}


# -- lexicon ----------------------------------------------------------------------------


def _separable(paraphrases: dict[Phrase, Phrase], objects: frozenset[str]) -> dict[Phrase, Phrase]:
    """A two-word phrasing split by a pronoun object ("set it off", "called them out") reads as
    the phrasing with the object after it ("triggered it")."""
    split = {(a, o, b): (*v, o) for (a, *rest), v in paraphrases.items() if len(rest) == 1
             for b in rest for o in objects}
    return {**split, **paraphrases}


@table
def load_lexicon(path: Path = DATA_DIR / "lexicon.yaml") -> Lexicon:
    raw = _read(path)
    return Lexicon(
        stopwords=frozenset(w for s in raw["stopwords"] for w in phrase(s)),
        followup_markers=phrases(raw["followup_markers"]),
        pronouns={k: phrases(v) for k, v in raw["pronouns"].items()},
        more_markers=phrases(raw["more_markers"]),
        yes_no_openers=frozenset(raw["yes_no_openers"]),
        measure_kinds={k: phrases(v) for k, v in raw["measure_kinds"].items()},
        kind_groups={normalize(k): tuple(v) for k, v in raw["kind_groups"].items()},
        months={normalize(k): int(v) for k, v in raw["months"].items()},
        seasons={normalize(k): (int(v[0]), int(v[1])) for k, v in (raw.get("seasons") or {}).items()},
        common_words=frozenset(normalize(str(w)) for w in raw.get("common_words", [])),
        about_last_answer=frozenset(phrases(raw.get("about_last_answer", []))),
        count_followups=frozenset(phrases(raw.get("count_followups", []))),
        refers_back=phrases(raw.get("refers_back", [])),
        consequence_words=phrases(raw.get("consequence_words", [])),
        date_units={normalize(k): int(v) for k, v in (raw.get("date_units") or {}).items()},
        date_shifts={normalize(k): int(v) for k, v in (raw.get("date_shifts") or {}).items()},
        number_values={normalize(k): int(v) for k, v in (raw.get("number_values") or {}).items()},
        alone_means={phrase(k): phrase(v) for k, v in (raw.get("alone_means") or {}).items()},
        irregular_forms={normalize(k): normalize(v) for k, v in (raw.get("irregular_forms") or {}).items()},
        abbreviations={normalize(k): normalize(v) for k, v in (raw.get("abbreviations") or {}).items()},
        paraphrases=_separable({phrase(k): phrase(v) for k, v in (raw.get("paraphrases") or {}).items()},
                               frozenset(normalize(str(w)) for w in raw.get("separable_objects", []))),
        conflict_kinds=frozenset(normalize(str(w)) for w in raw.get("conflict_kinds", [])),
        same_things={normalize(w): normalize(head) for head, words in (raw.get("same_things") or {}).items()
                     for w in (head, *words)},
        inverse_relations={normalize(k): str(v) for k, v in (raw.get("inverse_relations") or {}).items()},
        relation_verbs={normalize(k): str(v) for k, v in (raw.get("relation_verbs") or {}).items()},
        kinds_of={normalize(w): frozenset(normalize(m) for m in kind["members"])
                  for kind in (raw.get("kinds_of") or {}).values() for w in kind["asked"]},
    )
