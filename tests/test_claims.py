"""Claims questions are queries over the pack's claims: each operation, on the bundled pack and on Velmora."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.conversation import Conversations
from bot.render import render_plain
from intents.context import Context
from intents.engine import Engine

VELMORA = Path(__file__).resolve().parent / "packs" / "velmora"


def answered_lead(engine, question: str) -> str:
    """The lead of the answer to ``question``, which must be answered."""
    answer = engine.answer(question, Context())
    assert answer.answered, question
    return answer.lead


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


# -- claims read compositionally: claimant, side counted, quoted figure, operation ----------------


def test_what_a_claimant_said_a_side_lost_is_that_claimants_figures(engine):
    [a] = ask_all(engine, "what did the Taliban say IS-KP lost?")
    assert a.intent == "claims" and a.disputed and "disputed" in text(a)
    assert all(n in text(a) for n in ("153", "100", "134")) and "won" not in text(a).split("\n")[0]


def test_a_side_that_no_figure_counts_speaks_through_its_sources(engine):
    [a] = ask_all(engine, "how many taliban died per the government?")
    assert "70" in text(a).split("\n")[0] and "spokesman" in text(a) and a.disputed


def test_their_own_losses_are_the_claimants_side(engine):
    [a] = ask_all(engine, "what did mufti nemat say about his own losses")
    assert text(a).startswith("IS-KP fighters killed: just 40") and a.disputed


def test_who_lost_more_between_two_sides_is_answered_by_each_claimant_counting_both(engine):
    [a] = ask_all(engine, "who lost more, the Taliban or IS-KP?")
    lead = text(a).split("\n")[0]
    assert lead.startswith("According to") and all(n in text(a) for n in ("70", "52", "17", "153")) and a.disputed


def test_higher_or_lower_names_the_two_claimants_figures_without_a_yes(engine):
    [a] = ask_all(engine, "Is the Taliban's figure for IS-KP dead higher or lower than the government's?")
    assert text(a).startswith("153 is higher") and "52" in text(a) and a.disputed


def test_whose_number_names_the_claimant_of_a_quoted_figure(engine):
    [a] = ask_all(engine, "whose number is 33?")
    assert a.intent == "quoted_figure" and "spokesman" in text(a) and "wounded" in text(a) and a.disputed


def test_a_quoted_figure_of_the_wrong_side_is_set_beside_what_the_sources_say(engine):
    [a] = ask_all(engine, "is it true 52 taliban were killed?")
    assert text(a).startswith("No source gives 52 for Taliban fighters killed")
    assert "70" in text(a) and "IS-KP fighters killed" in text(a) and a.disputed


def test_a_quoted_figure_put_in_the_wrong_mouth_names_its_claimant_without_a_verdict(engine):
    [a] = ask_all(engine, "Was it the Afghan army that said 153 militants were killed?")
    assert not text(a).startswith(("Yes", "No.")) and "according to the Taliban" in text(a) and a.disputed


def test_a_figure_nobody_gives_is_declined(engine):
    for question in ("whose figure is 254?", "Who said 400 IS-KP fighters were killed?"):
        [a] = ask_all(engine, question)
        assert not a.answered and "No source gives" in text(a)


def test_the_period_of_a_claimants_quoted_figure(engine):
    [a] = ask_all(engine, "Which part of the fighting does the Taliban's 153 claim refer to?")
    assert text(a).startswith("153") and "final operation" in text(a)


def test_a_follow_up_naming_only_a_claimant_compares_the_figure_last_talked_about(engine):
    *_, a = ask_all(engine, "what did nemat claim about his dead?", "how does it compare with the government's count?")
    assert "40" in text(a) and "52" in text(a) and "70" not in text(a) and a.disputed


def test_claims_operations_on_velmora(velmora):
    [said] = ask_all(velmora, "what did the League say the Front lost?")
    assert text(said).startswith("Coastal Front fighters killed: over 900") and "150 to 200" in text(said)
    assert said.disputed and "doubts" in text(said)
    [whose] = ask_all(velmora, "whose number is 900?")
    assert "League Herald" in text(whose).split("\n")[0] and whose.disputed
    [true] = ask_all(velmora, "is it true 900 Front fighters were killed?")
    assert not text(true).startswith(("Yes", "No.")) and "League Herald" in text(true) and true.disputed
    [wrong] = ask_all(velmora, "is it true 4000 Front fighters were killed?")
    assert text(wrong).startswith("No source gives 4,000 for Coastal Front fighters killed")
    assert "League fighters at the siege" in text(wrong) and wrong.disputed
    [when] = ask_all(velmora, "over what period is the 900?")
    assert "the whole siege" in text(when).split("\n")[0]
    [nobody] = ask_all(velmora, "whose figure is 1234?")
    assert not nobody.answered


def test_a_claimants_estimate_asked_by_name(engine):
    [a] = ask_all(engine, "What's the Jamestown estimate?")
    assert a.intent == "claimant_figures" and "300" in text(a) and "Jamestown" in text(a)
    [bare] = ask_all(engine, "what does wikipedia say")
    assert bare.intent != "claimant_figures"


def test_a_judge_of_the_claims_is_quoted_and_gives_no_figure_of_its_own(engine):
    [said] = ask_all(engine, "What did the Long War Journal say about the casualty claims?")
    assert said.answered and "questionable" in text(said) and "Taliban" in text(said)
    [count] = ask_all(engine, "How many deaths did the Long War Journal estimate?")
    assert not count.answered


def test_two_claimants_agreeing_is_settled_by_their_figures(engine):
    [a] = ask_all(engine, "Does Nemat agree with the Taliban about how many of his men died?")
    assert text(a).startswith("No, the two figures differ") and "40" in text(a) and "153" in text(a) and a.disputed


def test_two_readings_routed_to_the_same_handler_need_no_margin(engine):
    _, a = ask_all(engine, "how many isis-k fighters were killed?",
                   "going back to that death figure, what did the Taliban say instead?")
    assert a.answered and text(a).startswith("IS-KP fighters killed: 153")


def test_a_judge_on_velmora(velmora):
    [said] = ask_all(velmora, "What did the Monitor say about the figures?")
    assert said.answered and "doubts" in text(said)
    [count] = ask_all(velmora, "what death toll did the Harbour Monitor itself estimate for the Front")
    assert not count.answered
    # a source that gives no figure at all is asked for its judgement, whatever the verb
    [rated] = ask_all(velmora, "how did the Monitor rate the figures?")
    assert rated.answered and "doubts" in text(rated)


def test_how_a_source_that_only_judges_rates_the_claims_is_its_judgement(engine):
    for q in ("how did the Long War Journal rate the various casualty claims?",
              "how does the long war journal view the casualty claims?"):
        [a] = ask_all(engine, q)
        assert a.answered and "questionable" in text(a), q
    [count] = ask_all(engine, "how many killed according to the long war journal?")
    assert not count.answered and "gives no figure" in text(count)


def test_reliability_of_a_named_claimant_is_what_the_sources_say_of_it(engine):
    [judged] = ask_all(engine, "Can the Taliban's figures be trusted?")
    assert text(judged).startswith("The sources do not vouch for the figures of the Taliban")
    assert "questionable" in text(judged) and "153" in text(judged) and judged.disputed
    [unjudged] = ask_all(engine, "Is the Jamestown estimate reliable?")
    assert text(unjudged).startswith(
        "None of the sources judges how reliable the figures of a Jamestown Foundation expert")
    assert "300" in text(unjudged)


def test_agreement_on_a_figure_one_source_gives_shows_that_figure(engine):
    [a] = ask_all(engine, "do the sources agree on how many surrendered?")
    assert "only one source" in text(a) and "245" in text(a)


def test_reliability_of_a_named_claimant_on_velmora(velmora):
    [a] = ask_all(velmora, "Can the Front Bulletin's figures be trusted?")
    assert text(a).startswith("None of the sources judges how reliable the figures of the Front Bulletin")
    assert "150 to 200" in text(a) and a.disputed


def test_according_to_one_claimant_who_suffered_more_compares_every_side_it_counts(engine):
    [a] = ask_all(engine, "According to the Taliban, who suffered more dead, them or IS-KP?")
    assert "153" in text(a) and "17" in text(a) and a.disputed


def test_a_bare_follow_up_is_no_question_about_the_group(engine):
    [a] = ask_all(engine, "how many isis k died in darzab")
    assert a.intent == "casualties" and "153" in text(a) and a.disputed


def test_the_period_of_the_figure_the_conversation_is_on(engine):
    _, a = ask_all(engine, "what did a local civilian say about deaths?", "which day?")
    assert "17 July" in text(a) and "200" in text(a)
    _, b = ask_all(engine, "how many IS-KP fighters did the governor's spokesman say were killed?", "for what period?")
    assert "18 July" in text(b).split("\n")[0]
    [battle] = ask_all(engine, "for what period was the battle fought?")
    assert battle.intent == "dates"


def test_the_period_follow_up_on_velmora(velmora):
    _, a = ask_all(velmora, "how many Coastal Front fighters were killed?", "for what period?")
    assert "the whole siege" in text(a).split("\n")[0]


def test_which_covers_a_longer_period_asks_of_the_figures_just_compared(engine):
    *_, a = ask_all(engine, "What's the Jamestown estimate of the dead?",
                    "how does it compare with the governor's office death figures?",
                    "and which covers a longer period?")
    assert "whole battle" in text(a) and "18 July" in text(a) and "different periods" in text(a)


def test_a_follow_up_naming_another_claimant_gives_its_figures_for_the_same_side(engine):
    _, a = ask_all(engine, "what did the taliban say about their own losses", "and the governor's spokesman?")
    assert "70" in text(a) and "100" in text(a) and a.disputed
    _, b = ask_all(engine, "What did the governor's spokesman say about Taliban losses?", "and IS-KP's?")
    assert "52" in text(b) and "33" in text(b) and b.disputed


def test_and_according_to_another_claimant_continues_on_the_figures(engine):
    _, a = ask_all(engine, "Who lost more according to the governor's office?", "and according to the Taliban?")
    assert "153" in text(a) and "17" in text(a) and a.disputed


def test_a_strength_figure_according_to_a_person_is_that_persons_claim(engine):
    [a] = ask_all(engine, "how many men did the taliban mass in jowzjan for the offensive according to habibul rahman")
    assert "2,000" in text(a) and "Habibul Rahman" in text(a)


def test_is_that_more_than_a_claimant_compares_the_figure_the_last_answer_led_with(engine):
    _, a = ask_all(engine, "what's the highest estimate of IS-KP dead and whose is it?",
                   "is that more than the governor's office said?")
    assert text(a).startswith("Yes. 153") and "52" in text(a) and a.disputed
    _, b = ask_all(engine, "How many of his men did Nemat say died?", "is that more than the governor's office said?")
    assert text(b).startswith("No. 52") and "40" in text(b)


def test_their_own_after_a_claimants_figures_is_the_claimants_side(engine):
    *_, a = ask_all(engine, "how many ISIS-K did the Taliban say they wounded?", "and killed?", "and their own dead?")
    assert text(a).startswith("Taliban fighters killed: just 17") and a.disputed


def test_do_they_cover_the_same_period_lists_the_periods_of_the_figure_talked_about(engine):
    *_, a = ask_all(engine, "What did the governor's spokesman say about IS-KP dead?",
                    "and what figure did the Taliban give for the same thing?", "do they cover the same period?")
    assert "18 July" in text(a) and "final operation" in text(a) and "different periods" in text(a)
    assert not text(a).startswith(("Yes", "No"))


def test_a_total_that_includes_disputed_figures_is_flagged_disputed(engine):
    # one claimant's overall toll: disputed because the sides' dead it takes in are
    for q in ("Who came up with the 300 number?", "What did the Jamestown expert estimate?"):
        [a] = ask_all(engine, q)
        assert a.answered and a.disputed, q
        assert "300" in text(a) and "disputed" in text(a) and "40 to 153" in text(a), q


def velmora_with_a_total(tmp_path: Path) -> Path:
    """Velmora with an overall toll that includes the Front's disputed dead."""
    import shutil

    pack = tmp_path / "velmora"
    shutil.copytree(VELMORA, pack)
    main = pack / "main.yaml"
    body = main.read_text(encoding="utf-8")
    body = body.replace("measures:\n", "measures:\n  - id: all-killed\n    name: fighters killed overall\n"
                        "    kind: killed\n    subject_label: fighters on both sides\n"
                        "    includes: [front-killed]\n", 1)
    body = body.replace("claims:\n", "claims:\n  - id: narrator-all-killed\n    measure: all-killed\n"
                        "    value: 1000\n    qualifier: about\n    period: the whole siege\n"
                        "    claimant: narrator\n    section: The siege\n"
                        "    quote: the Herald counted over 900 Front dead\n", 1)
    main.write_text(body, encoding="utf-8")
    return pack


