"""The intents for one pack: the engine's vocabulary joined with the pack's own words.

Engine intents are the same for every pack. Each pack topic takes a topic role (from
the pack, or read from the topic's id and label); an engine intent that serves that
role answers it with the pack's keywords added, and every other topic becomes an
intent of its own. Example questions are the pack's where it gives them, else the
engine's templates filled from the pack. Everything a name refers to is checked here,
once, when the engine loads.
"""

from __future__ import annotations

import re

from knowledge import KnowledgeBase
from knowledge.dates import day_text
from knowledge.records import dataclass, field, replace

from .handlers import Handler
from .normalize import normalize
from .reply import capitalize
from .vocabulary import (
    CONFLICT_WORDS,
    IntentSpec,
    Phrase,
    TopicRole,
    Vocabulary,
    VocabularyError,
    load_cues,
    load_lexicon,
    phrase,
    phrases,
)


@dataclass
class Catalog:
    intents: tuple[IntentSpec, ...]
    by_name: dict[str, IntentSpec]
    roles: dict[str, str]  # topic role -> the pack topic that has it
    warnings: list[str] = field(default_factory=list)

    def get(self, name: str | None) -> IntentSpec | None:
        return self.by_name.get(name or "")

    def resolve(self, name: str) -> IntentSpec | None:
        """An intent by name, or the intent that answers the pack topic of a topic role."""
        spec = self.by_name.get(name)
        if spec is None and name in self.roles:
            spec = next((s for s in self.intents if s.topic == self.roles[name]), None)
        return spec


def build_catalog(kb: KnowledgeBase, vocabulary: Vocabulary, handlers: dict[str, Handler]) -> Catalog:
    pack = kb.pack
    own_words = conflict_words(kb)
    role_of = {topic: _role_of(kb, topic, vocabulary.topic_roles) for topic in pack.topics}
    roles: dict[str, str] = {}  # role -> the first pack topic that has it
    for topic, role in role_of.items():
        if role and role not in roles:
            roles[role] = topic
    served = {spec.topic for spec in vocabulary.intents if spec.topic}
    fill = _Filler(kb)
    specs: list[IntentSpec] = []
    missing: list[str] = []
    for spec in vocabulary.intents:
        topic = roles.get(spec.topic, "") if spec.topic else ""
        if spec.topic and not topic:
            missing.append(f"{spec.origin}: intent {spec.name!r} answers the topic role {spec.topic!r}, which no "
                           "pack topic has (name one in its id or label, or give it `role:`): "
                           "its answers get no topic facts")
        words = pack.words.topics.get(topic)
        require, optional = spec.require, spec.optional
        if words and (words.keywords or words.related):  # the pack's words for the topic this intent serves
            first = require[0] if require else ()
            require = (first + phrases(list(words.keywords)), *require[1:])
            optional = optional + phrases(list(words.related))
        examples = pack.words.examples.get(spec.name) or (words.examples if words else ()) or fill.all(spec.examples)
        specs.append(replace(
            spec,
            require=_expand(require, own_words),
            optional=_expand((optional,), own_words)[0],
            exclude=_expand((spec.exclude,), own_words)[0],
            topic=topic,
            facts_from=roles.get(spec.facts_from, ""),
            examples=tuple(examples),
        ))
    engine_names = {s.name for s in specs}
    made: list[IntentSpec] = []
    template = vocabulary.topic_intent
    for topic, label in pack.topics.items():
        role_name = role_of[topic]
        if role_name in served and roles.get(role_name) == topic:
            continue
        role = vocabulary.topic_roles.get(role_name or "")
        words = pack.words.topics.get(topic)
        keywords = (role.keywords if role else ()) + phrases(list(words.keywords if words else ()))
        if not keywords and (role_name or not label):
            continue  # the course of the fighting, the sources: the fact route and other intents answer
        if not keywords:  # a topic the pack gives no words for: its own name says what it is about
            keywords = _label_words(topic, label, own_words)
        name = topic if topic not in engine_names else f"{topic}-topic"
        made.append(replace(
            template,
            name=name,
            topic=topic,
            require=_expand((keywords,), own_words),
            optional=_expand((template.optional + phrases(list(words.related if words else ())),), own_words)[0],
            faq=capitalize(label),
            examples=tuple(words.examples if words else ()),
            origin=f"{pack.words.origins.get(f'topic:{topic}', '')}",
        ))
    made = [replace(s, suggest=tuple(o.name for o in made if o is not s)[:2]) for s in made]
    intents = tuple(specs + made)
    catalog = Catalog(intents, {s.name: s for s in intents}, roles, missing)
    _check(catalog, handlers, kb)
    return catalog


