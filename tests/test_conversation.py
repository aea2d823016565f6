"""Per-session context: follow-ups stay in their session, memory stays bounded."""

from pathlib import Path

from bot.conversation import Conversations
from intents.context import Context
from intents.engine import Engine


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_sessions_do_not_share_context(engine):
    convs = Conversations(engine)
    convs.ask("a", "how many taliban were killed")
    convs.ask("b", "who commanded the taliban")
    assert convs.ask("a", "and IS-KP?").intent == "casualties"
    assert convs.ask("b", "and IS-KP?").intent == "commanders"


def test_least_recently_used_sessions_are_dropped(engine):
    convs = Conversations(engine, max_sessions=3)
    for chat in range(10):
        convs.ask(chat, "who won")
    assert len(convs) == 3
    assert convs.last_answer(0) is None and convs.last_answer(9) is not None


def test_idle_session_starts_afresh(engine):
    clock = Clock()
    convs = Conversations(engine, ttl=60, clock=clock)
    convs.ask("a", "how many taliban were killed")
    clock.now = 61
    assert convs.ask("a", "and IS-KP?").intent != "casualties"  # no context left to lean on


def test_reset_forgets(engine):
    convs = Conversations(engine)
    convs.ask("a", "how many taliban were killed")
    convs.reset("a")
    assert convs.last_answer("a") is None


# -- references to the last answer's facts ----------------------------------------------------------
TARN = Path(__file__).resolve().parent / "packs" / "tarn"


def lead(answer) -> str:
    return answer.parts[0].text if answer.parts else ""


def test_a_reaction_to_that_is_what_the_sources_tell_next(engine):
    convs = Conversations(engine)
    convs.ask("a", "what did the IS-KP fighters boast about in press interviews?")
    answer = convs.ask("a", "how did people react to that?")
    assert answer.answered and "resentment" in lead(answer)


def test_there_and_the_soldiers_are_read_around_the_last_answer(engine):
    convs = Conversations(engine)
    convs.ask("a", "what was Chinese Camp?")
    convs.ask("a", "when did it fall?")
    answer = convs.ask("a", "why were the soldiers there angry?")
    assert answer.answered and "helicopters" in " ".join(p.text for p in answer.parts)


def test_a_reference_that_finds_nothing_around_the_last_answer_is_still_declined(engine):
    convs = Conversations(engine)
    convs.ask("a", "what was Chinese Camp?")
    assert not convs.ask("a", "what was the population there?").answered


def test_what_effect_that_had_is_not_the_last_answer_again_on_another_pack():
    convs = Conversations(Engine.load(TARN))
    first = convs.ask("a", "who revealed the route around the summit?")
    answer = convs.ask("a", "what effect did that have?")
    assert answer.answered and lead(answer) != lead(first) and "shepherds" not in lead(answer)


def test_where_people_came_from_after_a_figure_is_read_around_its_claimant(engine):
    convs = Conversations(engine)
    convs.ask("a", "how many fighters did the Taliban amass?")
    answer = convs.ask("a", "where did they come from?")
    assert answer.answered and "Helmand" in lead(answer)
    convs.ask("b", "how many fighters did the Taliban amass?")
    assert convs.ask("b", "where does that come from?").intent == "sources"  # the figure's origin: its source


def test_days_after_that_count_from_the_day_the_last_answer_was_about(engine):
    convs = Conversations(engine)
    first = convs.ask("a", "when was Mullah Burjan captured?")
    assert "15 July" in lead(first)  # the capture, not his later execution
    answer = convs.ask("a", "and what happened three days after that?")
    assert "18 July" in lead(answer) and "execut" in " ".join(p.text for p in answer.parts)


def test_days_after_that_on_another_pack():
    convs = Conversations(Engine.load(TARN))
    convs.ask("a", "what happened on 9 May 1741?")
    answer = convs.ask("a", "and three days after that?")
    assert answer.answered and "12 May 1741" in " ".join(p.text for p in answer.parts)


