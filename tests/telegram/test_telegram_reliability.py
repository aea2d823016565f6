"""Issue 13, Telegram: a revoked token, updates PTB cannot parse, buttons bound to their chat, a Bot API
outage, and context (follow-ups, old buttons) that survives a restart of the process."""

from __future__ import annotations

import asyncio
import logging
import signal
import sqlite3
import time

import pytest
from emulator import TOKEN, BotAPIEmulator
from telegram.error import NetworkError
from test_telegram_cli import _drain, _spawn, bot_env
from tg_checks import button, buttons, visible
from tg_harness import FAST, run, running_bot

from bot.telegram import sending
from bot.telegram.state import Settings

SECRET = "my secret question about isis-k fighters"


# -- 1: a token revoked while polling --------------------------------------------------------------
def test_1_a_401_on_get_updates_ends_the_process_with_one_line_and_exit_2():
    async def scenario():
        async with BotAPIEmulator() as emu:  # bot_env puts the default state file in a temporary directory
            proc = await _spawn(env=bot_env(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_BASE_URL=emu.base_url))
            err: list[str] = []
            drain = asyncio.create_task(_drain(proc.stderr, err))
            await emu.polling()
            emu.say(3101, "who won?")
            await emu.replies(3101, timeout=30)
            emu.revoke()
            code = await asyncio.wait_for(proc.wait(), 30)  # the old code never exited
            await drain
            return code, "".join(err)

    code, err = run(scenario())
    assert code == 2, err
    assert "Traceback" not in err and "still running" not in err
    rejected = [line for line in err.splitlines() if "401" in line or "rejected" in line]
    assert len(rejected) == 1 and rejected[0].startswith("darzab-bot telegram: Telegram rejected"), err
    assert err.splitlines()[-1] == rejected[0] and TOKEN not in err


# -- 2: an update PTB cannot parse --------------------------------------------------------------------
def test_2_an_unparseable_update_is_skipped_logged_once_without_its_text(tg_engine, caplog):
    async def scenario():
        async with running_bot(tg_engine) as (emu, app):
            await emu.polling()
            emu.push(message={"message_id": 1, "date": int(time.time()), "text": SECRET})  # no chat
            emu.push(chat_boost={"chat": emu.chat(3201), "boost": {"add_date": 1, "expiration_date": 2,
                                                                   "source": {"source": "premium"}}})
            emu.say(3202, "who won?")
            [reply] = await emu.replies(3202, timeout=10)
            polls = len(emu.calls_to("getUpdates"))
            return visible(reply), polls

    with caplog.at_level(logging.INFO):
        reply, polls = run(scenario())
    assert "Taliban" in reply
    assert polls < 20, polls  # the old code re-polled about 280 times a second
    skipped = [r for r in caplog.records if "cannot be read" in r.getMessage()]
    assert len(skipped) == 2, [r.getMessage() for r in skipped]
    assert all(r.levelno == logging.WARNING for r in skipped)
    assert not any(r.levelno >= logging.CRITICAL for r in caplog.records)
    assert not any(SECRET in r.getMessage() or (r.exc_text and SECRET in r.exc_text) for r in caplog.records
                   if r.levelno >= logging.INFO)


# -- 3: Sources buttons are bound to their chat ---------------------------------------------------------
def test_3_a_sources_key_from_another_chat_reveals_nothing_of_it(tg_engine):
    async def scenario():
        async with running_bot(tg_engine) as (emu, app):
            await emu.polling()
            emu.say(3301, "how many isis-k fighters were killed?")
            [a] = await emu.replies(3301)
            stolen = button(a, "Sources")["callback_data"]
            emu.say(3302, "who won?")
            [b] = await emu.replies(3302)
            forged = [stolen] + [f"s:{n}" for n in range(1, 6)] + [f"c:{n}" for n in range(1, 6)]
            for data in forged:  # chat 3302 presses keys it never got, on its own message
                emu.press(b.result, data)
            await emu.wait_for(lambda: len(emu.calls_to("answerCallbackQuery")) >= len(forged), 10, "answers")
            await asyncio.sleep(0.3)
            own = [visible(c) for c in emu.sent(3302)[1:]]
            emu.press(a.result, stolen)  # in its own chat the button works
            [_, sources] = await emu.replies(3301, 2)
            return own, visible(sources)

    own, sources = run(scenario())
    assert own and not any("isis-k" in text.casefold() for text in own), own  # chat 3301's question
    assert sources.startswith("Sources for") and "isis-k fighters" in sources


