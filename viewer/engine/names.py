"""Proper names (people, places, organisations) in a sentence, without an NLP model.

A name is a run of capitalised words, allowing connectors ("Secretary of State Antony Blinken",
"Bank of England", "al-Sisi", "J. K. Rowling") and a possessive ("Biden’s", "Hamas’" are Biden and
Hamas). Titles ("President", "Sen.", "Prime Minister") belong to the name but never identify it.
The first word of a sentence (or of a quotation, or of a title-case headline) counts only when the
documents capitalise it in mid-sentence too and never write it in lower case, or when it is an
acronym: "Moving civilians…" is not a name, "Israeli officials…" is.

Nationality adjectives and country codes used as modifiers ("Israeli officials", "US officials")
are weak names (see ``name_changes`` for what that changes).

Each sentence is parsed once (``parse``): only capitalised words and connectors become tokens,
which keeps 20,000 sentences a side well under a second.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from .stopwords import NAME_STOP

__all__ = [
    "Name",
    "ParsedSentence",
    "Text",
    "Token",
    "Vocabulary",
    "acronyms",
    "extract_names",
    "name_words",
    "nationality",
    "only_weak",
    "parse",
]

_CONNECTORS = frozenset(
    "of de da del della der den van von bin bint ibn al el la le du dos das di y".split()
)
_UPPER = "".join(re.escape(chr(c)) for c in range(0x10000) if chr(c).isupper())
# Capitalised words, with "al-Sisi", "U.S.", possessives and a final period.
_TOKEN = re.compile(
    rf"(?<![\w’'.-])(?:(?:[{_UPPER}]\.){{2,}}"
    rf"|(?:[{_UPPER}]|[a-z]{{1,3}}-[{_UPPER}])(?:[\w&]|[’'\-](?=\w))*[’']?\.?)"
)
_CONNECTOR_GAP = re.compile(rf"\s+(?:{'|'.join(sorted(_CONNECTORS))})\s+")
_PUNCTUATION = "\"'’‘“”„«»‹›()[]{},.;:!?…—–-/*"
_WORD = re.compile(r"\w")
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")
# A sentence boundary or an opening mark, then no word before the token: its first word.
_FIRST_AFTER = re.compile(r"(?:[“„«»\"‘:]|[.!?…][\"”’'»)]*\s)\W*\Z")
_BOUNDARY_ENDS = frozenset("“„«»\"‘:.!?…”’')]‹›—–-(")
_FINAL_STOP = re.compile(r"[.!?…:;,][\"”’'»)\]]*\s*\Z")
_ABBREVIATIONS = frozenset(
    "sen sens rep reps gov gen lt col capt sgt adm dr mr mrs ms prof rev hon pres st jr sr mt ft "
    "maj cmdr supt atty messrs".split()
)
_TITLES = frozenset(
    "president vice prime minister secretary sen senator rep representative congressman "
    "congresswoman gov governor gen general lt col colonel capt captain sgt sergeant adm admiral "
    "maj major mr mrs ms dr prof professor judge justice chief king queen prince princess pope "
    "mayor chancellor administrator ambassador director commissioner speaker leader lord sir "
    "dame lady sheikh emir ayatollah rev reverend deputy attorney spokesman spokeswoman "
    "spokesperson chairman chairwoman chair ceo".split()
)
_STOP = NAME_STOP
_GENERIC = frozenset(
    "strip river sea ocean island islands mountains mountain city county province region valley "
    "street square forces force army navy ministry department party agency council authority "
    "committee office university court group company corporation inc corp ltd co administration "
    "government airport hospital camp plaza bridge district".split()
)
_COUNTRY_CODES = frozenset("us usa uk eu".split())
_DEMONYMS = frozenset(
    """afghan albanian algerian american andorran angolan argentine argentinian armenian
    australian austrian azerbaijani bahraini bangladeshi belarusian belgian bolivian bosnian
    brazilian british bulgarian burmese cambodian cameroonian canadian chadian chilean chinese
    colombian congolese croatian cuban cypriot czech danish dutch ecuadorian egyptian emirati
    english eritrean estonian ethiopian european filipino finnish french georgian german ghanaian
    greek guatemalan haitian honduran hungarian icelandic indian indonesian iranian iraqi irish
    israeli italian ivorian jamaican japanese jordanian kazakh kenyan korean kosovar kurdish
    kuwaiti kyrgyz latvian lebanese liberian libyan lithuanian malaysian malian maltese mexican
    moldovan mongolian moroccan mozambican namibian nepalese nigerian nigerien norwegian omani
    pakistani palestinian panamanian paraguayan persian peruvian polish portuguese qatari
    romanian russian rwandan saudi scottish senegalese serbian singaporean slovak
    slovenian somali spanish sudanese swedish swiss syrian taiwanese tajik tanzanian thai tunisian
    turkish turkmen ugandan ukrainian uruguayan uzbek venezuelan vietnamese welsh yemeni
    zambian zimbabwean african asian arab arabic western eastern northern southern latin
    muslim jewish christian catholic sunni shia shiite islamist islamic democratic republican
    democrat conservative liberal""".split()
)


@dataclass(frozen=True)
class Name:
    """A proper name as written (``text``, starting at ``start`` in its sentence), its identifying
    words (``words``: no titles, initials or connectors), and how to recognise it."""

    text: str
    start: int
    words: tuple[str, ...]
    acronym: str
    weak: bool
    sentence: int = -1

    @property
    def head(self) -> str:
        """The last identifying word that is not a generic noun ("Gaza" of "Gaza Strip")."""
        for w in reversed(self.words):
            if w not in _GENERIC:
                return w
        return self.words[-1]


class Token(NamedTuple):
    """A capitalised word of a sentence."""

    text: str
    start: int
    end: int
    key: str  # folded: "Biden’s" → "biden", "U.S." → "us"
    initial: bool  # first word of the sentence, of a quotation or after a colon
    ends_sentence: bool  # "CNN." but not "Sen." or "J."
    possessive: bool  # "CNN's Kaitlan Collins" is two names


class ParsedSentence(NamedTuple):
    """A sentence read once: its tokens and whether it is a title-case headline."""

    text: str
    tokens: tuple[Token, ...]
    headline: bool

    def runs(self) -> list[list[int]]:
        """Maximal runs of tokens (by index) joined by spaces or by a connector ("Secretary of
        State")."""
        text, tokens = self.text, self.tokens
        runs: list[list[int]] = []
        for n, t in enumerate(tokens):
            if n and runs:
                prev = tokens[n - 1]
                gap = text[prev.end : t.start]
                if (
                    not prev.ends_sentence
                    and not prev.possessive
                    and not t.initial
                    and (gap.isspace() or _CONNECTOR_GAP.fullmatch(gap))
                ):
                    runs[-1].append(n)
                    continue
            runs.append([n])
        return runs


Text = str | ParsedSentence


def _key(token: str) -> str:
    if token.isalpha():
        return token.casefold()
    t = token.rstrip(".").replace("’", "'")
    if t.endswith(("'s", "'S")):
        t = t[:-2]
    return t.rstrip("'").replace(".", "").casefold()


def parse(text: Text) -> ParsedSentence:
    """Read a sentence once for ``Vocabulary``, ``extract_names`` and ``Presence``."""
    if isinstance(text, ParsedSentence):
        return text
    tokens: list[Token] = []
    prev_end = 0
    boundary = True  # the start of the text is a sentence boundary
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        raw = text[start:end]
        key = _key(raw)
        if not key:
            continue
        gap = text[prev_end:start]
        # A boundary that makes this the first word ends the gap: most gaps end with a word.
        tail = gap.rstrip()
        initial = (boundary and not _WORD.search(gap)) or (
            bool(tail)
            and tail[-1] in _BOUNDARY_ENDS
            and bool(_FIRST_AFTER.search(gap, len(gap) - 12))
        )
        ends = False
        if raw[-1] == ".":
            ends = not (key in _ABBREVIATIONS or len(key) == 1 or "." in raw[:-1])
        possessive = raw[-1] in "’'" or raw[-2:] in ("’s", "'s")
        tokens.append(Token(raw, start, end, key, initial, ends, possessive))
        prev_end = end
        boundary = ends
    return ParsedSentence(text, tuple(tokens), _title_case(text, tokens))


def _title_case(text: str, tokens: Sequence[Token]) -> bool:
    """A headline in title case ("US Urges Israel to Evacuate Civilians"): no final stop, and
    most longer words capitalised. Its capitals prove nothing."""
    if len(tokens) < 3 or _FINAL_STOP.search(text, len(text) - 8):
        return False
    long = [w for w in _LONG_WORD.findall(text) if w.casefold() not in _CONNECTORS]
    capitals = sum(1 for w in long if w[0].isupper())
    return len(long) >= 3 and capitals >= 0.7 * len(long)


def _acronym_like(token: Token) -> bool:
    letters = [ch for ch in token.text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


class Vocabulary:
    """What the two documents say about their capitalised words: which ones they capitalise in
    mid-sentence (so they are names even at the start of a sentence) and which ones they also
    write in lower case (so a capital at the start of a sentence proves nothing)."""

    def __init__(self, sentences: Iterable[Text], *, texts: Iterable[str] | None = None) -> None:
        """``sentences``: every sentence of both documents; ``texts``: the documents' whole texts,
        to find lower-case words in one pass (by default, each sentence is looked at)."""
        self.mid_capital: set[str] = set()
        self.lower: set[str] = set()
        parsed_sentences = [parse(s) for s in sentences]
        for text in texts if texts is not None else (p.text for p in parsed_sentences):
            for word in set(text.split()):
                word = word.strip(_PUNCTUATION)
                if word[:1].islower():
                    self.lower.add(word.replace("’", "'"))
                    self.lower.add(_key(word))
        for parsed in parsed_sentences:
            if not parsed.headline:
                self.mid_capital.update(t.key for t in parsed.tokens if not t.initial)

    def is_name_word(self, token: Token) -> bool:
        if token.key in _STOP:
            return False
        return _acronym_like(token) or (
            token.key in self.mid_capital and token.key not in self.lower
        )


def nationality(word: str) -> bool:
    """Whether a folded word is a nationality or the like ("israeli", "palestinians"): a name
    made of such words is weak whatever its use."""
    return word in _DEMONYMS or word.rstrip("s") in _DEMONYMS


def only_weak(lost: Iterable[str], words: Iterable[str]) -> bool:
    """Whether names whose ``words`` lose only ``lost`` can only be weak names: the lost words are
    nationalities and no generic noun among ``words`` could make one the head of a strong name
    ("Palestinian Authority")."""
    return all(nationality(w) for w in lost) and _GENERIC.isdisjoint(words)


def name_words(text: Text, vocabulary: Vocabulary) -> set[str]:
    """The folded capitalised words of a sentence that could identify a name: a cheap superset
    of the words of ``extract_names``, to skip sentences whose names cannot differ."""
    parsed = parse(text)
    return {
        t.key
        for t in parsed.tokens
        if t.key not in _STOP
        and t.key not in _TITLES
        and (not (t.initial or parsed.headline) or vocabulary.is_name_word(t))
    }


def extract_names(text: Text, vocabulary: Vocabulary, *, sentence: int = -1) -> list[Name]:
    """The proper names of one sentence, in order (duplicates kept); ``sentence`` is stored in
    each name for the caller's sake."""
    parsed = parse(text)
    names: list[Name] = []
    for run in _split_runs(parsed, vocabulary):
        name = _name(parsed, run, vocabulary, sentence)
        if name is not None:
            names.append(name)
    return names


def _split_runs(parsed: ParsedSentence, vocabulary: Vocabulary) -> list[list[int]]:
    """Cut runs where one name ends and another starts: before a title that follows a name
    ("Palestinian Authority | President Mahmoud Abbas"), and in a headline at every word that
    is not known as a name ("US | Urges | Israel")."""
    tokens = parsed.tokens
    out: list[list[int]] = []
    for run in parsed.runs():
        current: list[int] = []
        for n in run:
            t = tokens[n]
            if parsed.headline and t.key not in _TITLES and not vocabulary.is_name_word(t):
                if current:
                    out.append(current)
                current = []
                continue
            if current and t.key in _TITLES and tokens[current[-1]].key not in _TITLES:
                out.append(current)
                current = []
            current.append(n)
        if current:
            out.append(current)
    return out


def _name(
    parsed: ParsedSentence, run: list[int], vocabulary: Vocabulary, sentence: int
) -> Name | None:
    tokens = parsed.tokens
    kept = list(run)
    # An unproven capital at the start of a sentence (or anywhere in a headline) is not a name.
    while kept:
        t = tokens[kept[0]]
        doubtful = t.initial or parsed.headline
        if t.key in _STOP or (doubtful and t.key not in _TITLES and not vocabulary.is_name_word(t)):
            kept.pop(0)
        else:
            break
    identifying = [
        n
        for n in kept
        if tokens[n].key not in _TITLES
        and tokens[n].key not in _STOP
        and not (len(tokens[n].key) == 1 and tokens[n].text.endswith("."))  # an initial
    ]
    words = [p for n in identifying for p in tokens[n].key.split("-") if p not in _CONNECTORS]
    if not words:
        return None
    last = identifying[-1]
    start, end = tokens[kept[0]].start, tokens[last].end
    shown = parsed.text[start:end].rstrip(".")
    for suffix in ("’s", "'s", "’", "'"):
        if shown.endswith(suffix):
            shown = shown[: -len(suffix)]
            break
    capitals = [tokens[n].key for n in kept if tokens[n].key not in _TITLES]
    acronym = "".join(k[0] for k in capitals) if len(capitals) > 1 else ""
    # "US officials": a country code right before a lower-case word is used as an adjective.
    rest = parsed.text[end:]
    modifier = bool(rest[:1].isspace() and rest.lstrip()[:1].islower())
    weak = all(
        w in _DEMONYMS or w.rstrip("s") in _DEMONYMS or (w in _COUNTRY_CODES and modifier)
        for w in words
    )
    return Name(shown, start, tuple(words), acronym, weak, sentence)


def acronyms(parsed: ParsedSentence) -> set[str]:
    """The acronyms a sentence's capitalised runs could go by ("Israel Defense Forces": idf)."""
    out: set[str] = set()
    for run in parsed.runs():
        caps = [parsed.tokens[n].key for n in run if parsed.tokens[n].key not in _STOP]
        if len(caps) > 1:
            out.add("".join(k[0] for k in caps))
            out.add("".join(k[0] for k in caps if k not in _TITLES) or caps[0][0])
    return out
