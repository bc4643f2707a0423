"""Names compared as names across languages, and in languages other than English.

The English name finder (:mod:`viewer.engine.names`) reads capital letters, which German gives
to every noun. Here a name in German, French or Spanish text is a capitalised word that is not
the first of its sentence, not a word of the language's small stop list, and, in German, not
after an article, a determiner, a number or an inflected adjective ("der Plan", "im vergangenen
Jahr") and not with a noun's suffix ("-ung", "-heit", ...). Consecutive such words are one name
("Anna Kellner").

A name is present on the other side when each of its identifying words is there, folded (case,
accents) and allowing a compound or an inflection ("Hamburg" in "Hamburger", "Köhlbrand" in
"Köhlbrandbrücke", "Hamburgo"), or as a known exonym ("Hamburg" = "Hambourg", "Munich" =
"München"). A name of the original missing from the translation is reported, paired with a
name of the translation missing from the original when there is one ("Keller → Kellner");
a name only the translation has is reported when it is a name of two words or more, since a
single capitalised word of a translation is too often an ordinary word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

__all__ = ["GENERIC", "LangName", "candidate_names", "fold", "name_changes", "present"]

_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_EXONYMS = [
    "hamburg hambourg hamburgo", "munich munchen muenchen munich", "cologne koln koeln colonia",
    "vienna wien vienne viena", "germany deutschland allemagne alemania",
    "france frankreich francia", "spain spanien espagne espana", "europe europa",
    "london londres", "brussels brussel bruxelles bruselas", "moscow moskau moscou moscu",
    "russia russland russie rusia", "ukraine ucrania", "italy italien italie italia",
    "switzerland schweiz suisse suiza", "austria osterreich autriche", "poland polen pologne polonia",
    "rome rom roma", "geneva genf geneve ginebra", "warsaw warschau varsovie varsovia",
    "prague prag praga", "lisbon lissabon lisbonne lisboa", "athens athen athenes atenas",
    "beijing peking pekin", "netherlands niederlande pays-bas holanda", "eu ue", "un uno onu",
    "nato otan", "us usa eeuu", "china chine", "japan japon", "greece griechenland grece grecia",
    "turkey turkei turquie turquia", "denmark danemark dinamarca", "sweden schweden suede suecia",
    "mexico mexiko mexique", "brazil brasilien bresil brasil", "egypt agypten egypte egipto",
    "venice venedig venise venecia", "florence florenz florencia", "milan mailand milano",
    "naples neapel napoles", "seville sevilla", "copenhagen kopenhagen copenhague",
]  # fmt: skip
_EXONYM_OF: dict[str, frozenset[str]] = {}
for _line in _EXONYMS:
    _group = frozenset(_line.split())
    for _w in _group:
        _EXONYM_OF[_w] = _EXONYM_OF.get(_w, frozenset()) | _group

_STOP = {
    "de": frozenset(
        ["der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "er", "sie", "es", "wir", "ihr", "ich", "man", "herr", "frau", "dr", "prof", "präsident", "präsidentin", "minister", "ministerin", "bürgermeister", "bürgermeisterin", "kanzler", "kanzlerin"]
    ),
    "fr": frozenset(
        ["le", "la", "les", "l", "un", "une", "des", "il", "elle", "ils", "elles", "on", "nous", "je", "ce", "cette", "ces", "m", "mme", "mlle", "monsieur", "madame", "président", "présidente", "ministre", "maire", "gouvernement", "etat", "état", "assemblée"]
    ),
    "es": frozenset(
        ["el", "la", "los", "las", "un", "una", "unos", "unas", "él", "ella", "ellos", "se", "su", "sus", "sr", "sra", "don", "doña", "presidente", "presidenta", "ministro", "ministra", "alcalde", "alcaldesa", "gobierno", "estado", "ayuntamiento", "congreso", "senado"]
    ),
}
_DE_BEFORE_NOUN = frozenset(
    ["der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "kein", "keine", "keinen", "keinem", "keiner", "im", "am", "zum", "zur", "vom", "beim", "ins", "ans", "aufs", "jede", "jeder", "jedes", "jeden", "jedem", "diese", "dieser", "dieses", "diesen", "diesem", "alle", "allen", "viele", "vielen", "mehrere", "einige", "seine", "seiner", "seinem", "seinen", "ihre", "ihrer", "ihrem", "ihren", "unsere", "unser", "sein", "ihr", "mein", "meine"]
)
_DE_NOUN_SUFFIXES = (
    "ung", "ungen", "heit", "keit", "schaft", "tion", "tionen", "ität", "ismus", "nis", "tum",
    "ment", "ling", "chen", "lein", "enz", "anz", "ur",
)  # fmt: skip
_UNITS = frozenset(
    ["dollar", "dollars", "euro", "euros", "pfund", "yen", "prozent", "uhr", "tausend", "million", "millionen", "milliarde", "milliarden", "mio", "mrd", "kilometer", "meter", "tonnen"]
)
GENERIC = frozenset(
    ["bridge", "tunnel", "port", "airport", "station", "hall", "tower", "lake", "bay", "harbour", "harbor", "gate", "dam", "canal", "park", "road", "avenue", "highway", "motorway", "line", "plant"]
)
"""Generic nouns of English place names, beside those of the English name finder: "Köhlbrand
Bridge" is kept when "Köhlbrand" is."""
_WEEKDAYS_MONTHS = frozenset(
    ["montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"]
)


