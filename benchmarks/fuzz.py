"""Robustness corpus: seeded random inputs through the whole pipeline.

Each input goes through engine.answer (normaliser, spelling, matcher,
handlers) in a conversation shared with a few neighbours (so follow-ups and
pronouns are exercised), then render_plain, render_html, split_message and
answer_json + json.dumps. Any exception is counted and kept with its input;
the expected count is 0. No hypothesis: a seeded generator mixes real question
words, typos, control and format characters, HTML, emoji, right-to-left text,
numbers and dates, and very long strings.
"""

from __future__ import annotations

import json
import random
import time
import traceback
from dataclasses import dataclass, field

from bot.render import answer_json, render_html, render_plain, split_message
from intents.context import Context

CHUNK = 1000  # inputs per deterministic chunk (and per worker task)
TURNS_PER_CONVERSATION = 5

_CONTROL = [chr(c) for c in range(0x20)] + ["\x7f", "\x85", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f",
                                            "\u202a", "\u202e", "\u2066", "\u2069", "\ufeff", "\u2028", "\ufffd"]
_HTML = ["<b>", "</b>", "<i>", "</i>", "<script>alert(1)</script>", "<a href='x'>", "</a>", "&amp;", "&lt;", "&#x27;",
         "<blockquote>", "<br/>", "<<>>", "<b", "</", "<pre><code>", "&nbsp;", "]]>", "<!--", "-->"]
_EMOJI = ["🔥", "👍🏽", "🇦🇫", "👨‍👩‍👧", "⚔️", "💣", "🙏", "😂", "🏳️‍🌈", "\U0001f9ea", "✌🏿", "❤️"]
_RTL = ["معركة درزاب", "كم عدد القتلى", "طالبان", "داعش خراسان", "درزاب ولسوالۍ", "جوزجان", "מי ניצח", "کی برنده شد",
        "طالبانو", "ولایت جوزجان"]
_ODD = ["\u0301", "e\u0301", "ﬁ", "Ⅻ", "ǅ", "ß", "İ", "ﷺ", "𝔡𝔞𝔯𝔷𝔞𝔟", "Ｄａｒｚａｂ", "\ud800", "\udfff", "\U0010ffff",
        "ⓓⓐⓡⓩⓐⓑ", "\u0000", "NaN", "None", "null", "{}", "[]", '{"text": 1}', "\\n", "%s%s%n", "../../etc/passwd"]
_NUMBERS = ["22 july", "july 22nd", "15th of april 2018", "3,500", "1e9", "-5", "0", "99999999999999999999", "2018",
            "31 february", "1 aug", "12.07.2018", "2018-07-12", "⅔", "٣٥٠٠", "12th", "0x1f", "1,000,000.5"]
_PHRASES = ["tell me more", "and the taliban?", "what about him", "who said that", "and there?", "/why", "/start",
            "and?", "what about the wounded", "more", "in total", "both sides", "yes", "no", "ok"]


@dataclass
class Result:
    inputs: int = 0
    exceptions: int = 0
    empty_replies: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (repr(input), traceback tail)
    latencies_ms: list[float] = field(default_factory=list)
    seconds: float = 0.0

    def merge(self, other: Result) -> None:
        self.inputs += other.inputs
        self.exceptions += other.exceptions
        self.empty_replies += other.empty_replies
        self.failures += other.failures[: max(0, 20 - len(self.failures))]
        self.latencies_ms += other.latencies_ms


def vocabulary(engine) -> list[str]:
    """Real words: the intents' example questions and the pack's names."""
    words: list[str] = []
    for spec in engine.intents:
        for q in spec.examples:
            words += q.split()
    pack = engine.kb.pack
    for table in (pack.people, pack.places, pack.groups, pack.sources):
        for entity in table.values():
            words += entity.name.split()
            for alias in entity.aliases:
                words += alias.split()
    return sorted(set(words))


