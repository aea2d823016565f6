"""`python -m bot ask`: one question, or the JSON-lines batch contract.

Batch: one question a line on stdin (plain text, or a JSON object
``{"text": ..., "session": ...}``); exactly one JSON object a line out, in
order, flushed. Lines with the same session share follow-up context; plain
lines share one default session. A bad line yields an error object on its
line and the batch goes on: malformed JSON, a line that is not UTF-8, a line
over ``MAX_LINE_BYTES`` (read no further than the cap, the rest skipped).

Session ids are strings or finite numbers, compared as text (``1``, ``1.0`` and
``"1"`` are one session); ``true``, ``null``, lists and objects are refused.
"""

from __future__ import annotations

import argparse
import io
import math
import sys
from collections.abc import Iterator
from typing import IO, Any

from bot.conversation import Conversations
from bot.render import answer_json, render_plain

DEFAULT_SESSION = "default"
MAX_LINE_BYTES = 64 * 1024  # one input line; a question is a sentence or two
MAX_SESSION_ID = 256  # characters of a session id
ECHO_CHARS = 200  # of an over-long line, what its error object repeats


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
        import json  # here and below, not at the top: a plain `ask` starts without json

        try:
            obj = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise ValueError(f"malformed JSON: {exc.msg} at column {exc.colno}") from None
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise ValueError('a JSON line needs a "text" string')
        return obj["text"], session_key(obj.get("session", DEFAULT_SESSION))
    return line.rstrip("\r\n"), DEFAULT_SESSION


def session_key(session: object) -> str:
    """The conversation a session id names: strings as they are, numbers by value; else ValueError."""
    if isinstance(session, bool) or not isinstance(session, (str, int, float)):
        raise ValueError('"session" must be a string or a number')
    if isinstance(session, float):
        if not math.isfinite(session):
            raise ValueError('"session" must be a finite number')
        if session.is_integer():
            session = int(session)
    key = str(session)
    if len(key) > MAX_SESSION_ID:
        raise ValueError(f'"session" is over {MAX_SESSION_ID} characters')
    return key


class BadLine(ValueError):
    """A line that could not be read as text; ``echo`` is what its error object repeats."""

    def __init__(self, message: str, echo: str):
        super().__init__(message)
        self.echo = echo


def read_lines(stream: IO[bytes], limit: int = MAX_LINE_BYTES) -> Iterator[str | BadLine]:
    """Lines of ``stream`` as text, or a BadLine for one that is over ``limit`` bytes or not UTF-8.

    Never holds more than ``limit`` bytes of one line: the rest of a long line is read and dropped.
    """
    while raw := stream.readline(limit + 1):
        if len(raw) > limit and not raw.endswith(b"\n"):
            while (rest := stream.readline(1 << 16)) and not rest.endswith(b"\n"):
                pass
            echo = raw[:ECHO_CHARS].decode("utf-8", "replace") + "…"
            yield BadLine(f"line is over {limit:,} bytes; skipped", echo)
            continue
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield BadLine(f"not UTF-8 text (byte {exc.start + 1} of the line)",
                          raw.decode("utf-8", "replace").rstrip("\r\n"))


def run_jsonl(conversations: Conversations, stdin: IO[bytes] | IO[str], stdout: IO[str]) -> int:
    """Answer each line of ``stdin`` (bytes; a text stream is read through its buffer)."""
    import json

    binary = getattr(stdin, "buffer", None)
    lines = iter(stdin) if binary is None and isinstance(stdin, io.TextIOBase) else read_lines(binary or stdin)
    for line in lines:
        if isinstance(line, BadLine):
            out = error_object(line.echo, str(line))
        else:
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


def as_text(text: str) -> str:
    """Text as valid Unicode: bytes that were not UTF-8 (kept by Python as lone surrogates) become U+FFFD."""
    if text.isascii():
        return text
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate that never was a byte
        return text.encode("utf-8", "replace").decode("utf-8")


def run_ask(args: argparse.Namespace) -> int:
    from bot.loading import load_engine

    engine = load_engine(args.pack, long_lived=args.jsonl)
    if engine is None:
        return 1
    conversations = Conversations(engine)
    if args.jsonl:
        return run_jsonl(conversations, sys.stdin, sys.stdout)
    question = as_text(" ".join(args.question).strip())
    if not question:
        print('Ask a question, e.g.: python -m bot ask "Who won?"', file=sys.stderr)
        return 2
    answer = conversations.ask(DEFAULT_SESSION, question)
    if args.json:
        import json

        print(json.dumps(answer_json(answer), ensure_ascii=False, indent=2))
    else:
        print(render_plain(answer))
    if args.chart:  # imported only when asked for: `ask` starts as fast without it
        from bot.chart_text import answer_charts

        print("\n" + (answer_charts(engine.kb, answer) or "No disputed figures in this answer to chart."))
    return 0
