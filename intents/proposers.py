"""Proposers of readings from the pack's facts, beside the matcher's intents.

Each returns a scored reading (an ``IntentScore`` of the ``fact`` intent) or nothing; the
decision policy weighs them against the intents. They never answer: the fact handler does.
"""

from __future__ import annotations

import re

from knowledge import KnowledgeBase
from knowledge.model import Fact
from knowledge.records import dataclass

from .context import Context
from .focus import LIGHT_HEADS, asked_kind, explains_focus, focus, focus_phrase, reason_verb
from .lookup import asks_count, gives_figure, gives_reason, reason_of
from .matcher import IntentScore
from .normalize import normalize_pack
from .reply import Request, says_any
from .retrieval import FactIndex, Hit, Item, item_ids, item_text
from .stemming import stem
from .understand import NAME_TYPES, Parsed, Understanding, by_first_word, entity_kind, voiced
from .verdict import close_hits
from .vocabulary import IntentSpec, load_cues

FACT_WEIGHT = 0.9  # a fact explaining as much as an intent's keywords ranks below it
FACT_MIN_WORDS = 2  # a fact must explain at least this many meaningful words
FALLBACK_COVERAGE = 0.5  # the fact route answers when its best fact explains this share of the question
FOLLOWUP_CONFIDENCE = 0.75
REASON_DISTANCE = 2  # "why did they do that?": a reason this close to what the last answer told
FOLLOWUP_MAX_WORDS = 7  # longer questions stand on their own
LEAD_ITEMS = 3  # the items a reply opens with: its lead and what it cites beside it
CUES = load_cues()
CHOSEN = -1  # in the items around the last answer, the one a follow-up is answered with leads
EFFECT_FIRST = by_first_word(CUES.phrases["effect"])
YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")  # a year an item's text names
CLAIM_WORDS = frozenset(p[0] for p in CUES.phrases["claim"] if len(p) == 1)  # "said", "claimed", "reported"
LABELLING = frozenset(p[0] for p in CUES.phrases["labelling"])  # "called it a success", "portrayed"
JUDGING = frozenset(p[0] for name in ("check", "reliability") for p in CUES.phrases[name] if len(p) == 1)
WHO_FIRST = frozenset(p[0] for p in CUES.phrases["who"])


@dataclass(frozen=True)
class Around:
    """A follow-up read against the items around the last answer."""

    cited: list[Item]  # what the last answer cited
    near: dict[int, int]  # the items around it (FactIndex numbers) -> how far from it
    asked: set[int]  # the question's words beyond its references
    whole: set[int]  # those and its references
    new: list[Hit]  # every hit it may be answered with
    hits: list[Hit]  # those among the items around the last answer
    where: bool  # it asks for a place
    claimed: frozenset[str] = frozenset()  # who gave the figures the last answer cited, and their measures
    beyond: bool = False  # "what else ...?": something the last answer did not say
    shown: frozenset[str] = frozenset()  # the items it said (all, or its lead)


def speaking(kb: KnowledgeBase, parsed: Parsed) -> set[str]:
    """The sides, people and sources that speak in the question ("X says", "according to X"),
    with the sources that speak for them."""
    voices = {e.value for e in parsed.entities
              if e.type in ("group", "person", "source") and voiced(parsed.tokens, e.start, e.end)}
    return voices | {s for v in voices for s in kb.voices_of.get(v, ())}


def _other_year(parsed: Parsed, hit: Hit) -> bool:
    """Whether the question dates what it asks to a year the item does not cover and the item's
    own words date it to another year."""
    asked = [e for e in parsed.entities
             if e.type == "date" and e.date and not set(range(e.start, e.end)) <= hit.covered]
    if not asked:
        return False
    years = {int(w) for w in YEAR.findall(item_text(hit.item))}
    return bool(years) and not any(e.date.start.year <= y <= e.date.end.year for e in asked for y in years)


