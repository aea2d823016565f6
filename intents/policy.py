"""One decision from the readings the proposers make, as Rasa's fallback policy does it.

Answer when the best reading clears ``ANSWER_THRESHOLD`` and leads the runner-up by
``MARGIN``; a question no intent places goes to the fact route when the pack's facts hold
what it asks; between ``CLARIFY_THRESHOLD`` and that, ask "did you mean ...?"; below,
decline and say what the bot can answer. A question made only of names ("and IS-KP?"),
references ("what happened to him?") or "tell me more" leans on the conversation.
"""

from __future__ import annotations

import enum

from knowledge import KnowledgeBase
from knowledge.model import Event
from knowledge.records import dataclass, field

from .anchor import Anchor, anchor_of
from .context import THING, Context
from .counting import CLAUSE_OPENERS, PARTS_OPENERS, Counting, Uncounted
from .focus import asked_kind, explains_focus, focus, part_of_speech
from .identity import identity_asked, unnamed_asked
from .lookup import counted_numbers, text_words, word_before
from .matcher import IntentScore, Matcher
from .proposers import FOLLOWUP_CONFIDENCE, FactProposer, speaking
from .reply import says_any
from .retrieval import FactIndex, item_text
from .routing import Router
from .stemming import stem
from .understand import NAME_TYPES, Parsed, year_span
from .verdict import close_hits, item_verdict
from .vocabulary import IntentSpec, load_cues, load_lemmas

ANSWER_THRESHOLD = 0.6
CLARIFY_THRESHOLD = 0.4
MARGIN = 0.05  # below ANSWER_CONFIDENT, the top two must differ by this much
CLOSE_READINGS = 0.1  # two readings this close are worth a "did you mean ...?"
ANSWER_CONFIDENT = 0.85
WHERE_WHEN = ("place", "date")  # kinds an intent declaring others cannot give on its focus word alone
OTHER_KIND = 0.55  # an intent that answers another kind than the question asks for
IDENTITY = "identity"  # "who was <a person or voice named>?": who they are, which no declared kind gives
MIN_COVERAGE = 0.5  # an answer explains more than half the question's meaningful words
VERDICT_REACH = 0.15  # how far below the best intent a fact that settles a yes/no question may be
UNCOUNTED = "counts what no figure counts"  # why a "how many" question is declined
FROM_FACTS = "answered from the facts"  # why the fact route answers
TOPIC_HANDLER = "topic"  # the handler of a pack topic's facts: it reads no reference to the last answer
CLAIMS_HANDLER = "claims"  # the handler of figures by claimant: a follow-up may name another voice
FIGURE_HANDLERS = frozenset({CLAIMS_HANDLER, "casualties"})  # handlers answering with claimants' figures
PERSON_HANDLER = "person"  # the handler of who a person is: their roles
SEQUENCE_HANDLER = "sequence"  # the handler of what came next on the timeline
ANCHORED = 0.9  # the confidence of "what happened after <an event the timeline holds>?"


class Mode(enum.Enum):
    ANSWER = "answer"
    FOLLOWUP = "followup"  # answers, leaning on the last question's intent or answer
    CLARIFY = "clarify"  # "did you mean ...?"
    DECLINE = "decline"
    EMPTY = "empty"  # nothing was asked
    NOTHING_TO_EXPAND = "nothing-to-expand"  # "tell me more" before anything was said


@dataclass
class Decision:
    spec: IntentSpec | None
    confidence: float
    mode: Mode
    candidates: list[IntentScore]
    followup: str = ""
    near: dict[int, int] = field(default_factory=dict)  # items around the last answer's -> how far
    unnamed: str | None = None  # the source the article never names, whose name is asked
    untold: int | None = None  # in "was X convicted?", the act no item of the pack tells (its position)
    everyone: bool = False  # "and overall?": the last question for every side, not the one it named
    anchor: Anchor | None = None  # "what happened after the April raid?": the event named, what followed asked


NEXT = load_cues().phrases["next"]
OVERALL = frozenset(w for p in load_cues().phrases["overall"] for w in p)  # total, overall, altogether
WHY = "why"
AND = "and"
QUESTION_VERBS = load_cues().words_of("question_verbs")  # "why **were** ...": the subject follows
DETERMINERS = load_cues().words_of("determiners")
# "how long", "how far", "how old": a measure asked, not a count ("how many", "how much")
MEASURE_OPENERS = frozenset(tuple(p.split()) for p in load_cues().words_of("quantity_openers")
                            - load_cues().words_of("count_openers"))
