"""A time clause put before the question it dates ("when X was nearly beaten, who did its
leaders contact?") goes after it, so the question opens with what it asks ("who"), not with
the clause's "when"."""

from __future__ import annotations

from .vocabulary import load_cues, load_lexicon

CUES = load_cues()
OPENERS = sorted((tuple(p.split()) for p in CUES.words_of("clause_openers")), key=len, reverse=True)
QUESTION_VERBS = CUES.words_of("question_verbs")
WH_WORDS = CUES.words_of("wh_words") - {"and"}
WH_PREPOSITIONS = CUES.words_of("wh_prepositions")
QUESTION_STARTS = WH_WORDS | QUESTION_VERBS
# "after that, ...", "after this, ...": a clause of a reference alone points back to the last answer
POINTING = frozenset(" ".join(p) for p in load_lexicon().refers_back) | WH_WORDS


def question_first(raw: str) -> str:
    """``raw`` with a fronted time clause moved to its end; any other text unchanged."""
    head, comma, rest = raw.partition(",")
    main = rest.strip()
    if not comma or not main:
        return raw
    words = head.split()
    lowered = [w.casefold() for w in words]
    opener = next((p for p in OPENERS if tuple(lowered[: len(p)]) == p), None)
    # "when did X start, and who won?" is a question itself
    rest_of_head = lowered[len(opener):] if opener else []
    if opener is None or not rest_of_head or rest_of_head[0] in QUESTION_VERBS or " ".join(rest_of_head) in POINTING:
        return raw
    first = [w.casefold() for w in main.split()[:2]]
    if first[0] not in QUESTION_STARTS and not (first[0] in WH_PREPOSITIONS and first[1:] and first[1] in WH_WORDS):
        return raw  # "into which provinces ...?" opens a question too
    end = "?" if main.endswith("?") else ""
    return f"{main.rstrip('?').rstrip()} {lowered[0]} {' '.join(words[1:])}{end}"
