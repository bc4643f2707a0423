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
    TranslationKind,
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
from .language_names import language_name
from .palette import FINDING_LABELS, LIGHT, TRANSLATION_LABELS, Palette

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
    left_title: str = "Original"
    right_title: str = "Rewrite"
    """What the two sentences are called above them ("Translation" between two languages)."""


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
    return FindingEntry(number, f, label, where, change, left, right, review,
                        tr("Original"), _right_word(c, tr))


def _right_word(c: Comparison, tr: Translate) -> str:
    """What the right document is: the rewrite, or between two languages the translation."""
    return tr("Translation") if c.cross_language else tr("Rewrite")


_TRANSLATION_MEANINGS = {
    ChangeKind.MINOR: "a faithful translation",
    ChangeKind.REWORDED: "translated, but noticeably shorter, or its facts differ",
    ChangeKind.MOVED: "in a different place in the translation",
    ChangeKind.OMITTED: "only in the original, not translated",
    ChangeKind.ADDED: "only in the translation",
}
"""A report's legend between two languages: what each colour says (an identical sentence
cannot occur; a minor edit is a faithful translation, reworded a shortened or changed one:
``viewer.engine.translation``)."""
_TRANSLATION_KIND_LABELS = {
    ChangeKind.MINOR: "Translated",
    ChangeKind.REWORDED: "Shortened or changed",
}


def translation_counts(c: Comparison, tr: Translate = no_translation) -> str:
    """The original's sentences by translation kind (moved ones apart, as in the summary)."""
    counts = dict.fromkeys(TranslationKind, 0)
    for g in c.groups:
        if g.translation is not None and not g.moved:
            counts[g.translation] += len(g.left)
    s = c.summary
    return ", ".join(
        (
            tr("{n} translated").format(n=counts[TranslationKind.TRANSLATED]),
            tr("{n} translated but shortened").format(n=counts[TranslationKind.SHORTENED]),
            tr("{n} changed").format(n=counts[TranslationKind.CHANGED]),
            tr("{n} moved").format(n=s.moved),
            tr("{n} omitted").format(n=s.omitted),
        )
    )


def _with_language(fact: str, code: str, cross: bool, tr: Translate) -> str:
    """Each document's language, said only between two languages (in one it is noise)."""
    if not (cross and code):
        return fact
    return tr("{fact}; in {language}").format(fact=fact, language=tr(language_name(code)))


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
    cross = c.cross_language
    other = _right_word(c, tr)  # "Rewrite", or "Translation" between two languages
    facts: tuple[tuple[str, str], ...] = (
        (tr("Original"), _with_language(_file_fact(c.left, tr), c.left_language, cross, tr)),
        (other, _with_language(_file_fact(c.right, tr), c.right_language, cross, tr)),
        (tr("Exported"), _when(now or datetime.now())),
        (tr("Similarity"), model),
        (tr("Sensitivity"), f"{c.sensitivity:.2f}"),
        (tr("Not counted as changes"), ignored_text(c.ignore, tr)),
    )
    if changes_only:
        facts += ((tr("Shown"), tr("changes only: identical sentences are left out")),)
    kinds = translation_counts(c, tr) if cross else ", ".join(
        (
            tr("{n} identical").format(n=s.identical),
            tr("{n} minor edits").format(n=s.minor_edit),
            tr("{n} reworded").format(n=s.reworded),
            tr("{n} moved").format(n=s.moved),
            tr("{n} omitted").format(n=s.omitted),
        )
    )
    if cross:
        sentences = tr("{left} in the original, {right} in the translation")
        kept = tr("{kinds}; {kept} of its text has a counterpart in the translation")
    else:
        sentences = tr("{left} in the original, {right} in the rewrite")
        kept = tr("{kinds}; {kept} of its text has a counterpart in the rewrite")
    findings = findings_in_order(c)
    figures: tuple[tuple[str, str], ...] = (
        (
            tr("Sentences"),
            sentences.format(left=s.left_sentences, right=s.right_sentences),
        ),
        (
            tr("Original"),
            kept.format(kinds=kinds, kept=percent(s.kept_share)),
        ),
        (
            other,
            tr("{added} added; {new} of its text is new").format(
                added=s.added, new=percent(s.new_share)
            ),
        ),
        (tr("Findings"), str(s.findings) if s.findings else tr("none")),
    )
    if c.review is not None:
        figures += ((tr("Review"), progress_words(review_progress(c, c.review), tr)),)
    meanings = _meanings(tr)
    labels = {k: tr(palette.style(k).label) for k in KIND_ORDER}
    kinds_shown: tuple[ChangeKind, ...] = KIND_ORDER
    marks: tuple[tuple[Span, str], ...] = (
        (Span(tr("struck through"), WordOpKind.DELETE), tr("words removed from the original")),
        (Span(tr("underlined"), WordOpKind.INSERT), tr("words inserted in the rewrite")),
        (Span("⚑"), tr("a finding, listed at the end")),
    )
    if cross:
        meanings.update({k: tr(m) for k, m in _TRANSLATION_MEANINGS.items()})
        labels.update({k: tr(m) for k, m in _TRANSLATION_KIND_LABELS.items()})
        kinds_shown = tuple(k for k in KIND_ORDER if k in _TRANSLATION_MEANINGS)
        # No word-level marks between two languages: each linked sentence says its kind.
        marks = (
            (
                Span(tr("{kind} · similarity {sim:.2f}").format(
                    kind=tr(TRANSLATION_LABELS[TranslationKind.TRANSLATED]), sim=0.82)),
                tr("under a translated sentence: its kind, and how close in meaning it is "
                   "(0-1)"),
            ),
            (Span("⚑"), tr("a finding, listed at the end")),
        )
    legend = tuple(
        LegendEntry(
            k,
            palette.style(k).marker,
            labels[k],
            meanings[k],
            palette.style(k).tint,
        )
        for k in kinds_shown
    )
    return Report(
        title=tr("Article Diff: translation") if cross else tr("Article Diff: comparison"),
        subtitle=f"{left_name} → {right_name}",
        left_name=left_name,
        right_name=right_name,
        left_heading=tr("Original: {name}").format(name=left_name),
        right_heading=tr("{title}: {name}").format(title=other, name=right_name),
        facts=facts,
        warning=warning,
        figures=figures,
        legend=legend,
        marks=marks,
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