def conflict_words(kb: KnowledgeBase) -> tuple[Phrase, ...]:
    """What the pack calls its kind of conflict: its own words, else the kinds of conflict its
    name and aliases use ("Kessring Pass campaign": campaign), with fighting and fight."""
    pack = kb.pack
    if pack.words.conflict:
        return phrases(list(pack.words.conflict))
    kinds = load_lexicon().conflict_kinds
    words = {w for name in (pack.conflict.name, *pack.conflict.aliases) for w in normalize(name).split() if w in kinds}
    return tuple((w,) for w in sorted(words | {"fighting", "fight"}))


def _expand(groups: tuple[tuple[Phrase, ...], ...], conflict_words: tuple[Phrase, ...]) -> tuple:
    out = []
    for group in groups:
        expanded: list[Phrase] = []
        for p in group:
            for q in conflict_words if p == CONFLICT_WORDS else (p,):
                if q not in expanded:
                    expanded.append(q)
        out.append(tuple(expanded))
    return tuple(out)


def _role_of(kb: KnowledgeBase, topic: str, roles: dict[str, TopicRole]) -> str:
    """The topic role a pack topic has: the one the pack names, else the first whose names its id
    or label uses."""
    words = kb.pack.words.topics.get(topic)
    if words and words.role:
        return words.role if words.role in roles else ""
    said = f" {normalize(topic.replace('-', ' '))} {normalize(kb.pack.topics.get(topic, ''))} "
    for role in roles.values():
        if any(f" {' '.join(n)} " in said for n in role.names):
            return role.name
    return ""


def _label_words(topic: str, label: str, conflict_words: tuple[Phrase, ...]) -> tuple[Phrase, ...]:
    stop = load_lexicon().stopwords | {w for p in conflict_words for w in p}
    text = normalize(f"{topic.replace('-', ' ')} {label}")
    whole = phrase(" ".join(w for w in text.split() if w not in stop))
    words = [(w,) for w in dict.fromkeys(text.split()) if w not in stop]
    return tuple(dict.fromkeys([whole, *words] if len(whole) > 1 else words))


class _Filler:
    """Fills example templates ("How many {side2} fighters were killed?") from the pack."""

    def __init__(self, kb: KnowledgeBase):
        pack = kb.pack
        c = pack.conflict
        sides = [kb.display_name(s.groups[0]) if s.groups else s.name for s in c.sides]
        people = list(pack.people.values())
        commanders = [p for s in c.sides for p in s.commanders]
        fated = [p.id for p in people if p.fate]
        places = list(c.places) or list(pack.places)
        villages = [p.id for p in pack.places.values() if p.kind == "village"]
        days = [e.date.start for e in kb.timeline() if e.date.kind == "day" and e.date.start]
        units = [u for s in c.sides for u in s.units]
        self.values = {
            "conflict": c.name,
            "side1": sides[0] if sides else "",
            "side2": sides[1] if len(sides) > 1 else "",
            "person": kb.display_name(commanders[0] if commanders else (people[0].id if people else "")),
            "person2": kb.display_name(fated[0] if fated else ""),
            "place": kb.display_name(places[0] if places else ""),
            "village": kb.display_name((villages or places or [""])[0]),
            "day": day_text(days[0], with_year=False) if days else "",
            "unit": kb.display_name(units[0] if units else ""),
            "group": sides[1] if len(sides) > 1 else (sides[0] if sides else ""),
        }

    def all(self, templates: tuple[str, ...]) -> list[str]:
        from string import Formatter  # used when an engine is built, not restored: not at every start

        out = []
        for template in templates:
            names = [n for _, n, _, _ in Formatter().parse(template) if n]
            if all(self.values.get(n) for n in names):
                out.append(re.sub(r"\s+", " ", template.format(**self.values)))
        return out


def _check(catalog: Catalog, handlers: dict[str, Handler], kb: KnowledgeBase) -> None:
    """Handlers, their cues and modes must exist; the pack's example questions must name intents."""
    cues = load_cues()
    for spec in catalog.intents:
        h = handlers.get(spec.handler)
        if h is None:
            raise VocabularyError(f"{spec.origin}: intent {spec.name!r} names unknown handler {spec.handler!r}")
        if h.modes is not None:
            valid = {m.value for m in h.modes}
            if spec.mode not in valid:
                raise VocabularyError(f"{spec.origin}: intent {spec.name!r}: mode {spec.mode!r} is not one of "
                                      f"{sorted(valid)} (handler {h.name!r})")
        elif spec.mode:
            raise VocabularyError(f"{spec.origin}: intent {spec.name!r}: handler {h.name!r} takes no mode")
    for h in handlers.values():
        unknown = [c for c in h.cues if c not in cues.phrases]
        if unknown:
            raise VocabularyError(f"{cues.origin}:1: handler {h.name!r} ({h.module}) reads unknown cue {unknown[0]!r}")
    for name in kb.pack.words.examples:
        if name not in catalog.by_name:
            where = kb.pack.words.origins.get(f"examples:{name}", "")
            catalog.warnings.append(f"{where}: examples for unknown question kind {name!r}")
