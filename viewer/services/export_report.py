"""Everything an export shows, worded and in order: title block, summary figures, legend, the
aligned rows (from :mod:`export_rows`) and the findings. Qt-free: wording goes through the ``tr``
the renderer passes in. The PDF, the HTML file and the printout all lay out one ``Report``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from ..engine.model import (
    ChangeKind,
    Comparison,
    Document,
    Finding,
    IgnoreOptions,
    WordOpKind,
    percent,
)
from ..engine.review import ReviewProgress, finding_target, review_progress
from .atomic import refuse_inputs
from .export_rows import (
    Row,
    SentenceText,
    Span,
    Translate,
    build_rows,
    findings_in_order,
    no_translation,
    review_words,
    sentence_label,
)
from .kind_text import KINDS
from .palette import FINDING_LABELS, LIGHT, Palette

KIND_ORDER = (
    ChangeKind.IDENTICAL,
    ChangeKind.MINOR,
    ChangeKind.REWORDED,
    ChangeKind.MOVED,
    ChangeKind.OMITTED,
    ChangeKind.ADDED,
)


@dataclass(frozen=True)
class LegendEntry:
    kind: ChangeKind
    marker: str
    label: str
    meaning: str
    tint: str


@dataclass(frozen=True)
class FindingEntry:
    """A finding as the report shows it: number, label, where, and both sentences with the
    piece at issue in focus."""

    number: int
    finding: Finding
    label: str
    where: str
    change: str
    left: SentenceText | None
    right: SentenceText | None
    review: str = ""
    """The editor's word on the finding ("Flagged. Note: ..."), or ""."""


@dataclass(frozen=True)
class Report:
    """Everything an export shows, worded and in order; renderers only lay it out."""

    title: str
    subtitle: str
    left_name: str
    right_name: str
    left_heading: str
    right_heading: str
    facts: tuple[tuple[str, str], ...]
    warning: str
    figures: tuple[tuple[str, str], ...]
    legend: tuple[LegendEntry, ...]
    marks: tuple[tuple[Span, str], ...]
    """Key to the marks inside sentences: a sample span and what it means."""
    rows: tuple[Row, ...]
    findings: tuple[FindingEntry, ...]


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def _file_fact(doc: Document, tr: Translate) -> str:
    if not doc.path:
        return tr("{name} (pasted text)").format(name=doc.display_name)
    try:
        modified = datetime.fromtimestamp(os.stat(doc.path).st_mtime)
    except (OSError, ValueError, OverflowError):
        return tr("{name} (modification date unknown)").format(name=doc.display_name)
    return tr("{name}, modified {date}").format(name=doc.display_name, date=_when(modified))


def _meanings(tr: Translate) -> dict[ChangeKind, str]:
    return {kind: tr(text.meaning) for kind, text in KINDS.items()}


def _focus_spans(text: str, piece: str) -> tuple[Span, ...]:
    at = text.find(piece) if piece else -1
    if at < 0:
        return (Span(text),)
    parts = (Span(text[:at]), Span(piece, focus=True), Span(text[at + len(piece) :]))
    return tuple(p for p in parts if p.text)


def _finding_entry(c: Comparison, number: int, f: Finding, tr: Translate) -> FindingEntry:
    left = right = None
    if 0 <= f.left < len(c.left_sentences):
        left = SentenceText(
            f.left,
            sentence_label("L", f.left),
            _focus_spans(c.left_sentences[f.left].text, f.left_text),
        )
    if 0 <= f.right < len(c.right_sentences):
        right = SentenceText(
            f.right,
            sentence_label("R", f.right),
            _focus_spans(c.right_sentences[f.right].text, f.right_text),
        )
    where = " → ".join(x for x in (left.label if left else "", right.label if right else "") if x)
    label = tr(FINDING_LABELS.get(f.kind, f.kind.value.replace("_", " ").capitalize()))
    change = tr("{before} → {after}").format(
        before=f"“{f.left_text}”" if f.left_text else tr("(not in the original)"),
        after=f"“{f.right_text}”" if f.right_text else tr("(not in the rewrite)"),
    )
    review = ""
    if c.review is not None:
        review = review_words(c.review.mark(finding_target(f)), tr)
    return FindingEntry(number, f, label, where, change, left, right, review)


IGNORE_LABELS = {
    "case": "letter case",
    "punctuation": "punctuation",
    "quotes": "quote style (curly or straight)",
    "whitespace": "white space",
    "numbers": "number formatting (1,000 or 1000)",
}
"""How a report names each of :class:`~viewer.engine.model.IgnoreOptions`' differences."""


def ignored_text(ignore: IgnoreOptions, tr: Translate = no_translation) -> str:
    """The differences ``ignore`` sets aside, in words ("nothing": every difference counts)."""
    names = [tr(IGNORE_LABELS[n]) for n in ignore.names()]
    return ", ".join(names) if names else tr("nothing: every difference counts")


