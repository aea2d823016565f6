"""Normalise what users type into comparable tokens.

Casefold, strip accents and punctuation, join digit groups ("3,500" -> "3500"),
drop ordinal suffixes ("22nd" -> "22"), collapse white space, and cap the length
so a 10,000-character message costs no more than a long question.
"""

from __future__ import annotations

import re
import unicodedata

from knowledge import fold  # the pack compares aliases in the same folded form

MAX_CHARS = 400  # longer input is cut: no real question needs more

_DIGIT_GROUPS = re.compile(r"(?<=\d)[,.](?=\d{3}\b)")
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")
_POSSESSIVE = re.compile(r"['’`´]s\b")
_APOSTROPHE = re.compile(r"['’`´]")
_NON_WORD = re.compile(r"[^\w]+")
_ASCII_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")
_PLAIN = re.compile(r"[A-Za-z ]*")  # ASCII letters and spaces only: the fast path of normalize()
_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,40}>")  # pasted markup: "<b>who</b> won"


def clean(text: str, limit: int | None = MAX_CHARS) -> str:
    """Drop control and format characters; keep at most ``limit`` characters."""
    text = text[: None if limit is None else limit * 4]  # what we even look at before cleaning
    if text.isascii():  # the common case: only the ASCII controls to drop, no per-character lookup
        kept = _ASCII_CONTROLS.sub(" ", text)
    else:
        kept = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return " ".join(kept.split())[:limit]


def normalize(text: str, limit: int | None = MAX_CHARS) -> str:
    """The comparable form of a question or a vocabulary phrase; the pack's own texts pass
    ``limit=None`` (see ``normalize_pack``), only what users type is cut."""
    if _PLAIN.fullmatch(text):  # most vocabulary phrases: nothing below would change but case and spaces
        if limit is not None:
            text = " ".join(text[: limit * 4].split())[:limit]  # the cut clean() makes
        return " ".join(text.lower().split())
    text = fold(_TAG.sub(" ", clean(text, limit)))[:limit]  # NFKD can multiply a character (ﷺ)
    text = _DIGIT_GROUPS.sub("", text)
    text = _ORDINAL.sub(r"\1", text)
    text = _POSSESSIVE.sub("", text)
    text = _APOSTROPHE.sub("", text)
    text = _NON_WORD.sub(" ", text).replace("_", " ")
    return " ".join(text.split())


def normalize_pack(text: str) -> str:
    """The comparable form of a text of the pack, however long: an item's words are all indexed
    (a cut at ``MAX_CHARS`` dropped words depending on the order its names were joined in)."""
    return normalize(text, limit=None)


def tokens(text: str) -> list[str]:
    return normalize(text).split()
