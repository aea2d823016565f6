"""Typo tolerance: map an unknown word to the nearest known one.

Only words outside the known vocabulary are corrected, so "then" is never
read as "when". The allowed edit distance grows with word length: short
words must be nearly exact or they would match everything. Results are
cached.

Lookups use a deletion-neighbourhood index (as SymSpell does): every known
word is filed under the strings left after deleting up to two of its letters,
and a token is looked up under its own deletions. Two words within ``k``
edits (substitutions, insertions, deletions or swaps of neighbours) always
share a string reached by at most ``k`` deletions from each, so the index
finds every candidate a full scan would, and the real distance is then
computed for those few only. A lookup therefore costs about the same for a
thousand words as for a hundred thousand. The index is built per word length
on first need, so starting up and answering questions without typos cost
nothing extra.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from functools import lru_cache
from itertools import chain

MAX_MATCHES = 8  # the nearest candidates considered when breaking ties


SAME_START_BELOW = 8  # a shorter word is only corrected to one that starts with the same letter


def max_edits(length: int) -> int:
    """Edits tolerated for a word of ``length`` characters."""
    if length <= 2:
        return 0
    if length <= 5:
        return 1
    return 2


def _index_depth(length: int) -> int:
    """Deletions to index for a known word of ``length``: the most any token that may reach it tolerates."""
    return max(
        (max_edits(n) for n in range(max(1, length - 2), length + 3) if abs(n - length) <= max_edits(n)),
        default=0,
    )


def _deletions(word: str, depth: int) -> set[str]:
    """``word`` and every string left after deleting up to ``depth`` (at most 2) of its letters."""
    n = len(word)
    out = {word}
    if depth >= 1:
        out.update([word[:i] + word[i + 1 :] for i in range(n)])
    if depth >= 2:
        out.update([word[:i] + word[i + 1 : j] + word[j + 1 :] for i in range(n) for j in range(i + 1, n)])
    return out


def _keeps_letters(typed: str, word: str) -> bool:
    """Whether ``word`` holds every letter typed, in order: a dropped letter ("wher" for "where")
    is a likelier slip than a wrong one ("when")."""
    letters = iter(word)
    return all(c in letters for c in typed)


class WordSets:
    """Several collections of words read as one, without copying them into a new set (the
    30,000 everyday English words stay the one table the engine and its snapshot share)."""

    def __init__(self, *sets: Collection[str]):
        self.sets = sets

    def __contains__(self, word: object) -> bool:
        return any(word in s for s in self.sets)

    def __iter__(self) -> Iterator[str]:
        return chain.from_iterable(self.sets)


class SpellIndex:
    def __init__(self, words: Iterable[str], protected: Iterable[str] = (), preferred: Iterable[str] = ()):
        # protected: real words that are not typos of ours (never corrected, never targets);
        # preferred: words a question is most likely to contain ("wen" is "when", not "win")
        self._words = frozenset(words)
        self._protected = protected if isinstance(protected, WordSets) else frozenset(protected)
        self.preferred = frozenset(preferred)
        self._tables: tuple[frozenset[str], dict[int, list[str]], dict[str, int]] | None = None
        self._deletes: dict[str, tuple[str, ...]] = {}  # deletion string -> known words
        self._indexed: set[int] = set()  # word lengths already in _deletes
        self.correct = lru_cache(maxsize=50_000)(self._correct)

    def _built(self) -> tuple[frozenset[str], dict[int, list[str]], dict[str, int]]:
        """The known words, the indexed words by length and their scan order: built on the first
        correction, since most questions have no typo (start-up and the snapshot skip them)."""
        if self._tables is None:
            by_length: dict[int, list[str]] = defaultdict(list)
            for word in sorted(self._words):
                if len(word) >= 3 and not word.isdigit():
                    by_length[len(word)].append(word)
            # A full scan would visit candidates by length, then alphabetically: ties keep that order.
            rank = {w: n for n, w in enumerate(w for length in sorted(by_length) for w in by_length[length])}
            self._tables = (self._words | frozenset(self._protected), dict(by_length), rank)
        return self._tables

    @property
    def known(self) -> frozenset[str]:
        return self._built()[0]

    @property
    def _by_length(self) -> dict[int, list[str]]:
        return self._built()[1]

    @property
    def _rank(self) -> dict[str, int]:
        return self._built()[2]

    # The per-instance lru_cache wrapper cannot be pickled (the engine snapshot pickles this):
    # leave it, and the tables built on demand, out; a restored index builds them again if asked.
    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        del state["correct"]
        state["_tables"], state["_deletes"], state["_indexed"] = None, {}, set()
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.correct = lru_cache(maxsize=50_000)(self._correct)

    def _index_length(self, length: int) -> None:
        if length in self._indexed:
            return
        self._indexed.add(length)
        # The collector is paused while the index grows: it makes no cycles, and on a big pack
        # the collections the new objects would trigger took most of the build (3.3 s of 1.2)
        paused = gc.isenabled()
        gc.disable()
        try:
            self._add_length(length)
        finally:
            if paused:
                gc.enable()

    def _add_length(self, length: int) -> None:
        depth = _index_depth(length)
        added: dict[str, list[str]] = defaultdict(list)
        for word in self._by_length.get(length, ()):
            for key in _deletions(word, depth):
                added[key].append(word)
        # tuples of strings, not lists: the collector stops tracking them. The index is built
        # after the pack was frozen (bot/loading.py), and as 600,000 lists on a big pack it made
        # every full collection walk it (400 ms, inside some unlucky question)
        deletes = self._deletes
        for key, words in added.items():
            deletes[key] = deletes.get(key, ()) + tuple(words)

    def _correct(self, token: str) -> tuple[str, float] | None:
        """The known word ``token`` most likely misspells, with a similarity in (0, 1].

        Returns ``(token, 1.0)`` for a known word and ``None`` when nothing is close.
        """
        if token in self._words or token in self._protected:  # as `known`, without building it
            return token, 1.0
        edits = max_edits(len(token))
        if edits == 0 or token.isdigit():
            return None
        lengths = range(len(token) - edits, len(token) + edits + 1)
        if not any(n in self._by_length for n in lengths):
            return None  # no known word is near that long ("xiixiixii...")
        from rapidfuzz.distance import OSA  # imported on the first typo, not at start-up

        for n in lengths:
            self._index_length(n)
        candidates: set[str] = set()
        for key in self._deletes.keys() & _deletions(token, edits):
            candidates.update(w for w in self._deletes[key] if len(w) in lengths)
        matches = []
        for word in candidates:
            distance = OSA.distance(token, word, score_cutoff=edits)
            if distance <= edits:
                matches.append((distance, self._rank[word], word))
        if not matches:
            return None
        # the nearest few in scan order; several may be equally close: prefer one sharing the first letter
        matches = sorted(matches)[:MAX_MATCHES]
        distance, _, word = min(
            matches,
            key=lambda m: (m[0], m[2][0] != token[0], m[2] not in self.preferred, not _keeps_letters(token, m[2]),
                           abs(len(m[2]) - len(token))),
        )
        if word[0] != token[0] and len(token) < SAME_START_BELOW:
            return None  # "founded" is not a typo of "wounded": people rarely mistype a short word's first letter
        return word, 1.0 - distance / max(len(word), len(token))
