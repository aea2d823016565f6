"""Answerability: a wh-question goes to the facts when one says what it asks for (its focus),
whatever other words it uses; it is declined when no fact says the thing asked for."""

import pytest

from intents.context import Context
from intents.engine import Engine
from intents.focus import focus, focus_phrase


def answered_lead(engine, question: str) -> str:
    """The lead of the answer to ``question``, which must be answered."""
    answer = engine.answer(question, Context())
    assert answer.answered, question
    return answer.lead


@pytest.fixture(scope="module")
def tarn():
    return Engine.load("tests/packs/tarn")


def asked(engine, question: str) -> str | None:
    parsed = engine.understanding.parse(question)
    at = focus(parsed, engine.understanding.english)
    return None if at is None else parsed.tokens[at]


def phrase(engine, question: str) -> list[str]:
    parsed = engine.understanding.parse(question)
    at = focus(parsed, engine.understanding.english)
    return [parsed.tokens[i] for i in sorted(focus_phrase(parsed, engine.understanding.english, at))]


def test_the_focus_is_the_thing_a_wh_question_asks_for(engine):
    assert asked(engine, "what kind of guns did the taliban use") == "guns"
    assert asked(engine, "how many vehicles were destroyed") == "vehicles"
    assert asked(engine, "How badly were ordinary civilians affected by the fighting?") == "civilians"
    assert asked(engine, "who commanded the red unit") == "commanded"
    assert asked(engine, "did the army really fly them out by helicopter") == "army"  # a yes/no question's first word
    assert asked(engine, "list the figures for the dead") == "figures"  # a request's first thing
    assert asked(engine, "tell me about the battle") is None  # only the conflict's name follows
    assert asked(engine, "who is mufti nemat") is None  # only a name follows


def test_the_focus_phrase_keeps_what_makes_it_one_thing(engine):
    assert phrase(engine, "who is the supreme leader of the taliban") == ["supreme", "leader"]
    assert phrase(engine, "what is the exchange rate of the afghani") == ["exchange", "rate"]


def text(answer) -> str:
    return " ".join(p.text for p in answer.parts)


def test_unfamiliar_verbs_around_a_known_focus_do_not_block_an_answer(ask):
    answer = ask("which taliban unit spearheaded the offensive")
    assert answer.answered and "Red Unit" in text(answer)
    villages = ask("which villages did IS-KP supposedly get kicked out of by mid july")
    assert villages.answered and "Qarighach" in text(villages)


def test_a_topic_answer_is_not_refused_for_a_verb_or_quality_its_fact_does_not_use(engine):
    # the topic's fact says what was criticised and what officials said next; "respond",
    # "come under" and "heavy" only say how the question is put
    responded = engine.answer("how did officials respond when they got criticised", Context())
    assert responded.answered and "justice" in text(responded)
    why = engine.answer("Why did the Afghan government come under such heavy criticism after the surrender?", Context())
    assert why.answered and "asylum" in text(why)


def test_a_verb_the_pack_never_uses_asks_about_what_follows_it(engine):
    assert asked(engine, "how did the taliban go about storming the darzab stronghold") == "stronghold"
    answer = engine.answer("how did the taliban go about storming the darzab stronghold", Context())
    assert answer.answered and "three sides" in text(answer)
    # in a yes/no question the verb is what is asked: no fact says anyone was convicted
    assert asked(engine, "was mufti nemat ever convicted over the rape accusations") == "convicted"
    assert not engine.answer("was mufti nemat ever convicted over the rape accusations?", Context()).answered


def test_one_everyday_noun_beside_what_a_fact_says_does_not_block_it(engine):
    answer = engine.answer("how were the IS-KP fighters treated by the authorities in sheberghan", Context())
    assert answer.answered and "guests" in text(answer)
    # a word no English list knows is most likely a name the pack lacks: another place
    assert not engine.answer("how many isis fighters were killed in nangarhar", Context()).answered
    assert not engine.answer("what sentences did the taliban military courts give the prisoners", Context()).answered


def test_what_a_how_many_question_counts_must_be_what_the_figure_counts(engine):
    # the fact counts offensives ("three"), not the dead the question asks about
    answer = engine.answer("How many Taliban died in their three earlier failed offensives on Darzab?", Context())
    assert not answer.answered


@pytest.mark.parametrize("question", [
    "How many of the Taliban's 2,000 fighters came from Helmand Province?",
    "how many of the taliban fighters who attacked darzab were from helmand province",
])
def test_a_part_of_a_whole_a_fact_counts_is_not_answered_by_the_whole(engine, question):
    # the fact counts all 2,000 brought "from various regions, Helmand included", not those from Helmand
    assert not engine.answer(question, Context()).answered


def test_how_much_of_a_place_asks_a_share_not_a_part_of_a_count(engine):
    answer = engine.answer("How much of Darzab was IS-KP left with by 30 July?", Context())
    assert answer.answered and "two villages" in answer.parts[0].text


@pytest.mark.parametrize("question", [
    "who is the supreme leader of the taliban",  # the quality makes it another person than any named
    "what is the exchange rate of the afghani",
    "when did the taliban capture kabul",  # a known verb, but its object is nowhere in the facts
    "what was the population of darzab district",
])
def test_a_focus_no_fact_says_is_declined(ask, question):
    assert not ask(question).answered


