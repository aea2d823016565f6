"""Handlers fed one Update at a time (Update.de_json + process_update), replies through the emulator."""

from __future__ import annotations

import itertools
import unicodedata
from contextlib import asynccontextmanager

from emulator import TOKEN, BotAPIEmulator
from hypothesis import given, settings
from hypothesis import strategies as st
from telegram import Update
from tg_checks import buttons, html_of, visible
from tg_fakes import FakeEngine
from tg_harness import FAST, run

from bot.telegram.app import build_application
from bot.telegram.state import STATE_KEY, Settings
from intents.answer import LEAD, Answer, Citation, Part

CHAT = 4242
_ids = itertools.count(1)


@asynccontextmanager
async def initialized(engine, settings: Settings = FAST):
    """An initialized Application (getMe done) without polling: updates go in by hand."""
    async with BotAPIEmulator() as emu:
        app = build_application(engine, TOKEN, base_url=emu.base_url, settings=settings)
        async with app:
            yield emu, app


async def feed(app, **update) -> None:
    await app.process_update(Update.de_json({"update_id": next(_ids), **update}, app.bot))


def test_html_in_a_question_is_escaped_everywhere(tg_engine):
    question = "<b>who won</b>? <script> & </i>"

    async def scenario():
        async with initialized(tg_engine) as (emu, app):
            await feed(app, message=emu.message(CHAT, question))
            await feed(app, message=emu.message(CHAT, "/sources"))
            answer, sources = emu.sent(CHAT)
            html_of(answer)
            assert "Taliban" in visible(answer)
            assert "&lt;script&gt; &amp; &lt;/i&gt;" in html_of(sources) and question in visible(sources)

    run(scenario())


def test_html_in_a_suggestion_is_escaped_when_its_button_is_pressed():
    evil = "<i>evil</i> & <u>co"
    engine = FakeEngine({"q": Answer("q", True, "x", 0.9, (Part("lead", LEAD, (1,)),),
                                     (Citation(1, "S <b>", "sec & <i>", "quote <x>"),), False, (evil,))})

    async def scenario():
        async with initialized(engine) as (emu, app):
            await feed(app, message=emu.message(CHAT, "q"))
            [first] = emu.sent(CHAT)
            assert "S <b>" in visible(first)
            data = buttons(first)[0]["callback_data"]
            emu.open_queries.add("cb1")
            await feed(app, callback_query={"id": "cb1", "from": emu.user(CHAT), "chat_instance": "c",
                                            "message": first.result, "data": data})
            echo = emu.sent(CHAT)[1]
            html_of(echo)
            assert visible(echo).startswith(f"❓ {evil}")
            assert engine.asked == ["q", evil]

    run(scenario())


def test_a_10000_character_message_is_read_up_to_the_cap():
    engine = FakeEngine()

    async def scenario():
        async with initialized(engine) as (emu, app):
            await feed(app, message=emu.message(CHAT, "who won? " * 1112))
            [reply] = emu.sent(CHAT)
            html_of(reply)
            assert len(engine.asked[0]) <= FAST.max_question

    run(scenario())


def test_a_10000_character_message_with_the_real_engine(tg_engine):
    async def scenario():
        async with initialized(tg_engine) as (emu, app):
            await feed(app, message=emu.message(CHAT, "Darzab " * 1430))
            for reply in emu.sent(CHAT):
                html_of(reply)
            assert emu.sent(CHAT) and all(c.ok for c in emu.calls)

    run(scenario())


def test_control_characters_are_dropped_before_the_engine():
    engine = FakeEngine()

    async def scenario():
        async with initialized(engine) as (emu, app):
            await feed(app, message=emu.message(CHAT, "who\x00 won\x1b[31m?\x07\u200b\nreally\t"))
            [asked] = engine.asked
            assert all(ch in "\n\t" or unicodedata.category(ch) != "Cc" for ch in asked)
            html_of(emu.sent(CHAT)[0])

    run(scenario())


def test_control_characters_with_the_real_engine(tg_engine):
    async def scenario():
        async with initialized(tg_engine) as (emu, app):
            await feed(app, message=emu.message(CHAT, "who\x00 won\x1b?\x07"))
            assert "Taliban" in visible(emu.sent(CHAT)[0])

    run(scenario())


def test_stickers_photos_and_voice(tg_engine):
    async def scenario():
        async with initialized(tg_engine) as (emu, app):
            for kind in ("sticker", "photo", "voice"):
                getattr(emu, kind)(CHAT)
                getattr(emu, kind)(-100777, user_id=5, chat_type="group")
            for update in emu.pending:
                await app.process_update(Update.de_json(update, app.bot))
            assert len(emu.sent(CHAT)) == 3 and not emu.sent(-100777)
            assert all("only read text" in visible(c) for c in emu.sent(CHAT))

    run(scenario())


