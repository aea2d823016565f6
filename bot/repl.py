"""The terminal REPL: a greeting, readline history, slash commands, clean exits."""

from __future__ import annotations

import argparse
import os
import sys
import unicodedata
from pathlib import Path

from bot import PRODUCT, PRODUCT_VAR
from bot.conversation import Conversations
from bot.render import citation_line, render_plain
from intents.answer import Answer

SESSION = "repl"
HISTORY_FILE = Path(os.environ.get(f"{PRODUCT_VAR}_HISTORY", Path.home() / f".{PRODUCT_VAR.lower()}_history"))
COMMANDS = {
    "/help": "what I can answer and how to ask",
    "/why": "why I understood the last question the way I did",
    "/sources": "the last answer's sources in full",
    "/chart": "the last answer's disputed figures as a chart",
    "/reset": "forget this conversation's context",
    "/quit": "leave (Ctrl-D works too)",
}


_BIDI = {0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def printable(text: str) -> str:
    """``text`` without control characters (ESC, BEL, C1 CSI, bidi overrides...) but with line breaks
    and tabs: what the terminal is shown can set no title and move no cursor."""
    if text.isprintable():
        return text
    return "".join(ch for ch in text if ch in "\n\t" or (unicodedata.category(ch) != "Cc" and ord(ch) not in _BIDI))


def explain(answer: Answer | None) -> str:
    """The /why text: normalised question, entities, top candidates and their keywords."""
    if answer is None:
        return "Ask a question first."
    why = answer.explanation
    lines = [f'I read: "{why.normalized}"']
    lines.append("Entities: " + (", ".join(why.entities) if why.entities else "none"))
    if why.followup:
        lines.append(f"Follow-up: {why.followup}")
    if why.candidates:
        lines.append("Top intents:")
        for c in why.candidates:
            kw = ", ".join(c.keywords) or "-"
            lines.append(f"  {c.intent:<16} score {c.score:.2f}  keywords: {kw}")
    else:
        lines.append("No intent matched.")
    verdict = "answered" if answer.answered else "not answered"
    lines.append(f"Decision: {answer.intent or 'none'} ({verdict}, confidence {answer.confidence:.2f})")
    return "\n".join(lines)


def setup_history() -> None:
    try:
        import readline
    except ImportError:  # not on every platform; the REPL works without it
        return
    try:
        readline.read_history_file(HISTORY_FILE)
    except (OSError, ValueError):
        pass
    readline.set_history_length(1000)
    import atexit

    def save() -> None:
        try:
            readline.write_history_file(HISTORY_FILE)
        except OSError:
            pass

    atexit.register(save)


def greeting(conversations: Conversations) -> str:
    engine = conversations.engine
    c = engine.kb.pack.conflict
    examples = "\n".join(f"  - {q}" for q in engine.examples())
    return (
        f"{PRODUCT}: ask me about the {c.name} ({c.date.text}).\n"
        "Every answer cites its sources; disputed figures are flagged.\n"
        f"Try:\n{examples}\n"
        "Type /help for commands, /quit or Ctrl-D to leave."
    )


def handle_command(line: str, conversations: Conversations, last: Answer | None) -> str | None:
    """The reply to a slash command, or None for /quit."""
    command = line.split()[0].lower()
    if command in ("/quit", "/exit", "/q"):
        return None
    if command == "/why":
        return explain(last)
    if command == "/sources":
        answer = conversations.last_answer(SESSION)
        if answer is None or not answer.citations:
            return "No sources yet: ask a question first."
        return "\n".join(citation_line(c) for c in answer.citations)
    if command == "/chart":
        from bot.chart_text import answer_charts  # imported on first use: start-up stays as fast

        # the REPL's own last answer: the session keeps only a slim copy, without the text
        text = answer_charts(conversations.engine.kb, last) if last is not None else ""
        return text or "No disputed figures to chart: ask about one first (casualties, for example)."
    if command == "/reset":
        conversations.reset(SESSION)
        return "Context cleared."
    if command == "/help":
        help_answer = conversations.ask(SESSION, "help")
        cmds = "\n".join(f"  {k:<9} {v}" for k, v in COMMANDS.items())
        return render_plain(help_answer, with_sources=False) + "\n\nCommands:\n" + cmds
    return f"Unknown command {command}. Commands: {', '.join(COMMANDS)}"


def run_repl(args: argparse.Namespace) -> int:
    from bot.loading import load_engine

    engine = load_engine(args.pack)
    if engine is None:
        return 1
    conversations = Conversations(engine)
    interactive = sys.stdin.isatty()
    if interactive:
        setup_history()
    print(greeting(conversations), flush=True)
    last: Answer | None = None
    while True:
        try:
            line = input("\n> " if interactive else "> ")
        except EOFError:
            print("\nGoodbye.")
            return 0
        except KeyboardInterrupt:
            print("\nGoodbye.")
            return 0
        line = printable(line).strip()  # nothing typed is echoed with its escape sequences
        if not line:
            continue
        if line.startswith("/"):
            out = handle_command(line, conversations, last)
            if out is None:
                print("Goodbye.")
                return 0
            print(printable(out), flush=True)
            continue
        last = conversations.ask(SESSION, line)
        print(printable(render_plain(last)), flush=True)
