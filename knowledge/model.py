"""The typed model of a conflict's fact base.

Everything a reader is told comes with its evidence: the claimant (who says
it), the article section, and a short verbatim quote. Nothing here knows about
any particular conflict.
"""

from __future__ import annotations

from .dates import DateSpec
from .records import dataclass, field

SOURCE_KINDS = ("belligerent", "government", "analyst", "civilian", "military", "media")
GROUP_ROLES = ("belligerent", "government", "foreign", "unit", "other")
FATES = ("killed", "captured", "executed", "surrendered", "died", "survived", "unknown")
QUALIFIERS = ("exact", "about", "over", "at least", "just", "up to", "under", "several", "hundreds")


@dataclass(frozen=True)
class Origin:
    """Where in the pack files an item was written (for error messages)."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Evidence:
    """Who said something, where the article says so, and its own words."""

    claimant: str  # a Source id
    section: str
    quote: str


@dataclass(frozen=True)
class Source:
    """Someone the article credits with a statement or a figure."""

    id: str
    name: str
    kind: str
    affiliation: str | None = None  # a Group id, when the source speaks for one
    aliases: tuple[str, ...] = ()
    description: str = ""
    person: str | None = None  # a Person id, when the source is that person speaking
    unnamed: bool = False  # one person the article does not name ("a local civilian", "the governor's spokesman")
    origin: Origin | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Group:
    """A side, an armed group, a government body or a unit."""

    id: str
    name: str
    role: str
    aliases: tuple[str, ...] = ()
    side: str | None = None  # a Group id this one belongs to or fights for
    description: str = ""
    evidence: tuple[Evidence, ...] = ()
    origin: Origin | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Relation:
    kind: str  # "brother-in-law", "successor of", ...
    person: str  # a Person id


@dataclass(frozen=True)
class Fate:
    status: str  # one of FATES
    date: DateSpec | None = None
    place: str | None = None  # a Place id
    by: str | None = None  # a Group id
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    side: str | None = None  # a Group id
    roles: tuple[str, ...] = ()
    relations: tuple[Relation, ...] = ()
    fate: Fate | None = None
    description: str = ""
    evidence: tuple[Evidence, ...] = ()
    origin: Origin | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    kind: str  # village, district, province, city, base, country, region
    aliases: tuple[str, ...] = ()
    within: str | None = None  # a Place id
    description: str = ""
    evidence: tuple[Evidence, ...] = ()
    origin: Origin | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Measure:
    """One quantity sources give figures for, e.g. "Taliban fighters killed"."""

    id: str
    name: str
    kind: str  # killed, wounded, captured, surrendered, displaced, strength, executed, ...
    subject: str | None = None  # a Group id, or None for civilians/others
    subject_label: str = ""  # how to name the subject when there is no Group ("civilians")
    description: str = ""
    includes: tuple[str, ...] = ()  # measures whose count this one takes in (an overall toll: each side's)
    origin: Origin | None = field(default=None, compare=False)


def number_text(x: float) -> str:
    """A figure as a reader writes it: 3,500, not 3500.0."""
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,}"


@dataclass(frozen=True)
class Value:
    """A figure or range, with the qualifier the source used."""

    low: float
    high: float
    qualifier: str = "exact"

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    def text(self) -> str:
        core = f"{number_text(self.low)} to {number_text(self.high)}" if self.is_range else number_text(self.low)
        if self.qualifier in ("exact", ""):
            return core
        return f"{self.qualifier} {core}"


@dataclass(frozen=True)
class Claim:
    """A claimant's figure for a measure over a period."""

    id: str
    measure: str
    value: Value
    period: str  # "by 18 July", "on 17 July alone", "the whole campaign"
    evidence: Evidence
    date: DateSpec | None = None
    note: str = ""
    origin: Origin | None = field(default=None, compare=False)

    @property
    def claimant(self) -> str:
        return self.evidence.claimant


@dataclass(frozen=True)
class Remark:
    """A judgement on other sources' reliability (e.g. "generally questionable")."""

    id: str
    verdict: str  # questionable, unreliable, plausible
    covers: tuple[str, ...]  # Source ids whose claims it judges
    text: str
    evidence: Evidence
    scope: tuple[str, ...] = ()  # Measure kinds it speaks of; empty means all
    origin: Origin | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Event:
    id: str
    date: DateSpec
    title: str
    summary: str
    evidence: Evidence
    places: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    topic: str = ""
    origin: Origin | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Fact:
    """A narrative statement (background, aftermath, ...) in our own words."""

    id: str
    topic: str
    text: str
    evidence: Evidence
    about: tuple[str, ...] = ()  # ids of people, places, groups, sources
    keywords: tuple[str, ...] = ()
    # words for what this fact rules out: "were they allies?" against "fierce rivals" is a no
    denies: tuple[str, ...] = ()
    origin: Origin | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Side:
    """One column of the infobox: who fought, under whom, with what."""

    id: str
    name: str
    groups: tuple[str, ...]
    commanders: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    strength: tuple[str, ...] = ()  # Measure ids
    casualties: str = ""


@dataclass(frozen=True)
class Conflict:
    id: str
    name: str
    date: DateSpec
    place: str
    summary: str
    result: str
    territory: str
    evidence: Evidence
    aliases: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    part_of: tuple[str, ...] = ()
    sides: tuple[Side, ...] = ()
    civilian_casualties: str = ""
    # evidence for single infobox fields: "date", "place", "result", "territory",
    # "part_of", "civilian_casualties", or a side id for that side's casualties
    field_evidence: dict[str, Evidence] = field(default_factory=dict, hash=False, compare=False)

    def evidence_for(self, name: str) -> Evidence:
        """The evidence for one field, falling back to the conflict's own."""
        return self.field_evidence.get(name, self.evidence)


@dataclass(frozen=True)
class Publication:
    """The document the pack was built from, for attribution."""

    title: str
    publisher: str
    url: str = ""
    licence: str = ""
    text: str = ""  # the file in the pack that holds the document itself, when it carries it


@dataclass(frozen=True)
class TopicWords:
    """How people ask about one topic: words, a kind of topic it is, example questions."""

    role: str = ""  # a kind of topic (background, aftermath, ...), when the pack says which
    keywords: tuple[str, ...] = ()  # words that say a question is about this topic
    related: tuple[str, ...] = ()  # words that only strengthen that reading
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class PackWords:
    """The pack's own vocabulary: its topics' words, its words for its kind of conflict
    ("battle", "siege"), and example questions by the kind of question they are."""

    topics: dict[str, TopicWords] = field(default_factory=dict, hash=False, compare=False)
    conflict: tuple[str, ...] = ()
    examples: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)
    origins: dict[str, Origin] = field(default_factory=dict, hash=False, compare=False)  # name -> where given


@dataclass
class Pack:
    """Everything loaded from one pack directory."""

    conflict: Conflict
    publication: Publication
    sections: tuple[str, ...]
    topics: dict[str, str]  # topic id -> human label
    sources: dict[str, Source]
    groups: dict[str, Group]
    people: dict[str, Person]
    places: dict[str, Place]
    measures: dict[str, Measure]
    claims: dict[str, Claim]
    remarks: dict[str, Remark]
    events: dict[str, Event]
    facts: dict[str, Fact]
    words: PackWords = field(default_factory=PackWords)
    source_text: str = ""  # the article the pack was built from, when the pack carries it
    warnings: tuple = ()  # PackErrors that do not stop loading (ambiguous aliases, ...)
