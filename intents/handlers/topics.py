"""Topic handlers: narrative facts and events of one pack topic, best match first."""

from __future__ import annotations

from functools import lru_cache

from knowledge import KnowledgeBase
from knowledge.model import Event, Fact

from ..normalize import normalize
from ..reply import Reply, Request
from ..understand import find_phrase
from . import handler

Item = Fact | Event


def stem(word: str) -> str:
    """A crude stem, enough to match "reached" with "reach", "territories" with "territory"."""
    for suffix in ("ies", "ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


@lru_cache(maxsize=20_000)
def _words(kb: KnowledgeBase, item: Item) -> frozenset[str]:
    text = item.text if isinstance(item, Fact) else f"{item.title} {item.summary} {item.date.text}"
    extra = " ".join(getattr(item, "keywords", ()))
    ids = item.about if isinstance(item, Fact) else (*item.people, *item.places, *item.groups)
    names = " ".join(kb.display_name(i) for i in ids)
    return frozenset(stem(w) for w in normalize(f"{text} {extra} {names} {item.evidence.quote}").split())


def rank_facts(req: Request, topic: str) -> list[Item]:
    """Facts and events of ``topic``, those sharing most words or entities with the question first."""
    kb = req.kb
    items: list[Item] = [*kb.facts(topic=topic), *kb.events(topic=topic)]
    wanted = {stem(req.parsed.tokens[i]) for i in req.parsed.content}
    entity_ids = {v for values in req.slots.values() for v in values}

    def score(pair: tuple[int, Item]) -> tuple[int, int]:
        order, item = pair
        ids = set(item.about) if isinstance(item, Fact) else {*item.people, *item.places, *item.groups}
        hits = len(wanted & _words(kb, item)) + len(entity_ids & ids)
        return (-hits, order)

    return [item for _, item in sorted(enumerate(items), key=score)]


def item_text(item: Item) -> str:
    if isinstance(item, Fact):
        return item.text
    dated = any(word in item.summary for word in item.date.text.split() if word[:1].isupper() or word.isdigit())
    return item.summary if dated else f"{item.date.text}: {item.summary}"


def asks_participation(req: Request) -> bool:
    """A yes/no question whether a group took part ("did the US take part?")."""
    spec = req.catalog.get("belligerents")
    if not (req.yes_no and req.ids("group") and spec):
        return False
    words = [w for group in spec.require for w in group]
    return any(find_phrase(req.parsed.tokens, w) for w in words)


@handler("topic")
def topic(req: Request, reply: Reply) -> None:
    if asks_participation(req):
        from .conflict import belligerents

        belligerents(req, reply)
    items = rank_facts(req, req.intent.topic)
    if not items:
        label = req.kb.pack.topics.get(req.intent.topic, req.intent.topic)
        reply.decline(f"The sources say nothing about {label}.")
        return
    first, rest = items[0], items[1:]
    (reply.para if reply.parts else reply.lead)(item_text(first), first.evidence)
    for item in rest[: 12 if req.more else 4]:
        reply.para(item_text(item), item.evidence)
    if req.yes_no and not asks_participation(req):
        reply.note("The sources do not answer this with a plain yes or no; the facts above are what they say.")
    others = [name for name, spec in req.catalog.items() if spec.handler == "topic" and name != req.intent.name]
    reply.suggest(*req.examples(*others[:2]))
