"""Telegram front-end throughput and p99 reply latency through the loopback Bot API emulator.

Uses tests/telegram/emulator.py (BotAPIEmulator) and the real Application
from bot.telegram.app, long polling on loopback. Each round injects one
question from each of ``chats`` chats at once; a reply's latency is from its
injection to the emulator answering the bot's sendMessage. Reports
"n/a (emulator not available)" when the emulator is missing.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EMULATOR_DIR = ROOT / "tests" / "telegram"
CANDIDATES = ("emulator.py", "botapi.py", "bot_api.py", "fake_api.py")


def find_emulator() -> Path | None:
    for name in CANDIDATES:
        path = EMULATOR_DIR / name
        if path.exists():
            return path
    return None


def _import(path: Path):
    name = f"darzab_tg_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _drive(module, chats: int, rounds: int, settings=None) -> tuple[list[float], float]:
    """Inject one question from each of ``chats`` chats at once, ``rounds`` times; per-reply latency (ms)."""
    import asyncio
    import os
    import time

    os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
    os.environ.setdefault("no_proxy", "127.0.0.1,localhost")
    from bot.telegram.app import build_application, start, stop
    from intents.engine import Engine

    engine = Engine.load(None)
    questions = ("who won?", "how many IS-KP fighters were killed?", "when did the battle start?",
                 "who commanded the Taliban?", "what happened to mullah burjan?")

    async def scenario() -> tuple[list[float], float]:
        latencies: list[float] = []
        async with module.BotAPIEmulator() as emu:
            app = build_application(engine, module.TOKEN, base_url=emu.base_url, settings=settings)
            async with app:
                await start(app, poll_timeout=1.0)
                try:
                    await emu.polling()
                    began = time.monotonic()
                    for r in range(rounds):
                        asked: dict[int, float] = {}
                        before = len(emu.sent())
                        for n in range(chats):
                            chat = 50_000 + n
                            asked[chat] = time.monotonic()
                            emu.say(chat, questions[(n + r) % len(questions)], user_id=chat)
                        await emu.wait_for(lambda b=before: len(emu.sent()) >= b + chats, timeout=120,
                                           what=f"{chats} replies")
                        for call in emu.sent()[before:]:
                            latencies.append((call.at - asked[call.params["chat_id"]]) * 1000)
                    return latencies, time.monotonic() - began
                finally:
                    await stop(app)

    return asyncio.run(scenario())


def run(chats: int = 100, rounds: int = 3, unthrottled: bool = False) -> dict:
    """{"status": "ok"|"n/a ...", "replies_per_s", "p50_ms", "p99_ms", "chats"}.

    With the production Settings the bot paces itself at Telegram's 30 messages a
    second, so throughput is that limit; ``unthrottled`` lifts the pacing and the
    per-user throttle to show what the front-end itself can do.
    """
    path = find_emulator()
    if path is None:
        return {"status": "n/a (emulator not available)"}
    try:
        sys.path.insert(0, str(path.parent))  # the emulator imports its sibling modules (htmlcheck)
        module = _import(path)
        settings = None
        if unthrottled:
            from bot.telegram.state import Settings

            settings = Settings(overall_rate=100_000.0, throttle_burst=100_000, group_rate=100_000.0)
        latencies, seconds = _drive(module, chats, rounds, settings)
    except NotImplementedError as exc:
        return {"status": f"n/a ({exc})"}
    except Exception as exc:  # the emulator is someone else's work in progress: report, don't crash
        return {"status": f"n/a (emulator failed: {type(exc).__name__}: {exc})"}
    from .stats import percentile

    return {"status": "ok", "chats": chats, "replies_per_s": len(latencies) / seconds,
            "p99_ms": percentile(latencies, 99), "p50_ms": percentile(latencies, 50)}
