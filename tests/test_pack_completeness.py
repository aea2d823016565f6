"""The bundled pack against its source article: every figure, date, name and quote.

The pack carries its article (``publication.text``), so these run on any checkout; where
``../shared/seeds/`` is beside the repository, the pack's copy must be that article.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from knowledge import KnowledgeBase, fold
from knowledge.dates import DateSpec

ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_4d45252fff443130.txt"

NUMBER_WORDS = {"two": 2, "three": 3, "ten": 10, "dozen": 12}
MONTHS = "January February March April May June July August September October November December".split()

# Every person and place the article names, as the article spells them.
PEOPLE = [
    "Mullah Burjan",
    "Haji Shakir",
    "Mawlavi Habibul Rahman",
    "Mawlavi",
    "Mufti Nemat",
    "Nemat",
    "Sibghatullah",
    "Haji Murad",
    "Haji Qumandan",
    "Qari Hekmat",
    "Hekmat",
    "Zabiullah Mujahid",
]
PLACES = [
    "Afghanistan",
    "Jowzjan",
    "Jowzjan Province",
    "Sar-e Pol",
    "Faryab",
    "Helmand",
    "Helmand Province",
    "Darzab",
    "Darzab District",
    "Qush Tepa",
    "Sancharak",
    "Sheberghan",
    "Bibi Maryam",
    "Bibi Mariam",
    "Aqsai",
    "Qara Yorth",
    "Qarighach",
    "Tash Jawaz",
    "Kumarlik",
    "Aqblaq",
    "Mughal",
    "Sardara",
    "Chinese Camp",
    "Central Asia",
    "northern Afghanistan",
    "Ghazni",
]
# Spellings users type that the article does not use.
VARIANTS = {
    "Jawzjan": "jowzjan",
    "Sar-i-Pul": "sar-e-pol",
    "Qosh Tepa": "qush-tepa",
    "Shibirghan": "sheberghan",
    "Shiberghan": "sheberghan",
    "Habibul Rahman": "habibul-rahman",
    "Habib ur Rahman": "habibul-rahman",
    "Qari Hikmat": "qari-hekmat",
    "Mujahid": "zabiullah-mujahid",
    "the north": "northern-afghanistan",
}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.fixture(scope="module")
def article(kb) -> str:
    assert kb.pack.source_text, "the bundled pack must carry its article (publication.text)"
    return kb.pack.source_text


def test_the_pack_carries_the_seed_article(kb):
    if not ARTICLE.is_file():
        pytest.skip(f"no seed article beside the repository at {ARTICLE}")
    assert kb.pack.source_text == ARTICLE.read_text(encoding="utf-8")


def squash(text: str) -> str:
    return " ".join(text.split())


def numbers_in(text: str) -> set[int]:
    """Every number written in ``text``: digits (with thousands commas) and a few words."""
    found = {int(m.replace(",", "")) for m in re.findall(r"\d+(?:,\d{3})*", text)}
    for word, value in NUMBER_WORDS.items():
        if re.search(rf"\b{word}\b", text, re.IGNORECASE):
            found.add(value)
    return found


def date_numbers(spec: DateSpec | None) -> set[int]:
    if spec is None:
        return set()
    out: set[int] = set()
    for d in (spec.start, spec.end):
        if d is not None:
            out |= {d.year, d.month, d.day}
    return out


def date_edges(spec: DateSpec | None) -> set[date]:
    if spec is None:
        return set()
    return {d for d in (spec.start, spec.end) if d is not None}


def all_dates(kb: KnowledgeBase) -> list[DateSpec]:
    pack = kb.pack
    specs = [pack.conflict.date]
    specs += [c.date for c in pack.claims.values() if c.date]
    specs += [e.date for e in pack.events.values()]
    specs += [p.fate.date for p in pack.people.values() if p.fate and p.fate.date]
    return specs


def own_texts(kb: KnowledgeBase) -> list[str]:
    """Everything the pack says in its own words (no quotes)."""
    pack = kb.pack
    c = pack.conflict
    texts = [c.name, c.place, c.summary, c.result, c.territory, c.civilian_casualties, *c.part_of]
    texts += [s.casualties for s in c.sides]
    texts += [d.text for d in all_dates(kb)]
    for table in (pack.sources, pack.groups, pack.people, pack.places):
        for item in table.values():
            texts += [item.name, item.description, *item.aliases]
    for person in pack.people.values():
        texts += list(person.roles)
    for m in pack.measures.values():
        texts += [m.name, m.description]
    for claim in pack.claims.values():
        texts += [claim.period, claim.note]
    for e in pack.events.values():
        texts += [e.title, e.summary]
    for f in pack.facts.values():
        texts += [f.text, *f.keywords]
    for r in pack.remarks.values():
        texts.append(r.text)
    return [t for t in texts if t]


def quotes(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(section, quote) for every piece of evidence, the infobox fields included."""
    evidence = kb.everything_cited() + list(kb.pack.conflict.field_evidence.values())
    return [(ev.section, ev.quote) for ev in evidence]


