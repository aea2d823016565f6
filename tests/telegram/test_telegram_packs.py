"""The bot's own texts name the loaded pack's conflict and article: Darzab's, or any other pack's.

The real Application against the Bot API emulator, once with the bundled Darzab
pack and once with the invented second pack (tests/packs/velmora).
"""

from __future__ import annotations

from dataclasses import replace

from tg_checks import buttons, html_of, visible
from tg_fakes import small_kb
from tg_harness import run, running_bot

from bot.telegram.texts import Subject, about_text, greeting, licence_url, sources_html
from intents.answer import Citation

CHAT = 6001
# words that belong to the Darzab pack only
DARZAB_WORDS = ("Darzab", "Taliban", "IS-KP", "Jowzjan", "Afghanistan", "Wikipedia", "2018")


def darzab_free(text: str) -> None:
    found = [w for w in DARZAB_WORDS if w.casefold() in text.casefold()]
    assert not found, f"{found} in {text!r}"


def test_start_about_and_help_name_the_battle_of_darzab(tg_engine):
    async def scenario():
        async with running_bot(tg_engine) as (emu, _):
            for command in ("/start", "/about", "/help"):
                emu.say(CHAT, command)
            start, about, help_ = await emu.replies(CHAT, 3)
            hello = visible(start)
            assert "questions about the Battle of Darzab" in hello
            assert "12 July – 1 August 2018" in hello and "Afghanistan" in hello
            assert "fought between the Taliban and IS-KP" in hello
            assert [b["text"] for b in buttons(start)] == tg_engine.examples()

            about_html = html_of(about)
            assert "one event, the Battle of Darzab (12 July – 1 August 2018)" in visible(about)
            assert "the IS-KP surrender" in visible(about)  # the pack's topics
            assert ('the Wikipedia article <a href="https://en.wikipedia.org/wiki/Battle_of_Darzab_(2018)">'
                    "“Battle of Darzab (2018)”</a>") in about_html
            assert 'available under <a href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>' \
                in about_html

            assert "“how many IS-KP fighters were killed?”, then follow up: “and the Taliban?”" in visible(help_)

            emu.say(CHAT, "/reset")
            emu.sticker(CHAT)
            reset, hint = (await emu.replies(CHAT, 5))[3:]
            assert "Ask me anything about the Battle of Darzab." in visible(reset)
            assert "Ask me a question about the Battle of Darzab" in visible(hint)

    run(scenario())


def test_a_second_pack_is_named_everywhere_and_darzab_nowhere(tg_velmora_engine):
    async def scenario():
        async with running_bot(tg_velmora_engine) as (emu, _):
            for command in ("/start", "/about", "/help"):
                emu.say(CHAT, command)
            start, about, help_ = await emu.replies(CHAT, 3)
            html_of(start)
            hello = visible(start)
            assert "questions about the Siege of Velmora" in hello
            assert "(Velmora and the Oster valley, Marenthia, 2 March – 19 April 1987)" in hello
            assert "fought between Highland League and Coastal Front" in hello
            darzab_free(hello)
            # the buttons are the engine's own example questions (worded by the intents, not by these texts)
            assert [b["text"] for b in buttons(start)] == tg_velmora_engine.examples()

            about_html = html_of(about)
            assert "one event, the Siege of Velmora (2 March – 19 April 1987)" in visible(about)
            assert "what led to the siege" in visible(about)  # the pack's topics
            # the publication has no URL: its title is named, not linked; CC0 links to its deed
            assert "the darzab-bot test suite article “Siege of Velmora (invented test article)”" in visible(about)
            assert about_html.count("<a ") == 1
            assert '<a href="https://creativecommons.org/publicdomain/zero/1.0/">CC0</a>' in about_html
            darzab_free(visible(about).replace("darzab-bot", "the bot"))  # the publisher is the test suite
            assert "wikipedia.org" not in about_html

            help_text = visible(help_)
            assert "“how many Coastal Front fighters were killed?”" in help_text
            darzab_free(help_text.replace("@darzab_test_bot", "@the_bot"))  # the emulator's bot account

            # the example help gives is one the bot answers, with sources that credit the pack's article
            emu.say(CHAT, "how many Coastal Front fighters were killed?")
            emu.say(CHAT, "/sources")
            answer, sources = (await emu.replies(CHAT, 5))[3:]
            assert "disputed" in visible(answer) and "[1]" in visible(answer)
            assert "All quoted from the darzab-bot test suite article “Siege of Velmora (invented test article)” " \
                   "(CC0)" in visible(sources)
            assert "wikipedia" not in html_of(sources).casefold()

            emu.say(CHAT, "/reset")
            emu.sticker(CHAT)
            reset, hint = (await emu.replies(CHAT, 7))[5:]
            assert "Ask me anything about the Siege of Velmora." in visible(reset)
            assert "Ask me a question about the Siege of Velmora" in visible(hint)
            darzab_free(visible(reset) + visible(hint))

    run(scenario())


def test_licence_links_only_for_licences_it_knows():
    assert licence_url("CC BY-SA 4.0") == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert licence_url("CC BY 3.0") == "https://creativecommons.org/licenses/by/3.0/"
    assert licence_url("CC0") == licence_url("CC0 1.0") == "https://creativecommons.org/publicdomain/zero/1.0/"
    assert licence_url("GFDL") == licence_url("") == ""


def test_a_publication_without_url_or_licence_is_named_plainly():
    subject = replace(Subject.of(small_kb()), url="", licence="", sides=("the Lone Side",), topics=())
    about = about_text(subject)
    assert "<a " not in about and "available under" not in about and "The quotes are excerpts" in about
    assert "fought between" not in greeting(subject, None)  # one side: no "between"

    class _Answer:
        question = "q"
        citations = (Citation(1, "the League Herald", "Lead", "a quote"),)

    footer = sources_html(subject, _Answer()).split("\n\n")[-1]
    assert footer == "All quoted from the darzab-bot test suite article “Siege of Velmora (invented test article)”, " \
                     "which reports these claims."
