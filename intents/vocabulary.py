"""Load the intents' vocabulary and the lexicon from YAML data."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from .normalize import normalize

DATA_DIR = Path(__file__).parent / "data"

Phrase = tuple[str, ...]


def phrase(text: str) -> Phrase:
    return tuple(normalize(str(text)).split())


def phrases(items: list) -> tuple[Phrase, ...]:
    return tuple(p for p in (phrase(i) for i in items or ()) if p)


@dataclass(frozen=True)
class IntentSpec:
    name: str
    handler: str
    require: tuple[tuple[Phrase, ...], ...]
    optional: tuple[Phrase, ...] = ()
    exclude: tuple[Phrase, ...] = ()
    slots: tuple[str, ...] = ()
    need: tuple[str, ...] = ()
    topic: str = ""
    faq: str = ""
    examples: tuple[str, ...] = ()
    answers_yes_no: bool = False  # its handler settles yes/no questions itself

    def all_keywords(self) -> tuple[Phrase, ...]:
        return tuple(p for group in self.require for p in group) + self.optional


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
    common_words: frozenset[str] = field(default_factory=frozenset)
    about_last_answer: frozenset[Phrase] = frozenset()  # "why?", "by whom?"
    count_followups: frozenset[Phrase] = frozenset()  # "how many?"
    irregular_forms: dict[str, str] = field(default_factory=dict)  # "fought" -> "fight"


class VocabularyError(ValueError):
    pass


class _WordsLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Every scalar a word: YAML 1.1 would read the keywords on, off, yes and no as booleans."""


_WordsLoader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:bool"]
    for first, resolvers in _WordsLoader.yaml_implicit_resolvers.items()
}


def _read(path: Path) -> dict:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_WordsLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise VocabularyError(f"{path}:{line}: YAML syntax error: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise VocabularyError(f"{path}:1: expected a mapping")
    return data


@cache
def load_intents(path: Path = DATA_DIR / "intents.yaml") -> tuple[IntentSpec, ...]:
    specs = []
    for raw in _read(path).get("intents", []):
        try:
            specs.append(
                IntentSpec(
                    name=raw["name"],
                    handler=raw["handler"],
                    require=tuple(phrases(group) for group in raw.get("require", [])),
                    optional=phrases(raw.get("optional", [])),
                    exclude=phrases(raw.get("exclude", [])),
                    slots=tuple(raw.get("slots", [])),
                    need=tuple(raw.get("need", [])),
                    topic=raw.get("topic", ""),
                    faq=raw.get("faq", ""),
                    examples=tuple(raw.get("examples", [])),
                    answers_yes_no=str(raw.get("answers_yes_no", "")).casefold() in ("true", "yes"),
                )
            )
        except (KeyError, TypeError) as exc:
            raise VocabularyError(f"{path}: intent {raw!r:.60}: missing or bad {exc}") from None
    return tuple(specs)


@cache
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
        common_words=frozenset(normalize(str(w)) for w in raw.get("common_words", [])),
        about_last_answer=frozenset(phrases(raw.get("about_last_answer", []))),
        count_followups=frozenset(phrases(raw.get("count_followups", []))),
        irregular_forms={normalize(k): normalize(v) for k, v in (raw.get("irregular_forms") or {}).items()},
    )
