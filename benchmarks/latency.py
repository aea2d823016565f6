"""Per-question latency in batch mode: Conversations + engine + the JSON contract, as `ask --jsonl` does."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

from bot.ask import error_object
from bot.conversation import Conversations
from bot.render import answer_json

from . import devset


@dataclass
class Run:
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (question, exception)
    answers: list[dict] = field(default_factory=list)  # of the warm-up pass, for grading
    turns: list = field(default_factory=list)

    def accuracy(self) -> dict[str, float]:
        ev = devset.evaluate_module()
        graded = [ev.Graded(t, a, *ev.grade(t, a)) for t, a in zip(self.turns, self.answers, strict=True)]
        return ev.summary(graded)


def clear_caches(engine) -> None:
    """Forget memoised spellings so every pass pays for its typos."""
    correct = getattr(getattr(engine.understanding, "spelling", None), "correct", None)
    if hasattr(correct, "cache_clear"):
        correct.cache_clear()


def answer_line(conversations: Conversations, session: object, question: str) -> tuple[dict, str | None]:
    """One question through the batch path; (the JSON object, the exception if one escaped)."""
    try:
        obj = answer_json(conversations.ask(session, question))
        json.dumps(obj, ensure_ascii=False)
        return obj, None
    except Exception as exc:  # counted and reported, as run_jsonl would answer with an error object
        return error_object(question, f"internal error: {type(exc).__name__}"), f"{type(exc).__name__}: {exc}"


def measure(engine, dialogues: list[list], passes: int = 5) -> Run:
    """A warm-up pass (graded), then ``passes`` timed passes over every dialogue."""
    run = Run()
    conversations = Conversations(engine)
    for n, dialogue in enumerate(dialogues):
        for turn in dialogue:
            obj, err = answer_line(conversations, n, turn.question)
            run.turns.append(turn)
            run.answers.append(obj)
            if err:
                run.errors.append((turn.question, err))
    clock = time.perf_counter_ns
    for _ in range(passes):
        clear_caches(engine)
        conversations = Conversations(engine)
        for n, dialogue in enumerate(dialogues):
            for turn in dialogue:
                start = clock()
                answer_line(conversations, n, turn.question)
                run.latencies_ms.append((clock() - start) / 1e6)
    return run