class Generator:
    def __init__(self, words: list[str], questions: list[str], rng: random.Random):
        self.words, self.questions, self.rng = words, questions, rng

    def typo(self, word: str) -> str:
        rng = self.rng
        for _ in range(rng.choice((1, 1, 2, 3))):
            i = rng.randrange(len(word) + 1)
            op = rng.randrange(5)
            c = rng.choice("abcdefghijklmnopqrstuvwxyz'-")
            if op == 0:
                word = word[:i] + c + word[i + 1 :]
            elif op == 1:
                word = word[:i] + word[i + 1 :]
            elif op == 2:
                word = word[:i] + c + word[i:]
            elif op == 3 and i + 1 < len(word):
                word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
            else:
                word = word.upper() if rng.random() < 0.5 else word.swapcase()
        return word

    def piece(self) -> str:
        rng = self.rng
        kind = rng.randrange(12)
        if kind <= 3:
            return rng.choice(self.words)
        if kind == 4:
            return self.typo(rng.choice(self.words))
        if kind == 5:
            return rng.choice(_CONTROL)
        if kind == 6:
            return rng.choice(_HTML)
        if kind == 7:
            return rng.choice(_EMOJI)
        if kind == 8:
            return rng.choice(_RTL)
        if kind == 9:
            return rng.choice(_ODD)
        if kind == 10:
            return rng.choice(_NUMBERS)
        return rng.choice(_PHRASES)

    def text(self) -> str:
        rng = self.rng
        shape = rng.random()
        if shape < 0.25:  # a real question, perhaps with typos and decorations
            words = rng.choice(self.questions).split()
            words = [self.typo(w) if rng.random() < 0.2 else w for w in words]
            if rng.random() < 0.5:
                words.insert(rng.randrange(len(words) + 1), self.piece())
            return " ".join(words)
        if shape < 0.85:  # a mix of pieces
            seps = (" ", " ", " ", "", "\n", "\t", ", ", "?", "!!", "...", "\u00a0")
            return "".join(self.piece() + rng.choice(seps) for _ in range(rng.randrange(1, 14)))
        if shape < 0.93:  # very long
            unit = self.piece() + rng.choice((" ", ""))
            return unit * rng.randrange(50, 5000)
        if shape < 0.97:  # random code points, any plane
            return "".join(chr(rng.randrange(0x110000)) for _ in range(rng.randrange(0, 60)))
        return rng.choice(("", " ", "\n", "?", "??", "...", "\x00", "\u200b", "<b></b>", "🔥"))


def check(engine, text: str, context: Context) -> bool:
    """Run one input through every stage; False when the reply has no text."""
    answer = engine.answer(text, context)
    render_plain(answer)
    html_text = render_html(answer)
    split_message(html_text)
    json.dumps(answer_json(answer), ensure_ascii=False)
    return bool(answer.parts)


def run_chunk(engine, seed: int, chunk: int, count: int = CHUNK, keep_latency: bool = True) -> Result:
    rng = random.Random(seed * 1_000_003 + chunk)
    questions = [q for spec in engine.intents for q in spec.examples]
    gen = Generator(vocabulary(engine), questions, rng)
    result = Result()
    context = Context()
    clock = time.perf_counter_ns
    for i in range(count):
        if i % TURNS_PER_CONVERSATION == 0:
            context = Context()
        text = gen.text()
        start = clock()
        try:
            if not check(engine, text, context):
                result.empty_replies += 1
        except Exception:
            result.exceptions += 1
            if len(result.failures) < 20:
                result.failures.append((repr(text)[:300], traceback.format_exc(limit=-3)))
            context = Context()
        if keep_latency:
            result.latencies_ms.append((clock() - start) / 1e6)
        result.inputs += 1
    return result


_ENGINE = None


def _worker(args: tuple[str | None, int, int, int]) -> Result:
    global _ENGINE
    pack, seed, chunk, count = args
    if _ENGINE is None:
        from intents.engine import Engine

        _ENGINE = Engine.load(pack)
    return run_chunk(_ENGINE, seed, chunk, count)


def run(total: int = 100_000, seed: int = 2018, workers: int = 1, pack: str | None = None, engine=None) -> Result:
    """``total`` inputs in chunks of CHUNK; with ``workers`` > 1, in that many processes."""
    chunks = [(pack, seed, k, min(CHUNK, total - k * CHUNK)) for k in range((total + CHUNK - 1) // CHUNK)]
    result = Result()
    start = time.perf_counter()
    if workers > 1:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for part in pool.imap_unordered(_worker, chunks):
                result.merge(part)
    else:
        if engine is None:
            from intents.engine import Engine

            engine = Engine.load(pack)
        for _, s, k, n in chunks:
            result.merge(run_chunk(engine, s, k, n))
    result.seconds = time.perf_counter() - start
    return result
