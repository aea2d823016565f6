"""A tiny run of each benchmark piece, so `python -m benchmarks` keeps working. No timing assertions."""

from __future__ import annotations

import importlib
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # benchmarks/ is not installed; `pytest` (unlike `python -m pytest`) skips the cwd
    sys.path.insert(0, str(REPO))
synthetic = importlib.import_module("benchmarks.synthetic")
fuzz = importlib.import_module("benchmarks.fuzz")
latency = importlib.import_module("benchmarks.latency")
devset = importlib.import_module("benchmarks.devset")
stats = importlib.import_module("benchmarks.stats")
cli = importlib.import_module("benchmarks.cli")


def test_synthetic_2x_pack_loads_and_answers(tmp_path):
    from intents.engine import Engine
    from knowledge import fold, load_pack

    path = synthetic.write_pack(tmp_path / "pack2x", 2, seed=1)
    pack = load_pack(path)  # raises PackErrors if the generator wrote anything invalid
    bundled = load_pack(synthetic.bundled_pack_path())
    for table in synthetic.TABLES:
        assert len(getattr(pack, table)) >= len(getattr(bundled, table))
    assert len(pack.people) > len(bundled.people) and len(pack.events) > len(bundled.events)
    owners: dict[str, set[str]] = {}
    for table in (pack.groups, pack.people, pack.places, pack.sources):
        for e in table.values():
            for name in (e.name, *e.aliases):
                owners.setdefault(fold(name), set()).add(e.id)
    clashes = {n: ids for n, ids in owners.items() if len(ids) > 1 and any(i.startswith("syn-") for i in ids)}
    assert not clashes, clashes
    engine = Engine.load(path)
    dialogues, _ = devset.load()
    run = latency.measure(engine, dialogues[:20], passes=1)
    assert not run.errors, run.errors
    assert len(run.latencies_ms) == sum(len(d) for d in dialogues[:20])


def test_synthetic_names_avoid_the_vocabulary(tmp_path):
    path = synthetic.write_pack(tmp_path / "p", 3, seed=2)
    reserved = synthetic._reserved_words()
    pack = synthetic.load_pack(path)
    for person in pack.people.values():
        if person.id.startswith("syn-"):
            given_family = person.aliases[0].split()
            assert not {w.lower() for w in given_family} & reserved


def test_fuzz_500_inputs_raise_nothing(engine):
    result = fuzz.run_chunk(engine, seed=11, chunk=0, count=500)
    assert result.inputs == 500
    assert result.exceptions == 0, result.failures[:3]


def test_fuzz_generator_is_deterministic(engine):
    def texts():
        rng = random.Random(5)
        gen = fuzz.Generator(fuzz.vocabulary(engine), ["who won the battle"], rng)
        return [gen.text() for _ in range(50)]

    assert texts() == texts()


def test_spelling_index_matches_a_full_scan():
    """intents.spelling's index must correct exactly as the plain scan it replaced."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    from intents.spelling import SAME_START_BELOW, SpellIndex, max_edits

    rng = random.Random(3)
    alphabet = "abcdeilnorstu"
    words = sorted({"".join(rng.choice(alphabet) for _ in range(rng.randrange(3, 11))) for _ in range(600)})
    index = SpellIndex(words, protected=["population"])
    ranked = sorted(words, key=lambda w: (len(w), w))

    def scan(token):
        if token in index.known:
            return token, 1.0
        edits = max_edits(len(token))
        if edits == 0 or token.isdigit():
            return None
        cands = [w for w in ranked if abs(len(w) - len(token)) <= edits]
        matches = process.extract(token, cands, scorer=OSA.distance, score_cutoff=edits, limit=8)
        if not matches:
            return None
        def keeps_letters(word):  # a dropped letter is likelier than a wrong one
            letters = iter(word)
            return all(c in letters for c in token)

        best = min(matches, key=lambda m: (m[1], m[0][0] != token[0], not keeps_letters(m[0]),
                                           abs(len(m[0]) - len(token))))
        if best[0][0] != token[0] and len(token) < SAME_START_BELOW:
            return None
        return best[0], 1.0 - best[1] / max(len(best[0]), len(token))

    tokens = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 14))) for _ in range(3000)]
    tokens += [w[:i] + w[i + 1 :] for w in words[:200] for i in (0, len(w) // 2)]
    tokens += ["x" * 300, "population", "12345"]
    for token in tokens:
        assert index.correct(token) == scan(token), token


def test_bm25_baseline_runs(engine):
    import pytest

    pytest.importorskip("rank_bm25")
    bm25 = importlib.import_module("benchmarks.bm25")
    dialogues, _ = devset.load()
    base = bm25.run(engine.kb, dialogues[:10])
    assert base.n_sentences > 10
    assert 0 <= base.summary["accuracy"] <= 1


def test_cli_quick_subset_prints_tables(capsys):
    assert cli.main(["--quick", "--only", "latency", "--only", "malformed"]) == 0
    out = capsys.readouterr().out
    assert "p99 ms" in out and "Malformed packs" in out


def test_percentile():
    assert stats.percentile([5, 1, 3, 2, 4], 50) == 3
    assert stats.percentile([1.0] * 99 + [100.0], 99) == 1.0
    assert stats.percentile(list(range(1, 101)), 99) == 99
