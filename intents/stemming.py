"""Word forms: a light stemmer, so "reached" meets "reach" and "territories" meets "territory"."""

from __future__ import annotations

from functools import lru_cache

from .vocabulary import load_lexicon

IRREGULAR = load_lexicon().irregular_forms
_SHORTEST_STEM = {"ing": 2, "ed": 2}  # "using"/"used"/"use" -> "us"
_SUFFIXES = (
    "ations", "ation", "ions", "ion", "ings", "ing", "edly", "ates", "ated", "ate",
    "ers", "ed", "er", "es", "ly", "s", "e",
)


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude stem: "reached"/"reach", "territories"/"territory", "executions"/"execute".

    Two passes, so a word and its inflection meet: "surrendered" and "surrender" both
    become "surrend"."""
    return _strip_suffix(_strip_suffix(IRREGULAR.get(word, word)))


def _strip_suffix(word: str) -> str:
    if len(word) <= 3:
        return word[:-1] if len(word) == 3 and word.endswith("e") else word  # "use"/"using"
    if word.endswith("ies"):
        return word[:-3] + "y"
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _SHORTEST_STEM.get(suffix, 3):
            return word[: -len(suffix)]
    return word
