"""The query API over the bundled pack and over a second, invented pack."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.check import run_check
from knowledge import KnowledgeBase
from knowledge.dates import parse_datespec

VELMORA = Path(__file__).resolve().parent / "packs" / "velmora"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.fixture(scope="module")
def velmora() -> KnowledgeBase:
    return KnowledgeBase.load(VELMORA)


def ids(items) -> list[str]:
    return [i.id for i in items]


# -- lookups ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "ident"),
    [
        ("Jowzjan", "jowzjan"),
        ("Jawzjan", "jowzjan"),
        ("JOWZJAN PROVINCE", "jowzjan"),
        ("Bibi Mariam", "bibi-maryam"),
        ("bibi maryam", "bibi-maryam"),
        ("ISIS-K", "iskp"),
        ("ISIS–K", "iskp"),
        ("Daesh", "iskp"),
        ("Haji Qumandan", "haji-murad"),
        ("Habib ur Rahman", "habibul-rahman"),
        ("Mawlavi", "habibul-rahman"),
        ("Nemat", "mufti-nemat"),
        ("Qari Hikmat", "qari-hekmat"),
        ("Hekmat", "qari-hekmat"),
        ("Mujahid", "zabiullah-mujahid"),
        ("Sar-i-Pul", "sar-e-pol"),
        ("Qosh Tepa", "qush-tepa"),
        ("Shibirghan", "sheberghan"),
        ("Red Unit", "red-unit"),
        ("IMU", "imu"),
        ("Long War Journal", "long-war-journal"),
    ],
)
def test_find_by_name_or_alias(kb, name, ident):
    assert ident in ids(kb.find(name))


def test_find_ignores_accents_and_spacing(kb):
    assert ids(kb.find("  Shébérghan ")) == ["sheberghan"]


def test_find_unknown_name(kb):
    assert kb.find("Atlantis") == []


def test_display_name(kb):
    assert kb.display_name("haji-murad") == "Haji Murad"
    assert kb.display_name("ev-mughal-sardara").startswith("Taliban overrun Mughal")
    assert kb.display_name("battle-of-darzab") == "Battle of Darzab"
    assert kb.display_name("nonsense") == "nonsense"


# -- claims and disputes ---------------------------------------------------------------------------


def test_claims_of_a_measure_lowest_first(kb):
    claims = kb.claims_of("iskp-killed")
    assert [c.value.low for c in claims] == [40, 52, 153]
    assert [c.claimant for c in claims] == ["mufti-nemat-source", "governor-spokesman", "taliban-statement"]
    assert claims[0].value.text() == "just 40"


def test_claims_by_a_source(kb):
    assert {c.measure for c in kb.claims_by("governor-spokesman")} == {
        "taliban-killed", "taliban-wounded", "iskp-killed", "iskp-wounded"
    }


def test_disputed_measure_is_derived(kb):
    d = kb.dispute("iskp-killed")
    assert d.disputed and d.competing
    assert (d.low, d.high) == (40, 153)
    assert "lwj-questionable" in ids(d.remarks)


def test_single_claim_from_a_judged_source_is_disputed_but_not_competing(kb):
    d = kb.dispute("iskp-captured")
    assert d.disputed and not d.competing
    assert ids(d.remarks) == ["lwj-questionable"]


def test_undisputed_measures(kb):
    for measure in ("civilians-displaced", "iskp-surrendered"):
        assert not kb.dispute(measure).disputed, measure


def test_a_total_is_disputed_when_a_measure_it_includes_is(kb):
    d = kb.dispute("militants-killed-overall")  # one analyst's figure, but it takes in each side's disputed dead
    assert d.disputed and not d.competing and not d.remarks
    assert [m.id for m in d.parts] == ["taliban-killed", "iskp-killed"]


def test_disputed_measures(kb):
    assert {d.measure.id for d in kb.disputed_measures()} == {
        "taliban-killed", "taliban-wounded", "iskp-killed", "iskp-wounded", "iskp-captured", "both-sides-killed",
        "militants-killed-overall",
    }


def test_ranges_and_qualifiers(kb):
    displaced = kb.claims_of("civilians-displaced")[0]
    assert displaced.value.text() == "3,500 to 7,000"
    assert displaced.date.text == "by 20 July 2018"
    strength = kb.claims_of("iskp-strength")[0]
    assert strength.value.text() == "about 600 to 700"


# -- dates -------------------------------------------------------------------------------------------


def test_events_on_22_july_gives_haji_murad_first(kb):
    events = kb.events_on(date(2018, 7, 22))
    assert events[0].id == "ev-mughal-sardara"
    assert "haji-murad" in events[0].people
    assert {"mughal", "sardara"} <= set(events[0].places)


def test_events_on_a_day_skips_other_parts_of_the_month(kb):
    on_22 = ids(kb.events_on(date(2018, 7, 22)))
    assert "ev-village-seized-beheadings" not in on_22  # early July
    assert "ev-final-operation-claims" in on_22  # late July
    on_5 = ids(kb.events_on(date(2018, 7, 5)))
    assert on_5[0] == "ev-village-seized-beheadings"


def test_by_dates_do_not_answer_for_long_before(kb):
    assert "ev-displacement" in ids(kb.events_on(date(2018, 7, 19)))
    assert "ev-displacement" not in ids(kb.events_on(date(2018, 7, 21)))
    assert "ev-displacement" not in ids(kb.events_on(date(2017, 5, 1)))
    assert ids(kb.events_on(date(2017, 5, 1)))[0] == "ev-iskp-takes-darzab"


def test_events_on_the_key_days(kb):
    expected = {
        date(2018, 4, 15): "ev-april-raid-revealed",
        date(2018, 7, 12): "ev-counter-attacks",
        date(2018, 7, 15): "ev-burjan-captured",
        date(2018, 7, 17): "ev-both-sides-killed-17-july",
        date(2018, 7, 18): "ev-burjan-executed",
        date(2018, 8, 1): "ev-surrender",
    }
    for day, event in expected.items():
        assert kb.events_on(day)[0].id == event, day


def test_events_around_nearest_first(kb):
    around = ids(kb.events_around(date(2018, 7, 16), window=1))
    assert {"ev-burjan-captured", "ev-both-sides-killed-17-july"} <= set(around)
    assert "ev-mughal-sardara" not in around
    covering = set(ids(kb.events_on(date(2018, 7, 16))))
    assert set(around[: len(covering)]) == covering  # what covers the day comes first
    assert "ev-mughal-sardara" in ids(kb.events_around(date(2018, 7, 24), window=3))
    assert kb.events_around(date(2010, 1, 1)) == []


def test_events_around_when_nothing_is_on_the_day(velmora):
    assert ids(velmora.events_around(date(1987, 3, 4), window=3)) == ["ev-siege-begins"]
    assert ids(velmora.events_around(date(1987, 3, 8), window=3)) == ["ev-bridge"]
    assert ids(velmora.events_around(date(1987, 4, 21), window=3)) == ["ev-fall"]


def test_timeline_in_order(kb):
    timeline = kb.timeline()
    keys = [e.date.sort_key for e in timeline]
    assert keys == sorted(keys)
    assert timeline[0].id == "ev-rivalry-begins"
    assert ids(timeline).index("ev-burjan-captured") < ids(timeline).index("ev-burjan-executed")


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [("early July 2018", 1, 10), ("mid-July 2018", 11, 20), ("late July 2018", 21, 31), ("July 2018", 1, 31)],
)
def test_vague_month_dates_narrow_to_the_part_named(text, first, last):
    spec = parse_datespec({"around": "2018-07", "text": text})
    assert (spec.start.day, spec.end.day, spec.kind, spec.text) == (first, last, "approx", text)


def test_late_february_ends_on_the_last_day():
    assert parse_datespec({"around": "2018-02", "text": "late February"}).end == date(2018, 2, 28)


# -- people, places, facts ------------------------------------------------------------------------------


def test_person_record_relations_both_ways(kb):
    nemat = kb.person_record("mufti-nemat")
    assert ("brother-in-law", "habibul-rahman") in [(k, p.id) for k, p in nemat.relations]
    habib = kb.person_record("habibul-rahman")
    pairs = [(k, p.id) for k, p in habib.relations]
    assert ("successor of", "qari-hekmat") in pairs
    assert ("brother-in-law", "mufti-nemat") in pairs
    assert "ev-surrender" in ids(habib.events)
    assert habib.facts


def test_person_record_fate_and_events(kb):
    murad = kb.person_record("haji-murad")
    assert murad.person.fate.status == "killed"
    assert murad.person.fate.date.iso == "2018-07-22"
    assert ids(murad.events) == ["ev-mughal-sardara"]
    burjan = kb.person_record("mullah-burjan")
    assert ids(burjan.events) == ["ev-burjan-captured", "ev-burjan-executed"]


def test_place_record_parents_and_children(kb):
    village = kb.place_record("bibi-maryam")
    assert ids(village.parents) == ["darzab-district", "jowzjan", "afghanistan"]
    assert "ev-burjan-captured" in ids(village.events)
    district = kb.place_record("darzab-district")
    assert {"bibi-maryam", "mughal", "sardara", "aqsai", "qara-yorth", "qarighach", "tash-jawaz", "kumarlik",
            "aqblaq"} <= set(ids(district.children))
    assert "ev-mughal-sardara" in ids(district.events)
    assert kb.place_record("sheberghan").parents[0].id == "jowzjan"
    assert kb.place_record("sancharak").parents[0].id == "sar-e-pol"


def test_facts_by_topic_section_and_entity(kb):
    surrender = kb.facts(topic="surrender")
    assert surrender and all(f.topic == "surrender" for f in surrender)
    us = kb.facts(section="US claims")
    assert us and all(f.evidence.section == "US claims" for f in us)
    assert "f-dod-claim" in ids(us)
    camp = kb.facts(about="chinese-camp")
    assert {"f-chinese-camp-fall", "f-chinese-camp-helicopters"} <= set(ids(camp))
    assert kb.facts(topic="chinese-camp", section="Background") == []


def test_events_by_topic_and_entity(kb):
    assert all(e.topic == "surrender" for e in kb.events(topic="surrender"))
    assert "ev-counter-attacks" in ids(kb.events(about="qush-tepa"))


def test_everything_cited_names_known_sources(kb):
    for evidence in kb.everything_cited():
        assert evidence.claimant in kb.pack.sources
        assert evidence.section in kb.pack.sections


# -- a second, invented pack: no code change needed ------------------------------------------------------


def test_second_pack_passes_check(capsys):
    assert run_check(str(VELMORA)) == 0
    out = capsys.readouterr().out
    assert "Siege of Velmora" in out and out.rstrip().endswith("0 errors")


def test_second_pack_lookups(velmora):
    assert velmora.pack.conflict.name == "Siege of Velmora"
    assert ids(velmora.find("Velmorra")) == ["velmora"]
    assert ids(velmora.find("the League")) == ["highland-league"]
    assert ids(velmora.find("Thomas Brell")) == ["tomas-brell"]
    assert velmora.find("Darzab") == []


def test_second_pack_dispute(velmora):
    d = velmora.dispute("front-killed")
    assert d.disputed and d.competing and (d.low, d.high) == (150, 900)
    assert ids(d.remarks) == ["monitor-doubts"]
    assert [x.measure.id for x in velmora.disputed_measures()] == ["front-killed"]
    assert velmora.claims_of("civilians-displaced")[0].value.text() == "hundreds 600"


def test_second_pack_dates_people_places(velmora):
    assert velmora.events_on(date(1987, 4, 19))[0].id == "ev-fall"
    assert ids(velmora.events_on(date(1987, 3, 15))) == ["ev-bridge"]
    assert ids(velmora.events_on(date(1987, 3, 5))) == []  # "mid-March" does not cover the 5th
    assert "ev-siege-begins" in ids(velmora.events_around(date(1987, 3, 4)))
    brell = velmora.person_record("tomas-brell")
    assert [(k, p.id) for k, p in brell.relations] == [("cousin", "ines-brell")]
    assert brell.person.fate.status == "captured"
    assert [(k, p.id) for k, p in velmora.person_record("ines-brell").relations] == [("cousin", "tomas-brell")]
    bridge = velmora.place_record("quill-bridge")
    assert ids(bridge.parents) == ["velmora", "oster-valley", "marenthia"]
    assert ids(velmora.facts(topic="prelude")) == ["f-rivalry"]
    assert ids(velmora.facts(about="ines-brell")) == ["f-talks"]
