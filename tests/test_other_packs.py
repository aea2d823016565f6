"""What the engine makes of any pack's data, shown on the invented Tarn and Velmora packs: what a
group's role says of it, a length in whole weeks, and a fate the pack gives only as a quote."""

import pytest

from bot.render import render_plain
from intents.context import Context
from intents.engine import Engine


@pytest.fixture(scope="module")
def tarn():
    return Engine.load("tests/packs/tarn")


@pytest.fixture(scope="module")
def velmora():
    return Engine.load("tests/packs/velmora")


def say(engine, question: str) -> str:
    answer = engine.answer(question, Context())
    assert answer.answered, question
    return render_plain(answer, with_sources=False, with_suggestions=False)


def test_a_group_without_description_is_told_by_its_role_and_what_it_took_part_in(velmora):
    text = say(velmora, "What was the Grey Company?")
    assert text.startswith("Grey Company is a unit of the Highland League.")
    assert "Fighting at Quill Bridge" in text  # its one event
    assert "named in the sources" not in text


def test_a_length_of_whole_weeks_is_also_given_in_weeks(velmora, engine):
    assert "49 days (7 weeks)" in say(velmora, "how long did the siege of Velmora last")
    assert "21 days (3 weeks)" in say(engine, "how long did the battle last")


def test_a_bare_fate_is_told_in_its_quote(tarn):
    text = say(tarn, "What became of Field Marshal von Reisch after the campaign?")
    assert text.startswith(
        "Field Marshal Ottokar von Reisch survived: \u201cReisch was recalled by the Elector in 1742"
    )


def test_a_groups_the_alias_names_it_before_a_word_for_people(velmora):
    text = say(velmora, "how many fronts fighters were kiled at velmora")
    assert "Coastal Front fighters killed is disputed" in text and "900" in text and "150" in text
    parsed = velmora.understanding.parse("how many front fighters were killed")
    assert ("group", "coastal-front") in {(e.type, e.value) for e in parsed.entities}
    parsed = velmora.understanding.parse("was there a front line near the town")  # no word for people after it
    assert "coastal-front" not in {e.value for e in parsed.entities}


def test_a_regular_form_the_word_list_lacks_is_the_form_the_pack_uses(velmora, engine):
    assert velmora.understanding.parse("the force besieging Velmora").tokens[2] == "besieged"
    assert "4,000" in say(velmora, "How big was the League force besieging Velmora?")
    assert engine.understanding.parse("why were they besieging darzab").tokens[3] == "besieged"


def test_an_event_whose_title_names_more_than_its_summary_is_told_with_its_title(tarn):
    text = say(tarn, "When did the Serravel regiment arrive?")
    assert text.startswith("mid-May 1741: The Serravel regiment reaches Oberbrunn. ")


def test_what_happened_at_a_place_says_what_each_of_its_events_was(velmora, engine):
    text = say(velmora, "what happened at Quill Bridge?")
    assert "Fighting at Quill Bridge. The Grey Company fights for the bridge." in text
    assert "killed Haji Murad" in say(engine, "what happened at mughal?")
    assert "Grey Company" not in say(velmora, "where is Quill Bridge?")  # only its events' titles


def test_who_did_what_a_persons_role_says_is_that_person(tarn):
    text = say(tarn, "who mediated the truce")
    assert text.startswith("Pieter Hoogh: Vessen envoy and mediator of the truce.")
    assert "Vessen" in text.split("\n\n")[1]  # then what the facts tell
    assert not say(tarn, "who signed the truce").startswith("Pieter Hoogh")  # his role says no signing


def test_is_x_a_y_is_yes_when_their_own_name_or_role_says_y(velmora, engine):
    assert say(velmora, "Is Ada Kestrel a general?").startswith("Yes. General Ada Kestrel")
    assert say(velmora, "was Tomas Brell a commander?").startswith("Yes. Tomas Brell")
    assert not say(velmora, "was Tomas Brell a general?").startswith("Yes")  # neither name nor role says it
    assert say(engine, "was haji murad a commander?").startswith("Yes. Haji Murad")


def test_who_won_at_one_spot_of_the_conflict_is_not_the_whole_conflicts_result(velmora, engine):
    answer = velmora.answer("who won the fighting at Quill Bridge?", Context())
    assert not answer.answered
    text = render_plain(answer, with_sources=False, with_suggestions=False)
    assert text.startswith("The sources do not say who won at Quill Bridge")
    assert "The Grey Company fights for the bridge." in text and "Overall: Highland League victory." in text
    assert say(velmora, "who won at velmora?").startswith("Highland League won")  # the conflict's own place
    assert say(engine, "who won in jowzjan?").startswith("The Taliban won")
    assert "overran IS-KP" in render_plain(engine.answer("who won at mughal", Context()), with_sources=False)


def test_a_spot_the_last_answer_named_does_not_narrow_who_won(engine):
    context = Context()
    engine.answer("what happened at mughal?", context)
    assert render_plain(engine.answer("did the taliban win?", context), with_sources=False).startswith("Yes")


@pytest.mark.parametrize("pack", [None, "tests/packs/tarn", "tests/packs/velmora"])
def test_which_villages_lists_every_village_the_pack_names(pack):
    engine = Engine.load(pack)
    villages = [p.name for p in engine.kb.pack.places.values() if p.kind == "village"]
    answer = engine.answer("which villages are named in the fighting?", Context())
    if not villages:
        assert not answer.answered
        return
    assert answer.intent == "places_of_kind" and all(v in answer.parts[0].text for v in villages)


@pytest.mark.parametrize("pack", [None, "tests/packs/tarn", "tests/packs/velmora"])
def test_which_side_won_is_the_outcome_not_a_choice_between_readings(pack):
    answer = Engine.load(pack).answer("which side won?", Context())
    assert answer.answered and answer.intent == "result"


def test_which_sides_account_to_believe_gets_what_the_sources_say_of_the_claims_no_verdict():
    answer = Engine.load().answer("which side's account would you believe?", Context())
    assert answer.intent == "sources" and not answer.parts[0].text.startswith(("Yes", "No"))
    assert "Long War Journal" in answer.parts[0].text


@pytest.mark.parametrize(("pack", "question", "reason"), [
    (None, "why did the taliban attack darzab?", "beheaded"),
    ("tests/packs/tarn", "why did brannick attack uldmark", "toll"),
])
def test_a_why_question_leads_with_the_fact_that_gives_the_reason(pack, question, reason):
    answer = Engine.load(pack).answer(question, Context())
    assert answer.answered and reason in answer.parts[0].text


def test_a_unit_named_with_its_own_side_is_the_group_asked_about(tarn):
    # "the League's Oberbrunn militia": the side only says whose militia it is
    said = say(tarn, "What is the Cantonal League's Oberbrunn militia?")
    assert said.startswith("Oberbrunn militia") and "Gruber" in said
