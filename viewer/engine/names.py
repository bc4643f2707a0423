"""Proper names (people, places, organisations) in a sentence, without an NLP model.

A name is a run of capitalised words, allowing connectors ("Secretary of State Antony Blinken",
"Bank of England", "al-Sisi", "J. K. Rowling") and a possessive ("Biden’s", "Hamas’" are Biden and
Hamas). Titles ("President", "Sen.", "Prime Minister") belong to the name but never identify it.
The first word of a sentence (or of a quotation, or of a title-case headline) counts only when the
documents capitalise it in mid-sentence too and never write it in lower case, or when it is an
acronym: "Moving civilians…" is not a name, "Israeli officials…" is.

Two names are the same when the last identifying word of one (its "head": "Warren" of "Sen.
Elizabeth Warren", "Gaza" of "Gaza Strip") occurs among the capitalised words of the other side,
or when one is the acronym of the other ("IDF", "Israel Defense Forces"). A plural or a typo is a
different word: "Bidens" (for "Biden's") is not "Biden", and a rewrite that writes it is reported.

Nationality adjectives and country codes used as modifiers ("Israeli officials", "US officials")
are weak names: dropping one is an attribution the rewrite shortened, not a name it lost, so only
swapping one for another ("Israeli" → "Egyptian") is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Container, Iterable, Optional, Sequence

_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_](?:[\w&]|[’'\-](?=\w))*[’']?\.?")
_PREFIXED = re.compile(r"[a-z]{1,3}-([^\W\d_])")  # al-Sisi, el-Sheikh
_OPENING = re.compile(r"[“„«»\"‘:]|[.!?…][\"”’'»)]*\s")
_FINAL_STOP = re.compile(r"[.!?…:;,][\"”’'»)\]]*\s*\Z")
_CONNECTORS = frozenset(
    "of de da del della der den van von bin bint ibn al el la le du dos das di y".split()
)
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
_STOP = frozenset(
    "the a an i this that these those he she it we they you his her its our their my your there "
    "here and but or so if when while as at in on for to by with from after before during since "
    "until under over into about against among between through despite amid according "
    "additionally also however instead meanwhile moreover furthermore conversely regarding "
    "yes no not mr mrs ms "
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
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
    romanian russian rwandan saudi scottish senegalese serbian sierra singaporean slovak
    slovenian somali spanish sudanese swedish swiss syrian taiwanese tajik tanzanian thai tunisian
    turkish turkmen ugandan ukrainian uruguayan uzbek venezuelan vietnamese welsh yemeni
    zambian zimbabwean african asian arab arabic western eastern northern southern latin
    muslim jewish christian catholic sunni shia shiite islamist islamic democratic republican
    democrat conservative liberal""".split()
)


@dataclass(frozen=True)
class Name:
    """A proper name as written (``text``), its identifying words and how to recognise it."""

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


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int
    key: str
    capital: bool
    initial: bool  # first word of a sentence, a quotation or a clause after a colon
    ends_sentence: bool
    possessive: bool  # "CNN's Kaitlan Collins" is two names


def _key(token: str) -> str:
    t = token.rstrip(".").replace("’", "'")
    if t.endswith("'s") or t.endswith("'S"):
        t = t[:-2]
    t = t.rstrip("'").replace(".", "")
    return t.casefold()


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    prev_end = 0
    sentence_end = True
    for m in _TOKEN.finditer(text):
        raw = m.group()
        key = _key(raw)
        if not key:
            continue
        prefixed = _PREFIXED.match(raw)
        capital = raw[0].isupper() or bool(prefixed and prefixed.group(1).isupper())
        initial = sentence_end or bool(_OPENING.search(text, prev_end, m.start()))
        period = raw.endswith(".") and not raw.endswith("..")
        abbreviation = period and (key in _ABBREVIATIONS or (len(key) == 1 and raw[0].isupper()) or "." in raw[:-1])
        ends = period and not abbreviation
        possessive = raw.rstrip(".")[-1] in "’'" or raw[-2:] in ("’s", "'s")
        out.append(_Token(raw, m.start(), m.end(), key, capital, initial, ends, possessive))
        prev_end = m.end()
        sentence_end = ends
    return out


