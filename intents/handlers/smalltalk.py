"""Greetings, thanks and help."""

from __future__ import annotations

import enum

from ..reply import Reply, Request, join_names
from . import handler


class SmallTalk(enum.Enum):
    """What the small-talk handler does for each intent that names it (``mode:`` in intents.yaml)."""

    GREETING = "greeting"
    THANKS = "thanks"
    HELP = "help"


def scope_sentence(req: Request) -> str:
    c = req.kb.pack.conflict
    return (
        f"I answer questions about the {c.name} ({c.date.text}), citing who said what "
        "and flagging figures that sources dispute."
    )


@handler("smalltalk", cues=("bye",), modes=SmallTalk)
def smalltalk(req: Request, reply: Reply) -> None:
    mode = SmallTalk(req.intent.mode)
    if mode is SmallTalk.THANKS:
        bye = req.cue("bye")
        subject = req.kb.pack.conflict.name
        reply.lead("Goodbye!" if bye else f"You're welcome. Ask me anything else about the {subject}.")
        return
    if mode is SmallTalk.GREETING:
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
