"""Which language a document is written in, found offline by the lingua detector.

lingua (``lingua-language-detector``, Apache-2.0) is chosen over langdetect and fastText's
lid.176: it is maintained, needs no model download (its n-gram models ship in the wheel), is
deterministic (langdetect is random unless seeded), and of the offline detectors it is the
accurate on short texts, which headlines and one-paragraph articles are. It runs in Rust;
a 4,000-character sample takes a few milliseconds once its models are loaded. It holds the
GIL while it loads them, so the window runs it in a child process (``use_backend``, and
``viewer.services.language_process``); the command line and batch runs detect in-process.

The detector runs in lingua's low-accuracy mode, which reads trigrams only. In its default
mode lingua also uses trigrams only for texts over 120 characters (every real article), but a
shorter text makes it load the 1-, 2-, 4- and 5-gram models of every candidate language: 4.4 s
of CPU and some hundred MB, measured on a one-sentence German sample. A comparison or a
command-line run paid that for the warm-up's short samples (27 s on a loaded machine). With
trigrams only, the first detection loads 0.2 s of models and short texts are still told apart
(the rule tests' one-sentence samples).

The detector only chooses among ``LANGUAGES``: the 16 languages of the multilingual sentence
encoder plus a few common European ones. Fewer candidates mean fewer confusions between
close languages (Spanish/Portuguese/Catalan are the worst) and less memory. A text that is too
short, or where no language is clearly ahead, is "" (unknown), and an unknown language is
treated as English by the rest of the engine, which is what the app did before it detected
languages at all.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from lingua import LanguageDetector

__all__ = [
    "LANGUAGES",
    "MULTILINGUAL_LANGUAGES",
    "DetectorBackend",
    "detect_language",
    "detect_sample_here",
    "pair_languages",
    "use_backend",
    "warm_up",
]

MULTILINGUAL_LANGUAGES = (
    "ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh",
)  # fmt: skip
"""ISO 639-1 codes of the languages Universal Sentence Encoder Multilingual v3 was trained on
(its 16 counts simplified and traditional Chinese apart)."""
LANGUAGES = (*MULTILINGUAL_LANGUAGES, "ca", "cs", "da", "el", "fi", "hu", "ro", "sv", "uk")
"""Every language ``detect_language`` can answer."""

SAMPLE_CHARS = 4000
"""Characters of a document the detector reads: the start of an article says its language as
well as the whole, and detection time grows with the text."""
MIN_LETTERS = 12
"""A text with fewer letters than this is too short to tell."""
MIN_WORDS = 3
"""A text of fewer words than this is too short to tell, however long the words: lingua calls
"Officials civilians." French (0.65)."""
MIN_CONFIDENCE = 0.5
"""The detector's confidence (0-1) below which the language counts as unknown."""

SHARED_VOCABULARY = 0.5
"""Share of the shorter text's distinct words found in the other text at and above which two
texts are taken to be in one language, whatever the detector says of each: a translation
shares its names and numbers with the original (10-30% of its words on the test pairs), a
rewrite most of its words."""

_WORD = re.compile(r"[^\W\d_]{2,}")
_lock = threading.Lock()
_detector: LanguageDetector | None = None


def _get_detector() -> LanguageDetector:
    global _detector
    with _lock:
        if _detector is None:
            from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

            wanted = [
                Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))
                for code in LANGUAGES
            ]
            _detector = (
                LanguageDetectorBuilder.from_languages(*wanted).with_low_accuracy_mode().build()
            )
        return _detector


class DetectorBackend(Protocol):
    """Where lingua runs. The default runs it in this process; a window installs one that
    runs it in a child process (``viewer.services.language_process``), because lingua holds
    the GIL while it loads its models (0.2-0.5 s), which would freeze the window's thread."""

    def detect(self, sample: str) -> str:
        """What :func:`detect_sample_here` answers for ``sample``."""
        ...

    def warm_up(self) -> None:
        """Get ready to answer at once (load the models), without waiting for them."""
        ...


_backend: DetectorBackend | None = None


def use_backend(backend: DetectorBackend | None) -> None:
    """Run lingua through ``backend`` from now on (None: in this process again). The answers
    are the same either way; only where the work is done changes."""
    global _backend
    _backend = backend


def warm_up(languages: tuple[str, ...] = ("en", "de", "fr", "es")) -> None:
    """Build the detector and load its trigram models now (about 0.2 s of CPU), so that a
    window's first detection does not wait for them. With a backend installed
    (:func:`use_backend`), the backend warms up instead and this returns at once."""
    if _backend is not None:
        _backend.warm_up()
        return
    detector = _get_detector()
    samples = {
        "en": "The minister said on Tuesday that the government would act.",
        "de": "Der Minister sagte am Dienstag, die Regierung werde handeln.",
        "fr": "Le ministre a déclaré mardi que le gouvernement allait agir.",
        "es": "El ministro dijo el martes que el gobierno actuaría.",
    }
    for code in languages:
        if code in samples:
            detector.detect_language_of(samples[code])


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language ``text`` is written in ("en", "de", ...), or "" when
    it is too short or too mixed to tell. Only the first ``SAMPLE_CHARS`` characters are read."""
    return _detect_sample(text[:SAMPLE_CHARS])


@lru_cache(maxsize=16)
def _detect_sample(sample: str) -> str:
    # Cached: the window detects while reading and the comparison asks again for the same text.
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS or len(_WORD.findall(sample)) < MIN_WORDS:
        return ""
    backend = _backend
    return backend.detect(sample) if backend is not None else detect_sample_here(sample)


def detect_sample_here(sample: str) -> str:
    """lingua's answer for ``sample`` (already cut to ``SAMPLE_CHARS`` and long enough), in
    this process whatever backend is installed: what a backend's child process runs."""
    detector = _get_detector()
    values: list[Any] = detector.compute_language_confidence_values(sample)
    if not values or values[0].value < MIN_CONFIDENCE:
        return ""
    return str(values[0].language.iso_code_639_1.name.lower())


def pair_languages(left_text: str, right_text: str, left: str, right: str) -> tuple[str, str]:
    """The languages to compare two texts as, given each one's detected language.

    The detector judges each text alone, and a short or name-heavy text can be misread (a
    two-sentence English text of names and nouns came out French). Two texts that share most
    of their words are one language, whatever was detected: both then take the language of
    the longer text, whose detection read more."""
    if not (left and right and left != right):
        return left, right
    left_words = {w.casefold() for w in _WORD.findall(left_text[:SAMPLE_CHARS])}
    right_words = {w.casefold() for w in _WORD.findall(right_text[:SAMPLE_CHARS])}
    smaller = min(len(left_words), len(right_words))
    if smaller and len(left_words & right_words) >= SHARED_VOCABULARY * smaller:
        language = left if len(left_text) >= len(right_text) else right
        return language, language
    return left, right
