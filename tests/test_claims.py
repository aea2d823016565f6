"""Claims questions are queries over the pack's claims: each operation, on the bundled pack and on Velmora."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.render import render_plain
from intents.context import Context
from intents.engine import Engine

VELMORA = Path(__file__).resolve().parent / "packs" / "velmora"


@pytest.fixture(scope="module")
def velmora():
    return Engine.load(VELMORA)


def text(answer) -> str:
    return render_plain(answer, with_sources=False, with_suggestions=False)


def ask_all(engine, *questions):
    context = Context()
    return [engine.answer(q, context) for q in questions]


def test_highest_names_the_figure_its_claimant_and_the_dispute(engine):
    [a] = ask_all(engine, "What's the highest estimate of IS-KP dead and whose is it?")
    assert a.answered and a.disputed
    assert "153" in text(a) and "Taliban" in text(a) and "disputed" in text(a)


def test_lowest(engine):
    [a] = ask_all(engine, "lowest figure for ISKP killed?")
    assert text(a).startswith("The lowest claim") and "40" in text(a) and "Nemat" in text(a) and a.disputed


def test_compare_two_claimants_gives_both_figures_and_the_difference(engine):
    [a] = ask_all(engine, "How do the Taliban's numbers for IS-KP dead compare with Nemat's?")
    assert "153" in text(a) and "40" in text(a) and "113 more" in text(a)
    assert "different periods" in text(a)  # late July against the whole campaign


def test_compare_two_sides_by_one_claimant(engine):
    [a] = ask_all(engine, "Who lost more according to the governor's office?")
    assert "70" in text(a) and "52" in text(a) and a.disputed


def test_is_one_figure_bigger_than_another_is_settled_by_the_numbers(engine):
    [a] = ask_all(engine, "Is the Taliban's IS-KP death figure bigger than the governor's office figure?")
    assert text(a).startswith("Yes.") and "153" in text(a) and "52" in text(a)


def test_period_of_a_quoted_figure(engine):
    [a] = ask_all(engine, "Over what period is the 153 figure?")
    assert "final operation" in text(a)


def test_reliability_follow_up_is_what_the_sources_say_never_a_bare_yes(engine):
    _, a = ask_all(engine, "how many isis-k fighters were killed?", "is that reliable?")
    assert not text(a).startswith(("Yes", "No")) and "questionable" in text(a) and "Long War Journal" in text(a)
    assert a.disputed


def test_agreement_is_derived_from_the_claims(engine):
    [a] = ask_all(engine, "do the sources agree on how many IS-KP fighters died?")
    assert text(a).startswith("No.") and "disputed" in text(a)


def test_a_claimant_without_that_figure_is_declined_with_what_the_others_give(engine):
    [a] = ask_all(engine, "How many IS-KP wounded did Nemat report?")
    assert not a.answered and "no figure" in text(a) and "33" in text(a)


def test_a_narrative_fact_stating_a_disputed_figure_says_it_is_disputed(engine):
    [a] = ask_all(engine, "tell me about the taliban's last operation")
    assert a.disputed and "disputed" in text(a) and "Nemat" in text(a)


def test_the_doer_of_a_count_verb_is_not_its_victim(engine):
    [taken] = ask_all(engine, "how many prisoners did the taliban take?")
    assert "134" in text(taken)
    [killed] = ask_all(engine, "how many did the taliban say they killed?")
    assert "IS-KP fighters killed" in text(killed).split("\n")[0] and "153" in text(killed)


def test_a_follow_up_ranks_the_figures_last_asked_about(engine):
    _, a = ask_all(engine, "how many isis-k fighters were killed?", "and the biggest one?")
    assert "153" in text(a) and "IS-KP fighters killed" in text(a)


def test_claims_on_another_pack(velmora):
    [high] = ask_all(velmora, "what is the highest claim of Front dead?")
    assert "900" in text(high) and "Herald" in text(high) and high.disputed
    [cmp] = ask_all(velmora, "how does the League Herald's count of Front dead compare with the Front Bulletin's?")
    assert "900" in text(cmp) and "150" in text(cmp)
    [trust] = ask_all(velmora, "can the Herald's figures be trusted?")
    assert not text(trust).startswith(("Yes", "No")) and "doubts" in text(trust)


def test_a_follow_up_keeps_the_claim_question_after_another_came_between(engine):
    *_, a = ask_all(engine, "how many people surrendered?", "how many taliban were killed?", "and isis-k?")
    assert a.intent == "casualties" and "IS-KP fighters killed" in text(a) and a.disputed
