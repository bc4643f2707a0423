"""The review file (``.adiff``): a comparison's texts, settings, manual decisions and marks.

JSON, UTF-8, documented in the README ("The review file"). It holds everything needed to
reopen a review on another machine, even when the articles have moved: both texts as read,
with the SHA-256 of the file's bytes, so a changed source file is noticed. Indices are
sentence indices of the saved texts; ``sentences`` (offsets) pins them down, so a later
change to the sentence splitter cannot shift them.

Reading validates everything and raises ``ReviewFileError`` with a message for a person
(damaged, truncated, not a review file, from a newer version); nothing is changed then.
Saving is atomic and never replaces an article (``atomic.refuse_inputs``) nor any existing
file that is not a review file.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..engine.model import Block, BlockRole, Comparison, Document, Sentence
from ..engine.review import (
    Lost,
    ManualLink,
    Mark,
    MarkState,
    ReviewState,
    Target,
    remap,
    sentence_map,
)
from ..engine.segment import split_sentences
from .atomic import ExportError, PathLike, atomic_path, refuse_inputs
from .files import FileProblem, read_regular

FORMAT = "article-diff-review"
VERSION = 1
SUFFIX = ".adiff"
MAX_BYTES = 256 * 1024 * 1024
"""Two 64 MB articles' texts, escaped, fit with room to spare."""

Translate = Callable[[str], str]


def _same(text: str) -> str:
    return text