def fold(word: str) -> str:
    """Lower case without accents or a possessive ("Müller’s" → "muller")."""
    word = re.sub(r"['’]s?$", "", word)
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ß", "ss")


@dataclass(frozen=True)
class LangName:
    """A name as written, with its folded identifying words."""

    text: str
    words: tuple[str, ...]
    sentence: int = -1


def candidate_names(text: str, language: str, *, sentence: int = -1) -> list[LangName]:
    """The names of one sentence of ``language`` (see the module's docstring), in order."""
    stop = _STOP.get(language, frozenset())
    tokens = list(_WORD.finditer(text))
    names: list[LangName] = []
    run: list[re.Match[str]] = []

    def close() -> None:
        if run:
            written = text[run[0].start() : run[-1].end()]
            names.append(LangName(written, tuple(fold(m[0]) for m in run), sentence))
            run.clear()

    for k, m in enumerate(tokens):
        word = m[0]
        first = k == 0 or bool(re.search(r"[.!?:«»“„\"]\s*$", text[tokens[k - 1].end() : m.start()]))
        ok = (
            word[0].isupper()
            and not first
            and word.lower() not in stop
            and fold(word) not in _WEEKDAYS_MONTHS
            and fold(word) not in _UNITS
        )
        if ok and language == "de":
            before = tokens[k - 1][0] if k else ""
            between = text[tokens[k - 1].end() : m.start()] if k else ""
            ok = not (
                before.lower() in _DE_BEFORE_NOUN
                or (before[:1].islower() and re.search(r"(?:e|en|em|er|es)$", before) is not None
                    and not re.search(r"[,;()]", between))
                or re.search(r"\d\s*$", between) is not None
                or word.lower().endswith(_DE_NOUN_SUFFIXES)
                or "-" in word
            )
        if ok:
            if run and run[-1].end() != m.start() - 1:
                close()
            run.append(m)
        else:
            close()
    close()
    return names


def _word_present(word: str, others: Sequence[str]) -> bool:
    forms = _EXONYM_OF.get(word, frozenset((word,)))
    for other in others:
        for form in forms:
            if other == form or (len(form) >= 4 and other.startswith(form)):
                return True
            if len(other) >= 4 and form.startswith(other) and len(form) - len(other) <= 2:
                return True  # a genitive or plural written out on this side ("Hamburgs")
    return False


def present(words: Iterable[str], others: Sequence[str], generic: frozenset[str] = frozenset()) -> bool:
    """Whether every identifying word of a name (generic nouns such as "bridge" aside) is in
    the folded words ``others`` of the other side."""
    wanted = [fold(w) for w in words if w not in generic and len(w) > 1]
    return all(_word_present(w, others) for w in wanted)


def text_words(text: str) -> list[str]:
    """The folded words of a text, for :func:`present`."""
    return [fold(m[0]) for m in _WORD.finditer(text)]


def _likeness(a: LangName, b: LangName) -> float:
    return SequenceMatcher(None, " ".join(a.words), " ".join(b.words)).ratio()


def name_changes(
    lost: Sequence[LangName], gained: Sequence[LangName]
) -> list[tuple[LangName | None, LangName | None]]:
    """Pair names of the original missing from the translation with names of the translation
    missing from the original, most alike first; the rest on their own (a gained name only if
    it has two words or more)."""
    left = list(dict.fromkeys(lost))
    right = list(dict.fromkeys(gained))
    pairs: list[tuple[LangName | None, LangName | None]] = []
    candidates = sorted(
        ((_likeness(a, b), i, j) for i, a in enumerate(left) for j, b in enumerate(right)),
        reverse=True,
    )
    used_l: set[int] = set()
    used_r: set[int] = set()
    for _, i, j in candidates:
        if i in used_l or j in used_r:
            continue
        used_l.add(i)
        used_r.add(j)
        pairs.append((left[i], right[j]))
    pairs += [(a, None) for i, a in enumerate(left) if i not in used_l]
    pairs += [(None, b) for j, b in enumerate(right) if j not in used_r and len(b.words) >= 2]
    return pairs
