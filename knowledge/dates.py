"""Dates as sources state them: exact days, months, ranges, "by" a day, or vague."""

from __future__ import annotations

import re
from datetime import date

from .records import dataclass

_MONTHS = (
    "January February March April May June July August September October November December"
).split()

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
# "early July", "mid-July", "late July": the part of a month an `around` date names
_PART_OF_MONTH = re.compile(r"\b(early|mid|middle of|late|end of)\b", re.IGNORECASE)
_PARTS = {"early": (1, 10), "mid": (11, 20), "middle of": (11, 20), "late": (21, 31), "end of": (21, 31)}


class DateError(ValueError):
    """A date written in a pack cannot be understood."""


@dataclass(frozen=True)
class DateSpec:
    """A date or span as a source states it.

    ``start``/``end`` bound the span the statement covers (equal for an exact
    day); ``kind`` says how precise it is: ``day``, ``month``, ``year``,
    ``range``, ``by`` (on or before ``end``) or ``approx`` (a vague span such as
    "mid-July"). ``text`` is how to say it to a reader.
    """

    start: date | None
    end: date
    kind: str
    text: str

    def covers(self, day: date) -> bool:
        """Whether ``day`` falls inside the span (``by`` spans have no start)."""
        lower = self.start or date.min
        return lower <= day <= self.end

    def distance(self, day: date) -> int:
        """Days between ``day`` and the nearest edge of the span (0 inside)."""
        if self.covers(day):
            return 0
        if self.start and day < self.start:
            return (self.start - day).days
        return (day - self.end).days

    @property
    def sort_key(self) -> tuple[date, date]:
        return (self.start or self.end, self.end)

    @property
    def iso(self) -> str:
        if self.kind == "day" and self.start:
            return self.start.isoformat()
        if self.start:
            return f"{self.start.isoformat()}/{self.end.isoformat()}"
        return f"../{self.end.isoformat()}"


def day_text(d: date, with_year: bool = True) -> str:
    text = f"{d.day} {_MONTHS[d.month - 1]}"
    return f"{text} {d.year}" if with_year else text


def parse_iso(text: str) -> tuple[date, date, str]:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` into a (start, end, kind)."""
    m = _ISO.match(text.strip())
    if not m:
        raise DateError(f"bad date {text!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(m[1]), m[2], m[3]
    try:
        if day is not None:
            d = date(year, int(month), int(day))
            return d, d, "day"
        if month is not None:
            mo = int(month)
            last = _days_in_month(year, mo) if 1 <= mo <= 12 else 0
            return date(year, mo, 1), date(year, mo, last), "month"
        return date(year, 1, 1), date(year, 12, 31), "year"
    except ValueError as exc:
        raise DateError(f"bad date {text!r}: {exc}") from None


def parse_datespec(value: object) -> DateSpec:
    """Build a DateSpec from pack data.

    A scalar is an ISO date, month or year. A mapping has ``from``/``to`` (a
    range), or ``by`` (on or before), or ``around`` plus ``text`` (vague), and
    may give ``text`` to say how the source put it.
    """
    if isinstance(value, (str, int)):
        start, end, kind = parse_iso(str(value))
        return DateSpec(start, end, kind, _default_text(start, end, kind))
    if not isinstance(value, dict):
        raise DateError(f"bad date {value!r}: expected a string or a mapping")
    unknown = set(value) - {"from", "to", "by", "around", "text"}
    if unknown:
        raise DateError(f"bad date: unknown key(s) {', '.join(sorted(unknown))}")
    text = value.get("text")
    if "by" in value:
        _, end, _ = parse_iso(str(value["by"]))
        return DateSpec(None, end, "by", text or f"by {day_text(end)}")
    if "from" in value and "to" in value:
        start, _, _ = parse_iso(str(value["from"]))
        _, end, _ = parse_iso(str(value["to"]))
        if end < start:
            raise DateError(f"bad date range: {value['to']} is before {value['from']}")
        return DateSpec(start, end, "range", text or _default_text(start, end, "range"))
    if "around" in value:
        start, end, kind = parse_iso(str(value["around"]))
        if not text:
            raise DateError("an 'around' date needs a 'text' saying how the source put it")
        if kind == "month":
            start, end = _narrow_month(start, end, str(text))
        return DateSpec(start, end, "approx", text)
    raise DateError("bad date: a mapping needs 'from' and 'to', 'by', or 'around'")


MONTH_PARTS = frozenset(w for w in _PARTS if " " not in w)  # "early", "mid", "late"


def part_of_month(month: DateSpec, part: str) -> DateSpec:
    """"mid July": the middle third of a month, as a vague span."""
    assert month.start is not None
    start, end = _narrow_month(month.start, month.end, part)
    return DateSpec(start, end, "approx", f"{part}-{_MONTHS[start.month - 1]} {start.year}")


def _narrow_month(start: date, end: date, text: str) -> tuple[date, date]:
    """Narrow a month to its first, middle or last third when the wording says so."""
    m = _PART_OF_MONTH.search(text)
    if not m:
        return start, end
    first, last = _PARTS[m[1].lower()]
    return start.replace(day=first), start.replace(day=min(last, end.day))


def _default_text(start: date, end: date, kind: str) -> str:
    if kind == "day":
        return day_text(start)
    if kind == "month":
        return f"{_MONTHS[start.month - 1]} {start.year}"
    if kind == "year":
        return str(start.year)
    same_year = start.year == end.year
    return f"{day_text(start, with_year=not same_year)} – {day_text(end)}"


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year: int, month: int) -> int:
    """``calendar.monthrange(year, month)[1]`` (proleptic Gregorian), without importing calendar
    at every start for this one number."""
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return _MONTH_DAYS[month - 1] + (month == 2 and leap)
