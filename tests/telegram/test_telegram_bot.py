"""The real Application against the Bot API emulator: what users see."""

from __future__ import annotations

import asyncio
import time

from tg_checks import button, buttons, html_of, message_of, visible
from tg_fakes import FakeEngine
from tg_harness import FAST, run, running_bot

from bot.telegram.state import Settings

CHAT = 5001


def test_disputed_figure_with_citations_and_buttons(tg_engine):
    async def scenario():
        async with running_bot(tg_engine) as (emu, _):
            emu.say(CHAT, "how many IS-KP fighters were killed?")
            [reply] = await emu.replies(CHAT)
            text = html_of(reply)
            seen = visible(reply)
            assert "disputed" in seen.lower()
            for figure in ("153", "52", "40"):
                assert figure in seen
            assert "⚠️" in seen and "<b>Sources</b>" in text and "[1]" in seen
            assert text.startswith("<b>")  # the lead is bold
            labels = [b["text"] for b in buttons(reply)]
            assert labels[-1] == "📚 Sources" and len(labels) >= 2
            assert all(len(b["callback_data"].encode()) <= 64 for b in buttons(reply))

    run(scenario())


def test_follow_up_uses_the_chat_context_and_chats_are_separate(tg_engine):
    async def scenario():
        async with running_bot(tg_engine) as (emu, _):
            emu.say(CHAT, "how many IS-KP fighters were killed?")
            await emu.replies(CHAT, 1)
            emu.say(CHAT + 1, "who commanded the taliban?")
            await emu.replies(CHAT + 1, 1)
            emu.say(CHAT, "and the Taliban?")
            replies = await emu.replies(CHAT, 2)
            follow = visible(replies[1])
            assert "taliban" in follow.lower() and "disputed" in follow.lower()
            assert "17" in follow and "70" in follow  # the Taliban's own dead, as claimed

    run(scenario())


def test_decline_says_so_and_offers_examples(tg_engine):
    async def scenario():
        async with running_bot(tg_engine) as (emu, _):
            emu.say(CHAT, "what is the population of Darzab?")
            [reply] = await emu.replies(CHAT)
            seen = visible(reply)
            html_of(reply)
            assert "don't know" in seen and "Sources" not in seen
            labels = [b["text"] for b in buttons(reply)]
            assert labels and "📚 Sources" not in labels

    run(scenario())


def test_pressing_a_suggestion_answers_it_and_stops_the_spinner(tg_engine):
    async def scenario():
        async with running_bot(tg_engine) as (emu, _):
            emu.say(CHAT, "how many IS-KP fighters were killed?")
            [reply] = await emu.replies(CHAT)
            suggestion = buttons(reply)[0]
            emu.press(message_of(reply), suggestion["callback_data"])
            replies = await emu.replies(CHAT, 2)
            await emu.wait_for(lambda: emu.calls_to("answerCallbackQuery", ok=True), what="answerCallbackQuery")
            answer = replies[1]
            html_of(answer)
            assert visible(answer).startswith("❓ " + suggestion["text"])
            assert len(visible(answer)) > len(suggestion["text"]) + 10

    run(scenario())


def test_sources_button_and_command_show_citations_in_full(tg_engine):
    async def scenario():
        async with running_bot(tg_engine) as (emu, _):
            emu.say(CHAT, "how many IS-KP fighters were killed?")
            [reply] = await emu.replies(CHAT)
            emu.press(message_of(reply), button(reply, "Sources")["callback_data"])
            from_button = (await emu.replies(CHAT, 2))[1]
            emu.say(CHAT, "/sources")
            from_command = (await emu.replies(CHAT, 3))[2]
            for call in (from_button, from_command):
                text = html_of(call)
                assert "<blockquote>" in text and "Battle of Darzab (2018)" in text and "CC BY-SA 4.0" in text
                assert "just 40 of his followers had died during the campaign" in visible(call)
                assert "Mufti Nemat" in visible(call)

    run(scenario())


