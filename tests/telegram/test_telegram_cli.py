"""`python -m bot telegram` as a process: token errors, graceful shutdown, webhook mode, no token in logs."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx
import pytest
from emulator import TOKEN, BotAPIEmulator
from tg_checks import visible
from tg_harness import run

ROOT = Path(__file__).resolve().parents[2]
STATE_HOME = tempfile.TemporaryDirectory(prefix="darzab-state-")  # removed when the test run ends


def bot_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    env.update(NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost", PYTHONUNBUFFERED="1")
    env["XDG_STATE_HOME"] = STATE_HOME.name  # the state file never lands in ~
    env.update(extra)
    return env


def test_missing_token_exits_2_with_one_line():
    proc = subprocess.run([sys.executable, "-m", "bot", "telegram"], cwd=ROOT, env=bot_env(),
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and "TELEGRAM_BOT_TOKEN" in lines[0] and "Traceback" not in proc.stderr


def test_unreadable_token_file_exits_2_with_one_line(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "bot", "telegram", "--token-file", str(tmp_path / "nope")],
                          cwd=ROOT, env=bot_env(), capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1 and "token file" in proc.stderr


def test_bad_log_level_exits_2_with_one_line():
    proc = subprocess.run([sys.executable, "-m", "bot", "telegram", "--log-level", "LOUD"], cwd=ROOT,
                          env=bot_env(TELEGRAM_BOT_TOKEN=TOKEN), capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1 and "--log-level" in proc.stderr


def test_unreachable_api_exits_1_with_one_line():
    base = f"http://127.0.0.1:{free_port()}/bot"  # nothing listens there
    proc = subprocess.run([sys.executable, "-m", "bot", "telegram", "--base-url", base], cwd=ROOT,
                          env=bot_env(TELEGRAM_BOT_TOKEN=TOKEN), capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1, proc.stderr
    assert len(proc.stderr.splitlines()) == 1 and "cannot reach" in proc.stderr and TOKEN not in proc.stderr


async def _spawn(*args: str, env: dict[str, str]):
    proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "telegram", *args, cwd=ROOT, env=env,
                                                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    return proc


def test_rejected_token_exits_2_with_one_line(tmp_path):
    wrong = "42:this-token-was-revoked-long-ago_000000"
    token_file = tmp_path / "token"
    token_file.write_text(wrong + "\n")

    async def scenario():
        async with BotAPIEmulator() as emu:
            proc = await _spawn("--base-url", emu.base_url, "--token-file", str(token_file), env=bot_env())
            out, err = await asyncio.wait_for(proc.communicate(), 60)
            assert [c.status for c in emu.calls] == [401]  # getMe, rejected
            return proc.returncode, err.decode()

    code, err = run(scenario())
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "rejected" in lines[0] and wrong not in err and "Traceback" not in err


async def _drain(stream, sink: list[str]) -> None:
    while line := await stream.readline():
        sink.append(line.decode(errors="replace"))


def test_polls_answers_and_stops_gracefully_on_sigterm_without_logging_the_token():
    async def scenario():
        async with BotAPIEmulator() as emu:
            env = bot_env(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_BASE_URL=emu.base_url)
            proc = await _spawn("--log-level", "DEBUG", env=env)
            err: list[str] = []
            drain = asyncio.create_task(_drain(proc.stderr, err))
            await emu.polling()
            emu.say(3001, "how many IS-KP fighters were killed?")
            [reply] = await emu.replies(3001, timeout=30)
            assert "disputed" in visible(reply)
            proc.send_signal(signal.SIGTERM)
            code = await asyncio.wait_for(proc.wait(), 20)
            await drain
            return code, "".join(err), emu

    code, err, emu = run(scenario())
    assert code == 0, err
    assert TOKEN not in err and TOKEN.split(":")[1] not in err
    assert "started as @darzab_test_bot" in err
    assert "chat 3001" in err and "intent=casualties" in err
    assert [c.method for c in emu.calls[:3]] == ["getMe", "setMyCommands", "deleteWebhook"]
    # the last getUpdates confirms the update, so a restart would not answer it twice
    assert emu.calls_to("getUpdates")[-1].params.get("offset") == 2


async def until(predicate, timeout: float) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.05)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_webhook_mode_checks_the_secret_and_answers():
    pytest.importorskip("tornado", reason="webhook mode needs python-telegram-bot[webhooks]")
    port = free_port()
    url = f"http://127.0.0.1:{port}/darzab-hook"

    async def scenario():
        async with BotAPIEmulator() as emu:
            env = bot_env(TELEGRAM_BOT_TOKEN=TOKEN)
            proc = await _spawn("--base-url", emu.base_url, "--webhook-url", url, "--listen", "127.0.0.1",
                                "--port", str(port), "--secret-token", "s3cret", env=env)
            err: list[str] = []
            drain = asyncio.create_task(_drain(proc.stderr, err))
            [hook] = await emu.wait_for(lambda: emu.calls_to("setWebhook", ok=True), timeout=30, what="setWebhook")
            assert hook.params["url"] == url and hook.params["secret_token"] == "s3cret"
            await until(lambda: any("started as" in line for line in err), timeout=10)
            update = {"update_id": 1, "message": emu.message(3002, "who won?")}
            async with httpx.AsyncClient() as client:
                wrong = await client.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "nope"})
                right = await client.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret"})
            assert wrong.status_code == 403 and right.status_code == 200
            [reply] = await emu.replies(3002, timeout=30)
            proc.send_signal(signal.SIGTERM)
            code = await asyncio.wait_for(proc.wait(), 20)
            await drain
            return code, "".join(err), visible(reply), emu

    code, err, reply, emu = run(scenario())
    assert code == 0, err
    assert "Taliban" in reply and TOKEN not in err
    assert not emu.calls_to("getUpdates")


def test_the_transcript_script_records_a_whole_conversation(tmp_path):
    import transcript

    out = tmp_path / "t.md"
    assert transcript.main(["--out", str(out)]) == 0
    text = out.read_text()
    for heading in ("A disputed figure", "A follow-up", "A decline", "A suggestion button", "The Sources button",
                    "Inline mode"):
        assert f"## {heading}" in text
    assert "answerCallbackQuery" in text and "answerInlineQuery" in text and "→ 4" not in text
