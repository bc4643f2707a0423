"""What hovering a band of the link map (or its sentence in a pane) says: the change's kind and
similarity, which sentences of each text it joins and their word counts; for an unlinked
sentence, its kind, number and words; for a run of hidden identical sentences, how many and
how to show them. Plain text, escaped (:func:`~viewer.ui.tooltips.plain_tooltip`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ..engine.model import Comparison
from ..services.palette import TRANSLATION_LABELS
from .theme import Theme
from .tooltips import plain_tooltip

if TYPE_CHECKING:
    from .link_map import Band


def _tr(text: str) -> str:
    return QCoreApplication.translate("LinkMap", text)


def band_tooltip(band: Band, c: Comparison | None, theme: Theme) -> str:
    """The tooltip of ``band`` of comparison ``c``."""
    label = _tr(theme.label(band.kind))
    if band.hidden:
        return plain_tooltip(_tr("{n} identical sentences hidden in both texts: click to show "
                                 "them").format(n=band.hidden))
    if band.group < 0 or c is None:
        side = _tr("original") if band.side == "left" else _tr("rewrite")
        sentences = c.left_sentences if c and band.side == "left" else None
        if c is not None and band.side == "right":
            sentences = c.right_sentences
        words = _word_count(sentences[band.sentence].text) if sentences else 0
        text = _tr("{label}: sentence {n} of the {side}, {w} words").format(
            label=label, n=band.sentence + 1, side=side, w=words
        )
        return plain_tooltip(text)
    group = c.groups[band.group]
    if group.translation is not None:
        label = _tr(TRANSLATION_LABELS[group.translation])
    if group.moved:
        edit = _tr(theme.label(group.edit))
        label = _tr("{moved} and {edit}").format(moved=label, edit=edit.lower())
    left_words = sum(_word_count(c.left_sentences[i].text) for i in group.left)
    right_words = sum(_word_count(c.right_sentences[j].text) for j in group.right)
    lines = [
        _tr("{label} — similarity {sim:.2f}").format(label=label, sim=group.similarity),
        _tr("Original: {which}, {n} words").format(which=_numbers(group.left), n=left_words),
        _tr("Rewrite: {which}, {n} words").format(which=_numbers(group.right), n=right_words),
    ]
    if group.manual:
        lines.append(_tr("Linked by hand"))
    return plain_tooltip("\n".join(lines))


def _word_count(text: str) -> int:
    return len(text.split())


def _numbers(indices: tuple[int, ...]) -> str:
    if len(indices) == 1:
        return _tr("sentence {n}").format(n=indices[0] + 1)
    return _tr("sentences {a}–{b}").format(a=indices[0] + 1, b=indices[-1] + 1)


__all__ = ["band_tooltip"]