def structured_numbers(kb: KnowledgeBase) -> set[int]:
    out: set[int] = set()
    for claim in kb.pack.claims.values():
        out |= {int(claim.value.low), int(claim.value.high)}
    for spec in all_dates(kb):
        out |= date_numbers(spec)
    return out


# -- (a) numbers -------------------------------------------------------------------


def test_number_extraction_sees_the_articles_figures(article):
    found = numbers_in(article)
    assert {3500, 7000, 2001, 2021, 245, 153, 134, 2015, 2017, 2018, 600, 700, 10, 12} <= found
    assert numbers_in("3,500 to 7,000 on 2 May") == {3500, 7000, 2}


def test_every_number_in_the_article_is_in_the_pack(article, kb):
    in_pack = structured_numbers(kb)
    for text in own_texts(kb) + [q for _, q in quotes(kb)]:
        in_pack |= numbers_in(text)
    missing = sorted(numbers_in(article) - in_pack)
    assert not missing, f"numbers in the article but nowhere in the pack: {missing}"


def test_every_number_is_stated_outside_quotes(article, kb):
    """A figure only present inside a quote has not really been carried over."""
    in_pack = structured_numbers(kb)
    for text in own_texts(kb):
        in_pack |= numbers_in(text)
    missing = sorted(numbers_in(article) - in_pack)
    assert not missing, f"numbers only quoted, never given as a value, date or statement: {missing}"


def test_every_claimed_figure_is_a_claim_value(article, kb):
    """The casualty note's and the battle's figures are claims with those exact values."""
    values = set()
    for claim in kb.pack.claims.values():
        values |= {claim.value.low, claim.value.high}
    for figure in (70, 100, 52, 33, 200, 153, 134, 17, 13, 40, 300, 22, 245, 25, 30, 3500, 7000, 600, 700, 2000, 10):
        assert figure in values, f"no claim has the value {figure}"


def test_every_day_the_article_names_is_a_date_in_the_pack(article, kb):
    edges: set[date] = set()
    for spec in all_dates(kb):
        edges |= date_edges(spec)
    pattern = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?(?: of the)?(?: of)? (" + "|".join(MONTHS) + r")\b")
    named = {date(2018, MONTHS.index(m) + 1, int(d)) for d, m in pattern.findall(article)}
    assert date(2018, 4, 15) in named and date(2018, 8, 1) in named
    missing = sorted(d.isoformat() for d in named - edges)
    assert not missing, f"days named in the article with no event, claim or fate dated to them: {missing}"


def test_years_and_months_named_are_dates(article, kb):
    specs = all_dates(kb)
    assert any(s.kind == "year" and s.start.year == 2015 for s in specs)
    assert any(s.kind == "year" and s.start.year == 2017 for s in specs)
    assert any(s.kind == "month" and (s.start.year, s.start.month) == (2018, 4) for s in specs)
    texts = {s.text for s in specs}
    for wording in ("early July 2018", "mid-July 2018", "late July 2018"):
        assert wording in texts


# -- (b) quotes ------------------------------------------------------------------------------


def test_every_quote_is_verbatim_in_the_article(article, kb):
    text = squash(article)
    bad = [q for _, q in quotes(kb) if squash(q) not in text]
    assert not bad, "quotes not found verbatim in the article:\n" + "\n".join(bad)


def article_sections(article: str) -> dict[str, str]:
    """Split the article into the pack's section names."""
    head, _, body = article.partition("\n- Conflict:")
    infobox, _, rest = ("- Conflict:" + body).partition("\n\n")
    sections = {"Casualty note": head, "Infobox": infobox}
    parts = re.split(r"^=+ *(.+?) *=+ *$", rest, flags=re.MULTILINE)
    sections["Lead"] = parts[0]
    for title, content in zip(parts[1::2], parts[2::2], strict=True):
        sections[title] = content
    return sections


