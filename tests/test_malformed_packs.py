"""Malformed packs give clear `file:line: message` errors, never a traceback.

The packs are generated from benchmarks/malformed.py (a tiny valid pack, broken
one way per case; the 5 MB file is written at test time, never committed).
"""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from knowledge import PackErrors, load_pack

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # benchmarks/ is not installed; `pytest` (unlike `python -m pytest`) skips the cwd
    sys.path.insert(0, str(REPO))
malformed = importlib.import_module("benchmarks.malformed")
ERROR_LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+): (?P<message>\S.*)$")


def test_base_pack_is_valid(tmp_path):
    pack = load_pack(malformed.write_base(tmp_path / "base"))
    assert pack.conflict.name == "Battle of Testville"


@pytest.mark.parametrize("case", malformed.CASES, ids=lambda c: c.name)
def test_load_pack_reports_file_line_message(case, tmp_path):
    root = tmp_path / case.name
    expected = malformed.build(case, root)
    with pytest.raises(PackErrors) as info:
        load_pack(root)
    errors = info.value.errors
    assert errors
    for error in errors:
        assert ERROR_LINE.match(str(error)), str(error)
        assert "\n" not in error.message
    assert malformed.matches(expected, errors, root), (expected, [str(e) for e in errors])


@pytest.mark.parametrize("case", malformed.CASES, ids=lambda c: c.name)
def test_check_command_exits_1_without_traceback(case, tmp_path):
    root = tmp_path / case.name
    expected = malformed.build(case, root)
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "check", str(root)],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert lines, "errors go to stderr"
    blamed = [ERROR_LINE.match(line) for line in lines[:-1]]  # the last line counts the errors
    assert all(blamed), lines
    assert any(
        Path(m["file"]).name == expected.file
        and (expected.line is None or int(m["line"]) == expected.line)
        and any(x.casefold() in m["message"].casefold() for x in expected.mentions)
        for m in blamed
        if m
    ), lines
