"""Sending that does not lose replies.

AIORateLimiter (configured in ``app``) honours RetryAfter and spaces messages;
on top of that ``with_retry`` retries transient failures (network errors,
time-outs and the 5xx answers PTB raises as NetworkError) with exponential
back-off, and ``send_html`` splits long answers and falls back to plain text
if Telegram refuses the HTML.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import logging
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from telegram import LinkPreviewOptions, Message, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Conflict, Forbidden, InvalidToken, NetworkError, RetryAfter

from bot.render import split_message

log = logging.getLogger(__name__)
T = TypeVar("T")
MAX_DELAY = 30.0
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
# errors that another try will not fix (BadRequest and others subclass NetworkError)
PERMANENT = (BadRequest, Forbidden, InvalidToken, ChatMigrated, Conflict)


def retry_after_seconds(exc: RetryAfter) -> float:
    value = getattr(exc, "_retry_after", None)
    if value is None:
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


async def with_retry(call: Callable[[], Awaitable[T]], attempts: int = 5, base_delay: float = 0.5, what: str = "",
                     deadline: float | None = None, max_delay: float = MAX_DELAY) -> T:
    """Await ``call()``, retrying transient failures: ``attempts`` times in all, and beyond that for
    as long as ``deadline`` seconds from the first try allow (a Bot API outage of a minute or two
    costs a late reply, not a lost one). Back-off doubles from ``base_delay`` up to ``max_delay``."""
    loop = asyncio.get_running_loop()
    give_up_at = loop.time() + deadline if deadline is not None else None
    attempt = 0
    while True:
        attempt += 1
        try:
            return await call()
        except PERMANENT:
            raise
        except RetryAfter as exc:
            delay = retry_after_seconds(exc) + 0.1
            failure: Exception = exc
        except NetworkError as exc:  # includes TimedOut and 5xx
            delay = min(max_delay, base_delay * 2 ** min(attempt - 1, 30))
            failure = exc
        if attempt >= attempts and (give_up_at is None or loop.time() >= give_up_at):
            if give_up_at is not None:
                log.error("%s dropped: the Bot API failed for %.0fs (%d tries; last: %s)", what or "Bot API call",
                          deadline, attempt, failure)
            raise failure
        delay = min(delay, MAX_DELAY) if give_up_at is None else min(delay, max(0.0, give_up_at - loop.time()))
        if not isinstance(failure, RetryAfter):
            log.warning("%s failed (%s); retry %d in %.1fs", what or "Bot API call", failure, attempt, delay)
        await asyncio.sleep(delay)


def _parse_error(exc: BadRequest) -> bool:
    text = str(exc).lower()
    return "parse" in text and "entit" in text


async def send_html(
    bot: Any,
    chat_id: int,
    html_text: str,
    *,
    plain: str | None = None,
    reply_markup: Any = None,
    reply_to: int | None = None,
    attempts: int = 5,
    base_delay: float = 0.5,
    deadline: float | None = None,
    max_delay: float = MAX_DELAY,
) -> list[Message]:
    """Send ``html_text`` in chunks of at most 4,096 characters; the keyboard goes on the last.

    If Telegram cannot parse the HTML, ``plain`` (when given) is sent instead. Each chunk is
    retried through an outage for up to ``deadline`` seconds (see ``with_retry``).
    """
    retry = {"attempts": attempts, "base_delay": base_delay, "deadline": deadline, "max_delay": max_delay}
    try:
        return await _send_chunks(bot, chat_id, split_message(html_text), ParseMode.HTML, reply_markup, reply_to,
                                  retry)
    except BadRequest as exc:
        if plain is None or not _parse_error(exc):
            raise
        log.warning("chat %s: Telegram refused the HTML (%s); sending plain text", chat_id, exc)
        return await _send_chunks(bot, chat_id, split_message(plain), None, reply_markup, reply_to, retry)


async def _send_chunks(bot, chat_id, chunks, parse_mode, reply_markup, reply_to, retry):
    sent: list[Message] = []
    for i, chunk in enumerate(chunks):
        last = i == len(chunks) - 1
        reply = ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to and i == 0 else None

        def call(chunk=chunk, last=last, reply=reply):
            return bot.send_message(
                chat_id,
                chunk,
                parse_mode=parse_mode,
                reply_markup=reply_markup if last else None,
                reply_parameters=reply,
                link_preview_options=NO_PREVIEW,
            )

        sent.append(await with_retry(call, what=f"sendMessage to chat {chat_id}", **retry))
    return sent


class ChatLocks:
    """One lock per chat while it is in use, so a chat's replies go out in order."""

    def __init__(self) -> None:
        self._locks: dict[object, tuple[asyncio.Lock, int]] = {}

    def __len__(self) -> int:
        return len(self._locks)

    @asynccontextmanager
    async def hold(self, key: object):
        lock, users = self._locks.get(key, (None, 0))
        if lock is None:
            lock = asyncio.Lock()
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)
