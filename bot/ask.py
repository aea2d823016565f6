"""`python -m bot ask`: one question, or the JSON-lines batch contract.

Batch: one question a line on stdin (plain text, or a JSON object
``{"text": ..., "session": ...}``); exactly one JSON object a line out, in
order, flushed. Lines with the same session share follow-up context; plain
lines share one default session. A bad line yields an error object on its
line and the batch goes on.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import IO, Any

from bot.conversation import Conversations
from bot.render import answer_json, render_plain

DEFAULT_SESSION = "default"


def error_object(question: Any, message: str) -> dict[str, Any]:
    return {
        "question": question,
        "answered": False,
        "intent": None,
        "confidence": 0.0,
        "answer": "",
        "citations": [],
        "disputed": False,
        "suggestions": [],
        "error": message,
    }


def parse_line(line: str) -> tuple[str, object]:
    """(question text, session key) from one input line; ValueError when malformed."""
    stripped = line.strip()
    if stripped.startswith("{"):
        try:
            obj = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise ValueError(f"malformed JSON: {exc.msg} at column {exc.colno}") from None
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise ValueError('a JSON line needs a "text" string')
        session = obj.get("session", DEFAULT_SESSION)
        if not isinstance(session, (str, int)):
            raise ValueError('"session" must be a string or a number')
        return obj["text"], str(session)
    return line.rstrip("\r\n"), DEFAULT_SESSION


def run_jsonl(conversations: Conversations, stdin: IO[str], stdout: IO[str]) -> int:
    for line in stdin:
        try:
            text, session = parse_line(line)
            out = answer_json(conversations.ask(session, text))
        except ValueError as exc:
            out = error_object(line.rstrip("\r\n"), str(exc))
        except Exception as exc:  # one bad line must not end the batch
            out = error_object(line.rstrip("\r\n"), f"internal error: {type(exc).__name__}")
        # ensure_ascii keeps a lone surrogate ("\ud800") writable; JSON readers decode it alike
        stdout.write(json.dumps(out, ensure_ascii=True) + "\n")
        stdout.flush()
    return 0


def run_ask(args: argparse.Namespace) -> int:
    from bot.loading import load_engine

    engine = load_engine(args.pack)
    if engine is None:
        return 1
    conversations = Conversations(engine)
    if args.jsonl:
        return run_jsonl(conversations, sys.stdin, sys.stdout)
    question = " ".join(args.question).strip()
    if not question:
        print('Ask a question, e.g.: python -m bot ask "Who won the Battle of Darzab?"', file=sys.stderr)
        return 2
    answer = conversations.ask(DEFAULT_SESSION, question)
    if args.json:
        print(json.dumps(answer_json(answer), ensure_ascii=False, indent=2))
    else:
        print(render_plain(answer))
    if args.chart:  # imported only when asked for: `ask` starts as fast without it
        from bot.chart_text import answer_charts

        print("\n" + (answer_charts(engine.kb, answer) or "No disputed figures in this answer to chart."))
    return 0