def test_and_another_side_after_an_answer_from_the_facts_asks_that_question_of_it(engine):
    convs = Conversations(engine)
    convs.ask("a", "what did the governor's spokesman say about Taliban losses by 18 July?")
    answer = convs.ask("a", "and IS-KP's?")
    assert answer.intent in ("fact", "claims") and "52" in lead(answer)  # not a description of IS-KP


def test_and_another_name_is_not_forced_on_a_fact_that_does_not_concern_it():
    convs = Conversations(Engine.load(TARN))
    convs.ask("a", "who revealed the route around the summit?")
    answer = convs.ask("a", "and Serravel?")
    assert "shepherds" not in lead(answer)


def test_a_question_word_meets_the_packs_phrase_it_paraphrases(engine):
    convs = Conversations(engine)
    convs.ask("a", "who took Qari Hekmat's place?")
    answer = convs.ask("a", "and who was his deputy?")  # the pack says "second-in-command"
    assert answer.answered and "Nemat" in " ".join(p.text for p in answer.parts)


def test_a_negated_word_asks_about_the_word_it_negates(engine):
    assert engine.answer("who thinks these claims are unreliable?", Context()).intent == "sources"
    tarn = Engine.load(TARN)
    assert tarn.answer("are the casualty figures unreliable?", Context()).intent == "sources"
    assert engine.answer("what unit attacked from three sides?", Context()).answered  # "unit" negates nothing


def test_what_a_person_claimed_about_his_own_losses_is_his_figures_not_his_fate(engine):
    convs = Conversations(engine)
    convs.ask("a", "who was Mufti Nemat?")
    answer = convs.ask("a", "what did he claim about his own losses?")
    assert answer.intent in ("casualties", "claims") and answer.disputed and "IS-KP fighters killed" in lead(answer)
    tarn = Engine.load(TARN).answer("what did Reisch claim about his own losses?", Context())
    assert "Brannick soldiers killed" in lead(tarn) and "survived" not in lead(tarn)


def test_then_alone_asks_what_came_next_but_then_in_a_question_is_the_last_date():
    velmora = Engine.load(Path(__file__).resolve().parent / "packs" / "velmora")
    convs = Conversations(velmora)
    convs.ask("a", "what happened on 2 March 1987?")
    nxt = convs.ask("a", "then?")
    assert nxt.intent == "sequence" and "2 March" not in lead(nxt)
    convs.ask("b", "what happened on 2 March 1987?")
    assert "2 March" in lead(convs.ask("b", "what did the League do then?"))


def test_where_from_alone_asks_where_of_what_the_last_answer_said(engine):
    convs = Conversations(engine)
    convs.ask("a", "How many fighters did Habibul Rahman say the Taliban brought into Jowzjan?")
    answer = convs.ask("a", "from where?")
    assert "Helmand" in lead(answer) and not lead(answer).startswith("Yes")


def test_a_preposition_and_a_wh_word_make_no_yes_no_question():
    velmora = Engine.load(Path(__file__).resolve().parent / "packs" / "velmora")
    for question in ("from where?", "by whom?", "since when?"):
        assert not velmora.understanding.parse(question).yes_no
    assert velmora.understanding.parse("Brell captured?").yes_no


def test_how_a_side_responded_is_what_the_sources_tell_of_it_next(engine):
    convs = Conversations(engine)
    convs.ask("a", "what did IS do to the taliban members it captured in early july")
    answer = convs.ask("a", "how did the taliban respond?")
    assert answer.answered and "12 July" in lead(answer)
    tarn = Conversations(Engine.load(TARN))
    tarn.ask("a", "why did Brannick want the pass?")
    reply = tarn.ask("a", "how did the League respond?")
    assert reply.answered and "League" in lead(reply) and "beat the League" not in lead(reply)


def test_and_another_side_is_no_yes_no_question(engine):
    convs = Conversations(engine)
    convs.ask("a", "how many taliban were killed?")
    answer = convs.ask("a", "and isis-k?")
    assert answer.disputed and "40" in lead(answer) and not lead(answer).startswith(("Yes", "No"))


