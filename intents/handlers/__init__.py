"""One handler per intent: facts in, an answer object out.

Handlers register themselves by name with :func:`handler`, declaring the cues they
read and, for a handler that serves several intents, the modes it knows; the
intents' YAML names which handler (and mode) each intent uses, and the engine
checks both when it loads. Handler modules never import each other: a question
one handler cannot answer goes to another by a route in the YAML.
"""

from __future__ import annotations

import enum
from collections.abc import Callable

from knowledge.records import dataclass

from ..reply import Reply, Request

HandlerFn = Callable[[Request, Reply], None]


@dataclass(frozen=True)
class Handler:
    name: str
    fn: HandlerFn
    cues: tuple[str, ...] = ()
    modes: type[enum.Enum] | None = None
    module: str = ""


HANDLERS: dict[str, Handler] = {}


def handler(name: str, cues: tuple[str, ...] = (), modes: type[enum.Enum] | None = None):
    def register(fn: HandlerFn) -> HandlerFn:
        HANDLERS[name] = Handler(name, fn, tuple(cues), modes, fn.__module__)
        return fn

    return register


def load_all() -> dict[str, Handler]:
    """Import the handler modules (which register themselves)."""
    from . import claims, conflict, figures, forces, people, places, smalltalk, sources, topics  # noqa: F401

    return HANDLERS
