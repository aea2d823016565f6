"""Synthetic knowledge packs N times the size of the bundled one.

``write_pack(dest, factor)`` copies the bundled pack (so every dev-set question
still has its answer) and adds YAML files of made-up but plausible people,
places, groups, sources, measures, claims, remarks, events and facts until
each table holds about ``factor`` times as many items as the bundled pack
(tables the bundled pack leaves empty get a small floor, so events and facts
are exercised too). Names never clash with an existing alias nor with a word
of the intents' vocabulary, every reference points at a real id, sections and
topics come from the copied manifest, and no file exceeds the loader's size
limit. The result passes :func:`knowledge.load_pack`.
"""

from __future__ import annotations

import random
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from knowledge import bundled_pack_path, fold, load_pack
from knowledge.loader import MAX_FILE_BYTES
from knowledge.model import FATES, GROUP_ROLES, Pack

TABLES = ("sources", "groups", "people", "places", "measures", "claims", "remarks", "events", "facts")
# Per-table count used as "1x" when the bundled pack has fewer (e.g. no events yet).
FLOORS = {"sources": 10, "groups": 10, "people": 6, "places": 4, "measures": 10, "claims": 20,
          "remarks": 1, "events": 15, "facts": 25}
PER_FILE = 400  # entries per generated file: keeps each well under the loader's size limit
KINDS = ("killed", "wounded", "captured", "surrendered", "displaced", "executed", "strength")
QUALIFIERS = ("exact", "exact", "exact", "about", "over", "at least", "up to")

_ONSETS = ("b", "d", "f", "gh", "h", "j", "k", "kh", "l", "m", "n", "p", "q", "r", "s", "sh", "t", "w", "z", "zh")
_VOWELS = ("a", "a", "i", "u", "o", "e", "aa", "ai")
_CODAS = ("", "", "n", "r", "m", "l", "z", "d", "b", "sh", "k")
_PLACE_SUFFIXES = ("abad", "kalay", "dara", "qala", "tepa", "khel", "bagh", "gul", "zai", "pur")
_TITLES = ("Mullah", "Haji", "Mawlavi", "Qari", "Mufti", "Commander", "Sheikh", "Engineer", "General", "Doctor")
_GROUP_FORMS = ("{} Front", "{} Brigade", "{} Militia", "{} Battalion", "{} Uprising Forces", "{} Tribal Council",
                "{} Border Police", "{} Mujahideen", "{} Local Police", "{} Defence Committee")
_SOURCE_FORMS = {
    "government": ("the {} District Governor", "the {} Provincial Council", "the {} Police Chief"),
    "belligerent": ("the {} Front spokesman", "a {} commander", "the {} militia's statement"),
    "analyst": ("the {} Institute", "the {} Analysts Network", "the {} Security Review"),
    "civilian": ("elders of {}", "a shopkeeper from {}", "the {} residents' shura"),
    "military": ("the {} Corps", "the {} garrison", "the {} task force"),
    "media": ("the {} Gazette", "{} Radio", "the {} Herald"),
}
_PLACE_KINDS = ("village", "village", "village", "district", "city", "base")
_MONTHS = ("January February March April May June July August September October November December").split()


class _Names:
    """Made-up names, each unique (folded) and clear of the pack's and the intents' words."""

    def __init__(self, rng: random.Random, taken: set[str], reserved_words: set[str]):
        self.rng = rng
        self.taken = set(taken)  # folded full names/aliases already in use
        self.reserved = reserved_words  # single words that must never appear in a name

    def word(self, syllables: int | None = None) -> str:
        while True:
            n = syllables or self.rng.choice((2, 2, 3))
            w = "".join(self.rng.choice(_ONSETS) + self.rng.choice(_VOWELS) + self.rng.choice(_CODAS)
                        for _ in range(n))
            if 5 <= len(w) <= 12 and w not in self.reserved and fold(w) not in self.taken:
                return w.capitalize()

    def claim(self, *names: str) -> bool:
        """Reserve every name; False (reserving none) if any is already taken."""
        folded = [fold(n) for n in names]
        if any(f in self.taken for f in folded) or len(set(folded)) != len(folded):
            return False
        self.taken.update(folded)
        return True

    def unique(self, make: Any) -> tuple[str, ...]:
        while True:
            names = make()
            if self.claim(*names):
                return names


def _reserved_words() -> set[str]:
    """Every word the understanding layer treats specially (keywords, stopwords, months, ...)."""
    from intents.vocabulary import load_intents, load_lexicon

    words: set[str] = set()
    for spec in load_intents():
        for p in (*spec.all_keywords(), *spec.exclude):
            words.update(p)
    lex = load_lexicon()
    words |= set(lex.stopwords) | set(lex.months) | set(lex.common_words) | set(lex.kind_groups)
    for group in (*lex.measure_kinds.values(), lex.followup_markers, lex.more_markers, *lex.pronouns.values()):
        for p in group:
            words.update(p)
    return words


