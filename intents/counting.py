"""Whether a "how many" question counts what the pack's figures count.

"How many helicopters flew them out?" counts things no figure counts, whatever figures the
surrender has; "how many of the 245 who surrendered were Uzbeks?" asks for a part of a counted
whole that no figure singles out. Either is a near-miss, not a question for the figures.
"""

from __future__ import annotations

import enum

from knowledge import KnowledgeBase

from .focus import asked_kind, focus
from .lookup import COUNT_OPENERS
from .normalize import normalize_pack
from .stemming import stem
from .understand import CLAIM_WORDS, Parsed, Understanding
from .understand import PERSON_NOUNS as PEOPLE
from .vocabulary import load_cues, load_lexicon

CUES = load_cues()
CHILDREN = frozenset(w for p in CUES.phrases["children"] for w in p)  # "kids" are the figures' "child soldiers"
# "how many of **the 245** fighters", "of **his own** men": what leads into the whole counted
HEAD_WORDS = CUES.words_of("partitive_heads")
POINTERS = CUES.words_of("pointers")  # "how many of them ...": the whole is what was said
BE = CUES.words_of("be_forms")
SAYING = CLAIM_WORDS  # "did Nemat say", "according to him"
LIGHT = CUES.words_of("light_heads")
# "how much trust ...", "how much confidence ...": a degree of belief, the sources' reliability, not a figure
JUDGED = frozenset(p[0] for p in CUES.phrases["reliability"] if len(p) == 1)
# "how much higher", "how many more": the compare cue's phrases opening on a count opener
COMPARATIVES = frozenset(p[2] for p in CUES.phrases["compare"] if len(p) == 3 and p[0] == "how")
# "died in the whole campaign": the count's span is the conflict itself, which singles out no part
WHOLE_CONFLICT = load_lexicon().conflict_kinds | CUES.words_of("universal")
CLAUSE_OPENERS = CUES.words_of("clause_openers") | CUES.words_of("time_clause_openers")
RELATIVES = CUES.words_of("relatives")
# verbs before the one that says what befell those counted: "were", "did they say", "ended up", "chose to"
PASSING_VERBS = (BE | SAYING | LIGHT | CUES.words_of("light_verbs") | CUES.words_of("catenatives")
                 | CUES.words_of("active_openers"))
OPENING_REACH = 3  # "so exactly how many ...": the count opens the question within its first words
PARTS_OPENERS = tuple(tuple(p.split()) for p in CUES.words_of("parts_openers"))
NAMES = ("kind", "figure", "source", "person", "group", "conflict")  # a name may say who counts or whose


class Uncounted(enum.Enum):
    THING = "thing"  # "how many helicopters ...?": a fact may still count them
    PART = "part"  # "how many of the 245 were Uzbeks?": a fact giving the whole does not answer it


