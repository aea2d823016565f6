"""Score every intent against a parsed question.

An intent's score is how much of the question it explains: the share of the
question's meaningful words covered by its keywords and by the entities it
uses, weighted by how exactly the words were typed, plus a small bonus for
longer (more specific) keyword phrases and for needed slots that are filled.
Unexplained words pull the score down, which is what keeps "what is the
population of Darzab" from being answered as if it were about Darzab.
"""

from __future__ import annotations

from collections import defaultdict

from knowledge.records import dataclass

from .understand import SIDE_WORDS, Parsed, find_phrase
from .vocabulary import IntentSpec, Phrase, load_cues

PHRASE_BONUS = 0.03  # per extra word in the longest keyword phrase matched
NEED_BONUS = 0.05  # per needed slot filled
ARTICLES = load_cues().words_of("articles")  # "the ...", "a ...": no question word opens the question
OPENER_BONUS = 0.05  # a keyword that opens the question ("when", "who won") says what is asked
KEYWORD_BONUS = 0.04  # for the share of meaningful words explained by keywords rather than names
UNKNOWN_EXTRA = 3.0  # extra weight of an unknown word in the coverage denominator
FUNCTION_WORDS_COVERAGE = 0.9  # a question of function words only, matched by a keyword


@dataclass(frozen=True)
class IntentScore:
    spec: IntentSpec
    score: float
    keywords: tuple[str, ...]
    coverage: float
    raw: float = 0.0  # before capping at 1: ranks two full matches by specificity
    explained: frozenset[int] = frozenset()  # question positions its keywords and slots explain


class Matcher:
    def __init__(self, intents: tuple[IntentSpec, ...], understood: dict[str, frozenset[str]] | None = None):
        self.intents = intents
        # words each intent's handler reads (its cues): they are explained, not merely present
        self.understood = understood or {}
        # first word -> each phrase starting with it, once, with its owners: (intent index,
        # required group index or -1); a phrase many intents list is compared once a position
        owners: dict[Phrase, list[tuple[int, int]]] = defaultdict(list)
        for n, spec in enumerate(intents):
            for g, group in enumerate(spec.require):
                for p in group:
                    owners[p].append((n, g))
            for p in spec.optional:
                owners[p].append((n, -1))
        by_first: dict[str, list[tuple[Phrase, int, tuple[tuple[int, int], ...]]]] = defaultdict(list)
        for p, found in owners.items():
            by_first[p[0]].append((p, len(p), tuple(found)))
        # the phrases that may start at a word, in that order, by the word and the next one: its
        # one-word phrases and those whose second word that is ("how" starts dozens of phrases)
        self._singles = {w: [e for e in entries if e[1] == 1] for w, entries in by_first.items()}
        self._by_pair = {(w, p[1]): [e for e in entries if e[1] == 1 or e[0][1] == p[1]]
                         for w, entries in by_first.items() for p, _, _ in entries if len(p) > 1}
        self._joined = {p: " ".join(p) for p in owners}  # a phrase as the keyword it is shown as
        # what scoring reads of each intent on every question, read once
        self._required = [len(spec.require) for spec in intents]
        self._subjects = [(*spec.slots, "conflict") for spec in intents]  # the battle is every intent's subject
        self._reads = [self.understood.get(spec.name, frozenset()) for spec in intents]

    def score(self, parsed: Parsed, available: set[str]) -> list[IntentScore]:
        """Scores of the intents whose required keywords and needed slots are present.

        ``available`` holds the slot types the question or its context can fill.
        """
        tokens = parsed.tokens
        hits: dict[int, list[tuple[Phrase, int, int]]] = defaultdict(list)  # intent -> (phrase, pos, group)
        # words of a reference ("the other side") stand for a name, not for an intent's keyword
        starts = set(parsed.pronouns.values())
        referring = {
            i for e in parsed.entities if e.start in starts and e.end - e.start > 1 for i in range(e.start, e.end)
        }
        # "on the Taliban side": the word names the group, it is no keyword ("side" of "which side won?")
        referring |= {e.end for e in parsed.entities
                      if e.type == "group" and e.end < len(tokens) and tokens[e.end] in SIDE_WORDS}
        # "near the end of the battle" is a date: its "end" asks for no end date
        referring |= parsed.edges
        last = len(tokens) - 1
        for pos, token in enumerate(tokens):
            if pos in referring:
                continue
            entries = self._by_pair.get((token, tokens[pos + 1])) if pos < last else None
            for words, size, found in self._singles.get(token, ()) if entries is None else entries:
                if size <= 2 or tuple(tokens[pos : pos + size]) == words:  # a pair's two words matched
                    for n, group in found:
                        hits[n].append((words, pos, group))

        entity_positions: dict[str, set[int]] = defaultdict(set)
        for e in parsed.entities:
            entity_positions[e.type].update(range(e.start, e.end))
        read_at: dict[frozenset[str], list[int]] = {}  # a handler's words -> where the question says them

        results = []
        when_only: set[str] = set()
        for n, found in hits.items():
            required = self._required[n]  # every group found: as many distinct groups as it has
            if required and len({g for _, _, g in found if g >= 0}) != required:
                continue
            spec = self.intents[n]
            if any(t not in available for t in spec.need):
                continue
            if required and parsed.aside and all(pos in parsed.aside for _, pos, g in found if g >= 0):
                when_only.add(spec.name)  # "how many were killed ... while they were surrendering?": it says when
            if any(find_phrase(tokens, words) for words in spec.exclude):
                continue
            explained: set[int] = set()
            for words, pos, _ in found:
                explained.update(range(pos, pos + len(words)))
            read = self._reads[n]
            if read not in read_at:
                read_at[read] = [i for i, t in enumerate(tokens) if t in read]
            explained.update(read_at[read])
            for slot in self._subjects[n]:
                named = entity_positions.get(slot)
                if named:
                    explained |= named
            explained |= parsed.frame
            content = parsed.content
            if content:
                # a word we do not know at all ("kunduz", "population") counts double:
                # it is the likeliest sign the question is about something else
                total = len(content) + UNKNOWN_EXTRA * len(parsed.unknown - explained)
                coverage = len(explained & content) / total
            else:  # only function words ("who are you?", "and when?"): trust the keyword
                coverage = FUNCTION_WORDS_COVERAGE
            weights = [parsed.similarity[i] for i in explained] or [1.0]
            quality = sum(weights) / len(weights)
            longest = max(len(words) for words, _, _ in found)
            bonus = PHRASE_BONUS * min(3, longest - 1) + NEED_BONUS * len(spec.need)
            if any(pos == 0 and (len(words) > 1 or tokens[0] not in ARTICLES) for words, pos, _ in found):
                bonus += OPENER_BONUS  # "when ...", "where ...": the question word leads ("the ..." does not)
            by_keywords = {i for words, pos, _ in found for i in range(pos, pos + len(words))} & content
            bonus += KEYWORD_BONUS * len(by_keywords) / max(1, len(content))
            raw = round(coverage * quality + bonus, 9) if coverage > 0 else 0.0  # set order must not break ties
            keywords = tuple(dict.fromkeys(self._joined[w] for w, _, _ in found))
            results.append(IntentScore(spec, min(1.0, raw), keywords, coverage, raw, frozenset(explained)))
        # an intent read only in a closing time clause is no reading when another is read outside it
        if when_only and any(r.spec.name not in when_only for r in results):
            results = [r for r in results if r.spec.name not in when_only]
        # rank on the uncapped score so specificity still separates two full matches
        results.sort(key=lambda r: (r.raw, len(r.spec.need), r.coverage), reverse=True)
        return results