def test_they_stay_the_side_the_question_named_not_another_the_fact_mentions(engine):
    convs = Conversations(engine)
    convs.ask("a", "How did the Taliban use the surrender for propaganda?")  # the fact names the government too
    assert "Taliban" in lead(convs.ask("a", "who commanded them?"))  # not the government's commanders
    tarn = Conversations(Engine.load(TARN))
    tarn.ask("a", "what did Brannick traders complain about?")  # the fact is about the League as well
    assert "Reisch" in lead(tarn.ask("a", "who led them?"))


def test_what_happened_next_after_a_span_is_what_ends_it(engine):
    convs = Conversations(engine)
    convs.ask("a", "how did the air force help the IS-KP fighters?")  # between 30 July and 1 August
    answer = convs.ask("a", "and what happened next?")
    assert answer.answered and "1 August" in lead(answer) and "245" in lead(answer)
    then = convs.ask("a", "and then?")  # events after the surrender, dated loosely from its day
    assert then.answered and "after the surrender" in lead(then)


def test_what_effect_that_had_is_said_by_the_last_answers_own_item_when_it_says_one(engine):
    convs = Conversations(engine)
    convs.ask("a", "who was Mullah Burjan?")
    convs.ask("a", "what happened to him after that?")  # his execution, which "caused further intensification"
    answer = convs.ask("a", "what effect did that have?")
    assert answer.answered and "intensified" in lead(answer)


def test_what_caused_a_thing_is_no_effect_of_it():
    from knowledge.model import Evidence, Fact

    facts = Engine.load(TARN).facts
    said = Evidence("article", "Lead", "The march was caused by the rains.")
    assert not facts._states_effect(Fact("f-x", "overview", "The march was caused by the rains.", said))
    effect = Evidence("article", "Lead", "The rains caused the march.")
    assert facts._states_effect(Fact("f-y", "overview", "The rains caused the march.", effect))


def test_for_what_alone_asks_about_the_last_answer(engine):
    convs = Conversations(engine)
    convs.ask("a", "what did the locals of Darzab ask Jowzjan's governor to do?")
    answer = convs.ask("a", "for what?")
    assert answer.answered and "war crimes" in lead(answer)
    assert not Conversations(engine).ask("b", "for what?").answered  # nothing said yet


def test_who_claimed_it_is_who_the_last_answer_says_said_it(engine):
    convs = Conversations(engine)
    convs.ask("a", "Was IS-KP fully defeated in the north after the battle?")
    answer = convs.ask("a", "who had claimed it was?")
    assert answer.answered and "Government representatives and the Taliban both said" in lead(answer)
    tarn = Conversations(Engine.load(TARN))
    tarn.ask("a", "what happened to Krall on 12 May 1741?")
    answer = tarn.ask("a", "who had claimed otherwise?")  # the headquarters "said the fire had started by accident"
    assert answer.answered and "headquarters" in lead(answer)


def test_a_reaction_may_be_a_later_paragraph_of_the_last_answer_not_only_what_it_left_out(engine):
    convs = Conversations(engine)
    for question in ("how many IS-KP fighters surrendered in the end?", "where were they taken after that?",
                     "how were they treated there?"):  # the answer's paragraphs tell that this bred resentment
        convs.ask("a", question)
    assert "resentment" in lead(convs.ask("a", "how did people react to that?"))


def test_what_a_side_did_about_it_is_its_response_not_its_description(engine):
    convs = Conversations(engine)
    convs.ask("a", "what did IS-KP do in Darzab in 2017?")
    answer = convs.ask("a", "what did the Taliban do about it?")
    assert answer.intent == "fact" and "three large offensives" in lead(answer)
    tarn = Conversations(Engine.load(TARN))
    tarn.ask("a", "what happened on 24 May 1741?")
    answer = tarn.ask("a", "what did the League do about it?")
    assert answer.intent == "fact" and "14 June 1741" in lead(answer)