def test_a_total_is_disputed_on_another_pack(tmp_path):
    engine = Engine.load(velmora_with_a_total(tmp_path))
    assert engine.kb.dispute("all-killed").disputed
    [a] = ask_all(engine, "whose figure is 1000?")
    assert a.disputed and "disputed" in text(a) and "150 to 900" in text(a)


def test_a_civilian_measure_nobody_gives_is_answered_false_with_what_they_do_give(engine, velmora):
    for eng, shown in ((engine, "3,500 to 7,000"), (velmora, "600")):
        [a] = ask_all(eng, "how many civilians were wounded?")
        assert not a.answered and text(a).startswith("The sources give no figure for civilians wounded")
        assert shown in text(a)


def test_an_exact_figure_is_not_given_by_a_word_like_several(engine):
    for q in ("Exactly how many civilians were killed in the battle?",
              "What's the exact number of civilians killed in the battle?",
              "How many civilians in total were killed in the battle?"):  # the civilians, not the fighters' totals
        [a] = ask_all(engine, q)
        assert not a.answered and "no exact figure" in text(a) and "Several civilians killed" in text(a), q
    [a] = ask_all(engine, "how many civilians were killed?")  # without "exact", the word is the answer
    assert a.answered and "Several civilians killed" in text(a)


def test_a_side_or_person_standing_as_claimant_in_a_follow_up(engine, velmora):
    # "the government's count", "Nemat's figure", "X's own leadership": the sources speaking for
    # them are the claimant, and the follow-up keeps the side the conversation was on
    _, _, gov = ask_all(engine, "how many IS-KP died according to the taliban?", "and the other side?",
                        "what about the government's count?")
    assert gov.answered and gov.disputed and text(gov).startswith("Taliban fighters killed: 70")
    _, nemat = ask_all(engine, "what does the Long War Journal say about the casualty numbers?",
                       "so what's Nemat's figure again?")
    assert nemat.disputed and "40" in text(nemat) and "Nemat" in text(nemat)
    [own] = ask_all(engine, "what figure does IS-KP's own leadership give?")
    assert own.disputed and "40" in text(own)
    _, front, league = ask_all(velmora, "how many Front fighters were killed?", "what about the Front's own count?",
                               "and the League's count?")
    assert text(front).startswith("Coastal Front fighters killed: 150 to 200") and front.disputed
    assert text(league).startswith("Coastal Front fighters killed: over 900") and league.disputed