class FactProposer:
    """Readings from the facts: the long-tail candidate, a follow-up on what the last answer
    cited, and the fact route for a question no intent places."""

    def __init__(self, kb: KnowledgeBase, spec: IntentSpec | None, retrieval: FactIndex, understanding: Understanding):
        self.kb = kb
        self.spec = spec  # the "fact" intent
        self.retrieval = retrieval
        self.understanding = understanding
        self._effects: dict[str, bool] = {}  # item id -> whether it says what something caused
        self._by_quote: dict[str, set[str]] = {}  # a quote -> the items quoting it or a part of it
        self._place_kinds: frozenset[str] | None = None  # the kinds of place the pack names, and their plurals

    def candidate(self, parsed: Parsed) -> IntentScore | None:
        """The long-tail candidate: the single fact or event explaining most of the question."""
        spec = self.spec
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
        covered = hits[0].covered - domain
        words = {parsed.tokens[i] for i in covered}
        names = [e for e in parsed.entities if e.type in NAME_TYPES]
        named = {i for e in names for i in range(e.start, e.end)}
        if parsed.content <= named:  # "and isis-k?": a name of several words is one thing, not several words
            words = {e.value for e in names if covered & {*range(e.start, e.end)}}
        if len(words) < FACT_MIN_WORDS and not (words and self.retrieval.phrase_said(hits[0], parsed)):
            return None  # "the battle" alone does not make a fact relevant; "how did it start" does
        best = hits[0]
        if _other_year(parsed, best) or self._other_voice_counted(parsed, best):
            return None  # "which villages did they hold in 2017?" of a 2018 fact
        probe = Request(self.kb, parsed, spec, {}, Context())
        if asks_count(probe) and not any(gives_figure(probe, h.item) for h in close_hits(hits)):
            return None  # "how many ...?" that no close fact gives a figure for: a measure may, or nothing
        score = best.score * FACT_WEIGHT
        keywords = (getattr(best.item, "id", ""),)
        return IntentScore(spec, score, keywords, best.score, score)

    def fallback(self, parsed: Parsed) -> IntentScore | None:
        """The fact route for a question no intent places. A wh-question is answered when a close
        fact says what it asks for (``_focused``); any other question when the best-matching fact
        explains most of what it says and nothing it says is foreign to the pack. The fact handler
        then checks the fact gives what is asked: a figure, a name, a date."""
        spec = self.spec
        hits = self.retrieval.search(parsed) if spec is not None and parsed.content else []
        if not hits:
            return None
        asked = focus(parsed, self.understanding.english)
        if asked is not None:
            return self._focused(parsed, hits, asked)
        best = hits[0]
        covered = best.covered & parsed.content
        if parsed.unknown - best.covered or len(covered) < FACT_MIN_WORDS or self._other_voice_counted(parsed, best):
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

    def _other_voice_counted(self, parsed: Parsed, hit: Hit) -> bool:
        """"How many Taliban did IS-KP claim to have killed?": a count asked of one voice is not
        answered by an item another voice claims (the claims tell what that voice gives, if any)."""
        voices = speaking(self.kb, parsed) if asked_kind(parsed.tokens) == "figure" else set()
        if not voices:
            return False
        claimant = getattr(getattr(hit.item, "evidence", None), "claimant", None)
        return claimant in self.kb.speaking_sources and claimant not in voices

    def _focused(self, parsed: Parsed, hits: list[Hit], asked: int) -> IntentScore | None:
        """Answerability for a wh-question: the fact route answers when a close fact says what
        is asked (the focus and the words that make it one thing: "supreme leader", "capture
        the capital") and every name the question gives; other words may be unfamiliar ("which unit
        spearheaded ...?"), unless they are nouns no fact uses, the likeliest sign of another subject."""
        english, together = self.understanding.english, self.retrieval.together
        best, verb = next((h for h in close_hits(hits) if asked in h.covered), None), None
        if best is None:  # "why did the leadership contact ...?": the reason for the contact
            verb = reason_verb(parsed, english)
            best = next((h for h in close_hits(hits) if verb in h.covered), None) if verb is not None else None
        if best is None and english.get(parsed.tokens[asked]) == "V" and not parsed.yes_no:
            best = hits[0]  # "what made things boil over?": a verb only, what happened is asked
        # "what was agreed?": a question of one word needs that word, its focus, said
        if best is None or len(best.covered & parsed.content) < min(FACT_MIN_WORDS, len(parsed.content)):
            return None
        if _other_year(parsed, best) or self._other_voice_counted(parsed, best):
            return None  # "how many villages did they hold in 2017?" of a 2018 fact
        # a name the fact leaves out may be one the pack names with a name it says
        if not explains_focus(parsed, english, best.covered, verbs_may_be_new=True, together=together, at=verb):
            if verb is not None or not self._what_happened(parsed, best, asked):
                return None
        score = round(best.score * FACT_WEIGHT, 9)
        return IntentScore(self.spec, score, (getattr(best.item, "id", ""),), best.score, score, frozenset())

    def _what_happened(self, parsed: Parsed, best: Hit, asked: int) -> bool:
        """"What was it that **made** things boil over ...?": a focus that is only a verb asks what
        happened, which a fact saying at least half of the question, every name it gives and any
        noun foreign to the pack, tells in its own verbs."""
        english = self.understanding.english
        if english.get(parsed.tokens[asked]) != "V" or len(best.covered & parsed.content) * 2 < len(parsed.content):
            return False
        if parsed.yes_no or asked_kind(parsed.tokens) is not None:
            return False  # "was X convicted?", "who founded X?": the verb is what is asked
        phrase = focus_phrase(parsed, english, asked)
        return explains_focus(parsed, english, best.covered | phrase, verbs_may_be_new=True,
                              together=self.retrieval.together)

    def near_last(self, parsed: Parsed, context: Context) -> tuple[IntentScore, dict[int, int]] | None:
        """A question pointing at the last answer ("how did they behave there?", "who was killed
        there?") answered from the items around what that answer cited (``FactIndex.near``), with
        those items: the best must explain at least half of what the question asks beyond its
        references, and every name it gives; a noun foreign to the pack is another subject."""
        if "near_last" not in parsed.cache:  # the policy may ask at several points of one decision
            parsed.cache["near_last"] = self._near_last(parsed, context)
        return parsed.cache["near_last"]

    def near_says_all(self, parsed: Parsed, context: Context) -> bool:
        """Whether an item around the last answer says every word the question asks beyond its
        references ("who criticised that?" after a claim: the item next to it that criticises it)."""
        return self.near_last(parsed, context) is not None and parsed.cache.get("near_says_all", False)

    def _near_last(self, parsed: Parsed, context: Context) -> tuple[IntentScore, dict[int, int]] | None:
        if self.spec is None or not (parsed.refers_back or parsed.consequence):  # "how did X respond?" too
            return None
        around = self._around(parsed, context)
        if around is None:
            return None
        if self._judges_a_story(parsed, around):  # "was that accurate?" of a claim the facts tell: what they tell next
            return self._what_followed(around.cited[:1], same_topic=True)
        if self._asks_who_said(parsed, around):  # "who had claimed otherwise?": who the last answer says said it
            said = next((item for item in around.cited if self._says_who_said(item)), None)
            if said is not None:
                return self._chosen(said)
        if around.where and not around.asked:  # "where did they come from?" asks only for a place
            return self._place_around(parsed, context, around)
        if parsed.consequence and parsed.refers_back and around.cited and self._states_effect(around.cited[0]):
            return self._chosen(around.cited[0])  # "what effect did that have?": the last answer's item says it
        if parsed.consequence and not any(around.asked <= h.covered for h in around.hits):
            effect = self._effect_on_named(parsed, around)  # "what effect did his death have on X?"
            return self._chosen(effect) if effect else self._what_followed(self._told_lead(around.cited))
        if around.beyond and not around.hits:  # "what else did they achieve there?": the nearest unsaid item on them
            return self._more_on(parsed, around)
        if not around.asked and asked_kind(parsed.tokens) == "reason" and around.cited:
            # "why did they do that?": the reason given beside what the last answer told, else its lead,
            # which may well say its own purpose ("bombed them to stop ...")
            bare = parsed.cache.get("bare_why", False)  # "why?" alone
            reason = self._reason_near(around, bare)
            if reason is None and bare:
                return None  # no reason near: "why?" is answered from what the last answer cited
            return self._chosen(reason or self._told_lead(around.cited)[0])
        if not around.asked or not around.hits:
            return None
        main = around.asked - parsed.aside  # "what did he consider doing after the surrender?": considering
        best = max(around.hits, key=lambda h: (len(h.covered & main), len(h.covered & around.asked),
                                               *self._after(h, around.cited, parsed),
                                               -around.near[h.order], h.score, -h.order))
        if not self._explains(parsed, around, best):
            return None
        said = frozenset(best.covered & around.asked)
        read = IntentScore(self.spec, FOLLOWUP_CONFIDENCE, (best.item.id,), best.score, FOLLOWUP_CONFIDENCE, said)
        parsed.cache["near_says_all"] = said >= around.asked
        return read, {**around.near, best.order: CHOSEN}

    def _around(self, parsed: Parsed, context: Context) -> Around | None:
        """What the question asks beyond its references, and the hits among the items around the
        last answer; "what effect did that have?" asks for something not yet said, "after that"
        for what was told after it."""
        cited = self.retrieval.cited(context.last_answer)
        claimed = self.retrieval.claimed(context.last_answer)
        if not cited and not claimed:
            return None
        refs = {i for e in parsed.entities if e.start in parsed.pronouns.values() for i in range(e.start, e.end)}
        domain = {i for e in parsed.entities if e.type == "conflict" for i in range(e.start, e.end)}
        light = {i for i in parsed.content if parsed.tokens[i] in LIGHT_HEADS}  # "where did they come from?"
        kinds = self._place_kind_asked(parsed)  # "from which province did they come?" asks where too
        light |= kinds
        asked = parsed.content - refs - domain - parsed.consequence - parsed.refers_back - light
        onward = says_any(parsed.tokens, CUES.phrases["next"])
        # "after that", "what else" ask past everything shown; "what effect did that have?" past what "that"
        # is, the answer's lead: its later paragraphs may well tell what followed
        beyond = says_any(parsed.tokens, CUES.phrases["beyond"])  # "what else did they achieve there?"
        last = context.last_answer
        said = [c.quote for c in last.citations] if last is not None and (onward or beyond) else []
        shown = self._saying_the_same([item.evidence.quote for item in cited[: None if said else 1]] + said)
        fresh = onward or beyond or bool(parsed.consequence) or parsed.cache.get("why_of_last", False)
        new = [
            h for h in self.retrieval.search(parsed)
            if not (fresh and h.item.id in shown) and (not onward or self.retrieval.told_after(h.order, cited))
        ]
        near = self.retrieval.near(cited, claimed)
        if onward:
            near = {n: d for n, d in near.items()
                    if self.retrieval.items[n].id not in shown and self.retrieval.told_after(n, cited)}
        where = bool(kinds) or says_any(parsed.tokens, CUES.phrases["where"])
        hits = [h for h in new if h.order in near]
        return Around(cited, near, asked, asked | refs, new, hits, where, claimed, beyond, frozenset(shown))

    def _reason_near(self, around: Around, fresh: bool = False) -> Item | None:
        """The item nearest the last answer's lead (itself first) that gives a reason; when ``fresh``,
        not an item already shown unless it says its reason in words ("bombed them to stop ...")."""
        index = self.retrieval
        items = index.items
        close = sorted((d, n) for n, d in around.near.items() if d <= REASON_DISTANCE)
        english = self.understanding.english
        stop = self.understanding.lexicon.stopwords
        lead = around.cited[0] if around.cited else None  # its own act, before the reason it may give
        told = (reason_of(lead) or normalize_pack(item_text(lead))).split() if lead is not None else []
        acts = {stem(w) for w in told if "V" in english.get(w, "") and w not in stop}  # what the lead says happened
        # the lead itself, or an item telling the same act, not just any reason told nearby; first
        # one whose reason is the act's ("surrender in return for protection", not "bombed them so
        # that the surrender went through")
        reasons = [items[n] for d, n in close if gives_reason(items[n])
                   and not (fresh and items[n].id in around.shown and not reason_of(items[n]))
                   and (d == 0 or acts & index.words[n])]
        explains = [r for r in reasons if acts & {stem(w) for w in reason_of(r).split()}]
        return next(iter(explains or reasons), None)

    def _place_kind_asked(self, parsed: Parsed) -> set[int]:
        """The position of a kind of place the pack knows ("province", "villages") right after
        "which" or "what": the question asks for a place."""
        if self._place_kinds is None:
            kinds = self.kb.place_kinds
            self._place_kinds = frozenset(kinds | {k + "s" for k in kinds})
        tokens = parsed.tokens
        return {i for i in range(1, len(tokens))
                if tokens[i] in self._place_kinds and tokens[i - 1] in ("which", "what")}

    def asks_place_of_last(self, parsed: Parsed, context: Context) -> bool:
        """"From which province did some of them come?": a place asked of what the last answer said."""
        return bool(self._place_kind_asked(parsed)) and self.near_last(parsed, context) is not None

    def judges_last(self, parsed: Parsed, context: Context) -> bool:
        """"Was that accurate?", "is that fair?" of an answer told from the facts (no figure cited):
        the article's next item is what it says of it ("although IS-KP surrendered because the
        Taliban had beaten it"); a judgement of cited figures is the sources' reliability."""
        found = self.near_last(parsed, context)
        return found is not None and parsed.cache.get("judges", False)

    def _judges_a_story(self, parsed: Parsed, around: Around) -> bool:
        english = self.understanding.english
        asked = [parsed.tokens[i] for i in around.asked]
        judged = (parsed.yes_no and bool(asked) and not around.claimed and self._says_who_said(around.cited[0])
                  and all("A" in english.get(w, "") for w in asked)
                  # "is that true?" of a figure someone claimed: that figure's reliability
                  and not (set(asked) <= JUDGING and self.retrieval.quotes_a_claim(around.cited[0])))
        parsed.cache["judges"] = judged
        return judged

    @staticmethod
    def _asks_who_said(parsed: Parsed, around: Around) -> bool:
        """"Who had claimed it was?", "who said otherwise?": who, a verb of saying, and references."""
        asked = {parsed.tokens[i] for i in around.asked}
        return bool(asked) and asked <= CLAIM_WORDS and parsed.tokens[0] in WHO_FIRST

    @staticmethod
    def _says_who_said(item: Item) -> bool:
        """Whether ``item`` (or the words it quotes) tells that someone said something."""
        said = CLAIM_WORDS | LABELLING
        return any(said & set(normalize_pack(t).split()) for t in (item_text(item), item.evidence.quote))

    def _more_on(self, parsed: Parsed, around: Around) -> tuple[IntentScore, dict[int, int]] | None:
        """The item nearest the last answer, not yet said, that names everyone the question names."""
        names = {e.value for e in parsed.entities if e.type in NAME_TYPES and set(range(e.start, e.end)) & around.asked}
        items = self.retrieval.items
        fits = [n for n in around.near if items[n].id not in around.shown and names <= set(item_ids(items[n]))]
        if not names or not fits:
            return None
        return self._chosen(items[min(fits, key=lambda n: (around.near[n], n))])

    def _saying_the_same(self, quotes: list[str]) -> set[str]:
        """The ids of the items quoting ``quotes``, a part of one or more (a fact and the event it
        tells, a person's record and the fact it rests on)."""
        out: set[str] = set()
        for quote in quotes:
            if quote not in self._by_quote:
                self._by_quote[quote] = {
                    item.id for item in self.retrieval.items
                    if item.evidence.quote in quote or quote in item.evidence.quote
                }
            out |= self._by_quote[quote]
        return out

    def _explains(self, parsed: Parsed, around: Around, best: Hit) -> bool:
        """Half of what is asked at least, nothing elsewhere saying more of it, no foreign noun
        left unexplained, every name given, and a place for "where"."""
        said = best.covered & around.asked
        if len(said) * 2 < len(around.asked):
            return False
        if any(len(h.covered & around.whole) > len(best.covered & around.whole) for h in around.new[:3]):
            return False
        english = self.understanding.english
        if any(i in parsed.unknown and english.get(parsed.tokens[i], "N") == "N" for i in around.asked - said):
            return False
        named = [e for e in parsed.entities if e.type in NAME_TYPES and e.start not in parsed.pronouns.values()]
        if any(not set(range(e.start, e.end)) & best.covered for e in named):
            return False
        # "where did they go afterwards?": the fact must say where
        return not around.where or self._names_new_place(best.item, {e.value for e in parsed.entities})

    def _place_around(
        self, parsed: Parsed, context: Context, around: Around
    ) -> tuple[IntentScore, dict[int, int]] | None:
        """The closest item around the last answer naming a place neither question named, unless
        another item explains more of the question."""
        last = context.last_answer
        before = self.understanding.parse(last.question) if last is not None else None
        known = {e.value for e in (*parsed.entities, *(before.entities if before else ()))}
        # "who had recruited them?" then "from where?": recruited from where, so the item that says
        # what the last question asked comes first among the items just cited
        asked = {stem(before.tokens[i]) for i in before.content - before.covered_by_entities()} if before else set()
        found = self._nearest_place(known, around.near, asked)
        said = next((len(h.covered & around.whole) for h in around.hits if found and h.order in found[1]), 0)
        return None if any(len(h.covered & around.whole) > said for h in around.new[:3]) else found

    def _after(self, hit: Hit, cited: list[Item], parsed: Parsed) -> tuple[int, int]:
        """For "how did X respond?": what is told after the last answer's first item, the nearest first."""
        if not parsed.consequence or not cited or cited[0].id not in self.retrieval.order:
            return (0, 0)
        lead = self.retrieval.order[cited[0].id]
        later = hit.order > lead and type(hit.item) is type(cited[0])
        return (int(later), -abs(hit.order - lead))

    def _names_new_place(self, item: Item, known: set[str]) -> bool:
        return any(i not in known and entity_kind(self.kb, i) == "place" for i in item_ids(item))

    def _nearest_place(
        self, known: set[str], near: dict[int, int], asked: set[str] = frozenset()
    ) -> tuple[IntentScore, dict[int, int]] | None:
        items = self.retrieval.items
        words = self.retrieval.words
        # what was just cited first (it may well say where), saying most of what was last asked
        ranked = sorted(near, key=lambda n: (near[n], -len(asked & words[n]), n))
        found = next((n for n in ranked if self._names_new_place(items[n], known)), None)
        if found is None or self.spec is None:
            return None
        read = IntentScore(self.spec, FOLLOWUP_CONFIDENCE, (items[found].id,), 1.0, FOLLOWUP_CONFIDENCE)
        return read, {found: 0}

    def _told_lead(self, cited: list[Item]) -> list[Item]:
        """What the last answer led with, as the article tells it: the facts among its first items
        that follow one another in the article (facts keep the article's order, so the one after them
        tells what followed; events of one vague date, "after the surrender", have no order among
        them; a fact from elsewhere in the article cited below the lead is no part of its story),
        else its first item."""
        facts = [item for item in cited[:LEAD_ITEMS] if isinstance(item, Fact)]
        order = self.retrieval.order
        story = facts[:1]
        for item in facts[1:]:
            if order.get(item.id, -2) - order.get(story[-1].id, -9) in (1, -1):
                story.append(item)
        return story or cited[:1]

    def _what_followed(self, cited: list, same_topic: bool = False) -> tuple[IntentScore, dict[int, int]] | None:
        def fits(told: list) -> Item | None:
            after = self.retrieval.following(told)
            return None if after is None or same_topic and after.topic != told[0].topic else after

        after = fits(cited)
        # an event the facts tell too (one passage quoted): the article's next fact follows it there
        for twin in self.retrieval.twins(cited[0]) if after is None and cited else ():
            after = fits([twin])
            if after is not None:
                break
        return self._chosen(after) if after is not None else None

    def _chosen(self, item: Item) -> tuple[IntentScore, dict[int, int]] | None:
        """A follow-up answered with ``item`` alone."""
        if self.spec is None or item.id not in self.retrieval.order:
            return None
        read = IntentScore(self.spec, FOLLOWUP_CONFIDENCE, (item.id,), 1.0, FOLLOWUP_CONFIDENCE)
        return read, {self.retrieval.order[item.id]: 0}

    def _states_effect(self, item: Item) -> bool:
        """Whether ``item`` says what something caused ("his execution caused further clashes",
        "which made the clashes fiercer"), not what caused it ("caused by")."""
        if item.id not in self._effects:
            said = False
            for text in (item_text(item), item.evidence.quote):
                words = normalize_pack(text).split()
                said = said or self._which_did(words)
                for i in range(len(words)):
                    for p in EFFECT_FIRST.get(words[i], ()):
                        if tuple(words[i : i + len(p)]) == p and words[i + len(p) : i + len(p) + 1] != ["by"]:
                            said = True
            self._effects[item.id] = said
        return self._effects[item.id]

    def _effect_on_named(self, parsed: Parsed, around: Around) -> Item | None:
        """An item around the last answer that says what something did to everyone the question
        names ("..., which weakened X"), if one does."""
        refs = parsed.pronouns.values()
        named = {e.value for e in parsed.entities if e.type in NAME_TYPES and e.start not in refs}
        if not named:
            return None
        return next((h.item for h in around.hits if named <= item_ids(h.item) and self._states_effect(h.item)), None)

    def _which_did(self, words: list[str]) -> bool:
        """"..., which weakened the group": a relative clause whose verb says what the thing did."""
        english = self.understanding.english
        return any(w == "which" and nxt.endswith("ed") and "V" in english.get(nxt, "")
                   for w, nxt in zip(words, words[1:], strict=False))

    def near_miss(self, parsed: Parsed) -> tuple[str, Hit] | None:
        """For a declined wh-question that names things the pack knows: the words of what it asks
        for ("population") and the fact that says most about those names, to offer instead."""
        english = self.understanding.english
        asked = focus(parsed, english)
        names = {i for e in parsed.entities if e.type in NAME_TYPES - {"conflict"} for i in range(e.start, e.end)}
        if asked is None or not names & parsed.content:
            return None
        # close: a fact about those names that also says another word of the question ("destroyed")
        hit = next((h for h in self.retrieval.search(parsed) if h.covered & names and h.covered - names), None)
        if hit is None:
            return None
        return " ".join(parsed.tokens[i] for i in sorted(focus_phrase(parsed, english, asked))), hit

    def followup(self, parsed: Parsed, context: Context) -> IntentScore | None:
        """A short follow-up ("who revealed it?", "by whom?") answered from what the last
        answer cited, when one of those items explains every meaningful word."""
        spec = self.spec
        last = context.last_answer
        if spec is None or last is None or not parsed.content or len(parsed.tokens) > FOLLOWUP_MAX_WORDS:
            return None
        quotes = {c.quote for c in last.citations}
        for hit in self.retrieval.search(parsed):
            if hit.item.evidence.quote in quotes and hit.covered >= parsed.content:
                keywords = (getattr(hit.item, "id", ""),)
                return IntentScore(spec, FOLLOWUP_CONFIDENCE, keywords, 1.0, FOLLOWUP_CONFIDENCE)
        return None