def test_answerability_on_another_pack(tarn):
    assert not tarn.answer("what is the population of the kessring pass", Context()).answered


def test_a_word_of_the_same_root_reads_as_the_packs_word(engine):
    parsed = engine.understanding.parse("what set off the escalation in july 2018")
    assert not parsed.unknown  # "escalation" is read as the pack's "escalated"
    # a word of a name is not a root's relative: "founded" is not the "Foundation" of a source
    assert "foundation" not in engine.understanding.parse("who founded the islamic state").tokens


def test_a_sides_own_body_is_that_side(ask):
    answer = ask("What did the Jowzjan governor's office say the Taliban lost?")
    assert answer.answered and "70" in text(answer)


def test_a_persons_rank_or_ties_are_asked_of_the_person(ask):
    answer = ask("what rank did haji murad hold in the islamic state")
    assert answer.answered and "deputy" in text(answer)


def test_a_compound_the_pack_writes_as_two_words_is_split(engine):
    parsed = engine.understanding.parse("what happened in the nighttime raid in darzab in april 2018")
    assert "night" in parsed.tokens and not parsed.unknown


def test_a_near_miss_says_what_is_missing_and_offers_the_closest_fact(ask):
    answer = ask("how many vehicles did the taliban destroy")
    assert not answer.answered
    assert text(answer).startswith('The sources give no figure for that ("vehicles")') and answer.citations
    plain = ask("what was the weather like")  # nothing close: the usual decline, no fact offered
    assert not plain.answered and not plain.citations


def test_a_when_question_is_not_answered_by_an_intent_that_gives_sides(ask):
    answer = ask("when was the battle of darzab fought")
    assert "12 July" in text(answer) and "1 August" in text(answer)


def test_a_one_word_question_is_answered_when_a_fact_says_its_word(ask):
    answer = ask("what was agreed")
    assert answer.answered and "surrender" in text(answer)


def test_one_matched_word_never_settles_a_yes_no_question(ask):
    ask("what was agreed")
    answer = ask("was it kept?")  # "kept slaves" says nothing of an agreement kept
    assert not text(answer).startswith(("Yes", "No"))


def test_the_sides_named_beside_the_conflict_only_say_which_conflict(engine):
    question = "on what date did the darzab campaign between the taliban and IS-KP come to an end?"
    answer = engine.answer(question, Context())
    assert "Battle of Darzab ended on 1 August 2018" in text(answer)
    # a side alone asks of that side: the end of its part, not the battle's end line
    side = engine.answer("when did the taliban offensive end", Context())
    assert "Battle of Darzab ended on" not in text(side)


def test_a_wh_question_may_follow_a_clause_put_first(engine):
    question = "Apart from Darzab itself, which Jowzjan district is named as a target of the Taliban counter-attacks?"
    assert asked(engine, question) == "district"
    answer = engine.answer(question, Context())
    assert answer.answered and "Qush Tepa" in text(answer)


def test_a_known_noun_beside_the_topic_does_not_block_its_answer(engine):
    # "win" is the pack's word for victory elsewhere; the aftermath fact says the surrender was a propaganda gift
    answer = engine.answer("why was the surrender seen as a propaganda win for the taliban", Context())
    assert answer.answered and "propaganda" in text(answer)


def test_a_date_question_is_answered_only_by_a_dated_fact(engine):
    # the sources say Hekmat went over to IS-KP, never when
    answer = engine.answer("in what year did qari hekmat defect from the taliban to IS", Context())
    assert not answer.answered and "when" in text(answer)


def test_the_event_a_date_question_names_says_most_of_it(engine):
    answer = engine.answer("in what year did IS-KP take darzab", Context())
    assert "Hekmat" not in text(answer).split("\n")[0]


def test_a_fact_answers_when_the_name_it_leaves_out_is_named_with_one_it_says(engine):
    # the interviews are told of the militants in custody; the fact beside them names Sheberghan
    answer = engine.answer("what did the IS-KP men tell the press at Sheberghan?", Context())
    assert answer.answered and "bragged" in text(answer)


def test_a_count_of_things_no_figure_counts_is_declined(engine):
    # the surrender's figures count people; none counts helicopters, though a fact mentions them
    answer = engine.answer("how many helicopters flew the surrendered fighters to sheberghan", Context())
    assert not answer.answered and "245" not in text(answer)
    # people are what the figures count, whatever the word
    kids = engine.answer("how many kids surrendered", Context())
    assert kids.answered and "100" in text(kids)


def test_a_count_of_things_on_another_pack(tarn):
    answer = tarn.answer("how many cannons did the league lose", Context())
    assert not answer.answered and '"cannons"' in text(answer)  # says what is missing, no "did you mean"


def test_a_date_question_about_a_person_gets_their_fate_only_when_it_asks_for_it(engine):
    fought = engine.answer("When did Mufti Nemat fight for the Afghan government before", Context())
    assert not fought.answered and "surrendered" not in text(fought)
    assert "1 August 2018" in text(engine.answer("when did mufti nemat surrender", Context()))
    assert "18 July 2018" in text(engine.answer("when was mullah burjan executed", Context()))


