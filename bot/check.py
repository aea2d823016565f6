"""`python -m bot check [PATH]`: validate a knowledge pack and summarise it.

Prints counts on success (exit 0). On problems, prints every ``file:line:
message`` to stderr followed by a count line (exit 1). Never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bot.streams import silence


def _summary(kb) -> list[str]:
    pack = kb.pack
    rows = [
        ("sources", len(pack.sources)),
        ("claims", len(pack.claims)),
        ("disputed measures", len(kb.disputed_measures())),
        ("people", len(pack.people)),
        ("places", len(pack.places)),
        ("groups", len(pack.groups)),
        ("events", len(pack.events)),
        ("facts", len(pack.facts)),
    ]
    width = max(len(name) for name, _ in rows)
    lines = [f"{name.ljust(width)}  {count}" for name, count in rows]
    return lines


# A reference to an id, section or topic that is missing is often the knock-on effect of a
# file that did not load: those come after everything else, so the root cause is seen first.
KNOCK_ON = ("refers to unknown id", "unknown section", "unknown topic")


def root_causes_first(errors: list) -> list:
    """Errors in file and line order, knock-on reference errors after all others."""
    return sorted(errors, key=lambda e: any(k in e.message for k in KNOCK_ON))  # stable: keeps file order


def _emit(stream, lines: list[str], code: int) -> int:
    """Print ``lines``; a reader that closed the pipe early (``check | true``) changes nothing: the
    verdict, ``code``, is already known."""
    try:
        for line in lines:
            print(line, file=stream)
        stream.flush()
    except BrokenPipeError:
        silence(stream)
    return code


def _engine_warnings(kb) -> list[str]:
    """What the understanding layer finds odd about the pack: example questions of unknown kinds,
    topic roles no pack topic has (their intents answer without topic facts)."""
    from intents.engine import Engine

    return [f"{w.split(': ', 1)[0]}: warning: {w.split(': ', 1)[1]}" for w in Engine(kb).intent_catalog.warnings]


def run_check(path: str | None) -> int:
    """Validate the pack at ``path`` (the bundled pack by default); return the exit code."""
    try:
        from knowledge import KnowledgeBase, PackErrors, bundled_pack_path, load_pack
    except Exception as exc:  # noqa: BLE001 - a broken install must still give one clear line
        print(f"error: cannot import the knowledge package: {exc}", file=sys.stderr)
        return 1

    try:
        root = Path(path) if path else bundled_pack_path()
        if not root.exists():
            print(f"error: {root}: no such directory", file=sys.stderr)
            return 1
        if not root.is_dir():
            print(f"error: {root}: not a directory (a pack is a directory of YAML files)", file=sys.stderr)
            return 1
        try:
            pack = load_pack(root)
        except PackErrors as exc:
            errors = root_causes_first(exc.errors)
            count = len(errors)
            lines = [str(error) for error in errors] + [f"{count} error{'s' if count != 1 else ''} in {root}"]
            return _emit(sys.stderr, lines, 1)
        kb = KnowledgeBase(pack)
        warnings = [f"{w.file}:{w.line}: warning: {w.message}" for w in pack.warnings] + _engine_warnings(kb)
        if warnings:
            _emit(sys.stderr, warnings, 0)
        return _emit(sys.stdout, [f"{pack.conflict.name}: {root}", *_summary(kb), "0 errors"], 0)
    except Exception as exc:  # noqa: BLE001 - report, never a traceback
        print(f"error: could not check {path or 'the bundled pack'}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
