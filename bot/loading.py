"""Load the engine for a command, turning pack errors into clear messages."""

from __future__ import annotations

import gc
import sys

from intents.engine import Engine
from knowledge import PackErrors


def load_engine(pack: str | None = None, long_lived: bool = True) -> Engine | None:
    """The engine over ``pack`` (bundled by default), or None after printing why not.
    ``long_lived``: the process answers many questions (a REPL, a batch, a bot), not one.
    The collector, paused for the start-up by ``bot.cli.main``, runs again afterwards."""
    try:
        engine = Engine.load(pack)
        # the pack lives as long as the process: keep the collector from walking it again
        # (a full collection over a large pack stalled one answer by a quarter of a second);
        # the loading's garbage is collected first where the process lives long enough to
        # care (for one question, that collection was a tenth of the start-up)
        if long_lived:
            gc.collect()
        gc.freeze()
        return engine
    except PackErrors as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        print(f"The knowledge pack has {len(exc.errors)} error(s); fix them or run `check`.", file=sys.stderr)
    except (OSError, ValueError) as exc:
        print(f"Cannot load the knowledge pack: {exc}", file=sys.stderr)
    finally:
        gc.enable()
    return None
