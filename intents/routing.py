"""Routes as data: where a question goes instead of its intent, and running a handler.

An intent's ``routes`` in intents.yaml are tried in order; the first whose conditions all
hold hands the question on (``to``) or has its target answer first (``first``). The
handler runs with only the cues it declared.
"""

from __future__ import annotations

from knowledge import KnowledgeBase

from .context import Context
from .handlers import Handler
from .lookup import gives_figures, read_claims, speaking_sources
from .reply import Reply, Request, says_any
from .understand import Parsed
from .vocabulary import Condition, Cues, IntentSpec, Test


class Router:
    def __init__(self, kb: KnowledgeBase, catalog: dict[str, IntentSpec], handlers: dict[str, Handler], cues: Cues):
        self.kb = kb
        self.catalog = catalog
        self.handlers = handlers
        self.cues = cues
        # each intent's required keywords as one list, for the routes that ask whether a question says them
        self._keywords = {name: tuple(p for g in spec.require for p in g) for name, spec in catalog.items()}

    def run(self, spec: IntentSpec, request: Request, reply: Reply) -> None:
        handler = self.handlers[spec.handler]
        request.intent = spec
        request.allowed_cues = frozenset(handler.cues)
        handler.fn(request, reply)

    def route(self, request: Request, reply: Reply) -> IntentSpec:
        """The intent that answers: the first route whose conditions hold hands the question on
        (``to``) or has its target answer first (``first``)."""
        spec = request.intent
        for route in spec.routes:
            if all(self.holds(c, request) for c in route.when):
                target = self.catalog[route.to]
                request.measures = request.measures or spec.measures  # "how many men did X mass, per Y?"
                if not route.first:
                    return target
                self.run(target, request, reply)
                request.routed_first = target.name
                request.intent = spec
                break
        return spec

    def destination(self, spec: IntentSpec, parsed: Parsed, context: Context) -> IntentSpec:
        """The intent a question read as ``spec`` is handed to by its routes (``to`` routes only),
        judged on the question's own names: what the policy compares two readings by."""
        slots: dict[str, list[str]] = {}
        for e in parsed.entities:
            slots.setdefault(e.type, []).append(e.value)
        request = Request(self.kb, parsed, spec, slots, context)
        for route in spec.routes:
            if not route.first and all(self.holds(c, request) for c in route.when):
                return self.catalog[route.to]
        return spec

    def names_voice(self, parsed: Parsed, context: Context) -> bool:
        """Whether a question names a claimant that gives figures ("what about the rebels' own
        leader?"): after figures, another voice for them."""
        spec = self.catalog.get(context.intent or "")
        if spec is None:
            return False
        slots: dict[str, list[str]] = {}
        for e in parsed.entities:
            slots.setdefault(e.type, []).append(e.value)
        request = Request(self.kb, parsed, spec, slots, context)
        return gives_figures(request, read_claims(request))

    @staticmethod
    def _said(parsed: Parsed, key: tuple[str, str], phrases) -> bool:
        """Whether the question says one of ``phrases`` (a cue's, or an intent's keywords),
        worked out once per question (every candidate's routes ask)."""
        if key not in parsed.cache:
            parsed.cache[key] = says_any(parsed.tokens, phrases)
        return parsed.cache[key]

    def holds(self, cond: Condition, req: Request) -> bool:
        if cond.test is Test.SLOT:
            held = bool(req.ids(cond.args[0]))
        elif cond.test in (Test.CUE, Test.CUES):
            held = all(self._said(req.parsed, ("cue", c), self.cues.phrases[c]) for c in cond.args)
        elif cond.test is Test.YES_NO:
            held = req.parsed.yes_no
        elif cond.test is Test.KEYWORDS:
            target = self.catalog[cond.args[0]]
            held = self._said(req.parsed, ("keywords", target.name), self._keywords[target.name])
        elif cond.test is Test.ON_FIGURE:
            held = req.context is not None and bool(req.context.slots.get("measure"))
        elif cond.test is Test.CLAIMANT:
            held = gives_figures(req, read_claims(req))
        else:  # SPEAKER: a person the question names speaks as a source
            held = bool(speaking_sources(req))
        return held != cond.negate
