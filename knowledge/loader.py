"""Load a knowledge pack directory and validate it, reporting every problem.

A pack is a directory of YAML files. ``pack.yaml`` holds the ``conflict``,
``publication``, ``sections`` and ``topics``; any ``*.yaml`` file may hold
lists under ``sources``, ``groups``, ``people``, ``places``, ``measures``,
``claims``, ``remarks``, ``events`` and ``facts``. Problems are collected and
raised together as :class:`PackErrors`, each ``file:line: message``.
"""

from __future__ import annotations

import math
import os
import stat
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from .dates import DateError, DateSpec, parse_datespec
from .lines import LineDict, LineList
from .model import (
    FATES,
    GROUP_ROLES,
    QUALIFIERS,
    SOURCE_KINDS,
    Claim,
    Conflict,
    Event,
    Evidence,
    Fact,
    Fate,
    Group,
    Measure,
    Origin,
    Pack,
    PackWords,
    Person,
    Place,
    Publication,
    Relation,
    Remark,
    Side,
    Source,
    TopicWords,
    Value,
)
from .records import dataclass

MAX_FILE_BYTES = 2_000_000


class UnsafeFile(OSError):
    """A pack file that is not read: not a regular file, outside the pack, or over the size limit."""


def read_pack_file(path: Path, limit: int | None = None) -> bytes:
    """The bytes of one pack file, read safely.

    Only a regular file is read (a FIFO, a device or a directory named ``*.yaml`` is
    refused without blocking); a symlink may point only inside the pack's directory;
    the byte cap counts what is read, not what ``stat`` claims (``/dev/zero`` has size 0).
    """
    limit = MAX_FILE_BYTES if limit is None else limit
    real = path
    if path.is_symlink():
        folder = path.parent.resolve()
        real = path.resolve()
        if real.parent != folder and folder not in real.parents:
            raise UnsafeFile(f"{path.name} is a symlink to outside the pack directory; not read")
    fd = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise UnsafeFile("not a regular file; a pack holds only regular YAML files")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise UnsafeFile(f"file is over {limit:,} bytes, the limit")
    return data


LIST_KEYS = ("sources", "groups", "people", "places", "measures", "claims", "remarks", "events", "facts")
MANIFEST_KEYS = ("conflict", "publication", "sections", "topics", "words", "examples")


@dataclass(frozen=True)
class PackError:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class PackErrors(Exception):
    """All the problems found in a pack, in file and line order."""

    def __init__(self, errors: list[PackError]):
        self.errors = sorted(errors, key=lambda e: (e.file, e.line))
        super().__init__("\n".join(str(e) for e in self.errors))


def fold(text: str) -> str:
    """Casefold and strip accents: the form aliases are compared in."""
    if text.isascii():  # nothing to decompose or strip: the common case, kept cheap
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


class _Item:
    """Typed access to one YAML mapping that records problems instead of raising."""

    def __init__(self, data: LineDict, file: str, errors: list[PackError], what: str):
        self.data, self.file, self.errors, self.what = data, file, errors, what

    @property
    def origin(self) -> Origin:
        return Origin(self.file, self.data.line)

    def error(self, key: str | None, message: str) -> None:
        line = self.data.line_of(key) if key else self.data.line
        self.errors.append(PackError(self.file, line, f"{self.what}: {message}"))

    def str(self, key: str, required: bool = True, default: str = "") -> str:
        value = self.data.get(key)
        if value is None:
            if required:
                self.error(None, f"missing '{key}'")
            return default
        if isinstance(value, (dict, list)) or isinstance(value, bool):
            self.error(key, f"'{key}' must be text, not {type(value).__name__}")
            return default
        text = str(value).strip()
        if required and not text:
            self.error(key, f"'{key}' is empty")
        return text

    def flag(self, key: str) -> bool:
        value = self.data.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.error(key, f"'{key}' must be true or false, not {value!r}")
            return False
        return value

    def choice(self, key: str, allowed: tuple[str, ...], required: bool = True) -> str:
        value = self.str(key, required=required)
        if value and value not in allowed:
            self.error(key, f"'{key}' is {value!r}; expected one of {', '.join(allowed)}")
        return value

    def strs(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list) or any(isinstance(v, (dict, list)) for v in value):
            self.error(key, f"'{key}' must be a list of text")
            return ()
        return tuple(str(v) for v in value)

    def date(self, key: str, required: bool = True) -> DateSpec | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.error(None, f"missing '{key}'")
            return None
        try:
            return parse_datespec(value)
        except DateError as exc:
            self.error(key, str(exc))
            return None

    def sub(self, key: str, what: str) -> _Item | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, LineDict):
            self.error(key, f"'{key}' must be a mapping")
            return None
        return _Item(value, self.file, self.errors, f"{self.what} {what}")

    def evidence(self, claimant_key: str = "source") -> Evidence:
        claimant = self.str(claimant_key)
        section = self.str("section")
        quote = self.str("quote")
        return Evidence(claimant=claimant, section=section, quote=quote)


