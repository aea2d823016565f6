"""Fixtures for the Telegram tests: the engine, a fake engine, and a bot running against the emulator."""

from __future__ import annotations

import asyncio
import os
from contextlib import asynccontextmanager

import pytest

# httpx honours proxy variables; the emulator is on loopback.
os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"
os.environ.setdefault("PTB_TIMEDELTA", "1")  # as build_application sets it

from emulator import TOKEN, BotAPIEmulator  # noqa: E402

from bot.telegram.state import Settings  # noqa: E402

# quick back-off so failure tests stay fast; the rest as in production
FAST = Settings(retry_base_delay=0.05)


@pytest.fixture(scope="session")
def tg_engine():
    from intents.engine import Engine

    return Engine.load()


@asynccontextmanager
async def running_bot(engine, settings: Settings = FAST, poll_timeout: float = 1.0):
    """The real Application, long polling the emulator: yields (emulator, application)."""
    from bot.telegram.app import build_application, start, stop

    async with BotAPIEmulator() as emu:
        app = build_application(engine, TOKEN, base_url=emu.base_url, settings=settings)
        async with app:
            await start(app, poll_timeout=poll_timeout)
            try:
                yield emu, app
            finally:
                await stop(app)


def run(coro, timeout: float = 60.0):
    """Drive one async scenario from a sync test."""
    return asyncio.run(asyncio.wait_for(coro, timeout))
