"""Follow-ups that lean on the last answer, yes/no verdicts, and counts the sources do not give."""

from bot.render import render_plain
from intents.retrieval import stem
from intents.vocabulary import load_lexicon


def text_of(answer) -> str:
    return render_plain(answer, with_sources=False, with_suggestions=False)


# -- yes/no verdicts ---------------------------------------------------------------------------
def test_a_fact_that_rules_something_out_answers_no(ask):
    answer = ask("were the taliban and isis allies")
    assert text_of(answer).startswith("No")
    assert "rivals" in text_of(answer)


def test_no_when_the_claim_was_made_but_the_facts_deny_it(ask):
    answer = ask("was is-kp finished in the north after darzab")
    assert text_of(answer).startswith("No")
    assert "Faryab" in text_of(answer)


def test_yes_needs_the_asked_subject_to_be_the_one_acting(ask):
    assert text_of(ask("did isis capture mullah burjan")).startswith("Yes")
    # IS-KP captured him, not the Taliban: the facts are shown, never a "yes"
    wrong_subject = text_of(ask("did the taliban capture mullah burjan"))
    assert not wrong_subject.startswith("Yes") and "IS-KP captured" in wrong_subject


def test_a_keyword_vouches_for_a_word_only_in_that_word_s_own_forms(ask):
    # "public relations" is a keyword of the propaganda fact: it shares a crude stem with
    # "related" but says nothing of kinship, so no "yes" rests on it
    assert not text_of(ask("were the taliban related?")).startswith("Yes")
    # a keyword in another inflection of the asked word still vouches ("tried to retake")
    assert text_of(ask("did the taliban try to retake darzab before 2018")).startswith("Yes")


def test_yes_no_about_the_battle_date(ask):
    assert text_of(ask("was the battle in 2018")).startswith("Yes")
    assert text_of(ask("was the battle in july")).startswith("Yes")


# -- follow-ups on the last answer -----------------------------------------------------------------
def test_then_means_the_date_just_asked_about_and_why_explains_it(ask):
    ask("what happened on 30 july")
    then = ask("what did the is-kp leaders do then")
    assert "government" in text_of(then) and "surrender" in text_of(then)
    why = ask("why?")
    assert why.answered and "protection" in text_of(why)


def test_by_whom_answers_from_what_was_just_cited(ask):
    ask("who was qari hekmat")
    ask("when was he killed")
    answer = ask("by whom?")
    assert answer.answered and "US airstrike" in text_of(answer)


def test_why_with_nothing_said_yet_is_not_answered_from_thin_air(ask):
    answer = ask("by whom?")
    assert not answer.answered


def test_how_many_asks_the_last_question_for_a_count(ask):
    assert "1 August" in text_of(ask("when did IS-KP surrender"))
    assert "245" in text_of(ask("how many?"))


def test_it_means_the_last_place_or_unit_named(ask):
    ask("what was chinese camp")
    assert "Taliban" in text_of(ask("who took it?"))
    ask("what is the red unit")
    assert not ask("who commanded it?").answered  # the sources name no commander of the unit


def test_he_after_a_list_of_commanders_is_the_first_named_then_the_one_replaced(ask):
    assert "Habibul Rahman" in text_of(ask("who led is-kp in jowzjan during the battle"))
    assert "Hekmat" in text_of(ask("who did he replace"))
    died = text_of(ask("how did that guy die"))
    assert "airstrike" in died and "April 2018" in died


# -- counts and places the sources do not cover ------------------------------------------------------
def test_a_count_needs_its_number_in_the_same_clause(ask):
    assert "100" in text_of(ask("how many civilians were executed"))
    children = ask("how many children were among the executed civilians")
    assert not children.answered and "no figure" in text_of(children)


def test_commanders_only_where_the_sources_name_them(ask):
    assert not ask("who was the commander of chinese camp").answered
    assert "Haji Shakir" in text_of(ask("who was the taliban leader in sancharak"))


def test_an_intent_must_explain_most_of_the_question(ask):
    assert not ask("what weapons did the red unit use").answered


def test_theatre_of_the_battle(engine):
    kb = engine.kb
    assert kb.in_theatre("jowzjan") and kb.in_theatre("darzab-district") and kb.in_theatre("afghanistan")
    assert not kb.in_theatre("chinese-camp") and not kb.in_theatre("no-such-place")


