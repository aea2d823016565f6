"""Questions with several asks: split them, and join the answers into one.

"When did the battle start and when did it end?" is two questions; "what were the Taliban
and IS-KP losses?" is one question about two sides. A question splits where a new
question begins: after a question mark or a full stop, or at "and" (or a comma) followed
by a question word or an auxiliary that opens a question. Each part is answered in turn in
the same conversation, so the second may lean on the first ("and when did it end?"); the
reply gives each part its own lines, one citation list, and every dispute flag.
"""

from __future__ import annotations

import re

from knowledge.records import replace

from .answer import LEAD, NOTE, PARA, Answer, Citation, Part
from .dedupe import dedupe
from .normalize import normalize
from .reply import renumber, says
from .vocabulary import load_cues, load_english, load_lexicon

_OPENERS = sorted(load_cues().words_of("wh_words") - {"and"} | load_cues().words_of("question_verbs"))
# "and IS-KP", "and IS been" name a group, not "and is ...": the opener ends its word and is not in capitals
_OPENER = "(?:" + "|".join(o + "|" + o.capitalize() for o in _OPENERS) + r")(?![\w-])"
# "..., and if not, how did they ...?": the condition belongs to the joint, the question follows it
# "..., and in which month and year?", "and from which province ...?": a preposition may come before the wh-word
_PREPOSITION = "(?:" + "|".join(sorted(load_cues().words_of("wh_prepositions"))) + r")\s+"
_WH_OPENER = "(?:" + "|".join(sorted(load_cues().words_of("wh_words") - {"and"})) + r")(?![\w-])"
_JOINT = re.compile(r"(?:,\s*|\s+)(?:[Aa]nd|[Bb]ut|[Aa]lso)(?:\s+if\s+(?:not|so),?)?\s+(?=" + _OPENER
                    + "|(?i:" + _PREPOSITION + _WH_OPENER + "))")
_SENTENCE = re.compile(r"(?<=[?.!])\s+(?=\S)")
# a sentence that opens with an article or a possessive and asks nothing names what the question before
# it asks about ("that seems low" is a comment, not its object)
_NOUN_PHRASE = re.compile(
    r"(?i)(?:the|these|those|its|his|her|their)\s(?!.*\b(?:" + "|".join(_OPENERS) + r")\b)"
)
# "give the dates of A, B and C (in order)": one request made of several, each of the things listed
_LIST = re.compile(
    r"^(?P<head>.*?\b(?:of|for))\s+(?P<items>.+?)"
    r"(?P<tail>,?\s+(?:in order|in that order|respectively|in sequence))?(?P<end>[?.!]*)$",
    re.IGNORECASE,
)
# "put these in order with their dates: A, B and C": a request, a colon, the things listed
_COLON_LIST = re.compile(
    r"^(?P<head>[^:]+):\s*(?P<items>.+?)(?P<tail>,?\s+(?:in order|in that order))?(?P<end>[?.!]*)$", re.IGNORECASE
)
_LIST_SEP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+", re.IGNORECASE)
_IN_ORDER = load_cues().phrases["in_order"]
_DATED_LIST = load_cues().phrases["dated_list"]
_WH = sorted(load_cues().words_of("wh_words") - {"and"})
_TRAILING_WH = re.compile(r",\s*(?P<wh>" + "|".join(_WH) + r")\s*[?.!]*$", re.IGNORECASE)
_COMMANDS = load_cues().words_of("commands")
_ASKER = load_cues().words_of("askers")  # "I'm a student", "my class"
# "I read that ...", "I heard ...", "someone said ...": a premise, not the asker ("a journalist" is)
_HEARD = frozenset(w for p in load_cues().phrases["claim"] for w in p) | frozenset(
    w for p in load_cues().phrases["hearsay"] for w in p if "V" in load_english().get(w, ""))
