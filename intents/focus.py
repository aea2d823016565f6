"""What a question asks for: the word after its wh-word that names the thing wanted (in a
yes/no question or a request, the first thing it names).

"What was the envoy's position?" asks for a position; "who ordered the raid?" for who ordered;
"how many vehicles ...?" for vehicles. A question whose focus no fact mentions is one the
pack cannot answer, whatever else it names; words around the focus only narrow it down.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .normalize import normalize
from .understand import NAME_TYPES, Parsed
from .vocabulary import ANSWER_KINDS, load_cues, load_english

CUES = load_cues()
ENGLISH = load_english()  # parts of speech: an adverb before the opening ('exactly when')
CHOOSERS = CUES.words_of("choosers")  # which, what
WH_WORDS = CUES.words_of("wh_words") - {"and"}
QUESTION_VERBS = CUES.words_of("question_verbs")
COMMANDS = CUES.words_of("commands")  # "list the figures for ...": a request opens with its verb
# "what date", "which year": the kind of answer a question opens with (cues asks_*), longest first
ASKS_KIND = sorted((p for name, ps in CUES.phrases.items() if name.startswith("asks_") for p in ps), key=len)[::-1]
KIND_OPENINGS: dict[str, list[tuple[str, ...]]] = {}  # ASKS_KIND by first word: a question's opening is looked up
for _p in ASKS_KIND:
    KIND_OPENINGS.setdefault(_p[0], []).append(_p)
OPENING_VERBS = QUESTION_VERBS | COMMANDS
# "what kind of guns": the guns are asked for; "which two groups": the groups
LIGHT_HEADS = CUES.words_of("light_heads") | CUES.words_of("number_words")
CATENATIVES = CUES.words_of("catenatives")  # "choose to surrender": the verb after "to" is asked
FOREIGN_NOUN_COVERAGE = 0.75  # how much of a question a fact must say for one unfamiliar noun not to matter
TIME_UNITS = CUES.words_of("time_units")
TIME_SPANS = CUES.words_of("time_spans")
WH_REACH = 3  # "so, and what ...": the wh-word opens the question within its first words


ASKS = {kind: CUES.phrases[f"asks_{kind}"] for kind in ANSWER_KINDS}
LEADING = CUES.words_of("kind_leads")  # "and when ...", "in what year ...": before the opening


# the openings by their first word, in the order of ASKS (a kind listed first wins)
ASKS_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _kind, _phrases in ASKS.items():
    for _p in _phrases:
        ASKS_BY_FIRST.setdefault(_p[0], []).append((_p, _kind))


# a word no list knows is most likely a name, unless its ending makes it a verb ("characterise",
# "radicalised", "demonized": spellings and coinages the word list lacks)
VERB_ENDINGS = re.compile(r"\w{3,}(?:is|iz|ys|yz)(?:e|es|ed|ing)$|\w{3,}ifie[sd]$")


def part_of_speech(word: str, english: dict[str, str]) -> str:
    """The word's parts of speech (N, V, A, R) by the word list, else by its ending, else a noun."""
    pos = english.get(word)
    if pos is None:
        return "V" if VERB_ENDINGS.match(word) else "N"
    return pos


def _qualifies(word: str) -> bool:
    """"What **exact** date": a quality or manner word, never a thing."""
    pos = ENGLISH.get(word, "N")
    return "N" not in pos and ("A" in pos or "R" in pos)


def asked_kind(tokens: list[str]) -> str | None:
    """The kind of answer a question's opening asks for ("when" a date), if it says; "and when",
    "on exactly what date": a leading word and an adverb may come first, and "what exact date"
    asks a date too."""
    start = 1 if tokens[:1] and tokens[0] in LEADING else 0
    if start < len(tokens) and tokens[start] not in ASKS_BY_FIRST and ENGLISH.get(tokens[start]) == "R":
        start += 1
    opening = tokens[start : start + 4]
    if len(opening) > 2 and opening[0] in CHOOSERS and _qualifies(opening[1]):
        opening = [opening[0], *opening[2:]]  # "what exact date", "which precise year"
    for p, kind in ASKS_BY_FIRST.get(opening[0] if opening else "", ()):
        if tuple(opening[: len(p)]) == p:
            return kind
    return None