# -- vocabulary ------------------------------------------------------------------------------
def test_vocabulary_words_that_yaml_would_read_as_booleans_stay_words():
    stopwords = load_lexicon().stopwords
    assert {"on", "off", "yes", "no"} <= stopwords
    assert "true" not in stopwords


def test_stem_brings_inflections_together():
    assert stem("surrendered") == stem("surrender") == stem("surrenders")
    assert stem("using") == stem("use")
    assert stem("fighters") == stem("fighter")


def test_facts_carry_what_they_deny(engine):
    rivalry = engine.kb.pack.facts["f-rivalry"]
    assert "allies" in rivalry.denies and "allies" not in rivalry.keywords


def test_was_the_battle_fought_there(ask):
    assert text_of(ask("was the battle in jowzjan")).startswith("Yes")
    mughal = text_of(ask("was the battle in mughal"))
    assert mughal.startswith("Yes") and "Mughal is a village" in mughal
    assert text_of(ask("did the battle take place in faryab")).startswith("Partly")


def test_a_question_that_says_what_it_asks_is_no_follow_up(ask):
    ask("who won the battle")
    answer = ask("what is is-kp")
    assert answer.intent == "group" and "Afghan branch" in text_of(answer)
    assert ask("and the taliban?").intent == "group"  # now that does lean on the last question


def test_a_bare_name_is_not_a_yes_no_question(ask):
    ask("who commanded IS-KP")
    assert not text_of(ask("haji murad?")).startswith("Yes")
    assert text_of(ask("mulla burjan executed?")).startswith("Yes")


def test_us_losses_are_declined_not_answered_with_another_side(ask):
    for question in ("how many american soldiers died", "how many us troops were killed"):
        answer = ask(question)
        assert not answer.answered and "Taliban" not in text_of(answer), question


def test_a_count_the_sources_do_not_give_is_said_so_with_what_they_do_say(ask):
    raped = ask("how many women were raped")
    assert not raped.answered
    assert "no figure" in text_of(raped) and "accused" in text_of(raped)
    assert not ask("how many children were executed").answered
    assert "100" in text_of(ask("how many people were executed"))


def test_a_person_asked_for_figures_is_the_claimant_not_the_subject(ask):
    answer = text_of(ask("how many fighters did nemat say died"))
    assert "40" in answer and "according to IS-KP leader Mufti Nemat" in answer
    assert text_of(ask("was nemat killed")).startswith("No")


def test_a_short_follow_up_stays_on_the_topic_of_the_conversation(ask):
    ask("how many isis fighters surrendered")
    assert "100" in text_of(ask("how many were children"))


def test_declines_what_the_sources_leave_out(ask):
    for question in (
        "who was the governor of jowzjan during the battle",  # the governor is mentioned, never named
        "in which province is chinese camp located",  # only "a base in Afghanistan"
        "which exact day in april was qari hekmat killed",  # only the month
        "how many fighters does the taliban red unit have",  # figures are per side
        "who founded the islamic state",  # "founded" is no typo of "wounded"
        "when did the taliban capture kabul",
    ):
        assert not ask(question).answered, question


def test_when_did_it_end_gives_the_last_day(ask):
    assert "1 August 2018" in text_of(ask("what day did the darzab fighting end?"))


def test_a_count_of_one_side_is_not_answered_with_another_sides_number(ask):
    # the April raid killed 22 IS-KP fighters with US support; no US losses are given
    assert not ask("how many american soldiers were killed at darzab").answered
    assert "22" in text_of(ask("how many isis fighters were killed in the april raid"))


def test_a_figure_of_another_kind_never_says_yes(ask):
    # prisoners were counted, executions of them were not: no "Yes"
    answer = text_of(ask("Did the Taliban execute the IS-K fighters they themselves took prisoner?"))
    assert not answer.startswith("Yes")
    assert text_of(ask("were taliban fighters killed?")).startswith("Yes")


def test_every_form_of_a_measure_word_names_the_measure(engine):
    parsed = engine.understanding.parse("did the taliban execute prisoners")
    assert ("kind", "executed") in {(e.type, e.value) for e in parsed.entities}
    after = engine.understanding.parse("what did nemat say after surrendering")
    assert not any(e.type == "kind" for e in after.entities)  # an event, not a count


