"""The comparison as JSON: the schema documented in the README (``schema_version`` 1)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from ..engine.model import Comparison, Document, Sentence, WordOp, WordOpKind
from ..engine.review import ReviewState, Target, finding_target, group_target, review_progress
from .atomic import write_text_atomic
from .readers.blocks import valid_unicode

SCHEMA_VERSION = 1


def _side(doc: Document, sentences: tuple[Sentence, ...], language: str) -> dict[str, Any]:
    return {
        # A path that is not valid UTF-8 (undecodable bytes of a file name) is written with
        # U+FFFD in their place: the file must stay valid JSON in UTF-8.
        "path": None if doc.path is None else valid_unicode(doc.path),
        "language": language,
        "name": doc.display_name,
        "format": doc.format,
        "encoding": doc.encoding,
        # The text as read: every offset in the file (sentences, word ops) points into it.
        "text": doc.text,
        "sentences": [
            {"text": s.text, "start": s.start, "end": s.end, "block": s.block} for s in sentences
        ],
    }


def _op(op: WordOp, c: Comparison) -> dict[str, Any]:
    out: dict[str, Any] = {"op": op.op.value}
    if op.op is not WordOpKind.INSERT:
        out["left"] = [op.left_start, op.left_end]
        out["left_text"] = c.left.text[op.left_start : op.left_end]
    if op.op is not WordOpKind.DELETE:
        out["right"] = [op.right_start, op.right_end]
        out["right_text"] = c.right.text[op.right_start : op.right_end]
    return out


def _mark(review: ReviewState | None, target: Target) -> dict[str, Any] | None:
    if review is None:
        return None
    m = review.mark(target)
    return None if m.empty else {"state": m.state.value if m.state else None, "note": m.note}


def _review(c: Comparison, review: ReviewState) -> dict[str, Any]:
    return {
        "progress": asdict(review_progress(c, review)),
        "manual_links": [{"left": list(k.left), "right": list(k.right)} for k in review.links],
        "unlinked": [{"left": i, "right": j} for i, j in sorted(review.forbidden)],
        "no_counterpart": {
            "left": sorted(review.no_counterpart_left),
            "right": sorted(review.no_counterpart_right),
        },
        "marks": [
            {
                "left": list(t.left),
                "right": list(t.right),
                **({"finding": {"kind": t.finding, "detail": t.detail}} if t.finding else {}),
                "state": m.state.value if m.state else None,
                "note": m.note,
            }
            for t, m in review.marks
        ],
    }


def comparison_to_dict(c: Comparison) -> dict[str, Any]:
    """Plain data for ``json.dump``: every field an integration needs, nothing Qt. With a
    review (``c.review``): links and groups say ``manual``, groups and findings carry their
    ``review`` mark, and ``review`` holds the progress, the decisions and every mark."""
    translation_of = {
        (i, j): g.translation.value
        for g in c.groups
        if g.translation
        for i in g.left
        for j in g.right
    }
    out = {
        "schema_version": SCHEMA_VERSION,
        "left": _side(c.left, c.left_sentences, c.left_language),
        "right": _side(c.right, c.right_sentences, c.right_language),
        "cross_language": c.cross_language,
        "links": [
            {
                "left": k.left,
                "right": k.right,
                "similarity": k.similarity,
                "kind": k.kind.value,
                "manual": k.manual,
                "translation": translation_of.get((k.left, k.right)),
            }
            for k in c.links
        ],
        "groups": [
            {
                "left": list(g.left),
                "right": list(g.right),
                "kind": g.kind.value,
                "edit": g.edit.value,
                "moved": g.moved,
                "similarity": g.similarity,
                "manual": g.manual,
                "review": _mark(c.review, group_target(g.left, g.right)),
                "translation": g.translation.value if g.translation else None,
            }
            for g in c.groups
        ],
        "omitted": list(c.omitted),
        "added": list(c.added),
        "word_ops": [
            {"group": n, "left": list(g.left), "right": list(g.right), "ops": [_op(o, c) for o in g.word_ops]}
            for n, g in enumerate(c.groups)
        ],
        "findings": [
            {
                "kind": f.kind.value,
                "left": f.left,
                "right": f.right,
                "left_text": f.left_text,
                "right_text": f.right_text,
                "detail": f.detail,
                "review": _mark(c.review, finding_target(f)),
            }
            for f in c.findings
        ],
        "model": asdict(c.model),
        "sensitivity": c.sensitivity,
        "ignore": list(c.ignore.names()),
        "split": c.split,
        "summary": asdict(c.summary),
    }
    if c.review is not None:
        out["review"] = _review(c, c.review)
    return out


def comparison_to_json(c: Comparison) -> str:
    return json.dumps(comparison_to_dict(c), ensure_ascii=False, indent=1)


def export_json(
    c: Comparison,
    target: str | os.PathLike[str],
    *,
    protect: Iterable[str | os.PathLike[str] | None] = (),
) -> None:
    """Write the comparison to ``target`` atomically.

    ``target`` must not be one of the compared files nor one of ``protect`` (a batch passes
    every input it reads): :class:`~viewer.services.atomic.ExportError` otherwise.
    """
    inputs = (c.left.path, c.right.path, *protect)
    write_text_atomic(target, comparison_to_json(c) + "\n", protect=inputs)
