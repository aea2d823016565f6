"""`python -m bot check [PATH]`: validate a knowledge pack and summarise it.

Prints counts on success (exit 0). On problems, prints every ``file:line:
message`` to stderr followed by a count line (exit 1). Never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path


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
            for error in exc.errors:
                print(str(error), file=sys.stderr)
            count = len(exc.errors)
            print(f"{count} error{'s' if count != 1 else ''} in {root}", file=sys.stderr)
            return 1
        kb = KnowledgeBase(pack)
        print(f"{pack.conflict.name}: {root}")
        for line in _summary(kb):
            print(line)
        print("0 errors")
        return 0
    except Exception as exc:  # noqa: BLE001 - report, never a traceback
        print(f"error: could not check {path or 'the bundled pack'}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