def test_the_highest_overall_is_of_every_figure_not_the_last(engine):
    *_, high = ask_all(engine, "how many IS-KP were killed according to the governor's spokesman?",
                       "whats the highest overall estimate?")
    assert "300" in text(high) and high.disputed


def test_is_that_number_reliable_is_never_a_bare_yes_and_speaks_of_the_last_figure(engine, velmora):
    _, strength = ask_all(engine, "how strong was the Taliban?", "is that number reliable?")
    assert not text(strength).startswith(("Yes", "No.", "No,")) and "None of the sources judges" in text(strength)
    assert "2,000" in text(strength)  # the figure asked about, not every disputed one
    _, killed = ask_all(engine, "how many IS-KP were killed?", "is that figure reliable?")
    assert not text(killed).startswith("Yes") and "Long War Journal" in text(killed) and killed.disputed
    _, league = ask_all(velmora, "how many fighters did the League have?", "is that number reliable?")
    assert not text(league).startswith("Yes") and "4,000" in text(league)
    _, front = ask_all(velmora, "how many Front fighters were killed?", "is that number reliable?")
    assert not text(front).startswith("Yes") and "Harbour Monitor" in text(front)


def test_a_figure_quoted_from_hearsay_is_checked_against_the_claims(engine, velmora):
    # "I read that ...", "someone on Twitter says ... Is that what he said?", "... Correct?": one ask,
    # the quoted figure set beside whose it is, never a verdict of our own
    [a] = ask_all(engine, "I read that 300 people died - is that the Taliban's number?")
    assert text(a).startswith("300 is not the Taliban's figure") and "Jamestown" in text(a) and a.disputed
    [b] = ask_all(engine, "Article I read said 245 ISKP were killed. Correct?")
    assert b.answered and text(b).startswith("No source gives 245 for IS-KP fighters killed")
    assert "surrendered" in text(b)
    [c] = ask_all(engine, "Someone on Twitter says 40 Taliban were killed, per Nemat. Is that what he said?")
    assert c.answered and c.disputed and "40" in text(c) and "IS-KP fighters killed" in text(c)
    assert not text(c).startswith(("Yes", "No.", "No,"))
    [d] = ask_all(engine, "did the Taliban kill over 100 of IS-KP's people in the final op?")  # op: operation
    assert d.answered and d.disputed and "153" in text(d)
    [v] = ask_all(velmora, "I read that 900 of the Front died - is that the Front Bulletin's number?")
    assert text(v).startswith("900 is not the Front Bulletin's figure") and "League Herald" in text(v) and v.disputed
    [w] = ask_all(velmora, "Someone online says 4000 Front fighters were killed. Correct?")
    assert w.answered and text(w).startswith("No source gives 4,000 for Coastal Front fighters killed")