def test_who_criticised_that_is_the_item_beside_the_claim_not_the_topic_of_criticism(engine):
    convs = Conversations(engine)
    convs.ask("a", "What did the US Defense Department claim about the Taliban's win in Jowzjan?")
    answer = convs.ask("a", "who criticised that?")  # the aftermath topic's "criticised" is another matter
    assert "Long War Journal" in lead(answer) and "asylum" not in lead(answer)
    convs.ask("b", "What did the US Defense Department claim about the Taliban's win in Jowzjan?")
    assert convs.ask("b", "who said that?").intent == "sources"  # a question about the answer's sources stays one


def test_what_a_side_put_out_after_that_is_told_after_the_last_answer_not_before(engine):
    convs = Conversations(engine)
    convs.ask("a", "who is zabiullah mujahid")  # his statement after the surrender
    answer = convs.ask("a", "what did the taliban put out after that?")
    assert "video" in lead(answer) and "mid-July" not in lead(answer)
    tarn = Conversations(Engine.load(TARN))
    tarn.ask("a", "what happened on 24 May 1741?")
    assert "shells the summit redoubt" in lead(tarn.ask("a", "what did the Brannick guns do after that?"))


def test_why_with_only_names_asks_why_of_the_last_answer(engine):
    convs = Conversations(engine)
    convs.ask("a", "who did IS-KP surrender to?")
    answer = convs.ask("a", "why not to the Taliban?")  # not the Taliban's rivalry with IS in general
    assert "protection" in " ".join(p.text for p in answer.parts) and "fierce rivals" not in lead(answer)
    tarn = Conversations(Engine.load(TARN))
    tarn.ask("a", "who backed the League?")
    answer = tarn.ask("a", "why Serravel?")  # a reason beyond the answer's lead, not the lead again
    assert "pledged money" in lead(answer) and "belligerents" not in lead(answer)


def test_was_that_accurate_of_a_claim_the_facts_tell_is_what_they_tell_of_it_next(engine):
    convs = Conversations(engine)
    convs.ask("a", "what did the US defense department claim about the outcome in jowzjan")
    answer = convs.ask("a", "was that accurate though?")
    assert "the Taliban had beaten it" in lead(answer) and not lead(answer).startswith(("Yes", "No"))
    convs.ask("b", "how many Taliban were killed?")
    assert convs.ask("b", "is that reliable?").intent == "sources"  # of figures: the sources' reliability
    tarn = Conversations(Engine.load(TARN))
    tarn.ask("a", "who burned Krall?")
    answer = tarn.ask("a", "was that true?")  # what the article tells next is another matter: not an answer
    assert answer.intent == "sources" and "first attack" not in lead(answer)


def test_follow_ups_after_an_answer_that_cited_only_figures_do_not_fail(engine):
    from intents.answer import Answer, Citation

    quotes = engine.retrieval._by_quote()
    claim = next(c for c in engine.kb.pack.claims.values() if c.evidence.quote not in quotes)
    last = Answer("q", True, "claims", 1.0, (), (Citation(1, "s", "x", claim.evidence.quote),), True)
    for question in ("what effect did that have?", "was that accurate?", "who had claimed otherwise?"):
        engine.answer(question, Context(intent="claims", last_answer=last))  # no item cited: nothing to lead


def test_what_else_is_not_what_the_last_answer_said(engine):
    convs = Conversations(engine)
    for question in ("who was Haji Murad?", "where was he killed?", "when was that?"):
        said = convs.ask("a", question)
    answer = convs.ask("a", "what else did the Taliban achieve there?")  # the fact and the event both told it
    assert answer.answered and "Haji Murad" not in lead(answer) and lead(answer) not in lead(said)


def test_how_a_side_responded_to_a_topic_is_what_its_facts_tell_not_a_word_they_must_say(engine):
    answer = engine.answer("how did the government respond to the criticism?", Context())
    assert answer.answered and "brought to justice" in lead(answer)
    tarn = Engine.load(TARN).answer("how did the League respond to the invasion?", Context())
    assert tarn.answered and "withdrew up the valley" in lead(tarn)