def focus(parsed: Parsed, english: dict[str, str]) -> int | None:
    """The position of the word a question asks for: after its wh-word ("how many **vehicles**"),
    or in a yes/no question or a request the first word that is not a name ("did the **army** fly
    them out?", "list the **figures** ..."); None for a question of names only ("who is X?")."""
    if "focus" not in parsed.cache:  # the policy, the fact route and a decline all ask
        parsed.cache["focus"] = _focus(parsed, english)
    return parsed.cache["focus"]


def _focus(parsed: Parsed, english: dict[str, str]) -> int | None:
    tokens = parsed.tokens
    opener = next((i for i, t in enumerate(tokens[:WH_REACH]) if t in WH_WORDS), None)
    if opener is None:  # "after the outcry over X, what did officials promise?": a clause put first
        opener = _after_fronted_clause(parsed)
    if opener is None and tokens and tokens[0] in OPENING_VERBS:
        opener = 0  # "did the army fly them out?", "list the figures": the first thing it names must be said
    if opener is None:
        return None
    named = parsed.covered_by_entities()
    # "on what date was X executed?", "which year ...": the kind of answer, not the thing asked about
    openings = KIND_OPENINGS.get(tokens[opener], ())
    opening = next((len(p) for p in openings if tuple(tokens[opener : opener + len(p)]) == p), 1)
    # "what provoked the escalation?": a verb the pack never uses asks about what follows it (but
    # in "was X convicted?" the verb is what is asked)
    wh = tokens[opener] in WH_WORDS
    new_verb = None
    for j in range(opener + opening, len(tokens)):
        if j in named:
            kinds = {e.type for e in parsed.entities if e.start <= j < e.end}
            if kinds & {"kind", "figure"}:
                return j  # "how many killed": the measure is asked for
            continue
        if j not in parsed.content or tokens[j] in LIGHT_HEADS:
            continue
        if tokens[j] in CATENATIVES and tokens[j + 1 : j + 2] == ["to"] and j + 2 in parsed.content:
            continue  # but "what did he want to do?" asks what he wanted
        pos = part_of_speech(tokens[j], english)
        if "N" not in pos and "V" not in pos:  # "how badly", "ordinary", "sharp": a manner or quality of the thing
            continue
        following = part_of_speech(tokens[j + 1], english) if j + 1 < len(tokens) else ""
        if "R" in pos and following == "V":  # "how did they first describe it?": when, not what is asked
            continue
        if wh and j in parsed.unknown and "V" in pos and "N" not in pos:
            new_verb = j if new_verb is None else new_verb
            continue
        return j
    return new_verb


def _after_fronted_clause(parsed: Parsed) -> int | None:
    """The wh-word that opens a clause after a comma, as a token position."""
    for clause in parsed.raw.split(",")[1:]:
        first = normalize(clause).split()[:1]
        if first and first[0] in WH_WORDS:
            return next((i for i, t in enumerate(parsed.tokens) if i >= WH_REACH and t == first[0]), None)
    return None


def reason_verb(parsed: Parsed, english: dict[str, str]) -> int | None:
    """In a why-question, the first verb after the question word ("why did the leaders **contact**
    the government?"): what the reason is asked for, when the subject is named otherwise."""
    if asked_kind(parsed.tokens) != "reason":
        return None
    named = parsed.covered_by_entities()
    verbs = (j for j in sorted(parsed.content) if j not in named and "V" in part_of_speech(parsed.tokens[j], english))
    return next(verbs, None)


def _span_of_time(parsed: Parsed, i: int) -> bool:
    """"In **the months** before the battle": a span of time only places what is asked (but "paid
    **per month**" asks a rate)."""
    return parsed.tokens[i] in TIME_UNITS and i > 0 and parsed.tokens[i - 1] in TIME_SPANS


