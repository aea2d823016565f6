"""Baseline: answer with the single best BM25-matching sentence of the pack.

The sentences are every evidence quote, narrative fact, event summary and the
conflict summary. The baseline has no conversation context and no notion of
"I don't know" beyond a threshold on its top score: it declines when the top
score is below it. The threshold is chosen on the dev set itself (the value
that maximises its overall accuracy, i.e. the best any threshold can do), so
the baseline's figure is an optimistic one.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from knowledge import KnowledgeBase

from . import devset


def sentences(kb: KnowledgeBase) -> list[str]:
    pack = kb.pack
    out = [pack.conflict.summary]
    out += [ev.quote for ev in kb.everything_cited()]
    out += [f.text for f in pack.facts.values()]
    out += [f"{e.title}. {e.summary}" for e in pack.events.values()]
    for ev in pack.conflict.field_evidence.values():
        out.append(ev.quote)
    return list(dict.fromkeys(s.strip() for s in out if s and s.strip()))


@dataclass
class Baseline:
    threshold: float
    summary: dict
    latencies_ms: list[float]
    n_sentences: int


class Retriever:
    def __init__(self, kb: KnowledgeBase):
        from rank_bm25 import BM25Okapi

        from intents.normalize import normalize
        from intents.vocabulary import load_lexicon

        self._normalize = normalize
        self._stop = load_lexicon().stopwords
        self.sentences = sentences(kb)
        self.bm25 = BM25Okapi([self.tokens(s) or ["_"] for s in self.sentences])

    def tokens(self, text: str) -> list[str]:
        return [t for t in self._normalize(text).split() if t not in self._stop]

    def best(self, question: str) -> tuple[str, float]:
        query = self.tokens(question)
        if not query:
            return "", 0.0
        scores = self.bm25.get_scores(query)
        i = max(range(len(scores)), key=scores.__getitem__)
        return self.sentences[i], float(scores[i])


def run(kb: KnowledgeBase, dialogues: list[list]) -> Baseline:
    ev = devset.evaluate_module()
    retriever = Retriever(kb)
    turns = [t for d in dialogues for t in d]
    found, latencies = [], []
    for turn in turns:
        start = time.perf_counter_ns()
        found.append(retriever.best(turn.question))
        latencies.append((time.perf_counter_ns() - start) / 1e6)

    def graded(threshold: float) -> list:
        out = []
        for turn, (sentence, score) in zip(turns, found, strict=True):
            answer = {"answered": score >= threshold and bool(sentence), "answer": sentence}
            out.append(ev.Graded(turn, answer, *ev.grade(turn, answer)))
        return out

    has_oos = any(t.expect == "declined" for t in turns)
    candidates = sorted({0.0, *(s for _, s in found)}) if has_oos else [0.0]
    # best overall accuracy; among equals the lowest threshold (declines least)
    best = max(candidates, key=lambda th: (sum(g.ok for g in graded(th)), -th))
    return Baseline(best, ev.summary(graded(best)), latencies, len(retriever.sentences))