def test_why_after_an_answer_is_told_from_the_fullest_item_quoting_its_words(engine):
    convs = Conversations(engine)
    convs.ask("a", "What did Darzab's locals ask the governor for after the surrender?")
    answer = convs.ask("a", "why?")  # the short fact quoting the same words as the event said only "war crimes"
    assert answer.answered and "rape" in lead(answer)
    tarn = Conversations(Engine.load(TARN))
    tarn.ask("a", "what happened to Reisch in 1742?")
    assert "The Elector recalls Reisch" in lead(tarn.ask("a", "why?"))


def test_what_date_alone_asks_the_date_of_what_the_last_answer_told(engine):
    convs = Conversations(engine)
    convs.ask("a", "How many were killed in the April 2018 raid?")
    convs.ask("a", "who announced it?")
    assert "15 April 2018" in lead(convs.ask("a", "what date?"))  # not the battle's dates
    tarn = Conversations(Engine.load(TARN))
    tarn.ask("a", "who burned Krall?")
    assert lead(tarn.ask("a", "what date?")).startswith("12 May 1741")


def test_which_province_they_came_from_is_a_place_asked_of_the_last_answer(engine):
    convs = Conversations(engine)
    convs.ask("a", "how many fighters did the taliban gather for the offensive")
    convs.ask("a", "who said that?")
    answer = convs.ask("a", "from which province did some of them come")  # not where the battle was fought
    assert "Helmand" in lead(answer)
    tarn = Conversations(Engine.load(TARN))
    tarn.ask("a", "who was Gruber?")
    assert "Lisch" in lead(tarn.ask("a", "in which village was he taken?"))


def test_who_spoke_for_them_asks_for_their_spokesman(engine):
    context = Context()
    engine.answer("How did the Taliban use the surrender for propaganda?", context)
    answer = engine.answer("who spoke for them?", context)
    assert answer.answered and "Zabiullah Mujahid" in answer.parts[0].text
    assert "Zabiullah Mujahid" in engine.answer("who speaks for the Taliban?", Context()).parts[0].text



def test_changing_sides_is_switching_sides_in_a_follow_up(engine):
    context = Context()
    engine.answer("who was Mufti Nemat?", context)
    engine.answer("what was he accused of later?", context)
    answer = engine.answer("did he want to change sides after that?", context)
    assert answer.answered and "pro-government forces" in answer.parts[0].text


def test_was_the_battle_fought_in_a_place_says_whether_not_who_fought(engine):
    answer = engine.answer("was the battle fought in Jowzjan?", Context())
    assert answer.intent == "location" and answer.parts[0].text.startswith("Yes.")
    assert engine.answer("was the battle in Faryab?", Context()).parts[0].text.startswith("Partly.")
    velmora = Engine.load(Path(__file__).resolve().parent / "packs" / "velmora")
    answer = velmora.answer("was the siege fought in Velmora?", Context())
    assert answer.intent == "location" and answer.parts[0].text.startswith("Yes.")


def test_was_any_of_it_filmed_asks_for_a_video_of_what_the_last_answer_told(engine):
    context = Context()
    engine.answer("what happened in Darzab on 15 April 2018?", context)
    answer = engine.answer("was any of it filmed?", context)
    assert answer.answered and "DVIDS" in answer.parts[0].text
    context = Context()
    engine.answer("what did the Taliban say would happen to the IS-KP fighters they had captured?", context)
    assert "video" in engine.answer("was any of it caught on camera?", context).parts[0].text


def test_where_was_it_shared_asks_where_it_circulated(engine):
    context = Context()
    engine.answer("did the Taliban release a video?", context)
    answer = engine.answer("where was it shared?", context)
    assert answer.answered and "al-Qaeda channels" in answer.parts[0].text


def test_what_effect_that_had_follows_the_facts_the_last_answer_told_not_its_vaguely_dated_event(engine):
    convs = Conversations(engine)
    convs.ask("a", "Where were the surrendered IS-KP fighters taken?")
    convs.ask("a", "How were they treated there?")  # an event "after the surrender", and the facts it tells
    answer = convs.ask("a", "What effect did that have?")
    assert answer.answered and "resentment" in lead(answer)