def focus_phrase(parsed: Parsed, english: dict[str, str], at: int) -> set[int]:
    """The focus with the words that make it one thing: a quality before it ("supreme leader")
    and nouns after it ("exchange rate"); a verb or a function word ends it."""
    tokens, named = parsed.tokens, parsed.covered_by_entities()

    def part(j: int, kinds: str) -> bool:
        pos = part_of_speech(tokens[j], english)  # a word no list knows is most likely a name
        light = tokens[j] in LIGHT_HEADS  # "his own men": "own" only points at them
        return j in parsed.content and j not in named and not light and any(k in pos for k in kinds) and pos != "V"

    words = {at}
    if part_of_speech(tokens[at], english) == "V" or at in named:  # "capture the capital": the verb and its object
        k = next((k for k in range(at + 1, len(tokens)) if k in parsed.content), None)
        if k is not None and k not in named and part_of_speech(tokens[k], english) == "N":
            words.add(k)
        return words
    j = at - 1
    while j >= 0 and part(j, "AN"):
        words.add(j)
        j -= 1
    j = at + 1
    # "exchange rate of": a noun-or-verb ends a noun phrase when a function word follows it
    while j < len(tokens) and part(j, "N") and (
        "V" not in part_of_speech(tokens[j], english) or j + 1 == len(tokens) or j + 1 not in parsed.content
    ):
        words.add(j)
        j += 1
    return words


def explains_focus(
    parsed: Parsed,
    english: dict[str, str],
    explained: frozenset[int],
    verbs_may_be_new: bool,
    together: Callable[[str, str], bool] | None = None,
    at: int | None = None,
) -> bool:
    """Whether ``explained`` (a fact's or an intent's positions) says what a question asks: its
    focus phrase and every name it gives (a name read two ways, a side that also speaks as a
    source, needs one reading). With ``together``, a name left unexplained (not a person's) may
    instead be one the pack names together with an explained one ("X's rank in <X's own group>").
    Words foreign to the pack must be explained too, except, when ``verbs_may_be_new``, words
    that are not nouns ("which unit spearheaded ...?"). ``at`` names the one word asked for instead
    of the focus phrase (a why-question's verb)."""
    asked = focus(parsed, english) if at is None else at
    if asked is None or ({asked} if at is not None else focus_phrase(parsed, english, asked)) - explained:
        return False
    foreign = parsed.unknown - explained
    if not verbs_may_be_new and foreign:
        return False
    nouns = [i for i in foreign if part_of_speech(parsed.tokens[i], english) == "N" and not _span_of_time(parsed, i)]
    # one everyday noun beside a focus and names a fact says, in a question the fact says nearly
    # all of ("treated by the **authorities** in <town>"), only says who or how; a word no English
    # list knows is most likely a name the pack lacks ("killed in <another province>")
    if any(parsed.tokens[i] not in english for i in nouns):
        return False
    # in a why-question the reason is asked: one everyday noun only says what is explained ("pose a **problem**")
    why = asked_kind(parsed.tokens) == "reason"
    little = len(parsed.content & explained) < FOREIGN_NOUN_COVERAGE * len(parsed.content)
    if len(nouns) > 1 or nouns and not why and little:
        return False
    spans: dict[int, bool] = {}
    for e in parsed.entities:
        span = set(range(e.start, e.end)) & parsed.content
        if e.type in NAME_TYPES and e.type != "conflict" and span:  # a measure ("killed") may qualify
            spans[e.start] = spans.get(e.start, False) or span <= explained
    if together is not None:
        said = [e.value for e in parsed.entities if e.start in spans and spans[e.start]]
        for e in parsed.entities:  # a person named is who the question is about: never a mere qualifier
            if e.start in spans and not spans[e.start] and e.type != "person":
                spans[e.start] = any(together(e.value, other) for other in said)
    return all(spans.values())
