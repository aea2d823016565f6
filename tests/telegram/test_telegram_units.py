"""Small pieces: throttle, callback stores, retries, token reading, log redaction, the HTML checker."""

from __future__ import annotations

import asyncio
import io
import logging
from types import SimpleNamespace

import pytest
from htmlcheck import TelegramHTMLError, telegram_html_text
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut

from bot.telegram import keyboards
from bot.telegram.app import file_url
from bot.telegram.main import Failure, Redact, read_token
from bot.telegram.sending import ChatLocks, with_retry
from bot.telegram.throttle import ALLOW, DROP, WARN, Throttle


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_throttle_allows_a_burst_warns_once_then_drops_until_refilled():
    clock = Clock()
    throttle = Throttle(burst=3, rate=1.0, clock=clock)
    assert [throttle.check("u") for _ in range(6)] == [ALLOW] * 3 + [WARN, DROP, DROP]
    assert throttle.check("other") == ALLOW
    clock.now += 1.0
    assert throttle.check("u") == ALLOW
    assert throttle.check("u") == WARN  # a new flood gets a new warning


def test_throttle_remembers_a_bounded_number_of_users():
    throttle = Throttle(max_users=50, clock=Clock())
    for user in range(1000):
        throttle.check(user)
    assert len(throttle) == 50


def test_callback_data_is_short_and_fixed_questions_survive_a_restart():
    fixed = ["Who won the Battle of Darzab?", "x" * 500]
    first, second = keyboards.Callbacks(fixed), keyboards.Callbacks(fixed)
    for question in fixed:
        data = first.ask(question)
        assert len(data.encode()) <= 64
        kind, key = keyboards.parse(data)
        assert kind == "q" and second.question(key) == question
    long_suggestion = "é" * 400
    kind, key = keyboards.parse(first.ask(long_suggestion))
    assert first.question(key) == long_suggestion and second.question(key) is None


def test_callback_stores_are_bounded():
    callbacks = keyboards.Callbacks([], max_items=10)
    datas = [callbacks.ask(f"question {i}") for i in range(100)]
    assert callbacks.question(keyboards.parse(datas[0])[1]) is None
    assert callbacks.question(keyboards.parse(datas[-1])[1]) == "question 99"
    sources = [callbacks.sources(SimpleNamespace(n=i)) for i in range(100)]
    assert all(len(s.encode()) <= 64 for s in sources)
    assert callbacks.answer_for_sources(keyboards.parse(sources[0])[1]) is None
    assert callbacks.answer_for_sources(keyboards.parse(sources[-1])[1]).n == 99


@pytest.mark.parametrize("data", [None, "", "q:", "x:1", "T:1", "s", "q"])
def test_unknown_callback_data_parses_to_nothing(data):
    assert keyboards.parse(data) == ("", "")


def test_file_url_follows_the_base_url():
    assert file_url("http://127.0.0.1:8081/bot") == "http://127.0.0.1:8081/file/bot"
    assert file_url("https://example.org/api/") == "https://example.org/api/file/bot"


def _retry(exc_list, **kwargs):
    calls = []

    async def call():
        calls.append(1)
        if exc_list:
            raise exc_list.pop(0)
        return "sent"

    result = asyncio.run(with_retry(call, base_delay=0.001, **kwargs))
    return result, len(calls)


def test_retry_passes_network_errors_timeouts_and_retry_after():
    assert _retry([NetworkError("Internal Server Error"), TimedOut(), RetryAfter(0)]) == ("sent", 4)


def test_retry_gives_up_after_its_attempts_and_never_retries_bad_requests():
    with pytest.raises(NetworkError):
        _retry([NetworkError("Bad Gateway")] * 3, attempts=3)
    with pytest.raises(BadRequest):
        _retry([BadRequest("chat not found")], attempts=3)


def test_chat_locks_keep_order_and_clean_up():
    locks, order = ChatLocks(), []

    async def job(i):
        async with locks.hold("chat"):
            await asyncio.sleep(0.001 * (5 - i))
            order.append(i)

    async def scenario():
        await asyncio.gather(*(job(i) for i in range(5)))

    asyncio.run(scenario())
    assert order == [0, 1, 2, 3, 4] and len(locks) == 0


def test_token_from_the_environment_or_a_file(tmp_path):
    token = "123:abc-DEF_ghi"
    assert read_token(SimpleNamespace(token_file=None), {"TELEGRAM_BOT_TOKEN": f" {token}\n"}) == token
    path = tmp_path / "t"
    path.write_text(token + "\n")
    assert read_token(SimpleNamespace(token_file=str(path)), {}) == token
    for env in ({}, {"TELEGRAM_BOT_TOKEN": "  "}, {"TELEGRAM_BOT_TOKEN": "not a token"}):
        with pytest.raises(Failure) as caught:
            read_token(SimpleNamespace(token_file=None), env)
        assert caught.value.code == 2 and "\n" not in str(caught.value)


def test_the_token_is_redacted_from_messages_arguments_and_tracebacks():
    token = "123:secret-token-value"
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(Redact(token))
    logger = logging.getLogger("test.redact")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("POST http://api/bot%s/getMe", token)
        try:
            raise RuntimeError(f"The token `{token}` was rejected")
        except RuntimeError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    out = stream.getvalue()
    assert token not in out and out.count("<token>") == 2 and "RuntimeError" in out


@pytest.mark.parametrize("bad", ["<b>x", "<b>x</i>", "<script>x</script>", "a < b", "a & b", "<br/>",
                                 "&nbsp;", '<a onclick="x">y</a>'])
def test_the_html_checker_refuses_what_telegram_refuses(bad):
    with pytest.raises(TelegramHTMLError):
        telegram_html_text(bad)


def test_the_html_checker_returns_the_visible_text():
    source = '<b>A &amp; B</b> <i>&lt;i&gt;</i> <a href="https://x">link</a> &#x27;q&#39; <blockquote>z</blockquote>'
    assert telegram_html_text(source) == "A & B <i> link 'q' z"


def test_only_the_telegram_package_imports_telegram():
    import re
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    pattern = re.compile(r"^\s*(from|import)\s+telegram\b", re.MULTILINE)
    offenders = [str(p.relative_to(root)) for top in ("bot", "intents", "knowledge") for p in (root / top).rglob("*.py")
                 if "telegram" not in p.relative_to(root).parts and pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
    probe = ("import sys, io, contextlib; from bot.cli import main\n"
             "with contextlib.redirect_stdout(io.StringIO()): main(['ask', 'who won?'])\n"
             "print(any(m == 'telegram' or m.startswith('telegram.') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr
