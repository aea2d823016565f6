"""Topic handlers: narrative facts and events of one pack topic, best match first."""

from __future__ import annotations

from knowledge.model import Event, Fact

from ..normalize import normalize
from ..reply import Reply, Request
from . import handler

Item = Fact | Event


def _words(req: Request, item: Item) -> set[str]:
    text = item.text if isinstance(item, Fact) else f"{item.title} {item.summary} {item.date.text}"
    extra = " ".join(getattr(item, "keywords", ()))
    ids = item.about if isinstance(item, Fact) else (*item.people, *item.places, *item.groups)
    names = " ".join(req.kb.display_name(i) for i in ids)
    return set(normalize(f"{text} {extra} {names}").split())


def rank_facts(req: Request, topic: str) -> list[Item]:
    """Facts and events of ``topic``, those sharing most words or entities with the question first."""
    kb = req.kb
    items: list[Item] = [*kb.facts(topic=topic), *kb.events(topic=topic)]
    wanted = {req.parsed.tokens[i] for i in req.parsed.content}
    entity_ids = {v for values in req.slots.values() for v in values}

    def score(pair: tuple[int, Item]) -> tuple[int, int]:
        order, item = pair
        ids = set(item.about) if isinstance(item, Fact) else {*item.people, *item.places, *item.groups}
        hits = len(wanted & _words(req, item)) + 2 * len(entity_ids & ids)
        return (-hits, order)

    return [item for _, item in sorted(enumerate(items), key=score)]


def item_text(item: Item) -> str:
    if isinstance(item, Fact):
        return item.text
    return f"{item.date.text}: {item.summary}"


@handler("topic")
def topic(req: Request, reply: Reply) -> None:
    items = rank_facts(req, req.intent.topic)
    if not items:
        label = req.kb.pack.topics.get(req.intent.topic, req.intent.topic)
        reply.decline(f"The sources say nothing about {label}.")
        return
    first, rest = items[0], items[1:]
    reply.lead(item_text(first), first.evidence)
    for item in rest[: 12 if req.more else 4]:
        reply.para(item_text(item), item.evidence)
    if req.yes_no:
        reply.note("The sources do not answer this with a plain yes or no; the facts above are what they say.")
    others = [name for name, spec in req.catalog.items() if spec.handler == "topic" and name != req.intent.name]
    reply.suggest(*req.examples(*others[:2]))
