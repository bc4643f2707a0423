"""The engine's one list of English stop words, and the few variants derived from it.

Each use needs a slightly different set, and each was tuned with its own: the aligner's rare-word
overlap (``align_features``), the lexical fallback's weights (``embed``), the quotation checks
(``quote_changes``) and the name finder (``names``). Rather than four lists, there is one base,
``FUNCTION_WORDS``, and each variant says what it adds or leaves out, and why. Changing the base
changes all of them (and the alignment figures: re-run bench/eval_alignment.py).
"""

from __future__ import annotations

__all__ = ["ALIGN_STOP", "FUNCTION_WORDS", "LEXICAL_STOP", "NAME_STOP", "QUOTE_STOP"]


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


FUNCTION_WORDS = _words(
    "a an the and or but of to in on at for with by from as into about "
    "is are was were be been has have had do does did will would "
    "it its this that these those he she they we you i his her their our your "
    "not no so if than then there which who whom what when where while also"
)
"""Articles, conjunctions, prepositions, auxiliaries, pronouns: words that say nothing of what
a sentence is about."""

LEXICAL_STOP = FUNCTION_WORDS
"""The lexical fallback embedder weighs these less than other words."""

ALIGN_STOP = FUNCTION_WORDS | _words("him them me my said one all up out")
"""Not terms of the aligner's rare-word overlap: also object pronouns and the words of
reporting ("said", "one", "all", "up", "out") that every news sentence shares. Tuned with the
aligner on the Aesop set (commit eaea607)."""

QUOTE_STOP = FUNCTION_WORDS | _words(
    "me us him them my being shall should can could may might must here "
    "that's it's there's just very more most much many some any all"
)
"""Not content words of a quotation: also modals, contractions and quantifiers, so that a
paraphrase is recognised by what it says, not by "could" or "very"."""

NAME_STOP = (
    FUNCTION_WORDS
    - _words(
        "of is are was were be been has have had do does did will would "
        "than then which who whom what where"
    )
) | _words(
    "my here after before during since until under over through against among between "
    "despite amid according additionally however instead meanwhile moreover furthermore "
    "conversely regarding yes mr mrs ms "
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday"
)
"""Capitalised words that are never a name (or a name's start) on their own: the function words
a sentence may begin with, sentence adverbs, titles (kept apart by the name finder), months and
weekdays. Left out: "of", a connector inside names ("Bank of England"); the auxiliaries and
wh-words were never in the name finder's list (and "Will" can be a first name); its tests were
written with this set."""
