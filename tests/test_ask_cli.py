"""The `ask` command and the JSON-lines batch contract, run as a user would."""

import gc
import json
import subprocess
import sys

import pytest

from bot.cli import main

KEYS = {"question", "answered", "intent", "confidence", "answer", "citations", "disputed", "suggestions"}


def run(args, stdin=""):
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True, timeout=60
    )


def test_jsonl_one_object_per_line_in_order_with_sessions():
    lines = [
        "how many taliban were killed",
        '{"text": "who commanded the taliban", "session": "a"}',
        '{"text": "and IS-KP?", "session": "a"}',
        "{not json",
        '{"text": 5}',
        "and IS-KP?",
        "what is the population of darzab",
        "",
    ]
    result = run(["ask", "--jsonl"], "\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == len(lines)
    for obj in out:
        assert KEYS <= set(obj)
    assert out[0]["disputed"] and "disputed" in out[0]["answer"]
    assert out[0]["citations"][0].keys() == {"n", "source", "section", "quote"}
    # session "a" continues commanders; the default session continues casualties
    assert out[2]["intent"] == "commanders" and "Mufti Nemat" in out[2]["answer"]
    assert out[5]["intent"] == "casualties" and "153" in out[5]["answer"]
    assert "error" in out[3] and "error" in out[4]
    assert out[6]["answered"] is False


def test_one_shot_and_json():
    plain = run(["ask", "who won the battle?"])
    assert plain.returncode == 0 and "Taliban" in plain.stdout and "Sources:" in plain.stdout
    obj = json.loads(run(["ask", "--json", "who won the battle?"]).stdout)
    assert obj["answered"] and obj["intent"] == "result"


def test_faq_markdown_and_html():
    md = run(["faq"])
    assert md.returncode == 0 and md.stdout.startswith("# ") and "[^1]" in md.stdout  # footnote citations
    html = run(["faq", "--format", "html"])
    assert html.returncode == 0 and "<h2>" in html.stdout
    # the one script is schema.org structured data (JSON-LD): nothing on the page runs
    assert html.stdout.count("<script") == 1 and '<script type="application/ld+json">' in html.stdout


def test_broken_pack_is_reported_not_a_traceback(tmp_path):
    (tmp_path / "pack.yaml").write_text("conflict: [\n")
    result = run(["--pack", str(tmp_path), "ask", "who won"])
    assert result.returncode == 1
    assert "pack.yaml:" in result.stderr and "Traceback" not in result.stderr


def test_the_collector_runs_again_after_a_command_in_process(capsys):
    """main() pauses the cyclic collector for the start-up; a caller's process gets it back."""
    assert main(["ask", "who won"]) == 0
    assert "Taliban" in capsys.readouterr().out
    assert gc.isenabled()
    with pytest.raises(SystemExit):
        main(["ask", "--no-such-option"])
    assert gc.isenabled()