def test_the_district_after_a_country_is_the_district_of_the_battle_not_the_country(engine):
    convs = Conversations(engine)
    convs.ask("a", "what wider wars is the battle counted as part of?")  # leaves Afghanistan as the place
    answer = convs.ask("a", "what happened to the district?")
    assert answer.answered and lead(answer).startswith("Darzab District")


def test_in_the_end_is_finally_not_the_end_of_the_battle(engine):
    convs = Conversations(engine)
    answer = convs.ask("a", "How many surrendered in the end?")
    assert answer.answered and answer.intent == "surrender" and "245" in lead(answer)


def test_from_where_after_who_did_it_is_where_the_item_saying_it_places_it(engine):
    convs = Conversations(engine)
    convs.ask("a", "Which nationalities were among the foreigners who stayed in Darzab?")
    convs.ask("a", "Who had recruited them?")  # cites the nationalities first, then the recruiting
    answer = convs.ask("a", "From where?")
    assert answer.answered and "Central Asia" in lead(answer)


def test_and_then_after_a_day_asked_of_a_person_is_what_next_happened_to_that_person(engine):
    convs = Conversations(engine)
    convs.ask("a", "Who was Mullah Burjan?")
    convs.ask("a", "What happened to him on 15 July?")  # his capture (the fact tells his execution too)
    then = convs.ask("a", "And then?")
    assert then.intent == "sequence" and lead(then).startswith("Next, 18 July 2018") and "execut" in lead(then)
    effect = convs.ask("a", "What effect did that have?")
    assert "intensified" in lead(effect)


def test_from_where_answered_by_a_fact_that_names_no_place_says_its_places():
    convs = Conversations(Engine.load())
    answer = convs.ask("a", "how many fled, and from where?")
    text = " ".join(p.text for p in answer.parts)
    assert answer.answered and "Darzab District:" in text


def test_what_effect_his_death_had_on_a_side_is_the_item_saying_what_it_did_to_that_side(engine):
    answer = Conversations(engine).ask("a", "When was Hekmat killed, and what effect did his death have on IS-KP?")
    text = " ".join(p.text for p in answer.parts)
    assert "April 2018" in text and "weakened IS-KP" in text


def test_which_districts_after_an_answer_are_the_districts_it_is_about(engine):
    convs = Conversations(engine)
    convs.ask("a", "When did the Taliban launch their counter-attacks in Jowzjan?")
    answer = convs.ask("a", "which districts?")
    assert answer.intent == "places_of_kind" and lead(answer) == "Darzab District and Qush Tepa District."


def test_was_it_kept_after_an_agreement_asks_whether_what_was_promised_happened(engine):
    answer = Conversations(engine).ask("a", "what was agreed, and was it kept?")
    text = " ".join(p.text for p in answer.parts)
    assert "agreed to surrender" in text and "did not happen" in text and "kept slaves" not in text
    assert not Conversations(engine).ask("b", "was the agreement honoured?").parts[0].text.startswith("Yes")


def test_how_long_after_one_event_was_that_counts_the_days_between_them(engine):
    convs = Conversations(engine)
    convs.ask("a", "Who was Mullah Burjan?")
    convs.ask("a", "and what did they do with him?")  # executed on 18 July, three days after his capture
    answer = convs.ask("a", "how long after his capture was that?")
    assert lead(answer).startswith("3 days: from 15 July 2018") and "18 July 2018" in lead(answer)


def test_a_why_question_with_its_own_verb_stands_alone_after_another_answer(engine):
    convs = Conversations(engine)
    convs.ask("a", "which countries did the foreign fighters come from?")
    answer = convs.ask("a", "why did IS-KP surrender?")  # "surrender" is what it asks, not a name
    assert answer.intent == "surrender" and "protection" in lead(answer)


