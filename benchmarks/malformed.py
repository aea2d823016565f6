"""Malformed knowledge packs, generated on demand (nothing large is committed).

``BASE`` is a tiny valid pack written here (independent of the bundled pack, so
the cases stay stable while the real pack grows). Each case copies it and breaks
one thing: bad YAML, wrong types, missing fields, unknown references, duplicate
ids and keys, bad dates, a 5 MB file, deep nesting, an alias bomb, non-UTF-8
bytes... and says which file and line the loader must blame and what the message
must mention. ``build(case, dest)`` writes the broken pack; tests and the
benchmark check that ``knowledge.load_pack`` raises ``PackErrors`` with a
matching ``file:line: message`` and that ``python -m bot check`` exits 1
without a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BASE: dict[str, str] = {
    "pack.yaml": """\
publication:
  title: Battle of Testville
  publisher: Test Wiki
sections: [Lead, Casualties]
topics:
  overview: the battle in brief
conflict:
  id: battle-of-testville
  name: Battle of Testville
  date: {from: 2018-07-12, to: 2018-08-01}
  place: Testville
  summary: A small battle made up for tests.
  result: Alpha victory
  places: [testville]
  sides:
    - id: side-alpha
      name: Alpha
      groups: [alpha]
      commanders: [ann-alpha]
    - id: side-beta
      name: Beta
      groups: [beta]
  source: article
  section: Lead
  quote: a small battle made up for tests
""",
    "entities.yaml": """\
sources:
  - id: article
    name: the article
    kind: media
  - id: alpha-spokesman
    name: the Alpha spokesman
    kind: belligerent
    affiliation: alpha
groups:
  - id: alpha
    name: Alpha
    role: belligerent
    aliases: [the Alphas]
  - id: beta
    name: Beta
    role: belligerent
people:
  - id: ann-alpha
    name: Ann Alpha
    side: alpha
    roles: [commander]
places:
  - id: testville
    name: Testville
    kind: village
""",
    "claims.yaml": """\
measures:
  - id: beta-killed
    name: Beta fighters killed
    kind: killed
    subject: beta
claims:
  - id: alpha-beta-killed
    measure: beta-killed
    value: 12
    period: by 20 July
    date: {by: 2018-07-20}
    claimant: alpha-spokesman
    section: Casualties
    quote: twelve Beta fighters were killed
events:
  - id: start
    date: 2018-07-12
    title: The battle begins
    summary: Alpha attacks Testville.
    places: [testville]
    source: article
    section: Lead
    quote: the battle began on 12 July
facts:
  - id: overview-fact
    topic: overview
    text: The battle was short.
    about: [alpha]
    source: article
    section: Lead
    quote: the battle was short
