"""One handler per intent: facts in, an answer object out.

Handlers register themselves by name with :func:`handler`; the intents'
YAML names which handler each intent uses.
"""

from __future__ import annotations

from collections.abc import Callable

from ..reply import Reply, Request

Handler = Callable[[Request, Reply], None]
HANDLERS: dict[str, Handler] = {}


def handler(name: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        HANDLERS[name] = fn
        return fn

    return register


def load_all() -> dict[str, Handler]:
    """Import the handler modules (which register themselves)."""
    from . import conflict, figures, forces, people, places, smalltalk, sources, topics  # noqa: F401

    return HANDLERS