def test_why_did_they_do_that_is_the_reason_for_what_the_last_answer_told(engine):
    convs = Conversations(engine)
    convs.ask("a", "What did the Afghan Air Force do at the end of the battle?")
    why = convs.ask("a", "why did they do that?")
    assert why.answered and "surrender" in " ".join(p.text for p in why.parts)
    tarn = Conversations(Engine.load(TARN))
    tarn.ask("a", "what did Vessen do?")
    why = tarn.ask("a", "why did they do that?")
    assert "because its own traders depended on the pass" in " ".join(p.text for p in why.parts)


def test_after_a_who_question_he_is_the_one_the_answer_named(engine):
    convs = Conversations(engine)
    convs.ask("a", "Who took over the Islamic State in northern Afghanistan after Hekmat?")
    related = convs.ask("a", "how is he related to Mufti Nemat?")
    assert "brother-in-law of Mawlavi Habibul Rahman" in " ".join(p.text for p in related.parts)


def test_what_happened_to_him_then_is_his_fate_after_what_was_just_said(engine):
    convs = Conversations(engine)
    convs.ask("a", "who was mullah burjan?")
    convs.ask("a", "when was he captured?")
    fate = convs.ask("a", "what happened to him then?")
    assert "executed by IS-KP on 18 July 2018" in fate.parts[0].text


def test_who_was_among_them_after_a_surrender_figure_names_people(engine):
    convs = Conversations(engine)
    convs.ask("a", "How many IS-KP fighters surrendered?")
    who = convs.ask("a", "who was among them?")
    assert "Mufti Nemat" in who.parts[0].text


def test_and_overall_after_one_sides_figures_gives_everyones(engine):
    convs = Conversations(engine)
    convs.ask("a", "How many Taliban died in the battle?")
    convs.ask("a", "what about the Islamic State side?")
    overall = convs.ask("a", "and overall?")
    said = " ".join(p.text for p in overall.parts)
    assert overall.answered and overall.disputed and "about 300" in said and "both sides" in said


def test_they_after_a_who_answer_naming_two_people_are_those_people(engine):
    """"who led them at the end?" names two men; "what became of them?" asks of both, and "on what
    date?" asks when that befell them, not the earliest date the answer cited."""
    convs = Conversations(engine)
    convs.ask("s", "who was leading IS-KP in Darzab at the very end?")
    fate = convs.ask("s", "what became of them?")
    text = " ".join(p.text for p in fate.parts)
    assert fate.intent == "person" and "surrendered" in text and "Mufti Nemat" in text
    when = convs.ask("s", "on what date?")
    assert "1 August 2018" in when.lead


def test_what_they_did_with_someone_asks_what_happened_to_them(engine):
    """"and what did they do with him?" after a capture: his fate, not the capture's date again."""
    convs = Conversations(engine)
    convs.ask("s", "which Taliban commander was taken prisoner by IS-KP in July 2018?")
    convs.ask("s", "on what date?")
    answer = convs.ask("s", "and what did they do to him?")
    assert answer.intent == "person" and "executed" in answer.lead


def test_when_was_that_after_an_act_asked_of_someone_dates_that_act(engine):
    """"which commander did they capture?" ... "when was that?": the capture's day, not the later
    execution; and "who did he take over from?" / "who succeeded X?" read a relation from its ends."""
    convs = Conversations(engine)
    convs.ask("s", "Which Taliban commander did IS-KP take prisoner?")
    assert "15 July" in convs.ask("s", "and when was that?").lead
    assert "Qari Hekmat" in convs.ask("t", "who did Mawlavi Habibul Rahman take over from?").lead
    assert convs.ask("u", "who succeeded Qari Hekmat?").lead.startswith("Mawlavi Habibul Rahman")
    assert not convs.ask("v", "who replaced Haji Murad?").answered


def test_how_many_they_lost_themselves_is_the_speakers_own_side(engine):
    """After the Taliban's count of IS-KP dead, "how many did they lose themselves?" asks the Taliban's
    losses, as "their own losses" does."""
    convs = Conversations(engine)
    convs.ask("s", "How many IS-KP fighters did the Taliban report killing in their final operation?")
    answer = convs.ask("s", "and how many did they lose themselves?")
    assert "Taliban fighters killed" in answer.lead and "17" in " ".join(p.text for p in answer.parts)