def _existing_names(pack: Pack) -> set[str]:
    names = set()
    for table in (pack.groups, pack.people, pack.places, pack.sources):
        for entity in table.values():
            names.update(fold(n) for n in (entity.name, *entity.aliases))
    names.update(fold(n) for n in (pack.conflict.name, *pack.conflict.aliases))
    return names


def targets(pack: Pack, factor: float) -> dict[str, int]:
    """How many synthetic items of each table to add for a pack ``factor`` times the size."""
    return {t: max(0, round(max(len(getattr(pack, t)), FLOORS[t]) * factor) - len(getattr(pack, t)))
            for t in TABLES}


class _Generator:
    def __init__(self, pack: Pack, seed: int):
        self.pack = pack
        self.rng = random.Random(seed)
        self.names = _Names(self.rng, _existing_names(pack), _reserved_words())
        self.quotes: list[str] = []  # every made-up quote, for the pack's article
        self.sections = list(pack.sections)
        self.topics = list(pack.topics)
        self.ids: dict[str, list[str]] = {t: list(getattr(pack, t)) for t in TABLES}
        self.group_names = {g.id: g.name for g in pack.groups.values()}
        self.n = 0

    def new_id(self, prefix: str) -> str:
        self.n += 1
        return f"syn-{prefix}-{self.n}"

    def pick(self, table: str) -> str:
        return self.rng.choice(self.ids[table])

    def evidence(self, quote: str, key: str = "source") -> dict[str, str]:
        self.quotes.append(quote)
        return {key: self.pick("sources"), "section": self.rng.choice(self.sections), "quote": quote}

    def day(self) -> date:
        # 2015-2021, away from the battle so date questions keep their answers
        while True:
            d = date(2015, 1, 1) + timedelta(days=self.rng.randrange(7 * 365))
            if not date(2018, 4, 1) <= d <= date(2018, 8, 31):
                return d

    # -- tables ------------------------------------------------------------------------
    def group(self) -> dict:
        def make() -> tuple[str, ...]:
            root = self.names.word()
            return (self.rng.choice(_GROUP_FORMS).format(root), f"{root} fighters")

        name, alias = self.names.unique(make)
        gid = self.new_id("g")
        item = {"id": gid, "name": name, "role": self.rng.choice(GROUP_ROLES), "aliases": [alias],
                "description": f"A made-up armed group, the {name}, for scale tests."}
        if self.ids["groups"] and self.rng.random() < 0.6:
            item["side"] = self.pick("groups")
        if self.rng.random() < 0.3:
            item["evidence"] = [self.evidence(f"the {name} joined the fighting")]
        self.ids["groups"].append(gid)
        self.group_names[gid] = name
        return item

    def source(self) -> dict:
        kind = self.rng.choice(tuple(_SOURCE_FORMS))

        def make() -> tuple[str, ...]:
            root = self.names.word()
            return (self.rng.choice(_SOURCE_FORMS[kind]).format(root), f"{root} {kind} source")

        name, alias = self.names.unique(make)
        sid = self.new_id("s")
        item = {"id": sid, "name": name, "kind": kind, "aliases": [alias]}
        if self.rng.random() < 0.7:
            item["affiliation"] = self.pick("groups")
        self.ids["sources"].append(sid)
        return item

    def person(self) -> dict:
        def make() -> tuple[str, ...]:
            given, family = self.names.word(2), self.names.word()
            return (f"{self.rng.choice(_TITLES)} {given} {family}", f"{given} {family}")

        name, alias = self.names.unique(make)
        pid = self.new_id("p")
        item: dict[str, Any] = {"id": pid, "name": name, "aliases": [alias], "side": self.pick("groups"),
                                "roles": [self.rng.choice(("commander", "deputy commander", "spokesman",
                                                           "district chief", "tribal elder"))]}
        if self.rng.random() < 0.2 and len(self.ids["people"]) > 1:
            item["relations"] = [{"kind": self.rng.choice(("brother", "deputy of", "cousin")),
                                  "person": self.pick("people")}]
        if self.rng.random() < 0.3:
            fate = {"status": self.rng.choice(FATES), "date": self.day().isoformat(), "by": self.pick("groups")}
            if self.rng.random() < 0.5:
                fate.update(self.evidence(f"{name} was reported {fate['status']}"))
            item["fate"] = fate
        self.ids["people"].append(pid)
        return item

    def place(self) -> dict:
        kind = self.rng.choice(_PLACE_KINDS)

        def make() -> tuple[str, ...]:
            root = self.names.word(2).lower() + self.rng.choice(_PLACE_SUFFIXES)
            root = root.capitalize()
            if kind == "district":
                return (f"{root} District", root)
            if kind == "base":
                return (f"Camp {root}", f"{root} base")
            return (root, f"{root} {kind}")

        name, alias = self.names.unique(make)
        lid = self.new_id("l")
        item = {"id": lid, "name": name, "kind": kind, "aliases": [alias], "within": self.pick("places")}
        self.ids["places"].append(lid)
        return item

    def measure(self) -> dict:
        kind = self.rng.choice(KINDS)
        mid = self.new_id("m")
        subject = self.rng.choice([g for g in self.ids["groups"] if g.startswith("syn-")] or self.ids["groups"])
        item: dict[str, Any] = {"id": mid, "kind": kind}
        if kind == "displaced":
            item["name"] = f"civilians displaced near {self.names.word()}"
            item["subject_label"] = "civilians"
        else:
            item["name"] = f"{self.group_names[subject]} fighters {kind}"
            item["subject"] = subject
        self.ids["measures"].append(mid)
        return item

    def claim(self) -> dict:
        mid = self.pick("measures")
        low = self.rng.randrange(1, 900)
        value: Any = low if self.rng.random() < 0.8 else [low, low + self.rng.randrange(1, 200)]
        d = self.day()
        period = f"by {d.day} {_MONTHS[d.month - 1]} {d.year}"
        item = {"id": self.new_id("c"), "measure": mid, "value": value, "qualifier": self.rng.choice(QUALIFIERS),
                "period": period, "date": {"by": d.isoformat()}}
        item.update(self.evidence(f"some {low} had been counted {period}", key="claimant"))
        return item

    def remark(self) -> dict:
        covers = self.rng.sample(self.ids["sources"], k=min(len(self.ids["sources"]), self.rng.randrange(1, 5)))
        verdict = self.rng.choice(("questionable", "plausible", "unreliable"))
        item = {"id": self.new_id("r"), "verdict": verdict, "covers": covers,
                "scope": self.rng.sample(KINDS, k=2),
                "text": f"An analyst judges these claims {verdict}."}
        item.update(self.evidence(f"these figures are {verdict}"))
        return item

    def event(self) -> dict:
        d = self.day()
        place = self.pick("places")
        item = {"id": self.new_id("e"), "date": d.isoformat(),
                "title": f"Skirmish near {self.names.word()}",
                "summary": f"Fighters clashed on {d.day} {_MONTHS[d.month - 1]} {d.year}, far from the main battle.",
                "places": [place], "people": [self.pick("people")], "groups": [self.pick("groups")],
                "topic": self.rng.choice(self.topics)}
        item.update(self.evidence(f"fighting was reported on {d.isoformat()}"))
        return item

    def fact(self) -> dict:
        word = self.names.word()
        about = [self.pick(self.rng.choice(("people", "places", "groups")))]
        item = {"id": self.new_id("f"), "topic": self.rng.choice(self.topics),
                "text": f"Residents of {word} recall the years of unrest in the region.",
                "about": about, "keywords": [word.lower()]}
        item.update(self.evidence(f"residents of {word} remember the unrest"))
        return item


