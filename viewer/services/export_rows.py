"""A comparison as the aligned rows that every export renders (PDF, HTML, print).

Qt-free. Rows run in the rewrite's order: each linked group is one row with its left sentences
beside its right ones; an omitted sentence gets a row with an empty right cell where it stood in
the original; an added sentence gets a row with an empty left cell where it stands in the rewrite.
A moved group is shown in full where it stands in the rewrite, and a short pointer row marks the
place it left in the original, so that both columns read in their own order.

Wording goes through the ``tr`` callable the renderer passes in (``QCoreApplication.translate``
in practice), so this module stays free of Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ..engine.model import (
    FINDING_SEVERITY,
    ChangeKind,
    Comparison,
    Finding,
    Group,
    Sentence,
    WordOpKind,
)
from ..engine.review import Mark, MarkState, ReviewState, Target, group_target
from .palette import TRANSLATION_LABELS

Translate = Callable[[str], str]


def no_translation(text: str) -> str:
    """The identity ``tr``: English wording."""
    return text


@dataclass(frozen=True)
class Span:
    """A run of a sentence's text: unchanged (``EQUAL``), removed (``DELETE``: struck through)
    or inserted (``INSERT``: underlined). ``focus`` marks the piece a finding is about."""

    text: str
    change: WordOpKind = WordOpKind.EQUAL
    focus: bool = False


@dataclass(frozen=True)
class SentenceText:
    """One sentence (or one piece of a very long one) as spans, with its label ("L4", "R12")."""

    index: int
    label: str
    spans: tuple[Span, ...]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass(frozen=True)
class Cell:
    """One side of a row: its sentences and a short italic note ("omitted", "moved from ...")."""

    sentences: tuple[SentenceText, ...] = ()
    note: str = ""

    @property
    def chars(self) -> int:
        return sum(len(s.text) for s in self.sentences)


@dataclass(frozen=True)
class Row:
    """One row of the side-by-side table.

    ``group`` indexes ``Comparison.groups`` (None for omitted and added sentences);
    ``pointer`` is True for the row marking where a moved group stood in the original;
    ``continued`` is True for the second and later rows of a group too long for one row;
    ``findings`` are 1-based numbers of the report's findings that concern this row;
    ``review`` is the editor's word on the row ("Linked by hand. Flagged. Note: ..."), or "".
    """

    kind: ChangeKind
    left: Cell
    right: Cell
    group: int | None = None
    pointer: bool = False
    continued: bool = False
    findings: tuple[int, ...] = ()
    review: str = ""
    state: MarkState | None = None


def sentence_label(side: str, index: int) -> str:
    """ "L4" for left sentence 3, "R12" for right sentence 11 (numbers start at 1)."""
    return f"{side}{index + 1}"


def sentence_spans(
    text: str, sentence: Sentence, group: Group | None, side: str
) -> tuple[Span, ...]:
    """The sentence as spans, with the group's removals (left) or insertions (right) marked.

    Word ops cover words only; the whitespace between two changed words is marked too, so a
    struck-through run reads as one run.
    """
    start, end = sentence.start, sentence.end
    mask = [WordOpKind.EQUAL] * (end - start)
    wanted = WordOpKind.DELETE if side == "L" else WordOpKind.INSERT
    for op in group.word_ops if group is not None else ():
        if op.op is not wanted:
            continue
        a, b = (op.left_start, op.left_end) if side == "L" else (op.right_start, op.right_end)
        for k in range(max(a, start), min(b, end)):
            mask[k - start] = wanted
    k = 0
    while k < len(mask):
        if mask[k] is WordOpKind.EQUAL and text[start + k].isspace():
            run = k
            while run < len(mask) and mask[run] is WordOpKind.EQUAL and text[start + run].isspace():
                run += 1
            if 0 < k and run < len(mask) and mask[k - 1] is wanted and mask[run] is wanted:
                for m in range(k, run):
                    mask[m] = wanted
            k = run
        else:
            k += 1
    spans: list[Span] = []
    k = 0
    while k < len(mask):
        run = k
        while run < len(mask) and mask[run] is mask[k]:
            run += 1
        spans.append(Span(text[start + k : start + run], mask[k]))
        k = run
    return tuple(spans)


def _sentences(
    c: Comparison, side: str, indices: Sequence[int], group: Group | None
) -> tuple[SentenceText, ...]:
    doc, sents = (c.left, c.left_sentences) if side == "L" else (c.right, c.right_sentences)
    return tuple(
        SentenceText(i, sentence_label(side, i), sentence_spans(doc.text, sents[i], group, side))
        for i in indices
    )


def _excerpt(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit] + "…"


def build_rows(
    c: Comparison,
    *,
    tr: Translate = no_translation,
    max_chars: int | None = None,
    changes_only: bool = False,
) -> tuple[Row, ...]:
    """The aligned rows of ``c``, in the rewrite's order (see the module docstring).

    With ``changes_only``, each run of identical rows (kept word for word, in place) becomes
    one short row that says how many sentences it leaves out and which.

    With ``max_chars``, a row holding more text than that on either side is broken into several
    rows (sentence by sentence, and a longer sentence at word boundaries), so that a renderer
    with pages never meets a row taller than a page.
    """
    groups = c.groups
    omitted, added = set(c.omitted), set(c.added)
    first_right = {g.right[0]: n for n, g in enumerate(groups) if g.right}
    sequence: list[tuple[str, int]] = []
    for j in range(len(c.right_sentences)):
        if j in added:
            sequence.append(("added", j))
        elif j in first_right:
            sequence.append(("group", first_right[j]))
    position = {n: k for k, (what, n) in enumerate(sequence) if what == "group"}
    # Left-only rows (omissions, the places moved groups left) go after the row of the nearest
    # earlier left sentence that stayed in place: -1 means before everything.
    after: dict[int, list[tuple[str, int]]] = {}
    anchor = -1
    for i in range(len(c.left_sentences)):
        n = c.group_of_left(i)
        if n is not None and not groups[n].moved:
            anchor = position[n]
        elif i in omitted:
            after.setdefault(anchor, []).append(("omitted", i))
        elif n is not None and i == groups[n].left[0]:
            after.setdefault(anchor, []).append(("pointer", n))
    ordered = list(after.get(-1, []))
    for k, item in enumerate(sequence):
        ordered.append(item)
        ordered.extend(after.get(k, []))

    findings = findings_in_order(c)
    rows: list[Row] = []
    for what, n in ordered:
        if what == "group":
            row = _group_row(c, n, tr)
        elif what == "pointer":
            row = _pointer_row(c, n, tr)
        elif what == "omitted":
            row = Row(
                ChangeKind.OMITTED, Cell(_sentences(c, "L", [n], None)), Cell(note=tr("omitted"))
            )
        else:
            row = Row(ChangeKind.ADDED, Cell(note=tr("added")), Cell(_sentences(c, "R", [n], None)))
        if not row.pointer:
            lefts = {s.index for s in row.left.sentences}
            rights = {s.index for s in row.right.sentences}
            hits = tuple(
                number
                for number, f in enumerate(findings, 1)
                if (f.left >= 0 and f.left in lefts) or (f.right >= 0 and f.right in rights)
            )
            row = replace(row, findings=hits)
            if c.review is not None:
                row = _with_review(c, row, c.review, tr)
        rows.extend(split_row(row, max_chars, tr) if max_chars else [row])
    return _changes_only(rows, tr) if changes_only else tuple(rows)


def _is_identical(row: Row) -> bool:
    return row.kind is ChangeKind.IDENTICAL and row.group is not None and not row.review


def _changes_only(rows: Sequence[Row], tr: Translate) -> tuple[Row, ...]:
    """``rows`` with each run of identical rows replaced by one row noting what it left out."""
    out: list[Row] = []
    run: list[Row] = []

    def flush() -> None:
        if not run:
            return
        lefts = sorted({s.index for r in run for s in r.left.sentences})
        rights = sorted({s.index for r in run for s in r.right.sentences})

        def note(side: str, indices: list[int]) -> str:
            if not indices:
                return ""
            where = sentence_label(side, indices[0])
            if len(indices) > 1:
                where += "–" + sentence_label(side, indices[-1])
            if len(indices) == 1:
                return tr("1 identical sentence not shown ({where})").format(where=where)
            return tr("{n} identical sentences not shown ({where})").format(
                n=len(indices), where=where
            )

        out.append(
            Row(ChangeKind.IDENTICAL, Cell(note=note("L", lefts)), Cell(note=note("R", rights)))
        )
        run.clear()

    for row in rows:
        if _is_identical(row):
            run.append(row)
        else:
            flush()
            out.append(row)
    flush()
    return tuple(out)


def findings_in_order(c: Comparison) -> list[Finding]:
    """The findings, most serious first (altered quotations), then in reading order."""
    return sorted(
        c.findings,
        key=lambda f: (FINDING_SEVERITY.get(f.kind, 99), f.left if f.left >= 0 else 10**9, f.right),
    )


def _place_before(c: Comparison, indices: Sequence[int], side: str, tr: Translate) -> str:
    """Where a run of sentences sits: "after L3", or "at the start"."""
    first = min(indices)
    members = set(indices)
    earlier = [k for k in range(first) if k not in members]
    if not earlier:
        return tr("at the start")
    return tr("after {where}").format(where=sentence_label(side, earlier[-1]))


def _span_label(side: str, indices: Sequence[int]) -> str:
    labels = [sentence_label(side, i) for i in indices]
    if len(labels) > 2 and indices[-1] - indices[0] == len(indices) - 1:
        return f"{labels[0]}–{labels[-1]}"
    return ", ".join(labels)


def _group_row(c: Comparison, n: int, tr: Translate) -> Row:
    g = c.groups[n]
    left = Cell(_sentences(c, "L", g.left, g))
    right = Cell(_sentences(c, "R", g.right, g))
    if g.moved:
        left = replace(
            left,
            note=tr("moved from its place {place} in the original").format(
                place=_place_before(c, g.left, "L", tr)
            ),
        )
    if g.translation is not None:
        right = replace(
            right,
            note=tr("{kind} · similarity {sim:.2f}").format(
                kind=tr(TRANSLATION_LABELS[g.translation]), sim=g.similarity
            ),
        )
    return Row(g.kind, left, right, group=n)


def _pointer_row(c: Comparison, n: int, tr: Translate) -> Row:
    g = c.groups[n]
    text = " ".join(c.left_sentences[i].text for i in g.left)
    note = tr("{labels} moved → {place} in the rewrite: “{excerpt}”").format(
        labels=_span_label("L", g.left),
        place=_place_before(c, g.right, "R", tr),
        excerpt=_excerpt(text),
    )
    return Row(ChangeKind.MOVED, Cell(note=note), Cell(), group=n, pointer=True)


def split_row(row: Row, max_chars: int, tr: Translate = no_translation) -> list[Row]:
    """``row`` as one or more rows, none holding more than about ``max_chars`` characters a side."""
    if row.left.chars <= max_chars and row.right.chars <= max_chars:
        return [row]
    lefts = _chunk(row.left.sentences, max_chars, tr)
    rights = _chunk(row.right.sentences, max_chars, tr)
    count = max(len(lefts), len(rights))
    out = []
    for k in range(count):
        cells = []
        for chunks, cell in ((lefts, row.left), (rights, row.right)):
            if k < len(chunks):
                note = cell.note if k == 0 else ""
                cells.append(Cell(tuple(chunks[k]), note))
            else:
                cells.append(Cell(note=tr("(continued)") if chunks else ""))
        out.append(
            replace(
                row,
                left=cells[0],
                right=cells[1],
                continued=k > 0,
                findings=row.findings if k == 0 else (),
                review=row.review if k == 0 else "",
            )
        )
    return out


def _chunk(
    sentences: Sequence[SentenceText], max_chars: int, tr: Translate
) -> list[list[SentenceText]]:
    pieces: list[SentenceText] = []
    for s in sentences:
        pieces.extend(_cut_sentence(s, max_chars, tr))
    chunks: list[list[SentenceText]] = []
    size = 0
    for p in pieces:
        n = len(p.text)
        if not chunks or size + n > max_chars:
            chunks.append([])
            size = 0
        chunks[-1].append(p)
        size += n
    return chunks


def _cut_sentence(s: SentenceText, max_chars: int, tr: Translate) -> list[SentenceText]:
    """A sentence longer than ``max_chars`` as pieces cut at whitespace (hard cut if none);
    later pieces are labelled "L4 (cont.)"."""
    if len(s.text) <= max_chars:
        return [s]
    pieces: list[SentenceText] = []
    spans = list(s.spans)
    while spans:
        taken: list[Span] = []
        size = 0
        while spans and size + len(spans[0].text) <= max_chars:
            size += len(spans[0].text)
            taken.append(spans.pop(0))
        if spans and size < max_chars:
            head = spans[0]
            room = max_chars - size
            cut = head.text.rfind(" ", 0, room + 1)
            if cut <= 0 and not taken:
                cut = room
            if cut > 0:
                taken.append(replace(head, text=head.text[:cut]))
                spans[0] = replace(head, text=head.text[cut:])
        label = s.label if not pieces else tr("{label} (cont.)").format(label=s.label)
        pieces.append(SentenceText(s.index, label, tuple(taken)))
    return pieces


def review_words(mark: Mark, tr: Translate, *, manual: bool = False) -> str:
    """The editor's word on a row or finding: "Linked by hand. Flagged. Note: ..."."""
    parts = [tr("Linked by hand.")] if manual else []
    if mark.state is not None:
        parts.append(
            {
                MarkState.REVIEWED: tr("Reviewed."),
                MarkState.FLAGGED: tr("Flagged."),
                MarkState.IGNORED: tr("Ignored."),
            }[mark.state]
        )
    if mark.note:
        parts.append(tr("Note: {note}").format(note=mark.note))
    return " ".join(parts)


def _with_review(c: Comparison, row: Row, review: ReviewState, tr: Translate) -> Row:
    lefts = tuple(s.index for s in row.left.sentences)
    rights = tuple(s.index for s in row.right.sentences)
    manual = False
    if row.group is not None:
        g = c.groups[row.group]
        target = group_target(g.left, g.right)
        manual = g.manual
    else:
        target = Target(lefts, rights)
    mark = review.mark(target)
    return replace(row, review=review_words(mark, tr, manual=manual), state=mark.state)
