"""Find the pack's facts and events that explain a question's words.

The keyword intents cover the questions people ask most; the long tail ("what
did the locals ask the governor?") is answered from the narrative facts
themselves. An item explains a question word when it uses the same word
(after a light stemming) or names the same entity. Like the matcher, it
scores by how much of the question is explained, so a question with words no
fact uses is not answered with something adjacent.
"""

from __future__ import annotations

import calendar
import math
import re
from bisect import bisect_right
from collections import defaultdict
from datetime import date
from functools import lru_cache, partial
from itertools import takewhile
from typing import NamedTuple

from knowledge import KnowledgeBase
from knowledge.model import Event, Fact

from .focus import focus
from .normalize import normalize_pack
from .stemming import stem
from .understand import WISHES, Parsed, rephrase
from .vocabulary import load_english

Item = Fact | Event
INTENDED = "@intention"  # the word every item telling an intention ("thinking of joining") is indexed under
INTENTIONS = tuple(f" {' '.join(p)} " for p in WISHES)
NAMED_BAND = 0.85  # a hit this close to the first that names more of what is asked goes first
NAMED_REACH = 4  # among the first hits
TIME_CLAUSE_WEIGHT = 0.5  # a word of a closing "... after he surrendered": it says when, not what
KIN_WEIGHT = 0.9  # a word explained only by another word for the same thing
SHARED_QUOTE = 40  # two quotes sharing this many characters in one run quote one passage
RARE_ID_ITEMS = 12  # at most: a name in more items than this ties nothing together, however big the pack
def item_ids(item: Item) -> frozenset[str]:
    if isinstance(item, Fact):
        return frozenset(item.about) | {item.evidence.claimant}
    return frozenset((*item.people, *item.places, *item.groups, item.evidence.claimant))


def ordered_ids(item: Item) -> tuple[str, ...]:
    """What an item names, in the order the pack gives them (``item_ids`` is a set)."""
    if isinstance(item, Fact):
        return tuple(dict.fromkeys((*item.about, item.evidence.claimant)))
    return tuple(dict.fromkeys((*item.people, *item.places, *item.groups, item.evidence.claimant)))


@lru_cache(maxsize=1 << 14)  # an event's text is worked out (its date, its title) once per event
def item_text(item: Item) -> str:
    """What a reader is shown for an item (an event says its date unless its summary does)."""
    if isinstance(item, Fact):
        return item.text
    dated = any(w in item.summary for w in item.date.text.split() if w[:1].isupper() or w.isdigit())
    text = item.summary
    if _names_more(item.title, item.summary):  # "... reaches Oberbrunn": the title names where
        text = f"{item.title.rstrip('.')}. {text}"
    return text if dated else f"{item.date.text}: {text}"


def _names_more(title: str, summary: str) -> bool:
    """Whether a title names something (a capitalised word past its first) its summary does not."""
    said = {w.strip(".,;:'\u2019s") for w in summary.split()}
    return any(w[:1].isupper() and w.strip(".,;:'\u2019s") not in said for w in title.split()[1:])


def _one_passage(quote: str, other: str) -> bool:
    """Whether two quotes share a long run of words: they quote one passage."""
    from difflib import SequenceMatcher  # on a follow-up only

    run = SequenceMatcher(None, quote, other, autojunk=False).find_longest_match()
    return run.size >= min(SHARED_QUOTE, len(quote), len(other))


class Hit(NamedTuple):
    """One ranked item. A named tuple, not a frozen dataclass: a big pack's search builds
    thousands of hits per question and a tuple is made in half the time."""

    item: Item
    covered: frozenset[int]  # question positions it explains
    score: float
    order: int  # pack order, to break ties stably


_new_hit = partial(tuple.__new__, Hit)  # a Hit without NamedTuple's Python-level __new__ (thousands a question)


class _Match(NamedTuple):
    covered: dict[int, int]  # item number -> the question positions it explains, as bits of an int
    weight: dict[int, float]  # question position -> its weight
    total: float  # the weights' sum
    kin: dict[int, int] | None = None  # item number -> positions it explains only by a word's kin ("fighters")