@pytest.mark.parametrize("question", [
    "which jamestown foundation expert came up with the 300 dead estimate",
    "Who was the Jamestown Foundation expert that estimated around 300 dead?",
    "what's the name of the governor's spokesman who gave the casualty numbers?",
])
def test_who_an_unnamed_source_is_is_declined_with_what_they_said(engine, question):
    answer = engine.answer(question, Context())
    assert not answer.answered and "do not name" in text(answer)
    assert answer.citations  # what that voice did say, cited


def test_what_an_unnamed_source_said_is_still_answered(engine):
    answer = engine.answer("what did the jamestown expert estimate", Context())
    assert answer.answered and "300" in text(answer) and "disputed" in text(answer)


@pytest.mark.parametrize("question", [
    "how many of those who surrendered were tajiks?",  # no figure singles out a nationality
    "how many of the taliban fighters came from helmand",  # the 2,000 are from several regions
])
def test_a_part_of_a_counted_whole_no_figure_singles_out_is_declined(engine, question):
    answer = engine.answer(question, Context())
    assert not answer.answered


def test_a_part_a_figure_does_single_out_is_answered(ask):
    assert "245" in text(ask("how many IS-KP fighters surrendered"))
    assert "100" in text(ask("how many of them were kids?"))  # the child soldiers among them
    assert "40" in text(ask("how many of his men did mufti nemat say died"))


def test_a_part_of_a_counted_whole_on_another_pack(tarn):
    assert not tarn.answer("how many of the league soldiers killed were officers?", Context()).answered
    assert tarn.answer("how many league soldiers were killed?", Context()).answered


def test_a_span_of_time_places_what_is_asked_but_a_rate_asks_another_thing(engine):
    question = "What weakened the Islamic State's northern network in the months before the battle?"
    answer = engine.answer(question, Context())
    assert answer.answered and "Hekmat" in text(answer)
    assert not engine.answer("how much were IS-KP fighters paid per month", Context()).answered


def test_a_why_question_asks_the_reason_for_its_verb(engine):
    # the facts say "leaders", not "leadership": the contact is what the reason is asked for
    answer = engine.answer("why did the IS-KP leadership contact the afghan government near the end?", Context())
    assert answer.answered and "protection" in text(answer)


def test_did_you_mean_only_between_two_close_readings(engine):
    question = "What was the name of the Taliban's elite outfit that took part in the fighting?"
    two = text(engine.answer(question, Context()))
    assert two.startswith("I'm not sure what you mean. Did you mean:") and " or " in two
    one = engine.answer("How was Mufti Nemat connected to the new IS-KP chief?", Context())
    assert not one.answered and "Did you mean" not in text(one)
    assert one.suggestions[0] == "Who is Mufti Nemat?"  # the one reading that came near is offered


def test_a_date_question_about_a_person_is_answered_by_their_event_not_anothers(engine):
    # "died" is in an event of 200 fighters dying, which does not name him
    answer = engine.answer("in which month and year did Qari Hekmat die?", Context())
    assert "April 2018" in text(answer) and "200" not in text(answer)


def test_a_question_whose_focus_is_only_a_verb_asks_what_happened(ask):
    # "made" is how it is put: the fact telling the beheadings says every name and most of the rest
    answer = ask("What was it that made things between the two groups boil over in early July 2018?")
    assert answer.answered and "behead" in text(answer)
    # ... but "who founded X?" and "was X convicted?" ask for the verb itself
    assert not ask("who founded the islamic movement of uzbekistan").answered
    assert not ask("was mufti nemat ever convicted in court").answered


def test_the_adverb_of_a_known_adjective_is_a_manner_not_a_name(engine):
    parsed = engine.understanding.parse("how did the taliban attack darzab tactically")
    assert "tactically" in parsed.tokens and parsed.tokens.index("tactically") not in parsed.unknown


def test_a_where_question_is_answered_with_a_fact_that_names_a_place(ask):
    answer = ask("Where were the surrendered militants taken after they gave up?")
    assert answer.answered and "Sheberghan" in text(answer)


def test_a_day_asked_of_what_the_sources_date_only_by_month_is_declined(ask):
    shakir = ask("On what date was Haji Shakir, the Taliban leader in Sancharak, killed?")
    assert not shakir.answered and "exact day" in text(shakir) and "Sancharak" in text(shakir)
    assert not ask("on what exact date did chinese camp fall to the taliban").answered
    burjan = ask("on what date was Mullah Burjan executed?")  # the sources give the day
    assert burjan.answered and "18 July" in text(burjan)
    displaced = ask("By what date had 3,500 to 7,000 people been displaced?")
    assert displaced.answered and "20 July" in text(displaced)


def test_the_very_end_of_the_battle_is_a_date_not_a_request_for_its_end(ask):
    answer = ask("What role did the Afghan Air Force play at the very end of the campaign?")
    assert answer.answered and answer.intent == "fact" and "bomb" in text(answer)
    span = ask("Over what span of dates did the fighting at Darzab take place, from the first day to the last?")
    assert "12 July" in text(span) and "1 August" in text(span)


def test_how_much_trust_asks_the_sources_reliability_not_a_figure(ask):
    answer = ask("How much trust should one put in the casualty numbers given by the Taliban, according to the LWJ?")
    assert answer.answered and answer.intent == "sources" and "questionable" in text(answer)


