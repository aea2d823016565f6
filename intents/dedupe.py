"""One fact once: merge the parts of an answer that say the same thing.

An answer is assembled from several kinds of item (a place's description, the
events there, the narrative facts about it), and they often restate one
another: "flown here by helicopter", "the fighters are flown to Sheberghan",
"the fighters were flown by helicopter to Sheberghan". ``dedupe`` keeps one
sentence for each fact and gives it the citations of every sentence merged
into it, so the evidence stays together.

Two sentences say the same thing when the content words of one are (nearly)
all in the other, with no number, and no negation, that the other lacks. The
fuller sentence is kept (the lead and the "disputed" line always are). A
sentence with no citation (a description) also goes when the cited sentences
of the answer, together, say everything it says. Nothing here knows about any
pack: the test is on words alone.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

from knowledge.records import dataclass, field

from .answer import DISPUTED, ITEM, LEAD, Citation, Part

SAME = 0.8  # share of the smaller sentence's content words found in the other
SAME_EVIDENCE = 0.6  # ... when both rest on the same quote (or one quote holds the other)
COVERED = 0.8  # share of an uncited sentence's words the cited sentences say between them
COVERED_ONE = 0.5  # ... and the share one of them says on its own
MIN_WORDS = 3  # shorter sentences are never merged away
ANCHORS = 2  # numbers (a day and a year) that pin a paraphrase to the same moment
PARAPHRASE = 0.5  # ... and the share of its words, and of its names, the other must say
PARAPHRASE_NAMES = 0.75

STOPWORDS = frozenset(
    """a an the and or but of to in on at by for with from into onto as than then that this these those
    there here it its it's is are was were be been being has have had do does did so such which who whom
    whose what when where while also more most very any some each other both after before during over
    under about up out off again further once only same too can could would should will shall may might
    he she they them their his her him we our you your i me my not""".split()
)
NEGATIONS = frozenset({"not", "no", "never", "nor", "none", "neither", "without", "denied", "deny", "denies"})
MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"“'‘(\[]?[A-Z0-9])")
_WORD = re.compile(r"[a-z0-9]+")
_DIGIT_GROUPS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_MARKS = re.compile(r"(?: \[\d+\])+")
_LABEL = re.compile(r"^[^:]{1,80}:\s")  # "after the surrender of 1 August 2018: ..." (an item's when/who)


@lru_cache(maxsize=1 << 14)  # the pack's quotes and sentences, folded once each
def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("'s ", " ")
    return _DIGIT_GROUPS.sub("", text)


def _stem(word: str) -> str:
    if word.isdigit() or len(word) <= 3:
        return word
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("ly", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + repl
            break
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiouls":  # "stopp" -> "stop"
        word = word[:-1]
    return word


@dataclass(frozen=True)
class Words:
    """What a sentence says, as comparable words."""

    content: frozenset[str]  # stemmed content words, numbers included
    numbers: frozenset[str]
    names: frozenset[str]  # content words of capitalised words (not a sentence's 'The'): who and where
    negated: bool
    key: str  # the sentence folded to its words, for exact repeats

    @classmethod
    def of(cls, text: str, label: bool = False) -> Words:
        return _words_of(text, label)  # an answer's sentences are the pack's own: read each once

    @classmethod
    def read(cls, text: str, label: bool = False) -> Words:
        if label:  # an item's "when:" or "who:" prefix is its heading, not its statement
            text = _LABEL.sub("", text, count=1)
        words = _WORD.findall(_fold(text))
        content = frozenset(_stem(w) for w in words if w not in STOPWORDS and w not in MONTHS)
        numbers = frozenset(w for w in words if w.isdigit())
        negated = any(w in NEGATIONS for w in words) or "n't" in text
        names = set()
        for i, token in enumerate(text.split()):
            first_word = i == 0 and (_fold(token).strip("\"'“‘(") in STOPWORDS or token.endswith(("ing", "ed", "ly")))
            if token[:1].isupper() and not first_word:
                names.update(_stem(w) for w in _WORD.findall(_fold(token)) if w not in STOPWORDS and w not in MONTHS)
        return cls(content, numbers, frozenset(names), negated, " ".join(words))


_words_of = lru_cache(maxsize=1 << 14)(Words.read)


def split_sentences(text: str) -> list[str]:
    return [s for s in (p.strip() for p in _SENTENCE.split(text)) if s]


@lru_cache(maxsize=1 << 14)  # an answer's parts are the pack's texts: each is split once
def _sentences(text: str) -> tuple[str, ...]:
    return tuple(split_sentences(text))


def overlap(small: Words, big: Words) -> float:
    """The share of ``small``'s content words that ``big`` also has."""
    if not small.content:
        return 0.0
    return len(small.content & big.content) / len(small.content)


