"""Issue 13, outside Telegram: packs that attack the loader, bytes that are not UTF-8, huge lines,
closed pipes, escape sequences in the REPL, session ids, the order `check` reports errors in.

Each test failed on the code before the fix; the subprocess ones run under a memory limit and a
time-out so that the old behaviour (unbounded memory, a hang) fails instead of stalling CI.
"""

from __future__ import annotations

import io
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from knowledge import PackErrors, bundled_pack_path, load_pack

ROOT = Path(__file__).resolve().parents[1]
ERROR_LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+): (?P<message>\S.*)$")
STRICT = {"PYTHONIOENCODING": "utf-8", "LC_ALL": "C.UTF-8"}  # strict decoding, as under en_US.UTF-8
MEMORY_CAP = 1 << 30  # the address space a child may use: the old code needed gigabytes


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def bot(*args: str, stdin: bytes = b"", timeout: float = 60, stdout=subprocess.PIPE, **env: str):
    environ = {k: v for k, v in os.environ.items() if k not in ("PYTHONUNBUFFERED",)}
    environ.update(env)
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, input=stdin, stdout=stdout,
                          stderr=subprocess.PIPE, timeout=timeout, env=environ, preexec_fn=_limited)


@pytest.fixture()
def pack(tmp_path) -> Path:
    """A copy of the bundled pack to break."""
    dest = tmp_path / "pack"
    shutil.copytree(bundled_pack_path(), dest)
    return dest


# -- 4: YAML alias bombs -------------------------------------------------------------------------
def bomb(levels: int = 9, width: int = 9) -> list[str]:
    lines = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    for k in range(1, levels):
        lines.append(f"a{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * width) + "]")
    return lines


