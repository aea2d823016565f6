"""The engine: understand a question in its conversation and build the answer.

A question goes through, top to bottom (``Engine.answer``): parse it (words, spellings,
names, dates), resolve its references from the conversation, let the proposers read it
(the intents' matcher and the pack's facts), take one decision (``policy.py``), follow the
intents' routes to a handler, build the answer, and remember what a follow-up may lean on.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from knowledge import KnowledgeBase, bundled_pack_path
from knowledge.dates import DateSpec, day_text
from knowledge.model import Fact
from knowledge.records import dataclass, replace

from .answer import NOTE, Answer, Candidate, Explanation, Part
from .asks import asks_in_order, join_answers, split_asks
from .catalog import Catalog, build_catalog
from .choice import offered, settle
from .context import Context
from .focus import asked_kind
from .handlers import load_all
from .kind_of import settle_kind, settle_trait
from .lookup import counted_numbers
from .matcher import Matcher
from .named import settle_person
from .normalize import normalize
from .partitive import settle_part
from .policy import CLARIFY_THRESHOLD, THING, UNCOUNTED, Decision, Mode, Policy, elliptical
from .proposers import FactProposer
from .reply import Reply, Request, join_names
from .retrieval import FactIndex, item_ids, item_text
from .routing import Router
from .stemming import stem
from .understand import CLAIM_WORDS, COUNT_OPENERS, NAME_TYPES, EntityHit, Parsed, Understanding, entity_kind, year_span
from .verdict import spellings
from .vocabulary import IntentSpec, load_cues, load_lexicon, load_vocabulary

REMEMBERED_SLOTS = ("person", "place", "group", "source", "kind", "conflict")  # what a follow-up inherits
OPPONENT = "opponent"  # "the other side": the side the last group fought
OWN = "own"  # "their own losses": the speaker's side
SELVES = "themselves"  # "how many did they lose themselves?": the speaker's side too
THING_KINDS = ("group", "place", "source")
FACT = "fact"  # the intent of answers drawn from the pack's facts
FIGURES_HANDLER = "casualties"  # the handler of figures asked by kind: losses, their claimants side by side
NAMED_SLOTS = ("person", "place", "group")  # what a part of several asks names for the next part


@dataclass(frozen=True)
class FaqEntry:
    topic: str  # the FAQ section, e.g. "Casualties"
    question: str


SIDE_SLOTS = ("group", "source")  # who a figure is of, or by: "and overall?" asks it of everyone


@lru_cache(maxsize=8)
def _people_spelled(kb: KnowledgeBase) -> tuple[dict[str, str], int]:
    """Each spelling of each person's name -> the person, and the most words a spelling has."""
    names = {n: ident for ident in kb.pack.people for n in spellings(kb, ident)}
    return names, max((len(n.split()) for n in names), default=0)


# a part asked within one the sources do not tell is not told either
WITHIN_UNTOLD = "The sources don't say that either: it asks about the part before."