_BACK = frozenset(w for p in load_lexicon().refers_back for w in p)  # "that", "it", "this", ...
PREMISE_CHECK_WORDS = 6  # "Correct?", "is that what he said?": a short question about the statement before it
MIN_LISTED = 3  # "the League and the Front losses" is one ask about two sides; three things listed are three
MIN_WORDS = 1  # a part of one word ("why?") still asks something of the part before it
MAX_PARTS = 4


def split_asks(text: str) -> list[str]:
    """The questions ``text`` asks, in order (itself alone when it asks one)."""
    parts: list[str] = []
    sentences = _SENTENCE.split(text.strip())
    for k, sentence in enumerate(sentences):
        if k + 1 < len(sentences) and _about_the_asker(sentence):
            continue  # "I am a teacher. Who won?": the asker, then the question
        if parts and _NOUN_PHRASE.match(sentence):  # "who says so? the 40 dead figure": what it is about
            parts[-1] = f"{parts[-1]} {sentence}"
            continue
        if parts and _checks_premise(parts[-1], sentence):  # "X said 245 were killed. Correct?": one ask
            parts[-1] = f"{parts[-1]} {sentence}"
            continue
        parts += _listed(sentence) or [p.strip(" ,;") for p in _JOINT.split(sentence)]
    parts = _distribute([p for p in parts if len(p.split()) >= MIN_WORDS])
    if len(parts) > MAX_PARTS:  # a list of many clauses is one request, not many questions
        return [text]
    return parts or [text]


def _about_the_asker(sentence: str) -> bool:
    """Whether a sentence only tells of the one asking ("I am a teacher.", "I'm writing an essay."):
    no question mark, no question word, and words about the asker."""
    words = normalize(sentence).split()
    if sentence.rstrip().endswith("?") or not words or words[0] in _OPENERS or words[0] in _COMMANDS:
        return False
    if any(ch.isdigit() for ch in sentence) or any(w in _WH or w in _HEARD for w in words):
        return False  # "I read that 300 died.": the premise a question checks
    return any(w in _ASKER for w in words)


def _checks_premise(before: str, sentence: str) -> bool:
    """Whether ``sentence`` is a short question about the statement before it ("Someone says
    40 were killed. Is that what he said?", "... Correct?"): the statement asks nothing itself
    (no question mark, no question word or command first) and the question is short and has
    nothing of its own but a reference back, or is a word or two."""
    first = before.split()[0].casefold().strip(",.") if before.split() else ""
    if before.rstrip().endswith("?") or first in _OPENERS or first in _COMMANDS:
        return False
    words = [w.casefold().strip("?.!,'\"") for w in sentence.split()]
    return sentence.rstrip().endswith("?") and (
        len(words) <= 2 and words[0] not in _WH or len(words) <= PREMISE_CHECK_WORDS and bool(set(words) & _BACK))


def _is_wh(word: str) -> bool:
    return word.casefold().strip("?.!,") in _WH


def _distribute(parts: list[str]) -> list[str]:
    """A bare wh-word asks the clause of the question after it ("when and where was he killed?":
    when was he killed, where was he killed); one after a comma asks the clause before it ("when
    was X captured, where?": where was X captured). A bare "why?" at the end asks of the answer."""
    out: list[str] = []
    for k, part in enumerate(parts):
        words = part.split()
        after = parts[k + 1].split() if k + 1 < len(parts) else []
        if all(_is_wh(w) for w in words) and len(after) > 1 and _is_wh(after[0]):
            out.append(" ".join([words[-1], *after[1:]]))
            continue
        trailing = _TRAILING_WH.search(part) if "," in part else None  # ", where?" follows a comma
        clause = part[: trailing.start()].split() if trailing else []
        if trailing and len(clause) > 1 and _is_wh(clause[0]):
            out += [" ".join(clause), " ".join([trailing["wh"], *clause[1:]])]
            continue
        out.append(part)
    return out


