"""Command line: `python -m bot [repl|ask|faq|check|telegram]`.

Each command's module is imported only when used, so `ask` and the REPL start
without loading Telegram.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys

from bot import PRODUCT
from bot.streams import silence, tolerant_stdin


def _terminal_columns() -> int:
    """The width ``shutil.get_terminal_size`` gives: $COLUMNS, else the terminal's, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, without importing shutil (and its three compression modules) for
    the width: argparse makes one for every argument added, at every start."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None):
        super().__init__(prog, indent_increment, max_help_position,
                         _terminal_columns() - 2 if width is None else width)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser (and, as its class, each subcommand's) formatting with _HelpFormatter."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PRODUCT,
        description="Ask about the conflict of a knowledge pack; every figure cited, disputes flagged.",
    )
    parser.add_argument("--pack", help="knowledge pack directory (default: the bundled pack)")
    # prog given: else argparse formats it, importing shutil (and its compressors) at every start
    sub = parser.add_subparsers(dest="command", prog=PRODUCT)

    sub.add_parser("repl", help="chat in the terminal (the default)")

    ask = sub.add_parser("ask", help="answer one question, or a batch with --jsonl")
    ask.add_argument("question", nargs="*", help="the question (omit with --jsonl)")
    mode = ask.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print the answer object as JSON")
    mode.add_argument("--jsonl", action="store_true", help="read questions from stdin, one a line")
    ask.add_argument("--chart", action="store_true", help="after the answer, its disputed figures as a text chart")

    faq = sub.add_parser("faq", help="render the FAQ, answered by the bot")
    faq.add_argument("--format", choices=("md", "html"), default="md")

    check = sub.add_parser("check", help="validate a knowledge pack and summarise it")
    check.add_argument("path", nargs="?", help="pack directory (default: the bundled pack)")

    tg = sub.add_parser("telegram", help="run the Telegram bot")
    tg.add_argument("--token-file", help="read the bot token from this file")
    tg.add_argument("--base-url", help="Bot API base URL (self-hosted server or emulator)")
    tg.add_argument("--webhook-url", help="run as a webhook at this public URL instead of polling")
    tg.add_argument("--listen", default="0.0.0.0", help="webhook listen address")
    tg.add_argument("--port", type=int, default=8443, help="webhook port")
    tg.add_argument("--secret-token", help="webhook secret token (default: TELEGRAM_WEBHOOK_SECRET)")
    tg.add_argument("--log-level", default="INFO", help="DEBUG, INFO, WARNING or ERROR")
    tg.add_argument("--state", metavar="PATH",
                    help="SQLite file keeping chats' context and buttons across restarts "
                         f"(default: $XDG_STATE_HOME/{PRODUCT}/state.sqlite); safe to delete")
    tg.add_argument("--no-state", action="store_true", help="keep nothing across restarts")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a command. A closed output pipe (``ask ... | head -1``, ``check | true``) ends it quietly
    with the exit status it had reached: the reader chose to stop reading."""
    args = build_parser().parse_args(argv)
    # The start-up (imports, the engine's snapshot) makes objects that live as long as the
    # process, hundreds of thousands of them: the collector walked them again and again while
    # they were made (a fifth of a cached `ask`'s time) and found nothing to free. It is paused
    # until bot.loading.load_engine has the engine, and resumed there.
    collecting = gc.isenabled()
    gc.disable()
    code = 0
    try:
        code = _run(args)
        sys.stdout.flush()  # here, not at exit, so a closed pipe is caught below
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        silence(sys.stdout)
        return code
    finally:
        if collecting:
            gc.enable()


def _run(args: argparse.Namespace) -> int:
    command = args.command or "repl"
    tolerant_stdin()
    if command == "check":
        from bot.check import run_check

        gc.enable()  # no engine to load: nothing long-lived is made
        return run_check(args.path or args.pack)
    if command == "ask":
        from bot.ask import run_ask

        return run_ask(args)
    if command == "faq":
        from bot.faq import run_faq

        return run_faq(args)
    if command == "telegram":
        from bot.telegram.main import run_telegram

        return run_telegram(args)
    from bot.repl import run_repl

    return run_repl(args)


if __name__ == "__main__":
    sys.exit(main())
