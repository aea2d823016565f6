"""Short follow-ups that ask a role of what was just told ("why?", "to whom?") and reasons
that belong to the act asked about: a reason is the one whose sentence explains that act, not
any reason told nearby."""

from intents.context import Context


def says(answer) -> str:
    return " ".join(p.text for p in answer.parts)


def dialogue(engine, *questions: str):
    ctx = Context()
    answers = [engine.answer(q, ctx) for q in questions]
    return answers[-1]


def test_a_bare_why_after_a_figure_gives_the_reason_for_what_it_counts(engine):
    why = dialogue(engine, "how many IS-KP men gave up in the end?", "why?")
    assert why.answered and "protection" in says(why)


def test_a_bare_why_gives_no_reason_that_is_only_told_nearby(engine):
    """The article gives no reason for the airstrike that killed Hekmat: the answer stays on it."""
    why = dialogue(engine, "who killed Qari Hekmat?", "why?")
    assert "Hekmat" in says(why) and "legitimate" not in says(why) and "successful operation" not in says(why)


def test_to_whom_asks_the_last_answer_who_received_it(engine):
    whom = dialogue(engine, "how many IS-KP men gave up in the end?", "to whom?")
    assert whom.answered and "government" in says(whom)
    why = dialogue(engine, "how many IS-KP men gave up in the end?", "to whom?", "why them?")
    assert "protection" in says(why)


def test_why_did_they_do_that_gives_the_last_acts_own_reason(engine):
    why = dialogue(engine, "What did the Afghan Air Force do at the end of the battle?", "why did they do that?")
    assert "stop them" in says(why) or "prevent" in says(why)
    assert not says(why).startswith("By 30 July")


def test_a_why_question_leads_with_the_reason_for_the_act_it_asks_about(engine):
    """"The air force bombed so that the surrender went through" gives the bombing's reason,
    not the surrender's."""
    answer = engine.answer("Why would the Islamic State militants surrender to the Afghan government rather than "
                           "keep up the fight?", Context())
    assert "bombed" not in says(answer).split(".")[0]


def test_a_phrasal_verb_split_by_its_object_reads_as_the_phrasal_verb(engine):
    trigger = dialogue(engine, "when did the fighting begin?", "what set it off?")
    assert trigger.answered and "beheaded" in says(trigger)


def test_a_where_question_is_not_read_as_a_range_of_figures(engine):
    spread = dialogue(engine, "What did the Taliban's video show?", "where did it spread?")
    assert spread.answered and "Sorry" not in says(spread) and "disputed" not in says(spread)


def test_where_else_did_it_spread_after_the_battle_names_the_provinces(engine):
    spread = dialogue(engine, "when did the fighting begin?", "where else did it spread to?")
    assert spread.answered and "Faryab" in says(spread)


def test_where_prisoners_were_taken_is_a_place_not_a_count_of_prisoners(engine):
    taken = engine.answer("where were the IS-KP prisoners brought after the surrender?", Context())
    assert taken.answered and "Sheberghan" in says(taken) and taken.intent != "casualties"


def test_an_intention_asked_in_any_words_is_told_by_the_fact_telling_a_wish(engine):
    plans = engine.answer("What did Nemat plan to do once he had surrendered?", Context())
    assert plans.answered and "pro-government" in says(plans)
    ctx = Context()
    engine.answer("who was Mufti Nemat?", ctx)
    want = engine.answer("what did he want to do after surrendering?", ctx)
    assert says(want).startswith("Mufti Nemat said he was thinking of joining")


def test_a_wish_asked_yes_or_no_is_settled_by_the_fact_telling_it(engine):
    answer = engine.answer("did Nemat consider changing sides?", Context())
    assert says(answer).startswith("Yes.") and "thinking of" in says(answer)


def test_the_asker_wanting_to_know_is_no_intention_asked(engine):
    answer = engine.answer("I want to know how many Taliban were killed", Context())
    assert answer.intent == "casualties" and "disputed" in says(answer)


def test_a_word_for_the_same_thing_finds_the_fact_saying_another(engine):
    """"Militants" and "fighters" name the same people: the fact telling where the fighters were
    flown answers where the militants were taken."""
    taken = engine.answer("where were the militants taken once they had surrendered?", Context())
    assert "flown" in says(taken).split(".")[0] or "helicopter" in says(taken).split(".")[0]
    chechens = engine.answer("were there chechen jihadists in darzab?", Context())
    assert says(chechens).startswith("Yes.")


