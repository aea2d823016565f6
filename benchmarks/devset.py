"""The questions the latency and accuracy figures are measured on.

The development set (tests/devset/questions.yaml, graded by
tests/devset/evaluate.py) when it exists; otherwise every intent's example
questions, each expected to be answered (said so in the report).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
EVALUATE = ROOT / "tests" / "devset" / "evaluate.py"


def evaluate_module() -> ModuleType:
    """tests/devset/evaluate.py, imported by path (tests/ is not a package)."""
    name = "darzab_devset_evaluate"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, EVALUATE)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {EVALUATE}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def load(path: Path | None = None) -> tuple[list[list], str]:
    """(dialogues, description): lists of evaluate.Turn, each list one conversation."""
    ev = evaluate_module()
    questions = Path(path) if path else Path(ev.QUESTIONS)
    if questions.exists():
        dialogues = ev.load_dialogues(questions)
        n = sum(len(d) for d in dialogues)
        return dialogues, f"dev set {questions.relative_to(ROOT) if questions.is_relative_to(ROOT) else questions} " \
                          f"({len(dialogues)} items, {n} turns)"
    from intents.engine import Engine

    # the example questions as the bundled pack words them (the engine's are templates)
    dialogues = [[ev.Turn(spec.name, q, {})] for spec in Engine.load().intents for q in spec.examples]
    return dialogues, (f"FALLBACK: {questions.name} not found; the intents' {len(dialogues)} example "
                       "questions, each expected answered")
