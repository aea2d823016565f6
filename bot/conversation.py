"""Conversations: one context per session, bounded so memory stays flat."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable

from intents.answer import Answer, Explanation
from intents.context import Context
from intents.engine import Engine
from knowledge.records import dataclass, field

QUESTION_KEPT = 200  # characters of the last question a session keeps (for "Sources for ...")
NO_EXPLANATION = Explanation()  # frozen: one for every slimmed answer


def slim(answer: Answer) -> Answer:
    """What a follow-up needs of the last answer: its citations ("who said that?", /sources), its
    lead ("when?" of what it told) and the start of its question; not the rest of the text, the
    explanation or a megabyte of question."""
    if len(answer.parts) <= 1 and not answer.suggestions and len(answer.question) <= QUESTION_KEPT:
        return answer
    question = answer.question if len(answer.question) <= QUESTION_KEPT else answer.question[: QUESTION_KEPT - 1] + "…"
    # made directly (dataclasses.replace reads every field anew, on every question)
    return Answer(question, answer.answered, answer.intent, answer.confidence, answer.parts[:1], answer.citations,
                  answer.disputed, (), NO_EXPLANATION)


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

    def has(self, key: object) -> bool:
        """Whether ``key`` has a conversation that is not idle-expired."""
        session = self._sessions.get(key)
        return session is not None and self.clock() - session.last_seen <= self.ttl

    def context_of(self, key: object) -> Context | None:
        session = self._sessions.get(key)
        return session.context if session else None

    def restore(self, key: object, context: Context) -> None:
        """Continue ``key``'s conversation from a saved context (after a restart)."""
        self.session(key).context = context

    def last_answer(self, key: object) -> Answer | None:
        session = self._sessions.get(key)
        return session.context.last_answer if session else None

    def reset(self, key: object) -> None:
        self._sessions.pop(key, None)


# -- saving a context (the Telegram bot's state file) ----------------------------------------------
def dump_context(context: Context) -> dict:
    """What follow-ups need of a conversation, as JSON-able data."""
    last = context.last_answer
    when = context.when
    return {
        "intent": context.intent,
        "slots": {str(k): str(v) for k, v in context.slots.items()},
        "turns": context.turns,
        "when": None if when is None else [when.start.isoformat() if when.start else None, when.end.isoformat(),
                                           when.kind, when.text],
        "last": None if last is None else {
            "q": slim(last).question, "a": last.answered, "i": last.intent, "d": last.disputed,
            "c": [[c.n, c.source, c.section, c.quote] for c in last.citations],
        },
    }


def load_context(data: object) -> Context | None:
    """The context ``dump_context`` saved, or None if ``data`` is not one (another version, damage)."""
    from datetime import date

    from intents.answer import Citation
    from knowledge.dates import DateSpec

    try:
        context = Context(intent=data["intent"], slots={str(k): str(v) for k, v in data["slots"].items()},
                          turns=int(data["turns"]))
        if data["when"] is not None:
            start, end, kind, text = data["when"]
            context.when = DateSpec(date.fromisoformat(start) if start else None, date.fromisoformat(end),
                                    str(kind), str(text))
        last = data["last"]
        if last is not None:
            cites = tuple(Citation(int(n), str(src), str(sec), str(quote)) for n, src, sec, quote in last["c"])
            context.last_answer = Answer(str(last["q"]), bool(last["a"]), last["i"], 0.0, (), cites, bool(last["d"]))
        return context
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