def test_sources_before_any_question(tg_engine):
    async def scenario():
        async with running_bot(tg_engine) as (emu, _):
            emu.say(CHAT, "/sources")
            [reply] = await emu.replies(CHAT)
            assert "ask me a question first" in visible(reply)

    run(scenario())


def test_start_offers_examples_that_work(tg_engine):
    async def scenario():
        async with running_bot(tg_engine) as (emu, _):
            emu.say(CHAT, "/start")
            [hello] = await emu.replies(CHAT)
            html_of(hello)
            labels = [b["text"] for b in buttons(hello)]
            assert labels == tg_engine.examples()
            emu.press(message_of(hello), button(hello, "who won")["callback_data"])
            answer = (await emu.replies(CHAT, 2))[1]
            assert "Taliban" in visible(answer) and "[1]" in visible(answer)
            # the command menu was set at start
            assert [c["command"] for c in emu.commands] == ["start", "help", "faq", "sources", "about"]

    run(scenario())


def test_help_and_about(tg_engine):
    async def scenario():
        async with running_bot(tg_engine) as (emu, _):
            emu.say(CHAT, "/help")
            emu.say(CHAT, "/about")
            help_, about = await emu.replies(CHAT, 2)
            assert "/faq" in visible(help_) and "@darzab_test_bot" in visible(help_)
            about_text = html_of(about)
            assert "Battle of Darzab (2018)" in about_text and "CC BY-SA 4.0" in about_text
            assert 'href="https://en.wikipedia.org/wiki/Battle_of_Darzab_(2018)"' in about_text

    run(scenario())


def test_faq_topics_open_and_answer(tg_engine):
    async def scenario():
        async with running_bot(tg_engine) as (emu, _):
            emu.say(CHAT, "/faq")
            [menu] = await emu.replies(CHAT)
            topics = [b["text"] for b in buttons(menu)]
            assert "Casualties" in topics
            emu.press(message_of(menu), button(menu, "Casualties")["callback_data"])
            edit = await emu.wait_for(lambda: emu.calls_to("editMessageText", ok=True), what="the topic")
            edited = edit[0]
            html_of(edited)
            questions = [b for b in buttons(edited) if b["callback_data"] != "T"]
            expected = [e.question for e in tg_engine.faq() if e.topic == "Casualties"]
            assert [b["text"] for b in questions] == expected
            emu.press(edited.result, questions[0]["callback_data"])
            answer = (await emu.replies(CHAT, 2))[1]
            assert visible(answer).startswith("❓ ") and "[1]" in visible(answer)
            # back to the topics
            emu.press(edited.result, "T")
            await emu.wait_for(lambda: len(emu.calls_to("editMessageText", ok=True)) == 2, what="back")
            assert len(emu.calls_to("answerCallbackQuery", ok=True)) == 3

    run(scenario())


def test_expired_or_forged_buttons_get_a_polite_answer(tg_engine):
    async def scenario():
        async with running_bot(tg_engine) as (emu, _):
            emu.say(CHAT, "/start")
            [hello] = await emu.replies(CHAT)
            for data in ("q:000000000000", "zzz", "t:999", "s:nope"):
                emu.press(message_of(hello), data)
            await emu.wait_for(lambda: len(emu.calls_to("answerCallbackQuery", ok=True)) == 4, what="4 answers")
            texts = [c.params.get("text", "") for c in emu.calls_to("answerCallbackQuery")]
            assert texts[:3] == ["This button has expired: type your question instead."] * 3
            await asyncio.sleep(0.2)
            assert not emu.calls_to("sendMessage", ok=False)

    run(scenario())