class _Builder:
    def __init__(self) -> None:
        self.errors: list[PackError] = []
        # (kind, id, file, line, field) references to check once everything is read
        self.refs: list[tuple[tuple[str, ...], str, str, int, str]] = []
        self.ids: dict[str, tuple[str, str, int]] = {}
        self.sections: tuple[str, ...] = ()
        self.section_refs: list[tuple[str, str, int]] = []
        self.topics: dict[str, str] = {}
        self.topic_refs: list[tuple[str, str, int]] = []
        self.items: dict[str, dict[str, Any]] = {k: {} for k in LIST_KEYS}
        self.words = PackWords()
        self.text_file: str = ""  # the article's file, named by publication.text
        self.quotes: list[tuple[str, int, str]] = []  # (file, line, quote) to check against the article
        self.warnings: list[PackError] = []

    # -- references -----------------------------------------------------
    def ref(self, item: _Item, key: str, value: str | None, kinds: tuple[str, ...]) -> None:
        if value:
            self.refs.append((kinds, value, item.file, item.data.line_of(key), f"{item.what}: '{key}'"))

    def refs_all(self, item: _Item, key: str, values: tuple[str, ...], kinds: tuple[str, ...]) -> None:
        for value in values:
            self.ref(item, key, value, kinds)

    def evidence_refs(self, item: _Item, ev: Evidence, claimant_key: str = "source") -> None:
        if ev.quote:
            self.quotes.append((item.file, item.data.line_of("quote"), ev.quote))
        self.ref(item, claimant_key, ev.claimant, ("sources",))
        if ev.section:
            self.section_refs.append((ev.section, item.file, item.data.line_of("section")))

    def register(self, kind: str, item: _Item) -> str:
        ident = item.str("id")
        if not ident:
            return ""
        if ident in self.ids:
            _, file, line = self.ids[ident]
            item.error("id", f"duplicate id {ident!r} (first defined at {file}:{line})")
            return ""
        self.ids[ident] = (kind, item.file, item.data.line)
        return ident

    # -- files ----------------------------------------------------------
    def read_file(self, path: Path, display: str) -> LineDict | None:
        try:
            text = read_pack_file(path).decode("utf-8")
        except UnicodeDecodeError as exc:
            self.errors.append(PackError(display, 1, f"not UTF-8 text ({exc.reason})"))
            return None
        except UnsafeFile as exc:
            self.errors.append(PackError(display, 1, str(exc)))
            return None
        except OSError as exc:
            self.errors.append(PackError(display, 1, f"cannot read: {exc.strerror or exc}"))
            return None
        import yaml  # the parser is imported only when a file is parsed (a snapshot start parses none)

        from .yamlmarks import AliasError, load_marked

        try:
            data = load_marked(text)
        except RecursionError:
            self.errors.append(PackError(display, 1, "YAML nested too deeply"))
            return None
        except AliasError as exc:
            self.errors.append(PackError(display, exc.problem_mark.line + 1, exc.problem))
            return None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            line = mark.line + 1 if mark else 1
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            self.errors.append(PackError(display, line, f"YAML syntax error: {problem}"))
            return None
        if data is None:
            return LineDict()
        if not isinstance(data, LineDict):
            self.errors.append(PackError(display, 1, "the file must be a mapping of sections (sources:, claims:, ...)"))
            return None
        return data

    def read_list(self, kind: str, data: LineDict, display: str, build: Callable[[_Item], Any]) -> None:
        entries = data[kind]
        if not isinstance(entries, LineList):
            self.errors.append(PackError(display, data.line_of(kind), f"'{kind}' must be a list"))
            return
        singular = kind[:-1] if kind != "people" else "person"
        for index, entry in enumerate(entries):
            if not isinstance(entry, LineDict):
                self.errors.append(PackError(display, entries.line_of(index), f"each of '{kind}' must be a mapping"))
                continue
            label = f"{singular} {entry.get('id', '?')}"
            item = _Item(entry, display, self.errors, label)
            built = build(item)
            if built is not None and built.id:
                self.items[kind][built.id] = built

    # -- entity builders -------------------------------------------------
    def source(self, it: _Item) -> Source | None:
        ident = self.register("sources", it)
        src = Source(
            id=ident,
            name=it.str("name"),
            kind=it.choice("kind", SOURCE_KINDS),
            affiliation=it.str("affiliation", required=False) or None,
            aliases=it.strs("aliases"),
            description=it.str("description", required=False),
            person=it.str("person", required=False) or None,
            unnamed=it.flag("unnamed"),
            origin=it.origin,
        )
        if src.unnamed and src.person:
            it.error("unnamed", "an unnamed source cannot be a named person ('person')")
        self.ref(it, "affiliation", src.affiliation, ("groups",))
        self.ref(it, "person", src.person, ("people",))
        return src

    def _evidences(self, it: _Item) -> tuple[Evidence, ...]:
        raw = it.data.get("evidence")
        if raw is None:
            return ()
        if not isinstance(raw, LineList):
            it.error("evidence", "'evidence' must be a list")
            return ()
        out = []
        for entry in raw:
            if not isinstance(entry, LineDict):
                it.error("evidence", "each evidence must be a mapping with source, section, quote")
                continue
            sub = _Item(entry, it.file, self.errors, f"{it.what} evidence")
            ev = sub.evidence()
            self.evidence_refs(sub, ev)
            out.append(ev)
        return tuple(out)

    def group(self, it: _Item) -> Group | None:
        ident = self.register("groups", it)
        grp = Group(
            id=ident,
            name=it.str("name"),
            role=it.choice("role", GROUP_ROLES),
            aliases=it.strs("aliases"),
            side=it.str("side", required=False) or None,
            description=it.str("description", required=False),
            evidence=self._evidences(it),
            origin=it.origin,
        )
        self.ref(it, "side", grp.side, ("groups",))
        return grp

    def person(self, it: _Item) -> Person | None:
        ident = self.register("people", it)
        relations = []
        raw = it.data.get("relations") or []
        if not isinstance(raw, list):
            it.error("relations", "'relations' must be a list")
            raw = []
        for entry in raw:
            if not isinstance(entry, LineDict):
                it.error("relations", "each relation must be a mapping with kind and person")
                continue
            sub = _Item(entry, it.file, self.errors, f"{it.what} relation")
            rel = Relation(kind=sub.str("kind"), person=sub.str("person"))
            self.ref(sub, "person", rel.person, ("people",))
            relations.append(rel)
        fate = None
        fate_item = it.sub("fate", "fate")
        if fate_item is not None:
            fate = Fate(
                status=fate_item.choice("status", FATES),
                date=fate_item.date("date", required=False),
                place=fate_item.str("place", required=False) or None,
                by=fate_item.str("by", required=False) or None,
                evidence=fate_item.evidence() if "quote" in fate_item.data else None,
            )
            self.ref(fate_item, "place", fate.place, ("places",))
            self.ref(fate_item, "by", fate.by, ("groups",))
            if fate.evidence:
                self.evidence_refs(fate_item, fate.evidence)
        person = Person(
            id=ident,
            name=it.str("name"),
            aliases=it.strs("aliases"),
            side=it.str("side", required=False) or None,
            roles=it.strs("roles"),
            relations=tuple(relations),
            fate=fate,
            description=it.str("description", required=False),
            evidence=self._evidences(it),
            origin=it.origin,
        )
        self.ref(it, "side", person.side, ("groups",))
        return person

    def place(self, it: _Item) -> Place | None:
        ident = self.register("places", it)
        place = Place(
            id=ident,
            name=it.str("name"),
            kind=it.str("kind"),
            aliases=it.strs("aliases"),
            within=it.str("within", required=False) or None,
            description=it.str("description", required=False),
            evidence=self._evidences(it),
            origin=it.origin,
        )
        self.ref(it, "within", place.within, ("places",))
        return place

    def measure(self, it: _Item) -> Measure | None:
        ident = self.register("measures", it)
        measure = Measure(
            id=ident,
            name=it.str("name"),
            kind=it.str("kind"),
            subject=it.str("subject", required=False) or None,
            subject_label=it.str("subject_label", required=False),
            description=it.str("description", required=False),
            includes=it.strs("includes"),
            origin=it.origin,
        )
        if not measure.subject and not measure.subject_label:
            it.error(None, "a measure needs a 'subject' group or a 'subject_label'")
        self.ref(it, "subject", measure.subject, ("groups",))
        self.refs_all(it, "includes", measure.includes, ("measures",))
        return measure

    def value(self, it: _Item) -> Value | None:
        raw = it.data.get("value")
        qualifier = it.str("qualifier", required=False) or "exact"
        if qualifier not in QUALIFIERS:
            it.error("qualifier", f"'qualifier' is {qualifier!r}; expected one of {', '.join(QUALIFIERS)}")
        if raw is None:
            it.error(None, "missing 'value'")
            return None
        numbers = list(raw) if isinstance(raw, list) else [raw]
        if not 1 <= len(numbers) <= 2 or not all(
            isinstance(n, (int, float)) and not isinstance(n, bool) for n in numbers
        ):
            it.error("value", f"'value' must be a number or [low, high], not {raw!r}")
            return None
        low, high = numbers[0], numbers[-1]
        if not all(math.isfinite(n) for n in numbers):
            it.error("value", f"'value' must be a finite number, not {raw!r}")
            return None
        if low < 0:
            it.error("value", f"'value' must not be negative, not {raw!r}")
            return None
        if high < low:
            it.error("value", f"'value' range {low}..{high} is reversed")
            return None
        return Value(low=low, high=high, qualifier=qualifier)

    def claim(self, it: _Item) -> Claim | None:
        ident = self.register("claims", it)
        value = self.value(it)
        evidence = it.evidence("claimant")
        claim = Claim(
            id=ident,
            measure=it.str("measure"),
            value=value or Value(0, 0),
            period=it.str("period"),
            evidence=evidence,
            date=it.date("date", required=False),
            note=it.str("note", required=False),
            origin=it.origin,
        )
        self.ref(it, "measure", claim.measure, ("measures",))
        self.evidence_refs(it, evidence, "claimant")
        return claim if value else None

    def remark(self, it: _Item) -> Remark | None:
        ident = self.register("remarks", it)
        evidence = it.evidence()
        remark = Remark(
            id=ident,
            verdict=it.str("verdict"),
            covers=it.strs("covers"),
            text=it.str("text"),
            evidence=evidence,
            scope=it.strs("scope"),
            origin=it.origin,
        )
        if not remark.covers:
            it.error(None, "a remark must name the sources it 'covers'")
        self.refs_all(it, "covers", remark.covers, ("sources",))
        self.evidence_refs(it, evidence)
        return remark

    def event(self, it: _Item) -> Event | None:
        ident = self.register("events", it)
        evidence = it.evidence()
        event = Event(
            id=ident,
            date=it.date("date") or DateSpec(None, _EPOCH, "by", "?"),
            title=it.str("title"),
            summary=it.str("summary"),
            evidence=evidence,
            places=it.strs("places"),
            people=it.strs("people"),
            groups=it.strs("groups"),
            topic=it.str("topic", required=False),
            origin=it.origin,
        )
        self.refs_all(it, "places", event.places, ("places",))
        self.refs_all(it, "people", event.people, ("people",))
        self.refs_all(it, "groups", event.groups, ("groups",))
        self.evidence_refs(it, evidence)
        if event.topic:
            self.topic_refs.append((event.topic, it.file, it.data.line_of("topic")))
        return event

    def fact(self, it: _Item) -> Fact | None:
        ident = self.register("facts", it)
        evidence = it.evidence()
        fact = Fact(
            id=ident,
            topic=it.str("topic"),
            text=it.str("text"),
            evidence=evidence,
            about=it.strs("about"),
            keywords=it.strs("keywords"),
            denies=it.strs("denies"),
            origin=it.origin,
        )
        self.refs_all(it, "about", fact.about, ENTITY_KINDS)
        self.evidence_refs(it, evidence)
        if fact.topic:
            self.topic_refs.append((fact.topic, it.file, it.data.line_of("topic")))
        return fact

    # -- the pack's own words ---------------------------------------------
    def pack_words(self, root: _Item, topics: dict, display: str) -> PackWords:
        """Topic labels, each topic's keywords, role and examples, the words for the kind of
        conflict (``words: {conflict: [...]}``) and example questions by kind (``examples:``)."""
        labels: dict[str, str] = {}
        words: dict[str, TopicWords] = {}
        origins: dict[str, Origin] = {}
        for key, value in topics.items():
            key = str(key)
            origins[f"topic:{key}"] = Origin(display, topics.line_of(key) if isinstance(topics, LineDict) else 0)
            if isinstance(value, LineDict):
                entry = _Item(value, display, self.errors, f"topic {key!r}")
                labels[key] = entry.str("label")
                words[key] = TopicWords(
                    entry.str("role", required=False), entry.strs("keywords"), entry.strs("related"),
                    entry.strs("examples"),
                )
            elif isinstance(value, (list, bool)) or value is None:
                root.error("topics", f"topic {key!r} must be a label or a mapping with label, keywords, examples")
            else:
                labels[key] = str(value)
        self.topics = labels
        conflict_words: tuple[str, ...] = ()
        own = root.sub("words", "words")
        if own is not None:
            conflict_words = own.strs("conflict")
        examples: dict[str, tuple[str, ...]] = {}
        raw = root.sub("examples", "examples")
        if raw is not None:
            for name in raw.data:
                examples[str(name)] = raw.strs(name)
                origins[f"examples:{name}"] = Origin(display, raw.data.line_of(name))
        return PackWords(words, conflict_words, examples, origins)

    def check_quotes(self, text: str, name: str) -> None:
        """Every quote must be a verbatim excerpt of the article the pack carries."""
        squashed = " ".join(text.split())
        for file, line, quote in self.quotes:
            if " ".join(quote.split()) not in squashed:
                self.errors.append(PackError(file, line, f"quote not found verbatim in {name}: {quote[:60]!r}"))

    # -- manifest ---------------------------------------------------------
    def manifest(self, data: LineDict, display: str) -> tuple[Conflict | None, Publication | None]:
        root = _Item(data, display, self.errors, "pack")
        sections = root.strs("sections")
        if not sections:
            root.error(None, "missing 'sections' (the article's section names)")
        self.sections = sections
        topics = data.get("topics") or {}
        if not isinstance(topics, dict):
            root.error("topics", "'topics' must map topic ids to labels")
            topics = {}
        self.words = self.pack_words(root, topics, display)


        pub_item = root.sub("publication", "publication")
        publication = None
        if pub_item is None:
            root.error(None, "missing 'publication'")
        else:
            publication = Publication(
                title=pub_item.str("title"),
                publisher=pub_item.str("publisher"),
                url=pub_item.str("url", required=False),
                licence=pub_item.str("licence", required=False),
                text=pub_item.str("text", required=False),
            )
            self.text_file = publication.text

        c = root.sub("conflict", "conflict")
        if c is None:
            root.error(None, "missing 'conflict'")
            return None, publication
        sides = []
        raw_sides = c.data.get("sides") or []
        for entry in raw_sides if isinstance(raw_sides, list) else []:
            if not isinstance(entry, LineDict):
                c.error("sides", "each side must be a mapping")
                continue
            s = _Item(entry, display, self.errors, f"side {entry.get('id', '?')}")
            side = Side(
                id=s.str("id"),
                name=s.str("name"),
                groups=s.strs("groups"),
                commanders=s.strs("commanders"),
                units=s.strs("units"),
                strength=s.strs("strength"),
                casualties=s.str("casualties", required=False),
            )
            self.refs_all(s, "groups", side.groups, ("groups",))
            self.refs_all(s, "commanders", side.commanders, ("people",))
            self.refs_all(s, "units", side.units, ("groups",))
            self.refs_all(s, "strength", side.strength, ("measures",))
            sides.append(side)
        evidence = c.evidence()
        self.evidence_refs(c, evidence)
        field_evidence: dict[str, Evidence] = {}
        cited = c.sub("evidence_for", "evidence_for")
        if cited is not None:
            for name in cited.data:
                sub = cited.sub(name, name)
                if sub is not None:
                    ev = sub.evidence()
                    self.evidence_refs(sub, ev)
                    field_evidence[name] = ev
        conflict = Conflict(
            id=c.str("id"),
            name=c.str("name"),
            date=c.date("date") or DateSpec(None, _EPOCH, "by", "?"),
            place=c.str("place"),
            summary=c.str("summary"),
            result=c.str("result"),
            territory=c.str("territory", required=False),
            evidence=evidence,
            aliases=c.strs("aliases"),
            places=c.strs("places"),
            part_of=c.strs("part_of"),
            sides=tuple(sides),
            civilian_casualties=c.str("civilian_casualties", required=False),
            field_evidence=field_evidence,
        )
        self.refs_all(c, "places", conflict.places, ("places",))
        return conflict, publication

    # -- cross checks -------------------------------------------------------
    def check_refs(self) -> None:
        for kinds, value, file, line, where in self.refs:
            found = self.ids.get(value)
            if found is None:
                self.errors.append(PackError(file, line, f"{where} refers to unknown id {value!r}"))
            elif found[0] not in kinds:
                wanted = " or ".join(kinds)
                self.errors.append(
                    PackError(file, line, f"{where} refers to {value!r}, which is in {found[0]}, not {wanted}")
                )
        known = set(self.sections)
        for section, file, line in self.section_refs:
            if known and section not in known:
                self.errors.append(PackError(file, line, f"unknown section {section!r}"))
        for topic, file, line in self.topic_refs:
            if self.topics and topic not in self.topics:
                self.errors.append(PackError(file, line, f"unknown topic {topic!r}"))

    def read_text_file(self, root: Path, name: str, manifest: str) -> str:
        """The article named by ``publication.text``: a regular file inside the pack."""
        path = root / name
        if Path(name).is_absolute() or ".." in Path(name).parts:
            self.errors.append(PackError(manifest, 1, f"publication text {name!r} must be a file in the pack"))
            return ""
        try:
            return read_pack_file(path).decode("utf-8")
        except UnicodeDecodeError:
            self.errors.append(PackError(manifest, 1, f"publication text {name!r} is not UTF-8"))
        except UnsafeFile as exc:
            self.errors.append(PackError(manifest, 1, str(exc)))
        except OSError as exc:
            self.errors.append(PackError(manifest, 1, f"cannot read publication text {name!r}: {exc.strerror or exc}"))
        return ""

    def check_aliases(self) -> None:
        """An alias must name one thing: two entities sharing one is ambiguous. A source may share
        its name with a group (a side speaking for itself), but a source alias that is another
        entity's name only, or one alias on entities of different kinds, is worth a warning."""
        seen: dict[str, tuple[str, Origin | None]] = {}
        for kind in ("groups", "people", "places"):
            for entity in self.items[kind].values():
                for name in {fold(n) for n in (entity.name, *entity.aliases)}:
                    if name in seen and seen[name][0] != entity.id:
                        other, where = seen[name]
                        origin = entity.origin
                        self.errors.append(
                            PackError(
                                origin.file if origin else "?",
                                origin.line if origin else 0,
                                f"alias {name!r} of {entity.id!r} is also used by {other!r} ({where})",
                            )
                        )
                    else:
                        seen[name] = (entity.id, entity.origin)
        bare = {_bare(name): value for name, value in seen.items()}
        for source in self.items["sources"].values():
            own = {source.affiliation, source.person}  # a side or a person speaking for itself
            for name in {fold(n) for n in (source.name, *source.aliases)}:
                other, where = bare.get(_bare(name), (None, None))
                if other is not None and other not in own:
                    origin = source.origin
                    self.warnings.append(PackError(
                        origin.file if origin else "?", origin.line if origin else 0,
                        f"alias {name!r} of source {source.id!r} also names {other!r} ({where}): "
                        "a question naming it is read as both",
                    ))


