"""The public development set: real users' questions, graded on the facts each answer must state.

The issue's goal: at least 95% answered correctly, and every out-of-scope question declined.
`python tests/devset/evaluate.py` lists every miss.
"""

from devset.evaluate import run, summary

MIN_ACCURACY = 0.95


def test_devset_accuracy_and_declines(engine):
    results = run(engine)
    stats = summary(results)
    misses = [f"{g.turn.item}: {g.turn.question!r} ({g.why})" for g in results if not g.ok]
    print(stats)
    assert stats["questions"] >= 400 and stats["out_of_scope"] >= 30
    assert stats["accuracy"] >= MIN_ACCURACY, "\n".join(misses)
    assert stats["declined"] == stats["out_of_scope"], "\n".join(m for m in misses if "out-of-scope" in m)


def test_devset_has_dialogues_typos_and_near_misses():
    from devset.evaluate import load_dialogues

    dialogues = load_dialogues()
    assert sum(len(d) > 1 for d in dialogues) >= 25
    assert sum(d[0].expect == "declined" for d in dialogues) >= 30