class Counting:
    def __init__(self, kb: KnowledgeBase, understanding: Understanding):
        self.english = understanding.english
        self.lemmas = understanding.lemmas
        said = [f"{m.name} {m.subject_label} {m.description}" for m in kb.pack.measures.values()]
        named = {stem(w) for text in said for w in normalize_pack(text).split()}
        children = {stem(w) for w in CHILDREN}
        # the words users name a measure by ("killed", "losses", "losing" and so "lost"), in their dictionary form
        lexicon = understanding.lexicon
        kinds = [w for ps in lexicon.measure_kinds.values() for p in ps for w in p] + list(lexicon.kind_groups)
        measures = {stem(self.lemmas.get(w, w)) for w in kinds}
        self.parts = named | measures | (children if named & children else set())
        quoted = [f"{c.note} {c.evidence.quote}" for c in kb.pack.claims.values()]
        # the words of what the figures count ("fighters", "followers", "civilians")
        self.counted = named | {stem(w) for text in quoted for w in normalize_pack(text).split()}

    def uncounted(self, parsed: Parsed) -> Uncounted | None:
        """What a "how many" question counts that no figure counts: things, or a part of a whole."""
        tokens = parsed.tokens
        start = 1 if tokens[:1] in (["and"], ["so"]) else 0
        if not any(tuple(tokens[start : start + len(p)]) == p for p in COUNT_OPENERS):
            return None
        if asked_kind(tokens) not in (None, "figure") or tokens[start] != "how":
            return None
        if tokens[start + 2 : start + 3] and tokens[start + 2] in COMPARATIVES:
            return None  # "how much higher is X's figure than Y's?" compares figures, it counts nothing
        if tokens[start + 2 : start + 3] == ["of"]:
            counted = tuple(tokens[start : start + 2]) in PARTS_OPENERS  # "how much of Darzab": a share, not a part
            return Uncounted.PART if counted and self._uncounted_part(parsed, start + 3) else None
        return Uncounted.THING if self._uncounted_thing(parsed) else None

    def untold_act(self, parsed: Parsed, explained: frozenset[int]) -> int | None:
        """"How many fighters disappeared during the retreat?": where a "how many" question's verb says
        what befell those it counts, when the pack tells that act but the answering intent does not
        explain it and no figure's measure names it: its figures count something else."""
        tokens = parsed.tokens
        opener = next((k for k in range(OPENING_REACH) if tuple(tokens[k : k + 2]) in PARTS_OPENERS), None)
        if opener is None:
            return None  # "how many ...", "and exactly how many ..."
        named = parsed.covered_by_entities()
        for i in range(opener + 2, len(tokens)):
            word = tokens[i]
            if word in CLAUSE_OPENERS or word in RELATIVES:
                return None  # "... when the Taliban attacked", "the unit that attacked": not what is counted
            lemma = self.lemmas.get(word, word)
            if i in named or self.english.get(word) != "V" or {word, lemma} & PASSING_VERBS:
                continue
            if i in explained or i in parsed.unknown or stem(word) in self.parts or stem(lemma) in self.parts:
                return None  # explained, counted, or an act the pack never tells ("gathered"): not for this check
            return i
        return None

    def _uncounted_thing(self, parsed: Parsed) -> bool:
        """"How many helicopters ...?": a thing, not people, that no figure counts."""
        asked = focus(parsed, self.english)
        if asked is None or stem(parsed.tokens[asked]) in self.counted or parsed.tokens[asked] in JUDGED:
            return False
        word = parsed.tokens[asked]
        if "N" not in self.english.get(word, "N"):
            return False  # "how many Taliban did they admit losing?": a verb, not a thing counted
        if word in PEOPLE or self.lemmas.get(word, word) in PEOPLE:
            return False  # "how many men ...": people, whom a figure may well count
        return not any(e.type in ("kind", "figure") and e.start <= asked < e.end for e in parsed.entities)

    def _uncounted_part(self, parsed: Parsed, at: int) -> bool:
        """"How many of the Taliban's fighters came from Helmand?": what singles out the part
        (the words after the whole) must be what some figure's measure says."""
        tokens, names = parsed.tokens, {i for e in parsed.entities if e.type in NAMES for i in range(e.start, e.end)}
        while at < len(tokens):  # past the whole: "the 245 fighters", "his own men", "them"
            word = tokens[at]
            at += 1
            if word in POINTERS:
                break
            if word in HEAD_WORDS or at - 1 in names or self.english.get(word) == "A":
                continue
            break
        # "... were Uzbeks": what follows the verb "be" says the part; otherwise the verb phrase
        # ("came from Helmand"), beside the words of who says it ("does the leader admit")
        be = next((i for i in range(at, len(tokens)) if tokens[i] in BE and i not in names), None)
        if be is not None:
            rest = [i for i in sorted(parsed.content) if i > be and i not in names]
        else:
            rest = [i for i in sorted(parsed.content) if i >= at and i not in names and tokens[i] not in SAYING
                    and tokens[i] not in LIGHT and self.lemmas.get(tokens[i], tokens[i]) not in PEOPLE]
        rest = [i for i in rest if self.english.get(tokens[i]) != "R"  # "eventually", "actually": a manner
                and tokens[i] not in WHOLE_CONFLICT]
        return any(stem(tokens[i]) not in self.parts and stem(self.lemmas.get(tokens[i], tokens[i])) not in self.parts
                   for i in rest)
