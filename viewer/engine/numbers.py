"""Numbers, dates, percentages and money in a sentence, normalised so that one value written two
ways is one value: "40 percent" = "40%", "five" = "5", "$1,000" = "$1000", "$3.2 billion" =
"$3,200 million", "Nov. 29" = "November 29".

``extract_figures`` finds them; ``compare_figures`` compares the figures of a group's original
sentences with those of its rewrite as multisets and says what changed, went missing or was added.
Deliberately not figures: "one" (an article or a pronoun as often as a number: "one of the
reasons", "the one on October 7"), "a", "first", and digits glued to letters ("F-16", "G7",
"COVID-19"), which are names.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

__all__ = ["Figure", "FigureChange", "change_detail", "compare_figures", "extract_figures"]

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_SPELLED = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
    if n >= 2
}
_SPELLED["dozen"] = 12
_VAGUE = ("dozens", "scores", "hundreds", "thousands", "millions", "billions")
_SCALES = {
    "thousand": 3, "million": 6, "billion": 9, "trillion": 12,
    "k": 3, "m": 6, "mn": 6, "mln": 6, "bn": 9, "tn": 12,
}  # fmt: skip
_CURRENCY_SIGNS = {"$": "$", "€": "€", "£": "£", "¥": "¥", "₹": "₹"}
_CURRENCY_WORDS = {
    "dollar": "$", "dollars": "$", "euro": "€", "euros": "€", "pound": "£", "pounds": "£",
    "yen": "¥", "rupees": "₹", "rupee": "₹",
}  # fmt: skip

_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_SPELLED_RE = r"(?i:\b(?:" + "|".join(sorted(_SPELLED, key=len, reverse=True)) + r")\b)"
_DIGITS_RE = r"(?<![\w.,])(?<![^\W\d_]-)(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|(?<![\w.,])\.\d+"
_SCALE_RE = r"(?i:(?:thousand|million|billion|trillion)\b|(?:k|mn|mln|bn|tn|m)\b)"


def _figure_pattern(digits: bool) -> re.Pattern[str]:
    """The figure pattern; without ``digits``, only what a sentence with no digit and no currency
    sign can hold (spelled-out numbers, months, weekdays, "dozens"), which is much cheaper."""
    num = rf"(?:{_DIGITS_RE}|{_SPELLED_RE})" if digits else _SPELLED_RE
    dates = rf"""
    (?P<date>\b(?P<month>{_MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,\d)
        (?:,?\s+(?P<year>\d{{4}})\b)?)
  | (?P<date2>(?<![\w.,])(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{_MONTH_RE})
        (?:,?\s+(?P<year2>\d{{4}})\b)?) |"""
    money = rf"""
  | (?P<money>(?:\b(?:US|A|C|NZ|HK))?(?P<sign>[$€£¥₹])\s?(?P<mnum>{num})
        (?:\s?(?P<mscale>{_SCALE_RE}))?)"""
    return re.compile(
        rf"""
    (?<!\w)(?=[\w$€£¥₹.])  # only at the start of a word: three times faster
    (?:{dates if digits else ""}
    (?P<monthonly>\b(?:January|February|March|April|June|July|August|September|October|November
        |December)\b)
  | (?P<weekday>\b(?:{"|".join(_WEEKDAYS)})\b){money if digits else ""}
  | (?P<plain>(?P<num>{num})
        (?P<suffix>(?:st|nd|rd|th|s)\b)?
        (?:\s?(?P<pct>%|(?i:percent\b|per\s+cent\b|percentage\s+points?\b|pct\b)))?
        (?:\s?(?P<scale>{_SCALE_RE}))?
        (?:\s(?P<cur>(?i:dollars?|euros?|pounds|yen|rupees?)\b))?)
  | (?P<vague>(?i:\b(?:{"|".join(_VAGUE)})\b))
    )
    """,
        re.VERBOSE,
    )


_FIGURE = _figure_pattern(digits=True)
_WORD_FIGURE = _figure_pattern(digits=False)
# Most sentences hold no figure: a cheap look at their words settles it before the full pattern.
_HINT_CHARS = re.compile(r"[\d$€£¥₹]")
_PLAIN_WORD = re.compile(r"[A-Za-z]+")
_HINT_WORDS = frozenset(
    [
        *(w for word in (*_SPELLED, *_VAGUE) for w in (word, word.capitalize(), word.upper())),
        *_MONTH_NAMES,
        *(m.capitalize() for m in _MONTHS),
        *_WEEKDAYS,
    ]
)  # months and weekdays count capitalised only: "may" is a verb
_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to|and|or)\s*\Z", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Figure:
    """One figure in a text: what it is (``kind``), its normalised ``value`` and how it was written.

    ``kind`` is one of "money", "percent", "date", "weekday", "count" (plain numbers, years,
    spelled-out numbers and vague ones such as "dozens"); ``value`` compares equal for one value
    written two ways.
    """

    kind: str
    value: tuple[object, ...]
    text: str
    start: int
    sentence: int = -1


def _decimal(raw: str) -> Decimal | None:
    word = raw.lower()
    if word in _SPELLED:
        return Decimal(_SPELLED[word])
    try:
        return Decimal(raw.replace(",", ""))
    except InvalidOperation:
        return None


def _scaled(number: Decimal, scale: str | None) -> Decimal:
    if not scale:
        return number
    return number.scaleb(_SCALES[scale.lower()]).normalize()


def extract_figures(text: str, *, sentence: int = -1) -> list[Figure]:
    """Every figure in ``text``, in order. A bare number in a range takes the unit of the number
    that closes the range ("40 to 50%" is two percentages). ``sentence`` is stored in each
    figure for the caller's sake."""
    out: list[Figure] = []
    digits = bool(_HINT_CHARS.search(text))
    if not digits and _HINT_WORDS.isdisjoint(_PLAIN_WORD.findall(text)):
        return out
    for m in (_FIGURE if digits else _WORD_FIGURE).finditer(text):
        written = _SPACE.sub(" ", m.group())
        kind = m.lastgroup  # the outermost group of the branch that matched closes last
        if kind in ("date", "date2"):
            month = m.group("month") or m.group("month2")
            day = int(m.group("day") or m.group("day2"))
            month_no = _MONTHS[month.rstrip(".").lower()]
            if not 1 <= day <= 31:
                continue
            year = m.group("year") or m.group("year2")
            shown = f"{_MONTH_NAMES[month_no - 1]} {day}"
            out.append(Figure("date", (month_no, day), shown, m.start()))
            if year:
                out.append(
                    Figure(
                        "count",
                        (Decimal(year),),
                        year,
                        m.start("year" if m.group("year") else "year2"),
                    )
                )
        elif kind == "monthonly":
            out.append(Figure("date", (_MONTHS[m.group().lower()], None), written, m.start()))
        elif kind == "weekday":
            out.append(Figure("weekday", (m.group(),), written, m.start()))
        elif kind == "money":
            number = _decimal(m.group("mnum"))
            if number is not None:
                value = _scaled(number, m.group("mscale"))
                out.append(
                    Figure("money", (_CURRENCY_SIGNS[m.group("sign")], value), written, m.start())
                )
        elif kind == "plain":
            figure = _plain(m, written)
            if figure is not None:
                _inherit_unit(text, out, figure)
                out.append(figure)
        elif kind == "vague":
            out.append(Figure("count", (m.group().lower(),), written, m.start()))
    if sentence >= 0:
        out = [replace(f, sentence=sentence) for f in out]
    return out


def _plain(m: re.Match[str], written: str) -> Figure | None:
    number = _decimal(m.group("num"))
    if number is None:
        return None
    suffix = (m.group("suffix") or "").lower()
    if suffix == "s":  # a decade: "the 1990s"
        return Figure("count", (f"{number}s",), written, m.start())
    value = _scaled(number, m.group("scale"))
    if m.group("cur"):
        return Figure("money", (_CURRENCY_WORDS[m.group("cur").lower()], value), written, m.start())
    if m.group("pct"):
        points = "point" in m.group("pct").lower()
        return Figure(
            "percent", (value.normalize(), "points" if points else "%"), written, m.start()
        )
    return Figure("count", (value.normalize(),), written, m.start())


def _inherit_unit(text: str, out: list[Figure], figure: Figure) -> None:
    """In "40 to 50%" or "3 to 4 dollars" the first number is a percentage or a sum too."""
    if not out or figure.kind == "count":
        return
    prev = out[-1]
    if prev.kind != "count" or len(prev.value) != 1 or not isinstance(prev.value[0], Decimal):
        return
    if not _RANGE_GAP.match(text[prev.start + len(prev.text) : figure.start]):
        return
    number = prev.value[0]
    if figure.kind == "percent":
        out[-1] = Figure("percent", (number, figure.value[1]), prev.text, prev.start)
    elif figure.kind == "money":
        out[-1] = Figure("money", (figure.value[0], number), prev.text, prev.start)


def _key(f: Figure) -> tuple[object, ...]:
    return (f.kind, *f.value)



def change_detail(left: str | None, right: str | None) -> str:
    """How a finding's detail reads: "a → b", "a missing in the rewrite", "b added in the rewrite"."""
    if left and right:
        return f"{left} → {right}"
    if left:
        return f"{left} missing in the rewrite"
    return f"{right} added in the rewrite"

@dataclass(frozen=True)
class FigureChange:
    """A figure of the original (``left``) that the rewrite changed to ``right``, or a figure on
    one side only (the other ``None``)."""

    left: Figure | None
    right: Figure | None

    @property
    def detail(self) -> str:
        return change_detail(self.left.text if self.left else None, self.right.text if self.right else None)


def compare_figures(
    left: Iterable[Figure],
    right: Iterable[Figure],
    *,
    left_nearby: Iterable[Figure] = (),
    right_nearby: Iterable[Figure] = (),
) -> list[FigureChange]:
    """What differs between the figures of linked sentences, compared as multisets of values.

    A value on one side only pairs with a value of the same kind on the other side, in order
    ("40% → 45%"); one mentioned more often on one side than the other pairs too when something
    is left to pair it with ("two soldiers and two civilians" → "two soldiers and three
    civilians": "two → three"), but is no change by itself (a rewrite that repeats "thousands"
    has not changed a figure). What is left over is missing or added, unless a neighbouring
    sentence (``left_nearby``/``right_nearby``: next to the group, in the same paragraph) holds
    it, because then the rewrite only moved it across a sentence boundary.
    """
    lf, rf = list(left), list(right)
    lc, rc = Counter(map(_key, lf)), Counter(map(_key, rf))
    extra_left, extra_right = _excess(lf, lc - rc), _excess(rf, rc - lc)
    new_left = [f for f in extra_left if not rc[_key(f)]]
    new_right = [f for f in extra_right if not lc[_key(f)]]
    more_left = [f for f in extra_left if rc[_key(f)]]
    more_right = [f for f in extra_right if lc[_key(f)]]
    changes = _pair(new_left, new_right) + _pair(new_left, more_right) + _pair(more_left, new_right)
    near_r = {_key(f) for f in right_nearby}
    near_l = {_key(f) for f in left_nearby}
    changes += [FigureChange(f, None) for f in new_left if _key(f) not in near_r]
    changes += [FigureChange(None, f) for f in new_right if _key(f) not in near_l]
    changes.sort(key=_order)
    return changes


def _order(change: FigureChange) -> tuple[int, int, int, int]:
    a, b = change.left, change.right
    return (
        a.sentence if a else 1 << 30,
        a.start if a else 0,
        b.sentence if b else 0,
        b.start if b else 0,
    )


def _pair(left: list[Figure], right: list[Figure]) -> list[FigureChange]:
    """Pairs of the same kind, in order, taken out of both lists."""
    pairs: list[FigureChange] = []
    for f in list(left):
        partner = next((g for g in right if g.kind == f.kind), None)
        if partner is not None:
            left.remove(f)
            right.remove(partner)
            pairs.append(FigureChange(f, partner))
    return pairs


def _excess(figures: list[Figure], extra: Counter[tuple[object, ...]]) -> list[Figure]:
    """The last occurrences of each over-represented value, in document order."""
    out: list[Figure] = []
    for f in reversed(figures):
        k = _key(f)
        if extra[k] > 0:
            extra[k] -= 1
            out.append(f)
    out.reverse()
    return out