def test_total_qualifies_the_count_it_is_not_the_thing_counted(engine):
    answer = engine.answer("how many total people were killed at darzab?", Context())
    assert answer.intent == "casualties" and "300" in says(answer) and answer.disputed


def test_which_places_of_a_kind_the_sources_never_name_are_declined_with_the_closest_fact(engine):
    unnamed = engine.answer("which two villages were still in IS-KP hands at the end of July?", Context())
    assert not unnamed.answered and "do not name" in says(unnamed) and "two villages" in says(unnamed)
    named = engine.answer("which villages did the Taliban overrun on 22 July?", Context())
    assert named.answered and "Mughal" in says(named)


def test_a_choice_is_answered_with_what_happened_not_yes(engine):
    answer = engine.answer("Was Haji Murad killed or captured?", Context())
    assert answer.answered and not says(answer).startswith(("Yes", "No")) and "killed" in says(answer)


def test_a_choice_the_sources_do_not_settle_is_declined_with_the_closest_fact(engine):
    answer = engine.answer("How exactly did IS-KP execute Mullah Burjan - was he beheaded or shot?", Context())
    assert not answer.answered and "do not say which" in says(answer) and "18 July" in says(answer)


def test_what_a_voice_said_after_figures_is_that_voices_figure_for_them(engine):
    first = "How many IS-KP fighters did the Taliban say they killed?"
    said = dialogue(engine, first, "and what did their own leader claim?")
    assert said.intent == "claims" and "40" in says(said) and "Nemat" in says(said)
    plain = dialogue(engine, first, "what did IS-KP's own leader claim?")
    assert plain.intent == "claims" and "40" in says(plain)


def test_a_sides_body_with_an_adjective_is_that_side_speaking(engine):
    answer = engine.answer("What did IS-KP's senior leadership say about their losses?", Context())
    assert answer.answered and "40" in says(answer)


def test_a_yes_no_question_of_nothing_but_references_is_asked_of_what_was_just_told(engine):
    again = dialogue(engine, "Who was Mufti Nemat?", "What did he think of doing once he had surrendered?",
                     "had he ever done that before?")
    assert again.answered and "once before" in says(again)
    assert "The sources do not say" not in says(again)


def test_how_much_higher_one_claim_is_than_another_is_their_difference(engine):
    answer = engine.answer("How much higher is the Taliban's figure for IS-KP dead than Mufti Nemat's?", Context())
    assert answer.intent == "claims" and "113 more" in says(answer)
    kills = engine.answer("how many more did the Taliban's kill claim count than Nemat admitted?", Context())
    assert "113 more" in says(kills)


def test_which_group_a_person_belonged_to_is_their_side(engine):
    answer = engine.answer("which faction did Qari Hekmat belong to before he went over to IS-KP?", Context())
    assert answer.intent == "person" and "Taliban" in says(answer)


def test_a_figure_is_told_with_its_passage_when_the_question_asks_what_the_passage_says(engine):
    answer = engine.answer("Did the Taliban bring fighters in from the south for the offensive?", Context())
    assert "2,000" in says(answer) and "Helmand" in says(answer)


def test_the_name_of_a_person_is_asked_as_who_they_were(engine):
    spokesman = engine.answer("what's the name of the Taliban spokesperson?", Context())
    assert spokesman.answered and "Zabiullah Mujahid" in says(spokesman)
    deputy = engine.answer("tell me the name of the IS-KP deputy commander killed on 22 July", Context())
    assert deputy.answered and "Haji Murad" in says(deputy)
    village = engine.answer("What was the name of the village where IS-KP beheaded ten Taliban?", Context())
    assert not village.answered


def test_which_commanders_met_a_fate_lists_only_those(engine):
    executed = engine.answer("which Taliban commander did IS-KP execute?", Context())
    assert "Mullah Burjan" in says(executed) and "Haji Shakir" not in says(executed)
    gave_up = engine.answer("which IS-KP commanders surrendered?", Context())
    assert "Sibghatullah" in says(gave_up) and "Haji Murad" not in says(gave_up)