def test_killed_by_names_the_doer_not_who_is_counted(ask):
    killed = ask("how many IS-KP fighters were killed by the Taliban?")
    assert text(killed).startswith("The number of IS-KP fighters killed")
    assert text(ask("how many IS-KP fighters did the Taliban kill?")).startswith("The number of IS-KP fighters killed")
    assert text(ask("how many were killed by the taliban?")).startswith("The number of IS-KP fighters killed")
    # a doer that fights on no side: the sides' figures do not say what it inflicted
    air = ask("How many Taliban fighters were killed by the Afghan Air Force bombardment at the end of July?")
    assert not air.answered and "Afghan Air Force" in text(air)


def test_a_fact_telling_an_intention_does_not_say_the_act_happened(ask):
    join = ask("Did Mufti Nemat actually go on to join the pro-government forces after his surrender?")
    assert not join.answered and "intention" in text(join) and "thinking of joining" in text(join)
    # "promised to ..., but that did not happen" does settle it
    flown = ask("did the army evacuate the isis fighters from darzab by helicopter")
    assert "intention" not in text(flown) and "walk" in text(flown)


def test_a_fact_that_says_what_an_intent_leaves_out_answers(ask):
    # the surrender intent explains the names and "surrender", not the label asked for, which a fact says
    answer = ask("What label did the US and the Afghan government first put on the surrender?")
    assert answer.answered and answer.intent == "fact" and "successful operation" in text(answer)


def test_the_place_the_conflict_is_named_after_with_a_word_for_a_conflict_is_the_conflict(engine):
    parsed = engine.understanding.parse("what wider war was the darzab fight part of")
    assert [e.type for e in parsed.entities] == ["conflict"]
    answer = engine.answer("What larger wars is the Darzab fight usually considered a part of?", Context())
    assert answer.answered and "War in Afghanistan" in text(answer)


def test_a_why_question_is_not_refused_for_one_everyday_noun_of_what_it_explains(ask):
    answer = ask("Why does the mere existence of IS-KP pose a problem for the Taliban?")
    assert answer.answered and "legitimate" in text(answer)
    assert not ask("why did IS-KP attack kunduz").answered  # a name the pack lacks still blocks


def test_an_exact_day_the_sources_do_not_give_is_declined_with_the_rough_date(engine):
    from intents.context import Context
    from intents.focus import asked_kind

    assert asked_kind("on exactly what date did it fall".split()) == "date"
    assert asked_kind("on what exact date did it fall".split()) == "date"
    assert asked_kind("when was it fought".split()) == "date"
    for q in ("On exactly what date did Chinese Camp fall to the Taliban?",
              "On what exact date did Chinese Camp fall to the Taliban?"):
        answer = engine.answer(q, Context())
        said = " ".join(p.text for p in answer.parts)
        assert not answer.answered and "exact day, only around the time of the Ghazni offensive" in said, q
    assert engine.answer("When did Chinese Camp fall?", Context()).answered  # the rough date answers "when"


def test_which_person_a_fact_does_not_name_is_declined_with_the_fact(engine):
    from intents.context import Context

    answer = engine.answer("Which NATO general announced the April 2018 raid in Darzab?", Context())
    said = " ".join(p.text for p in answer.parts)
    assert not answer.answered and said.startswith("The sources do not name the general.") and "15 April" in said
    # a group is asked, and the fact names it; "what did the expert say?" chooses no one
    assert engine.answer("which NATO mission announced the april 2018 raid in darzab?", Context()).answered
    assert engine.answer("What did the Jamestown Foundation expert say?", Context()).answered


def test_a_count_asked_of_a_persons_record_is_no_figure_with_their_fate(engine):
    from intents.context import Context

    for q in ("How many people died in the US airstrike that killed Hekmat?",
              "how many IS-KP fighters died in the april 2018 airstrike that killed hekmat"):
        answer = engine.answer(q, Context())
        said = " ".join(p.text for p in answer.parts)
        assert not answer.answered and said.startswith("The sources give no figure for that.") and "April 2018" in said
    assert engine.answer("what happened to Hekmat?", Context()).answered


def test_a_thing_counted_is_not_answered_by_a_number_of_people(engine):
    from intents.context import Context

    answer = engine.answer("How many weapons did the Taliban seize from IS-KP?", Context())
    said = " ".join(p.text for p in answer.parts)
    assert not answer.answered and said.startswith("The sources give no figure for that. The closest they come:")
    assert "war materiel" in said
    # places are no people: "two villages" answers how much territory
    assert "two villages" in " ".join(p.text for p in engine.answer(
        "how much territory did IS-KP still hold by 30 july", Context()).parts)


def test_an_attempt_is_not_what_is_asked_about(engine):
    from intents.context import Context

    answer = engine.answer("According to the Long War Journal, what did the US attempts to claim this success reveal?",
                           Context())
    assert answer.answered and "desperate" in answer.parts[0].text


def test_an_act_the_pack_never_tells_is_not_confirmed_by_what_it_says_of_the_people(engine):
    from intents.context import Context

    answer = engine.answer("Were Mufti Nemat and his men eventually convicted in an Afghan court?", Context())
    said = " ".join(p.text for p in answer.parts)
    assert not answer.answered and said.startswith('The sources don\'t say that ("convicted"). The closest they come:')
    assert engine.answer("Did 2000 IS-KP fighters defend Darzab?", Context()).answered  # a figure checked