def test_a_statement_then_a_short_question_about_it_is_one_ask():
    from intents.asks import split_asks

    said = "Article I read said 245 were killed. Correct?"
    assert split_asks(said) == [said]
    assert len(split_asks("Someone says 40 died. Is that what he said?")) == 1
    assert split_asks("The Front won. Who lost?") == ["The Front won.", "Who lost?"]
    assert split_asks("Tell me about the siege. Is that right?") == ["Tell me about the siege.", "Is that right?"]


def test_do_two_claimants_figures_cover_the_same_period(engine, velmora):
    # "the X's and the Y's numbers": both speak; the periods settle the yes or no
    [a] = ask_all(engine, "Do the government's and the Taliban's casualty numbers cover the same stretch of time?")
    assert "18 July" in text(a) and "late July" in text(a)
    assert "different periods" in text(a) and a.disputed
    [v] = ask_all(velmora, "Do the League's and the Front's numbers cover the same period?")
    assert "900" in text(v) and "150 to 200" in text(v) and "whole siege" in text(v)


def test_a_summary_of_one_claimants_claims_gives_every_kind_it_counts(engine, velmora):
    [a] = ask_all(engine, "Summarise the Taliban's claims about IS-KP losses.")
    assert all(n in text(a) for n in ("153", "over 100", "134")) and a.disputed  # captured is a loss they claim too
    assert text(a).startswith("IS-KP fighters killed: 153")
    [v] = ask_all(velmora, "Summarise the League Herald's claims.")
    assert text(v).startswith("Coastal Front fighters killed: over 900") and v.disputed


def test_who_gave_a_figure_as_a_follow_up(engine, velmora):
    _, who = ask_all(engine, "How many IS-KP were captured?", "by whose count?")
    assert who.answered and "Taliban" in text(who)
    _, low, high = ask_all(engine, "What's the range of IS-KP death estimates?", "who gave the low end?",
                           "and the high end?")
    assert "Nemat" in text(low) and text(low).startswith("The lowest claim") and low.disputed
    assert "Taliban" in text(high) and text(high).startswith("The highest claim") and high.disputed
    _, _, whom = ask_all(engine, "How many civilians were displaced?", "by when?", "according to whom?")
    assert not whom.answered and "in its own voice" in text(whom)  # the article names no claimant
    _, vlow = ask_all(velmora, "how many Front fighters were killed?", "who gave the low end?")
    assert "Front Bulletin" in text(vlow) and vlow.disputed
    _, vwhom = ask_all(velmora, "how many civilians were displaced?", "according to whom?")
    assert not vwhom.answered and "in its own voice" in text(vwhom)