def test_hit_and_struck_are_the_same_attack(engine):
    answer = engine.answer("from how many directions did the Taliban hit the Darzab stronghold?", Context())
    assert answer.answered and "three sides" in says(answer)


def test_an_intent_read_only_in_a_closing_time_clause_gives_way(engine):
    """"... while IS-KP was surrendering" says when: the surrender's figures do not answer a count
    of the dead."""
    answer = engine.answer("how many Taliban died in the air force bombing while IS-KP was surrendering?", Context())
    assert not answer.answered and "245" not in says(answer)


def test_early_mid_and_late_narrow_a_month(engine):
    kicked = engine.answer("which villages had IS-KP been kicked out of by mid July?", Context())
    assert "Kumarlik" in says(kicked)


def test_a_topics_answer_leads_with_the_fact_naming_what_the_question_names(engine):
    """The US-claims topic holds the Pentagon's report; the NATO mission's own report is told in
    the background: the question names the mission, so its report leads."""
    answer = engine.answer("What did NATO's Resolute Support mission report about Darzab in April 2018?", Context())
    assert "22 IS-KP fighters" in says(answer).split("\n")[0]


def test_a_sentence_about_the_asker_before_the_question_is_set_aside(engine):
    answer = engine.answer("I'm a journalist. Who lost the battle?", Context())
    assert answer.answered and "IS-KP lost" in says(answer) and answer.question.startswith("I'm a journalist")
    assert "Sorry" not in says(answer)
    premise = engine.answer("I read that 300 died. Is that right?", Context())
    assert "300" in says(premise)


def test_is_it_true_that_a_plain_past_statement_is_asked_as_did(engine):
    answer = engine.answer("Is it true that the Taliban lost?", Context())
    assert says(answer).startswith("No.") and "Taliban won" in says(answer)


def test_define_asks_what_a_thing_is(engine):
    answer = engine.answer("define IS-KP", Context())
    assert answer.answered and "Khorasan" in says(answer)


def test_the_significance_of_the_battle_is_asked_of_its_aftermath(engine):
    answer = engine.answer("what was the significance of the battle?", Context())
    assert answer.answered and answer.intent == "aftermath"


def test_and_another_person_asks_the_last_question_of_them(engine):
    when = dialogue(engine, "When did Qari Hekmat die?", "and Mullah Burjan?")
    assert "18 July" in says(when) and "executed" in says(when)


def test_chat_shorthand_reads_as_the_words_it_stands_for(engine):
    assert engine.answer("who r the taliban", Context()).intent == "group"
    won = engine.answer("who wun the batle of darzab", Context())
    assert won.answered and "Taliban won" in says(won)


def test_their_own_losses_after_a_claim_are_the_claimants_side(engine):
    own = dialogue(engine, "How many IS-KP fighters did the Taliban claim they killed?",
                   "and what about their own losses?")
    assert "17" in says(own) and "Taliban fighters killed" in says(own)


def test_who_gives_a_different_number_lists_the_claimants(engine):
    answer = engine.answer("Who gives a different figure for the Taliban dead?", Context())
    assert "70" in says(answer) and "spokesman" in says(answer) and answer.disputed


def test_name_as_a_command_lists_what_follows(engine):
    answer = engine.answer("Name a few of the foreign fighters' nationalities.", Context())
    assert answer.answered and "Chechens" in says(answer)


def test_the_person_a_who_answer_names_is_who_that_man_is_next(engine):
    admitted = dialogue(engine, "Who became IS-KP's second-in-command in Jowzjan?",
                        "How many deaths did that man admit to?")
    assert "40" in says(admitted) and "Nemat" in says(admitted)


def test_what_a_claimant_attributed_is_every_figure_it_gives(engine):
    answer = engine.answer("What losses did the governor's spokesman attribute to the two sides?", Context())
    assert all(n in says(answer) for n in ("70", "100", "52", "33"))


def test_a_role_wider_than_the_battles_commanders_is_declined_with_them(engine):
    answer = engine.answer("Who was the overall emir of ISIS-K?", Context())
    assert not answer.answered and "do not name the overall leader" in says(answer)
    plain = engine.answer("who commanded IS-KP in the battle?", Context())
    assert plain.answered and "Mufti Nemat" in says(plain)


