"""Run the development question set through the bot and grade each answer.

Used by tests/test_devset.py and by the benchmarks. Each item is a single
question or a dialogue (turns share one conversation); see questions.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.conversation import Conversations
from bot.render import answer_json
from intents.engine import Engine

QUESTIONS = Path(__file__).with_name("questions.yaml")


@dataclass(frozen=True)
class Turn:
    item: str
    question: str
    expect: object  # "declined" or a mapping


@dataclass(frozen=True)
class Graded:
    turn: Turn
    answer: dict
    ok: bool
    why: str


def load_dialogues(path: Path = QUESTIONS) -> list[list[Turn]]:
    """Every item as a list of turns (one turn for a single question)."""
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for item in items:
        if "dialogue" in item:
            out.append([Turn(item["id"], t["q"], t.get("expect", {})) for t in item["dialogue"]])
        else:
            out.append([Turn(item["id"], item["q"], item.get("expect", {}))])
    return out


def _norm(text: str) -> str:
    return text.casefold().replace(",", "")


VERDICT = re.compile(r"^(yes|no|partly)\W*$", re.IGNORECASE)


def _says(text: str, forbidden: str) -> bool:
    """Whether an answer says ``forbidden``: a verdict word ("yes,", "no.") counts only as the
    answer's verdict, at its start; anything else anywhere."""
    if VERDICT.match(forbidden.strip()):
        word = VERDICT.match(forbidden.strip()).group(1).casefold()
        return re.match(rf"{word}\b", text) is not None
    return _norm(forbidden) in text


def grade(turn: Turn, answer: dict) -> tuple[bool, str]:
    if turn.expect == "declined":
        return (not answer["answered"], "answered an out-of-scope question" if answer["answered"] else "")
    expect = turn.expect or {}
    if not answer["answered"] and expect.get("answered", True):
        return False, "declined"
    if "answered" in expect and answer["answered"] != expect["answered"]:
        return False, f"answered={answer['answered']}"
    text = _norm(answer["answer"])
    missing = [s for s in expect.get("contains", []) if _norm(str(s)) not in text]
    if missing:
        return False, f"missing {missing}"
    for group in expect.get("any_of", []):
        if not any(_norm(str(s)) in text for s in group):
            return False, f"none of {group}"
    present = [s for s in expect.get("none_of", []) if _says(text, str(s))]
    if present:
        return False, f"says {present}"
    if "disputed" in expect and answer["disputed"] != expect["disputed"]:
        return False, f"disputed={answer['disputed']}"
    return True, ""


def run(engine: Engine, dialogues: list[list[Turn]] | None = None) -> list[Graded]:
    dialogues = load_dialogues() if dialogues is None else dialogues
    conversations = Conversations(engine)
    graded = []
    for n, dialogue in enumerate(dialogues):
        for turn in dialogue:
            answer = answer_json(conversations.ask(n, turn.question))
            ok, why = grade(turn, answer)
            graded.append(Graded(turn, answer, ok, why))
    return graded


def summary(graded: list[Graded]) -> dict[str, float]:
    oos = [g for g in graded if g.turn.expect == "declined"]
    ins = [g for g in graded if g.turn.expect != "declined"]
    return {
        "questions": len(graded),
        "in_scope": len(ins),
        "in_scope_correct": sum(g.ok for g in ins),
        "accuracy": sum(g.ok for g in graded) / max(1, len(graded)),
        "in_scope_accuracy": sum(g.ok for g in ins) / max(1, len(ins)),
        "out_of_scope": len(oos),
        "declined": sum(g.ok for g in oos),
    }


if __name__ == "__main__":
    import sys

    # `python tests/devset/evaluate.py [questions.yaml] [--pack DIR]`: the development set by default
    args = sys.argv[1:]
    pack = None
    if "--pack" in args:
        at = args.index("--pack")
        pack = args[at + 1]
        del args[at : at + 2]
    path = Path(args[0]) if args else QUESTIONS
    results = run(Engine.load(pack), load_dialogues(path))
    for g in results:
        if not g.ok:
            print(f"FAIL {g.turn.item}: {g.turn.question!r}: {g.why}\n     -> [{g.answer['intent']}] "
                  f"{g.answer['answer'][:300]!r}", file=sys.stdout)
    print(summary(results))