def test_every_quote_is_in_the_section_it_cites(article, kb):
    sections = {name: squash(text) for name, text in article_sections(article).items()}
    assert set(kb.pack.sections) == set(sections)
    wrong = [f"{section}: {quote}" for section, quote in quotes(kb) if squash(quote) not in sections.get(section, "")]
    assert not wrong, "quotes cited to the wrong section:\n" + "\n".join(wrong)


def test_quotes_are_short_excerpts(kb):
    long = [q for _, q in quotes(kb) if len(q) > 260]
    assert not long, f"quotes should be short excerpts: {long}"


def test_own_words_do_not_copy_the_articles_prose(article, kb):
    """No statement in the pack repeats ten words in a row from the article."""

    def words(text: str) -> list[str]:
        return re.findall(r"[\w'’-]+", text.casefold())

    art = words(article)
    grams = {tuple(art[i : i + 10]) for i in range(len(art) - 9)}
    copied = []
    for text in own_texts(kb):
        w = words(text)
        if any(tuple(w[i : i + 10]) in grams for i in range(len(w) - 9)):
            copied.append(text)
    assert not copied, "texts copied from the article (write them in your own words):\n" + "\n".join(copied)


# -- (c) names -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PEOPLE)
def test_every_person_named_is_in_the_pack(article, kb, name):
    assert name in article, f"{name!r} is not in the article; fix the test list"
    found = [e for e in kb.find(name) if e.id in kb.pack.people]
    assert len(found) == 1, f"{name!r} does not name exactly one person in the pack"


@pytest.mark.parametrize("name", PLACES)
def test_every_place_named_is_in_the_pack(article, kb, name):
    assert fold(name) in fold(article), f"{name!r} is not in the article; fix the test list"
    found = [e for e in kb.find(name) if e.id in kb.pack.places]
    assert len(found) == 1, f"{name!r} does not name exactly one place in the pack"


@pytest.mark.parametrize(("spelling", "ident"), sorted(VARIANTS.items()))
def test_common_spellings_find_the_right_entity(kb, spelling, ident):
    assert ident in [e.id for e in kb.find(spelling)]


def test_infobox_commanders_are_on_their_sides(kb):
    sides = {s.name: s for s in kb.pack.conflict.sides}
    taliban = next(s for s in sides.values() if "taliban" in s.groups)
    iskp = next(s for s in sides.values() if "iskp" in s.groups)
    assert set(taliban.commanders) == {"mullah-burjan", "haji-shakir"}
    assert set(iskp.commanders) == {"habibul-rahman", "mufti-nemat", "sibghatullah", "haji-murad"}


def test_fates_match_the_article(kb):
    people = kb.pack.people
    expected = {
        "mullah-burjan": ("executed", "2018-07-18", "iskp"),
        "haji-shakir": ("killed", None, "iskp"),
        "haji-murad": ("killed", "2018-07-22", "taliban"),
        "qari-hekmat": ("killed", None, "us-military"),
        "habibul-rahman": ("surrendered", "2018-08-01", None),
        "mufti-nemat": ("surrendered", "2018-08-01", None),
        "sibghatullah": ("surrendered", "2018-08-01", None),
    }
    for ident, (status, day, by) in expected.items():
        fate = people[ident].fate
        assert fate is not None and fate.status == status, ident
        if day:
            assert fate.date.kind == "day" and fate.date.iso == day, ident
        assert fate.by == by, ident
        assert fate.evidence is not None, ident
    assert people["qari-hekmat"].fate.date.text == "April 2018"
    assert people["haji-shakir"].fate.place == "sancharak"
    assert people["haji-murad"].fate.place == "mughal"


def test_every_person_and_place_has_a_description_and_evidence(kb):
    for table in (kb.pack.people, kb.pack.places):
        for item in table.values():
            assert item.description, f"{item.id} has no description"
            assert item.evidence, f"{item.id} has no evidence"


def test_every_topic_has_facts(kb):
    for topic in kb.pack.topics:
        assert kb.facts(topic=topic) or kb.events(topic=topic), f"nothing on topic {topic!r}"
    for topic in ("background", "battle", "surrender", "civilians", "aftermath", "us-claims", "chinese-camp",
                  "foreign-fighters", "sources"):
        assert kb.facts(topic=topic), f"no facts on {topic!r}"
