"""'What happened after <an event>?': the event named is the anchor, the answer what came next
on the timeline (or just before it), not the event itself; on any pack."""

from pathlib import Path

import pytest

from intents.context import Context
from intents.engine import Engine

TARN = Path(__file__).resolve().parent / "packs" / "tarn"


def lead(engine, question: str) -> str:
    return engine.answer(question, Context()).lead


def test_what_happened_after_an_event_is_what_came_next(engine):
    assert "executes Mullah Burjan" in lead(engine, "what happened to Burjan after he had been captured?")
    assert "flown to Sheberghan" in lead(engine, "What happened to the militants after they laid down their arms?")


def test_before_an_event_is_what_came_just_before(engine):
    assert lead(engine, "what happened just before the surrender?").startswith("Before, by 30 July 2018")


def test_after_that_still_leans_on_the_last_answer(engine):
    context = Context()
    engine.answer("when was Mullah Burjan captured?", context)
    assert "executes Mullah Burjan" in engine.answer("what happened after that?", context).lead


def test_a_question_of_what_someone_said_after_an_event_is_not_a_timeline_question(engine):
    answer = engine.answer("What did Mufti Nemat say he was thinking of doing after the surrender?", Context())
    assert answer.intent != "sequence" and "pro-government" in " ".join(p.text for p in answer.parts)


@pytest.fixture(scope="module")
def tarn():
    return Engine.load(TARN)


def test_anchors_work_on_another_pack(tarn):
    assert "First Brannick assault" in lead(tarn, "what happened after Krall was burned?")
    assert "toll road" in lead(tarn, "what happened before the ultimatum was rejected?")


def test_what_someone_said_they_would_do_after_an_event_is_their_plan(engine):
    answer = engine.answer("what did nemat say he would do after surrendering?", Context())
    assert answer.intent != "sequence"
    plan = engine.answer("what did Mufti Nemat say he might do after giving himself up?", Context())
    assert "pro-government" in plan.lead


def test_a_word_of_saying_inside_a_name_does_not_make_it_a_question_of_what_was_said(engine):
    # "the Islamic State": "state" names the group here, nobody states anything
    answer = engine.answer("What happened to the Islamic State commanders after they surrendered?", Context())
    assert answer.intent == "sequence" and "Sheberghan" in answer.lead