def test_a_figure_nobody_gives_still_frames_the_follow_up(engine, velmora):
    # answered false for one side, "what about <the other>?" asks the same figure of it
    gov, taliban = ask_all(engine, "How many government casualties were there?", "what about the Taliban?")
    assert not gov.answered and taliban.answered and taliban.disputed
    assert "70" in text(taliban) and "17" in text(taliban)
    league, front = ask_all(velmora, "How many Highland League fighters were killed?", "what about the Front?")
    assert not league.answered and front.disputed and "150 to 200" in text(front) and "900" in text(front)


def test_the_conflicts_own_year_does_not_narrow_the_claims(engine, velmora):
    # "in 2018" for a battle of July 2018 takes in every claim of the battle (undated ones too),
    # not the raid of April 2018 before it
    [a] = ask_all(engine, "casualties darzab 2018 - all sources pls")
    assert "Jamestown" in text(a) and "Nemat" in text(a) and "April 2018 raid" not in text(a) and a.disputed
    [v] = ask_all(velmora, "all claims of Front dead in 1987")
    assert v.answered and v.disputed and "150 to 200" in text(v) and "900" in text(v)


def test_figures_by_source_list_each_claimants_figure(engine, velmora):
    [a] = ask_all(engine, "isis k losses by source pls")
    assert a.intent == "claims" and all(n in text(a) for n in ("40", "52", "153")) and a.disputed
    [v] = ask_all(velmora, "the Front's losses by source")
    assert v.intent == "claims" and "150 to 200" in text(v) and "900" in text(v) and v.disputed


def test_who_judged_the_figures_and_whose_claims_the_judgement_covers(engine, velmora):
    # "they're" reads as "they are"; "it" is the judge the last answer quoted; a judge gives no
    # figure, so "whose claims did it cover?" is answered with whom it judges
    _, who, whose = ask_all(engine, "Are the casualty numbers reliable?", "who said they're questionable?",
                            "whose claims did it cover?")
    assert "Long War Journal" in text(who) and not text(who).startswith(("Yes", "No.", "No,"))
    assert all(w in text(whose) for w in ("government", "Taliban", "civilian")) and "judges" in text(whose)
    _, vwhose = ask_all(velmora, "Are the casualty numbers reliable?", "whose claims did it cover?")
    assert "Harbour Monitor" in text(vwhose) and "League Herald" in text(vwhose)


def test_what_a_figure_counts_as_a_follow_up(engine, velmora):
    _, both = ask_all(engine, "who said 200?", "one side or both?")
    assert both.intent == "claims" and "both sides" in text(both) and "200" in text(both) and both.disputed
    _, include = ask_all(engine, "what did a local civilian say about deaths?", "does that include both sides?")
    assert "both sides" in text(include) and not text(include).startswith(("Yes", "No.", "No,"))
    _, counts = ask_all(engine, "who is the source for the 600-700 figure?", "what does it count?")
    assert "IS-KP fighters holding Darzab" in text(counts)
    _, vcounts = ask_all(velmora, "whose number is 900?", "what does it count?")
    assert "count Coastal Front fighters killed" in text(vcounts) and vcounts.disputed


def test_asking_who_said_it_keeps_the_conversation_on_the_figure(engine, velmora):
    # "according to whom?" names nothing: "and the Taliban?" still asks the figure before it
    *_, taliban = ask_all(engine, "How many fighters did IS-KP have in Darzab?", "according to whom?",
                          "and the Taliban?")
    assert taliban.intent == "strength" and "2,000" in text(taliban)
    *_, league = ask_all(velmora, "how many Front fighters were killed?", "says who?", "and the League?")
    assert league.intent == "casualties" and "Highland League killed" in text(league)


def test_the_side_of_a_group_names_the_group(engine):
    parsed = engine.understanding.parse("what kinds of forces fought on the Islamic State side?")
    side = parsed.tokens.index("side")
    assert side not in parsed.content  # "the Islamic State side" is the group, "side" asks nothing of its own


def test_a_claimant_named_by_a_possessive_alone_is_compared(engine, velmora):
    # "... compare with the Taliban's?": the Taliban's figure, not the Taliban's losses; a person and
    # the source they speak as are one claimant
    *_, cmp = ask_all(engine, "How many IS-KP did Nemat say died?", "Where were the surrendered fighters taken?",
                      "and how does his death number compare with the Taliban's?")
    assert "153" in text(cmp) and "40" in text(cmp) and "113 more" in text(cmp) and cmp.disputed
    [nemat] = ask_all(engine, "How many Taliban did Nemat say died?")
    assert "Mufti Nemat and" not in text(nemat)  # one claimant, named once
    _, vcmp = ask_all(velmora, "what did the Front Bulletin say about Front dead?",
                      "how does that compare with the League's?")
    assert "900" in text(vcmp) and "150 to 200" in text(vcmp) and "more than" in text(vcmp)