def test_another_conflict_named_after_a_place_is_not_dated_by_the_battle(engine):
    from intents.context import Context

    answer = engine.answer("When did the Ghazni offensive start?", Context())
    said = " ".join(p.text for p in answer.parts)
    assert not answer.answered and said.startswith("The sources do not date the Ghazni offensive")
    own = engine.answer("when did the taliban offensive start?", Context())
    assert "12 July" in " ".join(p.text for p in own.parts)


def test_a_fact_saying_what_is_asked_beats_an_unsure_intent_saying_as_much(engine):
    from intents.context import Context

    answer = engine.answer("What did Mufti Nemat say he was thinking of doing next with his followers?", Context())
    assert answer.answered and "pro-government forces" in answer.parts[0].text


def test_who_was_a_named_voice_asks_who_they_are_not_their_figures(ask):
    """"who is the <side's> spokesman that talked about the captured fighters?" names a voice
    by its role: the answer is who that is, not the count of captured fighters."""
    answer = ask("Who is the Taliban spokesman that talked about the captured fighters?")
    assert answer.answered and "Zabiullah Mujahid" in answer.lead


def test_a_fact_nearly_as_close_that_names_what_is_asked_about_goes_first(ask):
    """"described" is a keyword of a fact about how the surrender was described; a fact about
    the province the question names, nearly as close, says more of what is asked."""
    answer = ask("How was Jowzjan described before the Taliban insurgency?")
    assert "hub" in answer.lead
    # but never a fact leaving out the thing asked for, which the first one says
    countries = ask("Which countries did the foreign fighters in the Taliban's video come from?")
    assert not countries.lead.startswith("A Taliban video")


def test_a_premise_granted_around_the_question_is_not_what_is_asked(ask):
    """"although both were against Kabul" grants a premise: the question is why IS-KP was a threat,
    and the premise's words (a side, its allies) neither decline it nor route it elsewhere."""
    closing = ask("why was IS-KP such a threat to the Taliban, although both were against the Kabul "
                  "government and its western allies?")
    assert closing.answered and "legitimate" in closing.lead
    put_first = ask("Both movements were against the government in Kabul, so why would the Taliban regard "
                    "IS-KP as a threat?")
    assert put_first.answered and "legitimate" in put_first.lead
    # "when they both ...", "if both ...": a condition holding of both is granted too
    when_both = ask("why did the Taliban see IS-KP as a threat when they both fought Kabul and its Western backers?")
    assert when_both.answered and "legitimate" in when_both.lead
    assert ask("why do the two groups hate each other?").answered  # "hate each other": are enemies


def test_given_after_be_is_a_verb_not_a_premise(engine):
    parsed = engine.understanding.parse("how many fighters were given protection by the government?")
    assert not parsed.aside and "protection" in {parsed.tokens[i] for i in parsed.content}
    # "was X given ...?": the question's own verb, however far from "was" ("given that ..." stays a premise)
    passive = engine.understanding.parse("was Haji Murad given a burial by IS-KP?")
    assert not passive.aside and "burial" in {passive.tokens[i] for i in passive.content}
    assert not engine.answer("was Haji Murad given a burial by IS-KP?", Context()).answered


def test_a_yes_no_question_of_a_person_no_item_settles_is_declined(ask):
    """"was X ever put on trial?": the topic's facts about the surrender say nothing of X being tried."""
    answer = ask("was Mufti Nemat ever tried in court for the rapes?")
    assert not answer.answered and "do not say that about Mufti Nemat" in answer.lead


def test_a_count_of_an_act_no_number_is_told_with_is_declined(ask):
    """"how many fighters vanished?": the surrender's 245 is told in another sentence than the
    vanishing, which no number counts; the fact is the closest the sources come, not the answer."""
    answer = ask("how many IS-KP fighters vanished on the way?")
    assert not answer.answered and "vanished" in " ".join(p.text for p in answer.parts)


def test_a_measure_word_before_the_people_it_qualifies_is_not_what_is_counted(ask):
    """"captured" says which Taliban; the act counted is the beheading, which a fact counts."""
    answer = ask("how many captured taliban did the islamic state behead in july 2018?")
    assert answer.answered and "ten" in answer.lead


def test_a_count_of_an_act_no_casualty_figure_counts_is_told_by_the_fact_that_counts_it(ask):
    ask("what happened on 1 August 2018?")
    answer = ask("how many surrendered?")
    assert "245" in answer.lead and "17 to 70" not in answer.lead


def test_which_thing_someone_did_of_what_they_only_meant_to_do_is_declined(ask):
    """"which group did Nemat join?" asks of a joining the sources tell only as an intention."""
    answer = ask("Which pro-government group did Nemat join after the surrender?")
    assert not answer.answered and "intention" in answer.lead
    said = ask("What did Mufti Nemat say about joining the government side?")
    assert said.answered and "thinking of joining" in said.lead


def test_a_word_of_quantity_is_no_sign_of_another_subject(ask):
    answer = ask("by when had thousands of people in Darzab been displaced?")
    assert answer.answered and "20 July" in " ".join(p.text for p in answer.parts)


