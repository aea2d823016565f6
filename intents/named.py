"""Questions asking for someone by a role ("which Afghan army general negotiated the surrender?",
"which force did he fight with?"): an answer that names no one (no body) the question did not is
no answer to them; it is declined, with what the sources do say as the closest they come.

Kept apart from the handlers, as the choice check is: whichever intent answers, the reply is
checked the same way.
"""

from __future__ import annotations

from knowledge import KnowledgeBase
from knowledge.records import dataclass, replace

from .answer import LEAD, Answer, Part
from .normalize import normalize
from .understand import Parsed
from .verdict import spellings
from .vocabulary import load_cues, load_english, load_group_nouns, load_person_nouns

CUES = load_cues()
CHOOSERS = CUES.words_of("choosers")  # which, what
PREPOSITIONS = CUES.words_of("wh_prepositions")  # "with which", "under which", "for which"
LEADING = {"and", "so"}
WHO = "who"
BE_FORMS = CUES.words_of("be_forms")
ONE_PERSON = load_person_nouns() - load_group_nouns()  # "general", "commander": one person, not a body
ENGLISH = load_english()
REACH = 5  # words after "which" in which the role is said ("which US unit or commander")
BODIES = CUES.words_of("body_roles")  # force, unit, militia: asked for, a body is named
ROLES = ONE_PERSON | BODIES


@dataclass(frozen=True)
class RoleAsked:
    """"Which Afghan army commander ...?": the role, whether it is a body's, and the sides it names."""

    role: str
    body: bool  # a force, a unit, an organisation rather than one person
    sides: frozenset[str] = frozenset()  # groups named in the role ("Afghan army")
    words: tuple[str, ...] = ()  # the role's other words, no name ("Afghan" in "which Afghan minister")


def role_asked(parsed: Parsed) -> RoleAsked | None:
    """The role a "which <role> ...?" question asks someone of, if it asks for one."""
    tokens = parsed.tokens
    start = 1 if tokens[:1] and tokens[0] in LEADING else 0
    of_side = _role_of_side(parsed, start)
    if of_side is not None:  # "who was the commander of US forces ...?"
        return of_side
    if tokens[start : start + 1] and tokens[start] in PREPOSITIONS:  # "with which force ...?"
        start += 1
    if start >= len(tokens) or tokens[start] not in CHOOSERS:
        return None
    named = parsed.covered_by_entities()
    for i in range(start + 1, min(len(tokens), start + 1 + REACH)):
        word = tokens[i]
        after = ENGLISH.get(tokens[i + 1], "") if i + 1 < len(tokens) else ""
        if word in ROLES and i not in named and "N" not in after:
            # not "which militant group", "child soldiers": a word qualifying a noun
            sides = frozenset(e.value for e in parsed.entities if e.type == "group" and start < e.start < i)
            words = tuple(tokens[j] for j in range(start + 1, i) if j not in named)
            return RoleAsked(word, word in BODIES, sides, words)
        unlisted = word not in ENGLISH and i in parsed.content  # "pro" in "which pro-government group"
        if i in named or word == "or" or "A" in ENGLISH.get(word, "") or word in ROLES or unlisted:
            continue  # "which Afghan army general", "which unit or commander", "which pro-government group"
        if "N" in ENGLISH.get(word, "") and "V" not in ENGLISH.get(word, ""):
            continue  # "which unit or commander": another noun offered first
        return None
    return None


def _role_of_side(parsed: Parsed, start: int) -> RoleAsked | None:
    """"Who was the commander of US forces?": a person's role, asked of a side named after it."""
    tokens = parsed.tokens
    if tokens[start : start + 1] != [WHO] or tokens[start + 1 : start + 2] == [] or tokens[start + 1] not in BE_FORMS:
        return None
    at = start + 2 + (tokens[start + 2 : start + 3] == ["the"])
    if at + 1 >= len(tokens) or tokens[at] not in ONE_PERSON or tokens[at + 1] not in ("of", "for"):
        return None
    sides = frozenset(e.value for e in parsed.entities if e.type == "group" and e.start == at + 2
                      or e.type == "group" and e.start == at + 3 and tokens[at + 2] == "the")
    return RoleAsked(tokens[at], False, sides) if sides else None