# -- 6: a Bot API outage ---------------------------------------------------------------------------------
def test_6_a_reply_survives_an_outage_against_the_emulator(tg_engine):
    """Time compressed: a 1.5 s outage with a 10 s deadline (production: 120 s, back-off up to 10 s)."""
    settings = Settings(retry_base_delay=0.05, retry_max_delay=0.5, send_deadline=10.0)

    async def scenario():
        async with running_bot(tg_engine, settings) as (emu, app):
            await emu.polling()
            emu.outage_after_delivery(1.5)
            emu.say(3601, "who won?")
            [reply] = await emu.replies(3601, timeout=20)
            failed = emu.calls_to("sendMessage", ok=False)
            return visible(reply), failed, reply.at - failed[0].at

    reply, failed, late = run(scenario())
    assert "Taliban" in reply
    assert len(failed) >= 4 and all(c.status == 502 for c in failed)
    assert 1.0 < late < 3.0


@pytest.mark.parametrize("outage, delivered", [(60, True), (90, True), (300, False)])
def test_6_production_settings_outlast_a_minute_of_outage(outage, delivered, monkeypatch, caplog):
    """Virtual time: every try fails until ``outage`` seconds have passed."""
    settings = Settings()

    async def scenario():
        loop = asyncio.get_running_loop()
        now = [loop.time()]
        start = now[0]
        monkeypatch.setattr(loop, "time", lambda: now[0])

        async def fake_sleep(delay):
            now[0] += delay

        monkeypatch.setattr(sending.asyncio, "sleep", fake_sleep)

        async def call():
            now[0] += 0.2  # each try takes a moment
            if now[0] - start < outage:
                raise NetworkError("Bad Gateway")
            return "sent"

        try:
            result = await sending.with_retry(call, settings.send_attempts, settings.retry_base_delay, "reply",
                                              deadline=settings.send_deadline, max_delay=settings.retry_max_delay)
        except NetworkError:
            result = None
        return result, now[0] - start

    with caplog.at_level(logging.ERROR):
        result, took = asyncio.run(scenario())
    if delivered:
        assert result == "sent" and took < outage + settings.retry_max_delay + 1
    else:
        assert result is None and settings.send_deadline <= took < settings.send_deadline + 1
        assert any("dropped" in r.getMessage() for r in caplog.records)