""",
}


@dataclass(frozen=True)
class Expected:
    file: str  # file name inside the pack
    line: int | None  # None: any line
    mentions: tuple[str, ...]  # the message must contain one of these (case-insensitive)


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], Expected]
    slow: bool = False  # big files: skipped by --quick


def write_base(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name, text in BASE.items():
        (dest / name).write_text(text, encoding="utf-8")
    return dest


def _replace(dest: Path, file: str, old: str, new: str) -> int:
    """Replace the first ``old`` in ``file``; the 1-based line where it was."""
    path = dest / file
    text = path.read_text(encoding="utf-8")
    index = text.index(old)
    path.write_text(text[:index] + new + text[index + len(old) :], encoding="utf-8")
    return text.count("\n", 0, index) + 1


def _append(dest: Path, file: str, text: str) -> int:
    path = dest / file
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    path.write_text(existing + text, encoding="utf-8")
    return existing.count("\n") + 1


def _case(name: str, slow: bool = False) -> Callable[[Callable[[Path], Expected]], Callable[[Path], Expected]]:
    def register(make: Callable[[Path], Expected]) -> Callable[[Path], Expected]:
        CASES.append(Case(name, make, slow))
        return make

    return register


CASES: list[Case] = []


@_case("yaml-unclosed-bracket")
def _(d: Path) -> Expected:
    _replace(d, "claims.yaml", "value: 12", "value: [12, 14")
    return Expected("claims.yaml", None, ("YAML syntax error",))


@_case("yaml-bad-indentation")
def _(d: Path) -> Expected:
    _replace(d, "entities.yaml", "    kind: village", "      kind: village\n   oops: [")
    return Expected("entities.yaml", None, ("YAML syntax error",))


@_case("yaml-tab-indent")
def _(d: Path) -> Expected:
    line = _replace(d, "entities.yaml", "    roles: [commander]", "\troles: [commander]")
    return Expected("entities.yaml", line, ("YAML syntax error",))


@_case("yaml-duplicate-key")
def _(d: Path) -> Expected:
    line = _replace(d, "claims.yaml", "    value: 12\n", "    value: 12\n    value: 13\n")
    return Expected("claims.yaml", line + 1, ("duplicate key",))


@_case("not-a-mapping")
def _(d: Path) -> Expected:
    (d / "extra.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    return Expected("extra.yaml", 1, ("must be a mapping",))


@_case("unknown-top-level-key")
def _(d: Path) -> Expected:
    line = _append(d, "claims.yaml", "rumours:\n  - id: r1\n")
    return Expected("claims.yaml", line, ("unknown top-level key",))


@_case("list-is-a-mapping")
def _(d: Path) -> Expected:
    (d / "extra.yaml").write_text("people:\n  id: nobody\n", encoding="utf-8")
    return Expected("extra.yaml", 1, ("must be a list",))


@_case("entry-is-a-string")
def _(d: Path) -> Expected:
    line = _append(d, "entities.yaml", "  - just a string\n")
    return Expected("entities.yaml", line, ("must be a mapping",))


@_case("value-wrong-type")
def _(d: Path) -> Expected:
    line = _replace(d, "claims.yaml", "value: 12", "value: many")
    return Expected("claims.yaml", line, ("must be a number",))


@_case("source-unnamed-not-a-flag")
def _(d: Path) -> Expected:
    line = _replace(d, "entities.yaml", "    affiliation: alpha\n", "    affiliation: alpha\n    unnamed: maybe\n")
    return Expected("entities.yaml", line + 1, ("'unnamed' must be true or false",))


@_case("value-bool")
def _(d: Path) -> Expected:
    line = _replace(d, "claims.yaml", "value: 12", "value: yes")
    return Expected("claims.yaml", line, ("must be a number",))


@_case("value-reversed-range")
def _(d: Path) -> Expected:
    line = _replace(d, "claims.yaml", "value: 12", "value: [30, 20]")
    return Expected("claims.yaml", line, ("reversed",))


@_case("aliases-wrong-type")
def _(d: Path) -> Expected:
    line = _replace(d, "entities.yaml", "aliases: [the Alphas]", "aliases: {the: Alphas}")
    return Expected("entities.yaml", line, ("must be a list of text",))


@_case("name-is-a-list")
def _(d: Path) -> Expected:
    line = _replace(d, "entities.yaml", "name: Ann Alpha", "name: [Ann, Alpha]")
    return Expected("entities.yaml", line, ("must be text",))


@_case("bad-enum")
def _(d: Path) -> Expected:
    line = _replace(d, "entities.yaml", "kind: media", "kind: wizard")
    return Expected("entities.yaml", line, ("expected one of",))


@_case("missing-quote")
def _(d: Path) -> Expected:
    line = _replace(d, "claims.yaml", "    quote: twelve Beta fighters were killed\n", "")
    # reported on the claim itself: the line of its "- id:"
    return Expected("claims.yaml", line - 7, ("missing 'quote'",))


@_case("missing-id")
def _(d: Path) -> Expected:
    line = _replace(d, "entities.yaml", "  - id: testville\n    name", "  - name")
    return Expected("entities.yaml", line, ("missing 'id'",))


@_case("missing-manifest")
def _(d: Path) -> Expected:
    (d / "pack.yaml").unlink()
    return Expected("pack.yaml", None, ("missing pack.yaml",))


@_case("manifest-without-conflict")
def _(d: Path) -> Expected:
    text = (d / "pack.yaml").read_text(encoding="utf-8")
    (d / "pack.yaml").write_text(text[: text.index("conflict:")], encoding="utf-8")
    return Expected("pack.yaml", None, ("missing 'conflict'",))


@_case("unknown-reference")
def _(d: Path) -> Expected:
    line = _replace(d, "claims.yaml", "measure: beta-killed", "measure: gamma-killed")
    return Expected("claims.yaml", line, ("unknown id 'gamma-killed'",))


@_case("reference-of-wrong-kind")
def _(d: Path) -> Expected:
    line = _replace(d, "entities.yaml", "    side: alpha\n", "    side: testville\n")
    return Expected("entities.yaml", line, ("which is in places",))


@_case("unknown-section")
def _(d: Path) -> Expected:
    line = _replace(d, "claims.yaml", "section: Casualties", "section: Epilogue")
    return Expected("claims.yaml", line, ("unknown section",))


@_case("unknown-topic")
def _(d: Path) -> Expected:
    line = _replace(d, "claims.yaml", "topic: overview", "topic: gossip")
    return Expected("claims.yaml", line, ("unknown topic",))


@_case("duplicate-id")
def _(d: Path) -> Expected:
    line = _append(d, "entities.yaml", "  - id: testville\n    name: Testville Again\n    kind: village\n")
    return Expected("entities.yaml", line, ("duplicate id",))


@_case("alias-clash")
def _(d: Path) -> Expected:
    line = _append(d, "entities.yaml", "  - id: testville-2\n    name: Other Town\n    kind: village\n"
                                       "    aliases: [the alphas]\n")
    return Expected("entities.yaml", line, ("also used by",))


@_case("bad-date")
def _(d: Path) -> Expected:
    line = _replace(d, "claims.yaml", "date: 2018-07-12", "date: 2018-13-45")
    return Expected("claims.yaml", line, ("bad date",))


@_case("date-wrong-shape")
def _(d: Path) -> Expected:
    line = _replace(d, "claims.yaml", "date: {by: 2018-07-20}", "date: {after: 2018-07-20}")
    return Expected("claims.yaml", line, ("bad date",))


@_case("not-utf8")
def _(d: Path) -> Expected:
    (d / "extra.yaml").write_bytes(b"facts:\n  - id: x\n    text: caf\xe9 \xff\xfe\n")
    return Expected("extra.yaml", 1, ("UTF-8",))


@_case("deep-nesting")
def _(d: Path) -> Expected:
    depth = 50_000
    (d / "extra.yaml").write_text("facts: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    return Expected("extra.yaml", None, ("nested too deeply", "nesting depth", "YAML syntax error",
                                         "must be a mapping"))


@_case("deep-nesting-mappings")
def _(d: Path) -> Expected:
    depth = 5_000
    (d / "extra.yaml").write_text("facts:\n  - id: x\n    about: " + "{a: " * depth + "1" + "}" * depth + "\n",
                                  encoding="utf-8")
    return Expected("extra.yaml", None, ("nested too deeply", "nesting depth", "YAML syntax error",
                                         "must be a list of text", "missing"))


@_case("alias-bomb")
def _(d: Path) -> Expected:
    # "billion laughs": nine levels of nine references
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for k in range(1, 10):
        lines.append(f"a{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * 9) + "]")
    lines.append("facts: *a9")
    (d / "extra.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Expected("extra.yaml", None, ("unknown top-level key", "must be a mapping", "anchor", "alias"))


@_case("five-megabytes", slow=True)
def _(d: Path) -> Expected:
    entry = "  - id: f{n}\n    topic: overview\n    text: {pad}\n    source: article\n    section: Lead\n    quote: q\n"
    pad = "filler " * 60
    parts, size, n = ["facts:\n"], 7, 0
    while size < 5_000_000:
        chunk = entry.format(n=n, pad=pad)
        parts.append(chunk)
        size += len(chunk)
        n += 1
    (d / "huge.yaml").write_text("".join(parts), encoding="utf-8")
    return Expected("huge.yaml", 1, ("bytes; the limit is", "limit"))


def build(case: Case, dest: Path) -> Expected:
    """Write the base pack into ``dest`` and break it as ``case`` says."""
    write_base(dest)
    return case.make(dest)


def matches(expected: Expected, errors: list, root: Path) -> bool:
    """Whether some ``PackError`` blames the expected file (and line) with an expected message."""
    for e in errors:
        name = Path(e.file).name
        if name != expected.file:
            continue
        if expected.line is not None and e.line != expected.line:
            continue
        message = e.message.casefold()
        if any(m.casefold() in message for m in expected.mentions):
            return True
    return False