def _listed(sentence: str) -> list[str]:
    """"give the dates of A, B and C": the request once for each thing listed (each of two
    words at least, so "of 2017, 2018 and 2019" stays whole); [] when it lists fewer than three.
    After a colon ("in order with their dates: A, B and C") each thing is asked when it was."""
    if "," not in sentence:
        return []  # the things listed are separated by commas: without one, no list
    colon = _COLON_LIST.match(sentence.strip())
    match = colon or _LIST.match(sentence.strip())
    if match is None or "," not in match["items"]:
        return []
    items = [i.strip() for i in _LIST_SEP.split(match["items"]) if i.strip()]
    if len(items) < MIN_LISTED or any(len(i.split()) < 2 for i in items):
        return []
    if colon is not None:
        if not _says_any(match["head"], _DATED_LIST):
            return []
        return [f"when was {item}?" for item in items]
    return [f"{match['head']} {item}{match['end']}" for item in items]


def _says_any(text: str, phrases) -> bool:
    tokens = normalize(text).split()
    return any(says(tokens, p) for p in phrases)


def asks_in_order(text: str) -> bool:
    """Whether a request asks for things in the order they happened ("in order", "chronologically")."""
    return _says_any(text, _IN_ORDER)


def declined_line(answer: Answer) -> str:
    """A part the pack cannot answer, on one line: the ask and the first sentence of why."""
    why = answer.parts[0].text if answer.parts else "The sources do not say."
    first = re.split(r"(?<=[.?!])\s", why, maxsplit=1)[0]
    return f'On "{answer.question.strip()}": {first}'


def _instead(answers: list[Answer]) -> str:
    """What the declines say beyond their first sentence (the topics the bot covers), once."""
    for answer in answers:
        why = answer.parts[0].text if answer.parts else ""
        rest = re.split(r"(?<=[.?!])\s", why, maxsplit=1)[1:]
        if rest:
            return rest[0]
    return "Ask about one thing at a time, or try one of the suggestions."


def join_answers(question: str, answers: list[Answer]) -> Answer:
    """One reply for several asks: each part's lines in turn (a part's lead stays a lead-like
    paragraph), citations renumbered into one list, disputed if any part is."""
    parts: list[Part] = []
    citations: list[Citation] = []
    index: dict[tuple[str, str, str], int] = {}
    leads: set[str] = set()
    for answer in answers:
        mapping: dict[int, int] = {}
        for c in answer.citations:
            key = (c.source, c.section, c.quote)
            if key not in index:
                index[key] = len(citations) + 1
                citations.append(Citation(index[key], c.source, c.section, c.quote))
            mapping[c.n] = index[key]
        if not answer.answered:  # one line for it; what the bot can answer instead is said once, at the end
            parts.append(Part(declined_line(answer), NOTE))
            continue
        for part in answer.parts:  # a later part's lead is detail to dedupe, then leads its lines again
            kind = PARA if part.kind == LEAD and parts else part.kind
            if kind != part.kind:
                leads.add(part.text)
            cites = tuple(mapping[n] for n in part.cites if n in mapping)
            if (part.text, cites) not in {(p.text, p.cites) for p in parts}:  # a note both parts end with
                parts.append(Part(part.text, kind, cites))
    if not any(a.answered for a in answers):  # nothing answered: what the bot can answer, once
        parts.append(Part(_instead(answers), PARA))
    # two asks may draw on one fact: say it once, and keep only the citations still used
    parts, cited = renumber(dedupe(parts, citations), tuple(citations))
    parts = [replace(p, kind=LEAD) if p.kind == PARA and p.text in leads else p for p in parts]
    answered = [a for a in answers if a.answered]
    first = answered[0] if answered else answers[0]
    suggestions = tuple(dict.fromkeys(s for a in answers for s in a.suggestions))[:3]
    return Answer(
        question=question,
        answered=bool(answered),
        intent=first.intent,
        confidence=min(a.confidence for a in answered) if answered else first.confidence,
        parts=tuple(parts),
        citations=cited,
        disputed=any(a.disputed for a in answers),
        suggestions=suggestions,
        explanation=first.explanation,
    )
