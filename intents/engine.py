"""The engine: understand a question in its conversation and build the answer.

Decision (as Rasa's fallback does it): answer when the best intent's score
clears ``ANSWER_THRESHOLD`` and leads the runner-up by ``MARGIN``; between
``CLARIFY_THRESHOLD`` and that, ask "did you mean ...?"; below, decline and
say what the bot can answer. A question made only of names ("and IS-KP?"),
pronouns ("what happened to him?") or "tell me more" leans on the context.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from knowledge import KnowledgeBase

from .answer import Answer, Candidate, Explanation
from .catalog import Catalog, build_catalog
from .context import Context
from .handlers import load_all
from .lookup import asks_count, gives_figure
from .matcher import IntentScore, Matcher
from .reply import Reply, Request, join_names, says
from .retrieval import FactIndex
from .understand import EntityHit, Parsed, Understanding, entity_kind
from .verdict import close_hits, item_verdict
from .vocabulary import Condition, IntentSpec, Test, load_cues, load_lexicon, load_vocabulary

ANSWER_THRESHOLD = 0.6
CLARIFY_THRESHOLD = 0.4
MARGIN = 0.05  # below ANSWER_CONFIDENT, the top two must differ by this much
ANSWER_CONFIDENT = 0.85
MIN_COVERAGE = 0.5  # an answer explains more than half the question's meaningful words
FOLLOWUP_CONFIDENCE = 0.75
FOLLOWUP_MAX_WORDS = 7  # longer questions stand on their own
FACT_WEIGHT = 0.9  # a fact explaining as much as an intent's keywords ranks below it
FACT_MIN_WORDS = 2  # a fact must explain at least this many meaningful words
FALLBACK_COVERAGE = 0.5  # the fact route answers when its best fact explains this share of the question
VERDICT_REACH = 0.15  # how far below the best intent a fact that settles a yes/no question may be
SLOT_TYPES = ("person", "place", "group", "source", "kind", "date", "conflict")
THING = "thing"  # the pronoun "it": the last place, unit or source named
OPPONENT = "opponent"  # "the other side": the side the last group fought
THING_KINDS = ("group", "place", "source")


@dataclass(frozen=True)
class FaqEntry:
    topic: str  # the FAQ section, e.g. "Casualties"
    question: str


@dataclass
class Decision:
    spec: IntentSpec | None
    confidence: float
    mode: str  # "answer", "followup", "clarify", "decline", "empty"
    candidates: list[IntentScore]
    followup: str = ""


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
        self.retrieval = FactIndex(kb)

    @classmethod
    def load(cls, pack: str | Path | None = None) -> Engine:
        """An engine over the pack at ``pack`` (the bundled one by default)."""
        return cls(KnowledgeBase.load(pack))

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
        """Answer ``text``, reading and updating the conversation ``context``."""
        parsed = self.understanding.parse(text)
        self._resolve_pronouns(parsed, context)
        decision = self.decide(parsed, context)
        why = self._explain(parsed, decision)
        if decision.mode in ("answer", "followup") and decision.spec is not None:
            answer = self._handle(parsed, decision, context, why, text)
        elif decision.mode == "clarify":
            answer = self._clarify(parsed, decision, why, text)
        else:
            answer = self._decline(decision, why, text)
        context.turns += 1
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
            if pronoun == OPPONENT:  # "and the other side?": the side the last group fought
                value, pronoun = self._opponent(context.slots.get("group")), "group"
            kind = entity_kind(self.kb, value) if pronoun == THING else pronoun  # "it": a place, unit, source
            if kind is None:
                continue
            named_before = any(e.type == kind and e.start < pos for e in parsed.entities)  # "IS-KP ... their"
            if value and not named_before and not any(e.type == kind and e.value == value for e in parsed.entities):
                label = self.kb.display_name(value)
                parsed.entities.append(EntityHit(kind, value, pos, end, label))
                parsed.content.update(range(pos, end))
        parsed.entities.sort(key=lambda e: e.start)

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

    def decide(self, parsed: Parsed, context: Context) -> Decision:
        if not parsed.tokens:
            return Decision(None, 0.0, "empty", [])
        last = self.catalog.get(context.intent or "")
        if parsed.asks_count and last is not None:
            return Decision(last, FOLLOWUP_CONFIDENCE, "followup", [], "asks the last question for a count")
        fact = self.catalog.get("fact")
        if parsed.asks_last and fact is not None and self.retrieval.cited(context.last_answer):
            return Decision(fact, FOLLOWUP_CONFIDENCE, "followup", [], "asks about the last answer")
        available = {e.type for e in parsed.entities}
        for kind in parsed.pronouns:
            if kind in context.slots and kind != THING:
                available.add(kind)
        if context.intent and self._elliptical(parsed):
            available |= set(context.slots)
        scores = self.matcher.score(parsed, available)
        fact = self._fact_candidate(parsed) or self._followup_fact(parsed, context)
        if fact is not None:
            scores.append(fact)
        # on equal footing the conversation stays on its topic ("how many were children?" after the surrender)
        scores.sort(key=lambda r: (r.raw, len(r.spec.need), r.coverage, r.spec.name == context.intent), reverse=True)
        if fact is not None and scores[0] is not fact and self._decides(parsed, fact, scores[0]):
            scores = [fact, *(s for s in scores if s is not fact)]
        top = scores[0] if scores else None
        second = scores[1].raw if len(scores) > 1 and not self._agree(scores[0], scores[1]) else 0.0

        # "and IS-KP?", "tell me more", "what about the wounded": the last intent, new slots;
        # "Haji Murad?", "22 July": the intent that needs just those names
        bare = top is not None and bool(top.spec.need) and set(top.spec.need) <= {e.type for e in parsed.entities}
        if bare and 0 in top.explained - parsed.covered_by_entities() and not parsed.followup:
            bare = False  # "what is IS-KP?" says what it asks; "and IS-KP?" leans on the last question
        if self._elliptical(parsed) and (top is None or top.score < ANSWER_CONFIDENT or bare):
            types = {e.type for e in parsed.entities}
            last = self.catalog.get(context.intent or "")
            if last and (parsed.entities or parsed.more or parsed.followup or parsed.pronouns):
                # every name must be one the last intent can use ("Taliban" is a group and a source)
                spans: dict[int, set[str]] = {}
                for e in parsed.entities:
                    spans.setdefault(e.start, set()).add(e.type)
                fits = all(kinds & set(last.slots) for kinds in spans.values())
                if fits and all(t in available for t in last.need):
                    return Decision(last, FOLLOWUP_CONFIDENCE, "followup", scores, "continues the last question")
            for spec in self.intents:
                if spec.need and set(spec.need) <= types:
                    return Decision(spec, FOLLOWUP_CONFIDENCE, "answer", scores, f"a bare {'/'.join(spec.need)}")
        if top is None:
            mode = "nothing-to-expand" if parsed.more and not parsed.content else "decline"
            return Decision(None, 0.0, mode, scores)
        clear_lead = top.score >= ANSWER_CONFIDENT or top.raw - second >= MARGIN
        explains_most = top.coverage > MIN_COVERAGE or not parsed.content
        if top.score >= ANSWER_THRESHOLD and clear_lead and explains_most:
            return Decision(top.spec, top.score, "answer", scores)
        fallback = self._fact_fallback(parsed)
        if fallback is not None:  # no intent places it, but the pack's facts hold what it asks
            return Decision(fallback.spec, fallback.score, "answer", [fallback, *scores], "answered from the facts")
        if top.score >= CLARIFY_THRESHOLD:
            return Decision(top.spec, top.score, "clarify", scores)
        return Decision(None, top.score, "decline", scores)

    def _decides(self, parsed: Parsed, fact: IntentScore, top: IntentScore) -> bool:
        """A yes/no question goes to a fact that settles it, if it explains nearly as much as
        the best intent ("was IS-KP finished in the north?" is not asking when the battle ended)."""
        if not parsed.yes_no or top.spec.answers_yes_no or fact.score < top.score - VERDICT_REACH:
            return False
        return any(item_verdict(self.kb, parsed, h.item) for h in close_hits(self.retrieval.search(parsed)))

    def _agree(self, a: IntentScore, b: IntentScore) -> bool:
        """Two candidates that would answer alike need no margin between them: a topic's
        intent and a fact of that same topic."""
        topics = set()
        for cand in (a, b):
            if cand.spec.name == "fact":
                item = self.kb.get(cand.keywords[0]) if cand.keywords else None
                topics.add(getattr(item, "topic", None))
            else:
                topics.add(cand.spec.topic)
        return len(topics) == 1 and None not in topics and "" not in topics

    def _fact_candidate(self, parsed: Parsed) -> IntentScore | None:
        """The long-tail candidate: the single fact or event explaining most of the question."""
        spec = self.catalog.get("fact")
        if spec is None or len(parsed.content) < FACT_MIN_WORDS:
            return None
        hits = self.retrieval.search(parsed)
        domain = {i for e in parsed.entities if e.type == "conflict" for i in range(e.start, e.end)}
        if not hits:
            return None
        # a question of references alone ("and the other side?") asks nothing a fact could answer
        refs = {i for e in parsed.entities if e.start in parsed.pronouns.values() for i in range(e.start, e.end)}
        if not hits[0].covered - domain - refs:
            return None
        words = {parsed.tokens[i] for i in hits[0].covered - domain}
        if len(words) < FACT_MIN_WORDS and not (words and self.retrieval.phrase_said(hits[0], parsed)):
            return None  # "the battle" alone does not make a fact relevant; "how did it start" does
        best = hits[0]
        probe = Request(self.kb, parsed, spec, {}, Context())
        if asks_count(probe) and not any(gives_figure(probe, h.item) for h in close_hits(hits)):
            return None  # "how many ...?" that no close fact gives a figure for: a measure may, or nothing
        score = best.score * FACT_WEIGHT
        keywords = (getattr(best.item, "id", ""),)
        return IntentScore(spec, score, keywords, best.score, score)

    def _fact_fallback(self, parsed: Parsed) -> IntentScore | None:
        """The fact route for a question no intent places: the best-matching fact answers when it
        explains most of what the question says and nothing the question says is foreign to the
        pack (the fact handler then checks it gives what is asked: a figure, a name, a date)."""
        spec = self.catalog.get("fact")
        hits = self.retrieval.search(parsed) if spec is not None and parsed.content else []
        if not hits:
            return None
        best = hits[0]
        covered = best.covered & parsed.content
        if parsed.unknown - best.covered or len(covered) < FACT_MIN_WORDS:
            return None
        if len(covered) / len(parsed.content) < FALLBACK_COVERAGE:
            return None
        # what the fact leaves unsaid may only qualify how ("repeatedly"); a thing, an action or a
        # quality it does not mention ("ordered", "weapons", "overall", a place) is what is asked
        unsaid = [i for i in parsed.content - best.covered if self.understanding.names_a_thing(parsed, i)]
        if unsaid:
            return None
        score = round(best.score * FACT_WEIGHT, 9)
        return IntentScore(spec, score, (getattr(best.item, "id", ""),), best.score, score, frozenset())

    def _followup_fact(self, parsed: Parsed, context: Context) -> IntentScore | None:
        """A short follow-up ("who revealed it?", "by whom?") answered from what the last
        answer cited, when one of those items explains every meaningful word."""
        spec = self.catalog.get("fact")
        last = context.last_answer
        if spec is None or last is None or not parsed.content or len(parsed.tokens) > FOLLOWUP_MAX_WORDS:
            return None
        quotes = {c.quote for c in last.citations}
        for hit in self.retrieval.search(parsed):
            if hit.item.evidence.quote in quotes and hit.covered >= parsed.content:
                keywords = (getattr(hit.item, "id", ""),)
                return IntentScore(spec, FOLLOWUP_CONFIDENCE, keywords, 1.0, FOLLOWUP_CONFIDENCE)
        return None

    def _elliptical(self, parsed: Parsed) -> bool:
        """Whether every meaningful word is a name, a measure kind or a follow-up marker."""
        entity_positions = parsed.covered_by_entities()
        return (
            not parsed.unknown  # "Nemat in 2020": a year the sources never reach is not a follow-up
            and all(i in entity_positions for i in parsed.content)
            and len(parsed.tokens) <= 8
        )

    def _slots(self, parsed: Parsed, spec: IntentSpec, context: Context, mode: str) -> tuple[dict, set]:
        slots: dict[str, list[str]] = {}
        for e in parsed.entities:
            slots.setdefault(e.type, [])
            if e.value not in slots[e.type]:
                slots[e.type].append(e.value)
        # referents of "he", "they", "there" were added as entities by _resolve_pronouns
        inherited = {e.type for e in parsed.entities if e.start in parsed.pronouns.values()}
        inherit_all = mode == "followup" or spec.name == context.intent or self._elliptical(parsed)
        for kind, value in context.slots.items():
            if kind in slots:
                continue
            if (inherit_all and kind in spec.slots) or kind in spec.need:
                slots[kind] = [value]
                inherited.add(kind)
        return slots, inherited

    def _handle(self, parsed: Parsed, decision: Decision, context: Context, why: Explanation, text: str) -> Answer:
        spec = decision.spec
        assert spec is not None
        slots, inherited = self._slots(parsed, spec, context, decision.mode)
        more = parsed.more and (decision.mode == "followup" or not parsed.content)
        explained = next((c.explained for c in decision.candidates if c.spec is spec), frozenset())
        request = Request(
            self.kb, parsed, spec, slots, context, more, inherited, self.retrieval, explained, self.cues
        )
        reply = Reply(self.kb, more=more or parsed.more)
        spec = self._route(request, reply)
        self._run(spec, request, reply)
        if not reply.parts:
            reply.decline("The sources do not say.")
        if reply.answered:
            reply.flag_disputed_figures()
        # what to ask next; after a decline, first how this kind of question is answered
        reply.suggest(*([] if reply.answered else self.suggestions(spec.name)), *self.suggestions(*spec.suggest))
        answer = reply.build(text, spec.name, decision.confidence, why)
        # remember what a follow-up may refer to
        if answer.answered:
            context.intent = spec.name
            for kind in SLOT_TYPES:
                if kind in slots and kind != "date":
                    context.slots[kind] = slots[kind][0]
            context.slots.update({k: v for k, v in reply.focus.items() if v})
            self._remember_thing(parsed, context)
            context.when = next((e.date for e in parsed.entities if e.type == "date" and e.date), context.when)
        return answer

    def _run(self, spec: IntentSpec, request: Request, reply: Reply) -> None:
        handler = self.handlers[spec.handler]
        request.intent = spec
        request.allowed_cues = frozenset(handler.cues)
        handler.fn(request, reply)

    def _route(self, request: Request, reply: Reply) -> IntentSpec:
        """The intent that answers: the first route whose conditions hold hands the question on
        (``to``) or has its target answer first (``first``)."""
        spec = request.intent
        for route in spec.routes:
            if all(self._holds(c, request) for c in route.when):
                target = self.catalog[route.to]
                if not route.first:
                    return target
                self._run(target, request, reply)
                request.routed_first = target.name
                request.intent = spec
                break
        return spec

    def _holds(self, cond: Condition, req: Request) -> bool:
        tokens = req.parsed.tokens
        if cond.test is Test.SLOT:
            held = bool(req.ids(cond.args[0]))
        elif cond.test in (Test.CUE, Test.CUES):
            held = all(any(says(tokens, p) for p in self.cues.phrases[c]) for c in cond.args)
        elif cond.test is Test.YES_NO:
            held = req.parsed.yes_no
        elif cond.test is Test.KEYWORDS:
            target = self.catalog[cond.args[0]]
            held = any(says(tokens, p) for group in target.require for p in group)
        else:  # SPEAKER: a person the question names speaks as a source
            people = set(req.ids("person"))
            held = any(s.person in people for s in self.kb.pack.sources.values())
        return held != cond.negate

    def _clarify(self, parsed: Parsed, decision: Decision, why: Explanation, text: str) -> Answer:
        reply = Reply(self.kb)
        seen = []
        for cand in decision.candidates[:3]:
            if cand.score >= CLARIFY_THRESHOLD and cand.spec.examples:
                seen.append(self._example_for(cand.spec, parsed))
        if not seen:
            return self._decline(decision, why, text)
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

    def _decline(self, decision: Decision, why: Explanation, text: str) -> Answer:
        reply = Reply(self.kb)
        c = self.kb.pack.conflict
        if decision.mode == "empty":
            reply.decline(f"Ask me something about the {c.name}, for example: {self.examples()[0]}")
        elif decision.mode == "nothing-to-expand":
            reply.decline(f"There is nothing to expand on yet: ask me something about the {c.name} first.")
        else:
            topics = [label for t, label in self.kb.pack.topics.items() if t in self._answered_topics()]
            reply.decline(
                f"Sorry, I don't know that: my sources don't cover it. I can answer questions about "
                f"the {c.name} ({c.date.text}): its sides, commanders, dates, places, casualties "
                "(with who claims what)" + (f", {join_names(topics)}" if topics else "") + "."
            )
        reply.suggest(*self.examples()[:3])
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
