"""`python -m benchmarks [--quick] [--only NAME ...]`: print the performance tables.

Benchmarks (names for --only): latency, scale, coldstart, repl, telegram, bm25,
fuzz, malformed. Goals: p99 <= 2 ms a question on the bundled pack and <= 10 ms
on the 100x pack, `ask` cold start <= 300 ms, its peak RSS <= 60 MB, 0 fuzz
exceptions.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

from . import devset
from .stats import fmt_ms, percentile, table

NAMES = ("latency", "scale", "coldstart", "repl", "telegram", "bm25", "fuzz", "malformed")
GOALS = {"p99_1x": 2.0, "p99_100x": 10.0, "cold_ms": 300.0, "rss_mb": 60.0}


def machine() -> list[str]:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        uname = subprocess.run(["uname", "-a"], capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        uname = " ".join(platform.uname())
    import os

    return [f"Machine: {uname}", f"CPU: {cpu} ({os.cpu_count()} logical CPUs)",
            f"Python: {platform.python_implementation()} {platform.python_version()}"]


def _status(value: float, goal: float) -> str:
    return "ok" if value <= goal else "MISSED"


def _lat_row(label: str, items: int, load_s: float, run) -> list[object]:
    lat = run.latencies_ms
    acc = run.accuracy()
    return [label, items, f"{load_s:.2f}", len(lat), fmt_ms(percentile(lat, 50)), fmt_ms(percentile(lat, 95)),
            fmt_ms(percentile(lat, 99)), fmt_ms(max(lat) if lat else float("nan")), len(run.errors),
            f"{acc['accuracy']:.1%}"]


LAT_HEADERS = ["pack", "items", "load s", "timed answers", "p50 ms", "p95 ms", "p99 ms", "max ms", "exceptions",
               "dev-set accuracy"]


def bench_latency(args, out: dict) -> list[str]:
    from bot.loading import load_engine

    from . import latency

    dialogues, described = devset.load(args.questions)
    start = time.perf_counter()
    engine = load_engine(None)
    load_s = time.perf_counter() - start
    run = latency.measure(engine, dialogues, passes=args.passes)
    items = sum(len(getattr(engine.kb.pack, t)) for t in _tables())
    out["latency"] = {"questions": described, "p50": percentile(run.latencies_ms, 50),
                      "p95": percentile(run.latencies_ms, 95), "p99": percentile(run.latencies_ms, 99),
                      "errors": run.errors[:10], "accuracy": run.accuracy(), "load_s": load_s}
    out["_engine"] = engine
    out["_dialogues"] = dialogues
    lines = [f"Questions: {described}; {args.passes} timed passes after a warm-up pass, spelling cache cleared "
             "before each pass; each timing is Conversations.ask + answer_json + json.dumps.",
             table(LAT_HEADERS, [_lat_row("bundled (1x)", items, load_s, run)])]
    lines += [f"  exception: {q!r}: {e}" for q, e in run.errors[:10]]
    return lines


def _tables() -> tuple[str, ...]:
    from .synthetic import TABLES

    return TABLES


def bench_scale(args, out: dict) -> list[str]:
    from bot.loading import load_engine

    from . import latency, synthetic

    dialogues, described = devset.load(args.questions)
    rows, notes = [], []
    out["scale"] = {}
    for factor in args.factors:
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            path = synthetic.write_pack(Path(tmp) / f"pack-{factor}x", factor, seed=args.seed)
            gen_s = time.perf_counter() - start
            start = time.perf_counter()
            # as the commands load it (collector frozen), but always built: a temporary pack's engine
            # snapshot would never be read again, and "load s" measures the build
            with mock.patch.dict(os.environ, {"DARZAB_BOT_NO_CACHE": "1"}):
                engine = load_engine(str(path))
            load_s = time.perf_counter() - start
            run = latency.measure(engine, dialogues, passes=max(1, args.passes // 2) if factor >= 100 else args.passes)
            items = sum(synthetic.sizes(engine.kb.pack).values())
            rows.append(_lat_row(f"synthetic {factor:g}x", items, load_s, run))
            vocabulary = len(engine.understanding.spelling.known)
            notes.append(f"{factor:g}x: generated in {gen_s:.1f} s; vocabulary {vocabulary} words; "
                         f"tables {synthetic.sizes(engine.kb.pack)}")
            notes += [f"  exception ({factor:g}x): {q!r}: {e}" for q, e in run.errors[:5]]
            slow = sorted(zip(run.latencies_ms, [t.question for d in dialogues for t in d] * args.passes,
                              strict=False), reverse=True)[:3]
            notes.append(f"  slowest ({factor:g}x): " + "; ".join(f"{ms:.1f} ms {q!r}" for ms, q in slow))
            out["scale"][f"{factor:g}x"] = {"p50": percentile(run.latencies_ms, 50),
                                            "p95": percentile(run.latencies_ms, 95),
                                            "p99": percentile(run.latencies_ms, 99), "load_s": load_s,
                                            "errors": len(run.errors), "accuracy": run.accuracy()["accuracy"]}
    return [f"Questions: {described}.", table(LAT_HEADERS, rows), *notes]


def bench_coldstart(args, out: dict) -> list[str]:
    from . import process

    res = process.ask_cold(runs=args.cold_runs)
    out["coldstart"] = res
    return [table(["measure", "value", "goal", ""], [
        [f'`python -m bot ask "who won"` wall time, median of {res["runs"]}', f'{res["cold_ms"]:.0f} ms',
         f'<= {GOALS["cold_ms"]:.0f} ms', _status(res["cold_ms"], GOALS["cold_ms"])],
        ["its peak RSS (max of runs, wait4 ru_maxrss)", f'{res["rss_mb"]:.1f} MB', f'<= {GOALS["rss_mb"]:.0f} MB',
         _status(res["rss_mb"], GOALS["rss_mb"])],
    ])]


def bench_repl(args, out: dict) -> list[str]:
    from . import process

    res = process.repl_start(runs=args.repl_runs)
    out["repl"] = res
    value = "n/a" if res["repl_ms"] != res["repl_ms"] else f'{res["repl_ms"]:.0f} ms'
    return [f"REPL start-up (`python -m bot` in a pty, time to first prompt, median of {res['runs']}"
            f"{'' if 'note' not in res else ', ' + res['note']}): {value}"]


def bench_telegram(args, out: dict) -> list[str]:
    from . import telegram_bench

    rounds = 1 if args.quick else 3
    res = telegram_bench.run(chats=100, rounds=rounds)
    out["telegram"] = res
    if res["status"] != "ok":
        return [f"Telegram front-end, 100 concurrent chats via the loopback Bot API emulator: {res['status']}"]
    free = telegram_bench.run(chats=100, rounds=rounds, unthrottled=True)
    out["telegram_unthrottled"] = free
    rows = []
    for label, r in (("production Settings (paced at Telegram's 30 msg/s)", res),
                     ("pacing and per-user throttle lifted", free)):
        if r["status"] == "ok":
            rows.append([label, f"{r['replies_per_s']:.0f}", fmt_ms(r["p50_ms"]), fmt_ms(r["p99_ms"])])
        else:
            rows.append([label, r["status"], "", ""])
    return [f"100 chats each send a question at once, {rounds} round(s); latency = injection to the emulator "
            "answering sendMessage (bot and emulator share one event loop on loopback).",
            table(["settings", "replies/s", "p50 ms", "p99 ms"], rows)]


def bench_bm25(args, out: dict) -> list[str]:
    from intents.engine import Engine

    from . import bm25, latency

    try:
        import rank_bm25  # noqa: F401
    except ImportError:
        return ["BM25 baseline: n/a (pip install rank-bm25, the `bench` extra)"]
    engine = out.get("_engine") or Engine.load(None)
    dialogues = out.get("_dialogues") or devset.load(args.questions)[0]
    base = bm25.run(engine.kb, dialogues)
    ours = latency.measure(engine, dialogues, passes=1)
    ours_acc = ours.accuracy()
    rows = []
    for name, summary, lat in (("darzab-bot", ours_acc, ours.latencies_ms),
                               (f"BM25 best sentence (threshold {base.threshold:.2f})", base.summary,
                                base.latencies_ms)):
        rows.append([name, f"{summary['accuracy']:.1%}", f"{summary['in_scope_correct']}/{summary['in_scope']}",
                     f"{summary['declined']}/{summary['out_of_scope']}", fmt_ms(percentile(lat, 50)),
                     fmt_ms(percentile(lat, 99))])
    out["bm25"] = {"threshold": base.threshold, "summary": base.summary, "ours": ours_acc}
    return [f"BM25 over {base.n_sentences} pack sentences (quotes, facts, events, summary); threshold picked "
            "on the dev set itself (the best any threshold does), no conversation context.",
            table(["system", "accuracy", "in scope correct", "out of scope declined", "p50 ms", "p99 ms"], rows)]


def bench_fuzz(args, out: dict) -> list[str]:
    import os

    from . import fuzz

    workers = min(2, os.cpu_count() or 1) if args.fuzz >= 10_000 else 1
    res = fuzz.run(total=args.fuzz, seed=args.seed or 2018, workers=workers)
    out["fuzz"] = {"inputs": res.inputs, "exceptions": res.exceptions, "empty_replies": res.empty_replies,
                   "failures": res.failures[:10], "seconds": res.seconds}
    lines = [table(["inputs", "exceptions", "empty replies", "p50 ms", "p99 ms", "max ms", "wall s", "workers"], [[
        res.inputs, res.exceptions, res.empty_replies, fmt_ms(percentile(res.latencies_ms, 50)),
        fmt_ms(percentile(res.latencies_ms, 99)), fmt_ms(max(res.latencies_ms, default=float("nan"))),
        f"{res.seconds:.0f}", workers]])]
    for text, tb in res.failures[:10]:
        last = tb.strip().splitlines()
        where = next((ln.strip() for ln in reversed(last) if ln.strip().startswith("File ")), "")
        lines.append(f"  exception on input {text[:120]}: {last[-1] if last else '?'} ({where})")
    return lines


def bench_malformed(args, out: dict) -> list[str]:
    from knowledge import PackErrors, load_pack

    from . import malformed

    ok, bad = 0, []
    with tempfile.TemporaryDirectory() as tmp:
        for case in malformed.CASES:
            if case.slow and args.quick:
                continue
            root = Path(tmp) / case.name
            expected = malformed.build(case, root)
            try:
                load_pack(root)
                bad.append(f"{case.name}: loaded without error")
            except PackErrors as exc:
                if malformed.matches(expected, exc.errors, root):
                    ok += 1
                else:
                    bad.append(f"{case.name}: {[str(e) for e in exc.errors][:2]}")
            except Exception as exc:  # the point of the corpus: this must not happen
                bad.append(f"{case.name}: {type(exc).__name__}: {exc}")
    out["malformed"] = {"ok": ok, "bad": bad}
    return [f"Malformed packs: {ok}/{ok + len(bad)} give the expected file:line: message via PackErrors "
            "(tests/test_malformed_packs.py also checks `python -m bot check` exits 1 without a traceback)",
            *[f"  {b}" for b in bad]]


BENCHES = {"latency": bench_latency, "scale": bench_scale, "coldstart": bench_coldstart, "repl": bench_repl,
           "telegram": bench_telegram, "bm25": bench_bm25, "fuzz": bench_fuzz, "malformed": bench_malformed}
TITLES = {"latency": "Latency, bundled pack (warm, batch mode)", "scale": "Latency on synthetic packs",
          "coldstart": "`ask` cold start", "repl": "REPL start-up", "telegram": "Telegram front-end",
          "bm25": "Baseline: BM25 best sentence", "fuzz": "Fuzz: the whole pipeline",
          "malformed": "Malformed packs"}


def summary_rows(out: dict) -> list[list[str]]:
    rows = []
    if "latency" in out:
        p99 = out["latency"]["p99"]
        rows.append(["p99 a question, bundled pack", f"{fmt_ms(p99)} ms", "<= 2 ms", _status(p99, GOALS["p99_1x"])])
    for name, res in out.get("scale", {}).items():
        goal = GOALS["p99_100x"] if name == "100x" else None
        rows.append([f"p99 a question, {name} pack", f"{fmt_ms(res['p99'])} ms", f"<= {goal:g} ms" if goal else "-",
                     _status(res["p99"], goal) if goal else "-"])
    if "coldstart" in out:
        c = out["coldstart"]
        rows.append(["`ask` cold start (median)", f"{c['cold_ms']:.0f} ms", "<= 300 ms",
                     _status(c["cold_ms"], GOALS["cold_ms"])])
        rows.append(["`ask` peak RSS", f"{c['rss_mb']:.1f} MB", "<= 60 MB", _status(c["rss_mb"], GOALS["rss_mb"])])
    if "repl" in out and out["repl"]["repl_ms"] == out["repl"]["repl_ms"]:
        rows.append(["REPL time to first prompt (median)", f"{out['repl']['repl_ms']:.0f} ms", "-", "-"])
    if "telegram" in out:
        t = out["telegram"]
        value = t["status"] if t["status"] != "ok" else f"{t['replies_per_s']:.0f}/s, p99 {fmt_ms(t['p99_ms'])} ms"
        rows.append(["Telegram, 100 chats (production pacing)", value, "-", "-"])
        f = out.get("telegram_unthrottled")
        if f and f["status"] == "ok":
            rows.append(["Telegram, 100 chats (pacing lifted)",
                         f"{f['replies_per_s']:.0f}/s, p99 {fmt_ms(f['p99_ms'])} ms", "-", "-"])
    if "fuzz" in out:
        f = out["fuzz"]
        rows.append([f"fuzz exceptions ({f['inputs']:,} inputs)", str(f["exceptions"]), "0",
                     "ok" if f["exceptions"] == 0 else "MISSED"])
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a fast run: fewer passes and runs, 10x pack only")
    parser.add_argument("--only", action="append", choices=NAMES, metavar="NAME",
                        help=f"run only this benchmark (repeatable): {', '.join(NAMES)}")
    parser.add_argument("--questions", type=Path, help="question file (default: tests/devset/questions.yaml)")
    parser.add_argument("--passes", type=int, help="timed passes over the questions (default 5, quick 2)")
    parser.add_argument("--fuzz", type=int, help="fuzz inputs (default 100,000, quick 5,000)")
    parser.add_argument("--factors", help="synthetic pack sizes, e.g. 10,100 (default; quick: 10)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    args = parser.parse_args(argv)
    args.passes = args.passes or (2 if args.quick else 5)
    args.fuzz = args.fuzz if args.fuzz is not None else (5_000 if args.quick else 100_000)
    args.factors = [float(f) for f in (args.factors or ("10" if args.quick else "10,100")).split(",")]
    args.factors = [int(f) if f.is_integer() else f for f in args.factors]
    args.cold_runs = 3 if args.quick else 7
    args.repl_runs = 2 if args.quick else 5
    selected = args.only or list(NAMES)

    print("# darzab-bot benchmarks\n")
    print("\n".join(machine()))
    print(f"Command: python -m benchmarks {' '.join(argv if argv is not None else sys.argv[1:])}".rstrip())
    out: dict = {}
    for name in NAMES:
        if name not in selected:
            continue
        start = time.perf_counter()
        print(f"\n## {TITLES[name]}\n", flush=True)
        print("\n".join(BENCHES[name](args, out)))
        print(f"\n({name}: {time.perf_counter() - start:.0f} s)", flush=True)
    rows = summary_rows(out)
    if rows:
        print("\n## Summary\n")
        print(table(["measure", "value", "goal", ""], rows))
    if args.json:
        raw = {k: v for k, v in out.items() if not k.startswith("_")}
        args.json.write_text(json.dumps(raw, indent=2, default=str), encoding="utf-8")
    return 0
