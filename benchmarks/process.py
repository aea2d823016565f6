"""Whole-process figures: `ask` cold start and peak RSS, REPL time to first prompt."""

from __future__ import annotations

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


def ask_cold(runs: int = 7, question: str = "who won", pack: str | None = None) -> dict[str, float]:
    """Median wall time (ms) and peak RSS (MB) of `python -m bot ask QUESTION`, each its own process."""
    cmd = [sys.executable, "-m", "bot", *(["--pack", pack] if pack else []), "ask", question]
    times, rss = [], []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        if proc.stderr:
            proc.stderr.close()
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {err[-500:]}")
        times.append(elapsed * 1000)
        rss.append(usage.ru_maxrss / 1024)  # KiB on Linux
    return {"cold_ms": median(times), "cold_min_ms": min(times), "rss_mb": max(rss), "runs": runs}


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
