"""Whole-process figures: `ask` cold start and peak RSS, REPL time to first prompt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .stats import median

ROOT = Path(__file__).resolve().parent.parent


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    return env


# Runs the command in a grandchild and reports its own wall time and peak RSS. A child of this
# (big) benchmark process would inherit our high-water mark: Linux folds the pre-exec memory
# into ru_maxrss. Forking from a small fresh interpreter keeps the figure the command's own.
_LAUNCHER = """
import json, os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    fd = os.open(os.devnull, os.O_WRONLY)
    os.dup2(fd, 1)
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
print(json.dumps({"ms": elapsed * 1000, "rss_kb": usage.ru_maxrss, "code": os.waitstatus_to_exitcode(status)}))
"""


def run_measured(cmd: list[str]) -> dict[str, float]:
    """Wall time (ms) and peak RSS (MB) of ``cmd`` (stdout discarded); raises if it fails."""
    proc = subprocess.run([sys.executable, "-S", "-c", _LAUNCHER, *cmd], cwd=ROOT, env=_env(),
                          capture_output=True, text=True, check=False)
    try:
        res = json.loads(proc.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        raise RuntimeError(f"launcher failed: {proc.stderr[-500:]}") from None
    if res["code"] != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {res['code']}: {proc.stderr[-500:]}")
    return {"ms": res["ms"], "rss_mb": res["rss_kb"] / 1024}


def ask_cold(runs: int = 7, question: str = "who won", pack: str | None = None) -> dict[str, float]:
    """Median wall time (ms) and peak RSS (MB) of `python -m bot ask QUESTION`, each its own process."""
    cmd = [sys.executable, "-m", "bot", *(["--pack", pack] if pack else []), "ask", question]
    results = [run_measured(cmd) for _ in range(runs)]
    times = [r["ms"] for r in results]
    return {"cold_ms": median(times), "cold_min_ms": min(times), "rss_mb": max(r["rss_mb"] for r in results),
            "runs": runs}


def repl_start(runs: int = 5, timeout: float = 30.0) -> dict[str, float]:
    """Median time (ms) from spawning `python -m bot` in a pseudo-terminal to its first prompt."""
    try:
        import pexpect
    except ImportError:
        return {"repl_ms": float("nan"), "note": "pexpect not installed"}
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        env = _env() | {"DARZAB_HISTORY": str(Path(tmp) / "history"), "TERM": "dumb"}
        for _ in range(runs):
            start = time.perf_counter()
            child = pexpect.spawn(sys.executable, ["-m", "bot"], cwd=str(ROOT), env=env, encoding="utf-8",
                                  timeout=timeout, dimensions=(40, 120))
            child.expect_exact("> ")
            times.append((time.perf_counter() - start) * 1000)
            child.sendeof()
            child.expect(pexpect.EOF)
            child.close()
    return {"repl_ms": median(times), "runs": runs}