def write_pack(dest: str | Path, factor: float, seed: int = 0, base: str | Path | None = None) -> Path:
    """Write a valid pack about ``factor`` times the size of ``base`` (the bundled pack) into ``dest``."""
    base = Path(base or bundled_pack_path())
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    for f in sorted([*base.glob("*.yaml"), *base.glob("*.txt")]):
        shutil.copyfile(f, dest / f.name)
    pack = load_pack(base)
    gen = _Generator(pack, seed)
    want = targets(pack, factor)
    # order matters: referenced tables first
    for table, make in (("groups", gen.group), ("sources", gen.source), ("places", gen.place),
                        ("people", gen.person), ("measures", gen.measure), ("claims", gen.claim),
                        ("remarks", gen.remark), ("events", gen.event), ("facts", gen.fact)):
        items = [make() for _ in range(want[table])]
        for k in range(0, len(items), PER_FILE):
            path = dest / f"zz-synthetic-{table}-{k // PER_FILE:03d}.yaml"
            text = yaml.safe_dump({table: items[k : k + PER_FILE]}, allow_unicode=True, sort_keys=False, width=120)
            if len(text.encode()) > MAX_FILE_BYTES:  # pragma: no cover - PER_FILE keeps files small
                raise ValueError(f"{path} would exceed the loader's size limit")
            path.write_text(f"# Synthetic scale-test data ({factor}x), made up: not facts.\n{text}", encoding="utf-8")
    if pack.publication.text:  # the made-up quotes join the article the pack carries, so they check out
        with open(dest / pack.publication.text, "a", encoding="utf-8") as article:
            article.write("\n\n" + "\n".join(gen.quotes) + "\n")
    return dest


def sizes(pack: Pack) -> dict[str, int]:
    return {t: len(getattr(pack, t)) for t in TABLES}


if __name__ == "__main__":  # python -m benchmarks.synthetic DEST FACTOR
    import sys

    out = write_pack(sys.argv[1], float(sys.argv[2]))
    print(out, sizes(load_pack(out)))