class ReviewFileError(Exception):
    """A review file cannot be read or written; ``message`` says why, for a person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ReviewSettings:
    sensitivity: float = 0.5
    split: str = "auto"
    model: str = ""


@dataclass(frozen=True)
class Review:
    """A review as saved: the two documents as read (with their sentences), the settings, the
    decisions and marks. ``path`` is where it was read from (None if never saved)."""

    left: Document
    right: Document
    left_sentences: tuple[Sentence, ...]
    right_sentences: tuple[Sentence, ...]
    settings: ReviewSettings
    state: ReviewState
    path: str | None = None
    saved: str = ""


def review_of(comparison: Comparison, state: ReviewState, path: str | None = None) -> Review:
    """The review of ``comparison`` with ``state``, ready to save."""
    return Review(
        comparison.left,
        comparison.right,
        comparison.left_sentences,
        comparison.right_sentences,
        ReviewSettings(comparison.sensitivity, comparison.split, comparison.model.name),
        state,
        path,
    )


# -- writing ------------------------------------------------------------------------------------


def _side(doc: Document, sentences: tuple[Sentence, ...]) -> dict[str, Any]:
    return {
        "path": doc.path,
        "name": doc.display_name,
        "format": doc.format,
        "encoding": doc.encoding,
        "sha256": doc.sha256,
        "text": doc.text,
        "blocks": [[b.start, b.end, b.role.value] for b in doc.blocks],
        "sentences": [[s.start, s.end] for s in sentences],
    }


def review_to_dict(review: Review, *, now: datetime | None = None) -> dict[str, Any]:
    """Plain data for ``json.dumps``, in the documented schema."""
    st = review.state
    return {
        "format": FORMAT,
        "version": VERSION,
        "saved": (now or datetime.now(timezone.utc)).isoformat(timespec="seconds"),
        "left": _side(review.left, review.left_sentences),
        "right": _side(review.right, review.right_sentences),
        "settings": {
            "sensitivity": review.settings.sensitivity,
            "split": review.settings.split,
            "model": review.settings.model,
        },
        "manual_links": [{"left": list(k.left), "right": list(k.right)} for k in st.links],
        "unlinked": [{"left": i, "right": j} for i, j in sorted(st.forbidden)],
        "no_counterpart": {
            "left": sorted(st.no_counterpart_left),
            "right": sorted(st.no_counterpart_right),
        },
        "marks": [_mark(t, m) for t, m in st.marks],
    }


def _mark(t: Target, m: Mark) -> dict[str, Any]:
    out: dict[str, Any] = {
        "left": list(t.left),
        "right": list(t.right),
        "state": m.state.value if m.state else None,
        "note": m.note,
    }
    if t.finding:
        out["finding"] = {"kind": t.finding, "detail": t.detail}
    return out


def save_review(
    review: Review,
    target: PathLike,
    *,
    protect: Iterable[PathLike | None] = (),
    tr: Translate = _same,
    now: datetime | None = None,
) -> None:
    """Write ``review`` to ``target`` atomically. Raises ``ExportError`` (the message says why)
    if ``target`` is one of the articles (the review's own, ``protect``, or any read in this
    process) or an existing file that is not a review file; ``target`` is then untouched."""
    inputs = (review.left.path, review.right.path, *protect)
    refuse_inputs(target, inputs, tr)
    if os.path.exists(target) and not is_review_file(target):
        raise ExportError(
            tr("Cannot save the review as {name}: that file exists and is not a review file.").format(
                name=Path(target).name
            )
        )
    text = json.dumps(review_to_dict(review, now=now), ensure_ascii=False, indent=1) + "\n"
    with atomic_path(target, protect=inputs, tr=tr) as tmp:
        tmp.write_bytes(text.encode("utf-8"))


def is_review_file(path: PathLike) -> bool:
    """Does ``path`` start like a review file (its first bytes name the format)?"""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return head.lstrip().startswith(b"{") and FORMAT.encode() in head


# -- reading ------------------------------------------------------------------------------------


def load_review(path: PathLike, *, tr: Translate = _same) -> Review:
    """Read and check the review file at ``path``. Raises ``ReviewFileError``."""
    name = Path(path).name
    try:
        data = read_regular(path, MAX_BYTES)
    except FileProblem as problem:
        raise ReviewFileError(_problem_message(problem, name, tr)) from None
    return parse_review(data, path=os.path.abspath(os.fspath(path)), name=name, tr=tr)


def _problem_message(problem: FileProblem, name: str, tr: Translate) -> str:
    messages = {
        "not_found": tr("Cannot find the review file {name}."),
        "is_directory": tr("{name} is a folder, not a review file."),
        "permission": tr("Not allowed to read the review file {name}."),
        "too_large": tr("{name} is too large to be a review file."),
    }
    return messages.get(problem.kind, tr("Cannot read the review file {name}.")).format(name=name)


def parse_review(data: bytes, *, path: str | None = None, name: str = "", tr: Translate = _same) -> Review:
    """A ``Review`` from the bytes of a review file. Raises ``ReviewFileError``."""
    shown = name or "the review file"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReviewFileError(
            tr("{name} is not a review file (it is not UTF-8 text).").format(name=shown)
        ) from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        if not text.strip():
            why = tr("{name} is empty: it is not a review file.")
        elif exc.pos >= len(text.rstrip()) - 1 or "Unterminated" in exc.msg:
            why = tr("{name} is incomplete (it ends too early): it may have been cut short while "
                     "copying or saving.")
        elif text.lstrip().startswith("{"):
            why = tr("{name} is damaged: it is not valid JSON (line {line}).")
        else:
            why = tr("{name} is not a review file.")
        raise ReviewFileError(why.format(name=shown, line=exc.lineno)) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ReviewFileError(
            tr("{name} is not an Article Diff review file.").format(name=shown)
        )
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ReviewFileError(tr("{name} is damaged: its version is missing.").format(name=shown))
    if version > VERSION:
        raise ReviewFileError(
            tr("{name} was saved by a newer Article Diff (review format {version}); this version "
               "reads format {ours}. Update Article Diff to open it.").format(
                name=shown, version=version, ours=VERSION
            )
        )
    try:
        return _review(raw, path)
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise ReviewFileError(
            tr("{name} is damaged: {why}.").format(name=shown, why=str(exc).strip("'\"") or type(exc).__name__)
        ) from None


def _ints(value: Any, limit: int, what: str) -> tuple[int, ...]:
    if not isinstance(value, list):
        raise TypeError(f"{what} is not a list of sentence numbers")
    out = []
    for v in value:
        if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v < limit:
            raise ValueError(f"{what} refers to sentence {v!r}, which the saved text does not have")
        out.append(v)
    return tuple(sorted(set(out)))


def _str(value: Any, what: str, default: str | None = None) -> str:
    if value is None and default is not None:
        return default
    if not isinstance(value, str):
        raise TypeError(f"{what} is not text")
    return value


def _document(raw: Any, what: str) -> tuple[Document, tuple[Sentence, ...]]:
    if not isinstance(raw, dict):
        raise TypeError(f"the {what} document is missing")
    text = _str(raw["text"], f"the {what} text").replace("\r\n", "\n").replace("\r", "\n")
    path = raw.get("path")
    path = _str(path, f"the {what} path") if path is not None else None
    if "blocks" in raw:
        blocks = tuple(_block(b, len(text), what) for b in raw["blocks"])
    else:  # a tool that wrote only the text: paragraphs are separated by blank lines
        blocks = _blocks_of(text)
    doc = Document(
        text,
        blocks,
        path=path,
        name=_str(raw.get("name"), f"the {what} name", ""),
        format=_str(raw.get("format"), f"the {what} format", "text"),
        encoding=raw.get("encoding") if isinstance(raw.get("encoding"), str) else None,
        sha256=_str(raw.get("sha256"), f"the {what} sha256", ""),
    )
    return doc, _sentences(doc, raw.get("sentences"), what)


def _block(raw: Any, size: int, what: str) -> Block:
    if not isinstance(raw, list) or len(raw) < 2:
        raise ValueError(f"a block of the {what} text is malformed")
    start, end = raw[0], raw[1]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= size):
        raise ValueError(f"a block of the {what} text lies outside it")
    role = BlockRole(raw[2]) if len(raw) > 2 else BlockRole.PARAGRAPH
    return Block(start, end, role)


def _blocks_of(text: str) -> tuple[Block, ...]:
    blocks, at = [], 0
    for part in text.split("\n\n"):
        if part.strip():
            blocks.append(Block(at, at + len(part)))
        at += len(part) + 2
    return tuple(blocks)


def _sentences(doc: Document, raw: Any, what: str) -> tuple[Sentence, ...]:
    if raw is None:
        return split_sentences(doc, "auto")
    if not isinstance(raw, list):
        raise TypeError(f"the {what} sentences are malformed")
    starts = [b.start for b in doc.blocks]
    out = []
    for item in raw:
        if not (isinstance(item, list) and len(item) == 2 and all(isinstance(x, int) for x in item)):
            raise ValueError(f"a sentence of the {what} text is malformed")
        start, end = item
        if not 0 <= start < end <= len(doc.text):
            raise ValueError(f"a sentence of the {what} text lies outside it")
        out.append(Sentence(doc.text[start:end], start, end, max(0, bisect.bisect_right(starts, start) - 1)))
    return tuple(out)


def _review(raw: dict[str, Any], path: str | None) -> Review:
    left, ls = _document(raw["left"], "original")
    right, rs = _document(raw["right"], "rewrite")
    n, m = len(ls), len(rs)
    s = raw.get("settings") or {}
    if not isinstance(s, dict):
        raise TypeError("the settings are malformed")
    sensitivity = s.get("sensitivity", 0.5)
    if not isinstance(sensitivity, (int, float)) or isinstance(sensitivity, bool) or not 0 <= sensitivity <= 1:
        raise ValueError("the sensitivity is not a number between 0 and 1")
    split = _str(s.get("split"), "the split", "auto")
    if split not in ("auto", "lines"):
        raise ValueError(f"the split {split!r} is unknown")
    settings = ReviewSettings(float(sensitivity), split, _str(s.get("model"), "the model", ""))
    links = []
    for k in raw.get("manual_links") or []:
        lg, rg = _ints(k["left"], n, "a manual link"), _ints(k["right"], m, "a manual link")
        if not lg or not rg:
            raise ValueError("a manual link has no sentence on one side")
        links.append(ManualLink(lg, rg))
    forbidden = set()
    for k in raw.get("unlinked") or []:
        (i,), (j,) = _ints([k["left"]], n, "an unlinked pair"), _ints([k["right"]], m, "an unlinked pair")
        forbidden.add((i, j))
    none = raw.get("no_counterpart") or {}
    marks: dict[Target, Mark] = {}
    for k in raw.get("marks") or []:
        state = k.get("state")
        finding = k.get("finding") or {}
        target = Target(
            _ints(k["left"], n, "a mark"),
            _ints(k["right"], m, "a mark"),
            _str(finding.get("kind"), "a finding's kind", ""),
            _str(finding.get("detail"), "a finding's detail", ""),
        )
        if not target.left and not target.right:
            raise ValueError("a mark is on no sentence")
        mark = Mark(MarkState(state) if state is not None else None, _str(k.get("note"), "a note", ""))
        if not mark.empty:
            marks[target] = mark
    state = ReviewState(
        links=tuple(sorted(set(links))),
        forbidden=frozenset(forbidden),
        no_counterpart_left=frozenset(_ints(none.get("left", []), n, "a sentence with no counterpart")),
        no_counterpart_right=frozenset(_ints(none.get("right", []), m, "a sentence with no counterpart")),
        marks=tuple(sorted(marks.items(), key=lambda tm: tm[0])),
    )
    saved = raw.get("saved")
    saved = saved if isinstance(saved, str) else ""
    return Review(left, right, ls, rs, settings, state, path, saved)


# -- source files that changed ------------------------------------------------------------------


@dataclass(frozen=True)
class SourceStatus:
    """What became of one side's file since the review was saved."""

    side: str  # "left" or "right"
    path: str | None
    state: str  # "same", "changed", "missing", "pasted" (no file)


