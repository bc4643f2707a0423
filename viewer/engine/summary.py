"""Summary figures of a comparison: what survived, what is new."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import ChangeKind, Summary

if TYPE_CHECKING:
    from .model import Comparison


def summarize(c: "Comparison") -> Summary:
    """Counts by kind (of sentences) and the shares of text kept and new, by characters."""
    counts = {k: 0 for k in ChangeKind}
    for g in c.groups:
        counts[g.kind] += len(g.left)
    left_chars = sum(len(s.text) for s in c.left_sentences) or 1
    right_chars = sum(len(s.text) for s in c.right_sentences) or 1
    omitted_chars = sum(len(c.left_sentences[i].text) for i in c.omitted)
    added_chars = sum(len(c.right_sentences[j].text) for j in c.added)
    return Summary(
        left_sentences=len(c.left_sentences),
        right_sentences=len(c.right_sentences),
        identical=counts[ChangeKind.IDENTICAL],
        minor_edit=counts[ChangeKind.MINOR],
        reworded=counts[ChangeKind.REWORDED],
        moved=counts[ChangeKind.MOVED],
        omitted=len(c.omitted),
        added=len(c.added),
        kept_share=round(1.0 - omitted_chars / left_chars, 4) if c.left_sentences else 0.0,
        new_share=round(added_chars / right_chars, 4) if c.right_sentences else 0.0,
        findings=len(c.findings),
    )