@pytest.mark.parametrize("use", ["id-value", "mapping-key"])
def test_4_alias_bomb_is_refused_with_file_and_line(pack, use):
    lines = bomb()
    if use == "id-value":
        lines += ["sources:", "  - id: *a8", "    name: x"]
    else:
        lines += ["facts:", "  - *a8 : x"]
    (pack / "bomb.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = bot("check", str(pack), timeout=30)
    err = proc.stderr.decode()
    assert proc.returncode == 1 and "Traceback" not in err and "MemoryError" not in err, err[-500:]
    first = ERROR_LINE.match(err.splitlines()[0])
    assert first and first["file"].endswith("bomb.yaml") and "alias" in first["message"], err[:500]
    # and in process: PackErrors, quickly, never a string built from the expansion
    with pytest.raises(PackErrors) as info:
        load_pack(pack)
    [blamed] = [e for e in info.value.errors if e.file.endswith("bomb.yaml")]
    assert "alias" in blamed.message and 1 <= blamed.line <= len(lines)


def test_4_modest_aliases_still_load(pack):
    """Reusing a block a few times is legitimate YAML and stays allowed."""
    text = (pack / "groups.yaml").read_text(encoding="utf-8")
    (pack / "groups.yaml").write_text("x-shared: &shared [a, b]\n" + text, encoding="utf-8")
    with pytest.raises(PackErrors) as info:  # x-shared is not a pack key; the alias itself is fine
        load_pack(pack)
    assert [e.message for e in info.value.errors] == ["unknown top-level key 'x-shared'"]


# -- 7: special files in a pack ------------------------------------------------------------------
def test_7_symlink_to_dev_zero_is_not_read(pack):
    (pack / "zero.yaml").symlink_to("/dev/zero")
    proc = bot("check", str(pack), timeout=30)
    err = proc.stderr.decode()
    assert proc.returncode == 1 and "MemoryError" not in err
    assert re.search(r"zero\.yaml:1: .*outside the pack", err), err


def test_7_fifo_does_not_hang(pack):
    os.mkfifo(pack / "pipe.yaml")
    proc = bot("check", str(pack), timeout=20)  # the old code blocked here for ever
    err = proc.stderr.decode()
    assert proc.returncode == 1 and re.search(r"pipe\.yaml:1: not a regular file", err), err


def test_7_byte_cap_counts_what_is_read(pack):
    import knowledge.loader as loader

    with pytest.raises(loader.UnsafeFile, match="over 1,000 bytes"):
        loader.read_pack_file(pack / "facts.yaml", limit=1000)
    # a symlink that stays inside the pack is read like the file it names
    (pack / "inside.yaml").symlink_to("sources.yaml")
    assert loader.read_pack_file(pack / "inside.yaml") == (pack / "sources.yaml").read_bytes()


# -- smaller: `check` lists root causes before knock-on errors -------------------------------------
def test_check_lists_root_causes_first(pack):
    (pack / "sources.yaml").write_text("sources: [\n", encoding="utf-8")  # every claimant now unknown
    proc = bot("check", str(pack))
    lines = proc.stderr.decode().splitlines()
    assert proc.returncode == 1 and len(lines) > 10
    assert "sources.yaml" in lines[0] and "YAML syntax error" in lines[0], lines[:3]
    assert all("unknown id" in line for line in lines[1:-1] if "sources.yaml" not in line)


# -- 5: bytes that are not UTF-8 ------------------------------------------------------------------
def test_5_jsonl_answers_every_line_around_bad_bytes():
    proc = bot("ask", "--jsonl", stdin=b"who won\nbad \xff\nwho won\n", **STRICT)
    assert proc.returncode == 0 and not proc.stderr, proc.stderr.decode()[-300:]
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert len(out) == 3
    assert out[0]["intent"] == out[2]["intent"] == "result" and "error" not in out[0]
    assert "UTF-8" in out[1]["error"] and out[1]["question"] == "bad \ufffd"


def test_5_repl_and_ask_json_survive_bad_bytes():
    repl = bot(stdin=b"bad \xff\nwho won\n", **STRICT)
    assert repl.returncode == 0 and b"Traceback" not in repl.stderr, repl.stderr.decode()[-300:]
    assert b"Taliban" in repl.stdout and b"Goodbye" in repl.stdout
    one = subprocess.run([sys.executable, "-m", "bot", "ask", "--json", os.fsdecode(b"who won \xff")], cwd=ROOT,
                         capture_output=True, timeout=60, env={**os.environ, **STRICT})
    assert one.returncode == 0 and b"Traceback" not in one.stderr, one.stderr.decode()[-300:]
    assert json.loads(one.stdout)["intent"] == "result"


# -- 8: batch memory ------------------------------------------------------------------------------
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads VmHWM from /proc")
def test_8_a_huge_line_is_capped_and_the_next_one_answered():
    from bot.ask import MAX_LINE_BYTES

    big = b"who won " * (40 * MAX_LINE_BYTES // 8)  # 2.5 MB, no newline until the end
    # the peak resident size of the process itself (VmHWM starts afresh at exec; ru_maxrss would not)
    probe = ("import runpy, sys; sys.argv = ['bot', 'ask', '--jsonl']\n"
             "try:\n    runpy.run_module('bot', run_name='__main__')\nexcept SystemExit:\n    pass\n"
             "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
             "print(hwm.split()[1], file=sys.stderr)")
    small = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, input=b"who won\n", capture_output=True,
                           timeout=60)
    proc = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, input=big * 8 + b"\nwho won\n",
                          capture_output=True, timeout=60)
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert len(out) == 2 and "over" in out[0]["error"] and len(out[0]["question"]) < 300
    assert out[1]["intent"] == "result"
    # 20 MB went in; the process grew by less than a tenth of that
    grown_kb = int(proc.stderr.split()[-1]) - int(small.stderr.split()[-1])
    assert grown_kb < 2_000, grown_kb


def test_8_read_lines_never_holds_more_than_the_cap():
    from bot.ask import BadLine, read_lines

    stream = io.BytesIO(b"x" * 10_000 + b"\nok\n" + b"y" * 50)
    lines = list(read_lines(stream, limit=100))
    assert isinstance(lines[0], BadLine) and lines[1:] == ["ok\n", "y" * 50]