def build_report(
    c: Comparison,
    *,
    tr: Translate = no_translation,
    now: datetime | None = None,
    max_chars: int | None = None,
    palette: Palette = LIGHT,
    changes_only: bool = False,
) -> Report:
    """The report of ``c``: what the PDF, the HTML file and the printout show."""
    s = c.summary
    left_name, right_name = c.left.display_name, c.right.display_name
    if c.model.semantic:
        model = tr("{name} (compares sentence meaning)").format(name=c.model.name)
        warning = ""
    else:
        model = tr("lexical fallback (compares shared words, not meaning)")
        # The fallback's note reads "lexical similarity (...), not meaning: <why>"; keep the why.
        why = c.model.note.split(": ", 1)[1] if ": " in c.model.note else ""
        warning = tr(
            "Warning: the sentence model was not used, so sentences were linked by the words "
            "they share, not by their meaning. Reworded sentences may be missed or linked wrongly."
        )
        if why:
            warning += " " + tr("Reason: {why}.").format(why=why.rstrip("."))
    facts: tuple[tuple[str, str], ...] = (
        (tr("Original"), _file_fact(c.left, tr)),
        (tr("Rewrite"), _file_fact(c.right, tr)),
        (tr("Exported"), _when(now or datetime.now())),
        (tr("Similarity"), model),
        (tr("Sensitivity"), f"{c.sensitivity:.2f}"),
        (tr("Not counted as changes"), ignored_text(c.ignore, tr)),
    )
    if changes_only:
        facts += ((tr("Shown"), tr("changes only: identical sentences are left out")),)
    kinds = ", ".join(
        (
            tr("{n} identical").format(n=s.identical),
            tr("{n} minor edits").format(n=s.minor_edit),
            tr("{n} reworded").format(n=s.reworded),
            tr("{n} moved").format(n=s.moved),
            tr("{n} omitted").format(n=s.omitted),
        )
    )
    findings = findings_in_order(c)
    figures: tuple[tuple[str, str], ...] = (
        (
            tr("Sentences"),
            tr("{left} in the original, {right} in the rewrite").format(
                left=s.left_sentences, right=s.right_sentences
            ),
        ),
        (
            tr("Original"),
            tr("{kinds}; {kept} of its text has a counterpart in the rewrite").format(
                kinds=kinds, kept=percent(s.kept_share)
            ),
        ),
        (
            tr("Rewrite"),
            tr("{added} added; {new} of its text is new").format(
                added=s.added, new=percent(s.new_share)
            ),
        ),
        (tr("Findings"), str(s.findings) if s.findings else tr("none")),
    )
    if c.review is not None:
        figures += ((tr("Review"), progress_words(review_progress(c, c.review), tr)),)
    meanings = _meanings(tr)
    legend = tuple(
        LegendEntry(
            k,
            palette.style(k).marker,
            tr(palette.style(k).label),
            meanings[k],
            palette.style(k).tint,
        )
        for k in KIND_ORDER
    )
    return Report(
        title=tr("Article Diff: comparison"),
        subtitle=f"{left_name} → {right_name}",
        left_name=left_name,
        right_name=right_name,
        left_heading=tr("Original: {name}").format(name=left_name),
        right_heading=tr("Rewrite: {name}").format(name=right_name),
        facts=facts,
        warning=warning,
        figures=figures,
        legend=legend,
        marks=(
            (Span(tr("struck through"), WordOpKind.DELETE), tr("words removed from the original")),
            (Span(tr("underlined"), WordOpKind.INSERT), tr("words inserted in the rewrite")),
            (Span("⚑"), tr("a finding, listed at the end")),
        ),
        rows=build_rows(c, tr=tr, max_chars=max_chars, changes_only=changes_only),
        findings=tuple(_finding_entry(c, n, f, tr) for n, f in enumerate(findings, 1)),
    )


def check_target(
    c: Comparison,
    target: str | os.PathLike[str],
    tr: Translate = no_translation,
    protect: Iterable[str | os.PathLike[str] | None] = (),
) -> None:
    """Raise ``ExportError`` if ``target`` is one of the files being compared (or one of
    ``protect``): an export must never overwrite its own input. The one check is
    :func:`viewer.services.atomic.refuse_inputs`."""
    refuse_inputs(target, (c.left.path, c.right.path, *protect), tr)


def progress_words(p: ReviewProgress, tr: Translate = no_translation) -> str:
    """ "14 of 41 changes reviewed, 2 flagged; 3 of 13 findings reviewed" (ignored ones left out)."""
    text = tr("{done} of {total} changes reviewed, {flagged} flagged").format(
        done=p.reviewed, total=p.changes, flagged=p.flagged
    )
    if p.ignored:
        text += tr(" ({n} ignored)").format(n=p.ignored)
    if p.findings or p.findings_ignored:
        text += tr("; {done} of {total} findings reviewed, {flagged} flagged").format(
            done=p.findings_reviewed, total=p.findings, flagged=p.findings_flagged
        )
    return text