def test_long_answers_are_split_within_the_limit():
    engine = FakeEngine()

    async def scenario():
        async with running_bot(engine) as (emu, _):
            emu.say(CHAT, "Long?")
            await emu.wait_for(lambda: len(emu.sent(CHAT)) >= 2 and emu.sent(CHAT)[-1].params.get("reply_markup"),
                               what="the whole answer")
            chunks = emu.sent(CHAT)
            assert len(chunks) >= 2
            for chunk in chunks:
                html_of(chunk)
            assert all(not c.params.get("reply_markup") for c in chunks[:-1])  # keyboard on the last only
            whole = "\n\n".join(visible(c) for c in chunks)
            assert "Item 79" in whole and "[3] Source 3" in whole
            # the 300-character suggestion still fits in callback data
            assert all(len(b["callback_data"].encode()) <= 64 for b in buttons(chunks[-1]))
            long_button = [b for b in buttons(chunks[-1]) if b["text"].startswith("xxx")][0]
            assert len(long_button["text"]) <= 60
            emu.press(message_of(chunks[-1]), long_button["callback_data"])
            await emu.wait_for(lambda: "x" * 300 in engine.asked, what="the long suggestion asked")

    run(scenario())


def test_a_500_then_a_429_still_delivers_the_reply(tg_engine):
    async def scenario():
        async with running_bot(tg_engine) as (emu, _):
            emu.fail("sendMessage", 500)
            emu.fail("sendMessage", 429, retry_after=1)
            started = time.monotonic()
            emu.say(CHAT, "who won?")
            [reply] = await emu.replies(CHAT)
            statuses = [c.status for c in emu.calls_to("sendMessage")]
            assert statuses == [500, 429, 200]
            assert time.monotonic() - started >= 1.0  # retry_after honoured
            assert "Taliban" in visible(reply)

    run(scenario())


def test_network_errors_are_retried_until_they_pass(tg_engine):
    async def scenario():
        async with running_bot(tg_engine) as (emu, _):
            for status in (502, 500, 500):
                emu.fail("sendMessage", status)
            emu.say(CHAT, "who won?")
            await emu.replies(CHAT)
            assert [c.status for c in emu.calls_to("sendMessage")] == [502, 500, 500, 200]

    run(scenario())


def test_group_messages_are_answered_only_when_addressed(tg_engine):
    group = -1009001

    async def scenario():
        async with running_bot(tg_engine) as (emu, _):
            emu.say(group, "who won?", user_id=11, chat_type="supergroup")
            emu.say(group, "/start@some_other_bot", user_id=11, chat_type="supergroup")
            emu.sticker(group, user_id=11, chat_type="supergroup")
            emu.edit(group, "who won?", user_id=11, chat_type="supergroup")
            emu.say(group, "@darzab_test_bot who won?", user_id=11, chat_type="supergroup")
            [first] = await emu.replies(group)
            assert "Taliban" in visible(first)
            asked = first.params["reply_parameters"]["message_id"]
            assert emu.messages[(group, asked)]["text"].startswith("@darzab_test_bot")
            # a reply to the bot is addressed too
            emu.say(group, "tell me more", user_id=12, chat_type="supergroup", reply_to=message_of(first))
            emu.say(group, "/help@darzab_test_bot", user_id=12, chat_type="supergroup")
            await emu.replies(group, 3)
            await asyncio.sleep(0.3)
            assert len(emu.sent(group)) == 3
            assert not [c for c in emu.calls if not c.ok]

    run(scenario())


def test_inline_query_offers_at_most_five_articles(tg_engine):
    async def scenario():
        async with running_bot(tg_engine) as (emu, _):
            emu.inline("how many IS-KP fighters were killed?")
            emu.inline("")
            emu.inline("what is the population of Darzab?")
            calls = await emu.wait_for(lambda: len(emu.calls_to("answerInlineQuery", ok=True)) == 3 and
                                       emu.calls_to("answerInlineQuery", ok=True), what="3 inline answers")
            by_query = {c.params["inline_query_id"]: c for c in calls}
            for call in calls:
                results = call.params["results"]
                assert 1 <= len(results) <= 5
                assert int(call.params["cache_time"]) <= 60
                for r in results:
                    assert r["type"] == "article" and r["description"] and "\n" not in r["description"]
                    assert r["input_message_content"]["parse_mode"] == "HTML"
            first = by_query["1"].params["results"]
            assert "disputed" in first[0]["description"].lower()
            assert "153" in first[0]["input_message_content"]["message_text"]
            assert len(by_query["2"].params["results"]) == 5
            declined = by_query["3"].params["results"]
            assert declined[0]["title"].startswith("No answer")

    run(scenario())