def test_which_role_is_declined_when_the_answer_names_no_one_new(ask):
    """"which officer ...?" asks for someone: an answer naming only the people the question names is
    the closest the sources come, not the answer."""
    answer = ask("Which Afghan army general accepted the surrender of Mawlavi Habibul Rahman and Mufti Nemat?")
    assert not answer.answered and "do not name the general" in answer.lead
    named = ask("which commander took over from Qari Hekmat?")
    assert named.answered and "Habibul Rahman" in " ".join(p.text for p in named.parts)


def test_which_role_of_a_side_is_declined_when_the_answer_names_only_the_other_side(ask):
    """"which Afghan army officer ...?": the IS-KP leaders an answer names are no Afghan army officers."""
    answer = ask("which ANA commander was in charge when IS-KP surrendered on 1 August 2018?")
    assert not answer.answered and "do not name the commander" in answer.lead
    own = ask("which IS-KP commander did the Taliban kill at Mughal?")
    assert own.answered and "Haji Murad" in " ".join(p.text for p in own.parts)
    minister = ask("which Afghan minister agreed the surrender deal with Mufti Nemat?")
    assert not minister.answered and "do not name the minister" in minister.lead  # "Afghan": the Afghan sides
    us = ask("who was the commander of US forces in Afghanistan in 2018?")
    assert not us.answered and "Habibul Rahman" not in us.lead  # "did not fight" or "do not name": no IS-KP man
    assert "Habibul Rahman" in ask("who was the commander of IS-KP?").lead


def test_what_kind_of_a_thing_no_item_tells_is_declined(ask):
    """The pack points "weapons" at a fact of "war materiel" seized, which names no kind of weapon."""
    answer = ask("what sort of weapons did IS-KP lose to the Taliban?")
    assert not answer.answered and "materiel" in " ".join(p.text for p in answer.parts)
    victory = ask("what kind of victory did the Taliban win?")
    assert victory.answered and "major" in victory.lead


def test_an_adverb_before_the_verb_is_not_what_a_how_question_asks(ask):
    """"how did they first describe it?": the describing is asked, "first" only says when."""
    answer = ask("how did the Americans and the Afghan government first describe the IS-KP surrender?")
    assert answer.answered and "successful operation" in answer.lead


def test_how_a_result_is_described_is_asked_of_the_result(ask):
    """"decisive", "narrow", "sum up": words for how a result went, answered by the result itself,
    never with a yes the sources do not give."""
    answer = ask("was it a clear-cut, convincing win?")
    assert answer.answered and "major" in answer.lead and not answer.lead.startswith("Yes")
    assert "major" in ask("how would you sum up the outcome in a nutshell?").lead


def test_where_a_person_came_from_is_not_where_they_fought(ask):
    """No item says where Haji Murad came from; his death at Mughal is where he fell, not his origin."""
    answer = ask("where was Haji Murad from?")
    assert not answer.answered and "came from" in answer.lead and "Mughal" not in answer.lead
    for question in ("in which district was Mufti Nemat born?", "where did Mullah Burjan grow up?"):
        born = ask(question)  # birth and upbringing: where someone came from, which no item tells
        assert not born.answered and "came from" in born.lead, question


def test_which_body_is_declined_when_the_answer_names_none_the_question_did_not(ask):
    """The sources say Nemat once fought for the government, never with which force."""
    answer = ask("When had Nemat fought for the Afghan government earlier, and with which force?")
    assert not answer.answered and "do not name the force" in " ".join(p.text for p in answer.parts)
    red = ask("which unit did the Taliban send against Darzab?")
    assert red.answered and "Red Unit" in " ".join(p.text for p in red.parts)


def test_a_date_question_naming_a_village_is_dated_by_the_event_there(ask):
    """"take" is said by many items; the villages named set the event apart (22 July), not a report
    that "took credit"."""
    answer = ask("On which date did the Taliban capture Mughal and Sardara?")
    assert answer.answered and answer.lead.startswith("22 July 2018")


def test_a_decline_after_the_fact_cites_only_what_it_still_shows(ask):
    answer = ask("Which Afghan army general accepted the surrender of Mawlavi Habibul Rahman and Mufti Nemat?")
    shown = {n for part in answer.parts for n in part.cites}
    assert not answer.answered and shown and {c.n for c in answer.citations} == shown


def test_where_someone_is_now_is_past_what_the_sources_tell(ask):
    answer = ask("where is Mawlavi Habibul Rahman these days?")
    assert not answer.answered and "surrendered" in " ".join(p.text for p in answer.parts)


def test_a_verb_that_only_leads_to_another_is_not_what_is_asked(engine, ask):
    # "try to", "choose to": the verb after "to" is what is asked; "want to do" still asks the wanting
    assert asked(engine, "how did the officials try to describe the withdrawal") == "describe"
    assert asked(engine, "how did the government decide to respond") == "respond"
    assert asked(engine, "what did he want to do next") == "want"
    answer = ask("how did the US and Afghan officials try to present the IS-KP surrender?")
    assert answer.answered and "successful operation" in answer.lead


def test_a_rarer_word_is_read_by_the_everyday_word_it_is_built_on(engine, ask):
    # "resentful", "boastful": the English list lacks them; "resent", "boast" are known and meet the facts
    assert "resentment" in engine.understanding.parse("why were the guards resentful?").tokens
    assert "infidels" in ask("why were the guards resentful?").lead
    assert "bragged" in ask("how boastful were the captured militants?").lead


