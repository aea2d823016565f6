"""Typo tolerance: map an unknown word to the nearest known one.

Only words outside the known vocabulary are corrected, so "then" is never
read as "when". The allowed edit distance grows with word length: short
words must be nearly exact or they would match everything. Candidates are
bucketed by length, so a lookup compares against words of similar length
only, and results are cached.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA


def max_edits(length: int) -> int:
    """Edits tolerated for a word of ``length`` characters."""
    if length <= 2:
        return 0
    if length <= 5:
        return 1
    return 2


class SpellIndex:
    def __init__(self, words: Iterable[str], protected: Iterable[str] = ()):
        # protected: real words that are not typos of ours (never corrected, never targets)
        self.known = frozenset(words) | frozenset(protected)
        by_length: dict[int, list[str]] = defaultdict(list)
        for word in sorted(set(words)):
            if len(word) >= 3 and not word.isdigit():
                by_length[len(word)].append(word)
        self._by_length = dict(by_length)
        self._near: dict[int, list[str]] = {}
        self.correct = lru_cache(maxsize=50_000)(self._correct)

    def _candidates(self, length: int) -> list[str]:
        if length not in self._near:
            k = max_edits(length)
            self._near[length] = [
                w for n in range(length - k, length + k + 1) for w in self._by_length.get(n, ())
            ]
        return self._near[length]

    def _correct(self, token: str) -> tuple[str, float] | None:
        """The known word ``token`` most likely misspells, with a similarity in (0, 1].

        Returns ``(token, 1.0)`` for a known word and ``None`` when nothing is close.
        """
        if token in self.known:
            return token, 1.0
        edits = max_edits(len(token))
        if edits == 0 or token.isdigit():
            return None
        # Several words may be equally close: prefer one sharing the first letter.
        matches = process.extract(
            token, self._candidates(len(token)), scorer=OSA.distance, score_cutoff=edits, limit=8
        )
        if not matches:
            return None
        best = min(matches, key=lambda m: (m[1], m[0][0] != token[0], abs(len(m[0]) - len(token))))
        word, distance = best[0], best[1]
        if len(token) == 3 and word[0] != token[0]:
            return None  # three letters with a different start is a different word
        return word, 1.0 - distance / max(len(word), len(token))
