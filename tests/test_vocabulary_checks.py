"""Routing and cue words are checked data: an unknown name is a file:line error when the engine loads."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from intents.catalog import build_catalog
from intents.engine import Engine
from intents.handlers import load_all
from intents.reply import Reply, Request
from intents.vocabulary import DATA_DIR, VocabularyError, load_vocabulary
from knowledge import KnowledgeBase, PackErrors

VELMORA = Path(__file__).resolve().parent / "packs" / "velmora"
INTENTS = (DATA_DIR / "intents.yaml").read_text(encoding="utf-8")


def vocabulary_with(tmp_path: Path, old: str, new: str):
    assert old in INTENTS, old
    path = tmp_path / "intents.yaml"
    path.write_text(INTENTS.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_the_shipped_vocabulary_loads_and_names_only_what_exists():
    vocabulary = load_vocabulary()
    names = {s.name for s in vocabulary.intents}
    assert {"casualties", "person", "who_claims", "belligerents"} <= names
    routes = [r for s in vocabulary.intents for r in s.routes]
    assert routes and all(r.to in names for r in routes)


def test_a_route_to_an_unknown_intent_is_a_file_line_error(tmp_path):
    path = vocabulary_with(tmp_path, "      - to: who_claims", "      - to: who_claimz")
    with pytest.raises(VocabularyError, match=rf"^{re.escape(str(path))}:{line_of(path, 'who_claimz')}: .*who_claimz"):
        load_vocabulary(path)


def test_a_route_naming_an_unknown_cue_is_a_file_line_error(tmp_path):
    path = vocabulary_with(tmp_path, "when: [slot figure, cue who, cue claim]", "when: [slot figure, cue whoo]")
    expected = rf"^{re.escape(str(path))}:\d+: condition 'cue whoo' names unknown 'whoo'"
    with pytest.raises(VocabularyError, match=expected):
        load_vocabulary(path)


def test_an_unknown_condition_is_a_file_line_error(tmp_path):
    path = vocabulary_with(tmp_path, "when: [slot figure, cue who, cue claim]", "when: [slot figure, sometimes]")
    with pytest.raises(VocabularyError, match=r"intents.yaml:\d+: unknown condition 'sometimes'"):
        load_vocabulary(path)


def test_a_suggestion_of_an_unknown_intent_is_a_file_line_error(tmp_path):
    path = vocabulary_with(tmp_path, "suggest: [result, casualties, timeline]", "suggest: [result, casualtys]")
    with pytest.raises(VocabularyError, match=rf"intents.yaml:{line_of(path, '- name: overview')}: .*'casualtys'"):
        load_vocabulary(path)


def test_an_unknown_measure_kind_is_a_file_line_error(tmp_path):
    path = vocabulary_with(tmp_path, "    measures: [strength]", "    measures: [strenght]")
    with pytest.raises(VocabularyError, match=rf"intents.yaml:{line_of(path, '- name: strength')}: .*'strenght'"):
        load_vocabulary(path)


def test_an_unknown_slot_type_is_a_file_line_error(tmp_path):
    path = vocabulary_with(tmp_path, "    slots: [date]\n    need: [date]", "    slots: [day]\n    need: [date]")
    with pytest.raises(VocabularyError, match=r"intents.yaml:\d+: unknown slot type 'day'"):
        load_vocabulary(path)


def test_an_unknown_handler_or_mode_fails_when_the_engine_loads(tmp_path):
    kb = KnowledgeBase.load(VELMORA)
    bad_handler = vocabulary_with(tmp_path, "    handler: timeline\n", "    handler: timelines\n")
    with pytest.raises(VocabularyError, match=r"intents.yaml:\d+: intent 'timeline' names unknown handler"):
        build_catalog(kb, load_vocabulary(bad_handler), load_all())
    (tmp_path / "m").mkdir()
    bad_mode = vocabulary_with(tmp_path / "m", "    mode: thanks\n", "    mode: cheers\n")
    with pytest.raises(VocabularyError, match=r"intents.yaml:\d+: intent 'thanks': mode 'cheers' is not one of"):
        build_catalog(kb, load_vocabulary(bad_mode), load_all())


def test_a_handler_declaring_an_unknown_cue_fails_when_the_engine_loads(monkeypatch):
    handlers = dict(load_all())
    real = handlers["timeline"]
    monkeypatch.setitem(handlers, "timeline", type(real)(real.name, real.fn, ("no_such_cue",), None, real.module))
    with pytest.raises(VocabularyError, match=r"cues.yaml:1: handler 'timeline' .* unknown cue 'no_such_cue'"):
        build_catalog(KnowledgeBase.load(VELMORA), load_vocabulary(), handlers)


def test_a_handler_reading_a_cue_it_did_not_declare_fails(engine):
    parsed = engine.understanding.parse("how many were killed")
    req = Request(engine.kb, parsed, engine.catalog["timeline"], {}, None, cues=engine.cues, allowed_cues=frozenset())
    with pytest.raises(KeyError, match="did not declare"):
        req.cue("claim")
    req.allowed_cues = frozenset({"claim", "count"})
    assert req.cue("count") and not req.cue("claim")
    assert Reply(engine.kb).answered


def test_two_word_cues_match_as_phrases(engine):
    parsed = engine.understanding.parse("were there foreign fighters")
    req = Request(engine.kb, parsed, engine.catalog["surrender"], {}, None, cues=engine.cues,
                  allowed_cues=frozenset({"foreign"}))
    assert req.has_words("foreign fighters") and not req.has_words("fighters foreign")


# -- the pack side -------------------------------------------------------------------


def copy_velmora(tmp_path: Path) -> Path:
    dest = tmp_path / "velmora"
    shutil.copytree(VELMORA, dest)
    return dest


def test_a_quote_not_in_the_packs_article_is_a_file_line_error(tmp_path):
    pack = copy_velmora(tmp_path)
    manifest = pack / "pack.yaml"
    manifest.write_text(manifest.read_text().replace("  licence: CC0\n", "  licence: CC0\n  text: article.txt\n"))
    (pack / "article.txt").write_text("The siege of Velmora lasted seven weeks. Nothing else is written here.\n")
    with pytest.raises(PackErrors) as info:
        KnowledgeBase.load(pack)
    errors = [str(e) for e in info.value.errors]
    assert errors and all(re.match(r".*main\.yaml:\d+: quote not found verbatim in article\.txt", e) for e in errors)


def test_a_source_alias_naming_a_group_is_warned_about_and_both_are_found(tmp_path):
    pack = copy_velmora(tmp_path)
    main = pack / "main.yaml"
    main.write_text(main.read_text().replace("    kind: analyst\n    aliases: [monitor]",
                                             "    kind: analyst\n    aliases: [monitor, the CF]"))
    kb = KnowledgeBase.load(pack)
    assert any("'the cf' of source 'harbour-monitor' also names 'coastal-front'" in w.message for w in kb.pack.warnings)
    parsed = Engine(kb).understanding.parse("who commanded the CF?")
    assert {"coastal-front", "harbour-monitor"} <= {e.value for e in parsed.entities}


def test_pack_examples_of_unknown_kinds_are_warned_about(tmp_path):
    pack = copy_velmora(tmp_path)
    manifest = pack / "pack.yaml"
    manifest.write_text(manifest.read_text() + "\nexamples:\n  casualtys: [How many died?]\n")
    warnings = Engine(KnowledgeBase.load(pack)).intent_catalog.warnings
    assert any(re.search(r"pack\.yaml:\d+: examples for unknown question kind 'casualtys'", w) for w in warnings)


def test_everyday_phrasings_read_as_the_vocabulary_words_unless_the_pack_uses_them(engine):
    assert engine.understanding.parse("when did the fighting kick off").tokens[-1] == "start"
    assert "number two" in " ".join(engine.understanding.parse("who was their number two").tokens)  # the pack's words


def test_years_near_the_packs_own_dates_are_dates_in_any_era():
    tarn = Engine.load(Path(__file__).resolve().parent / "packs" / "tarn")
    parsed = tarn.understanding.parse("what happened in 1741?")
    assert [e.type for e in parsed.entities] == ["date"]
    assert not [e for e in tarn.understanding.parse("did 1500 men hold the pass?").entities if e.type == "date"]


def test_an_unknown_answer_kind_is_a_file_line_error(tmp_path):
    path = vocabulary_with(tmp_path, "    answers: [figure]", "    answers: [figures]")
    with pytest.raises(VocabularyError, match=rf"^{re.escape(str(path))}:{line_of(path, '[figures]')}: .*figures"):
        load_vocabulary(path)
