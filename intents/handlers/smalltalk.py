"""Greetings, thanks and help."""

from __future__ import annotations

from ..reply import Reply, Request, join_names
from . import handler


def scope_sentence(req: Request) -> str:
    c = req.kb.pack.conflict
    return (
        f"I answer questions about the {c.name} ({c.date.text}), citing who said what "
        "and flagging figures that sources dispute."
    )


@handler("smalltalk")
def smalltalk(req: Request, reply: Reply) -> None:
    name = req.intent.name
    if name == "thanks":
        bye = req.has_words("bye", "goodbye")
        reply.lead("Goodbye!" if bye else "You're welcome. Ask me anything else about the battle.")
        return
    if name == "greeting":
        reply.lead(f"Hello! {scope_sentence(req)}")
        return
    topics = list(req.kb.pack.topics.values())
    reply.lead(scope_sentence(req))
    reply.para(f"You can ask about {join_names(topics)}; about people, places and dates; "
               "and about who said what and how reliable it is.")
    sides = req.kb.pack.conflict.sides
    other = sides[-1].name if sides else "the other side"
    reply.para(f'Follow-ups work too: "and {other}?", "what happened to him?", "where?", '
               '"who said that?", "tell me more". What the sources do not say, I will tell you I don\'t know.')
