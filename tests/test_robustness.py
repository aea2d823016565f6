"""Any input gets a reply, never an exception; rendering stays well-formed."""

import json
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.render import answer_json, render_html, render_plain, split_message
from intents.context import Context

ALLOWED_TAGS = {"b", "i", "blockquote"}


class TagChecker(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.bad: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.bad.append(tag)
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.bad.append(f"/{tag}")


def assert_telegram_html(text: str) -> None:
    checker = TagChecker()
    checker.feed(text)
    checker.close()
    assert not checker.bad and not checker.stack, (checker.bad, checker.stack)


nasty = st.one_of(
    st.text(max_size=10_000),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "So"]), max_size=300),
    st.sampled_from(
        [
            "<b>who won</b>?",
            "<script>alert(1)</script> how many taliban were killed",
            "كم عدد القتلى في معركة درزاب؟",
            "מי ניצח",
            "🔥🔥 who won 🔥",
            "\u202ewho won\u202c",
            "x" * 10_000,
            "who " * 2500,
            "\x00\x01\x02",
            "& < > \" '",
            "?",
            "¿?",
        ]
    ),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(question=nasty)
def test_any_input_gets_a_reply(engine, question):
    context = Context()
    answer = engine.answer(question, context)
    assert answer.parts, "every input gets some text back"
    assert render_plain(answer)
    json.dumps(answer_json(answer))
    html_text = render_html(answer)
    assert_telegram_html(html_text)
    for chunk in split_message(html_text):
        assert len(chunk) <= 4096
        assert_telegram_html(chunk)
    # a follow-up after anything still works
    assert engine.answer("and the taliban?", context).parts


def test_html_in_questions_is_escaped(engine):
    answer = engine.answer("<b>how many</b> taliban were <i>killed</i>?", Context())
    html_text = render_html(answer)
    assert_telegram_html(html_text)
    assert answer.answered


def test_long_message_split_on_paragraphs():
    text = "\n\n".join(f"<b>para {n}</b> " + "word " * 300 for n in range(20))
    chunks = split_message(text)
    assert len(chunks) > 1
    assert all(len(c) <= 4096 for c in chunks)
    assert "".join(c.replace("\n\n", "") for c in chunks) == text.replace("\n\n", "")
    for chunk in chunks:
        assert_telegram_html(chunk)
