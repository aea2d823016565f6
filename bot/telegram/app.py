"""Build the Application and register every handler in one place."""

from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import dataclass
from typing import Any

from telegram import BotCommand, Update
from telegram.error import InvalidToken
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from . import handlers
from .guard import GuardedRequest
from .persist import SQLitePersistence
from .sending import with_retry
from .state import STATE_KEY, BotState, Settings
from .texts import COMMANDS

log = logging.getLogger("bot.telegram")
ALLOWED_UPDATES = [Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]


@dataclass(frozen=True)
class Webhook:
    url: str  # the public URL Telegram posts to
    listen: str = "0.0.0.0"
    port: int = 8443
    secret_token: str | None = None

    @property
    def path(self) -> str:
        from urllib.parse import urlsplit

        return urlsplit(self.url).path.lstrip("/")


def file_url(base_url: str) -> str:
    """The file URL that goes with a Bot API base URL (``.../bot`` -> ``.../file/bot``)."""
    if base_url.endswith("/bot"):
        return base_url[: -len("bot")] + "file/bot"
    return base_url.rstrip("/") + "/file/bot"


def build_application(engine: Any, token: str, *, base_url: str | None = None,
                      settings: Settings | None = None,
                      state_path: str | os.PathLike[str] | None = None) -> Application:
    """The Application; with ``state_path``, chats' follow-up context and buttons are kept in that
    SQLite file across restarts (see ``persist``)."""
    settings = settings or Settings()
    os.environ.setdefault("PTB_TIMEDELTA", "1")  # PTB 22.2+: time periods as timedelta, no deprecation noise
    st = BotState.create(engine, settings)
    builder = (
        ApplicationBuilder()
        .token(token)
        .request(GuardedRequest(connection_pool_size=256, on_unauthorized=st.revoked.set))
        .get_updates_request(GuardedRequest(connection_pool_size=1, on_unauthorized=st.revoked.set))
        .rate_limiter(
            AIORateLimiter(
                overall_max_rate=settings.overall_rate,
                group_max_rate=settings.group_rate,
                max_retries=settings.rate_limit_retries,
            )
        )
        .concurrent_updates(settings.concurrency)
    )
    if base_url:
        builder = builder.base_url(base_url).base_file_url(file_url(base_url))
    if state_path is not None:
        builder = builder.persistence(SQLitePersistence(state_path, max_chats=settings.max_sessions,
                                                        ttl=settings.session_ttl,
                                                        update_interval=settings.persist_interval))
    app = builder.build()
    app.bot_data[STATE_KEY] = st
    register(app)
    return app


def register(app: Application) -> None:
    on = app.add_handler
    on(CommandHandler("start", handlers.cmd_start, filters=filters.UpdateType.MESSAGE))
    on(CommandHandler("help", handlers.cmd_help, filters=filters.UpdateType.MESSAGE))
    on(CommandHandler("faq", handlers.cmd_faq, filters=filters.UpdateType.MESSAGE))
    on(CommandHandler("sources", handlers.cmd_sources, filters=filters.UpdateType.MESSAGE))
    on(CommandHandler("about", handlers.cmd_about, filters=filters.UpdateType.MESSAGE))
    on(CommandHandler("reset", handlers.cmd_reset, filters=filters.UpdateType.MESSAGE))
    on(MessageHandler(filters.UpdateType.MESSAGE & filters.COMMAND, handlers.unknown_command))
    on(MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT, handlers.on_text))
    on(MessageHandler(filters.UpdateType.EDITED_MESSAGE, handlers.on_edited))
    on(MessageHandler(filters.UpdateType.MESSAGE, handlers.on_other_message))
    on(CallbackQueryHandler(handlers.on_button))
    on(InlineQueryHandler(handlers.on_inline))
    on(TypeHandler(object, handlers.on_anything_else))  # last: one log line for whatever is left
    app.add_error_handler(handlers.on_error)


async def set_commands(app: Application) -> None:
    settings: Settings = app.bot_data[STATE_KEY].settings
    commands = [BotCommand(name, description) for name, description in COMMANDS]
    await with_retry(lambda: app.bot.set_my_commands(commands), attempts=settings.send_attempts,
                     base_delay=settings.retry_base_delay, what="setMyCommands")


async def start(app: Application, webhook: Webhook | None = None, poll_timeout: float = 10.0) -> None:
    """After ``app.initialize()``: set the command menu, start receiving updates, start handling."""
    await set_commands(app)
    if webhook is None:
        await app.updater.start_polling(timeout=poll_timeout, allowed_updates=ALLOWED_UPDATES,
                                        error_callback=_polling_error)
    else:
        await app.updater.start_webhook(
            listen=webhook.listen,
            port=webhook.port,
            url_path=webhook.path,
            webhook_url=webhook.url,
            secret_token=webhook.secret_token,
            allowed_updates=ALLOWED_UPDATES,
        )
    await app.start()
    log.info("started as @%s (%s)", app.bot.username, "webhook" if webhook else "long polling")


async def stop(app: Application) -> None:
    if app.updater and app.updater.running:
        try:
            await app.updater.stop()
        except InvalidToken:  # polling ended on a 401: nothing left to confirm
            pass
    if app.running:
        await app.stop()


async def serve(app: Application, stop_event: asyncio.Event, webhook: Webhook | None = None) -> None:
    """Run until ``stop_event`` is set, then shut down gracefully (pending replies are sent).

    A 401 from the Bot API while running (the token was revoked) stops it too, and then raises
    InvalidToken, so the command exits 2 as for a token rejected at start."""
    revoked = app.bot_data[STATE_KEY].revoked
    async with app:
        await start(app, webhook)
        waits = [asyncio.ensure_future(stop_event.wait()), asyncio.ensure_future(revoked.wait())]
        try:
            await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiting in waits:
                waiting.cancel()
            log.info("stopping")
            await stop(app)
    if revoked.is_set():
        raise InvalidToken("the Bot API answered 401 Unauthorized: the token was revoked")


def _polling_error(exc: Exception) -> None:
    log.warning("getUpdates failed: %s: %s (PTB retries)", type(exc).__name__, exc)
