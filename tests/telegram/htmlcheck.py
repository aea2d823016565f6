"""Check text the way Telegram parses parse_mode=HTML, and return what the user sees."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# https://core.telegram.org/bots/api#html-style
ALLOWED = {
    "b": set(), "strong": set(), "i": set(), "em": set(), "u": set(), "ins": set(),
    "s": set(), "strike": set(), "del": set(), "tg-spoiler": set(), "span": {"class"},
    "a": {"href"}, "code": {"class"}, "pre": set(), "blockquote": {"expandable"}, "tg-emoji": {"emoji-id"},
}
NAMED_ENTITIES = {"lt", "gt", "amp", "quot"}


class TelegramHTMLError(ValueError):
    pass


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED:
            raise TelegramHTMLError(f"unsupported start tag <{tag}>")
        for name, _ in attrs:
            if name not in ALLOWED[tag]:
                raise TelegramHTMLError(f"unsupported attribute {name} on <{tag}>")
        self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        raise TelegramHTMLError(f"self-closing tag <{tag}/>")

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            raise TelegramHTMLError(f"unmatched end tag </{tag}> (open: {self.stack})")
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)

    def handle_entityref(self, name):
        if name not in NAMED_ENTITIES:
            raise TelegramHTMLError(f"unsupported entity &{name};")
        self.text.append(html.unescape(f"&{name};"))

    def handle_charref(self, name):
        self.text.append(html.unescape(f"&#{name};"))

    def handle_comment(self, data):
        raise TelegramHTMLError("comments are not allowed")


def telegram_html_text(source: str) -> str:
    """The visible text of ``source``; TelegramHTMLError where Telegram would refuse it."""
    for match in re.finditer(r"<", source):
        if not re.match(r"</?[a-z][a-z-]*[\s>/]", source[match.start():match.start() + 40]):
            raise TelegramHTMLError(f"a bare '<' at offset {match.start()}")
    for match in re.finditer(r"&", source):
        if not re.match(r"&(#\d+|#x[0-9a-fA-F]+|[a-z]+);", source[match.start():match.start() + 12]):
            raise TelegramHTMLError(f"a bare '&' at offset {match.start()}")
    parser = _Parser()
    parser.feed(source)
    parser.close()
    if parser.stack:
        raise TelegramHTMLError(f"unclosed tags: {parser.stack}")
    return "".join(parser.text)