INTERVALS = load_cues().phrases["interval"]
ARTICLES = load_cues().words_of("articles")
LEMMAS = load_lemmas()
AFTER_WORDS = frozenset(p[0] for p in load_cues().phrases["anchor_after"] if len(p) == 1)  # after, following
ROLE_NOUNS = load_cues().words_of("role_nouns")
MANNER_REFS = load_cues().phrases["manner_refs"]  # "that way", "like that": how the last answer said it was done
RANGE_JOINS = load_cues().words_of("range_joins")  # "the 25 to 30 foreigners": one range of figures
RELIABILITY = frozenset(p[0] for p in load_cues().phrases["reliability"] if len(p) == 1)
SAYING = frozenset(p[0] for p in load_cues().phrases["claim"] if len(p) == 1)  # claim, said, reported, ...
VOICE_WORDS = frozenset(p[0] for p in load_cues().phrases["speakers"]) | load_cues().words_of("possessives")


def onward(parsed: Parsed) -> bool:
    """Whether the question moves on from the last answer ("after that", "what happened next")."""
    return says_any(parsed.tokens, NEXT)


def elliptical(parsed: Parsed) -> bool:
    """Whether every meaningful word is a name, a measure kind or a follow-up marker."""
    entity_positions = parsed.covered_by_entities()
    return (
        not parsed.unknown  # "Nemat in 2020": a year the sources never reach is not a follow-up
        and all(i in entity_positions for i in parsed.content)
        and len(parsed.tokens) <= 8
    )


