"""The English name of each language the detector can answer (``viewer.engine.language``), for
reports. English source text: a renderer passes it through its ``tr``. The window names
languages with ``QLocale`` instead, in the user's own language."""

from __future__ import annotations

__all__ = ["LANGUAGE_NAMES", "language_name"]

LANGUAGE_NAMES = {
    "ar": "Arabic", "ca": "Catalan", "cs": "Czech", "da": "Danish", "de": "German",
    "el": "Greek", "en": "English", "es": "Spanish", "fi": "Finnish", "fr": "French",
    "hu": "Hungarian", "it": "Italian", "ja": "Japanese", "ko": "Korean", "nl": "Dutch",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sv": "Swedish",
    "th": "Thai", "tr": "Turkish", "uk": "Ukrainian", "zh": "Chinese",
}  # fmt: skip


def language_name(code: str) -> str:
    """``code``'s English name; the code itself for one not listed; "" for ""."""
    return LANGUAGE_NAMES.get(code, code)
