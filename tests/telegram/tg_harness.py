"""Running the real Application against the emulator, for the Telegram tests."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

from emulator import TOKEN, BotAPIEmulator

from bot.telegram.state import Settings

# quick back-off so failure tests stay fast; the rest as in production
FAST = Settings(retry_base_delay=0.05)


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