# -- context that survives a restart ------------------------------------------------------------------
def test_restart_keeps_follow_ups_and_old_buttons(tmp_path):
    state = tmp_path / "state.sqlite"

    async def one_process(emu, steps):
        proc = await _spawn("--state", str(state), env=bot_env(TELEGRAM_BOT_TOKEN=TOKEN,
                                                                TELEGRAM_BASE_URL=emu.base_url))
        err: list[str] = []
        drain = asyncio.create_task(_drain(proc.stderr, err))
        try:
            await emu.wait_for(lambda: emu.requests.count("getUpdates") > polls_before, 30, "polling")
            result = await steps()
        finally:
            proc.send_signal(signal.SIGTERM)
            code = await asyncio.wait_for(proc.wait(), 20)
            await drain
        assert code == 0, "".join(err)
        return result

    async def scenario():
        nonlocal polls_before
        async with BotAPIEmulator() as emu:
            async def first():
                emu.say(3701, "how many isis-k fighters were killed?")
                [answer] = await emu.replies(3701, timeout=30)
                return answer

            polls_before = 0
            answer = await one_process(emu, first)
            assert state.exists()
            polls_before = emu.requests.count("getUpdates")

            async def second():
                emu.say(3701, "and the taliban?")  # a follow-up: needs the context of the first process
                [_, follow] = await emu.replies(3701, 2, timeout=30)
                emu.press(answer.result, button(answer, "Sources")["callback_data"])
                [*_, sources] = await emu.replies(3701, 3, timeout=30)
                suggestion = next(b for b in buttons(answer) if b["callback_data"].startswith("q:"))
                emu.press(answer.result, suggestion["callback_data"])
                [*_, suggested] = await emu.replies(3701, 4, timeout=30)
                expired = [c for c in emu.calls_to("answerCallbackQuery") if c.params.get("text")]
                return visible(follow), visible(sources), visible(suggested), suggestion["text"], expired

            return await one_process(emu, second)

    polls_before = 0
    follow, sources, suggested, asked, expired = run(scenario(), timeout=120)
    assert "Taliban" in follow and "disputed" in follow and "17" in follow  # Taliban losses, not a decline
    assert sources.startswith("Sources for") and "isis-k fighters" in sources
    assert asked.split()[0].casefold() in suggested.casefold() and not expired


def test_state_file_is_bounded_and_safe_to_damage_or_delete(tmp_path):
    from bot.telegram.persist import SQLitePersistence

    path = tmp_path / "state.sqlite"
    clock = [1000.0]

    async def scenario():
        p = SQLitePersistence(path, max_chats=3, ttl=100.0, clock=lambda: clock[0])
        for chat in range(5):
            await p.update_chat_data(chat, {"seen": clock[0] + chat, "ctx": None})
        clock[0] += 10
        assert sorted(await p.get_chat_data()) == [2, 3, 4]  # the three most recently seen
        clock[0] += 200
        assert await p.get_chat_data() == {}  # idle past the ttl
        await p.flush()
        path.write_bytes(b"this is not a database" * 100)  # damaged: moved aside, started afresh
        q = SQLitePersistence(path)
        assert await q.get_chat_data() == {}
        await q.update_chat_data(1, {"seen": time.time()})
        await q.flush()
        assert (tmp_path / "state.sqlite.damaged").exists()
        with sqlite3.connect(path) as db:
            assert db.execute("SELECT count(*) FROM chat_data").fetchone() == (1,)

    asyncio.run(scenario())


def test_without_a_state_file_chat_data_stays_bounded(tg_engine):
    settings = Settings(retry_base_delay=0.05, max_sessions=3)

    async def scenario():
        async with running_bot(tg_engine, settings) as (emu, app):
            await emu.polling()
            for chat in range(3801, 3806):
                emu.say(chat, "who won?")
                await emu.replies(chat)
            return sorted(app.chat_data)

    assert run(scenario()) == [3803, 3804, 3805]


def test_fast_settings_are_still_the_harness_default():
    assert FAST.retry_base_delay == 0.05


def test_2_ptbs_own_report_of_an_unreadable_update_loses_the_content(capsys):
    """Webhook mode (or anything the guard misses): PTB's CRITICAL line with the update is rewritten."""
    from bot.telegram.main import configure_logging

    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        configure_logging("INFO", TOKEN)
        try:
            raise KeyError("chat")
        except KeyError as exc:
            logging.getLogger("telegram.ext.Updater").critical(
                "Something went wrong processing the data received from Telegram. Received data was *not* "
                "processed! Received data was: %r", {"message": {"text": SECRET}}, exc_info=exc)
    finally:
        root.handlers[:], level = saved
        root.setLevel(level)
        for name in ("telegram.ext", "telegram.ext.Updater"):
            logging.getLogger(name).filters.clear()
    err = capsys.readouterr().err
    assert "could not be read (KeyError)" in err and SECRET not in err and "Traceback" not in err
