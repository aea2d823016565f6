"""Load the engine for a command, turning pack errors into clear messages."""

from __future__ import annotations

import sys

from intents.engine import Engine
from knowledge import PackErrors


def load_engine(pack: str | None = None) -> Engine | None:
    """The engine over ``pack`` (bundled by default), or None after printing why not."""
    try:
        return Engine.load(pack)
    except PackErrors as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        print(f"The knowledge pack has {len(exc.errors)} error(s); fix them or run `check`.", file=sys.stderr)
    except (OSError, ValueError) as exc:
        print(f"Cannot load the knowledge pack: {exc}", file=sys.stderr)
    return None