def restates(small: Words, big: Words, same_evidence: bool = False) -> bool:
    """Whether ``big`` says everything ``small`` says (so ``small`` may go).

    Nearly all of ``small``'s words must be in ``big``, with every figure, date and name; or,
    for a paraphrase pinned to the same date or figures (two numbers or more, all in ``big``),
    half its words and three quarters of its names.
    """
    said = _restates(small, big)
    return same_evidence if said is None else said


def _restates(small: Words, big: Words) -> bool | None:
    """``restates`` where the evidence makes no difference; None where it does (then it restates
    exactly when both rest on the same evidence), so the quotes are compared only then."""
    if small.key and small.key == big.key:
        return True
    if not may_restate(small, big):
        return False
    names = len(small.names & big.names) / len(small.names) if small.names else 1.0
    shared = len(small.content & big.content) / len(small.content)  # overlap(): may_restate saw content
    if names == 1.0 and shared >= SAME:
        return True
    paraphrase = len(small.numbers) >= ANCHORS and names >= PARAPHRASE_NAMES and shared >= PARAPHRASE
    if names == 1.0 and shared >= SAME_EVIDENCE and not paraphrase:
        return None
    return paraphrase


def may_restate(small: Words, big: Words) -> bool:
    """The cheap tests ``restates`` needs passed: the same words, or a long enough sentence with
    the same polarity and no figure or date ``big`` lacks (a figure only ``small`` gives is news)."""
    if small.key and small.key == big.key:
        return True
    return len(small.content) >= MIN_WORDS and small.negated == big.negated and small.numbers <= big.numbers


def adds_little(small: Words, big: Words) -> bool:
    """Whether ``big`` says hardly more than ``small`` (under ``MIN_WORDS`` new words)."""
    return len(big.content - small.content) < MIN_WORDS


@dataclass
class _Sentence:
    text: str
    words: Words
    part: int  # index of its part
    alive: bool = True


@dataclass
class _Part:
    part: Part
    sentences: list[_Sentence] = field(default_factory=list)
    cites: list[int] = field(default_factory=list)


def _meet(qa: Sequence[str], qb: Sequence[str]) -> bool:
    """Whether two parts' quotes show the same evidence: a shared quote, or one inside another."""
    return any(x == y or (len(x) > 20 and x in y) or (len(y) > 20 and y in x) for x in qa for y in qb)


class _EvidenceMeets:
    """Whether two parts (by index) rest on the same evidence: each part's quotes read once and
    each pair weighed once (a part's sentences meet another part's sentence by sentence)."""

    def __init__(self, parts: Sequence[Part], quotes: dict[int, str]):
        self.parts = parts
        self.quotes = quotes
        self.of_part: dict[int, tuple[str, ...]] = {}
        self.known: dict[tuple[int, int], bool] = {}

    def restates(self, small: _Sentence, big: _Sentence) -> bool:
        """``restates`` of two sentences, their parts' evidence compared only where it matters."""
        said = _restates(small.words, big.words)
        return self(small.part, big.part) if said is None else said

    def __call__(self, a: int, b: int) -> bool:
        key = (a, b) if a < b else (b, a)  # the same evidence either way round
        if key not in self.known:
            self.known[key] = _meet(self._quotes(a), self._quotes(b))
        return self.known[key]

    def _quotes(self, part: int) -> tuple[str, ...]:
        if part not in self.of_part:
            self.of_part[part] = tuple(self.quotes[n] for n in self.parts[part].cites if n in self.quotes)
        return self.of_part[part]


def _fixed(part: Part) -> bool:
    return part.kind in (LEAD, DISPUTED)