def source_status(review: Review) -> list[SourceStatus]:
    """Each side's file compared by hash with the text the review holds."""
    out = []
    for side, doc in (("left", review.left), ("right", review.right)):
        if not doc.path or not doc.sha256:
            out.append(SourceStatus(side, doc.path, "pasted"))
            continue
        try:
            data = read_regular(doc.path, 64 * 1024 * 1024)
        except FileProblem:
            out.append(SourceStatus(side, doc.path, "missing"))
            continue
        same = hashlib.sha256(data).hexdigest() == doc.sha256
        out.append(SourceStatus(side, doc.path, "same" if same else "changed"))
    return out


@dataclass(frozen=True)
class CarryOver:
    """A review moved onto re-read texts: the new review and what could not be carried."""

    review: Review
    lost: tuple[Lost, ...]


def carry_over(review: Review, left: Document | None, right: Document | None) -> CarryOver:
    """``review`` with its texts replaced by ``left``/``right`` (None keeps a side's saved text);
    decisions and marks follow the sentences whose text is unchanged, the rest is reported."""
    split = review.settings.split
    ls = split_sentences(left, split) if left is not None else review.left_sentences
    rs = split_sentences(right, split) if right is not None else review.right_sentences
    lmap = sentence_map([s.text for s in review.left_sentences], [s.text for s in ls])
    rmap = sentence_map([s.text for s in review.right_sentences], [s.text for s in rs])
    state, lost = remap(review.state, lmap, rmap)
    new = Review(
        left if left is not None else review.left,
        right if right is not None else review.right,
        ls,
        rs,
        review.settings,
        state,
        review.path,
        review.saved,
    )
    return CarryOver(new, tuple(lost))