def test_an_overall_toll_is_compared_with_the_parts_another_claimant_gives(engine, tmp_path):
    _, cmp = ask_all(engine, "What's the Jamestown estimate of the dead?",
                     "how does it compare with the governor's office death figures?")
    assert "300" in text(cmp) and "70" in text(cmp) and "52" in text(cmp) and "122 together" in text(cmp)
    assert "periods differ" in text(cmp) and cmp.disputed
    other = Engine.load(velmora_with_a_total(tmp_path))
    [v] = ask_all(other, "how does the invented article's figure compare with the League Herald's figures?")
    assert "1,000" in text(v) and "over 900 Coastal Front fighters killed" in text(v) and v.disputed


def test_on_the_other_side_continues_the_figure(engine, velmora):
    # "on the Taliban side" names the Taliban: the keyword "side" does not make it a question about sides
    *_, taliban = ask_all(engine, "How many fighters did IS-KP have in Darzab?", "according to whom?",
                          "and on the Taliban side?")
    assert taliban.intent == "strength" and "2,000" in text(taliban) and "Habibul Rahman" in text(taliban)
    _, front = ask_all(velmora, "how many Front fighters were killed?", "and on the League side?")
    assert front.intent == "casualties" and "Highland League" in text(front)


def test_claimant_kinds_and_single_superlatives_are_claims_words(engine, velmora):
    # "an official or an analyst?" offers kinds of claimant; "the largest single number" is the highest
    [who] = ask_all(engine, "whose word does the 300 killed estimate rest on - an official or an analyst?")
    assert who.answered and "Jamestown" in text(who) and who.disputed
    [high] = ask_all(engine, "Among all the casualty claims, which is the largest single number?")
    assert text(high).startswith("The highest claim") and "300" in text(high) and high.disputed
    [vwho] = ask_all(velmora, "whose word does the 900 estimate rest on - an official or an analyst?")
    assert "League Herald" in text(vwho) and vwho.disputed
    [vhigh] = ask_all(velmora, "which is the largest single figure?")
    assert text(vhigh).startswith("The highest claim") and "900" in text(vhigh)


def test_a_quoted_figure_with_its_claimant_is_that_claim(engine, velmora):
    # "when were the 134 captured, per X?": X is the claimant, not the side counted; the claim and its period
    [a] = ask_all(engine, "When were the 134 captured, per the Taliban?")
    assert a.intent == "claims" and "134" in text(a) and "final operation of late July" in text(a) and a.disputed
    [v] = ask_all(velmora, "When were the 900 killed, according to the League Herald?")
    assert "over 900, the whole siege" in text(v).casefold() and v.disputed


def test_a_fact_about_a_disputed_measure_says_it_is_disputed(engine, tmp_path):
    [a] = ask_all(engine, "How many casualties did the Taliban reportedly inflict on IS-KP?")
    assert a.answered and a.disputed and "40 to 153" in text(a)  # "hundreds of casualties" is a disputed figure
    import shutil

    pack = tmp_path / "velmora"
    shutil.copytree(VELMORA, pack)
    main = pack / "main.yaml"
    body = main.read_text(encoding="utf-8")
    body = body.replace("facts:\n", "facts:\n  - id: f-heavy-losses\n    topic: siege\n"
                        "    text: The Front lost heavily in the last week of the siege.\n"
                        "    about: [coastal-front, front-killed]\n    source: narrator\n    section: The siege\n"
                        "    quote: the Front lost heavily in the last week\n", 1)
    main.write_text(body, encoding="utf-8")
    [v] = ask_all(Engine.load(pack), "did the Front lose heavily in the last week of the siege?")
    assert v.disputed and "150 to 900" in text(v)


def test_the_total_is_the_figure_that_includes_the_ones_talked_about(engine, tmp_path):
    *_, total = ask_all(engine, "How many Taliban were killed?", "what about their enemies?", "and the total?")
    assert "300" in text(total) and "Jamestown" in text(total) and total.disputed
    other = Engine.load(velmora_with_a_total(tmp_path))
    _, vtotal = ask_all(other, "how many Front fighters were killed?", "and the total?")
    assert "1,000" in text(vtotal) and "fighters killed overall" in text(vtotal).casefold() and vtotal.disputed


def test_why_are_they_so_far_apart_compares_the_two_figures(engine, velmora):
    *_, apart = ask_all(engine, "How many Taliban were wounded according to the Taliban?", "and the government?",
                        "why are they so far apart?")
    assert apart.intent == "claims" and "more than" in text(apart) and "18 July" in text(apart)
    assert "final operation" in text(apart) and apart.disputed
    _, vapart = ask_all(velmora, "how many Front fighters were killed?", "why are they so far apart?")
    assert "900" in text(vapart) and "150 to 200" in text(vapart) and "more than" in text(vapart)


def test_a_sides_own_leader_is_another_voice_for_the_last_figures(engine):
    convs = Conversations(engine)
    convs.ask("a", "what losses did the governor's spokesman report?")
    convs.ask("a", "and what did the Taliban say?")
    answer = convs.ask("a", "what about IS-KP's own leader?")
    assert answer.intent == "claims" and answer.disputed and "40" in answer.parts[0].text
    assert "Mufti Nemat" in answer.parts[0].text
    said = Conversations(engine).ask("b", "what did IS-KP's leader say?")
    assert said.intent == "claims" and "40" in said.parts[0].text
    assert Conversations(engine).ask("c", "who was IS-KP's leader?").intent == "commanders"