def test_channel_posts_and_emoji_are_harmless(tg_engine):
    async def scenario():
        async with initialized(tg_engine) as (emu, app):
            post = emu.message(-100555, "who won?", chat_type="channel")
            post.pop("from")
            await feed(app, channel_post=post)
            assert not emu.sent()
            await feed(app, message=emu.message(CHAT, "🙂"))
            await feed(app, message=emu.message(CHAT, "   "))
            assert len(emu.sent(CHAT)) == 2 and all(c.ok for c in emu.calls)

    run(scenario())


def test_text_mention_of_the_bot_in_a_group_counts_as_addressed(tg_engine):
    async def scenario():
        async with initialized(tg_engine) as (emu, app):
            msg = emu.message(-100888, "Darzab Bot who won?", user_id=9, chat_type="supergroup")
            msg["entities"] = [{"type": "text_mention", "offset": 0, "length": 10, "user": emu.bot}]
            await feed(app, message=msg)
            [reply] = emu.sent(-100888)
            assert "Taliban" in visible(reply) and reply.params["reply_parameters"]["message_id"] == msg["message_id"]

    run(scenario())


def test_refused_html_falls_back_to_plain_text(tg_engine):
    async def scenario():
        async with initialized(tg_engine) as (emu, app):
            emu.fail("sendMessage", 400, "Bad Request: can't parse entities: unsupported start tag")
            await feed(app, message=emu.message(CHAT, "how many IS-KP fighters were killed?"))
            [plain] = emu.sent(CHAT)
            assert "parse_mode" not in plain.params
            assert "disputed" in plain.params["text"] and "Sources:" in plain.params["text"]
            assert buttons(plain)  # the keyboard survives

    run(scenario())


def test_a_reply_that_cannot_be_sent_is_logged_not_fatal(tg_engine, caplog):
    settings = Settings(retry_base_delay=0.01, send_attempts=2, send_deadline=0.0)  # give up after two tries

    async def scenario():
        async with initialized(tg_engine, settings) as (emu, app):
            for _ in range(3):  # both tries of the answer, then the apology
                emu.fail("sendMessage", 500)
            await feed(app, message=emu.message(CHAT, "who won?"))
            assert [c.status for c in emu.calls_to("sendMessage")] == [500, 500, 500]
            await feed(app, message=emu.message(CHAT, "who won?"))
            assert "Taliban" in visible(emu.sent(CHAT)[0])

    with caplog.at_level("WARNING"):
        run(scenario())
    assert any("failed" in r.getMessage() for r in caplog.records)


def test_buttons_on_inline_messages_and_double_taps(tg_engine):
    async def scenario():
        async with initialized(tg_engine) as (emu, app):
            emu.open_queries.update({"a", "b", "c"})
            await feed(app, callback_query={"id": "a", "from": emu.user(1), "chat_instance": "c",
                                            "inline_message_id": "IM1", "data": "T"})
            assert emu.calls_to("answerCallbackQuery")[-1].params["text"].startswith("Open a chat")
            await feed(app, message=emu.message(CHAT, "/faq"))
            [menu] = emu.sent(CHAT)
            for qid in ("b", "c"):  # the same topic twice: the second edit changes nothing
                await feed(app, callback_query={"id": qid, "from": emu.user(CHAT), "chat_instance": "c",
                                                "message": menu.result, "data": "t:0"})
            assert [c.status for c in emu.calls_to("editMessageText")] == [200, 400]
            assert not [c for c in emu.calls_to("sendMessage") if "went wrong" in c.params["text"]]

    run(scenario())


def test_conversations_stay_bounded(tg_engine):
    settings = Settings(retry_base_delay=0.01, max_sessions=3)

    async def scenario():
        async with initialized(tg_engine, settings) as (emu, app):
            for chat in range(100, 110):
                await feed(app, message=emu.message(chat, "who won?"))
            state = app.bot_data[STATE_KEY]
            assert len(state.conversations) == 3 and len(state.locks) == 0

    run(scenario())


TEXTS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=300).filter(
    lambda t: t.strip() and not t.startswith("/"))


@settings(max_examples=8, deadline=None)
@given(texts=st.lists(TEXTS, min_size=1, max_size=8))
def test_any_text_gets_one_valid_reply(tg_engine, texts):
    async def scenario():
        async with initialized(tg_engine, Settings(throttle_burst=100)) as (emu, app):
            for i, text in enumerate(texts):
                await feed(app, message=emu.message(CHAT + i, text))
            assert all(c.ok for c in emu.calls), [c.description for c in emu.calls if not c.ok]
            for i in range(len(texts)):
                replies = emu.sent(CHAT + i)
                assert replies and not any("went wrong" in visible(c) for c in replies)
                for reply in replies:
                    html_of(reply)

    run(scenario())