def test_non_text_and_edits_get_a_hint_in_private(tg_engine):
    async def scenario():
        async with running_bot(tg_engine) as (emu, _):
            emu.sticker(CHAT)
            emu.edit(CHAT, "who won?")
            emu.voice(CHAT)
            emu.say(CHAT, "/nonsense")
            hints = [visible(c) for c in await emu.replies(CHAT, 4)]
            assert sum("only read text" in h for h in hints) == 2
            assert sum("new message" in h for h in hints) == 1
            assert sum("/help" in h for h in hints) == 1

    run(scenario())


def test_a_flood_gets_one_slow_down_then_silence(tg_engine):
    settings = Settings(retry_base_delay=0.05, throttle_burst=3, throttle_rate=0.01)

    async def scenario():
        async with running_bot(tg_engine, settings) as (emu, _):
            for _ in range(10):
                emu.say(CHAT, "who won?")
            await emu.replies(CHAT, 4)
            await asyncio.sleep(0.3)
            texts = [visible(c) for c in emu.sent(CHAT)]
            assert len(texts) == 4
            assert sum("slow down" in t for t in texts) == 1
            emu.say(CHAT + 1, "who won?")  # others are not affected
            await emu.replies(CHAT + 1)
            for _ in range(5):  # commands count too
                emu.say(CHAT + 2, "/help")
            await emu.replies(CHAT + 2, 4)
            await asyncio.sleep(0.3)
            assert [("slow down" in visible(c)) for c in emu.sent(CHAT + 2)] == [False] * 3 + [True]

    run(scenario())


def test_engine_failure_is_logged_and_the_user_told(caplog):
    engine = FakeEngine({"boom": RuntimeError("engine exploded")})

    async def scenario():
        async with running_bot(engine) as (emu, _):
            emu.say(CHAT, "boom")
            [reply] = await emu.replies(CHAT)
            assert "something went wrong" in visible(reply)
            emu.say(CHAT, "Short one?")  # the bot carries on
            assert "You asked" in visible((await emu.replies(CHAT, 2))[1])

    with caplog.at_level("ERROR", logger="bot.telegram"):
        run(scenario())
    assert any("engine exploded" in r.getMessage() for r in caplog.records)


def test_every_faq_answer_is_valid_telegram_html(tg_engine):
    settings = Settings(retry_base_delay=0.05, throttle_burst=1000, overall_rate=1000)
    questions = [e.question for e in tg_engine.faq()]

    async def scenario():
        async with running_bot(tg_engine, settings) as (emu, _):
            for i, question in enumerate(questions):
                emu.say(7000 + i, question)
            await emu.wait_for(lambda: len(emu.sent()) >= len(questions), what="every FAQ answer")
            assert not [c for c in emu.calls if not c.ok]
            for call in emu.sent():
                html_of(call)
            answered = [c for c in emu.sent() if "[1]" in visible(c)]
            assert len(answered) >= len(questions) * 0.8

    run(scenario())


def test_a_hundred_chats_at_once_all_get_answers(tg_engine):
    chats = range(10_000, 10_100)

    async def scenario():
        async with running_bot(tg_engine, FAST) as (emu, _):
            started = time.monotonic()
            for chat in chats:
                emu.say(chat, "how many IS-KP fighters were killed?" if chat % 2 else "who won?")
            await emu.wait_for(lambda: len({c.params["chat_id"] for c in emu.sent()}) == len(chats),
                               timeout=30, what="100 answers")
            elapsed = time.monotonic() - started
            print(f"\n100 chats answered in {elapsed:.2f}s (rate limit {FAST.overall_rate:.0f} msg/s)")
            assert len(emu.sent()) == 100 and all(c.ok for c in emu.calls_to("sendMessage"))
            for c in emu.sent():
                assert ("disputed" in visible(c)) == bool(c.params["chat_id"] % 2)

    run(scenario())