def test_a_why_question_is_not_answered_by_an_intent_of_its_subject_alone(ask):
    # the civilians intent explains "civilians", the subject; the anger asked about is the facts'
    answer = ask("why were the civilians and soldiers of Sheberghan so angry about the IS prisoners?")
    assert answer.answered and answer.intent == "fact"
    assert any("infidels" in part.text for part in answer.parts)


def test_a_persons_ethnicity_is_told_only_by_a_word_for_one(ask):
    """"ethnic background", "nationality": answered by "Uzbek" in what the sources say of the man,
    declined when they give him none (the foreign fighters' countries are not his)."""
    hekmat = ask("what was Qari Hekmat's ethnic background?")
    assert hekmat.answered and "Uzbek" in hekmat.lead
    nemat = ask("which nationality did Mufti Nemat have?")
    assert not nemat.answered and "do not give the nationality" in nemat.lead
    burjan = ask("what nationality was Mullah Burjan?")
    assert not burjan.answered


def test_the_fact_route_leads_with_a_close_match_that_says_what_is_asked(ask):
    """"which villages ...?": of matches nearly as close, the one naming villages leads, not the one
    that says "mid-July" and "Taliban" best."""
    answer = ask("which villages were IS-KP said to have been thrown out of by mid-July?")
    assert answer.answered and "Kumarlik" in answer.lead


def test_how_many_of_a_figure_were_of_a_kind_is_not_answered_by_the_figure_again(ask):
    """"how many of the 134 were foreigners?": giving back 134 counts the whole; a part the sources
    do count ("about 100" children of those who surrendered) answers."""
    answer = ask("of the 134 IS-KP men captured, how many were foreigners?")
    assert not answer.answered and "do not break the 134 down" in answer.lead
    assert not ask("how many of the 22 killed in the April raid were commanders?").answered
    children = ask("how many of the 245 who gave up were children?")
    assert children.answered and "100" in children.lead


def test_a_civilian_toll_asked_of_a_killer_needs_a_figure_naming_them(ask):
    """No figure says the Taliban killed civilians; the executions the locals laid at IS-KP's door do
    name IS-KP."""
    taliban = ask("how many civilians did the Taliban kill?")
    assert not taliban.answered and "by the Taliban" in taliban.lead
    iskp = ask("how many civilians did IS-KP kill?")
    assert iskp.answered and "over 100" in iskp.lead


def test_a_battleground_is_a_place_of_fighting(ask):
    """"battlefields", "flashpoints": the places where the sides keep clashing."""
    for question in ("where were the main battlefields between IS-KP and the Taliban in the north?",
                     "which provinces are flashpoints between the Taliban and IS-KP?"):
        answer = ask(question)
        assert answer.answered and "Sar-e Pol" in answer.lead, question


def test_a_person_noun_qualifying_another_noun_is_not_the_person_asked(ask):
    """"which jihadist movement ...?" asks for a movement: "jihadist" only qualifies it."""
    answer = ask("which jihadist movement's members fought on the IS-KP side?")
    assert answer.answered and "Islamic Movement of Uzbekistan" in " ".join(p.text for p in answer.parts)


def test_a_number_written_in_thousands_is_a_count_not_a_year(ask):
    """"2,000 fighters": a four-digit number near the pack's years, but written in thousands."""
    answer = ask("According to Mawlavi Habibul Rahman, how many fighters did the Taliban bring to Jowzjan for their "
                 "offensive?")
    assert answer.answered and "2,000" in answer.lead


def test_words_of_worry_meet_a_fact_telling_a_threat(ask):
    """"alarmed", "fear", "worry": what threatened them, the fact that says "threatens"."""
    for question in ("why was the Taliban so alarmed by IS-KP?",
                     "what did the Taliban fear about the Islamic State being there?"):
        answer = ask(question)
        assert answer.answered and "legitimate" in answer.lead, question


def test_a_rough_date_after_a_day_is_no_exact_day(ask):
    """"after the surrender of 1 August": the day named is what it came after, not its own date."""
    answer = ask("on which exact day did the Taliban put out the video of the foreign IS-KP prisoners?")
    assert not answer.answered and "do not give the exact day" in answer.lead


@pytest.mark.parametrize("question", [
    "When were the districts IS-KP kept in Jowzjan, Sar-e Pol and Faryab finally taken?",
    "When did IS-KP get pushed out of its remaining districts in Faryab and Sar-e Pol?",
])
def test_when_is_not_answered_by_a_dated_match_that_tells_another_act(engine, question):
    # the districts IS-KP kept are told undated; the fighting that spread there is dated, but is not their loss
    answer = engine.answer(question, Context())
    assert not answer.answered and "do not say when" in answer.parts[0].text
    assert "kept a few districts" in answer.parts[1].text


def test_when_is_answered_by_a_dated_match_saying_the_act(engine):
    answer = engine.answer("When did the Taliban overrun Mughal village?", Context())
    assert answer.answered and "22 July" in answer.parts[0].text


@pytest.mark.parametrize("question", [
    "How many IS-KP fighters disappeared during the march to government territory?",
    "How many IS fighters vanished on the retreat to government-held territory?",
])
def test_a_count_of_an_act_the_sources_tell_without_a_figure_is_declined(engine, question):
    # fighters vanished on the way, uncounted: the surrender's figures count those who arrived
    answer = engine.answer(question, Context())
    assert not answer.answered and "245" not in answer.parts[0].text