class Engine:
    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.handlers = load_all()
        self.cues = load_cues()
        self.intent_catalog: Catalog = build_catalog(kb, load_vocabulary(), self.handlers)
        self.intents = self.intent_catalog.intents
        self.catalog = self.intent_catalog.by_name
        self.lexicon = load_lexicon()
        self.understanding = Understanding(kb, self.intents, self.lexicon)
        understood = {
            s.name: frozenset(w for c in self.handlers[s.handler].cues for p in self.cues.phrases[c] for w in p)
            for s in self.intents
        }
        self.matcher = Matcher(self.intents, understood)
        self.retrieval = FactIndex(kb, self.lexicon.paraphrases, self.lexicon.same_things, self.lexicon.kinds_of)
        self.facts = FactProposer(kb, self.catalog.get("fact"), self.retrieval, self.understanding)
        self.router = Router(kb, self.catalog, self.handlers, self.cues)
        self.policy = Policy(kb, self.intents, self.matcher, self.facts, self.retrieval, self.router)

    @classmethod
    def load(cls, pack: str | Path | None = None) -> Engine:
        """An engine over the pack at ``pack`` (the bundled one by default), from its snapshot
        when one is cached (``snapshot.py``; ``DARZAB_BOT_NO_CACHE=1``: always built)."""
        from . import snapshot

        folder = Path(pack) if pack else bundled_pack_path()
        return snapshot.load_engine(folder, lambda: cls(KnowledgeBase.load(folder)), cls)

    # -- catalogue ------------------------------------------------------------------
    def examples(self) -> list[str]:
        """A few example questions for greetings and /start."""
        picks = ("overview", "result", "casualties", "person", "date")
        return [self.catalog[n].examples[0] for n in picks if n in self.catalog and self.catalog[n].examples]

    def suggestions(self, *names: str) -> list[str]:
        """The first example of each named intent (or topic role), where the pack has one."""
        out = []
        for name in names:
            spec = self.intent_catalog.resolve(name)
            if spec is not None and spec.examples:
                out.append(spec.examples[0])
        return out

    def faq(self) -> list[FaqEntry]:
        """The canonical questions, grouped by FAQ section, in vocabulary order."""
        sections: dict[str, list[str]] = {}
        for spec in self.intents:
            if spec.faq:
                sections.setdefault(spec.faq, []).extend(spec.examples)
        return [FaqEntry(topic, q) for topic, qs in sections.items() for q in dict.fromkeys(qs)]

    # -- answering ------------------------------------------------------------------
    def answer(self, text: str, context: Context) -> Answer:
        """Answer ``text``, reading and updating the conversation ``context``; a question with
        several asks gets each answered in turn, in one reply."""
        asks = split_asks(text)
        if len(asks) == 1 and asks[0] != text.strip():  # "I'm a teacher. Who won?": the question alone
            return replace(self._answer_one(asks[0], context), question=text)
        if len(asks) == 1:
            return self._answer_one(text, context)
        answers: list[Answer] = []
        for k, ask in enumerate(asks):
            if k and not answers[-1].answered and self._within(ask, asks[k - 1]):
                # "did X join Y in 2019, and where did he fight?": asked within a part the sources do not tell
                answers.append(Answer(ask, False, None, answers[-1].confidence, (Part(WITHIN_UNTOLD, NOTE),)))
                continue
            if k and not answers[-1].answered:  # "X (unanswered), and in which month and year?": of X all the same
                ask = self._asked_of(ask, asks[k - 1])
            answers.append(self._answer_one(ask, context, several=True))
        if asks_in_order(text):  # "give the dates of A, B and C in order": earliest first
            answers.sort(key=self._when_told)
        joined = join_answers(text, answers)
        if joined.answered:
            context.last_answer = joined  # "who said that?" is about the whole reply
        return joined

    def _remember_figures_told(self, parsed: Parsed, context: Context, answer: Answer) -> None:
        """A figures question the facts answered ("how many did the Taliban say they killed?", told by
        a fact quoting their claim): the conversation is on that figure, so "what did the IS side say?"
        asks it of another voice, as after the figures' intent."""
        kinds = {e.value for e in parsed.entities if e.type == "kind"}
        counts = asked_kind(parsed.tokens) == "figure" or any(
            tuple(parsed.tokens[i : i + 2]) in COUNT_OPENERS for i in range(len(parsed.tokens)))
        if not kinds or not counts:
            return  # "when did they surrender?" asks a date, not a figure
        groups = {e.value for e in parsed.entities if e.type == "group"}
        measures = self.kb.pack.measures
        told = [c for cit in answer.citations for c in self.kb.claims_quoted_in(cit.quote)
                if measures[c.measure].kind in kinds]
        if not told:
            return
        first = next((c for c in told if measures[c.measure].subject in groups), told[0])
        kind = measures[first.measure].kind
        intent = next((s for s in self.intents if kind in s.measures), None) or next(
            (s for s in self.intents if s.handler == FIGURES_HANDLER), None)
        if intent is not None:
            context.intent = intent.name
            context.slots.update(measure=first.measure, kind=kind, group=measures[first.measure].subject)

    def _counts_another_act(self, parsed: Parsed, decision: Decision, answer: Answer) -> bool:
        """Whether a "how many" question counts an act the pack tells without a figure, which the
        answering intent's words do not explain (checked after its handler, whose own decline,
        "no strength figure for <a place>", says more); a lead that says the act with a count
        ("launched at least three offensives") answers it."""
        read = next((c for c in decision.candidates if c.spec is decision.spec), None)
        if read is None or decision.spec is self.facts.spec:
            return False
        act = self.policy.counting.untold_act(parsed, read.explained)
        if act is None:
            return False
        lead = answer.parts[0].text if answer.parts else ""
        said = {stem(w) for w in normalize(lead).split()}
        return not (stem(parsed.tokens[act]) in said and counted_numbers(lead, year_span(self.kb)))

    def _within(self, ask: str, before: str) -> bool:
        """After a yes/no part, a part that names no one of its own and points back with a pronoun
        or has no verb ("did X join Y, and where did he fight?", "..., and which unit?"): it takes
        the "yes" for granted, asking where he fought for Y, not everything its pronoun might mean."""
        parsed = self.understanding.parse(ask)
        if any(e.type in NAME_TYPES for e in parsed.entities):
            return False
        english = self.understanding.english
        verbless = not any("V" in english.get(t, "") for t in parsed.tokens)  # "and which unit?"
        return (bool(parsed.pronouns) or verbless) and self.understanding.parse(before).yes_no

    def _asked_of(self, ask: str, before: str) -> str:
        """A part that names nothing ("in which month and year?", "by whom?") after a part that was
        not answered asks its question of that part's names and verbs ("killed Qari Hekmat",
        without the "kind of aircraft" no fact tells); otherwise ``ask`` itself."""
        parsed = self.understanding.parse(ask)
        if parsed.entities or parsed.pronouns:
            return ask
        prior = self.understanding.parse(before)
        english = self.understanding.english
        named = prior.covered_by_entities()
        verbs = {i for i in prior.content - named - prior.unknown if english.get(prior.tokens[i], "") == "V"}
        if not any(e.type in NAME_TYPES for e in prior.entities):
            return ask
        known = sorted(named | verbs)
        return f"{ask.rstrip(' ?.!')} {' '.join(prior.tokens[i] for i in known)}?"

    def _answer_one(self, text: str, context: Context, several: bool = False) -> Answer:
        parsed = self.understanding.parse(text)
        again = self._same_question_of(parsed, context)
        if again is not None:  # "and the Front's?" after an answer from the facts: that question, of it
            parsed = self.understanding.parse(again)
        self._resolve_shift(parsed, context)
        self._resolve_pronouns(parsed, context)
        decision = self.policy.decide(parsed, context)
        why = self._explain(parsed, decision)
        if decision.mode in (Mode.ANSWER, Mode.FOLLOWUP) and decision.spec is not None:
            answer = self._handle(parsed, decision, context, why, text)
            pair = offered(parsed)
            if pair is not None:  # "was he beheaded or shot?": what happened, not "yes"
                names = {e.value: spellings(self.kb, e.value) for e in parsed.entities if e.type in NAME_TYPES}
                answer = settle(answer, parsed, pair, names)
            answer = settle_person(self.kb, answer, parsed)  # "which general negotiated it?": someone named
            answer = settle_kind(self.kb, answer, parsed)  # "what kinds of weapons ...?": a kind the sources tell
            answer = settle_trait(self.kb, answer, parsed)  # "what nationality was X?": the lead must say one
            answer = settle_part(self.kb, answer, parsed)  # "how many of the 22 were foreigners?": not the 22 again
            if answer.answered and self._counts_another_act(parsed, decision, answer):
                # "how many fighters vanished?": the intent's figures count the surrendered, not the vanished
                answer = self._decline(replace(decision, spec=None, mode=Mode.DECLINE, followup=UNCOUNTED),
                                       why, text, parsed)
        elif decision.mode is Mode.CLARIFY:
            answer = self._clarify(parsed, decision, why, text)
        else:
            answer = self._decline(decision, why, text, parsed)
        context.turns += 1
        if several and not answer.answered:  # "who was X (unanswered), and what became of him?": X all the same
            context.slots.update({e.type: e.value for e in parsed.entities if e.type in NAMED_SLOTS})
        if answer.answered and answer.intent != "sources":
            context.last_answer = answer  # what "who said that?" and /sources refer to
        return answer

    def _resolve_pronouns(self, parsed: Parsed, context: Context) -> None:
        """"he", "they", "there", "it", "then": the last person, group, place, thing or date,
        as if named."""
        for pronoun, pos in parsed.pronouns.items():
            if pronoun == "date":  # "what did they do then?"
                when = context.when
                if when is not None and not any(e.type == "date" for e in parsed.entities):
                    parsed.entities.append(EntityHit("date", when.iso, pos, pos + 1, when.text, when))
                    parsed.content.add(pos)
                continue
            value = context.slots.get(pronoun)
            end = parsed.pronoun_ends.get(pronoun, pos + 1)  # the whole phrase: "the other side"
            if pronoun == "group" and self._they_set(parsed, context):  # "were they related?"
                for kind, ident in context.they:
                    self._stand_in(parsed, kind, ident, pos, end)
                continue
            counted = any(e.type == "kind" and e.start == end + 1 for e in parsed.entities)
            if pronoun == "group" and (parsed.tokens[end : end + 1] == [OWN] and counted
                                       or SELVES in parsed.tokens[end:] and asked_kind(parsed.tokens) == "figure"):
                # "their own losses", "how many did they lose themselves?" after X's claim of others'
                # losses: X's side ("their own leader" is not)
                value = self._speaker_side(context) or value
            elif pronoun == "group" and parsed.tokens[end : end + 1] and parsed.tokens[end] in CLAIM_WORDS and (
                    speaker := context.slots.get("source")) in self.kb.pack.sources:
                # "how many did they admit losing?" after X's claim: "they" speak, so they are X
                self._stand_in(parsed, "source", speaker, pos, end)
                continue
            if pronoun == OPPONENT:  # "and the other side?": the side the last group (or counted side) fought
                measure = self.kb.pack.measures.get(context.slots.get("measure") or "")
                last = context.slots.get("group") or (measure.subject if measure is not None else None)
                value, pronoun = self._opponent(last), "group"
            if pronoun == "place" and value in self.kb.pack.places:  # "the district" after a country was named
                value = self._place_of_kind(value, parsed.tokens[end - 1])
            kind = entity_kind(self.kb, value) if pronoun == THING else pronoun  # "it": a place, unit, source
            if kind is None:
                continue
            sides = {e.start for e in parsed.entities if e.type == "group"}  # "the Taliban's" speaks as no voice here
            named_before = any(e.type == kind and e.start < pos and not (kind == "source" and e.start in sides)
                               for e in parsed.entities)  # "IS-KP ... their"
            if value and not named_before and not any(e.type == kind and e.value == value for e in parsed.entities):
                self._stand_in(parsed, kind, value, pos, end)
        parsed.entities.sort(key=lambda e: e.start)

    def _stand_in(self, parsed: Parsed, kind: str, ident: str, start: int, end: int) -> None:
        """A reference at ``start:end`` read as the name it stands for."""
        parsed.entities.append(EntityHit(kind, ident, start, end, self.kb.display_name(ident)))
        parsed.content.update(range(start, end))

    @staticmethod
    def _they_set(parsed: Parsed, context: Context) -> bool:
        """Whether "they" means whom the last answer set (two people, a voice), not a side: right
        after that answer, when the question names no side."""
        return (bool(context.they) and context.they_turn == context.turns - 1
                and not any(e.type == "group" for e in parsed.entities))

    def _remember_they(self, parsed: Parsed, context: Context, before: str | None, answer: Answer) -> None:
        """The two people a question asked of ("how was he related to X?"), or the one it asked
        of and the one its answer named ("who was his deputy?"); or the voice (no side) a
        who-question's answer leads with ("who criticised that?")."""
        now = context.slots.get("person")
        asked = list(dict.fromkeys(e.value for e in parsed.entities if e.type == "person"))
        if len(asked) == 2:
            context.they = tuple(("person", p) for p in asked)
        elif before and now and now != before and asked == [before]:
            context.they = (("person", now), ("person", before))  # the one just named first
        elif asked_kind(parsed.tokens) == "actor" and (voice := self._voice_leading(answer)):
            context.they = (("source", voice),)
        elif asked_kind(parsed.tokens) == "actor" and len(named := self._people_named(answer, asked)) > 1:
            context.they = tuple(("person", p) for p in named[:2])  # "who led them?" ... "what became of them?"
        else:
            return
        context.they_turn = context.turns

    def _people_named(self, answer: Answer, asked: list[str]) -> list[str]:
        """The people an answer's lead names that the question did not, in the order it names them."""
        if not answer.answered or not answer.parts:
            return []
        words = normalize(answer.parts[0].text).split()
        names, longest = _people_spelled(self.kb)
        found: list[str] = []
        for i in range(len(words)):  # each name at its first place in the lead: a walk of the lead, not the people
            for n in range(min(longest, len(words) - i), 0, -1):
                ident = names.get(" ".join(words[i : i + n]))
                if ident is not None:
                    if ident not in asked and ident not in found:
                        found.append(ident)
                    break
        return found

    def _voice_leading(self, answer: Answer) -> str | None:
        """The voice a fact-led answer is first about, when it speaks for no side of its own name."""
        cited = self.retrieval.cited(answer)
        about = cited[0].about if cited and isinstance(cited[0], Fact) else ()
        first = about[0] if about else None
        pack = self.kb.pack
        return first if first in pack.sources and first not in pack.groups else None

    def _speaker_side(self, context: Context) -> str | None:
        """The side of the claimant the conversation last quoted, if it speaks for one."""
        source = self.kb.pack.sources.get(context.slots.get("source") or "")
        return source.affiliation if source is not None and source.affiliation in self.kb.pack.groups else None

    def _same_question_of(self, parsed: Parsed, context: Context) -> str | None:
        """The last question asked again of the name an elliptical follow-up gives ("and the
        League?"): when the facts answered it (no intent holds its slots to carry over), or when it
        asked of one person ("when did X die?" ... "and Y?": a person's question is in its words)."""
        last = context.last_answer
        if last is None or not parsed.followup or not elliptical(parsed):
            return None
        self._resolve_pronouns(parsed, context)  # "and the other side?"
        given = next((e for e in parsed.entities if e.type in NAME_TYPES - {"conflict"}), None)
        by_facts = context.intent == FACT
        if given is None or not by_facts and given.type != "person":
            return None
        before = self.understanding.parse(last.question)
        old = next((e for e in before.entities if e.type == given.type), None)
        if old is None or old.value == given.value:
            return None
        again = " ".join([*before.tokens[: old.start], self.kb.display_name(given.value), *before.tokens[old.end :]])
        if not by_facts:  # of that one person alone
            return again if sum(e.type in NAME_TYPES for e in before.entities) == 1 else None
        hits = self.retrieval.search(self.understanding.parse(again))
        return again if hits and given.value in item_ids(hits[0].item) else None  # the facts say it of them

    def _resolve_shift(self, parsed: Parsed, context: Context) -> None:
        """"two days after that", "a week before it": the day that far from the last answer's date,
        as if named ("after" counts from the end of a span, "before" from its start)."""
        shift, anchor = parsed.shift, self._last_date(context)
        if shift is None or anchor is None:
            return
        start = anchor.end if shift.days > 0 else anchor.start or anchor.end
        day = start + timedelta(days=shift.days)
        spec = DateSpec(day, day, "day", day_text(day))
        # the phrase reads as the day it names, so "after that" in it no longer asks what came next
        span = shift.end - shift.start
        words = normalize(spec.text).split()[:span]
        parsed.tokens[shift.start : shift.end] = [*words, *[words[-1]] * (span - len(words))]
        parsed.entities = [e for e in parsed.entities if not shift.start <= e.start < shift.end]
        parsed.entities.append(EntityHit("date", spec.iso, shift.start, shift.end, spec.text, spec))
        parsed.entities.sort(key=lambda e: e.start)
        parsed.content.update(range(shift.start, shift.end))
        parsed.unknown -= set(range(shift.start, shift.end))
        parsed.refers_back -= set(range(shift.start, shift.end))
        parsed.pronouns = {k: p for k, p in parsed.pronouns.items() if not shift.start <= p < shift.end}

    def _last_date(self, context: Context) -> DateSpec | None:
        """The date the last answer was about: the day its question asked, else that of the first
        dated thing it cites (the earliest of them), else the last date asked."""
        if context.when is not None and context.when_turn == context.turns - 1:
            return context.when  # the last question asked about a day, or its answer moved to one
        first = self._first_dated(context.last_answer) if context.last_answer is not None else None
        return first or context.when

    def _first_dated(self, answer: Answer) -> DateSpec | None:
        """The date of the first dated thing an answer cites (the earliest of them)."""
        for citation in answer.citations:
            dated = [i.date for i in self.kb.quoted_in(citation.quote) if i.date is not None]
            if dated:  # a fact may quote two events ("captured ... executed three days later"): the first
                return min(dated, key=lambda d: d.start or d.end)
        return None

    def _when_told(self, answer: Answer) -> tuple[int, date]:
        """When what an answer leads with happened, for putting answers in order; an answer with
        no date goes last."""
        first = self._first_dated(answer)
        return (0, first.start or first.end) if first is not None else (1, date.max)

    def _place_of_kind(self, place: str, kind: str) -> str:
        """The place "the <kind>" means when the last place named is another kind of place: the one
        of that kind containing it, else the first of the conflict's places of that kind."""
        places = self.kb.pack.places
        if kind not in self.kb.place_kinds or places[place].kind == kind:
            return place
        around = [p.id for p in self.kb.place_record(place).parents]
        theatre = [p for p in self.kb.pack.conflict.places if p in places]
        return next((p for p in (*around, *theatre) if places[p].kind == kind), place)

    def _opponent(self, group: str | None) -> str | None:
        sides = self.kb.pack.conflict.sides
        own = next((s for s in sides if group and (group in s.groups or group in s.units)), None)
        others = [s for s in sides if s is not own and s.groups]
        return others[0].groups[0] if own is not None and others else None

    def _remember_thing(self, parsed: Parsed, context: Context) -> None:
        """What "it" will mean next: the one place, group or source the question named;
        a question about the battle itself makes "it" the battle again."""
        named = {}
        for e in parsed.entities:  # "the Taliban" is a group and a source: one name, the first kind
            if e.type in THING_KINDS:
                named.setdefault(e.start, e.value)
        values = set(named.values())
        if len(values) == 1:
            context.slots[THING] = values.pop()
        elif values or any(e.type == "conflict" for e in parsed.entities):
            context.slots.pop(THING, None)

    def _slots(self, parsed: Parsed, spec: IntentSpec, context: Context, mode: Mode,
               everyone: bool = False) -> tuple[dict, set]:
        slots: dict[str, list[str]] = {}
        for e in parsed.entities:
            slots.setdefault(e.type, [])
            if e.value not in slots[e.type]:
                slots[e.type].append(e.value)
        # referents of "he", "they", "there" were added as entities by _resolve_pronouns
        inherited = {e.type for e in parsed.entities if e.start in parsed.pronouns.values()}
        inherit_all = mode is Mode.FOLLOWUP or spec.name == context.intent or elliptical(parsed)
        for kind, value in context.slots.items():
            if kind in slots or everyone and kind in SIDE_SLOTS:  # "and overall?": no one side
                continue
            if (inherit_all and kind in spec.slots) or kind in spec.need:
                slots[kind] = [value]
                inherited.add(kind)
        return slots, inherited

    def _handle(self, parsed: Parsed, decision: Decision, context: Context, why: Explanation, text: str) -> Answer:
        spec = decision.spec
        assert spec is not None
        slots, inherited = self._slots(parsed, spec, context, decision.mode, decision.everyone)
        more = parsed.more and (decision.mode is Mode.FOLLOWUP or not parsed.content)
        explained = next((c.explained for c in decision.candidates if c.spec is spec), frozenset())
        request = Request(
            self.kb, parsed, spec, slots, context, more, inherited, self.retrieval, explained, self.cues,
            near=decision.near, anchor=decision.anchor,
        )
        reply = Reply(self.kb, more=more or parsed.more)
        spec = self.router.route(request, reply)
        self.router.run(spec, request, reply)
        if not reply.parts:
            reply.decline("The sources do not say.")
        if reply.answered:
            reply.flag_disputed_figures()
        # what to ask next; after a decline, first how this kind of question is answered
        reply.suggest(*([] if reply.answered else self.suggestions(spec.name)), *self.suggestions(*spec.suggest))
        answer = reply.build(text, spec.name, decision.confidence, why)
        # remember what a follow-up may refer to
        if answer.answered:
            # "according to whom?" names nothing: the conversation stays on what the last answer was about
            about_last = spec.name == "sources" and not parsed.entities and context.intent is not None
            context.intent = context.intent if about_last else spec.name
            for kind in REMEMBERED_SLOTS:  # a date is remembered as "then" (context.when), not as a slot
                if kind in slots:
                    context.slots[kind] = slots[kind][0]
            asked_of = context.slots.get("person")
            context.slots.update({k: v for k, v in reply.focus.items() if v})
            for kind in [k for k, v in reply.focus.items() if v is None]:  # the answer is on no one of them
                context.slots.pop(kind, None)
            voice = self.kb.pack.sources.get(slots["source"][0]) if "source" in slots else None
            if voice is not None and voice.person and "person" not in slots and "person" not in reply.focus:
                context.slots["person"] = voice.person  # "the Taliban spokesman" asked of: "he" is that man
            if spec.name == FACT:
                self._remember_figures_told(parsed, context, answer)
            self._remember_thing(parsed, context)
            self._remember_they(parsed, context, asked_of, answer)
            asked = next((e.date for e in parsed.entities if e.type == "date" and e.date), None)
            if reply.when or asked:
                context.when, context.when_turn = reply.when or asked, context.turns
        elif decision.mode is Mode.ANSWER and "kind" in slots:
            # "how many of X were killed?" understood, but no source counts them: "what about Y?" asks it of Y
            context.intent = spec.name
            context.slots["kind"] = slots["kind"][0]
        return answer

    def _clarify(self, parsed: Parsed, decision: Decision, why: Explanation, text: str) -> Answer:
        reply = Reply(self.kb)
        seen = []
        for cand in decision.candidates[:3]:
            if cand.score >= CLARIFY_THRESHOLD and cand.spec.examples:
                seen.append(self._example_for(cand.spec, parsed))
        if not seen:
            return self._decline(decision, why, text, parsed)
        reply.decline("I'm not sure what you mean. Did you mean: " + " or ".join(f'"{q}"' for q in seen) + "?")
        reply.suggest(*seen)
        return reply.build(text, None, decision.confidence, why)

    def _example_for(self, spec: IntentSpec, parsed: Parsed) -> str:
        """The intent's example that mentions the question's names, else its first."""
        labels = [e.label.casefold() for e in parsed.entities if e.label]
        for example in spec.examples:
            if any(label and label in example.casefold() for label in labels):
                return example
        return spec.examples[0]

    def _decline(self, decision: Decision, why: Explanation, text: str, parsed: Parsed | None = None) -> Answer:
        reply = Reply(self.kb)
        c = self.kb.pack.conflict
        if decision.untold is not None and parsed is not None:  # "was X convicted?": the act no item tells
            hit = next(iter(self.retrieval.search(parsed)), None)
            near = (parsed.tokens[decision.untold], hit) if hit is not None else None
        else:
            near = self.facts.near_miss(parsed) if parsed is not None and decision.mode is Mode.DECLINE else None
        # a reading that came near is offered first ("Who is X?"), then the usual examples
        near_readings = [self._example_for(cand.spec, parsed) for cand in decision.candidates[:2]
                         if parsed is not None and cand.score >= CLARIFY_THRESHOLD and cand.spec.examples]
        if decision.mode is Mode.EMPTY:
            reply.decline(f"Ask me something about the {c.name}, for example: {self.examples()[0]}")
        elif decision.mode is Mode.NOTHING_TO_EXPAND:
            reply.decline(f"There is nothing to expand on yet: ask me something about the {c.name} first.")
        elif decision.unnamed is not None:  # "who was the expert?": the sources never say, but what they said
            source = self.kb.pack.sources[decision.unnamed]
            reply.decline(f'The sources do not name the person they call "{source.name}". What they say:')
            said = next((i for i in self.retrieval.items if i.evidence.claimant == source.id), None)
            if said is not None:
                reply.para(item_text(said), said.evidence)
                reply.flag_disputed_figures()
        elif near is not None:  # what is missing, and the closest thing the sources do say
            missing, hit = near
            said = "give no figure for that" if decision.followup == UNCOUNTED else "don't say that"
            reply.decline(f'The sources {said} ("{missing}"). The closest they come:')
            reply.para(item_text(hit.item), hit.item.evidence)
            reply.flag_disputed_figures()
        elif decision.followup == UNCOUNTED:
            reply.decline("The sources give no figure for that.")
        elif near_readings:  # the question comes near something the sources answer, but not near enough
            reply.decline(f'I can\'t find what that asks in my sources. The nearest question I can answer: '
                          f'"{near_readings[0]}"')
        else:
            topics = [label for t, label in self.kb.pack.topics.items() if t in self._answered_topics()]
            reply.decline(
                f"Sorry, I don't know that: my sources don't cover it. I can answer questions about "
                f"the {c.name} ({c.date.text}): its sides, commanders, dates, places, casualties "
                "(with who claims what)" + (f", {join_names(topics)}" if topics else "") + "."
            )
        reply.suggest(*near_readings, *self.examples()[:3])
        return reply.build(text, None, decision.confidence, why)

    def _answered_topics(self) -> set[str]:
        """Pack topics an intent answers, beyond the overview and the sources."""
        skip = {self.intent_catalog.roles.get(r) for r in ("overview", "sources", "course")}
        return {s.topic for s in self.intents if s.topic and s.topic not in skip}

    def _explain(self, parsed: Parsed, decision: Decision) -> Explanation:
        return Explanation(
            normalized=parsed.text,
            candidates=tuple(
                Candidate(c.spec.name, round(c.score, 3), c.keywords) for c in decision.candidates[:3]
            ),
            entities=tuple(f"{e.type}:{e.value} ({e.label})" for e in parsed.entities),
            followup=decision.followup,
        )
