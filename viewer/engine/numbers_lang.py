"""Figures written the German, French, Spanish, Italian, Dutch or Portuguese way, as the same
values as English ones.

``extract_figures_in(text, language)`` returns :class:`~viewer.engine.numbers.Figure` objects
whose ``value`` equals the English extractor's for the same quantity, so
:func:`~viewer.engine.numbers.compare_figures` compares an article with its translation by value
whatever the writing: "48 Millionen Dollar" = "48 millions de dollars" = "$48 million";
"1.400" (de, es) = "1 400" (fr) = "1,400"; "22 Prozent" = "22 %" = "22%"; "3,5" = "3.5";
"24. Januar" = "24 janvier" = "24 de enero" = "January 24"; "Dienstag" = "mardi" = "Tuesday";
"vier" = "quatre" = "cuatro" = "four". A score "7 zu 2" / "7 contre 2" / "7 a 2" is two counts,
as "7-2" is in English. Italian, Dutch and Portuguese the same way: "48 milioni di dollari" =
"48 miljoen dollar" = "48 milhões de dólares"; "24 gennaio" = "24 januari" = "24 de janeiro";
"martedì" = "dinsdag" = "terça-feira"; "22 per cento" = "22 procent" = "22 por cento". In
Portuguese "bilhão" is the Brazilian 10^9 and "bilião" the European 10^12.

English (and any language without rules here) goes to the English extractor unchanged.
Deliberately not figures, as in English: the words for "one"/"a" ("ein", "un", "une"), which
are articles as often as numbers ("een", "um", "uma" too), and the French "neuf", which is also
"new". In Italian, Dutch and Portuguese a month's abbreviation ("mar", "set", "jan") is a month
only in a date or before a year: alone it is a word or a name as often ("mar" is "sea", "Jan" a
first name).
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
    short_alone: bool = True  # an abbreviated month alone (no day, no year) is a month


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
_IT = _Language(
    months=(
        ("gennaio", "gen"), ("febbraio", "feb"), ("marzo", "mar"), ("aprile", "apr"),
        ("maggio", "mag"), ("giugno", "giu"), ("luglio", "lug"), ("agosto", "ago"),
        ("settembre", "set", "sett"), ("ottobre", "ott"), ("novembre", "nov"),
        ("dicembre", "dic"),
    ),
    weekdays=("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"),
    spelled=_spelled(
        "due tre quattro cinque sei sette otto nove dieci undici dodici tredici quattordici "
        "quindici sedici diciassette diciotto diciannove venti"
    ),
    scales={
        "mila": 3, "mille": 3, "milione": 6, "milioni": 6, "mln": 6, "miliardo": 9,
        "miliardi": 9, "mld": 9, "mrd": 9,
    },
    currencies={
        "dollaro": "$", "dollari": "$", "euro": "€", "sterlina": "£", "sterline": "£",
        "yen": "¥", "$": "$", "€": "€", "£": "£",
    },
    percent=r"per\s+cento\b|%",
    points=r"punt[oi]\s+percentual[ei]\b",
    number=r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?",
    thousands=".",
    date=r"(?P<day>\d{{1,2}})[º°]?\s+(?P<month>{months})\.?(?:\s+(?P<year>\d{{4}})\b)?",
    connector=r"(?:\s+di)?",
    short_alone=False,
)
_NL = _Language(
    months=(
        ("januari", "jan"), ("februari", "feb"), ("maart", "mrt"), ("april", "apr"), ("mei",),
        ("juni", "jun"), ("juli", "jul"), ("augustus", "aug"), ("september", "sep", "sept"),
        ("oktober", "okt"), ("november", "nov"), ("december", "dec"),
    ),
    weekdays=("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    spelled=_spelled(
        "twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien "
        "zestien zeventien achttien negentien twintig"
    ),
    scales={"duizend": 3, "miljoen": 6, "mln": 6, "miljard": 9, "mld": 9, "mrd": 9},
    currencies={
        "dollar": "$", "euro": "€", "pond": "£", "yen": "¥", "$": "$", "€": "€", "£": "£",
    },
    percent=r"procent\b|%",
    points=r"procentpunt(?:en)?\b",
    number=r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?",
    thousands=".",
    date=r"(?P<day>\d{{1,2}})\s+(?P<month>{months})\.?(?:\s+(?P<year>\d{{4}})\b)?",
    connector=r"",
    short_alone=False,
)
_PT = _Language(
    months=(
        ("janeiro", "jan"), ("fevereiro", "fev"), ("março", "mar"), ("abril", "abr"),
        ("maio", "mai"), ("junho", "jun"), ("julho", "jul"), ("agosto", "ago"),
        ("setembro", "set"), ("outubro", "out"), ("novembro", "nov"), ("dezembro", "dez"),
    ),
    weekdays=(
        "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado",
        "domingo",
    ),
    spelled={
        **_spelled("dois três quatro cinco seis sete oito nove dez onze doze treze catorze "
                   "quinze dezesseis dezessete dezoito dezenove vinte"),
        "duas": 2, "quatorze": 14, "dezasseis": 16, "dezassete": 17, "dezanove": 19,
    },
    scales={
        "mil": 3, "milhão": 6, "milhões": 6, "mil milhões": 9, "bilhão": 9, "bilhões": 9,
        "bilião": 12, "biliões": 12,
    },
    currencies={
        "dólar": "$", "dólares": "$", "euro": "€", "euros": "€", "libra": "£", "libras": "£",
        "iene": "¥", "ienes": "¥", "$": "$", "€": "€", "£": "£",
    },
    percent=r"por\s+cento\b|%",
    points=r"pontos?\s+percentuais\b",
    number=r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?",
    thousands=".",
    date=r"(?P<day>\d{{1,2}})º?\s+de\s+(?P<month>{months})(?:\s+de\s+(?P<year>\d{{4}})\b)?",
    connector=r"(?:\s+de)?",
    short_alone=False,
)
_LANGUAGES = {"de": _DE, "fr": _FR, "es": _ES, "it": _IT, "nl": _NL, "pt": _PT}
NUMBER_LANGUAGES = ("en", *_LANGUAGES)
"""Languages whose ways of writing figures are known (others are read as English)."""


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class _Pattern:
    """The compiled pattern of one language, and how to read what it matched."""

    def __init__(self, lang: _Language) -> None:
        self.lang = lang
        self.month_of = {name: n for n, names in enumerate(lang.months, 1) for name in names}
        self.full_months = {names[0] for names in lang.months}
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
        if not p.lang.short_alone and word not in p.full_months:
            following = m.string[m.end() : m.end() + 10]
            if not re.match(r"\.?\s+(?:de\s+)?\d{4}", following):
                return None
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