def test_8_a_session_keeps_only_what_follow_ups_need(engine):
    from bot.conversation import Conversations

    convs = Conversations(engine)
    question = "how many isis-k fighters were killed " + "very " * 12_000  # 60 KB
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for session in range(30):
            answer = convs.ask(session, f"{question}{session}")  # each a new string, as in a real batch
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert answer.question == f"{question}29"  # the caller gets the whole answer
    assert kept < 500_000, kept  # 30 sessions of a 60 KB question: 2 MB and more before
    last = convs.last_answer(0)
    assert last.citations and len(last.question) <= 200
    follow = convs.ask(0, "who said that?")  # lists the last answer's citations
    assert follow.answered and len(follow.parts) == 1 + len(last.citations)
    assert all(c.source in part.text for c, part in zip(last.citations, follow.parts[1:], strict=True))


# -- smaller: session ids -----------------------------------------------------------------------
def test_session_ids_are_treated_alike():
    from bot.ask import parse_line

    assert parse_line('{"text": "q", "session": 1.5}') == ("q", "1.5")
    assert parse_line('{"text": "q", "session": 1}')[1] == parse_line('{"text": "q", "session": 1.0}')[1] == "1"
    assert parse_line('{"text": "q", "session": "1"}')[1] == "1"
    for bad in ("true", "false", "null", "[1]", '{"a": 1}', "NaN", '"' + "x" * 300 + '"'):
        with pytest.raises(ValueError):
            parse_line('{"text": "q", "session": ' + bad + '}')


# -- 9: a closed pipe ---------------------------------------------------------------------------
def closed_pipe_run(*args: str, stdin: bytes = b""):
    """Run the bot with stdout a pipe nobody reads (the reader already exited)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return bot(*args, stdin=stdin, stdout=write_end)
    finally:
        os.close(write_end)


@pytest.mark.parametrize("args, stdin, code", [
    (("ask", "who won"), b"", 0),
    (("ask", "--jsonl"), b"who won\n" * 50, 0),
    (("check",), b"", 0),
    (("faq",), b"", 0),
])
def test_9_a_closed_pipe_ends_quietly(args, stdin, code):
    proc = closed_pipe_run(*args, stdin=stdin)
    assert proc.stderr == b"", proc.stderr.decode()
    assert proc.returncode == code


def test_9_check_keeps_its_verdict_on_a_closed_pipe(pack):
    (pack / "claims.yaml").write_text("claims: [\n", encoding="utf-8")
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run([sys.executable, "-m", "bot", "check", str(pack)], cwd=ROOT, stdout=write_end,
                              stderr=write_end, timeout=60)
    finally:
        os.close(write_end)
    assert proc.returncode == 1  # the pack is broken, whoever reads the report


# -- 10: the REPL echoes no escape sequences ----------------------------------------------------------
def test_10_repl_strips_control_characters_from_what_it_echoes():
    proc = bot(stdin=b"/x\x1b]0;pwned\x07\nwho\x1b[2J won\x9b?\n", **STRICT)
    out = proc.stdout.decode()
    assert proc.returncode == 0 and "Unknown command" in out
    assert not any(ch in out for ch in "\x1b\x07\x9b"), repr(out[-300:])


def test_according_to_a_judge_is_the_judges_verdict_on_the_figures(engine):
    """"according to X" names the one who judges: X's verdict on the casualty claims, with each
    disputed figure flagged, not a complaint that no one judges X's own figures."""
    from intents.context import Context

    answer = engine.answer("according to FDD's Long War Journal, how far can the casualty figures be trusted?",
                           Context())
    text = " ".join(p.text for p in answer.parts)
    assert answer.disputed and "questionable" in text and "None of the sources judges" not in text


def test_a_judges_view_of_the_casualty_figures_flags_each_disputed_one(engine):
    from intents.context import Context

    answer = engine.answer("what does the Long War Journal think about the death toll figures?", Context())
    assert answer.disputed and "questionable" in answer.lead


def test_a_judges_opinion_or_take_is_its_judgement(engine):
    from intents.context import Context

    for question in ("what is the Long War Journal's opinion of the death tolls?",
                     "what's the long war journal's take on the casualty numbers?"):
        answer = engine.answer(question, Context())
        assert "questionable" in answer.lead, question