def test_what_happened_to_him_afterwards_is_his_story_even_when_just_told(engine):
    """After an answer that told a man's capture and, in the same sentence, his execution, "what
    happened to him afterwards?" is his execution, not the next event on the whole timeline."""
    convs = Conversations(engine)
    convs.ask("s", "which Taliban commander did IS-KP capture during the fighting?")
    convs.ask("s", "where was that?")
    answer = convs.ask("s", "and what happened to him afterwards?")
    assert "executes Mullah Burjan" in answer.lead


def test_he_after_a_voice_that_is_one_man_is_that_man(engine):
    """"Who was the spokesman ...?" answered with the man's words: "he" next is the spokesman."""
    convs = Conversations(engine)
    convs.ask("s", "which Taliban spokesman spoke after the surrender?")
    answer = convs.ask("s", "what did he announce about the IS-KP prisoners?")
    assert "military courts" in answer.lead


def test_how_a_side_responded_follows_the_lead_not_a_fact_cited_below_it(engine):
    """An answer citing, below its lead, a fact from elsewhere in the article ("bragged about
    beheadings"): "how did they respond?" follows the lead's story (the counter-attack)."""
    convs = Conversations(engine)
    convs.ask("s", "what set off the heavy fighting in July 2018?")
    convs.ask("s", "how many were beheaded?")
    assert "12 July" in convs.ask("s", "how did the Taliban respond?").lead


def test_who_replaced_someone_no_one_is_said_to_replace_is_declined(engine):
    """Whoever answers, "who replaced X?" needs a person named as X's successor."""
    convs = Conversations(engine)
    answer = convs.ask("s", "who replaced Haji Murad as deputy after the Taliban killed him?")
    assert not answer.answered
    assert "Habibul Rahman" in convs.ask("t", "who replaced Hekmat?").lead
    # the fact route: of the close matches, the one naming the successor leads
    found = convs.ask("u", "who replaced Hekmat as leader of the Islamic State in the north?")
    assert found.answered and "Mawlavi Habibul Rahman took his place" in found.lead


def test_a_count_of_what_was_done_that_way_is_the_count_the_last_answer_told(engine):
    # "like that" points at how the last answer says it was done (ten beheaded), not at the casualty figures
    from bot.conversation import Conversations

    convs = Conversations(engine)
    convs.ask("m", "What did IS-KP do to the Taliban members it captured in early July?")
    answer = convs.ask("m", "how many died like that?")
    assert answer.answered and "ten" in answer.lead and "disputed" not in answer.lead
    named = convs.ask("m", "how many Taliban died like that in the whole battle?")  # names whose count: the figures
    assert "ten Taliban members" not in named.lead


def test_who_is_answered_by_a_fact_naming_holders_of_an_office(engine):
    # "their guards, officials and journalists": no one the pack names, but who they called infidels
    from bot.conversation import Conversations

    convs = Conversations(engine)
    convs.ask("o", "What did the surrendered militants brag about in interviews?")
    answer = convs.ask("o", "who did they call infidels?")
    assert answer.answered and "officials" in answer.lead


def test_how_people_reacted_is_the_effect_the_last_answer_states(engine):
    # "this bred resentment": the reaction is told in the answer itself, not in the item after it
    from bot.conversation import Conversations

    convs = Conversations(engine)
    convs.ask("r", "What did the militants call their guards in Sheberghan?")
    assert "resentment" in convs.ask("r", "how did people react to that?").lead


def test_after_a_figure_told_by_a_fact_another_sides_voice_gives_its_figure(engine):
    # the Taliban's claim came from a fact; "what did the IS-KP side say?" is the same figure by IS-KP's voice
    from bot.conversation import Conversations

    convs = Conversations(engine)
    convs.ask("v", "In their last operation, how many IS-KP militants did the Taliban claim to have killed?")
    answer = convs.ask("v", "and what did the IS-KP side say?")
    assert answer.answered and answer.lead.startswith("IS-KP fighters killed: just 40") and answer.disputed