def _bare(name: str) -> str:
    """An alias without a leading article: "the KLF" and "KLF" name the same thing."""
    return name[4:] if name.startswith("the ") else name


_EPOCH = date(1, 1, 1)  # placeholder for a date already reported as missing
ENTITY_KINDS = ("people", "places", "groups", "sources", "measures", "events")


def load_pack(path: str | os.PathLike[str]) -> Pack:
    """Load and validate the pack in directory ``path``.

    Raises :class:`PackErrors` listing every problem found.
    """
    root = Path(path)
    b = _Builder()
    if not root.is_dir():
        raise PackErrors([PackError(str(root), 0, "not a pack directory")])
    files = sorted(root.glob("*.yaml"))
    manifest_path = root / "pack.yaml"
    if manifest_path not in files:
        raise PackErrors([PackError(str(manifest_path), 0, "missing pack.yaml (the conflict manifest)")])
    conflict = publication = None
    builders = {
        "sources": b.source,
        "groups": b.group,
        "people": b.person,
        "places": b.place,
        "measures": b.measure,
        "claims": b.claim,
        "remarks": b.remark,
        "events": b.event,
        "facts": b.fact,
    }
    for file in files:
        display = str(file)
        data = b.read_file(file, display)
        if data is None:
            continue
        for key in data:
            if key in builders:
                b.read_list(key, data, display, builders[key])
            elif key in MANIFEST_KEYS and file == manifest_path:
                continue
            else:
                b.errors.append(PackError(display, data.line_of(key), f"unknown top-level key {key!r}"))
        if file == manifest_path:
            conflict, publication = b.manifest(data, display)
    b.check_refs()
    b.check_aliases()
    source_text = ""
    if b.text_file:
        source_text = b.read_text_file(root, b.text_file, str(manifest_path))
        if source_text:
            b.check_quotes(source_text, b.text_file)
    if b.errors or conflict is None or publication is None:
        raise PackErrors(b.errors or [PackError(str(manifest_path), 1, "manifest is incomplete")])
    return Pack(
        conflict=conflict,
        publication=publication,
        sections=b.sections,
        topics=b.topics,
        **b.items,
        words=b.words,
        source_text=source_text,
        warnings=tuple(b.warnings),
    )


def bundled_pack_path() -> Path:
    """The directory of the pack shipped with the package."""
    return Path(__file__).parent / "packs" / "darzab"