class Policy:
    def __init__(
        self,
        kb: KnowledgeBase,
        intents: tuple[IntentSpec, ...],
        matcher: Matcher,
        facts: FactProposer,
        retrieval: FactIndex,
        router: Router | None = None,
    ):
        self.kb = kb
        self.router = router  # where each reading's routes would take the question
        self.intents = intents
        self.catalog = {s.name: s for s in intents}
        self.sequence = next((s for s in intents if s.handler == SEQUENCE_HANDLER), None)
        self.matcher = matcher
        self.facts = facts
        self.retrieval = retrieval
        self.english = facts.understanding.english
        self.counting = Counting(kb, facts.understanding)

    def decide(self, parsed: Parsed, context: Context) -> Decision:
        if not parsed.tokens:
            return Decision(None, 0.0, Mode.EMPTY, [])
        unnamed = unnamed_asked(self.kb, parsed)
        if unnamed is not None:  # "which expert came up with 300?": the article never names them
            return Decision(None, 1.0, Mode.DECLINE, [], "asks who an unnamed source is", unnamed=unnamed)
        untold = self._untold_act(parsed)
        if untold is not None:  # "was X eventually convicted?": no item says so, whatever else it says of X
            return Decision(None, 1.0, Mode.DECLINE, [], "asks of an act the sources never tell", untold=untold)
        if asked_kind(parsed.tokens) == "date" and self._untold_after_the_conflict(parsed):
            # "when did IS-KP lose its last districts after the battle?": nothing dated after it says so
            return Decision(None, 1.0, Mode.DECLINE, [], "asks a date after the conflict the sources do not give")
        anchor = anchor_of(self.kb, parsed) if self.sequence is not None else None
        if anchor is not None:  # "what did they do after Burjan was captured?": what followed it
            return Decision(self.sequence, ANCHORED, Mode.ANSWER, [], "what came after the event it names",
                            anchor=anchor)
        last = self.catalog.get(context.intent or "")
        if parsed.asks_count and last is not None:
            return Decision(last, FOLLOWUP_CONFIDENCE, Mode.FOLLOWUP, [], "asks the last question for a count")
        if last is not None and parsed.followup and parsed.content and all(
                parsed.tokens[i] in OVERALL for i in parsed.content):
            # "and overall?", "and in total?" after figures: the same figures, for everyone
            return Decision(last, FOLLOWUP_CONFIDENCE, Mode.FOLLOWUP, [], "asks the last question for everyone",
                            everyone=True)
        refs = {i for e in parsed.entities if e.start in parsed.pronouns.values() for i in range(e.start, e.end)}
        only_refs = bool(parsed.refers_back) and not parsed.content - parsed.refers_back - refs  # "where from?"
        pointed = bool(parsed.consequence and parsed.refers_back) or only_refs  # "what effect did that have?"
        # "what did X put out after that?": what is told after the last answer's items; "after that, by 30
        # July?" names its own date
        dated = any(e.type == "date" for e in parsed.entities)
        pointed = pointed or bool(parsed.refers_back) and onward(parsed) and not dated
        pointed = pointed or bool(parsed.pronouns) and self.facts.asks_place_of_last(parsed, context)
        named = parsed.covered_by_entities()
        # a measure named ("surrender", "killed") is the question's own verb: "why did X surrender?" stands alone
        names_only = {i for e in parsed.entities if e.type in NAME_TYPES for i in range(e.start, e.end)}
        if parsed.tokens[0] == WHY and parsed.content and parsed.content <= names_only and not parsed.unknown \
                and not dated:
            # "why to the government rather than to the Taliban?", "why not X?": no verb of its own, it asks
            # why of what the last answer said, with those names
            parsed.refers_back = parsed.refers_back | {0}
            parsed.cache["why_of_last"] = True  # a reason beyond the last answer's lead, not the lead again
            pointed = True
        near = self.facts.near_last(parsed, context) if pointed else None
        if near is None and parsed.asks_last and asked_kind(parsed.tokens) == "reason":
            near = self._reason_of_last(parsed, context)  # "why?", "how come?"
        if near is not None:  # "what effect did that have?", "how did people react to that?", "where from?"
            read, items = near
            return Decision(read.spec, read.score, Mode.FOLLOWUP, [read], "asks about what the last answer said", items)
        fact = self.facts.spec
        if parsed.yes_no and not parsed.content - refs and parsed.refers_back and not parsed.asks_count:
            # "had he done that before?", "did they do it again?": nothing of its own, asked of what was told
            parsed.asks_last = True
        if fact is not None and self._counts_the_manner_told(parsed, context):
            # "how many were killed that way?" after "IS-KP beheaded ten Taliban members": the count it told
            parsed.asks_last = True
            return Decision(fact, FOLLOWUP_CONFIDENCE, Mode.FOLLOWUP, [], "asks a count the last answer told")
        if parsed.asks_last and fact is not None and self.retrieval.cited(context.last_answer):
            return Decision(fact, FOLLOWUP_CONFIDENCE, Mode.FOLLOWUP, [], "asks about the last answer")
        available = {e.type for e in parsed.entities}
        for kind in parsed.pronouns:
            if kind in context.slots and kind != THING:
                available.add(kind)
        if context.intent and elliptical(parsed):
            available |= set(context.slots)
        scores = self._by_answer_kind(parsed, self.matcher.score(parsed, available))
        fact = self.facts.candidate(parsed) or self.facts.followup(parsed, context)
        if fact is not None:
            scores.append(fact)
        # on equal footing the conversation stays on its topic ("how many were children?" after the surrender)
        # and of two readings as strong, the one whose keywords say what is asked ("how many civilians in total
        # were killed?": the civilians, not the totals of fighters); "in what year ..." says what it asks by its opening
        asked = focus(parsed, self.english) if asked_kind(parsed.tokens) in (None, "figure") else None
        scores.sort(key=lambda r: (r.raw, asked in r.explained, len(r.spec.need), r.coverage,
                                   r.spec.name == context.intent), reverse=True)
        if fact is not None and scores[0] is not fact and (self._decides(parsed, fact, scores[0])
                                                           or self._voice_said(parsed, fact, scores[0])):
            scores = [fact, *(s for s in scores if s is not fact)]
        if len(scores) > 1 and scores[0].spec is self.facts.spec:
            scores = self._focus_first(parsed, scores)
        if len(scores) > 1 and scores[0].spec is self.facts.spec:
            scores = self._judged_first(parsed, scores)
        role = self._role_asked(parsed, scores)
        if role is not None:  # "what role did X have in IS-KP's Jowzjan structure?": X's roles say it
            return Decision(role.spec, role.score, Mode.ANSWER, scores, "asks the role of a person named")
        top = scores[0] if scores else None
        second = scores[1].raw if len(scores) > 1 and not self._agree(scores[0], scores[1], parsed, context) else 0.0
        if second and self._judges_alone(parsed, scores[0], scores[1]):
            second = 0.0  # "how trustworthy are the numbers?": a reading of the numbers alone is no rival

        # "what about the rebels' own leader?", "what did their own leader claim?" (a voice and a verb of
        # saying, no measure of its own): the last figures, by that voice
        voiced = parsed.followup or self._says_only_a_voice(parsed)
        if (last is not None and last.handler in FIGURE_HANDLERS and voiced and self.router is not None
                and self.router.names_voice(parsed, context)):
            return Decision(last, FOLLOWUP_CONFIDENCE, Mode.FOLLOWUP, scores, "the last figures, by another voice")
        # "and IS-KP?", "tell me more", "what about the wounded": the last intent, new slots;
        # "Haji Murad?", "22 July": the intent that needs just those names
        bare = top is not None and bool(top.spec.need) and set(top.spec.need) <= {e.type for e in parsed.entities}
        if bare and 0 in top.explained - parsed.covered_by_entities() and not parsed.followup:
            bare = False  # "what is IS-KP?" says what it asks; "and IS-KP?" leans on the last question
        if bare and len(top.explained - parsed.covered_by_entities() - {0}) > 1:
            bare = False  # "and what happened to him?": a phrase of its own, not "and him?"
        # "how many Taliban died at Darzab?" is all names and a measure, but its wh-word says what it asks
        says_what = top is not None and top.score >= ANSWER_THRESHOLD and focus(parsed, self.english) is not None
        if elliptical(parsed) and not says_what and (top is None or top.score < ANSWER_CONFIDENT or bare):
            types = {e.type for e in parsed.entities}
            if last and (parsed.entities or parsed.more or parsed.followup or parsed.pronouns):
                # every name must be one the last intent can use ("Taliban" is a group and a source)
                spans: dict[int, set[str]] = {}
                for e in parsed.entities:
                    spans.setdefault(e.start, set()).add(e.type)
                fits = all(kinds & set(last.slots) for kinds in spans.values())
                if fits and all(t in available for t in last.need):
                    return Decision(last, FOLLOWUP_CONFIDENCE, Mode.FOLLOWUP, scores, "continues the last question")
            for spec in self.intents:  # the intent that needs just those names and uses every one
                if spec.need and set(spec.need) <= types <= {*spec.slots, "conflict"} and spec.names_alone:
                    return Decision(spec, FOLLOWUP_CONFIDENCE, Mode.ANSWER, scores, f"a bare {'/'.join(spec.need)}")
        if top is None:
            near = self._near_last(parsed, context, scores)
            if near is not None:  # "what did they seize apart from ground?": no intent, the last answer's facts
                return near
            fallback = self.facts.fallback(parsed) if parsed.content else None
            if fallback is not None:  # "who's the <side's> spokesman?": names no intent uses, a fact says
                return Decision(fallback.spec, fallback.score, Mode.ANSWER, [fallback], FROM_FACTS)
            mode = Mode.NOTHING_TO_EXPAND if parsed.more and not parsed.content else Mode.DECLINE
            return Decision(None, 0.0, mode, scores)
        # "who criticised that?": a topic's keyword ("criticised") is weaker than the item beside the last
        # answer that says all the question asks of "that"; "was that accurate?" of a story the facts told
        # (no figure) is what they tell next, not the figures' reliability
        topical = top.spec.handler == TOPIC_HANDLER and self.facts.near_says_all(parsed, context)
        if parsed.refers_back and (topical or parsed.yes_no and self.facts.judges_last(parsed, context)):
            near = self._near_last(parsed, context, scores)
            if near is not None:
                return near
        uncounted = self.counting.uncounted(parsed)
        if top.spec is self.facts.spec and uncounted is Uncounted.THING:
            uncounted = None  # a fact may count things no figure counts, not a part no figure singles out
        if uncounted is not None:
            # "how many helicopters flew them out?": no figure of the intent's counts helicopters
            fallback = self.facts.fallback(parsed) if uncounted is Uncounted.THING else None
            if fallback is not None:
                return Decision(fallback.spec, fallback.score, Mode.ANSWER, [fallback, *scores], FROM_FACTS)
            return Decision(None, top.score, Mode.DECLINE, scores, UNCOUNTED)
        clear_lead = top.score >= ANSWER_CONFIDENT or top.raw - second >= MARGIN
        explains_most = top.coverage > MIN_COVERAGE or not parsed.content
        if top.score >= ANSWER_THRESHOLD and self._misses_focus(parsed, top):
            # "how did the execution of the captured commander affect the fighting?": the commanders
            # intent explains "commander", not the execution asked about, which a fact does say
            fallback = self.facts.fallback(parsed)
            said = self._fact_says(parsed, fallback) if fallback is not None else 0
            # and says more of it, or as much and what is asked ("what was he thinking of doing next?")
            said += (fallback is not None and top.score < ANSWER_CONFIDENT
                     and focus(parsed, self.english) in self._fact_covers(parsed, fallback))
            if fallback is not None and said > len(top.explained & parsed.content - named):
                return Decision(fallback.spec, fallback.score, Mode.ANSWER, [fallback, *scores], FROM_FACTS)
        if top.score >= ANSWER_THRESHOLD and self._unmeasured(parsed, top):
            # "how long did the fighters walk?": a length, distance or age the answering intent does not give
            return Decision(None, top.score, Mode.DECLINE, scores, UNCOUNTED)
        if top.score >= ANSWER_THRESHOLD and clear_lead and explains_most:
            return Decision(top.spec, top.score, Mode.ANSWER, scores)
        if (top.score >= CLARIFY_THRESHOLD and self._says_what_is_asked(parsed, top) and self._answers_kind(parsed, top)
                and not self._of_subject_alone(parsed, top)):
            return Decision(top.spec, top.score, Mode.ANSWER, scores, "explains what is asked")
        near = self._near_last(parsed, context, scores)
        if near is not None:  # "why were the soldiers there angry?": around what was just said
            return near
        fallback = self.facts.fallback(parsed)
        if fallback is not None:  # no intent places it, but the pack's facts hold what it asks
            return Decision(fallback.spec, fallback.score, Mode.ANSWER, [fallback, *scores], FROM_FACTS)
        # "did you mean ...?" only between two readings that are really close; one reading alone
        # is declined (with the closest fact, and that reading offered as a suggestion)
        rival = scores[1].score if len(scores) > 1 and scores[1].spec is not top.spec else 0.0
        if (top.spec is self.facts.spec and rival and top.coverage > scores[1].coverage
                and self._says_more(parsed, top, scores[1], named, strong=top.score >= ANSWER_THRESHOLD)):
            # one fact says more of the question than the intent beside it ("were the captured militants
            # treated as prisoners in <town>?"): not two readings as close as a "did you mean" needs
            return Decision(top.spec, top.score, Mode.ANSWER, scores, FROM_FACTS)
        if top.score >= CLARIFY_THRESHOLD and rival >= max(CLARIFY_THRESHOLD, top.score - CLOSE_READINGS):
            spoken = self._voiced_topic(parsed, scores[:2])
            if spoken is not None:  # "what did the Pentagon say about the outcome?": the topic it speaks in
                return Decision(spoken.spec, spoken.score, Mode.ANSWER, scores, "the topic its voice speaks in")
            return Decision(top.spec, top.score, Mode.CLARIFY, scores)
        return Decision(None, top.score, Mode.DECLINE, scores)

    def _says_more(self, parsed: Parsed, fact: IntentScore, intent: IntentScore, named: set[int],
                   strong: bool) -> bool:
        """Whether a fact reading says more of the question's words beyond its names than the intent
        reading beside it: any more when the fact reading is strong, else twice as many ("what role
        did X's death play in weakening Y?": the fact says death and weakening, the intent death)."""
        said, other = self._fact_says(parsed, fact), len(intent.explained & parsed.content - named)
        if strong:
            return fact.raw > intent.raw and said > other
        # a weaker fact reading must say every word foreign to the pack ("the United Nations"), and
        # "who commanded the column?" is the intent's to answer: a fact about the column may name no one
        foreign = parsed.unknown - self._fact_covers(parsed, fact)
        if foreign or fact.score < CLARIFY_THRESHOLD or asked_kind(parsed.tokens) == "actor":
            return False
        return fact.raw >= intent.raw and said >= 2 * max(1, other)

    def _fact_says(self, parsed: Parsed, read: IntentScore) -> int:
        """How many of the question's meaningful words beyond its names the item a fact reading answers
        with says."""
        return len(self._fact_covers(parsed, read) & parsed.content - parsed.covered_by_entities())

    def _fact_covers(self, parsed: Parsed, read: IntentScore) -> frozenset[int]:
        """The question's positions the item a fact reading answers with says."""
        hit = next((h for h in self.retrieval.search(parsed) if read.keywords and h.item.id == read.keywords[0]), None)
        return hit.covered if hit is not None else frozenset()

    def _untold_act(self, parsed: Parsed) -> int | None:
        """In a yes/no, where- or when-question, a word that can only be a verb and that the pack never
        uses: the act asked about ("was X convicted?", "where was X buried?"), which nothing in the
        sources can tell."""
        if self._checks_figure(parsed):
            return None  # "did 2000 IS-KP fighters defend it?" checks a figure, whatever the verb
        if RELIABILITY.intersection(parsed.tokens):
            return None  # "did anyone independently confirm the claims?" asks how far they can be trusted
        if not parsed.yes_no and asked_kind(parsed.tokens) not in WHERE_WHEN:
            return None
        # "where was X buried?": a where- or when-question's own verb, not one in a clause saying when
        return next((i for i in sorted(parsed.unknown) if self._only_a_verb(parsed.tokens[i])
                     and (parsed.yes_no or not self._in_clause(parsed, i))), None)

    def _only_a_verb(self, word: str) -> bool:
        """"convicted", and "buried" (also an adjective, but its dictionary form only a verb)."""
        return self.english.get(word) == "V" or self.english.get(LEMMAS.get(word, word)) == "V"

    @staticmethod
    def _in_clause(parsed: Parsed, at: int) -> bool:
        """Whether a word sits in a clause opened after the question's start ("... after IS-KP executed him")."""
        return any(parsed.tokens[k] in CLAUSE_OPENERS for k in range(1, at))

    def _untold_after_the_conflict(self, parsed: Parsed) -> bool:
        """A when-question about a time after the conflict ("after the battle", "after Darzab": its own
        place) when no event dated after the conflict's end says the act it asks about."""
        conflict = self.kb.pack.conflict
        after = next((e for e in parsed.entities
                      if (e.type == "conflict" or e.type == "place" and e.value in conflict.places)
                      and word_before(parsed.tokens, e.start) in AFTER_WORDS), None)
        if after is None or conflict.date.end is None:
            return False
        acts = {i for i in parsed.content - parsed.covered_by_entities()
                if "V" in self.english.get(parsed.tokens[i], "") and parsed.tokens[i] not in AFTER_WORDS}
        asked = acts or parsed.content - parsed.covered_by_entities()  # what was done, else what is named
        return not any(isinstance(h.item, Event) and h.item.date.end is not None
                       and h.item.date.end > conflict.date.end and h.covered & asked
                       for h in self.retrieval.search(parsed))

    @staticmethod
    def _judges_alone(parsed: Parsed, top: IntentScore, rival: IntentScore) -> bool:
        """Whether the best reading explains the question's words of trust ("how trustworthy ...?")
        and the one beside it does not: that one reads only what is judged, not the judging asked."""
        judged = {i for i in parsed.content if parsed.tokens[i] in RELIABILITY}
        return bool(judged) and judged <= top.explained and not judged & rival.explained

    def _role_asked(self, parsed: Parsed, scores: list[IntentScore]) -> IntentScore | None:
        """A wh-question whose focus is a role ("what position did X hold in Y?") of the one person it
        names: the reading of that person that explains the role, however many other words it has."""
        asked = focus(parsed, self.english) if not parsed.yes_no else None
        people = {e.value for e in parsed.entities if e.type == "person"}
        if asked is None or parsed.tokens[asked] not in ROLE_NOUNS or len(people) != 1:
            return None
        return next((s for s in scores if s.spec.handler == PERSON_HANDLER and asked in s.explained
                     and s.score >= CLARIFY_THRESHOLD), None)

    def _counts_the_manner_told(self, parsed: Parsed, context: Context) -> bool:
        """"How many were killed that way?": a count of what was done in the way the last answer's
        lead tells, which states a count itself; the question names nothing of its own."""
        tokens = parsed.tokens
        if not tokens[:2] or tuple(tokens[:2]) not in PARTS_OPENERS or not any(
                tuple(tokens[i : i + len(p)]) == p for p in MANNER_REFS for i in range(len(tokens))):
            return False
        if any(e.type in NAME_TYPES for e in parsed.entities):
            return False  # "how many Taliban were killed that way?" names whose count: the figures
        cited = self.retrieval.cited(context.last_answer)
        return bool(cited) and bool(counted_numbers(item_text(cited[0]), year_span(self.kb)))

    @staticmethod
    def _checks_figure(parsed: Parsed) -> bool:
        """Whether a question states a figure to check ("did 2000 fighters ...?"), not one it names
        what it asks about by ("were the 25 to 30 foreigners ...?": after an article, and its range)."""
        named: set[int] = set()  # where a figure that only names what is asked about ends
        for e in sorted((e for e in parsed.entities if e.type == "figure"), key=lambda e: e.start):
            before = parsed.tokens[e.start - 1] if e.start else ""
            if before in ARTICLES or before in RANGE_JOINS and e.start - 1 in named:
                named.add(e.end)
            else:
                return True
        return False

    def _misses_focus(self, parsed: Parsed, top: IntentScore) -> bool:
        """Whether an intent leaves unexplained what a wh-question asks about (its focus), when the
        opening names no kind of answer the intent might give ("when", "who", "how many")."""
        if top.spec is self.facts.spec or parsed.yes_no:
            return False
        kind = asked_kind(parsed.tokens)
        if kind == "reason":
            return self._of_subject_alone(parsed, top)
        if kind is not None:
            return False
        at = focus(parsed, self.english)
        return at is not None and at not in top.explained

    def _of_subject_alone(self, parsed: Parsed, top: IntentScore) -> bool:
        """"Why were the soldiers there resentful?": an intent explaining only the subject of a
        why-question misses the resentment whose reason is asked."""
        if top.spec is self.facts.spec or asked_kind(parsed.tokens) != "reason":
            return False
        own = parsed.content - parsed.covered_by_entities()
        subject = self._subject(parsed)
        return bool(own - subject) and bool(top.explained & own) and top.explained & own <= subject

    def _subject(self, parsed: Parsed) -> set[int]:
        """The nouns a why-question asks the reason about ("why were **civilians and soldiers** angry?",
        "why was **the surrender** seen as ...?"): those after its opening verb, up to the first other word."""
        tokens = parsed.tokens
        if len(tokens) < 3 or tokens[1] not in QUESTION_VERBS:
            return set()
        subject: set[int] = set()
        for j in range(2, len(tokens)):
            joining = tokens[j] in DETERMINERS or tokens[j] == AND
            if not joining and (j not in parsed.content or "N" not in part_of_speech(tokens[j], self.english)):
                break
            subject.add(j)
        return subject

    def _by_answer_kind(self, parsed: Parsed, scores: list[IntentScore]) -> list[IntentScore]:
        """"When was the battle fought?" asks a date: an intent that gives only sides ("who
        fought?") is the weaker reading of it."""
        asked = asked_kind(parsed.tokens)
        if asked in ("actor", None) and identity_asked(parsed):  # "who was / which spokesman ...?": not a figure
            asked = IDENTITY
        if asked is None:
            return scores
        return [  # made directly: dataclasses.replace reads the fields anew on every call
            IntentScore(s.spec, s.score * OTHER_KIND, s.keywords, s.coverage, s.raw * OTHER_KIND, s.explained)
            if s.spec.answers and asked not in s.spec.answers else s
            for s in scores
        ]

    def _reason_of_last(self, parsed: Parsed, context: Context) -> tuple[IntentScore, dict[int, int]] | None:
        """A reason, not said yet, told beside what the last answer said; the question is left as
        it was when there is none (it is then answered from what the last answer cited)."""
        refers_back, cache = parsed.refers_back, dict(parsed.cache)
        parsed.refers_back = refers_back | {0}
        parsed.cache.pop("near_last", None)
        parsed.cache["why_of_last"] = True
        parsed.cache["bare_why"] = True  # its reason is one not told yet, not the lead's own again
        near = self.facts.near_last(parsed, context)
        if near is None:
            parsed.refers_back, parsed.cache = refers_back, cache
        return near

    def _says_only_a_voice(self, parsed: Parsed) -> bool:
        """Whether a question asks only what someone said ("what did their own leader claim?"): a
        verb of saying, names and words for people, no measure or other word of its own."""
        named = parsed.covered_by_entities()  # "the Islamic State": a name, no saying
        said = {i for i, t in enumerate(parsed.tokens) if t in SAYING and i not in named}
        if not said or any(e.type in ("kind", "figure", "date") for e in parsed.entities):
            return False
        rest = parsed.content - said - parsed.covered_by_entities()
        return all(parsed.tokens[i] in VOICE_WORDS for i in rest)

    @staticmethod
    def _answers_kind(parsed: Parsed, top: IntentScore) -> bool:
        """Whether the intent gives the kind of answer the question's opening asks for, when that is a
        place or a date ("where ...?" is no range of figures; "who ...?" may well be told by figures'
        sides), or declares none."""
        asked = asked_kind(parsed.tokens)
        return asked not in WHERE_WHEN or not top.spec.answers or asked in top.spec.answers

    def _near_last(self, parsed: Parsed, context: Context, scores: list[IntentScore]) -> Decision | None:
        found = self.facts.near_last(parsed, context)
        if found is None:
            return None
        read, items = found
        return Decision(read.spec, read.score, Mode.FOLLOWUP, [read, *scores], "points at the last answer", items)

    def _says_what_is_asked(self, parsed: Parsed, top: IntentScore) -> bool:
        """A wh-question whose focus (with the words that make it one thing) the intent explains,
        with every name and every word foreign to the pack explained too: "what's the biggest
        number anyone gives for their fighters killed?" is a claims question, however many
        other words it has; "how many people died in <another town's> offensive?" names a place
        no casualty figure is about."""
        together = self.retrieval.together
        return explains_focus(parsed, self.english, top.explained, verbs_may_be_new=False, together=together)

    def _decides(self, parsed: Parsed, fact: IntentScore, top: IntentScore) -> bool:
        """A yes/no question goes to a fact that settles it, if it explains nearly as much as
        the best intent ("was IS-KP finished in the north?" is not asking when the battle ended)."""
        if not parsed.yes_no or top.spec.answers_yes_no or fact.score < top.score - VERDICT_REACH:
            return False
        return any(item_verdict(self.kb, parsed, h.item) for h in close_hits(self.retrieval.search(parsed)))

    def _unmeasured(self, parsed: Parsed, top: IntentScore) -> bool:
        """Whether a "how long / how far / how old" question (a measure, not a count) is read by an
        intent whose keywords leave that measure unexplained: it would answer with what it tells,
        not with the length asked for."""
        opening = tuple(parsed.tokens[:2])
        if opening not in MEASURE_OPENERS or top.spec is self.facts.spec:
            return False
        if any(tuple(parsed.tokens[: len(p)]) == p for p in INTERVALS):
            return False  # "how long after his capture ...?": the days between two dated events
        return 1 not in top.explained

    def _focus_first(self, parsed: Parsed, scores: list[IntentScore]) -> list[IntentScore]:
        """"What position did X hold?": a fact that says the other words ("held") but not what is
        asked ("position") gives way to an intent, strong enough to answer, that explains it."""
        asked = focus(parsed, self.english) if not parsed.yes_no else None  # a yes/no's facts settle it
        if asked is None or asked in self._fact_covers(parsed, scores[0]):
            return scores
        rival = next((s for s in scores[1:] if s.spec is not self.facts.spec), None)
        if rival is None or rival.score < ANSWER_THRESHOLD or asked not in rival.explained:
            return scores
        if rival.spec.handler == CLAIMS_HANDLER:  # figures of a claimant: the fact may tell them all
            return scores
        return [rival, *(s for s in scores if s is not rival)]

    def _judged_first(self, parsed: Parsed, scores: list[IntentScore]) -> list[IntentScore]:
        """"How reliable are the casualty figures?": a fact that says nothing of how far it can be
        trusted gives way to an intent, strong enough to answer, whose keywords say the reliability asked."""
        asked = {i for i in parsed.content if parsed.tokens[i] in RELIABILITY} if not parsed.yes_no else set()
        item = self.kb.get(scores[0].keywords[0]) if asked and scores[0].keywords else None
        if item is None or {stem(w) for w in text_words(item)} & {stem(w) for w in RELIABILITY}:
            return scores  # its own words judge it ("questionable"), not only a keyword pointing at it
        rival = next((s for s in scores[1:] if s.spec is not self.facts.spec and asked & s.explained), None)
        if rival is None or rival.score < ANSWER_THRESHOLD:
            return scores
        return [rival, *(s for s in scores[1:] if s is not rival)]  # the fact is no rival reading of it

    def _voiced_topic(self, parsed: Parsed, readings: list[IntentScore]) -> IntentScore | None:
        """Of two close readings, the one topic intent whose facts a side, person or source that speaks
        in the question says (the other reading is then only a word of what they said: "the outcome")."""
        sources = speaking(self.kb, parsed)
        spoken = [r for r in readings if r.spec.handler == TOPIC_HANDLER and r.spec.topic
                  and any(f.evidence.claimant in sources for f in self.kb.facts(topic=r.spec.topic))]
        return spoken[0] if len(spoken) == 1 else None

    def _voice_said(self, parsed: Parsed, fact: IntentScore, top: IntentScore) -> bool:
        """"What did the US military say about the defeat?": a side, person or source that speaks in
        the question ("X says", "according to X"), and a fact nearly as strong as the best intent that
        X or a source of X's says."""
        if fact.score < top.score - VERDICT_REACH or not fact.keywords:
            return False
        item = self.kb.get(fact.keywords[0])
        if top.spec.handler == TOPIC_HANDLER and getattr(item, "topic", None) == top.spec.topic:
            return False  # the topic's intent tells that fact and what goes with it
        claimant = getattr(getattr(item, "evidence", None), "claimant", None)
        if claimant not in speaking(self.kb, parsed):
            return False
        # "when were the 134 captured, per X?": a voice giving figures, asked of figures, is the claims'
        figures = any(e.type in ("kind", "figure") for e in parsed.entities) or top.spec.handler == CLAIMS_HANDLER
        return not figures or claimant not in self.kb.speaking_sources

    def _agree(self, a: IntentScore, b: IntentScore, parsed: Parsed, context: Context) -> bool:
        """Two candidates that would answer alike need no margin between them: a topic's
        intent and a fact of that same topic, or two intents whose routes hand this question
        to the same handler ("what did X say about that death figure?" read as a
        claimant's figures or as casualties is the claims handler's either way)."""
        if self.router is not None and "fact" not in (a.spec.name, b.spec.name):
            ends = {self.router.destination(c.spec, parsed, context).handler for c in (a, b)}
            if len(ends) == 1:
                return True
        topics = set()
        for cand in (a, b):
            if cand.spec.name == "fact":
                item = self.kb.get(cand.keywords[0]) if cand.keywords else None
                topics.add(getattr(item, "topic", None))
            else:
                topics.add(cand.spec.topic)
        return len(topics) == 1 and None not in topics and "" not in topics