def test_his_followers_in_a_count_are_his_sides_people(engine):
    convs = Conversations(engine)
    convs.ask("a", "Who was Mufti Nemat?")
    answer = convs.ask("a", "How many of his followers did he say died?")
    assert answer.intent == "claims" and answer.disputed and "40" in answer.parts[0].text


def test_what_a_side_said_would_happen_to_prisoners_is_its_statement_not_its_figures(engine):
    asked = "what did the Taliban say would happen to the IS-KP fighters they had captured?"
    answer = Conversations(engine).ask("a", asked)
    assert answer.intent == "fact" and "military courts" in answer.parts[0].text and "134" not in answer.parts[0].text
    convs = Conversations(engine)
    convs.ask("b", "Who was Zabiullah Mujahid?")
    said = convs.ask("b", "What did he say would happen to the IS fighters his side had caught?")
    assert "military courts" in said.parts[0].text


def test_what_a_leader_admits_his_men_lost_is_his_sides_dead_by_him(engine):
    for q in ("how many of his men did mufti nemat admit lost?", "how many of his men did mufti nemat say were lost?"):
        [a] = ask_all(engine, q)
        assert a.answered and a.disputed and text(a).startswith("IS-KP fighters killed: just 40"), q
    [a] = ask_all(engine, "how many of the 245 who surrendered were Uzbeks?")  # a part no figure singles out
    assert not a.answered


def test_the_force_a_side_committed_is_its_strength(engine):
    [a] = ask_all(engine, "how many fighters did the taliban amass?")
    assert a.answered and "2,000" in text(a)
    [own] = ask_all(engine, "How many fighters did the Taliban themselves say they committed to the offensive?")
    assert not own.answered and text(own).startswith("The Taliban gives no figure for that")
    [unit] = ask_all(engine, "How many fighters did the Taliban's Red Unit commit to the Darzab assault?")
    assert not unit.answered


def test_civilians_killed_by_an_outside_agent_have_no_figure(engine):
    [a] = ask_all(engine, "How many civilians were killed by the Afghan Air Force bombing?")
    assert not a.answered and text(a).startswith("The sources give no figure for civilians killed by the Afghan")
    assert "Several civilians killed" in text(a)
    [side] = ask_all(engine, "how many civilians did IS-KP execute?")  # a side's own deed has its figure
    assert side.answered and "over 100" in text(side)


def test_a_toll_asked_for_one_day_needs_a_figure_for_that_day(engine):
    [a] = ask_all(engine, "How many were killed on 22 July?")  # late July's toll is no one day's
    assert not a.answered and text(a).startswith("The sources give no figures for those killed on 22 July 2018")
    [day] = ask_all(engine, "how many were killed on 17 july")
    assert day.answered and day.disputed and "200, on 17 July alone" in text(day)
    [by] = ask_all(engine, "how many were killed by 18 july")  # a total by then
    assert by.answered and "70, by 18 July" in text(by)
    [attack] = ask_all(engine, "how many died during the 22 July battle at Mughal?")  # that day, no total
    assert not attack.answered
    [as_of] = ask_all(engine, "what IS-KP losses did the governor's office give as of 18 July?")  # by then
    assert as_of.answered and "52, by 18 July" in text(as_of) and "33" in text(as_of)


def test_a_strength_asked_of_a_place_no_figure_is_about_has_none(engine, velmora):
    for q in ("how many soldiers were stationed at chinese camp", "How many IS-KP fighters were there in the whole of "
              "Afghanistan in 2018?"):
        [a] = ask_all(engine, q)
        assert not a.answered and text(a).startswith("The sources give no strength figure for"), q
    [own] = ask_all(velmora, "How big was the League force besieging Velmora?")  # the conflict's own place
    assert own.answered


def test_the_force_defending_a_place_is_a_strength(engine):
    [a] = ask_all(engine, "How big was the ISIS-K force defending Darzab?")
    assert a.answered and "600 to 700" in text(a)


def test_comparing_two_claims_with_the_other_estimates_lists_the_rest(engine):
    from intents.context import Context

    answer = engine.answer("Nemat says 40 of his men died while the Taliban claim 153 - how do those two stack up "
                           "against the other figures?", Context())
    text = " ".join(p.text for p in answer.parts)
    assert "113 more" in text and "52" in text


def test_which_organisation_gave_a_figure_asks_who_gave_it(engine):
    from intents.context import Context

    answer = engine.answer("Which institution's analyst put the militants killed at about 300?", Context())
    assert answer.answered and "Jamestown" in answer.lead


def test_a_count_asked_of_one_voice_is_not_answered_by_another_voices_fact(ask):
    """IS-KP gives no figure for the Taliban's dead; a fact in which the Taliban or a local counts
    the dead must not stand in for it."""
    answer = ask("how many Taliban did IS-KP claim to have killed in the fighting at Darzab?")
    assert not answer.answered and answer.lead.startswith("IS-KP gives no figure")
    assert "17" in " ".join(part.text for part in answer.parts)  # what the other voices do give
    assert not ask("how many Taliban did IS-KP claim it had shot dead in the fighting at Darzab?").answered


