"""A time clause put before the question it dates ("when X was nearly beaten, who did its
leaders contact?") goes after it, so the question opens with what it asks ("who"), not with
the clause's "when"."""

from __future__ import annotations

from .vocabulary import load_cues

CUES = load_cues()
OPENERS = sorted((tuple(p.split()) for p in CUES.words_of("clause_openers")), key=len, reverse=True)
QUESTION_VERBS = CUES.words_of("question_verbs")
QUESTION_STARTS = (CUES.words_of("wh_words") - {"and"}) | QUESTION_VERBS


def question_first(raw: str) -> str:
    """``raw`` with a fronted time clause moved to its end; any other text unchanged."""
    head, comma, rest = raw.partition(",")
    main = rest.strip()
    if not comma or not main:
        return raw
    words = head.split()
    lowered = [w.casefold() for w in words]
    opener = next((p for p in OPENERS if tuple(lowered[: len(p)]) == p), None)
    # "after that, ..." points back (one word); "when did X start, and who won?" is a question itself
    if opener is None or len(words) < len(opener) + 2 or lowered[len(opener)] in QUESTION_VERBS:
        return raw
    if main.split()[0].casefold() not in QUESTION_STARTS:
        return raw
    end = "?" if main.endswith("?") else ""
    return f"{main.rstrip('?').rstrip()} {lowered[0]} {' '.join(words[1:])}{end}"
