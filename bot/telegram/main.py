"""`python -m bot telegram`: read the token, set up logging, run the bot until a signal.

Exit codes: 0 after a clean shutdown, 2 for a missing, malformed or rejected
token (and other bad arguments), 1 when the Bot API cannot be reached or the
knowledge pack does not load. Failures at start print exactly one line on
stderr; the token never appears in any output.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import signal
import sys
from typing import Any

from bot import PRODUCT

TOKEN_ENV = "TELEGRAM_BOT_TOKEN"
BASE_URL_ENV = "TELEGRAM_BASE_URL"
SECRET_ENV = "TELEGRAM_WEBHOOK_SECRET"
TOKEN_SHAPE = re.compile(r"\d+:[A-Za-z0-9_-]+")
PROG = f"{PRODUCT} telegram"


class Failure(Exception):
    """A start-up failure: one line for stderr and an exit code."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


def read_token(args: Any, environ: dict[str, str] | None = None) -> str:
    environ = os.environ if environ is None else environ
    path = getattr(args, "token_file", None)
    if path:
        try:
            with open(path, encoding="utf-8") as handle:
                token = handle.read().strip()
        except OSError as exc:
            raise Failure(f"cannot read the token file {path}: {exc.strerror or exc}") from None
        where = f"the token file {path}"
    else:
        token = environ.get(TOKEN_ENV, "").strip()
        where = TOKEN_ENV
    if not token:
        raise Failure(f"no bot token: set {TOKEN_ENV} or pass --token-file FILE (get a token from @BotFather)")
    if not TOKEN_SHAPE.fullmatch(token):
        raise Failure(f"{where} does not hold a bot token (expected digits, a colon, then letters)")
    return token


class Redact(logging.Filter):
    """Replace the token wherever it appears in a record, its arguments or its traceback."""

    def __init__(self, secret: str):
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secret:
            return True
        message = record.getMessage()
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        record.msg = message.replace(self.secret, "<token>")
        record.args = None
        if record.exc_text:
            record.exc_text = record.exc_text.replace(self.secret, "<token>")
        return True


def configure_logging(level_name: str, token: str) -> None:
    level = logging.getLevelName(str(level_name).upper())
    if not isinstance(level, int):
        raise Failure(f"unknown --log-level {level_name!r}: use DEBUG, INFO, WARNING or ERROR")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(Redact(token))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL, and the URL holds the token
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    # PTB's per-request chatter
    logging.getLogger("telegram.ext.Updater").setLevel(max(level, logging.INFO))
    logging.getLogger("telegram.ext.Application").setLevel(max(level, logging.WARNING))
    # a revoked token ends the process with one line of our own, not PTB's traceback too
    logging.getLogger("telegram.ext").addFilter(_not_invalid_token)
    # PTB logs an update it cannot parse with the update itself (users' text) and a traceback
    logging.getLogger("telegram.ext.Updater").addFilter(_without_update_content)


def _not_invalid_token(record: logging.LogRecord) -> bool:
    from telegram.error import InvalidToken

    return not (record.exc_info and isinstance(record.exc_info[1], InvalidToken))


def _without_update_content(record: logging.LogRecord) -> bool:
    if str(record.msg).startswith("Something went wrong processing the data received from Telegram"):
        error = type(record.exc_info[1]).__name__ if record.exc_info and record.exc_info[1] else "error"
        record.msg, record.args, record.exc_info, record.exc_text = (
            f"an update could not be read ({error}); not processed (its content is not logged)", None, None, None)
        record.levelno, record.levelname = logging.WARNING, "WARNING"
    return True


def run_telegram(args: Any) -> int:
    try:
        return _run(args)
    except Failure as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return exc.code


def _run(args: Any) -> int:
    token = read_token(args)
    configure_logging(getattr(args, "log_level", "INFO"), token)

    from telegram.error import InvalidToken, NetworkError

    from bot.loading import load_engine

    from .app import Webhook, build_application, serve

    engine = load_engine(getattr(args, "pack", None))
    if engine is None:
        return 1
    base_url = getattr(args, "base_url", None) or os.environ.get(BASE_URL_ENV) or None
    webhook = None
    if getattr(args, "webhook_url", None):
        _check_webhook_support()
        secret = args.secret_token or os.environ.get(SECRET_ENV) or None
        webhook = Webhook(args.webhook_url, args.listen, args.port, secret)
    app = build_application(engine, token, base_url=base_url, state_path=_state_path(args))
    try:
        asyncio.run(_serve_until_signal(app, webhook, serve))
    except InvalidToken:
        raise Failure(f"Telegram rejected the bot token (401 Unauthorized): check {TOKEN_ENV}") from None
    except NetworkError as exc:
        where = base_url or "api.telegram.org"
        raise Failure(f"cannot reach the Telegram Bot API at {where}: {_redacted(exc, token)}", code=1) from None
    except OSError as exc:  # e.g. the webhook port is taken
        raise Failure(f"cannot start: {_redacted(exc, token)}", code=1) from None
    return 0


async def _serve_until_signal(app: Any, webhook: Any, serve: Any) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):  # not on this platform
            pass
    await serve(app, stop, webhook)


def _state_path(args: Any) -> Any:
    """The state file (``--state``; default under the user's state directory), or None with ``--no-state``."""
    from .persist import default_state_path

    if getattr(args, "no_state", False):
        return None
    path = getattr(args, "state", None) or default_state_path()
    try:
        from pathlib import Path

        Path(path).parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise Failure(f"cannot use the state file {path}: {exc.strerror or exc}", code=2) from None
    return path


def _check_webhook_support() -> None:
    try:
        import tornado  # noqa: F401
    except ImportError:
        raise Failure('webhook mode needs the webhooks extra: pip install "python-telegram-bot[webhooks]"') from None


def _redacted(exc: BaseException, token: str) -> str:
    return str(exc).replace(token, "<token>")
