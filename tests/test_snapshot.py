"""The engine snapshot (intents/snapshot.py): same answers, never stale, never in the way.

conftest.py points XDG_CACHE_HOME at a temporary directory; each test here uses its own.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.render import answer_json
from intents.context import Context
from intents.engine import Engine
from knowledge import PackErrors

ROOT = Path(__file__).resolve().parent.parent
TARN = ROOT / "tests" / "packs" / "tarn"
QUESTIONS = ("who won?", "when did it start?", "how many were killed?", "where is the pass?")


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("DARZAB_BOT_NO_CACHE", raising=False)
    return tmp_path / "cache" / "darzab-bot"


@pytest.fixture()
def tarn(tmp_path):
    pack = tmp_path / "tarn"
    shutil.copytree(TARN, pack)
    return pack


def answers(engine: Engine) -> list[dict]:
    context = Context()
    return [answer_json(engine.answer(q, context)) for q in QUESTIONS]


def test_a_snapshot_answers_as_the_built_engine(cache, tarn):
    built = Engine.load(tarn)
    assert len(list(cache.glob("engine-*.pickle"))) == 1
    restored = Engine.load(tarn)
    assert restored is not built
    assert answers(restored) == answers(built)


def test_a_changed_pack_file_is_rebuilt(cache, tarn):
    Engine.load(tarn)
    facts = tarn / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("tactical victory", "narrow victory", 1),
                     encoding="utf-8")
    engine = Engine.load(tarn)
    assert "narrow victory" in engine.kb.pack.facts["f-outcome"].text
    assert len(list(cache.glob("engine-*.pickle"))) == 2


def test_a_malformed_pack_still_reports_file_and_line(cache, tarn):
    Engine.load(tarn)  # a snapshot of the good pack exists
    facts = tarn / "facts.yaml"
    lines = facts.read_text(encoding="utf-8").splitlines()
    lines[5] = "    text: [unclosed"
    facts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(PackErrors) as info:
        Engine.load(tarn)
    assert str(info.value).startswith(f"{facts}:")
    assert len(list(cache.glob("engine-*.pickle"))) == 1  # nothing written for the bad pack


def test_a_damaged_snapshot_is_ignored(cache, tarn):
    built = Engine.load(tarn)
    for path in cache.glob("*.pickle"):
        path.write_bytes(b"not a pickle at all")
    assert answers(Engine.load(tarn)) == answers(built)


def test_an_unwritable_cache_is_no_error(tmp_path, monkeypatch, tarn):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # its "darzab-bot" cannot be made
    assert answers(Engine.load(tarn))


def test_snapshots_can_be_turned_off(cache, tarn, monkeypatch):
    monkeypatch.setenv("DARZAB_BOT_NO_CACHE", "1")
    Engine.load(tarn)
    assert not cache.exists()


@pytest.fixture()
def stamping(monkeypatch):
    """Stamps written for files however new (a test's files are seconds old), and a count of
    the keys computed by hashing files."""
    from intents import snapshot

    monkeypatch.setattr(snapshot, "STAMP_AGE_NS", 0)
    monkeypatch.setattr(snapshot, "_code_key", None)
    hashed = []
    digest = snapshot._digest

    def counted(header, files, root):
        hashed.append(root)
        return digest(header, files, root)

    monkeypatch.setattr(snapshot, "_digest", counted)
    return hashed


def test_a_key_is_read_from_its_stamp_while_the_files_stat_the_same(cache, tarn, stamping):
    from intents import snapshot

    key = snapshot.pack_key(tarn)
    assert stamping == [snapshot._ROOT, tarn]  # the code and the pack, hashed once each
    assert len(list(cache.glob("stamp-*.txt"))) == 2
    assert snapshot.pack_key(tarn) == key
    assert stamping == [snapshot._ROOT, tarn]
    (tarn / "extra.yaml").write_text("", encoding="utf-8")  # a new file is a new key
    assert snapshot.pack_key(tarn) != key
    (tarn / "extra.yaml").unlink()
    assert snapshot.pack_key(tarn) == key


def test_a_file_rewritten_with_its_size_and_mtime_kept_is_seen(cache, tarn, stamping):
    built = Engine.load(tarn)
    facts = tarn / "facts.yaml"
    before = facts.stat()
    text = facts.read_text(encoding="utf-8")
    assert "tactical victory" in text
    facts.write_text(text.replace("tactical victory", "tactical VICTORY", 1), encoding="utf-8")
    os.utime(facts, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `cp -p` or `touch -r` would
    assert facts.stat().st_size == before.st_size and facts.stat().st_mtime_ns == before.st_mtime_ns
    engine = Engine.load(tarn)  # the ctime moved: hashed again, another key, built
    assert "tactical VICTORY" in engine.kb.pack.facts["f-outcome"].text
    assert "tactical victory" in built.kb.pack.facts["f-outcome"].text


def test_files_changed_just_now_are_not_stamped(cache, tarn):
    from intents import snapshot

    snapshot.pack_key(tarn)  # the copy of the pack was made a moment ago: a later write may keep its stat
    assert not any("tarn" in p.name for p in cache.glob("stamp-*.txt"))


def test_a_damaged_stamp_is_ignored(cache, tarn, stamping):
    from intents import snapshot

    key = snapshot.pack_key(tarn)
    for path in cache.glob("stamp-*.txt"):
        path.write_text("0" * 32 + "\ngarbage", encoding="utf-8")
    snapshot._code_key = None
    assert snapshot.pack_key(tarn) == key
    assert len(stamping) == 4


def _start(env: dict) -> dict:
    code = ("import sys, json; from intents.engine import Engine; from intents.context import Context; "
            "a = Engine.load().answer('who won?', Context()); "
            "print(json.dumps({'yaml': 'yaml' in sys.modules, 'text': a.parts[0].text}))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, check=True)
    return json.loads(proc.stdout)


def test_a_second_start_parses_nothing(tmp_path):
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path))
    env.pop("DARZAB_BOT_NO_CACHE", None)
    first, second = _start(env), _start(env)
    assert first["yaml"] and not second["yaml"]  # the second start read its tables from the snapshot
    assert first["text"] == second["text"]
    for path in (tmp_path / "darzab-bot").glob("tables-*.pickle"):
        path.write_bytes(b"damaged")
    third, fourth = _start(env), _start(env)
    assert third["yaml"] and not fourth["yaml"]  # parsed once more, and the tables written again
    assert third["text"] == fourth["text"] == first["text"]