def test_they_after_a_question_about_one_man_answered_with_another_means_the_two(engine):
    """"who was his second-in-command?" names a second man: "were they related?" asks of both,
    not of the side they fought for."""
    related = dialogue(engine, "Who led IS-KP in Jowzjan after Qari Hekmat died?",
                       "and who was his second-in-command?", "were they related?")
    assert related.answered and "brother-in-law" in says(related)
    pair = dialogue(engine, "Who led IS-KP in Jowzjan after Qari Hekmat died?",
                    "and who was his second-in-command?", "how were those two related?")
    assert "brother-in-law" in says(pair)  # "those two", "the pair": the same two men
    fates = dialogue(engine, "who led the islamic state in jowzjan when the battle happened?",
                     "how was he related to Mufti Nemat?", "what happened to the two of them in the end?")
    assert says(fates).startswith(("Mufti Nemat surrendered", "Mawlavi Habibul Rahman surrendered"))
    assert "Nemat" in says(fates) and "Habibul" in says(fates)


def test_they_means_the_side_once_the_two_men_are_no_longer_the_subject(engine):
    after = dialogue(engine, "Who led IS-KP in Jowzjan after Qari Hekmat died?",
                     "and who was his second-in-command?", "how many fighters did IS-KP have?",
                     "who did they fight?")
    assert "Taliban" in says(after)


def test_they_after_a_who_question_answered_with_a_voice_is_that_voice(engine):
    """"who disputed that?" answered with a voice that is no side: "their point" is that voice's."""
    point = dialogue(engine, "what did the US military claim about the defeat of IS-KP in Jowzjan?",
                     "who disputed that?", "what was their point?")
    assert point.answered and "desperate" in says(point)


def test_they_as_the_subject_of_saying_after_a_claim_is_the_claimant(engine):
    """"how many did they admit losing?" after the Taliban's claim of IS-KP dead: the Taliban
    speak, and what they admit losing is their own side's dead."""
    own = dialogue(engine, "How many IS-KP fighters did the Taliban claim to have killed?",
                   "how many did they admit to having lost?")
    assert "17" in says(own) and "40" not in says(own)
    captured = dialogue(engine, "who said 153?", "and how many did they say they captured?")
    assert "134" in says(captured)


def test_a_full_question_after_an_answer_is_not_bent_towards_what_was_just_cited(engine):
    """"when did the Taliban hit back?" names all it asks: the item saying that leads, not a fact
    that shares a quote with the last answer."""
    back = dialogue(engine, "what set off the fighting in July 2018?", "when did the Taliban hit back?")
    assert "12 July" in back.lead


def test_his_name_after_an_answer_about_a_voice_is_that_mans_name(engine):
    name = dialogue(engine, "what did the Taliban's spokesman announce about the prisoners?", "and what is his name?")
    assert name.answered and "Zabiullah Mujahid" in says(name)


def test_was_that_accurate_of_a_label_someone_gave_is_what_the_article_says_of_it(engine):
    """A fact telling that someone called the surrender a success is a saying: "was that accurate?"
    asks what the article says of it, not how reliable the casualty figures are."""
    judged = dialogue(engine, "how did the Americans and the Afghan government first describe the IS-KP surrender?",
                      "was that true?")
    assert "Taliban had defeated" in says(judged) and "questionable" not in says(judged)


def test_a_bare_when_after_an_answer_dates_what_it_told_not_the_battle_named_earlier(engine):
    """"in the battle" named the conflict two turns back; "when?" asks when the killing just told
    happened, not the battle's dates."""
    when = dialogue(engine, "Which Islamic State deputy commander died in the battle?", "when?")
    assert "22 July" in when.lead and "lasted" not in when.lead


def test_his_predecessor_is_the_one_he_succeeded_and_he_next(engine):
    ctx = Context()
    engine.answer("who commanded IS-KP in Jowzjan during the battle?", ctx)
    before = engine.answer("and who came before him, his predecessor?", ctx)
    assert before.answered and before.lead.startswith("Qari Hekmat")
    assert "airstrike" in says(engine.answer("how was he killed?", ctx))


def test_the_same_source_is_the_voice_just_quoted(engine):
    same = dialogue(engine, "how many IS-KP fighters did the governor's spokesman say were killed?",
                    "and the Taliban's losses by the same source?")
    assert "70" in says(same) and "spokesman" in says(same)