def test_a_figure_naming_who_is_asked_about_does_not_excuse_an_untold_act(engine):
    # "the 245 who surrendered" only says who; nothing says they were pardoned
    answer = engine.answer("Were the 245 fighters who surrendered later pardoned?", Context())
    assert not answer.answered and "pardoned" in answer.parts[0].text


def test_who_succeeded_someone_no_one_succeeded_is_declined(engine):
    # the fact says Habibul Rahman succeeded Hekmat: it names his predecessor, not his successor
    answer = engine.answer("Who succeeded Mawlavi Habibul Rahman as IS-KP leader in Jowzjan?", Context())
    assert not answer.answered and "successor of Mawlavi Habibul Rahman" in answer.lead
    assert "Habibul Rahman" in engine.answer("who succeeded qari hekmat?", Context()).lead


def test_where_or_when_of_an_act_the_sources_never_tell_is_declined(engine):
    # "buried": nothing tells a burial; the killing in the clause after it is only when
    answer = engine.answer("Where was Haji Murad buried after the Taliban killed him?", Context())
    assert not answer.answered and "buried" in answer.lead
    told = engine.answer("Where were the surrendered fighters flown after they gave up?", Context())
    assert told.answered and "Sheberghan" in told.lead


@pytest.mark.parametrize("question", [
    "How were the ISIS-K men treated in Sheberghan?",
    "How were IS-KP members treated in Sheberghan?",
])
def test_a_word_for_a_groups_own_people_does_not_block_what_the_facts_say_of_them(engine, question):
    # the facts call them militants and fighters; "the IS-KP men" are the same people
    assert "guests" in answered_lead(engine, question)


@pytest.mark.parametrize("question, role", [
    ("What rank did Sibghatullah hold within the Islamic State in Darzab?", "an IS-KP commander"),
    ("what job did Mullah Burjan have with the Taliban in Jowzjan province", "a Taliban commander"),
])
def test_a_role_asked_of_one_person_is_told_by_their_roles(engine, question, role):
    # the group and place around the role only say where it was held
    assert role in answered_lead(engine, question)


def test_when_after_the_battle_needs_an_event_after_it_telling_that_act(engine):
    # nothing dated after 1 August says the last villages were retaken; the video was released after it
    answer = engine.answer("When did the Taliban finally retake the last IS-KP villages after the battle?", Context())
    assert not answer.answered
    told = engine.answer("When did the Taliban release the video after the battle?", Context())
    assert told.answered and "after the surrender of 1 August 2018" in told.lead


def test_which_thing_is_named_asks_which_is_mentioned_not_a_name(engine):
    answer = engine.answer("Hekmat's recruits came from abroad - which countries are named?", Context())
    assert answer.answered and "Chechens" in answer.lead
    assert not engine.answer("what was the spokesman named?", Context()).answered  # his name: never given


@pytest.mark.parametrize("question", [
    "Which Taliban spokesman talked about the IS-KP fighters they captured?",
    "which taliban spokesman spoke on the captured IS fighters",
])
def test_which_voice_asks_who_it_is_not_its_figures(engine, question):
    # "which Taliban spokesman ...?" asks for the man; the Taliban's count of the captured is no answer
    assert "Zabiullah Mujahid" in answered_lead(engine, question)


@pytest.mark.parametrize("question", [
    "Which US military unit backed the Afghan special forces in the April 2018 raid?",
    "which US force supported the night raid in Darzab in April 2018",
])
def test_which_unit_of_a_side_needs_a_body_of_that_side_named(engine, question):
    # the fact names NATO's mission, which announced the raid, and "US special operations forces", no unit
    answer = engine.answer(question, Context())
    assert not answer.answered and "do not name the" in answer.lead
    kept = engine.answer("Which Uzbek militant group fought on the IS-KP side?", Context())
    assert kept.answered and "Islamic Movement of Uzbekistan" in " ".join(p.text for p in kept.parts)


def test_a_part_of_a_whole_the_lead_never_mentions_is_declined(engine):
    # the lead counts the civilians executed; it says nothing of foreigners among them
    answer = engine.answer("how many of the civilians executed by IS-KP were foreigners", Context())
    assert not answer.answered and "how many of them were foreigners" in answer.lead
    told = engine.answer("How many of the fighters who surrendered were foreigners?", Context())
    assert told.answered and "25 to 30" in told.lead  # "Foreign mujahideen among those who surrendered"


def test_a_word_before_the_counted_noun_only_qualifies_it(engine):
    # "how many failed offensives": offensives are counted; the lead says it launched three of them
    answer = engine.answer("how many failed offensives did the taliban launch on darzab before 2018", Context())
    assert answer.answered and "three" in answer.lead


def test_who_led_after_someone_asks_his_successor(engine):
    # nothing names a successor of Nemat; Habibul Rahman followed Hekmat
    answer = engine.answer("Who commanded IS-KP's fighters after Mufti Nemat surrendered?", Context())
    assert not answer.answered and "successor of Mufti Nemat" in answer.lead
    assert "Habibul Rahman" in engine.answer("who led IS-KP after Qari Hekmat was killed?", Context()).lead
