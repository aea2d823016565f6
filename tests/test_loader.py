"""The loader reports every problem in a pack as `file:line: message`, never a traceback."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.check import run_check
from knowledge import PackErrors, bundled_pack_path, load_pack
from knowledge.loader import MAX_FILE_BYTES

REPO = Path(__file__).resolve().parents[1]
VELMORA = Path(__file__).resolve().parent / "packs" / "velmora"
ERROR_LINE = re.compile(r"^(?P<file>.+\.yaml):(?P<line>\d+): (?P<message>.+)$")


@pytest.fixture()
def pack_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled pack."""
    target = tmp_path / "pack"
    shutil.copytree(bundled_pack_path(), target)
    return target


@pytest.fixture()
def small_copy(tmp_path: Path) -> Path:
    """A writable copy of the small invented pack (fast to load)."""
    target = tmp_path / "velmora"
    shutil.copytree(VELMORA, target)
    return target


def replace_once(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` in ``path``; return the 1-based line it is on."""
    text = path.read_text(encoding="utf-8")
    index = text.index(old)
    path.write_text(text[:index] + new + text[index + len(old) :], encoding="utf-8")
    return text.count("\n", 0, index) + 1


def append(path: Path, text: str) -> int:
    """Append ``text``; return the line its first line lands on."""
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    if existing and not existing.endswith("\n"):
        existing += "\n"
    path.write_text(existing + text, encoding="utf-8")
    return existing.count("\n") + 1


def errors_of(path: Path) -> list:
    with pytest.raises(PackErrors) as info:
        load_pack(path)
    assert info.value.errors, "PackErrors raised with no errors"
    return info.value.errors


def check_output(path: Path, capsys) -> tuple[int, str, str]:
    code = run_check(str(path))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", "check", *args],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )


# -- the bundled pack -------------------------------------------------------------------


def test_bundled_pack_loads_cleanly():
    pack = load_pack(bundled_pack_path())
    assert pack.conflict.name == "Battle of Darzab"
    assert pack.people and pack.places and pack.events and pack.facts and pack.claims


def test_check_prints_a_summary_and_exits_zero():
    result = run_cli()
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for label in ("sources", "claims", "disputed measures", "people", "places", "groups", "events", "facts"):
        assert re.search(rf"^{label}\s+\d+$", out, re.MULTILINE), f"no count for {label}"
    assert out.rstrip().endswith("0 errors")
    assert result.stderr == ""


# -- three injected problems: exactly three errors ---------------------------------------------


def inject_three_problems(pack: Path) -> tuple[int, int, int]:
    """An unknown source, a bad date and a duplicate id; returns their lines."""
    source_line = replace_once(pack / "claims.yaml", "claimant: local-civilian", "claimant: no-such-source")
    date_line = replace_once(pack / "events.yaml", "date: 2018-07-22", "date: 2018-13-45")
    dup_line = append(
        pack / "facts.yaml",
        "  - id: f-overview\n"
        "    topic: overview\n"
        "    text: The same id again.\n"
        "    source: article\n"
        "    section: Lead\n"
        "    quote: was a major conflict\n",
    )
    return source_line, date_line, dup_line


def test_three_injected_problems_give_exactly_three_errors(pack_copy, capsys):
    source_line, date_line, dup_line = inject_three_problems(pack_copy)
    errors = errors_of(pack_copy)
    assert len(errors) == 3, "\n".join(map(str, errors))
    by_file = {Path(e.file).name: e for e in errors}
    assert set(by_file) == {"claims.yaml", "events.yaml", "facts.yaml"}
    assert by_file["claims.yaml"].line == source_line
    assert "no-such-source" in by_file["claims.yaml"].message and "unknown" in by_file["claims.yaml"].message
    assert by_file["events.yaml"].line == date_line
    assert "bad date" in by_file["events.yaml"].message and "2018-13-45" in by_file["events.yaml"].message
    assert by_file["facts.yaml"].line == dup_line
    assert "duplicate id 'f-overview'" in by_file["facts.yaml"].message

    code, out, err = check_output(pack_copy, capsys)
    assert code == 1
    lines = err.strip().splitlines()
    assert [bool(ERROR_LINE.match(x)) for x in lines] == [True, True, True, False]
    assert lines[-1].startswith("3 errors")


def test_cli_exits_1_and_prints_three_file_line_errors(pack_copy):
    lines = inject_three_problems(pack_copy)
    result = run_cli(str(pack_copy))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    located = [x for x in result.stderr.splitlines() if ERROR_LINE.match(x)]
    assert len(located) == 3, result.stderr
    assert any("no-such-source" in x for x in located)
    assert any("2018-13-45" in x for x in located)
    assert any("duplicate id 'f-overview'" in x for x in located)
    assert sorted(int(ERROR_LINE.match(x)["line"]) for x in located) == sorted(lines)
    assert result.stderr.splitlines()[-1].startswith("3 errors")


# -- one problem at a time ----------------------------------------------------------------------


def only_error(path: Path):
    errors = errors_of(path)
    assert len(errors) == 1, "\n".join(map(str, errors))
    return errors[0]


def test_malformed_yaml_gives_one_error_on_the_right_line(small_copy, capsys):
    line = append(
        small_copy / "extra.yaml",
        "facts:\n"
        "  - id: f-broken\n"
        "    topic: siege: oops\n",
    )
    error = only_error(small_copy)
    assert Path(error.file).name == "extra.yaml"
    assert error.line == line + 2
    assert "YAML syntax error" in error.message
    code, _, err = check_output(small_copy, capsys)
    assert code == 1 and f"extra.yaml:{line + 2}:" in err


def test_wrong_types_are_reported(small_copy):
    line = replace_once(small_copy / "main.yaml", "aliases: [Kestrel, Ada Kestrell]", "aliases: {a: 1}")
    name_line = replace_once(small_copy / "main.yaml", "name: Ines Brell", "name: [Ines, Brell]")
    errors = errors_of(small_copy)
    messages = {e.line: e.message for e in errors}
    assert "'aliases' must be a list of text" in messages[line]
    assert "'name' must be text" in messages[name_line]


def test_a_list_where_a_mapping_belongs(small_copy):
    line = replace_once(small_copy / "main.yaml", "groups:\n", "groups: just text\nunused:\n")
    errors = errors_of(small_copy)
    assert any(e.line == line and "'groups' must be a list" in e.message for e in errors)
    assert any("unknown top-level key 'unused'" in e.message for e in errors)


@pytest.mark.parametrize("field", ["quote", "section"])
def test_missing_evidence_field(small_copy, field):
    old = {
        "quote": "    quote: hundreds fled\n",
        "section": "    section: Aftermath\n    quote: hundreds fled\n",
    }[field]
    new = {"quote": "", "section": "    quote: hundreds fled\n"}[field]
    replace_once(small_copy / "main.yaml", old, new)
    error = only_error(small_copy)
    assert f"missing '{field}'" in error.message and "displaced-claim" in error.message


def test_non_numeric_value(small_copy):
    line = replace_once(small_copy / "main.yaml", "value: 900", "value: lots")
    error = only_error(small_copy)
    assert error.line == line and "'value' must be a number" in error.message


@pytest.mark.parametrize("value", [".nan", ".inf", "-5", "[200, 150]", "true"])
def test_impossible_values(small_copy, value):
    replace_once(small_copy / "main.yaml", "value: 900", f"value: {value}")
    error = only_error(small_copy)
    assert "'value'" in error.message


def test_alias_clash(small_copy):
    replace_once(small_copy / "main.yaml", "aliases: [Quillbridge]", "aliases: [Quillbridge, Brell]")
    error = only_error(small_copy)
    assert "alias 'brell'" in error.message and "tomas-brell" in error.message


def test_unknown_section_and_topic(small_copy):
    section_line = replace_once(
        small_copy / "main.yaml", "section: Prelude\n    quote: a decade", "section: Epilogue\n    quote: a decade"
    )
    topic_line = replace_once(small_copy / "main.yaml", "topic: aftermath", "topic: gossip")
    errors = errors_of(small_copy)
    assert len(errors) == 2
    assert {(e.line, "Epilogue" in e.message or "gossip" in e.message) for e in errors} == {
        (section_line, True), (topic_line, True)
    }


def test_unknown_reference_kind(small_copy):
    line = replace_once(small_copy / "main.yaml", "within: velmora", "within: highland-league")
    error = only_error(small_copy)
    assert error.line == line and "which is in groups, not places" in error.message


def test_deep_nesting_is_an_error_not_a_crash(small_copy, capsys):
    (small_copy / "deep.yaml").write_text("facts: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    error = only_error(small_copy)
    assert Path(error.file).name == "deep.yaml" and "nest" in error.message  # libyaml or Python parser
    code, _, _ = check_output(small_copy, capsys)
    assert code == 1


def test_a_file_over_two_megabytes_is_refused(small_copy, capsys):
    big = small_copy / "big.yaml"
    big.write_text("# padding\n" * (MAX_FILE_BYTES // 10 + 10), encoding="utf-8")
    error = only_error(small_copy)
    assert Path(error.file).name == "big.yaml" and "limit" in error.message
    code, _, err = check_output(small_copy, capsys)
    assert code == 1 and "big.yaml:1:" in err


def test_not_utf8(small_copy):
    (small_copy / "latin.yaml").write_bytes(b"facts: []\n# caf\xe9\n")
    error = only_error(small_copy)
    assert "not UTF-8" in error.message


def test_a_file_that_is_not_a_mapping(small_copy):
    (small_copy / "list.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    error = only_error(small_copy)
    assert "must be a mapping" in error.message


def test_bad_date_forms(small_copy):
    line = replace_once(
        small_copy / "main.yaml", "date: {around: 1987-03, text: mid-March 1987}", "date: {around: 1987-03}"
    )
    error = only_error(small_copy)
    assert error.line == line and "needs a 'text'" in error.message


def test_reversed_date_range(small_copy):
    replace_once(
        small_copy / "pack.yaml", "date: {from: 1987-03-02, to: 1987-04-19}", "date: {from: 1987-04-19, to: 1987-03-02}"
    )
    error = only_error(small_copy)
    assert "before" in error.message


# -- paths that are not packs ------------------------------------------------------------------


def test_missing_directory_is_one_clear_line(tmp_path, capsys):
    code, out, err = check_output(tmp_path / "nowhere", capsys)
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and "nowhere" in err


def test_a_file_instead_of_a_directory(tmp_path, capsys):
    f = tmp_path / "pack.yaml"
    f.write_text("x: 1\n", encoding="utf-8")
    code, _, err = check_output(f, capsys)
    assert code == 1 and len(err.strip().splitlines()) == 1


def test_a_directory_without_a_manifest(tmp_path, capsys):
    code, _, err = check_output(tmp_path, capsys)
    assert code == 1 and "pack.yaml" in err


def test_cli_with_a_missing_path_has_no_traceback(tmp_path):
    result = run_cli(str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stderr.strip()


# -- robustness sweep ----------------------------------------------------------------------------

MUTATIONS = ["[1, 2]", "{a: 1}", "", "-1", "true", "2018-13-45", "{by: x}", "[[[[]]]]", "&a [*a]"]


def test_mutating_any_value_never_crashes(small_copy):
    """Replace each value in the small pack by something wrong: errors, never an exception."""
    originals = {f.name: f.read_text(encoding="utf-8") for f in small_copy.glob("*.yaml")}
    tried = 0
    for name, text in originals.items():
        lines = text.splitlines()
        for index, line in enumerate(lines):
            m = re.match(r"^(\s*-?\s*\w+:)\s*\S", line)
            if not m:
                continue
            for mutation in MUTATIONS[index % 3 :: 3]:
                changed = lines[:index] + [f"{m[1]} {mutation}"] + lines[index + 1 :]
                (small_copy / name).write_text("\n".join(changed) + "\n", encoding="utf-8")
                try:
                    load_pack(small_copy)
                except PackErrors as exc:
                    assert all(ERROR_LINE.match(str(e)) for e in exc.errors), exc
                tried += 1
            (small_copy / name).write_text(text, encoding="utf-8")
    assert tried > 100
