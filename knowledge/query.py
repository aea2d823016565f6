"""The query API over a loaded pack: lookups by alias, claims, disputes, dates.

Everything here is generic over the schema; it answers "what does the pack
say", never "what did the user mean" (that is the intents package's job).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from functools import cached_property
from pathlib import Path

from .loader import bundled_pack_path, fold, load_pack
from .model import (
    Claim,
    Event,
    Evidence,
    Fact,
    Group,
    Measure,
    Pack,
    Person,
    Place,
    Remark,
    Source,
)
from .records import dataclass

Entity = Person | Place | Group | Source | Measure


@dataclass(frozen=True)
class Dispute:
    """Why a measure's figures cannot be taken at face value.

    ``disputed`` is true when different claimants give different values, a
    reliability remark covers one of its claims, or a measure it includes is
    disputed (an overall toll takes in each side's disputed dead: ``parts``).
    """

    measure: Measure
    claims: tuple[Claim, ...]
    disputed: bool
    competing: bool
    remarks: tuple[Remark, ...]
    low: float
    high: float
    parts: tuple[Measure, ...] = ()  # the disputed measures it includes


@dataclass(frozen=True)
class PersonRecord:
    person: Person
    events: tuple[Event, ...]
    facts: tuple[Fact, ...]
    relations: tuple[tuple[str, Person], ...]  # (kind, other person), both directions


@dataclass(frozen=True)
class PlaceRecord:
    place: Place
    parents: tuple[Place, ...]  # nearest first
    children: tuple[Place, ...]
    events: tuple[Event, ...]
    facts: tuple[Fact, ...]


class KnowledgeBase:
    """Read-only queries over one :class:`~knowledge.model.Pack`."""

    def __init__(self, pack: Pack):
        self.pack = pack
        self._by_id: dict[str, Entity | Event | Fact | Claim] = {}
        for table in (
            pack.sources, pack.groups, pack.people, pack.places,
            pack.measures, pack.claims, pack.events, pack.facts,
        ):
            self._by_id.update(table)
        self._claims_by_measure: dict[str, list[Claim]] = defaultdict(list)
        for claim in pack.claims.values():
            self._claims_by_measure[claim.measure].append(claim)
        for claims in self._claims_by_measure.values():
            claims.sort(key=lambda c: (c.value.low, c.value.high))
        self._remarks_by_source: dict[str, list[Remark]] = defaultdict(list)
        for remark in pack.remarks.values():
            for source_id in dict.fromkeys(remark.covers):
                self._remarks_by_source[source_id].append(remark)
        self._disputes: dict[str, Dispute] = {}  # memoised: a pack is read-only
        self._disputed: tuple[Dispute, ...] | None = None
        self._quote_index: dict[tuple[str, ...], list[Claim | Event]] | None = None  # built on first use
        self._quoted: dict[str, tuple[Claim | Event, ...]] = {}  # quote -> what quotes it, memoised
        self._timeline = tuple(sorted(pack.events.values(), key=lambda e: e.date.sort_key))
        self._timeline_pos = {e.id: n for n, e in enumerate(self._timeline)}
        # indexes, each in pack order (events: in timeline order)
        self._measures_by_kind: dict[str, list[Measure]] = defaultdict(list)
        for m in pack.measures.values():
            self._measures_by_kind[m.kind].append(m)
        self._facts_by_topic: dict[str, list[Fact]] = defaultdict(list)
        self._facts_about: dict[str, list[Fact]] = defaultdict(list)
        for f in pack.facts.values():
            self._facts_by_topic[f.topic].append(f)
            for ident in dict.fromkeys(f.about):
                self._facts_about[ident].append(f)
        self._events_by_topic: dict[str, list[Event]] = defaultdict(list)
        self._events_about: dict[str, list[Event]] = defaultdict(list)
        self._events_at: dict[str, list[Event]] = defaultdict(list)  # by place id
        self._events_with: dict[str, list[Event]] = defaultdict(list)  # by person id
        for e in self._timeline:
            self._events_by_topic[e.topic].append(e)
            for ident in dict.fromkeys((*e.people, *e.places, *e.groups)):
                self._events_about[ident].append(e)
            for ident in dict.fromkeys(e.places):
                self._events_at[ident].append(e)
            for ident in dict.fromkeys(e.people):
                self._events_with[ident].append(e)
        self._children: dict[str, list[Place]] = defaultdict(list)
        for p in pack.places.values():
            if p.within:
                self._children[p.within].append(p)
        self._related_to: dict[str, list[tuple[str, Person]]] = defaultdict(list)
        for other in pack.people.values():
            for r in other.relations:
                self._related_to[r.person].append((r.kind, other))

    @classmethod
    def load(cls, path: str | Path | None = None) -> KnowledgeBase:
        """Load the pack at ``path`` (the bundled pack by default)."""
        return cls(load_pack(path or bundled_pack_path()))

    # -- lookups ------------------------------------------------------------
    def get(self, ident: str) -> Entity | Event | Fact | Claim | None:
        """Any item by id."""
        return self._by_id.get(ident)

    @cached_property
    def counted_groups(self) -> frozenset[str]:
        """Groups some figure counts (the subject of a measure with claims)."""
        return frozenset(m.subject for m in self.pack.measures.values() if m.subject and self.claims_of(m.id))

    @cached_property
    def place_kinds(self) -> frozenset[str]:
        """The kinds of place the pack names ("village", "district")."""
        return frozenset(p.kind for p in self.pack.places.values() if p.kind)

    @cached_property
    def voices_of(self) -> dict[str, tuple[str, ...]]:
        """Group -> the sources that speak for it (their affiliation); person -> the sources they are."""
        out: dict[str, list[str]] = defaultdict(list)
        for s in self.pack.sources.values():
            if s.affiliation:
                out[s.affiliation].append(s.id)
            if s.person:
                out[s.person].append(s.id)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def events_and_claims_quoting(self) -> dict[str, tuple[Event | Claim, ...]]:
        """Quote -> the events, then the claims, whose evidence is exactly that quote (built on first use)."""
        out: dict[str, list[Event | Claim]] = defaultdict(list)
        for item in (*self.pack.events.values(), *self.pack.claims.values()):
            out[item.evidence.quote].append(item)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def figure_givers(self) -> frozenset[str]:
        """Sources that give figures (a claim's claimant)."""
        return frozenset(c.claimant for c in self.pack.claims.values())

    @cached_property
    def speaking_sources(self) -> frozenset[str]:
        """Sources that give figures or judge others' (a claim's claimant, a remark's author)."""
        return frozenset({c.claimant for c in self.pack.claims.values()}
                         | {r.evidence.claimant for r in self.pack.remarks.values()})

    @cached_property
    def alias_index(self) -> dict[str, tuple[str, ...]]:
        """Folded name or alias -> ids of the entities it names.

        Covers people, places, groups and sources (and the conflict itself
        under its own id). Aliases are folded with :func:`knowledge.loader.fold`.
        """
        index: dict[str, list[str]] = defaultdict(list)
        tables = (self.pack.groups, self.pack.people, self.pack.places, self.pack.sources)
        for table in tables:
            for entity in table.values():
                for name in (entity.name, *entity.aliases):
                    key = fold(name)
                    if key and entity.id not in index[key]:
                        index[key].append(entity.id)
        conflict = self.pack.conflict
        for name in (conflict.name, *conflict.aliases):
            index[fold(name)].append(conflict.id)
        return {k: tuple(v) for k, v in index.items()}

    def find(self, name: str) -> list[Entity]:
        """Entities whose name or alias equals ``name`` (case and accents ignored)."""
        return [e for i in self.alias_index.get(fold(name), ()) if (e := self.get(i)) is not None]

    def display_name(self, ident: str | None) -> str:
        """A readable name for any id (the id itself if unknown)."""
        if not ident:
            return ""
        item = self.get(ident)
        if item is None:
            return self.pack.conflict.name if ident == self.pack.conflict.id else ident
        return getattr(item, "name", None) or getattr(item, "title", ident)

    def source(self, ident: str) -> Source | None:
        return self.pack.sources.get(ident)

    # -- measures and claims ----------------------------------------------------
    def measures(self, subject: str | None = None, kind: str | None = None) -> list[Measure]:
        """Measures, optionally only of one subject group and/or kind."""
        base = self._measures_by_kind.get(kind, ()) if kind is not None else self.pack.measures.values()
        return [m for m in base if subject is None or m.subject == subject]

    def measure_kinds(self) -> list[str]:
        """Every kind of measure the pack has, in pack order."""
        return list(dict.fromkeys(m.kind for m in self.pack.measures.values()))

    def claims_of(self, measure_id: str) -> list[Claim]:
        """The claims for a measure, lowest figure first."""
        return list(self._claims_by_measure.get(measure_id, ()))  # sorted once, in __init__

    def claims_by(self, source_id: str) -> list[Claim]:
        """Every claim one source makes."""
        return [c for c in self.pack.claims.values() if c.claimant == source_id]

    def remarks_on(self, claim: Claim) -> list[Remark]:
        """Reliability remarks that judge this claim's claimant for its kind of measure."""
        kind = self.pack.measures[claim.measure].kind
        return [r for r in self._remarks_by_source.get(claim.claimant, ()) if not r.scope or kind in r.scope]

    def dispute(self, measure_id: str) -> Dispute:
        """Derive whether a measure is disputed and how far its figures spread."""
        if measure_id in self._disputes:
            return self._disputes[measure_id]
        measure = self.pack.measures[measure_id]
        claims = tuple(self.claims_of(measure_id))
        values = {(c.value.low, c.value.high) for c in claims}
        claimants = {c.claimant for c in claims}
        competing = len(values) > 1 and len(claimants) > 1
        remarks = tuple(dict.fromkeys(r for c in claims for r in self.remarks_on(c)))
        low = min((c.value.low for c in claims), default=0)
        high = max((c.value.high for c in claims), default=0)
        self._disputes[measure_id] = Dispute(measure, claims, competing or bool(remarks), competing, remarks, low,
                                             high)  # first, so a measure that includes itself ends here
        parts = tuple(self.pack.measures[m] for m in measure.includes
                      if m in self.pack.measures and self.claims_of(m) and self.dispute(m).disputed)
        found = Dispute(measure, claims, competing or bool(remarks) or bool(parts), competing, remarks, low, high,
                        parts)
        self._disputes[measure_id] = found
        return found

    def quoted_in(self, quote: str) -> list[Claim | Event]:
        """Claims and events whose evidence is ``quote``, a part of it, or contains it (a narrative
        fact that restates a claim or an event quotes the same words). Found through the word
        triples of their quotes."""
        if self._quote_index is None:
            index: dict[tuple[str, ...], list[Claim | Event]] = {}
            for item in (*self.pack.claims.values(), *self.pack.events.values()):
                words = tuple(item.evidence.quote.split())
                for i in range(max(1, len(words) - 2)):
                    index.setdefault(words[i : i + 3], []).append(item)
            self._quote_index = index
        if quote in self._quoted:  # quotes are the pack's own: each is looked up once
            return list(self._quoted[quote])
        words = tuple(quote.split())
        candidates: dict[str, Claim | Event] = {}
        for i in range(max(1, len(words) - 2)):
            for item in self._quote_index.get(words[i : i + 3], ()):
                candidates[item.id] = item
        found = tuple(i for i in candidates.values() if i.evidence.quote in quote or quote in i.evidence.quote)
        self._quoted[quote] = found
        return list(found)

    def claims_quoted_in(self, quote: str) -> list[Claim]:
        return [i for i in self.quoted_in(quote) if isinstance(i, Claim)]

    @cached_property
    def _measures_by_fact_quote(self) -> dict[str, tuple[str, ...]]:
        out: dict[str, list[str]] = defaultdict(list)
        for f in self.pack.facts.values():
            out[f.evidence.quote].extend(i for i in f.about if i in self.pack.measures)
        return {q: tuple(dict.fromkeys(ms)) for q, ms in out.items() if ms}

    def measures_told_in(self, quote: str) -> tuple[str, ...]:
        """The measures a narrative fact with this quote is about (its ``about`` names them)."""
        return self._measures_by_fact_quote.get(quote, ())

    def disputed_measures(self) -> list[Dispute]:
        """Every measure whose figures are disputed."""
        if self._disputed is None:
            self._disputed = tuple(d for m in self.pack.measures if (d := self.dispute(m)).disputed)
        return list(self._disputed)

    # -- dates ------------------------------------------------------------------
    def timeline(self) -> list[Event]:
        """All dated events in order."""
        return list(self._timeline)  # sorted once, in __init__

    def _bounds(self, event: Event) -> tuple[date, date]:
        """The span an event's date covers, with a start even for "by" dates.

        "By 18 July" speaks of the conflict up to that day, so it starts when the
        conflict does (or on the day itself when that is earlier); this keeps
        such statements from answering questions about months or years before.
        """
        spec = event.date
        if spec.start is not None:
            return spec.start, spec.end
        begin = self.pack.conflict.date.start
        return (begin if begin and begin <= spec.end else spec.end), spec.end

    def events_on(self, day: date) -> list[Event]:
        """Events whose date or span covers ``day``, most precise first."""
        hits = []
        for e in self.pack.events.values():
            start, end = self._bounds(e)
            if start <= day <= end:
                hits.append(e)
        return sorted(hits, key=lambda e: (self._span(e), e.date.sort_key))

    def events_around(self, day: date, window: int = 3) -> list[Event]:
        """Events within ``window`` days of ``day``, nearest first."""
        hits = [e for e in self.pack.events.values() if self._distance(e, day) <= window]
        return sorted(hits, key=lambda e: (self._distance(e, day), self._span(e), e.date.sort_key))

    def _span(self, event: Event) -> int:
        start, end = self._bounds(event)
        return (end - start).days

    def _distance(self, event: Event, day: date) -> int:
        start, end = self._bounds(event)
        if day < start:
            return (start - day).days
        return max(0, (day - end).days)

    # -- people, places, topics -------------------------------------------------------
    def person_record(self, person_id: str) -> PersonRecord:
        """A person with the events and facts that involve them and their relations."""
        person = self.pack.people[person_id]
        events = tuple(self._events_with.get(person_id, ()))
        facts = tuple(self._facts_about.get(person_id, ()))
        relations = [(r.kind, self.pack.people[r.person]) for r in person.relations]
        relations += self._related_to.get(person_id, ())
        return PersonRecord(person, events, facts, tuple(relations))

    def holders(self, person_id: str, kind: str) -> list[Person]:
        """The people whose relation ``kind`` is to this person ("successor of" X: who succeeded X)."""
        return [other for k, other in self._related_to.get(person_id, ()) if k == kind]

    def place_record(self, place_id: str) -> PlaceRecord:
        """A place with what contains it, what it contains, and what happened there."""
        place = self.pack.places[place_id]
        parents = []
        seen = {place_id}
        current = place
        while current.within and current.within not in seen:
            seen.add(current.within)
            current = self.pack.places[current.within]
            parents.append(current)
        children = tuple(self._children.get(place_id, ()))
        found = {e.id: e for e in self._events_at.get(place_id, ())}
        if place.kind != "province":
            for child in children:
                found.update((e.id, e) for e in self._events_at.get(child.id, ()))
        events = tuple(sorted(found.values(), key=lambda e: self._timeline_pos[e.id]))
        facts = tuple(self._facts_about.get(place_id, ()))
        return PlaceRecord(place, tuple(parents), children, events, facts)

    def in_theatre(self, place_id: str) -> bool:
        """Whether a place is where the conflict was fought: one of its places, inside one
        (a village of the district) or containing one (the province, the country)."""
        theatre = set(self.pack.conflict.places)
        if place_id not in self.pack.places:
            return False
        if place_id in theatre or theatre & {p.id for p in self.place_record(place_id).parents}:
            return True
        return any(place_id in {p.id for p in self.place_record(t).parents} for t in theatre if t in self.pack.places)

    def facts(self, topic: str | None = None, section: str | None = None, about: str | None = None) -> list[Fact]:
        """Narrative facts filtered by topic, article section and/or entity id."""
        if topic is not None:
            base = self._facts_by_topic.get(topic, ())
        elif about is not None:
            base = self._facts_about.get(about, ())
        else:
            base = self.pack.facts.values()
        if section is None and (about is None or topic is None):
            return list(base)  # the index already filtered it
        return [
            f for f in base
            if (topic is None or f.topic == topic)
            and (section is None or f.evidence.section == section)
            and (about is None or about in f.about)
        ]

    def events(self, topic: str | None = None, about: str | None = None) -> list[Event]:
        """Events in date order, filtered by topic and/or an involved entity id."""
        if topic is not None:
            base = self._events_by_topic.get(topic, ())
        elif about is not None:
            base = self._events_about.get(about, ())
        else:
            base = self._timeline
        if about is None or topic is None:
            return list(base)  # the index already filtered it
        return [
            e for e in base
            if (topic is None or e.topic == topic)
            and (about is None or about in (*e.people, *e.places, *e.groups))
        ]

    def everything_cited(self) -> list[Evidence]:
        """Every piece of evidence in the pack (for completeness checks)."""
        out: list[Evidence] = [self.pack.conflict.evidence]
        for table in (self.pack.claims, self.pack.events, self.pack.facts, self.pack.remarks):
            out.extend(item.evidence for item in table.values())
        for table in (self.pack.groups, self.pack.people, self.pack.places):
            for item in table.values():
                out.extend(item.evidence)
        for person in self.pack.people.values():
            if person.fate and person.fate.evidence:
                out.append(person.fate.evidence)
        return out