def _positions(bits: int) -> frozenset[int]:
    """The question positions a bit set holds."""
    return frozenset(i for i in range(bits.bit_length()) if bits >> i & 1)


MONTH_NUMBERS = {name.casefold(): k for k, name in enumerate(calendar.month_name) if name}
DAY_MONTH = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTH_NUMBERS) + r")\b(?: (\d{4}))?", re.IGNORECASE)


def days_named(text: str, year: int) -> list[date]:
    """The days a text names as "30 July [2018]" (in ``year`` when it gives none)."""
    found = []
    for day, month, given in DAY_MONTH.findall(text):
        try:
            found.append(date(int(given) if given else year, MONTH_NUMBERS[month.casefold()], int(day)))
        except ValueError:  # "31 June": no such day
            continue
    return found


class FactIndex:
    def __init__(self, kb: KnowledgeBase, paraphrases: dict[tuple[str, ...], tuple[str, ...]] | None = None,
                 same_things: dict[str, str] | None = None, kinds_of: dict[str, frozenset[str]] | None = None):
        self.kb = kb
        # a word for a kind -> what every item naming one of that kind is also indexed under ("europeans":
        # "@kind:europeans" for an item saying "French"); one way: "French" asks for no German
        self.kinds = {w: f"@kind:{w}" for w in (kinds_of or {})}
        kinds = kinds_of or {}
        # a word -> what every word for the same thing is also indexed under ("militants": "@fighter"); by
        # word, not stem: "fighters" is the same thing as "militants", "fighting" is not
        self.same = {w: f"@{head}" for w, head in (same_things or {}).items()}
        self.items: list[Item] = [*kb.pack.facts.values(), *kb.timeline()]
        self.words: list[frozenset[str]] = []
        # multi-word fact keywords, stemmed, by their first word: (phrase, item number)
        self.phrases: dict[str, list[tuple[tuple[str, ...], int]]] = defaultdict(list)
        self.ids: list[frozenset[str]] = []
        self.by_word: dict[str, list[int]] = defaultdict(list)
        self.by_id: dict[str, list[int]] = defaultdict(list)
        paraphrases = paraphrases or {}
        longest = max((len(p) for p in paraphrases), default=0)  # once, not per item
        for n, item in enumerate(self.items):
            ids = item_ids(item)
            names = " ".join(kb.display_name(i) for i in ids)
            if isinstance(item, Fact):
                text = f"{item.text} {' '.join(item.keywords)} {' '.join(item.denies)}"
            else:
                text = f"{item.title} {item.summary} {item.date.text}"
            said = normalize_pack(f"{text} {names} {item.evidence.quote}").split()
            # the words a question's phrasing is read as ("second in command" -> "deputy") index the pack too
            words = frozenset(stem(w) for w in (*said, *rephrase(said, paraphrases, longest)))
            words |= {self.same[w] for w in said if w in self.same}
            words |= {self.kinds[k] for k, members in kinds.items() if not members.isdisjoint(said)}
            told = f" {' '.join(said)} "
            if any(p in told for p in INTENTIONS):  # "he was thinking of joining": what he wanted, however asked
                words |= {INTENDED}
            self.words.append(words)
            if isinstance(item, Fact):  # "how did the battle start": a phrase users ask with, as said
                for keyword in item.keywords:
                    stems = tuple(stem(w) for w in normalize_pack(keyword).split())
                    if len(stems) > 1:
                        self.phrases[stems[0]].append((stems, n))
            self.ids.append(ids)
            for w in words:
                self.by_word[w].append(n)
            for i in ids:
                self.by_id[i].append(n)
        # events by start, and facts by a day they name ("by 30 July 2018"): a date question reads
        # only those starting before its date ends
        year = kb.pack.conflict.date.start.year if kb.pack.conflict.date.start else None
        self.dated = sorted(
            ((item.date.start or item.date.end, item.date.end, n) for n, item in enumerate(self.items)
             if isinstance(item, Event)),
            key=lambda d: d[0],
        )
        self.dated_starts = [start for start, _, _ in self.dated]
        # facts naming a day, for a question that asks more than a date ("how much did they hold by the
        # end of July?"); "and three days later?" is the timeline's
        self.days = sorted((day, day, n) for n, item in enumerate(self.items) if isinstance(item, Fact) and year
                           for day in days_named(item.text, year))
        self.days_starts = [start for start, _, _ in self.days]
        total = len(self.items) or 1
        self.common_df = max(50, total // 20)  # a word in more than 5% of items is "common"
        # rarer words say more about which fact is meant ("slavery" beats "Taliban")
        self.idf = {w: math.log(1 + total / len(ns)) for w, ns in self.by_word.items()}
        self.idf_ids = {i: math.log(1 + total / len(ns)) for i, ns in self.by_id.items()}
        self.max_idf = math.log(1 + total)
        self._quotes: dict[str, Item] | None = None  # built on first use
        self._claim_quotes: dict[str, set[str]] | None = None
        self._quoting: dict[str, list[Item]] | None = None  # a quote -> every item quoting it
        self.order = {item.id: n for n, item in enumerate(self.items)}
        self.rare_id_df = max(3, min(RARE_ID_ITEMS, total // 10))  # an id this few items share ties them

    def together(self, a: str, b: str) -> bool:
        """Whether some fact or event names both entities."""
        return not set(self.by_id.get(a, ())).isdisjoint(self.by_id.get(b, ()))

    def phrase_said(self, hit: Hit, parsed: Parsed) -> int:
        """The length in words of the longest of the item's multi-word keywords the question
        says as such (0 for none)."""
        return self._phrases_said(parsed).get(hit.order, 0)

    def _phrases_said(self, parsed: Parsed) -> dict[int, int]:
        """Item number -> the longest of its multi-word keywords the question says (memoised)."""
        if "said" not in parsed.cache:
            asked = [stem(t) for t in parsed.tokens]
            said: dict[int, int] = {}
            for i, first in enumerate(asked):
                for words, n in self.phrases.get(first, ()):
                    if tuple(asked[i : i + len(words)]) == words:
                        said[n] = max(said.get(n, 0), len(words))
            parsed.cache["said"] = said
        return parsed.cache["said"]

    def cited(self, answer) -> list[Item]:
        """The facts and events an answer cited, in citation order."""
        if answer is None:
            return []
        by_quote = self._by_quote()
        return [by_quote[c.quote] for c in answer.citations if c.quote in by_quote]

    def claimed(self, answer) -> frozenset[str]:
        """Who gave the figures an answer cited, and what they measure: what its facts are about
        when it cited claims ("where did they come from?" after a figure)."""
        if answer is None:
            return frozenset()
        if self._claim_quotes is None:
            self._claim_quotes = defaultdict(set)
            for claim in self.kb.pack.claims.values():
                self._claim_quotes[claim.evidence.quote].update((claim.claimant, claim.measure))
        return frozenset(n for c in answer.citations for n in self._claim_quotes.get(c.quote, ()))

    def quotes_a_claim(self, item: Item) -> bool:
        """Whether ``item`` quotes the passage a claim's figure comes from: the same words, or a long
        run of them ("X later claimed that the Taliban had amassed 2,000 fighters" and "the Taliban
        had amassed 2,000 fighters from ...")."""
        return any(_one_passage(item.evidence.quote, c.evidence.quote) for c in self.kb.pack.claims.values())

    def twins(self, item: Item) -> list[Item]:
        """The other items quoting the passage ``item`` quotes (an event and the fact telling it), of
        those naming one of the things it names (on a big pack, a few, not every item)."""
        own = [i for i in item_ids(item) if i != item.evidence.claimant]  # every item's source is "the article"
        rare = [i for i in own if len(self.by_id.get(i, ())) <= self.rare_id_df] or own
        numbers = sorted({n for ident in rare for n in self.by_id.get(ident, ())})
        return [self.items[n] for n in numbers
                if self.items[n] is not item and _one_passage(item.evidence.quote, self.items[n].evidence.quote)]

    def near(self, items: list[Item], names: frozenset[str] = frozenset()) -> dict[int, int]:
        """The items around ``items``, by number, each with how far it is from them: 0 for
        themselves, 1 for the items about the same person, place or group (a name most items
        share aside), 2 for the neighbours of those in the pack's order of facts or on the
        timeline (an article tells what followed next to it)."""
        out = {self.order[i.id]: 0 for i in items if i.id in self.order}
        shared = {ident for n in out for ident in self.ids[n]} | names  # a cited figure: its claimant, its measure
        for ident in shared:
            postings = self.by_id.get(ident, ())
            if len(postings) <= self.rare_id_df:
                for m in postings:
                    out.setdefault(m, 1)
        for n in list(out):
            for m in (n - 1, n + 1):
                if 0 <= m < len(self.items) and type(self.items[m]) is type(self.items[n]):
                    out.setdefault(m, 2)
        return out

    def told_after(self, n: int, items: list[Item]) -> bool:
        """Whether item ``n`` comes no earlier than ``items``: on the timeline for an event,
        in the pack's order for a fact (each compared with the first of its own kind)."""
        item = self.items[n]
        same = [self.order[i.id] for i in items if type(i) is type(item) and i.id in self.order]
        return not same or n >= min(same)

    def following(self, items: list[Item]) -> Item | None:
        """The item told right after the last of ``items`` (next fact, next event), not one of them."""
        numbers = [self.order[i.id] for i in items if i.id in self.order]
        if not numbers:
            return None
        n = max(numbers) + 1
        shown = {i.id for i in items}
        while n < len(self.items) and self.items[n].id in shown:
            n += 1
        if n < len(self.items) and type(self.items[n]) is type(self.items[max(numbers)]):
            return self.items[n]
        return None

    def quoting(self, quote: str) -> list[Item]:
        """Every item whose evidence is ``quote`` (a fact and the event it tells may share one)."""
        if self._quoting is None:
            self._quoting = defaultdict(list)
            for item in self.items:
                self._quoting[item.evidence.quote].append(item)
        return self._quoting.get(quote, [])

    def _by_quote(self) -> dict[str, Item]:
        if self._quotes is None:
            self._quotes = {}
            for item in self.items:
                self._quotes.setdefault(item.evidence.quote, item)
        return self._quotes

    def _df(self, word: str, entities: list[str]) -> int:
        if not entities:  # most words name nothing
            return len(self.by_word.get(word, ()))
        return max([len(self.by_word.get(word, ())), *(len(self.by_id.get(e, ())) for e in entities)])

    def _weight(self, word: str, entity: str | None) -> float:
        if entity is not None:
            return self.idf_ids.get(entity, self.max_idf)
        if word.isdigit():
            return self.max_idf  # a figure or a day names one fact
        return self.idf.get(word, self.max_idf)

    def search(self, parsed: Parsed, explained_elsewhere: frozenset[int] = frozenset()) -> list[Hit]:
        """Items ranked by the share of the question's meaningful words they explain.

        ``explained_elsewhere``: positions already explained (generic question words).
        Scores are summed from the posting lists of the question's words and names, so
        the cost follows the matches, not the size of the pack; results are memoised on
        the parsed question (handlers ask again).
        """
        key = ("search", explained_elsewhere)
        if key in parsed.cache:
            return parsed.cache[key]
        if not parsed.content:
            return []
        match = self._match(parsed, explained_elsewhere)
        hits = [] if match is None else self._rank(match, explained_elsewhere)
        tied = list(takewhile(lambda h: h.score == hits[0].score, hits))  # hits are ranked best first
        said = self._phrases_said(parsed) if len(tied) > 1 else {}
        if said:  # as opsdroid ranks longer patterns higher: the longest keyword phrase said wins
            tied.sort(key=lambda h: -said.get(h.order, 0))
            hits[: len(tied)] = tied
        named = self._more_named(parsed, hits)
        if named is not None:
            hits.remove(named)
            hits.insert(0, named)
        parsed.cache[key] = hits
        return hits

    @staticmethod
    def _more_named(parsed: Parsed, hits: list[Hit]) -> Hit | None:
        """A hit nearly as good as the first that explains more of the question, the things it
        names among them ("how was <a province> described before ...?": the fact about the
        province, not one that only says "described")."""
        names = parsed.covered_by_entities() & parsed.content
        if not hits or not names:
            return None
        top = hits[0]
        # but never one leaving out the thing asked for ("which countries ...?"), which the first says
        asked = focus(parsed, load_english())
        thing = asked if asked in top.covered and load_english().get(parsed.tokens[asked]) != "V" else None
        return next((h for h in hits[1:NAMED_REACH] if h.score >= top.score * NAMED_BAND
                     and h.covered & names > top.covered & names and len(h.covered) > len(top.covered)
                     and (thing is None or thing in h.covered)), None)

    def covered_by(self, parsed: Parsed, item: Item, explained_elsewhere: frozenset[int] = frozenset()
                   ) -> frozenset[int]:
        """The positions ``item``'s hit in ``search(parsed, explained_elsewhere)`` covers (none
        without a hit), without ranking every hit: on a big pack a question about the battle
        alone has thousands."""
        n = self.order.get(item.id)
        if ("search", explained_elsewhere) in parsed.cache or n is None or self.items[n] is not item:
            return next((h.covered for h in self.search(parsed, explained_elsewhere) if h.item is item), frozenset())
        match = self._match(parsed, explained_elsewhere) if parsed.content else None
        return _positions(match.covered[n]) if match is not None and n in match.covered else frozenset()

    def _match(self, parsed: Parsed, explained_elsewhere: frozenset[int]) -> _Match | None:
        """Which items explain which question positions (memoised on the question); None when
        no item is about the question more than another."""
        key = ("match", explained_elsewhere)
        if key not in parsed.cache:
            parsed.cache[key] = self._find_matches(parsed, explained_elsewhere)
        return parsed.cache[key]

    def _find_matches(self, parsed: Parsed, explained_elsewhere: frozenset[int]) -> _Match | None:
        content = parsed.content
        stems = {i: stem(parsed.tokens[i]) for i in content}
        entities_at: dict[int, list[str]] = defaultdict(list)
        # a measure said in a word no item uses ("caught") is said by the items using its own ("captured")
        also: dict[int, str] = {}
        for e in parsed.entities:
            for i in range(e.start, e.end):
                entities_at[i].append(e.value)
                if e.type == "kind" and i in stems and stems[i] not in self.by_word:
                    also[i] = stem(e.value)
        for i in parsed.intention & content:  # "did he want to ...?" is said by any item telling an intention
            also[i] = INTENDED
        for i in content - also.keys():  # "militants" is said by an item saying "fighters"
            if parsed.tokens[i] in self.same:
                also[i] = self.same[parsed.tokens[i]]
            elif parsed.tokens[i] in self.kinds:  # "Europeans" by an item saying "French"
                also[i] = self.kinds[parsed.tokens[i]]
        weight = {i: self._weight(stems[i], (entities_at.get(i) or [None])[0]) for i in content}
        for i in parsed.aside & content:  # "... after he surrendered" says when, not what is asked
            weight[i] *= TIME_CLAUSE_WEIGHT
        for i in parsed.unknown:
            weight[i] = 2 * self.max_idf
        total = sum(weight.values())
        dates = [(range(e.start, e.end), e.date) for e in parsed.entities if e.type == "date" and e.date]
        # item number -> the positions it explains, as bits: no set per item, and items explaining
        # the same positions share one key when ranked
        covered: dict[int, int] = defaultdict(int)
        usable = content - parsed.unknown  # "2021" in "2001–2021" does not explain a 2021 question

        # Candidates come from the rarer words; a word most items share ("Taliban") is then
        # checked on those candidates only, so its long posting list is never walked.
        domain = {i for e in parsed.entities if e.type == "conflict" for i in range(e.start, e.end)}
        if usable <= domain and not dates and not explained_elsewhere:
            return None  # "what happened after the battle": every item is about the battle,
            # none is about what the question asks more than another
        common = {i for i in usable if self._df(stems[i], entities_at.get(i, ())) > self.common_df}
        rare = usable - common
        if not rare and not dates and usable:
            # only common words: candidates are the items with the rarest of them
            rarest = min(sorted(usable), key=lambda i: self._df(stems[i], entities_at.get(i, ())))
            rare, common = {rarest}, usable - {rarest}
        kin: dict[int, int] = defaultdict(int)
        for i in rare:
            bit = 1 << i
            for n in self.by_word.get(stems[i], ()):
                covered[n] |= bit
            for n in self.by_word.get(also.get(i, ""), ()):
                if not covered[n] & bit:
                    kin[n] |= bit
                covered[n] |= bit
            for ident in entities_at.get(i, ()):
                for n in self.by_id.get(ident, ()):
                    covered[n] |= bit
        in_dates = {i for span, _ in dates for i in span}
        for span, spec in dates:
            positions = [i for i in span if i in content and i not in parsed.unknown]
            self._cover_dated(covered, spec, positions, self.dated, self.dated_starts)
            if usable - in_dates:
                self._cover_dated(covered, spec, positions, self.days, self.days_starts)
        if common:  # checked on the candidates only
            asked = [(1 << i, stems[i], entities_at.get(i, ()), also.get(i)) for i in sorted(common)]
            for n, bits in covered.items():
                words, ids = self.words[n], self.ids[n]
                for bit, w, names, other in asked:
                    if w in words or (names and not ids.isdisjoint(names)):
                        bits |= bit
                    elif other in words:
                        bits |= bit
                        kin[n] |= bit
                covered[n] = bits  # a key already there: the dict keeps its size while iterated
        # the conflict itself ("the battle") is what every item is about
        shared = sum(1 << i for i in (set(explained_elsewhere) | domain) & usable)
        if shared:
            for n in covered:
                covered[n] |= shared
        return _Match(covered, weight, total, kin)

    @staticmethod
    def _cover_dated(covered: dict[int, int], spec, positions: list[int], dated: list, starts: list) -> None:
        """Mark ``positions`` (a date's words) covered by every dated item overlapping the date."""
        lower = spec.start or spec.end
        bits = sum(1 << i for i in positions)
        for start, end, n in dated[: bisect_right(starts, spec.end)]:
            if end >= lower and start <= spec.end:
                covered[n] |= bits

    def _rank(self, match: _Match, explained_elsewhere: frozenset[int]) -> list[Hit]:
        """Hits best first: by score, then by how many words they explain (beyond those explained
        elsewhere), then in pack order. Items explaining the same positions (on a big pack,
        thousands explain only "the battle") share one position set and one score, and are
        ranked as one group."""
        groups: dict[tuple[int, int], list[int]] = defaultdict(list)
        kin = match.kin or {}
        for n, bits in match.covered.items():
            groups[bits, kin.get(n, 0)].append(n)
        ranks: dict[tuple[float, int], list[tuple[frozenset[int], list[int]]]] = defaultdict(list)
        for (bits, by_kin), numbers in groups.items():
            frozen = _positions(bits)
            score = sum(map(match.weight.__getitem__, frozen))
            # a word explained only by its kin ("fighters" for "militants") counts a little less
            score -= (1 - KIN_WEIGHT) * sum(map(match.weight.__getitem__, _positions(by_kin)))
            score = round(score / match.total, 9)  # set order must not break ties
            ranks[(-score, -len(frozen - explained_elsewhere))].append((frozen, numbers))
        items = self.items
        hits: list[Hit] = []
        for rank in sorted(ranks):
            score, tied = -rank[0], ranks[rank]
            if len(tied) == 1:  # the usual case: one position set at this rank
                frozen, numbers = tied[0]
                hits += [_new_hit((items[n], frozen, score, n)) for n in sorted(numbers)]
            else:  # n is unique: the position sets are never compared
                numbered = sorted((n, frozen) for frozen, numbers in tied for n in numbers)
                hits += [_new_hit((items[n], frozen, score, n)) for n, frozen in numbered]
        return hits