def test_what_a_fact_sets_against_another_thing_answers_no(ask):
    # "handled more like guests than like prisoners"
    assert text_of(ask("were they treated like prisoners in sheberghan?")).startswith("No")
    assert text_of(ask("were the prisoners in sheberghan treated like guests?")).startswith("Yes")
    # "more than 100" compares numbers: not a contrast
    assert text_of(ask("did IS-KP execute civilians")).startswith("Yes")


def test_who_gave_that_number_names_the_last_figures_source(ask):
    ask("how many taliban fighters were amassed for the offensive?")
    answer = text_of(ask("who gave that number?"))
    assert "Habibul Rahman" in answer


def test_a_side_did_what_its_own_department_did(ask):
    """The facts say "the US Department of Defense took credit": a voice of the US military, so
    "did the US military take credit ...?" is a yes; "beating" is a word for that defeat."""
    assert text_of(ask("Did the American military take credit for defeating IS-KP in Jowzjan?")).startswith("Yes")
    assert text_of(ask("did the US military take credit for beating IS-KP?")).startswith("Yes")


def test_two_names_of_one_man_are_the_same_man_and_two_men_are_not(ask):
    assert text_of(ask("is Haji Commander the same man as Haji Murad?")).startswith("Yes")
    assert text_of(ask("is Haji Murad one and the same as Mufti Nemat?")).startswith("No")


def test_a_word_for_a_kind_of_people_is_said_by_those_of_that_kind_one_way_only(ask):
    """The fact names French among the foreign fighters: they are Europeans and Westerners, so
    "were there Europeans?" is a yes; "were there Germans?" is not answered by the French."""
    assert text_of(ask("were there europeans in darzab?")).startswith("Yes")
    assert "French" in text_of(ask("were any westerners among IS-KP's foreign recruits?"))
    assert not text_of(ask("were there any Germans among the foreign fighters?")).startswith("Yes")


def test_a_general_verb_is_said_by_the_ways_of_doing_it(ask):
    """"moved" is said by an item telling the fighters were flown or taken somewhere (lexicon kinds_of)."""
    answer = ask("how did the surrendered militants get transferred to Sheberghan?")
    assert answer.answered and "helicopter" in answer.lead


def test_a_negative_question_asks_what_the_positive_one_asks(ask):
    # "wasn't there a claim that 300 died?" checks the figure, like "was there ...?"
    answer = ask("Wasn't there a claim that 300 militants died overall?")
    assert answer.answered and answer.lead.startswith("About 300") and "Jamestown" in answer.lead


def test_two_groups_on_the_same_side_is_settled_by_their_sides(ask):
    from intents.context import Context
    from intents.engine import Engine

    assert ask("Are IS-KP and the Taliban on the same side?").lead.startswith("No.")
    tarn = Engine.load("tests/packs/tarn")
    question = "Were the Abendroth Grenadiers and the Brannick Life Dragoons on the same side?"
    lead = tarn.answer(question, Context()).lead
    assert lead.startswith("Yes.") and "both fought on the Electorate of Brannick side" in lead


def test_a_fact_that_spread_beyond_a_place_denies_it_stayed_there(ask):
    # "the fighting spread to Faryab and Sar-e Pol": it was not limited to Jowzjan (the pack once keyed it "Yes")
    assert ask("Was the fighting limited to Jowzjan Province?").lead.startswith("No. The fighting spread")
    assert ask("Did the fighting spread beyond Jowzjan?").lead.startswith("Yes.")


def test_the_words_people_use_for_a_hub_find_the_fact_of_one(ask):
    # the pack's fact says "major hub"; its keywords say how else people put it
    answer = ask("Was Jowzjan a safe haven for insurgent groups before the Taliban insurgency?")
    assert answer.answered and "major hub" in answer.lead


def test_a_yes_no_of_a_person_the_civilian_story_does_not_settle_is_not_answered_yes(ask):
    # the locals' petition and the executions are told; nothing says Habibul Rahman was charged
    answer = ask("Was Habibul Rahman ever charged over the war crimes in Darzab?")
    assert not answer.answered and "do not say that about Mawlavi Habibul Rahman" in answer.lead
    assert not ask("did mufti nemat face justice for the executions of civilians").lead.startswith("Yes")