def _title_case(text: str, tokens: Sequence[_Token]) -> bool:
    """A headline in title case ("US Urges Israel to Evacuate Civilians"): no final stop, and
    most longer words capitalised. Its capitals prove nothing."""
    if _FINAL_STOP.search(text):
        return False
    long = [t for t in tokens if len(t.key) >= 4 and t.key not in _CONNECTORS]
    return len(long) >= 3 and sum(t.capital for t in long) >= 0.7 * len(long)


def _acronym_like(token: _Token) -> bool:
    letters = [ch for ch in token.text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


class Vocabulary:
    """What the two documents say about their capitalised words: which ones they capitalise in
    mid-sentence (so they are names even at the start of a sentence) and which ones they also
    write in lower case (so a capital at the start of a sentence proves nothing)."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.mid_capital: set[str] = set()
        self.lower: set[str] = set()
        for text in texts:
            tokens = _tokens(text)
            headline = _title_case(text, tokens)
            for t in tokens:
                if not t.capital:
                    self.lower.add(t.key)
                elif not t.initial and not headline:
                    self.mid_capital.add(t.key)

    def is_name_word(self, token: _Token) -> bool:
        if token.key in _STOP:
            return False
        return _acronym_like(token) or (token.key in self.mid_capital and token.key not in self.lower)


def extract_names(text: str, vocabulary: Vocabulary, *, sentence: int = -1) -> list[Name]:
    """The proper names of one sentence, in order (duplicates kept); ``sentence`` is stored in
    each name for the caller's sake."""
    tokens = _tokens(text)
    headline = _title_case(text, tokens)
    names: list[Name] = []
    for run in _split_runs(_runs(text, tokens), tokens, vocabulary, headline):
        name = _name(text, run, tokens, vocabulary, headline, sentence)
        if name is not None:
            names.append(name)
    return names


def _runs(text: str, tokens: Sequence[_Token]) -> list[list[int]]:
    """Maximal runs of capitalised tokens (by index) joined by single spaces and connectors."""
    runs: list[list[int]] = []
    current: list[int] = []
    for n, t in enumerate(tokens):
        joined = (
            current
            and text[tokens[n - 1].end : t.start].isspace()
            and not tokens[n - 1].ends_sentence
            and not tokens[n - 1].possessive
            and not t.initial
        )
        if t.capital and joined:
            current.append(n)
        elif (
            joined
            and t.key in _CONNECTORS
            and n + 1 < len(tokens)
            and tokens[n + 1].capital
            and text[t.end : tokens[n + 1].start].isspace()
        ):
            current.append(n)
        else:
            if current:
                runs.append(current)
            current = [n] if t.capital else []
    if current:
        runs.append(current)
    return runs


def _split_runs(
    runs: list[list[int]], tokens: Sequence[_Token], vocabulary: Vocabulary, headline: bool
) -> list[list[int]]:
    """Cut runs where one name ends and another starts: before a title that follows a name
    ("Palestinian Authority | President Mahmoud Abbas"), and in a headline at every word that
    is not known as a name ("US | Urges | Israel")."""
    out: list[list[int]] = []
    for run in runs:
        current: list[int] = []
        for n in run:
            t = tokens[n]
            if headline and t.key not in _CONNECTORS and t.key not in _TITLES and not vocabulary.is_name_word(t):
                if current:
                    out.append(current)
                current = []
                continue
            if current and t.key in _TITLES and tokens[current[-1]].key not in _TITLES | _CONNECTORS:
                out.append(current)
                current = []
            current.append(n)
        if current:
            out.append(current)
    return out


def _name(
    text: str,
    run: list[int],
    tokens: Sequence[_Token],
    vocabulary: Vocabulary,
    headline: bool,
    sentence: int,
) -> Optional[Name]:
    kept = list(run)
    # An unproven capital at the start of a sentence (or anywhere in a headline) is not a name.
    while kept:
        t = tokens[kept[0]]
        doubtful = t.initial or headline
        if t.key in _CONNECTORS or t.key in _STOP or (
            doubtful and t.key not in _TITLES and not vocabulary.is_name_word(t)
        ):
            kept.pop(0)
        else:
            break
    if headline:
        kept = [n for n in kept if tokens[n].key in _TITLES or vocabulary.is_name_word(tokens[n])]
    identifying = [
        n
        for n in kept
        if tokens[n].capital and tokens[n].key not in _TITLES and tokens[n].key not in _STOP
        and not (len(tokens[n].key) == 1 and tokens[n].text.endswith("."))  # an initial
    ]
    words = [p for n in identifying for p in tokens[n].key.split("-") if p not in _CONNECTORS]
    if not words:
        return None
    last = identifying[-1]
    first = kept[0]
    start, end = tokens[first].start, tokens[last].end
    shown = text[start:end].rstrip(".")
    for suffix in ("’s", "'s", "’", "'"):
        if shown.endswith(suffix):
            shown = shown[: -len(suffix)]
            break
    capitals = [tokens[n].key for n in kept if tokens[n].capital and tokens[n].key not in _TITLES]
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    modifier = after is not None and not after.capital and text[tokens[last].end : after.start].isspace()
    weak = all(
        w in _DEMONYMS or w.rstrip("s") in _DEMONYMS or (w in _COUNTRY_CODES and modifier)
        for w in words
    )
    acronym = "".join(k[0] for k in capitals) if len(capitals) > 1 else ""
    return Name(shown, start, tuple(words), acronym, weak, sentence)


@dataclass(frozen=True)
class Presence:
    """Every capitalised word of some sentences (and the acronyms of their capitalised runs), to
    tell whether a name from the other side is there."""

    words: frozenset[str]
    acronyms: frozenset[str]

    @classmethod
    def of(cls, texts: Iterable[str]) -> "Presence":
        words: set[str] = set()
        acronyms: set[str] = set()
        for text in texts:
            tokens = _tokens(text)
            for t in tokens:
                if t.capital:
                    words.add(t.key)
                    words.update(t.key.split("-"))
            for run in _runs(text, tokens):
                caps = [tokens[n].key for n in run if tokens[n].capital and tokens[n].key not in _STOP]
                if len(caps) > 1:
                    acronyms.add("".join(k[0] for k in caps))
                    acronyms.add("".join(k[0] for k in caps if k not in _TITLES))
        return cls(frozenset(words), frozenset(acronyms))

    @classmethod
    def union(cls, parts: Sequence["Presence"]) -> "Presence":
        if len(parts) == 1:
            return parts[0]
        return cls(
            frozenset().union(*(p.words for p in parts)),
            frozenset().union(*(p.acronyms for p in parts)),
        )

    def holds(self, name: Name) -> bool:
        if name.head in self.words:
            return True
        if name.acronym and name.acronym in self.words:
            return True
        return len(name.words) == 1 and name.words[0] in self.acronyms


@dataclass(frozen=True)
class NameChange:
    """A name of the original that the rewrite changed to ``right``, or a name on one side only."""

    left: Optional[Name]
    right: Optional[Name]

    @property
    def detail(self) -> str:
        if self.left and self.right:
            return f"{self.left.text} → {self.right.text}"
        if self.left:
            return f"{self.left.text} missing in the rewrite"
        assert self.right is not None
        return f"{self.right.text} added in the rewrite"


def compare_names(
    left: Sequence[Name],
    right: Sequence[Name],
    *,
    left_present: Presence,
    right_present: Presence,
    left_document: Container[str],
) -> list[NameChange]:
    """What differs between the names of linked sentences.

    ``left_present``/``right_present`` hold the capitalised words of each side's sentences (the
    group and its neighbours in the same paragraph, so a name moved across a sentence boundary is
    not lost). A missing name pairs with a new name of the same strength, in order ("Warren →
    Sanders"). A weak name alone is never reported; a new name alone only when the original
    article never mentions it (a name it already uses is the rewrite making a reference explicit).
    """
    missing = _unique([n for n in left if not right_present.holds(n)])
    new = _unique([n for n in right if not left_present.holds(n)])
    changes: list[NameChange] = []
    for weak in (False, True):
        lost = [n for n in missing if n.weak == weak]
        gained = [n for n in new if n.weak == weak]
        for a, b in zip(lost, gained):
            changes.append(NameChange(a, b))
        if weak:
            continue
        changes.extend(NameChange(a, None) for a in lost[len(gained) :])
        changes.extend(
            NameChange(None, b) for b in gained[len(lost) :] if b.head not in left_document
        )
    changes.sort(key=_order)
    return changes


def _order(change: NameChange) -> tuple[int, int, int, int]:
    a, b = change.left, change.right
    return (a.sentence if a else 1 << 30, a.start if a else 0, b.sentence if b else 0, b.start if b else 0)


def _unique(names: list[Name]) -> list[Name]:
    seen: set[str] = set()
    out = []
    for n in names:
        if n.head not in seen:
            seen.add(n.head)
            out.append(n)
    return out
