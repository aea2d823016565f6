"""The REPL in a real pseudo-terminal: a question, /why, a follow-up, Ctrl-D."""

import os
import sys

import pytest

pexpect = pytest.importorskip("pexpect")


def test_repl_session_in_a_pty(tmp_path):
    env = {"DARZAB_BOT_HISTORY": str(tmp_path / "history"), "PATH": "/usr/bin:/bin", "TERM": "dumb",
           "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"]}  # the run's temporary cache (conftest), not ~
    child = pexpect.spawn(sys.executable, ["-m", "bot"], env=env, encoding="utf-8", timeout=30)
    try:
        child.expect("ask me about the Battle of Darzab")
        child.expect("> ")
        child.sendline("how many talibn were killed?")
        child.expect("disputed")
        child.expect(r"\[1\] ")
        child.expect("> ")
        child.sendline("/why")
        child.expect("group:taliban")
        child.expect(r"casualties\s+score")
        child.expect("> ")
        child.sendline("and IS-KP?")
        child.expect("153")
        child.expect("> ")
        child.sendline("/sources")
        child.expect("Mufti Nemat")
        child.expect("> ")
        child.sendeof()
        child.expect("Goodbye")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    assert (tmp_path / "history").exists()  # readline history saved


def test_repl_ctrl_c_exits_cleanly(tmp_path):
    env = {"DARZAB_BOT_HISTORY": str(tmp_path / "history"), "PATH": "/usr/bin:/bin", "TERM": "dumb",
           "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"]}  # the run's temporary cache (conftest), not ~
    child = pexpect.spawn(sys.executable, ["-m", "bot"], env=env, encoding="utf-8", timeout=30)
    child.expect("> ")
    child.sendintr()
    child.expect("Goodbye")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
