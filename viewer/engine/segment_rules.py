"""The news rules of the sentence splitter, one set per language.

English is the set the splitter was written for (news abbreviations such as U.S., a.m., Sen.).
Other languages start from pysbd's own abbreviation list for that language and add what news
copy in that language needs:

* German: a number followed by a full stop is an ordinal before a month, a noun or a lowercase
  word ("am 24. Januar", "die 3. Liga", "zum 2. Mal"), not the end of a sentence; "Nr.",
  "z. B.", "Mio.", "Mrd.", "Dr." never end one when a number or a noun follows.
* French: a quotation closed after its full stop with a spaced guillemet ("… prêts. » Le …")
  ends the sentence; titles "M.", "Mme", "Dr" keep their name.
* Spanish: "¿" and "¡" open a sentence like a quotation mark; "Sr.", "Sra.", "Dña." keep their
  name.

Languages pysbd does not know are split with the English rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from pysbd.languages import LANGUAGE_CODES

__all__ = ["Rules", "rules_for"]


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Where a sentence may end: terminal punctuation, closing marks, then space before more text.
_CANDIDATE = re.compile(r"[.!?…]+[\"”’'»)\]]*\s+(?=\S)")
# French puts a space inside guillemets: "prêts. » Le", "vraiment ? » Il".
_CANDIDATE_SPACED = re.compile(r"[.!?…]+(?:[\"”’'»)\]]|\s[»”])*\s+(?=\S)")
_OPENERS = "“‘\"'(["

_EN_TITLES = _words(
    "mr mrs ms messrs dr prof sen sens rep reps gov gen lt col capt sgt cpl pvt maj adm cmdr "
    "rev hon pres supt atty mt ft"
)
_EN_NEVER_FINAL = _words("e.g i.e vs v cf viz approx")
_EN_BEFORE_NUMBER = _words(
    "no nos vol art p pp fig jan feb mar apr jun jul aug sep sept oct nov dec"
)
_EN_PLACES = _words("u.s u.k u.n e.u u.s.a jr sr")
_EN_SUFFIXES = _words("inc corp co ltd llc plc st bros etc d.c a.m p.m")
_EN_STARTERS = _words(
    "The A An He She It They We I You His Her Its Their Our My This That These Those There "
    "But And So Yet However Meanwhile Then In On At After Before When While If As Although "
    "Since Some Many Most Mr Mrs Ms Dr"
)

_DE_MONTHS = _words(
    "Januar Jänner Februar März April Mai Juni Juli August September Oktober November Dezember"
)
_DE_STARTERS = _words(
    "Der Die Das Den Dem Des Ein Eine Einen Er Sie Es Wir Ich Man Dies Diese Dieser Dieses "
    "Doch Aber Und Auch Dann Damit Danach Daher Deshalb Im In Am An Auf Als Wie Wenn Nach Vor "
    "Seit Bei Mit Für So Zudem Allerdings Trotzdem"
)


@dataclass(frozen=True)
class Rules:
    """What the splitter needs to know about a language (see the module's docstring)."""

    pysbd: str
    candidate: re.Pattern[str]
    abbreviations: frozenset[str]
    titles: frozenset[str]
    never_final: frozenset[str]
    before_number: frozenset[str]
    places: frozenset[str]
    suffixes: frozenset[str]
    starters: frozenset[str]
    openers: str = _OPENERS
    closed_quote: re.Pattern[str] | None = None
    """Matches at a full stop that a spaced closing quotation mark follows: always a boundary."""
    ordinal_before: Callable[[str], bool] | None = None
    """Whether a number with a full stop before this word is an ordinal (never a boundary)."""


def _german_ordinal(word: str) -> bool:
    # "24. Januar", "3. Liga", "2. Mal": a noun follows an ordinal; a sentence after a number
    # starts with an article, a pronoun or a conjunction far more often than with a noun.
    return word in _DE_MONTHS or word[:1].islower() or word not in _DE_STARTERS


def _english() -> Rules:
    from pysbd.lang.english import English

    known = (
        frozenset(English.Abbreviation.ABBREVIATIONS)
        | _EN_TITLES
        | _EN_NEVER_FINAL
        | _EN_BEFORE_NUMBER
        | _EN_PLACES
        | _EN_SUFFIXES
        | _words("natl intl assoc govt est pts")
    )
    return Rules(
        pysbd="en",
        candidate=_CANDIDATE,
        abbreviations=known,
        titles=_EN_TITLES,
        never_final=_EN_NEVER_FINAL,
        before_number=_EN_BEFORE_NUMBER,
        places=_EN_PLACES,
        suffixes=_EN_SUFFIXES,
        starters=_EN_STARTERS,
    )


def _pysbd_abbreviations(code: str) -> frozenset[str]:
    from pysbd.languages import Language

    return frozenset(a.lower() for a in Language.get_language_code(code).Abbreviation.ABBREVIATIONS)


def _other(code: str) -> Rules:
    english = _english()
    own = _pysbd_abbreviations(code)
    titles, never_final, before_number, starters = english.titles, english.never_final, (
        english.before_number
    ), english.starters
    candidate, openers = _CANDIDATE, _OPENERS
    closed_quote = None
    ordinal_before = None
    if code == "de":
        titles = _words("dr prof hr fr frl dipl ing mag")
        never_final = _words("z.b d.h u.a bzw usw vgl ca evtl ggf inkl zzt")
        before_number = _words("nr abs art bd s ziff mio mrd tsd jan feb apr jun jul aug sep sept okt nov dez")
        starters = _DE_STARTERS
        ordinal_before = _german_ordinal
    elif code == "fr":
        titles = _words("m mm mme mmes mlle dr pr me")
        never_final = _words("c.-à-d cf env")
        before_number = _words("n no art p vol")
        starters = _words(
            "Le La Les L Un Une Des Il Elle Ils Elles On Nous Je Ce Cette Ces Mais Et Puis Selon "
            "Depuis Pour Dans En Au Aux"
        )
        candidate = _CANDIDATE_SPACED
        closed_quote = re.compile(r"[.!?…]\s*»")
    elif code == "es":
        titles = _words("sr sra srta d dña dr dra lic ing")
        never_final = _words("p.ej etc aprox")
        before_number = _words("n núm art pág vol")
        starters = _words(
            "El La Los Las Un Una Unos Unas Él Ella Ellos Se Su Sus Pero Y Según Desde Para En Con"
        )
        openers = _OPENERS + "¿¡«"
    return Rules(
        pysbd=code,
        candidate=candidate,
        abbreviations=own | titles | never_final | before_number,
        titles=titles,
        never_final=never_final,
        before_number=before_number,
        places=frozenset(),
        suffixes=frozenset(),
        starters=starters,
        openers=openers,
        closed_quote=closed_quote,
        ordinal_before=ordinal_before,
    )


@cache
def rules_for(language: str) -> Rules:
    """The rules for ISO 639-1 ``language``; English for "" and for languages pysbd lacks."""
    code = (language or "en").lower()
    if code == "en" or code not in LANGUAGE_CODES:
        return _english()
    return _other(code)
