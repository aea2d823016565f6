"""Questions with several asks: what is two asks and what is one, and the joined reply."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.render import render_plain
from intents.asks import split_asks
from intents.context import Context
from intents.engine import Engine

VELMORA = Path(__file__).resolve().parent / "packs" / "velmora"


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("when did the battle start and when did it end?", ["when did the battle start", "when did it end?"]),
        ("what were the Taliban and IS-KP losses?", ["what were the Taliban and IS-KP losses?"]),
        ("Did the Taliban bring fighters from other provinces? From where?",
         ["Did the Taliban bring fighters from other provinces?", "From where?"]),
        ("what did the air force do, and why?", ["what did the air force do", "why?"]),
        ("give the dates of the capture, the execution and the surrender, in order",
         ["give the dates of the capture", "give the dates of the execution", "give the dates of the surrender"]),
        ("Put these in order with their dates: the first raid, the second raid, and the truce.",
         ["when was the first raid?", "when was the second raid?", "when was the truce?"]),
        ("Note this: the first raid, the second raid, and the truce.", None),  # a colon list asking no date
        ("what were the losses of the Taliban and IS-KP?", None),  # two sides listed: one ask
        ("Did the League take the bridge, and if not, how did it reach the town?",
         ["Did the League take the bridge", "how did it reach the town?"]),
        ("When and how was Qari Hekmat killed?", ["When was Qari Hekmat killed?", "how was Qari Hekmat killed?"]),
        ("Who was Ada Kestrel, and when and where did she fall?",
         ["Who was Ada Kestrel", "when did she fall?", "where did she fall?"]),
        ("When was Tomas Brell captured, where?", ["When was Tomas Brell captured", "where was Tomas Brell captured"]),
        ("what happened in 2016, 2017 and 2018?", None),  # a list of single words is one thing asked
        ("what did the spokesman, the Taliban and the expert say?", None),  # no "of": one comparison
        ("who led the League and who commanded the Front?", ["who led the League", "who commanded the Front?"]),
        # a noun phrase after a question says what it is about; a comment after it is not an ask of its own
        ("who says so? the 40 dead figure", None),
        ("did they lose only 17 men? that seems low", ["did they lose only 17 men?", "that seems low"]),
        # a preposition before the wh-word opens a question all the same
        ("What killed Qari Hekmat, and in which month and year?",
         ["What killed Qari Hekmat", "in which month and year?"]),
        ("who led the Red Unit, and from which province did it come?",
         ["who led the Red Unit", "from which province did it come?"]),
        ("what happened to the Taliban and in Darzab?", None),  # no wh-word after the preposition: one ask
    ],
)
def test_what_is_two_asks_and_what_is_one(question, parts):
    assert split_asks(question) == (parts or [question])


def text(answer) -> str:
    return render_plain(answer, with_sources=False, with_suggestions=False)


def test_each_part_is_answered_in_one_reply(engine):
    answer = engine.answer("when did the battle start and when did it end?", Context())
    assert answer.answered and "12 July" in text(answer) and "1 August" in text(answer)
    numbers = [c.n for c in answer.citations]
    assert numbers == list(range(1, len(numbers) + 1))  # one citation list, numbered once


def test_a_part_the_pack_cannot_answer_is_declined_on_its_own_line(engine):
    answer = engine.answer("how many IS-KP fighters surrendered, and how many of them were women?", Context())
    assert answer.answered and "245" in text(answer) and "no figure" in text(answer)


def test_an_unanswerable_part_is_one_line_naming_it(engine):
    answer = engine.answer("how many IS-KP fighters surrendered, and what was Darzab's population?", Context())
    lines = [p.text for p in answer.parts if "population" in p.text]
    assert answer.answered and "245" in text(answer)
    assert lines == [lines[0]] and lines[0].startswith('On "what was Darzab\'s population?"')
    assert "I can answer questions about" not in text(answer)  # the others were answered: no catalogue


def test_each_part_keeps_its_lead_line():
    velmora = Engine.load(VELMORA)
    answer = velmora.answer("who won the siege, and when did it end?", Context())
    leads = [p.text for p in answer.parts if p.kind == "lead"]
    assert len(leads) == 2 and "Highland League" in leads[0] and "19 April" in leads[1]


def test_dispute_flags_survive_the_join(engine):
    answer = engine.answer("who won, and how many IS-KP fighters were killed?", Context())
    assert answer.disputed and "disputed" in text(answer) and "Taliban" in text(answer)


def test_several_asks_on_another_pack():
    velmora = Engine.load(VELMORA)
    answer = velmora.answer("who won the siege, and when did it end?", Context())
    assert "Highland League" in text(answer) and "19 April" in text(answer)


def test_after_that_moves_along_the_timeline_from_the_last_answer(engine):
    context = Context()
    engine.answer("what happened on 15 July?", context)
    nxt = engine.answer("what happened after that?", context)
    assert nxt.intent == "sequence" and "18 July" in text(nxt)
    again = engine.answer("and what happened next?", context)
    assert "18 July" not in text(again).split(".")[0]  # it moves on from the last step
    before = engine.answer("what happened before that?", Context())
    assert not before.answered  # nothing was said yet to be before


def test_after_that_on_another_pack():
    velmora = Engine.load(VELMORA)
    context = Context()
    velmora.answer("what happened at Quill Bridge?", context)
    nxt = velmora.answer("what happened next?", context)
    assert "19 April" in text(nxt)


def test_two_sides_in_one_ask_get_both_sides_figures(engine):
    question = "what did the governor's spokesman say the Taliban and IS-KP had each lost by 18 July?"
    assert split_asks(question) == [question]  # one ask about two sides
    said = text(engine.answer(question, Context()))
    assert all(n in said for n in ("70", "100", "52", "33"))  # the Taliban counted, not read as the claimant


def test_a_list_request_is_asked_as_a_question(engine):
    answer = engine.answer("list the nationalities of the foreign fighters who stayed in Darzab", Context())
    assert answer.answered and "Uzbeks" in text(answer)
    assert not engine.answer("Name the two villages IS-KP was still holding on 30 July.", Context()).answered


def test_a_list_request_on_another_pack():
    tarn = Engine.load(Path(__file__).resolve().parent / "packs" / "tarn")
    answer = tarn.answer("list the assaults on the redoubt", Context())
    assert answer.answered and "24 May 1741" in text(answer)


def test_a_later_part_leans_on_what_the_first_part_answered(engine):
    question = "What did the Taliban overrun on 22 July, and what did they seize apart from ground?"
    answer = engine.answer(question, Context())
    assert "Mughal" in text(answer) and "materiel" in text(answer)


def test_a_later_part_inherits_the_person_named_in_the_first_on_another_pack():
    tarn = Engine.load(Path(__file__).resolve().parent / "packs" / "tarn")
    answer = tarn.answer("Who was Major Gruber, and what became of him?", Context())
    assert "Oberbrunn" in text(answer) and "captured" in text(answer)


def test_one_ask_about_two_people_gets_each_ones_fate():
    tarn = Engine.load(Path(__file__).resolve().parent / "packs" / "tarn")
    question = "what happened to Colonel Abendroth and Major Gruber?"
    assert split_asks(question) == [question]
    said = text(tarn.answer(question, Context()))
    assert "Abendroth was killed" in said and "Gruber was captured" in said


def test_when_no_part_can_be_answered_each_gets_a_line_and_the_topics_come_once():
    velmora = Engine.load(VELMORA)
    answer = velmora.answer("what was the town's population, and who was the mayor of Kabul?", Context())
    said = text(answer)
    assert not answer.answered and said.count('On "') == 2 and said.count("I can answer questions about") == 1


def test_named_before_other_words_describes_and_does_not_ask_for_a_name(engine):
    answer = engine.answer("Which named commanders gave themselves up on 1 August?", Context())
    assert answer.answered and "Sibghatullah" in text(answer)
    assert not engine.answer("Name the two villages IS-KP was still holding on 30 July.", Context()).answered
    tarn = Engine.load(Path(__file__).resolve().parent / "packs" / "tarn")
    assert not tarn.answer("what was the regiment's drummer called?", Context()).answered


def test_a_part_inherits_the_person_an_unanswerable_part_named():
    velmora = Engine.load(VELMORA)
    answer = velmora.answer("what was Tomas Brell's shoe size, and what happened to him?", Context())
    said = text(answer)
    assert answer.answered and said.startswith("On ") and "shoe size" in said.splitlines()[0]
    assert "Brell was captured" in said


def test_near_the_end_of_the_battle_says_when_it_does_not_ask_for_the_end_date(engine):
    answer = engine.answer("What did the Afghan Air Force do near the end of the campaign, and why?", Context())
    assert answer.answered and "bombed" in text(answer) and "lasted" not in text(answer)
    tarn = Engine.load(Path(__file__).resolve().parent / "packs" / "tarn")
    late = tarn.answer("what happened near the end of the campaign?", Context())
    assert late.answered and "Truce of Saint Aude" in text(late) and "invasion" not in text(late).casefold()


def test_how_a_side_answered_it_is_what_it_did_in_response_to_the_first_part(engine):
    question = "What set off the escalation in early July 2018, and how did the Taliban answer it?"
    answer = engine.answer(question, Context())
    assert "beheaded" in text(answer) and "12 July" in text(answer) and "don't know" not in text(answer)
    tarn = Engine.load(Path(__file__).resolve().parent / "packs" / "tarn")
    answer = tarn.answer("what happened on 3 April 1741, and how did Brannick answer that?", Context())
    assert "ultimatum" in text(answer) and "9 May 1741" in text(answer)


def test_the_two_sides_are_the_conflicts_sides_not_a_question_about_who_fought(engine):
    answer = engine.answer("what were the strengths of the two sides?", Context())
    assert answer.intent == "strength" and "2,000" in text(answer) and "700" in text(answer)
    tarn = Engine.load(Path(__file__).resolve().parent / "packs" / "tarn")
    answer = tarn.answer("what were the strengths of the two sides?", Context())
    assert answer.intent == "strength" and "14,000" in text(answer)
    assert engine.answer("who were the two sides?", Context()).intent == "belligerents"


def test_a_part_naming_nothing_asks_of_the_unanswered_part_before_it(engine):
    answer = engine.answer("What kind of aircraft - drone or jet - killed Qari Hekmat, and in which month and year?",
                           Context())
    said = text(answer)
    assert answer.answered and said.startswith("On ") and "April 2018" in said
    assert "12 July" not in said  # not the battle's dates


def test_a_part_naming_nothing_asks_of_the_part_before_it_on_another_pack():
    velmora = Engine.load(VELMORA)
    answer = velmora.answer("what colour was the horse that captured Tomas Brell, and in which month and year?",
                            Context())
    said = text(answer)
    assert answer.answered and "19 April 1987" in said and "Brell captured" in said
    assert "49 days" not in said  # not the siege's span


def test_things_listed_in_order_are_answered_earliest_first():
    engine = Engine.load(VELMORA)
    # three dated events of the pack, named by their titles, latest first
    events = sorted((e for e in engine.kb.timeline() if e.date.start), key=lambda e: e.date.start)[-3:][::-1]
    asked = f"Put these in order with their dates: {events[0].title}, {events[1].title}, and {events[2].title}."
    text = render_plain(engine.answer(asked, Context()), with_sources=False, with_suggestions=False)
    said = [text.find(e.date.text) for e in events[::-1]]
    assert -1 not in said and said == sorted(said), text


def test_a_time_clause_put_first_dates_the_question_after_it(engine):
    from intents.clauses import question_first

    assert question_first("When IS-KP was nearly beaten, who did its leaders reach out to?") == (
        "who did its leaders reach out to when IS-KP was nearly beaten?")
    # an exception put first names what is not asked: the question is what follows it
    assert question_first("Besides Jowzjan, into which provinces did the fighting spill over?") == (
        "into which provinces did the fighting spill over?")
    spilled = engine.answer("Besides Jowzjan, into which provinces did the fighting spill over?", Context())
    assert "Faryab" in text(spilled)
    for unchanged in ("when did it start, and who won?", "After that, what happened?", "After this, who won?",
                      "when was it?"):
        assert question_first(unchanged) == unchanged
    answer = engine.answer("When IS-KP was nearly beaten, who did its leaders reach out to?", Context())
    assert answer.answered and "Afghan government" in text(answer)


@pytest.mark.parametrize("pack", [None, Path(__file__).resolve().parent / "packs" / "tarn"])
def test_near_the_end_alone_is_the_conflicts_last_days(pack):
    understanding = Engine.load(pack).understanding
    for q, edge in (("what did they do near the end", "last"), ("what happened towards the start?", "first")):
        dates = [e for e in understanding.parse(q).entities if e.type == "date"]
        assert len(dates) == 1 and dates[0].label.startswith(f"the {edge} days of the "), q
    # "in the end" means finally; "near the end of July" is July's end
    assert not [e for e in understanding.parse("who won in the end?").entities if e.type == "date"]


def test_the_final_phase_is_the_conflicts_last_days(engine):
    dates = [e for e in engine.understanding.parse("What did they do during the final phase?").entities
             if e.type == "date"]
    assert len(dates) == 1 and dates[0].label.startswith("the last days of the ")


def test_a_statement_then_was_that_true_is_asked_as_is_it_true_that(engine):
    from intents.context import Context

    answer = engine.answer("The Taliban won the battle. Is that right?", Context())
    assert answer.lead.startswith("Yes")
    checked = engine.answer("Officials and the Taliban both claimed the Islamic State was wiped out in the north. "
                            "Was that correct?", Context())
    assert checked.answered and "kept a few districts" in checked.lead


def test_hearsay_then_a_question_about_that_claim_checks_the_claim(engine):
    from intents.context import Context

    answer = engine.answer("I heard that a civilian said hundreds of fighters died in one day. "
                           "What exactly was that claim?", Context())
    assert answer.answered and "17 July" in answer.lead


def test_a_part_that_takes_an_untold_yes_for_granted_is_declined_with_it(engine):
    # "and what did he do there?" asks within "did he move to Pakistan?": no "yes", nothing to tell
    answer = engine.answer("Did Habibul Rahman move to Pakistan afterwards, and what did he do there?", Context())
    said = text(answer)
    assert not answer.answered and said.count('On "') == 2 and "part before" in said
    # "and in which province?" has no verb of its own: it too asks within the untold part
    assert not engine.answer("Was Mufti Nemat ever tried in court, and in which province?", Context()).answered
    # a "yes" the sources give leaves the next part to be answered
    told = engine.answer("Did the Taliban capture Darzab, and when did they do it?", Context())
    assert told.answered and "July" in text(told)