def describe_lost(item: Lost, review: Review, tr: Translate = _same) -> str:
    """One line for the carry-over report, with the old sentences' labels and an excerpt."""
    def label(side: str, indices: tuple[int, ...]) -> str:
        return ", ".join(f"{side}{i + 1}" for i in indices)

    where = " ↔ ".join(x for x in (label("L", item.left), label("R", item.right)) if x)
    sentences = [review.left_sentences[i].text for i in item.left if i < len(review.left_sentences)]
    sentences += [review.right_sentences[j].text for j in item.right if j < len(review.right_sentences)]
    excerpt = sentences[0] if sentences else ""
    excerpt = excerpt if len(excerpt) <= 60 else excerpt[:59] + "…"
    what = {
        "link": tr("link by hand {where}"),
        "unlinked": tr("unlinked pair {where}"),
        "no_counterpart": tr("“no counterpart” on {where}"),
        "mark": tr("mark on {where}"),
    }[item.what].format(where=where)
    if item.mark is not None:
        if item.mark.state is not None:
            what += f" ({tr(item.mark.state.value)})"
        if item.mark.note:
            note = item.mark.note.replace("\n", " ")
            what += tr(", note: “{note}”").format(note=note if len(note) <= 60 else note[:59] + "…")
    return tr("{what}: a sentence changed (“{excerpt}”)").format(what=what, excerpt=excerpt)
