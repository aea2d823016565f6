"""What came after (or before) an event a question names: "what happened after the April raid?",
"what did the Taliban do after Burjan was captured?". The event is the anchor; the answer is the
timeline's next events, not the anchor itself."""

from __future__ import annotations

from functools import lru_cache

from knowledge import KnowledgeBase
from knowledge.model import Event
from knowledge.records import dataclass

from .normalize import normalize_pack
from .stemming import stem
from .understand import CLAIM_WORDS, Parsed
from .vocabulary import load_cues, load_lexicon

CUES = load_cues()
AFTER = CUES.phrases["anchor_after"]  # after, following, in the wake of
BEFORE = CUES.phrases["anchor_before"]  # before, prior to, in the run-up to
ACTS = CUES.words_of("anchor_acts")  # happened, followed: a question of what took place
DOING = CUES.words_of("anchor_doing")  # "what did X do after ...?"
WH = CUES.words_of("wh_words")
REFERENCES = frozenset(w for p in CUES.phrases["next"] + CUES.phrases["before"] for w in p) | {"it", "this", "that"}
STOPWORDS = load_lexicon().stopwords
CLAUSE_MAX = 8  # words after the opener: a longer tail is more than a name for an event
NOT_THE_ACT = CUES.words_of("articles") | CUES.words_of("determiners") | {"to"}
TITLE_WEIGHT = 2  # a word of an event's title says what the event was; its summary, what went with it


@dataclass(frozen=True)
class Anchor:
    event: Event
    earlier: bool  # "before ...": what came just before it
    doers: frozenset[str] = frozenset()  # whom the question asks about ("what did X do after ...?")


def anchor_of(kb: KnowledgeBase, parsed: Parsed) -> Anchor | None:
    """The event a "what happened after <it>?" question names, if it names one the timeline holds."""
    found = _clause(parsed)
    if found is None:
        return None
    start, earlier = found
    event = _event_named(kb, parsed, start)
    doers = frozenset(e.value for e in parsed.entities if e.start < start and e.type in ("person", "group"))
    if event is None or not _told_beyond(kb, event, earlier, doers):
        return None
    return Anchor(event, earlier, doers)


def _told_beyond(kb: KnowledgeBase, event: Event, earlier: bool, doers: frozenset[str]) -> bool:
    """Whether the timeline tells of something after (or before) the event, done by whoever the
    question asks about ("what did she do after the town fell?"), when it names someone."""
    begins = event.date.start or event.date.end
    for other in kb.timeline():
        # after: ends later and does not begin before it ("after the surrender of 1 August": August)
        beyond = other.date.end < begins if earlier else (
            other.date.end > event.date.end and (other.date.start or other.date.end) >= begins)
        if beyond and (not doers or doers & {*other.people, *other.groups}):
            return True
    return False


def _clause(parsed: Parsed) -> tuple[int, bool] | None:
    """Where the anchor clause begins and whether it looks back: a wh-question of what took place
    ("what happened", "what did X do") whose last clause opens with "after" or "before" and says
    more than "that"."""
    tokens = parsed.tokens
    if not tokens or tokens[0] not in WH or parsed.intention:
        return None  # "what did he want to do after ...?" asks an intention
    named = parsed.covered_by_entities()
    for i in range(2, len(tokens)):
        for phrases, earlier in ((AFTER, False), (BEFORE, True)):
            p = next((p for p in phrases if tuple(tokens[i : i + len(p)]) == p), None)
            if p is None:
                continue
            rest = tokens[i + len(p):]
            if not 0 < len(rest) <= CLAUSE_MAX or not set(rest) - REFERENCES - STOPWORDS:
                return None  # "what happened after that?": the last answer is the anchor
            before = {tokens[k] for k in range(i) if k not in named}  # "the Islamic State": a name, no saying
            if not ACTS & set(tokens[:i]) and tokens[i - 1] not in DOING or CLAIM_WORDS & before:
                return None  # "what did they say (they would do) after the surrender?" asks of the saying
            if _the_conflict_only(parsed, i + len(p)):
                return None  # "what happened after the battle?": its aftermath, no one event
            return i + len(p), earlier
    return None


@lru_cache(maxsize=1 << 14)
def _event_words(event: Event) -> tuple[frozenset[str], frozenset[str]]:
    """The stems of what an event's title says it is, and of its summary (once per event)."""
    return frozenset(_acts(event.title)), frozenset(stem(w) for w in normalize_pack(event.summary).split())


def _acts(title: str) -> set[str]:
    """The stems of a title's words that may say what the event is: not a word after an article
    or "to" ("to secure the surrender", "the surrendered fighters" tell of another act)."""
    words = normalize_pack(title).split()
    return {stem(w) for i, w in enumerate(words) if i == 0 or words[i - 1] not in NOT_THE_ACT}


def _the_conflict_only(parsed: Parsed, start: int) -> bool:
    """Whether the clause from ``start`` names nothing but the conflict itself."""
    conflict = {i for e in parsed.entities if e.type == "conflict" for i in range(e.start, e.end)}
    return {i for i in parsed.content if i >= start} <= conflict


def _event_named(kb: KnowledgeBase, parsed: Parsed, start: int) -> Event | None:
    """The event the clause from ``start`` names best: its words in the event's title (twice as
    telling as in its summary) and its names among the event's; on a tie, the earliest."""
    # a measure's words ("gave up") say its act ("surrendered"): its stem, not theirs
    acts = [e for e in parsed.entities if e.start >= start and e.type == "kind"]
    said = {i for e in acts for i in range(e.start, e.end)}
    words = {stem(parsed.tokens[i]) for i in parsed.content if i >= start and i not in said}
    words |= {stem(e.value) for e in acts}
    names = {e.value for e in parsed.entities if e.start >= start}
    dates = [e.date for e in parsed.entities if e.start >= start and e.date is not None]
    best, best_score = None, 0
    for event in kb.timeline():
        title, summary = _event_words(event)
        told = len(words & title) * TITLE_WEIGHT + len(words & summary - title)
        named = len(names & {*event.people, *event.places, *event.groups})
        begins = event.date.start or event.date.end
        on_day = any((d.start or d.end) <= event.date.end and begins <= d.end for d in dates)
        score = told + named + on_day
        # its title must say it (or its day be named): a word of a summary alone is too loose a tie
        if (words & title or on_day) and score > best_score:  # in order: the first of equals is the earliest
            best, best_score = event, score
    return best
