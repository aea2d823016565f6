"""One fact once: no answer states the same sentence or fact twice (intents/dedupe.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from intents.answer import ITEM, LEAD, PARA, Citation, Part
from intents.dedupe import Words, dedupe, repeats, restates

DEVSET = Path(__file__).parent / "devset"
SETS = ("questions.yaml", "heldout.yaml", "heldout2.yaml")


@pytest.fixture(scope="module")
def evaluate():
    sys.path.insert(0, str(DEVSET))
    try:
        import evaluate as module
    finally:
        sys.path.remove(str(DEVSET))
    return module


@pytest.mark.parametrize("name", SETS)
def test_no_answer_says_a_sentence_or_fact_twice(engine, evaluate, name):
    graded = evaluate.run(engine, evaluate.load_dialogues(DEVSET / name))
    assert graded
    twice = []
    for g in graded:
        paragraphs = g.answer["answer"].split("\n\n")
        sentences = [s.strip() for p in paragraphs for s in p.splitlines() if s.strip()]
        exact = {s for s in sentences if sentences.count(s) > 1}
        pairs = repeats(paragraphs)
        if exact or pairs:
            twice.append((g.turn.question, sorted(exact), pairs[:2]))
    assert not twice, "\n".join(map(str, twice[:10]))


def test_where_is_sheberghan_says_the_helicopter_flight_once(engine):
    from bot.conversation import Conversations

    answer = Conversations(engine).ask(1, "Where is Sheberghan?")
    text = " ".join(p.text for p in answer.parts).lower()
    assert text.count("helicopter") == 1, text
    assert text.count("guests") == 1, text
    # the merged sentence keeps the citations of the sentences merged into it
    flown = next(p for p in answer.parts if "helicopter" in p.text)
    assert len(flown.cites) >= 2
    assert {n for p in answer.parts for n in p.cites} == {c.n for c in answer.citations}


def test_a_described_fact_restated_by_a_cited_one_merges_with_both_citations():
    cites = (
        Citation(1, "Article", "Aftermath", "the fighters were flown to the capital"),
        Citation(2, "Article", "Aftermath", "Following the surrender, the fighters were flown to the capital."),
    )
    parts = [
        Part("Oldtown is a town in Valley Province.", LEAD, (1,)),
        Part("The capital of Valley Province. The fighters who surrendered were flown here by helicopter."),
        Part("after the surrender of 2 May 1990: The surrendered fighters are flown to Oldtown", ITEM, (2,)),
        Part("After the surrender, the fighters were flown by helicopter to Oldtown, the capital of Valley Province.",
             PARA, (1,)),
    ]
    out = dedupe(parts, cites)
    assert [p.text for p in out] == [parts[0].text, parts[3].text]
    assert out[1].cites == (1, 2)  # the event's citation joined the fact it restated


def test_different_figures_names_or_negations_are_different_facts():
    def same(a: str, b: str) -> bool:
        return restates(Words.of(a), Words.of(b))

    assert not same("The Taliban lost 70 fighters by 18 July.", "The Taliban lost 17 fighters by 18 July.")
    assert not same("Overall assessment for the League: disputed, probably heavy.",
                    "Overall assessment for the Front: disputed, probably heavy, 900 dead.")
    assert not same("The prisoners were not released after the siege.", "The prisoners were released after the siege.")
    assert same("The fighters were flown by helicopter to Oldtown.",
                "After the surrender the fighters were flown by helicopter to Oldtown, the capital.")


def test_the_lead_stays_and_claims_side_by_side_are_kept():
    parts = [
        Part("The number of fighters killed is disputed: claims range from 40 to 153.", LEAD),
        Part("just 40, over the whole campaign, according to the leader", ITEM, (1,)),
        Part("52, by 18 July, according to the spokesman", ITEM, (2,)),
        Part("153, in the final operation, according to the Taliban", ITEM, (3,)),
    ]
    assert dedupe(parts) == parts
