"""A question read as what it asks. A time clause put before the question it dates ("when X was
nearly beaten, who did its leaders contact?") goes after it, so the question opens with what it
asks ("who"), not with the clause's "when"; a fronted exception ("besides X, ...") names what is
not asked and is dropped, as is a preamble before a colon; "is it true that X was ...?" is asked
as "was X ...?"."""

from __future__ import annotations

from .normalize import normalize
from .vocabulary import load_cues, load_english, load_group_nouns, load_lemmas, load_lexicon, load_person_nouns

CUES = load_cues()
OPENERS = sorted((tuple(p.split()) for p in CUES.words_of("clause_openers")), key=len, reverse=True)
QUESTION_VERBS = CUES.words_of("question_verbs")
WH_WORDS = CUES.words_of("wh_words") - {"and"}
WH_PREPOSITIONS = CUES.words_of("wh_prepositions")
QUESTION_STARTS = WH_WORDS | QUESTION_VERBS
# "after that, ...", "after this, ...": a clause of a reference alone points back to the last answer
POINTING = frozenset(" ".join(p) for p in load_lexicon().refers_back) | WH_WORDS


EXCEPTIONS = frozenset(tuple(p) for p in CUES.phrases["exceptions"])
CHECKS = sorted((tuple(p) for p in CUES.phrases["statement_checks"]), key=len, reverse=True)
CHECKS_AFTER = frozenset(" ".join(p) for p in CUES.phrases["checks_after"])  # "... . Was that true?"
HEARD = sorted((" ".join(p) for p in CUES.phrases["heard_that"]), key=len, reverse=True)  # "i read that"
AUXILIARIES = frozenset(p[0] for p in CUES.phrases["auxiliaries"])
PREAMBLE = frozenset(" ".join(p) for p in CUES.phrases["preamble"])
LEMMAS = load_lemmas()
IRREGULAR = load_lexicon().irregular_forms  # "fought" -> "fight" (and "men" -> "man", no verb)
ENGLISH = load_english()
NAME_REACH = 4  # "what's the name of": where "name of" may start
NAME_HEAD = 4  # words after it in which the thing named is said
# "what was the name of ...", "tell me the name of ...": a name asked for, not another question
NAME_OPENERS = frozenset(w for p in CUES.phrases["name_openers"] for w in p)
ARTICLES = CUES.words_of("articles")
PERSON_WORDS = load_person_nouns() - load_group_nouns()  # "spokesman", "commander": one person
PLACE_WORDS = frozenset(w for name in ("place_kind", "place_kinds") for p in CUES.phrases[name] for w in p)


def question_first(raw: str) -> str:
    """``raw`` read as the question it asks: a preamble before a colon dropped ("For a fact-check:
    since what year ...?"), a statement checked asked as a yes/no question, a person's name asked
    for as "who", a fronted exception clause dropped and a fronted time clause moved to its end;
    any other text unchanged."""
    return _clause_after(_name_asked_as_who(_asked_as_question(_checked_after(_without_preamble(raw)))))


def _checked_after(raw: str) -> str:
    """"X and Y said IS-KP was finished. Was that true?": a statement, then a check of it, asked
    as "is it true that X and Y said ...?"."""
    head, _, last = raw.rstrip().rstrip("?!. ").rpartition(".")
    if not head.strip() or "?" in head or " ".join(normalize(last).split()) not in CHECKS_AFTER:
        return raw
    head = head.strip()
    said = normalize(head)
    told = next((p for p in HEARD if said.startswith(p + " ")), None)  # "I read somewhere that X": X
    if told is not None:
        head = " ".join(head.split()[len(told.split()):])
    return f"is it true that {head}?"