def settle_person(kb: KnowledgeBase, answer: Answer, parsed: Parsed) -> Answer:
    """``answer`` to a question asking for someone by a role: declined when its lead names no person
    (or voice that is a person), or for a body no side, unit or voice, the question did not name."""
    asked_for = role_asked(parsed)
    if asked_for is None or not answer.answered or not answer.parts:
        return answer
    asked = {e.value for e in parsed.entities}
    lead = f" {normalize(answer.parts[0].text)} "
    sides = asked_for.sides or _sides_called(kb, asked_for.words)  # "which Afghan minister": Afghan sides
    for ident in (_bodies(kb) if asked_for.body else _people(kb)):
        on_side = _body_on_side(kb, ident, asked_for.sides) if asked_for.body else _on_side(kb, ident, sides)
        if ident in asked or not on_side:
            continue  # "which Afghan army commander ...?": IS-KP's leaders are not it; "which US unit": not NATO's
        if any(f" {n} " in lead for n in spellings(kb, ident)):
            return answer
    note = Part(f"The sources do not name the {asked_for.role} asked about. The closest they come:", LEAD)
    return answer.declined_with(note, replace(answer.parts[0], kind="para"), *answer.parts[1:2])


def _sides_called(kb: KnowledgeBase, words: tuple[str, ...]) -> frozenset[str]:
    """The groups one of whose names opens with one of ``words`` ("Afghan" for "the Afghan
    government" and "the Afghan army")."""
    def opening(name: str) -> str:  # "the Afghan army": "afghan"
        said = name.split()
        return said[1] if said[:1] == ["the"] and len(said) > 1 else said[0] if said else ""

    return frozenset(g for g in kb.pack.groups for n in spellings(kb, g) if opening(n) in words)


def _on_side(kb: KnowledgeBase, ident: str, sides: frozenset[str]) -> bool:
    """Whether a person (or a voice that is one) stands with one of ``sides``: their side and
    the named one meet in what each belongs to; anyone, when no side is named or none is known."""
    if not sides:
        return True
    source = kb.pack.sources.get(ident)
    person = kb.pack.people.get(source.person if source is not None and source.person else ident)
    own = person.side if person is not None else source.affiliation if source is not None else None
    if own is None:
        return True
    return bool(_belongs(kb, own) & {g for side in sides for g in _belongs(kb, side)})


def _body_on_side(kb: KnowledgeBase, ident: str, sides: frozenset[str]) -> bool:
    """Whether a group (or a voice that is no one person) belongs to one of ``sides``; any, when
    none is named ("which US unit ...?": a unit of the US forces, not a NATO mission)."""
    if not sides:
        return True
    source = kb.pack.sources.get(ident)
    group = source.affiliation if source is not None else ident
    return bool(group) and bool(_belongs(kb, group) & {g for side in sides for g in _belongs(kb, side)})


def _belongs(kb: KnowledgeBase, group: str) -> set[str]:
    """A group and every group it belongs to or fights for."""
    chain: set[str] = set()
    while group and group not in chain:
        chain.add(group)
        found = kb.pack.groups.get(group)
        group = found.side if found is not None else None
    return chain


def _bodies(kb: KnowledgeBase) -> list[str]:
    """Every side, unit or group of the pack, and every voice that is no one person."""
    return [*kb.pack.groups, *(s.id for s in kb.pack.sources.values() if not s.person and not s.unnamed)]


def _people(kb: KnowledgeBase) -> list[str]:
    """Every person of the pack, and every voice that is one person (named or not)."""
    return [*kb.pack.people, *(s.id for s in kb.pack.sources.values() if s.person or s.unnamed)]
