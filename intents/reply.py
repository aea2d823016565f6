"""What a handler receives (a Request) and how it builds an answer (a Reply)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple, TypeVar

from knowledge import KnowledgeBase
from knowledge.dates import DateSpec
from knowledge.model import Claim, Event, Evidence, Person, number_text
from knowledge.records import dataclass, field

from .anchor import Anchor
from .answer import DISPUTED, ITEM, LEAD, NOTE, PARA, Answer, Citation, CitationList, Explanation, Part
from .context import Context
from .dedupe import dedupe
from .retrieval import FactIndex
from .understand import Parsed
from .vocabulary import Cues, IntentSpec

SHORT_BUDGET = 1100  # characters of plain text before "tell me more"
T = TypeVar("T")


@dataclass
class Request:
    kb: KnowledgeBase
    parsed: Parsed
    intent: IntentSpec
    slots: dict[str, list[str]]  # type -> ids/values, the question's first, then context's
    context: Context
    more: bool = False
    from_context: set[str] = field(default_factory=set)  # slot types filled from context
    retrieval: FactIndex | None = None
    explained: frozenset[int] = frozenset()  # question positions the intent's keywords explain
    cues: Cues | None = None
    allowed_cues: frozenset[str] = frozenset()  # the cues the running handler declared
    routed_first: str = ""  # the intent a route had answer first, if any
    near: dict[int, int] = field(default_factory=dict)  # a follow-up's items (FactIndex numbers) -> how far
    anchor: Anchor | None = None  # "what happened after <an event>?": that event
    measures: tuple[str, ...] = ()  # the measure kinds the intent a route came from asks ("strength")

    def ids(self, kind: str) -> list[str]:
        return self.slots.get(kind, [])

    def first(self, kind: str) -> str | None:
        values = self.slots.get(kind)
        return values[0] if values else None

    def cue(self, *names: str) -> bool:
        """Whether the question says a phrase of any of the named cues (declared by the handler)."""
        for name in names:
            if name not in self.allowed_cues:
                raise KeyError(f"handler of {self.intent.name!r} reads cue {name!r} it did not declare")
        assert self.cues is not None
        return any(self._says_cue(name) for name in names)

    def _says_cue(self, name: str) -> bool:
        """Whether the question says a phrase of the cue, worked out once per question (the key
        the router's conditions share: handlers and routes ask the same cues again and again)."""
        cache, key = self.parsed.cache, ("cue", name)
        if key not in cache:
            assert self.cues is not None
            cache[key] = says_any(self.parsed.tokens, self.cues.phrases[name])
        return cache[key]

    def has_words(self, *words: str) -> bool:
        """Whether the question says any of ``words`` (a word or a phrase of several)."""
        return any(says(self.parsed.tokens, tuple(w.split())) for w in words)

    @property
    def yes_no(self) -> bool:
        return self.parsed.yes_no


class _Split(NamedTuple):
    phrases: tuple[tuple[str, ...], ...]  # the list split (kept, so its id stays that list's)
    words: frozenset[str]  # its one-word phrases
    longer: tuple[tuple[str, ...], ...]  # the others
    starts: frozenset[str] | None  # their first words (None if one is empty: no shortcut)


_SPLIT: dict[int, _Split] = {}


def says_any(tokens: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    """``any(says(tokens, p) for p in phrases)`` for a list that lives as long as the vocabulary (a
    cue's): split once into one-word phrases, looked up among the tokens in one scan, and longer
    ones, compared only when the question says the first word of one."""
    split = _SPLIT.get(id(phrases))
    if split is None or split.phrases is not phrases:
        longer = tuple(p for p in phrases if len(p) != 1)
        starts = frozenset(p[0] for p in longer) if all(longer) else None
        split = _SPLIT[id(phrases)] = _Split(phrases, frozenset(p[0] for p in phrases if len(p) == 1), longer, starts)
    if not split.words.isdisjoint(tokens):
        return True
    if split.starts is not None and split.starts.isdisjoint(tokens):
        return False  # the usual case: no longer phrase can start anywhere
    return any(says(tokens, p) for p in split.longer)


def says(tokens: list[str], words: tuple[str, ...]) -> bool:
    """Whether ``words`` occur in ``tokens`` in order, side by side."""
    if len(words) == 1:
        return words[0] in tokens
    if words and words[0] not in tokens:
        return False  # the usual case: one scan in C instead of a slice per position
    n = len(words)
    return any(tuple(tokens[i : i + n]) == words for i in range(len(tokens) - n + 1))


class Reply:
    """Collects parts and citations; ``build`` trims to the short budget."""

    def __init__(self, kb: KnowledgeBase, more: bool = False):
        self.kb = kb
        self.more = more
        self.parts: list[Part] = []
        self.citations = CitationList()
        self.suggestions: list[str] = []
        self.disputed = False
        self.answered = True
        self.focus: dict[str, str | None] = {}  # slots a follow-up may lean on (None: forget the last)
        self.when: DateSpec | None = None  # the time the answer is about, for "then" and "after that"
        self._size = 0  # what build() measures against SHORT_BUDGET
        self._skipped = False

    # -- evidence -----------------------------------------------------------------
    def cite(self, evidence: Evidence | None) -> tuple[int, ...]:
        if evidence is None or not evidence.quote:
            return ()
        source = self.kb.source(evidence.claimant)
        name = capitalize(source.name if source else evidence.claimant)
        return (self.citations.add(name, evidence.section, evidence.quote),)

    def _add(self, kind: str, text: str, evidence: tuple[Evidence | None, ...]) -> None:
        if not self.more and kind not in (LEAD, DISPUTED) and self._size > SHORT_BUDGET:
            self._skipped = True  # build() would drop it: parts only ever grow before it
            return
        cites: tuple[int, ...] = ()
        for ev in evidence:
            cited = self.cite(ev)
            cites = cited if not cites else cites + tuple(n for n in cited if n not in cites)  # first: as is
        self.parts.append(Part(text, kind, cites))
        self._size += len(text) + 6 * len(cites) + 2

    def lead(self, text: str, *evidence: Evidence | None) -> None:
        self._add(LEAD, text, evidence)

    def lead_citing(self, text: str, *citations: Citation) -> None:
        """A lead resting on citations an earlier answer gave ("when?" of what it just told)."""
        cites = tuple(dict.fromkeys(self.citations.add(c.source, c.section, c.quote) for c in citations))
        self.parts.append(Part(text, LEAD, cites))
        self._size += len(text) + 6 * len(cites) + 2

    def para(self, text: str, *evidence: Evidence | None) -> None:
        self._add(PARA, text, evidence)

    def item(self, text: str, *evidence: Evidence | None) -> None:
        self._add(ITEM, text, evidence)

    def items(self, things: Iterable[T], line: Callable[[T], tuple[str, Evidence | None]]) -> None:
        """One list item per thing, in order, each written only while the short answer has room:
        past the budget ``_add`` drops them, so a big pack's hundreds of lines are never built."""
        for thing in things:
            if not self.more and self._size > SHORT_BUDGET:
                self._skipped = True  # as _add would, for this item and every later one
                return
            self.item(*line(thing))

    def note(self, text: str, *evidence: Evidence | None) -> None:
        self._add(NOTE, text, evidence)

    def dispute_line(self, text: str, *evidence: Evidence | None) -> None:
        self.disputed = True
        self._add(DISPUTED, text, evidence)

    def flag_disputed_figures(self) -> None:
        """An answer that cites a disputed figure's evidence (a narrative fact restating a claim)
        says it is disputed, with the spread and every claimant, in one line."""
        if self.disputed:  # the handler has said what is disputed
            return
        measures = dict.fromkeys(c.measure for q in self.citations.items for c in self.kb.claims_quoted_in(q.quote))
        # a fact about a measure ("hundreds of casualties on IS-KP") speaks of that figure too
        measures.update(dict.fromkeys(m for q in self.citations.items for m in self.kb.measures_told_in(q.quote)))
        if not measures:
            return  # the usual case: no figure cited, nothing to flag
        shown = " ".join(p.text for p in self.parts)
        for measure in measures:
            dispute = self.kb.dispute(measure)
            if not dispute.disputed or dispute.measure.name in shown:
                continue
            name = capitalize(dispute.measure.name)
            who = "; ".join(claim_text(self.kb, c) for c in dispute.claims)
            if len(dispute.claims) > 1:
                line = f"{name} is disputed, {number(dispute.low)} to {number(dispute.high)}: {who}."
            elif not dispute.remarks:
                line = f"{name}: {who}. This figure is disputed: {parts_text(self.kb, dispute)}."
            else:
                line = (f"{name}: {who}. This figure is disputed: it rests on one claimant whose figures are "
                        "judged questionable.")
            self.dispute_line(line, *(c.evidence for c in dispute.claims))

    def prepend_lead(self, text: str, *evidence: Evidence | None) -> None:
        """Put a new lead first; the old lead becomes a paragraph."""
        self._add(LEAD, text, evidence)
        new = self.parts.pop()
        self.parts = [new] + [Part(p.text, PARA if p.kind == LEAD else p.kind, p.cites) for p in self.parts]

    def prefix_lead(self, words: str) -> None:
        """Start the lead with ``words`` ("Yes.")."""
        if self.parts:
            first = self.parts[0]
            self.parts[0] = Part(f"{words} {first.text}", first.kind, first.cites)

    def suggest(self, *questions: str) -> None:
        for q in questions:
            if q and q not in self.suggestions:
                self.suggestions.append(q)

    def decline(self, text: str) -> None:
        self.answered = False
        self.parts.insert(0, Part(text, LEAD))

    # -- building -------------------------------------------------------------------
    def build(self, question: str, intent: str | None, confidence: float, why: Explanation) -> Answer:
        parts = dedupe(self.parts, self.citations.items)  # one fact once, its citations together
        trimmed = self._skipped
        if not self.more:
            sizes = [len(p.text) + 6 * len(p.cites) + 2 for p in parts]
            total = sum(sizes)
            k = len(parts) - 1
            while len(parts) > 1 and total > SHORT_BUDGET:
                # drop the last droppable part; disputed lines and the lead stay
                while k > 0 and parts[k].kind in (LEAD, DISPUTED):
                    k -= 1
                if k <= 0:
                    break
                total -= sizes[k]
                del parts[k], sizes[k]
                trimmed = True
                k -= 1
        if trimmed:
            parts.append(Part('There is more: ask "tell me more".', NOTE))
        parts, citations = renumber(parts, self.citations.items)
        return Answer(
            question=question,
            answered=self.answered,
            intent=intent,
            confidence=confidence,
            parts=tuple(parts),
            citations=citations,
            disputed=self.disputed and self.answered,
            suggestions=tuple(self.suggestions[:3]),
            explanation=why,
        )


def renumber(parts: list[Part], citations: tuple[Citation, ...]) -> tuple[list[Part], tuple[Citation, ...]]:
    """Keep only citations still referred to, numbered in order of first use."""
    by_n = {c.n: c for c in citations}
    mapping: dict[int, int] = {}
    for part in parts:
        for n in part.cites:
            mapping.setdefault(n, len(mapping) + 1)
    new_parts = [_renumbered(p, tuple(map(mapping.__getitem__, p.cites))) for p in parts]
    new_citations = tuple(
        by_n[old] if old == new else Citation(new, by_n[old].source, by_n[old].section, by_n[old].quote)
        for old, new in mapping.items()
    )
    return new_parts, new_citations


def _renumbered(part: Part, cites: tuple[int, ...]) -> Part:
    """The part citing ``cites``: itself when its numbers stay (a frozen Part costs to make)."""
    return part if cites == part.cites else Part(part.text, part.kind, cites)


# -- phrasing shared by handlers ------------------------------------------------------


def claimant_name(kb: KnowledgeBase, source_id: str) -> str:
    source = kb.source(source_id)
    return source.name if source else source_id


def decline_unsettled(req: Request, reply: Reply, text: str, evidence: Evidence | None, settled: bool) -> bool:
    """"Was X ever put on trial?" answered by an item that does not settle it: declined as not said
    of the person named, with that item as the closest the sources come. Whether it declined."""
    person = next((e.value for e in req.parsed.entities if e.type == "person"), None)
    if not req.yes_no or settled or reply.parts or person is None:
        return False
    reply.decline(f"The sources do not say that about {req.kb.display_name(person)}. The closest they come:")
    reply.para(text, evidence)
    return True


def no_figure_from(reply: Reply, kb: KnowledgeBase, speakers: list[str], measures: list) -> None:
    """Decline a figure the named speakers do not give, with the figures the sources do give for
    ``measures`` ("X gives no figure for that; the figures the sources do give: ...")."""
    who = join_names(speakers)
    reply.decline(f"{capitalize(who)} give{'s' if len(speakers) == 1 else ''} no figure for that; "
                  "the figures the sources do give:")
    for m in measures:
        for c in kb.claims_of(m.id):
            reply.item(f"{capitalize(m.name)}: {claim_text(kb, c)}", c.evidence)


def claim_text(kb: KnowledgeBase, claim: Claim) -> str:
    """'52, by 18 July, according to the spokesman of ...'"""
    source = kb.source(claim.claimant)
    who = claimant_name(kb, claim.claimant)
    if source and source.kind == "media":
        return f"{claim.value.text()}, {claim.period}, as reported by {who}"
    return f"{claim.value.text()}, {claim.period}, according to {who}"


def number(x: float) -> str:
    return number_text(x)


def spread_text(dispute) -> str:
    """How far a measure's claims spread: "40 to 153", or one figure when all agree on it."""
    low, high = number(dispute.low), number(dispute.high)
    return low if dispute.low == dispute.high else f"{low} to {high}"


def parts_text(kb: KnowledgeBase, dispute) -> str:
    """Why a total is disputed when its own figure is not: "it takes in X (17 to 70) and Y (40
    to 153), which the sources dispute"."""
    parts = [f"{p.name} ({spread_text(kb.dispute(p.id))})" for p in dispute.parts]
    return f"it takes in {join_names(parts)}, which the sources dispute"


def join_names(names: list[str]) -> str:
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


FATE_VERBS = {
    "killed": "was killed",
    "executed": "was executed",
    "captured": "was captured",
    "surrendered": "surrendered",
    "died": "died",
    "survived": "survived",
}


def fate_sentence(kb: KnowledgeBase, person: Person) -> str:
    """'Haji Murad was killed by the Taliban on 22 July 2018 at Mughal.'"""
    fate = person.fate
    if fate is None:
        return f"The sources do not say what became of {person.name}."
    text = f"{person.name} {FATE_VERBS.get(fate.status, fate.status)}"
    if fate.by:
        text += f" by {kb.display_name(fate.by)}"
    if fate.date:
        prefix = "" if fate.date.kind in ("by", "approx") else "on " if fate.date.kind == "day" else "in "
        text += f" {prefix}{fate.date.text}"
    if fate.place:
        text += f" at {kb.display_name(fate.place)}"
    return text + "."


def event_line(event: Event) -> str:
    return f"{event.date.text}: {event.title}"