def _name_asked_as_who(raw: str) -> str:
    """"What was the name of the Taliban spokesman?", "Name of the deputy commander killed ...?":
    the name of a person is who they were; the name of a village stays a name asked for."""
    words = raw.split()
    lowered = [normalize(w) for w in words]  # "what's" -> "whats", as the cues are written
    at = next((i + 2 for i in range(min(len(lowered) - 1, NAME_REACH)) if lowered[i : i + 2] == ["name", "of"]), None)
    if at is None or any(w not in NAME_OPENERS for w in lowered[: at - 2]):
        return raw
    head = [w for w in lowered[at : at + NAME_HEAD] if w not in ARTICLES]
    if not any(w in PERSON_WORDS for w in head) or any(w in PLACE_WORDS for w in head):
        return raw
    return " ".join(["who was", *words[at:]])


def _without_preamble(raw: str) -> str:
    """"As a former soldier I'm curious: what happened ...?": the question after the colon, when
    the words before it ask nothing."""
    head, colon, rest = raw.partition(":")
    if not colon or not _opens_question([w.casefold().strip("'\"") for w in rest.split()[:2]]):
        return raw
    said = normalize(head).split()
    spoken = f" {' '.join(said)} "
    if any(w in QUESTION_STARTS for w in said) or not any(f" {p} " in spoken for p in PREAMBLE):
        return raw  # "who said this: 52 or 70?", "Nemat's 40: over what timeframe?" ask before the colon too
    return rest.strip()


def _asked_as_question(raw: str) -> str:
    """"Is it true that Qari Hekmat was killed by the Taliban?" as "was Qari Hekmat killed by the
    Taliban?"; a statement with a figure stays as it is (a figure checked against the claims)."""
    words = raw.split()
    lowered = [w.casefold() for w in words]
    check = next((p for p in CHECKS if tuple(lowered[: len(p)]) == p), None)
    if check is None or any(ch.isdigit() for ch in raw):
        return raw
    rest = words[len(check):]
    at = next((i for i, w in enumerate(rest) if w.casefold() in AUXILIARIES), None)
    if at is None:  # "is it true that the US helped the Taliban?": "did the US help the Taliban?"
        verb = next((i for i, w in enumerate(rest) if i and _past(_bare(w))), None)
        if verb is None:
            return raw
        past, mark = _bare(rest[verb]), rest[verb][len(_bare(rest[verb])):]
        return " ".join(["did", *rest[:verb], (IRREGULAR.get(past) or LEMMAS[past]) + mark, *rest[verb + 1:]])
    if not at:  # the statement opens with it
        return raw
    return " ".join([rest[at], *rest[:at], *rest[at + 1:]])


def _bare(word: str) -> str:
    return word.casefold().rstrip("?.!,")


def _past(word: str) -> bool:
    """Whether a word is a verb's past form: "helped" (a lemma, less its "-ed"), "fought"."""
    if word in IRREGULAR:
        return "V" in ENGLISH.get(word, "V")  # "won" is no word of the list; "men" is a noun
    return word.endswith("ed") and LEMMAS.get(word, word) != word


def _opens_question(first: list[str]) -> bool:
    """Whether words open a question: a wh-word or a question verb, or a preposition and a
    wh-word ("into which provinces ...?", "since what year ...?")."""
    if not first:
        return False
    return first[0] in QUESTION_STARTS or (first[0] in WH_PREPOSITIONS and first[1:2] != [] and first[1] in WH_WORDS)


def _clause_after(raw: str) -> str:
    head, comma, rest = raw.partition(",")
    main = rest.strip()
    if not comma or not main:
        return raw
    words = head.split()
    lowered = [w.casefold() for w in words]
    opener = next((p for p in OPENERS if tuple(lowered[: len(p)]) == p), None)
    opens_question = _opens_question([w.casefold() for w in main.split()[:2]])
    if opener in EXCEPTIONS and opens_question:
        return main  # "besides X, what else ...?": X is what is not asked
    # "when did X start, and who won?" is a question itself
    rest_of_head = lowered[len(opener):] if opener else []
    if opener is None or not rest_of_head or rest_of_head[0] in QUESTION_VERBS or " ".join(rest_of_head) in POINTING:
        return raw
    if not opens_question:
        return raw
    end = "?" if main.endswith("?") else ""
    return f"{main.rstrip('?').rstrip()} {lowered[0]} {' '.join(words[1:])}{end}"