def test_being_on_board_with_figures_asks_whether_the_sources_agree(engine):
    """"on board with", "in agreement with": agreeing; the disputed figures answer, flagged."""
    [answer] = ask_all(engine, "are all the sources on board with the death toll?")
    assert answer.answered and answer.disputed


def test_how_reliable_is_answered_by_a_judgement_not_a_fact_only_keyed_to_it(engine):
    """A fact whose own words judge nothing ("accounts vary widely") gives way to the judgement of the
    figures, with each disputed one flagged."""
    [answer] = ask_all(engine, "how reliable are the death tolls from the fighting in Darzab?")
    assert answer.intent == "sources" and answer.disputed and "Long War Journal" in answer.lead


def test_a_strength_asked_of_a_claimant_is_that_claimants_strength_figure(engine):
    """"according to the Afghan government, how many IS-KP fighters held Darzab?": the government's
    estimate of IS-KP's strength, not the casualty figures its governor's spokesman gave."""
    for question in ("According to the Afghan government, how many IS-KP fighters held Darzab?",
                     "how many IS-KP fighters defended Darzab, according to the Afghan government?"):
        [answer] = ask_all(engine, question)
        assert "600 to 700" in answer.lead and "killed" not in answer.lead, question


def test_themselves_after_a_voice_counts_the_voices_own_side(engine):
    """"what did the Taliban themselves say about how many men they sent?": the Taliban's own
    strength, which they do not give; the figure others give for the Taliban, not IS-KP's."""
    [answer] = ask_all(engine, "what did the Taliban themselves say about how many men they sent?")
    assert not answer.answered and "2,000" in text(answer) and "600 to 700" not in text(answer)


def test_a_toll_asked_at_a_place_no_figure_is_about_has_none(engine):
    """"how many were captured at Mughal?": the late-July toll is no toll of that village; the
    battle's own places and the region around it keep their figures."""
    [village] = ask_all(engine, "how many fighters were captured at Mughal?")
    assert not village.answered and "at Mughal" in village.lead
    [region] = ask_all(engine, "how many IS-KP fighters were killed in northern Afghanistan?")
    assert region.answered and region.disputed


@pytest.mark.parametrize("question, figure", [
    ("How many of his followers did Mufti Nemat admit were killed during the entire battle?", "40"),
    ("how many of their own did the Taliban say died over the whole offensive", "17"),
])
def test_a_voices_own_losses_over_the_whole_conflict_are_its_figure(engine, question, figure):
    # "the entire battle", "the whole offensive" span the conflict: they single out no part of the dead
    answer = engine.answer(question, Context())
    assert answer.answered and figure in answer.parts[0].text


def test_another_voice_without_that_figure_gives_its_own_figure_of_that_kind(engine):
    # the civilian counts the dead of both sides, not IS-KP's alone: that figure, and what it is not
    convs = Conversations(engine)
    convs.ask("d", "How many IS-KP fighters did the Taliban say they killed?")
    answer = convs.ask("d", "and what did the local civilian report?")
    said = render_plain(answer, with_sources=False, with_suggestions=False)
    assert answer.answered and answer.lead.startswith("Fighters killed on both sides: 200")
    assert "no separate figure for IS-KP fighters killed" in said and "disputed" in said


@pytest.mark.parametrize("question", [
    "Did the Taliban bring fighters from beyond the north to Jowzjan?",
    "did the taliban have to bring in men from outside northern afghanistan",
])
def test_a_place_named_after_outside_is_not_where_a_figure_must_be(engine, question):
    # "from outside the north": the 2,000 the Taliban brought from other regions answer it
    assert "2,000" in answered_lead(engine, question)


@pytest.mark.parametrize("question", [
    "How trustworthy are the casualty numbers given for Darzab?",
    "How reliable are the different casualty numbers for Darzab?",
])
def test_a_reading_of_the_numbers_alone_is_no_rival_to_how_far_they_can_be_trusted(engine, question):
    assert "Long War Journal" in answered_lead(engine, question)


@pytest.mark.parametrize("question, lead", [
    ("How many of their own men did the Taliban admit losing in the final operation against IS-KP?",
     "Taliban fighters killed: just 17"),
    ("how many fighters did IS-KP say it lost in the campaign against the Taliban", "IS-KP fighters killed: just 40"),
])
def test_the_side_fought_against_is_not_counted_nor_compared(engine, question, lead):
    # "against X" names whom they fought: no comparison is asked, and X's dead are not the ones admitted
    assert engine.answer(question, Context()).lead.startswith(lead)


def test_a_voice_asked_of_something_other_than_figures_is_answered_from_the_facts(engine):
    # "according to X, what did Y's claim of victory show?": no count, measure or figure is asked
    question = "According to the Long War Journal, what did American efforts to take credit for the win show?"
    answer = engine.answer(question, Context())
    assert "desperate" in answer.lead
    tally = engine.answer("What is the governor's spokesman's full tally for both sides?", Context())
    assert "52" in " ".join(p.text for p in tally.parts)  # a tally is a count: his figures
