"""``compare``: two documents in, one finished ``Comparison`` out."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace
from functools import partial

import numpy as np

from . import align as _align
from .align_translation import refine_translation_links
from .classify import KindSettings, edit_kind, group_kind
from .compare_memo import ComparisonMemo, GroupKey
from .embed import Embedder
from .findings import find_findings
from .language import detect_language, pair_languages
from .limits import check_sentence_count
from .model import ChangeKind, Comparison, Document, Group, IgnoreOptions, Link, Sentence, WordOp
from .model_choice import ModelSwitch
from .multilingual import MULTILINGUAL_NAME
from .progress import Cancel, Progress, check_cancel
from .review import ReviewState
from .segment import split_sentences
from .translation import classify_translations
from .word_diff import changed_word_count, word_ops

__all__ = ["DEFAULT_SENSITIVITY", "build_groups", "compare", "realign"]

DEFAULT_SENSITIVITY = 0.5


def compare(
    left: Document,
    right: Document,
    *,
    embedder: Embedder | ModelSwitch,
    split: str = "auto",
    sensitivity: float = DEFAULT_SENSITIVITY,
    settings: _align.AlignSettings | None = None,
    kinds: KindSettings | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    left_sentences: Sequence[Sentence] | None = None,
    right_sentences: Sequence[Sentence] | None = None,
    review: ReviewState | None = None,
    previous: Comparison | None = None,
    languages: tuple[str, str] | None = None,
    model_choice: str | None = None,
    ignore: IgnoreOptions | None = None,
) -> Comparison:
    """Split, embed, align, diff words and check findings. Raises ``Cancelled`` if cancelled,
    and ``TooManySentences`` (before any embedding) for a side over ``MAX_SENTENCES``.

    ``settings`` (the aligner's thresholds) and ``kinds`` (when an edit is minor) are scaled
    by ``sensitivity``; their defaults suit the embedder (the lexical fallback's cosines run
    lower).

    ``left_sentences``/``right_sentences``: the documents already split with ``split`` (the
    window splits while reading, to show the texts at once); they are used as they are
    instead of splitting a second time. ``review``: the editor's decisions, which the aligner
    keeps (pinned links, forbidden pairs, sentences with no counterpart).

    ``previous``: an earlier comparison of the same documents and split (see ``realign``):
    its embeddings, the aligner's work in the windows an edit did not touch, and the word ops,
    kinds and findings of its unchanged groups are reused (``Comparison.memo``); the result is
    the same as without it.

    ``languages``: the documents' ISO 639-1 codes, when the caller detected them (else they are
    detected here). ``embedder`` may be a :class:`ModelSwitch`, which picks the English or the
    multilingual model for the languages under ``model_choice`` ("auto", "english",
    "multilingual"; default: the switch's own). Documents in two languages are compared as a
    translation: no word-level edits, each group classified by
    :func:`viewer.engine.translation.classify_translations`.

    ``ignore``: differences that do not count as changes (kinds and word marks; the links are
    the same); default: ``previous``'s, else :class:`IgnoreOptions`' defaults.
    """
    timings: dict[str, float] = {}
    if ignore is None:
        ignore = previous.ignore if previous is not None else IgnoreOptions()
    t0 = time.perf_counter()
    if languages is None and previous is not None:
        languages = (previous.left_language, previous.right_language)
    if languages is None:
        languages = (detect_language(left.text), detect_language(right.text))
    left_language, right_language = pair_languages(left.text, right.text, *languages)
    if isinstance(embedder, ModelSwitch):
        if progress is not None and not embedder.multilingual_loaded:
            progress("load", 0, 1)
        embedder = embedder.choose(left_language, right_language, choice=model_choice)
    cross = bool(left_language and right_language and left_language != right_language)
    if previous is not None:
        ls, rs = previous.left_sentences, previous.right_sentences
    else:
        ls = (
            tuple(left_sentences)
            if left_sentences is not None
            else split_sentences(left, split, left_language)
        )
        check_sentence_count("left", len(ls))
        rs = (
            tuple(right_sentences)
            if right_sentences is not None
            else split_sentences(right, split, right_language)
        )
        check_sentence_count("right", len(rs))
    timings["split"] = time.perf_counter() - t0
    check_cancel(cancel)

    t0 = time.perf_counter()
    if previous is not None and previous.vectors is not None and previous.model == embedder.info:
        el, er = previous.vectors
    else:
        texts = [s.text for s in ls] + [s.text for s in rs]
        vecs = embedder.encode(texts, progress=progress, cancel=cancel) if texts else np.zeros((0, 1))
        el, er = vecs[: len(ls)], vecs[len(ls) :]
    timings["embed"] = time.perf_counter() - t0
    memo = previous.memo if previous is not None and previous.model == embedder.info else None
    if not isinstance(memo, ComparisonMemo):
        memo = ComparisonMemo()

    t0 = time.perf_counter()
    multilingual = embedder.info.name == MULTILINGUAL_NAME
    if settings is not None:
        base = settings
    elif not embedder.info.semantic:
        base = _align.LEXICAL_SETTINGS
    elif multilingual:
        base = _align.MULTILINGUAL_SETTINGS
    else:
        base = _align.AlignSettings()
    active = base.scaled(sensitivity)
    raw = _align.align(
        [s.text for s in ls],
        [s.text for s in rs],
        embedder,
        active,
        left_vectors=el,
        right_vectors=er,
        progress=progress,
        cancel=cancel,
        constraints=review.constraints() if review is not None else None,
        memo=memo.align,
    )
    if multilingual and settings is None and review is None:
        raw = refine_translation_links(raw, ls, rs, el, er)
    timings["align"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    known = (
        {(g.left, g.right): g.word_ops for g in previous.groups}
        if previous is not None and previous.ignore == ignore
        else None
    )
    kind_settings = (kinds or KindSettings()).scaled(sensitivity)
    groups = build_groups(
        raw, left, right, ls, rs, kind_settings, cancel=cancel, known_ops=known,
        cross_language=cross, ignore=ignore,
        known_groups=memo.groups(kind_settings, ignore),
    )
    kind_of: dict[tuple[int, int], ChangeKind] = {}
    for g in groups:
        for i in g.left:
            for j in g.right:
                kind_of[(i, j)] = g.kind
    links = tuple(
        Link(r.left, r.right, round(r.similarity, 4), kind_of[(r.left, r.right)], r.manual) for r in raw
    )
    linked_l = {link.left for link in links}
    linked_r = {link.right for link in links}
    omitted = tuple(i for i in range(len(ls)) if i not in linked_l)
    added = tuple(j for j in range(len(rs)) if j not in linked_r)
    timings["word_diff"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    draft = Comparison(
        left=left,
        right=right,
        left_sentences=ls,
        right_sentences=rs,
        links=links,
        groups=groups,
        omitted=omitted,
        added=added,
        findings=(),
        model=embedder.info,
        sensitivity=float(sensitivity),
        split=split,
        vectors=(el, er),
        review=review,
        left_language=left_language,
        right_language=right_language,
        ignore=ignore,
        memo=memo,
    )
    findings = tuple(find_findings(draft, memo=memo.findings))
    if cross:
        groups = classify_translations(draft, findings)
        kinds_of = {(i, j): g.kind for g in groups for i in g.left for j in g.right}
        links = tuple(replace(k, kind=kinds_of[(k.left, k.right)]) for k in links)
        draft = replace(draft, groups=groups, links=links)
    timings["findings"] = time.perf_counter() - t0
    return replace(draft, findings=findings, timings=timings)


def build_groups(
    raw: Sequence[_align.RawLink],
    left: Document,
    right: Document,
    ls: Sequence[Sentence],
    rs: Sequence[Sentence],
    kinds: KindSettings,
    *,
    cancel: Cancel | None = None,
    known_ops: dict[tuple[tuple[int, ...], tuple[int, ...]], tuple[WordOp, ...]] | None = None,
    cross_language: bool = False,
    ignore: IgnoreOptions | None = None,
    known_groups: dict[GroupKey, Group] | None = None,
) -> tuple[Group, ...]:
    """Connected components of the links, each with its word ops and the kind an editor sees.

    ``known_ops``: word ops already computed for some groups (by their sentences), reused.
    ``known_groups``: groups already built with these ``kinds`` and ``ignore`` (by their links' sentences,
    moved, similarity and manual flags), reused whole; new ones are added to it.
    Between two languages there are no word ops, and the edit kind is "reworded" until
    :func:`viewer.engine.translation.classify_translations` decides it. ``ignore``: the
    differences that do not count (default: :class:`IgnoreOptions`' defaults)."""
    ignore = ignore or IgnoreOptions()
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for r in raw:
        a, b = find(("L", r.left)), find(("R", r.right))
        if a != b:
            parent[a] = b
    members: dict[tuple[str, int], list[_align.RawLink]] = {}
    for r in raw:
        members.setdefault(find(("L", r.left)), []).append(r)
    groups = []
    for n, rl in enumerate(members.values()):
        if n % 256 == 0:
            check_cancel(cancel)
        lg = tuple(sorted({r.left for r in rl}))
        rg = tuple(sorted({r.right for r in rl}))
        moved = any(r.moved for r in rl)
        sim = max(r.similarity for r in rl) if len(rl) == 1 else float(np.mean([r.similarity for r in rl]))
        manual = any(r.manual for r in rl)
        key: GroupKey = (lg, rg, moved, round(sim, 4), manual)
        group = known_groups.get(key) if known_groups is not None else None
        if group is None:
            group = _group(lg, rg, moved, sim, manual, left, right, ls, rs, kinds,
                           known_ops.get((lg, rg)) if known_ops else None, cross_language, ignore)
            if known_groups is not None:
                known_groups[key] = group
        groups.append(group)
    groups.sort(key=lambda g: (g.left[0], g.right[0]))
    return tuple(groups)


def _group(
    lg: tuple[int, ...],
    rg: tuple[int, ...],
    moved: bool,
    sim: float,
    manual: bool,
    left: Document,
    right: Document,
    ls: Sequence[Sentence],
    rs: Sequence[Sentence],
    kinds: KindSettings,
    ops: tuple[WordOp, ...] | None,
    cross_language: bool,
    ignore: IgnoreOptions,
) -> Group:
    """One group with its word ops (``ops`` if known) and kinds."""
    if cross_language:
        ops = ()
        edit = ChangeKind.REWORDED
    else:
        if ops is None:
            ops = word_ops(ls, rs, lg, rg, ignore)
        edit = edit_kind(
            [ls[i].text for i in lg],
            [rs[j].text for j in rg],
            partial(changed_word_count, ops, left.text, right.text),
            kinds,
            ignore,
        )
    return Group(
        left=lg,
        right=rg,
        kind=group_kind(edit, moved),
        edit=edit,
        similarity=round(sim, 4),
        moved=moved,
        word_ops=ops,
        manual=manual,
    )


def realign(
    previous: Comparison,
    *,
    embedder: Embedder | ModelSwitch,
    sensitivity: float | None = None,
    review: ReviewState | None = None,
    settings: _align.AlignSettings | None = None,
    kinds: KindSettings | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    ignore: IgnoreOptions | None = None,
) -> Comparison:
    """``previous`` aligned again, at ``sensitivity`` (default: the same) with ``review``'s
    decisions and ``ignore`` (default: the same): no splitting, no embedding of the sentences
    (their vectors are reused), word ops
    only for the groups that changed; kinds and findings are recomputed."""
    return compare(
        previous.left,
        previous.right,
        embedder=embedder,
        split=previous.split,
        sensitivity=previous.sensitivity if sensitivity is None else sensitivity,
        settings=settings,
        kinds=kinds,
        progress=progress,
        cancel=cancel,
        review=review,
        previous=previous,
        ignore=ignore,
    )
