"""Conversations: one context per session, bounded so memory stays flat."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from intents.answer import Answer, Explanation
from intents.context import Context
from intents.engine import Engine

QUESTION_KEPT = 200  # characters of the last question a session keeps (for "Sources for ...")


def slim(answer: Answer) -> Answer:
    """What a follow-up needs of the last answer: its citations ("who said that?", /sources)
    and the start of its question; not the text, the explanation or a megabyte of question."""
    if not answer.parts and not answer.suggestions and len(answer.question) <= QUESTION_KEPT:
        return answer
    question = answer.question if len(answer.question) <= QUESTION_KEPT else answer.question[: QUESTION_KEPT - 1] + "…"
    return replace(answer, question=question, parts=(), suggestions=(), explanation=Explanation())


@dataclass
class Session:
    context: Context = field(default_factory=Context)
    last_seen: float = 0.0


class Conversations:
    """Sessions keyed by any hashable id (a chat, a batch session name).

    At most ``max_sessions`` are kept (least recently used dropped first), and a
    session idle for ``ttl`` seconds starts afresh.
    """

    def __init__(
        self,
        engine: Engine,
        max_sessions: int = 10_000,
        ttl: float = 3600.0,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.engine = engine
        self.max_sessions = max_sessions
        self.ttl = ttl
        self.clock = clock
        self._sessions: OrderedDict[object, Session] = OrderedDict()

    def __len__(self) -> int:
        return len(self._sessions)

    def session(self, key: object) -> Session:
        now = self.clock()
        session = self._sessions.get(key)
        if session is None or now - session.last_seen > self.ttl:
            session = Session()
            self._sessions[key] = session
        self._sessions.move_to_end(key)
        session.last_seen = now
        while len(self._sessions) > self.max_sessions:
            self._sessions.popitem(last=False)
        return session

    def ask(self, key: object, text: str) -> Answer:
        """Answer ``text`` in the conversation ``key``, remembering it for follow-ups."""
        context = self.session(key).context
        answer = self.engine.answer(text, context)
        if context.last_answer is not None:
            context.last_answer = slim(context.last_answer)
        return answer

    def last_answer(self, key: object) -> Answer | None:
        session = self._sessions.get(key)
        return session.context.last_answer if session else None

    def reset(self, key: object) -> None:
        self._sessions.pop(key, None)
