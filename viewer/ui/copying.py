"""Edit > Copy Change as Text: the selected change (a linked group, or one sentence only in
one version) as plain text for an e-mail or a note."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..engine.model import ChangeKind, Comparison
from ..services.palette import LABELS, TRANSLATION_LABELS
from .navigation import Selection
from .review.commands import labels


def change_as_text(c: Comparison | None, selection: Selection) -> str:
    """The selected change: its kind (and similarity), then the original's and the rewrite's
    sentences with their numbers; empty when nothing is selected."""
    tr = QCoreApplication.translate
    if c is None:
        return ""
    if 0 <= selection.group < len(c.groups):
        group = c.groups[selection.group]
        kind = (TRANSLATION_LABELS[group.translation] if group.translation is not None
                else LABELS[group.kind])
        head = (tr("Copying", "%1 · similarity %2").replace("%1", tr("Copying", kind))
                .replace("%2", f"{group.similarity:.2f}"))
        left, right = group.left, group.right
    elif selection.unlinked is not None:
        side, index = selection.unlinked
        head = tr("Copying", LABELS[ChangeKind.OMITTED if side == "left" else ChangeKind.ADDED])
        left, right = ((index,), ()) if side == "left" else ((), (index,))
    else:
        return ""
    lines = [head]
    for side, indices, title, sentences in (
            ("left", left, tr("Copying", "Original"), c.left_sentences),
            ("right", right, tr("Copying", "Rewrite"), c.right_sentences)):
        if indices:
            text = " ".join(sentences[i].text for i in indices)
            lines.append(f"{title} ({labels(side, indices)}): {text}")
    return "\n".join(lines)