def dedupe(parts: Sequence[Part], citations: Sequence[Citation] = ()) -> list[Part]:
    """The parts with every fact said once; the citations of merged sentences kept together."""
    if len(parts) < 2:
        return list(parts)
    quotes = {c.n: _fold(c.quote) for c in citations}
    work: list[_Part] = []
    for i, part in enumerate(parts):
        wp = _Part(part, cites=list(part.cites))
        sentences = [part.text] if part.kind == ITEM else _sentences(part.text)
        for s in sentences or [part.text]:
            wp.sentences.append(_Sentence(s, Words.of(s, label=part.kind == ITEM), i))
        work.append(wp)

    def keep_cites(into: int, source: int) -> None:
        for n in work[source].cites:
            if n not in work[into].cites:
                work[into].cites.append(n)

    def drop(s: _Sentence, kept: _Sentence) -> None:
        s.alive = False
        if not any(x.alive for x in work[s.part].sentences):
            keep_cites(kept.part, s.part)  # the whole part goes: its evidence joins the kept sentence

    everything = [s for wp in work for s in wp.sentences]
    fixed = [_fixed(wp.part) for wp in work]  # the lead and the disputed lines always stay
    # a fixed sentence is weighed against the droppable ones only (a long answer's disputed
    # lines are mostly fixed: comparing them pairwise was most of its cost)
    loose = [k for k, s in enumerate(everything) if not fixed[s.part]]
    meets = _EvidenceMeets(parts, quotes)
    # pairs: the fuller sentence stays (the lead and the disputed line always do)
    for a_i, a in enumerate(everything):
        a_fixed, a_words = fixed[a.part], a.words
        later = ([everything[k] for k in loose[bisect_right(loose, a_i) :]] if a_fixed
                 else everything[a_i + 1 :])
        for b in later:
            if not a.alive:
                break  # a dropped sentence is weighed against nothing more
            if not b.alive or a.part == b.part:
                continue
            b_fixed = fixed[b.part]
            if a_words.key != b.words.key and a_words.content.isdisjoint(b.words.content):
                continue  # no word in common: neither can restate the other
            b_may, a_may = may_restate(b.words, a_words), may_restate(a_words, b.words)
            if not (b_may or a_may):
                continue  # each gives a figure the other lacks: their quotes need no comparing
            # (a sentence that may not restate the other does not: restates() would say no)
            if not b_fixed and b_may and meets.restates(b, a):
                drop(b, a)
            elif not a_fixed and a_may and meets.restates(a, b):
                drop(a, b)
            elif a_fixed and not b_fixed and a_may and meets.restates(a, b) and adds_little(a.words, b.words):
                drop(b, a)  # the lead said it; the later sentence only rewords it
    # an uncited sentence the cited ones say between them (a description restating the facts)
    cited = [s for s in everything if s.alive and work[s.part].part.cites]
    for s in everything:
        wp = work[s.part]
        if not s.alive or wp.part.cites or _fixed(wp.part) or len(s.words.content) < MIN_WORDS:
            continue
        others = [o for o in cited if o.part != s.part and o.alive]
        if not others or s.words.negated:
            continue
        union = frozenset().union(*(o.words.content for o in others))
        numbers = frozenset().union(*(o.words.numbers for o in others))
        names = frozenset().union(*(o.words.names for o in others))
        best = max(others, key=lambda o: overlap(s.words, o.words))
        if (
            s.words.numbers <= numbers
            and s.words.names <= names
            and len(s.words.content & union) / len(s.words.content) >= COVERED
            and overlap(s.words, best.words) >= COVERED_ONE
        ):
            drop(s, best)

    out: list[Part] = []
    for wp in work:
        alive = [s.text for s in wp.sentences if s.alive]
        if not alive:
            continue
        unchanged = len(alive) == len(wp.sentences)
        cites = tuple(wp.cites)
        if unchanged and cites == wp.part.cites:
            out.append(wp.part)  # the usual case: the part as it was (a frozen Part costs to make)
            continue
        text = wp.part.text if unchanged else " ".join(alive)
        out.append(Part(text, wp.part.kind, cites))
    if out and out[0].kind != LEAD and parts[0].kind == LEAD:  # never happens: the lead is fixed
        raise AssertionError("dedupe dropped the lead")
    return out


def repeats(paragraphs: Sequence[str]) -> list[tuple[str, str]]:
    """Pairs of sentences of a rendered answer where one says what the other says; for tests.

    ``paragraphs`` are the answer's paragraphs as a user reads them (the first is the lead; a
    paragraph of "  - " lines is a list). Citation marks are ignored. The lead may be said again
    inside a sentence that adds facts of its own; nothing else may be said twice.
    """
    sentences: list[tuple[str, Words, bool]] = []  # (text, words, is the lead)
    for n, para in enumerate(paragraphs):
        para = _MARKS.sub("", para)
        if para.lstrip().startswith("- "):
            for line in para.splitlines():
                line = line.strip()[2:]
                sentences.append((line, Words.of(line, label=True), False))
            continue
        for s in split_sentences(para):
            sentences.append((s, Words.of(s), n == 0))
    found = []
    for i, (ta, wa, lead_a) in enumerate(sentences):
        for tb, wb, lead_b in sentences[i + 1 :]:
            if wa.key == wb.key or (not lead_b and restates(wb, wa)) or (not lead_a and restates(wa, wb)):
                found.append((ta, tb))
            elif lead_a and restates(wa, wb) and adds_little(wa, wb):
                found.append((ta, tb))
    return found
