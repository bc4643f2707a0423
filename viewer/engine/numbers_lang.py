"""Figures written the German, French or Spanish way, as the same values as English ones.

``extract_figures_in(text, language)`` returns :class:`~viewer.engine.numbers.Figure` objects
whose ``value`` equals the English extractor's for the same quantity, so
:func:`~viewer.engine.numbers.compare_figures` compares an article with its translation by value
whatever the writing: "48 Millionen Dollar" = "48 millions de dollars" = "$48 million";
"1.400" (de, es) = "1 400" (fr) = "1,400"; "22 Prozent" = "22 %" = "22%"; "3,5" = "3.5";
"24. Januar" = "24 janvier" = "24 de enero" = "January 24"; "Dienstag" = "mardi" = "Tuesday";
"vier" = "quatre" = "cuatro" = "four". A score "7 zu 2" / "7 contre 2" / "7 a 2" is two counts,
as "7-2" is in English.

English (and any language without rules here) goes to the English extractor unchanged.
Deliberately not figures, as in English: the words for "one"/"a" ("ein", "un", "une"), which
are articles as often as numbers, and the French "neuf", which is also "new".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from .numbers import Figure, extract_figures

__all__ = ["NUMBER_LANGUAGES", "extract_figures_in"]

_MONTH_NAMES_EN = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class _Language:
    months: tuple[tuple[str, ...], ...]  # the names (and abbreviations) of each month, in order
    weekdays: tuple[str, ...]
    spelled: dict[str, int]
    scales: dict[str, int]  # word (lower case, without a final stop) -> power of ten
    currencies: dict[str, str]
    percent: str  # regex of the words for "percent"
    points: str  # regex of the words for "percentage points"
    number: str  # regex of a number as the language writes it
    thousands: str  # the thousands separators to remove
    date: str  # regex with groups day, month, year (optional)
    connector: str  # regex between a scale and a currency word ("de", "d'")


def _spelled(words: str, start: int = 2) -> dict[str, int]:
    return {w: n for n, w in enumerate(words.split(), start=start)}


_DE = _Language(
    months=(
        ("januar", "jänner", "jan"), ("februar", "feb"), ("märz", "mär"), ("april", "apr"),
        ("mai",), ("juni", "jun"), ("juli", "jul"), ("august", "aug"),
        ("september", "sep", "sept"), ("oktober", "okt"), ("november", "nov"),
        ("dezember", "dez"),
    ),
    weekdays=("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"),
    spelled=_spelled(
        "zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn fünfzehn "
        "sechzehn siebzehn achtzehn neunzehn zwanzig"
    ),
    scales={
        "tausend": 3, "tsd": 3, "million": 6, "millionen": 6, "mio": 6, "milliarde": 9,
        "milliarden": 9, "mrd": 9, "billion": 12, "billionen": 12,
    },
    currencies={
        "dollar": "$", "us-dollar": "$", "euro": "€", "pfund": "£", "yen": "¥", "$": "$",
        "€": "€", "£": "£",
    },
    percent=r"prozent\b|%",
    points=r"prozentpunkte?n?\b",
    number=r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?",
    thousands=".",
    date=r"(?P<day>\d{{1,2}})\.\s*(?P<month>{months})\.?(?:\s+(?P<year>\d{{4}})\b)?",
    connector=r"",
)
_FR = _Language(
    months=(
        ("janvier", "janv"), ("février", "févr", "fevrier"), ("mars",), ("avril", "avr"),
        ("mai",), ("juin",), ("juillet", "juil"), ("août", "aout"), ("septembre", "sept"),
        ("octobre", "oct"), ("novembre", "nov"), ("décembre", "déc", "decembre"),
    ),
    weekdays=("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    spelled={
        **_spelled("deux trois quatre cinq six sept huit"),
        **_spelled("dix onze douze treize quatorze quinze seize", start=10),
        "vingt": 20,
    },
    scales={"mille": 3, "million": 6, "millions": 6, "milliard": 9, "milliards": 9},
    currencies={
        "dollar": "$", "dollars": "$", "euro": "€", "euros": "€", "livre": "£", "livres": "£",
        "yens": "¥", "yen": "¥", "$": "$", "€": "€", "£": "£",
    },
    percent=r"pour\s+cent\b|%",
    points=r"points?(?:\s+de\s+pourcentage)?\b",
    number=r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|\d+(?:,\d+)?",
    thousands=" \u00a0\u202f",
    date=r"(?P<day>\d{{1,2}}|1er)\s+(?P<month>{months})\.?(?:\s+(?P<year>\d{{4}})\b)?",
    connector=r"(?:\s+de|\s+d['’])?",
)
_ES = _Language(
    months=(
        ("enero", "ene"), ("febrero", "feb"), ("marzo", "mar"), ("abril", "abr"), ("mayo",),
        ("junio", "jun"), ("julio", "jul"), ("agosto", "ago"), ("septiembre", "setiembre", "sept"),
        ("octubre", "oct"), ("noviembre", "nov"), ("diciembre", "dic"),
    ),
    weekdays=("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    spelled=_spelled(
        "dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince "
        "dieciséis diecisiete dieciocho diecinueve veinte"
    ),
    scales={
        "mil": 3, "millón": 6, "millones": 6, "mil millones": 9, "millardo": 9,
        "millardos": 9, "billón": 12, "billones": 12,
    },
    currencies={
        "dólar": "$", "dólares": "$", "euro": "€", "euros": "€", "libra": "£", "libras": "£",
        "yenes": "¥", "$": "$", "€": "€", "£": "£",
    },
    percent=r"por\s+ciento\b|%",
    points=r"puntos?\s+porcentuales?\b",
    number=r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?",
    thousands=".",
    date=r"(?P<day>\d{{1,2}})\s+de\s+(?P<month>{months})(?:\s+de(?:l)?\s+(?P<year>\d{{4}})\b)?",
    connector=r"(?:\s+de)?",
)
_LANGUAGES = {"de": _DE, "fr": _FR, "es": _ES}
NUMBER_LANGUAGES = ("en", *_LANGUAGES)
"""Languages whose ways of writing figures are known (others are read as English)."""


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class _Pattern:
    """The compiled pattern of one language, and how to read what it matched."""

    def __init__(self, lang: _Language) -> None:
        self.lang = lang
        self.month_of = {name: n for n, names in enumerate(lang.months, 1) for name in names}
        months = _alternatives(self.month_of)
        scales = _alternatives(lang.scales)
        currencies = _alternatives(lang.currencies)
        spelled = _alternatives(lang.spelled)
        weekdays = _alternatives(lang.weekdays)
        # Alternation order matters: a date before a plain number, money before a count.
        self.regex = re.compile(
            rf"""
            (?<![\w.,])(?:
              (?P<date>{lang.date.format(months=months)})
            | (?P<money1>(?P<sign>[$€£])\s?(?P<mnum>{lang.number})
                  (?:\s?(?P<mscale>{scales})\b\.?)?)
            | (?P<plain>(?P<num>{lang.number}|(?:{spelled})\b)
                  (?:\s?(?P<scale>{scales})(?:\b|(?<=\.)))?\.?
                  (?:\s?(?P<points>{lang.points})|\s?(?P<pct>{lang.percent}))?
                  (?:{lang.connector}\s?(?P<cur>{currencies})(?:\b|(?<=[$€£])))?)
            | (?P<monthonly>\b(?:{months})\b)
            | (?P<weekday>\b(?:{weekdays})\b)
            )
            """,
            re.VERBOSE | re.IGNORECASE,
        )

    def number(self, raw: str) -> Decimal | None:
        word = raw.lower()
        if word in self.lang.spelled:
            return Decimal(self.lang.spelled[word])
        digits = raw
        for sep in self.lang.thousands:
            digits = digits.replace(sep, "")
        try:
            return Decimal(digits.replace(",", "."))
        except InvalidOperation:
            return None

    def scaled(self, number: Decimal, scale: str | None) -> Decimal:
        if not scale:
            return number
        key = " ".join(scale.lower().rstrip(".").split())
        return number.scaleb(self.lang.scales.get(key, 0)).normalize()


_PATTERNS: dict[str, _Pattern] = {}


def _pattern(language: str) -> _Pattern:
    found = _PATTERNS.get(language)
    if found is None:
        found = _PATTERNS[language] = _Pattern(_LANGUAGES[language])
    return found


def extract_figures_in(text: str, language: str, *, sentence: int = -1) -> list[Figure]:
    """Every figure in ``text`` written in ``language`` (ISO 639-1), with English values."""
    if language not in _LANGUAGES:
        return extract_figures(text, sentence=sentence)
    p = _pattern(language)
    out: list[Figure] = []
    for m in p.regex.finditer(text):
        figure = _figure(p, m, out)
        if figure is not None:
            out.extend(figure)
    if sentence >= 0:
        out = [replace(f, sentence=sentence) for f in out]
    return out


def _figure(p: _Pattern, m: re.Match[str], out: list[Figure]) -> list[Figure] | None:
    written = " ".join(m.group().split())
    if m.group("date"):
        day_text = m.group("day").lower().replace("er", "")
        day = int(day_text)
        month = p.month_of[m.group("month").lower().rstrip(".")]
        if not 1 <= day <= 31:
            return None
        found = [Figure("date", (month, day), written, m.start())]
        if m.group("year"):
            found.append(Figure("count", (Decimal(m.group("year")),), m.group("year"), m.start("year")))
        return found
    if m.group("monthonly"):
        # "mai"/"mayo" (May) is also a name or a word; only counted with a capital or a number
        word = m.group().lower()
        if word in ("mai", "mayo", "mars") and not m.group()[0].isupper():
            following = m.string[m.end() : m.end() + 10]
            if not re.match(r"\s+(?:de\s+)?\d{4}", following):
                return None
        return [Figure("date", (p.month_of[word], None), written, m.start())]
    if m.group("weekday"):
        index = p.lang.weekdays.index(m.group().lower())
        return [Figure("weekday", (_WEEKDAYS_EN[index],), written, m.start())]
    if m.group("money1"):
        number = p.number(m.group("mnum"))
        if number is None:
            return None
        value = p.scaled(number, m.group("mscale"))
        return [Figure("money", (p.lang.currencies[m.group("sign")], value), written, m.start())]
    number = p.number(m.group("num"))
    if number is None:
        return None
    value = p.scaled(number, m.group("scale"))
    if m.group("cur"):
        sign = p.lang.currencies[m.group("cur").lower()]
        return [Figure("money", (sign, value), written, m.start())]
    if m.group("pct"):
        return [Figure("percent", (value.normalize(), "%"), written, m.start())]
    if m.group("points"):
        return [Figure("percent", (value.normalize(), "points"), written, m.start())]
    return [Figure("count", (value.normalize(),), written, m.start())]
