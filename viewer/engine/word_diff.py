"""Word-level changes inside a linked group, with diff-match-patch on word tokens.

Each word (or punctuation mark) becomes one character of a private alphabet, so
diff-match-patch diffs words; a clean-up folds kept function words into the edits around them,
and keeps every shared content word kept.
Ops are split at sentence boundaries so every span lies inside one sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

from .classify import DEFAULT_IGNORE, normalise, straighten_quotes, token_key
from .model import IgnoreOptions, Sentence, WordOp, WordOpKind
from .stopwords import FUNCTION_WORDS

__all__ = ["DIFF_TIMEOUT_S", "Tokens", "changed_word_count", "diff_tokens", "tokenize", "word_ops"]

_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]", re.UNICODE)
_NUMBER_TOKEN = re.compile(
    r"\d{1,3}(?:[,\u00a0\u202f\u2009]\d{3})+(?!\d)(?:\.\d+)?|\w+(?:['’]\w+)*|[^\w\s]", re.UNICODE
)
"""With digit grouping ignored, "1,000" is one token (compared as "1000"), not three."""
DIFF_TIMEOUT_S = 0.5
"""A bound on one diff-match-patch run (a pure-Python loop), set by hand, not tuned on quality:
past it the diff of that group is coarser, never wrong."""


@dataclass(frozen=True)
class Tokens:
    """The word and punctuation tokens of some sentences, as parallel lists: ``keys`` (the
    token with curly quotes made straight, which is what is compared), ``starts``/``ends``
    (offsets into the document) and ``sentences`` (the index of the sentence holding it)."""

    keys: list[str]
    starts: list[int]
    ends: list[int]
    sentences: list[int]


def tokenize(
    sentences: Sequence[Sentence], indices: Sequence[int], ignore: IgnoreOptions = DEFAULT_IGNORE
) -> Tokens:
    """Word and punctuation tokens of the given sentences, with offsets into the document.

    ``ignore`` decides what a token's key keeps: punctuation ignored leaves punctuation out;
    white space that counts makes every gap other than one plain space a token of its own."""
    out = Tokens([], [], [], [])
    pattern = _NUMBER_TOKEN if ignore.numbers else _TOKEN
    for i in indices:
        s = sentences[i]
        # Quotes are made straight in the whole sentence at once: one character for one, so
        # the offsets stand, and the pattern treats both kinds of apostrophe alike.
        text = straighten_quotes(s.text) if ignore.quotes else s.text
        last = -1
        for m in pattern.finditer(text):
            a, b = m.span()
            if not ignore.whitespace and last >= 0 and text[last:a] not in ("", " "):
                _add(out, text[last:a], s.start + last, s.start + a, i)
            last = b
            key = m.group()
            if ignore.punctuation and not (key[0].isalnum() or key[0] == "_"):
                continue
            _add(out, token_key(key, ignore), s.start + a, s.start + b, i)
    return out


def _add(out: Tokens, key: str, start: int, end: int, sentence: int) -> None:
    out.keys.append(key)
    out.starts.append(start)
    out.ends.append(end)
    out.sentences.append(sentence)


def _encode(keys: list[str], alphabet: dict[str, str]) -> str:
    for key in dict.fromkeys(keys):
        if key not in alphabet:
            # Skip the surrogate range: those code points cannot stand alone in a str.
            code = 0xE000 + len(alphabet)
            if code >= 0xF900:
                code += 0x10000
            alphabet[key] = chr(code)
    return "".join(map(alphabet.__getitem__, keys))


def diff_tokens(left: Tokens, right: Tokens) -> list[tuple[int, int, int]]:
    """diff-match-patch over token strings: ``(op, count_left, count_right)`` runs, op in -1/0/1."""
    alphabet: dict[str, str] = {}
    a = _encode(left.keys, alphabet)
    b = _encode(right.keys, alphabet)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = DIFF_TIMEOUT_S
    diffs = dmp.diff_main(a, b, False)
    weak = frozenset(char for key, char in alphabet.items() if _is_weak(key))
    _cleanup_weak_equalities(dmp, diffs, weak)
    runs = []
    for op, text in diffs:
        n = len(text)
        runs.append((op, n if op <= 0 else 0, n if op >= 0 else 0))
    return runs


def _is_weak(key: str) -> bool:
    """A token that says nothing by itself: a function word or a punctuation mark."""
    return not key[0].isalnum() and key[0] != "_" or key.lower() in FUNCTION_WORDS


def _cleanup_weak_equalities(dmp: diff_match_patch, diffs: list[tuple[int, str]],
                             weak: frozenset[str]) -> None:
    """Fold into the edits around it a kept run made only of function words and punctuation
    ("the", "to", ",") that is no longer than the edits on either side: a rewritten clause
    reads as one replacement, not as a comb of struck words around a kept "the".

    diff-match-patch's own ``diff_cleanupSemantic`` folds *any* short equality, and over word
    tokens one character is a whole word: it struck shared names and content words in a
    reworded sentence ("Biden administration", "including President Joe Biden") as deleted
    and inserted again. Content words that are kept stay kept.
    """
    changed = True
    while changed:
        changed = False
        dmp.diff_cleanupMerge(diffs)
        for k in range(1, len(diffs) - 1):
            op, text = diffs[k]
            if op != 0 or not all(ch in weak for ch in text):
                continue
            before = _edit_size(diffs, k, -1)
            after = _edit_size(diffs, k, +1)
            if before and after and len(text) <= min(before, after):
                diffs[k : k + 1] = [(-1, text), (1, text)]
                changed = True
                break


def _edit_size(diffs: list[tuple[int, str]], k: int, step: int) -> int:
    """The larger side (deleted or inserted tokens) of the edits next to equality ``k``."""
    deleted = inserted = 0
    n = k + step
    while 0 <= n < len(diffs) and diffs[n][0] != 0:
        if diffs[n][0] < 0:
            deleted += len(diffs[n][1])
        else:
            inserted += len(diffs[n][1])
        n += step
    return max(deleted, inserted)


def word_ops(
    left_sentences: Sequence[Sentence],
    right_sentences: Sequence[Sentence],
    left: Sequence[int],
    right: Sequence[int],
    ignore: IgnoreOptions = DEFAULT_IGNORE,
) -> tuple[WordOp, ...]:
    """The word operations turning left sentences ``left`` into right sentences ``right``.

    Equal ops carry both spans; a run of equal words that crosses a sentence boundary on
    either side is split there. ``ignore``: differences that do not mark a word (letter case,
    punctuation, quote style, white space, digit grouping).
    """
    if len(left) == 1 and len(right) == 1:
        same = _same_sentence(
            left_sentences[next(iter(left))], right_sentences[next(iter(right))], ignore
        )
        if same is not None:
            return same
    return _diffed_ops(left_sentences, right_sentences, left, right, ignore)


def _diffed_ops(
    left_sentences: Sequence[Sentence],
    right_sentences: Sequence[Sentence],
    left: Sequence[int],
    right: Sequence[int],
    ignore: IgnoreOptions = DEFAULT_IGNORE,
) -> tuple[WordOp, ...]:
    lt = tokenize(left_sentences, sorted(left), ignore)
    rt = tokenize(right_sentences, sorted(right), ignore)
    ops: list[WordOp] = []
    li = ri = 0
    for op, nl, nr in diff_tokens(lt, rt):
        if op == 0:
            _append_equal(ops, lt, rt, li, ri, nl)
        elif op < 0:
            _append_side(ops, lt, li, li + nl, WordOpKind.DELETE)
        else:
            _append_side(ops, rt, ri, ri + nr, WordOpKind.INSERT)
        li += nl
        ri += nr
    return tuple(ops)


def _same_sentence(
    a: Sentence, b: Sentence, ignore: IgnoreOptions = DEFAULT_IGNORE
) -> tuple[WordOp, ...] | None:
    """The ops of a sentence kept word for word (about half of a long pair's groups), without
    tokens or a diff: one equal op from the first token to the last. Every character but white
    space belongs to a token, so those are the first and last characters that are not white
    space. None when the words differ (as ``ignore`` sees them)."""
    ta, tb = straighten_quotes(a.text), straighten_quotes(b.text)
    if ignore == DEFAULT_IGNORE:
        if ta.split() != tb.split():
            return None
    elif normalise(a.text, ignore) != normalise(b.text, ignore):
        return None
    if not ta.strip():
        return ()
    lead_a, lead_b = len(ta) - len(ta.lstrip()), len(tb) - len(tb.lstrip())
    return (WordOp(WordOpKind.EQUAL, a.start + lead_a, a.start + len(ta.rstrip()), b.start + lead_b, b.start + len(tb.rstrip())),)


def _append_equal(ops: list[WordOp], lt: Tokens, rt: Tokens, li: int, ri: int, count: int) -> None:
    """Equal tokens ``li..`` and ``ri..`` (``count`` of each): one op per stretch that stays in
    one sentence on both sides; the first stretch extends the previous op when that is an
    equal op ending at the tokens just before, in the same sentences."""
    ls, rs = lt.sentences, rt.sentences
    k = 0
    while k < count:
        a, b = li + k, ri + k
        e = k + 1
        while e < count and ls[li + e] == ls[a] and rs[ri + e] == rs[b]:
            e += 1
        end_l, end_r = lt.ends[li + e - 1], rt.ends[ri + e - 1]
        prev = ops[-1] if ops else None
        if (
            prev is not None
            and prev.op is WordOpKind.EQUAL
            and a > 0
            and b > 0
            and lt.ends[a - 1] == prev.left_end
            and rt.ends[b - 1] == prev.right_end
            and ls[a - 1] == ls[a]
            and rs[b - 1] == rs[b]
        ):
            ops[-1] = WordOp(WordOpKind.EQUAL, prev.left_start, end_l, prev.right_start, end_r)
        else:
            ops.append(WordOp(WordOpKind.EQUAL, lt.starts[a], end_l, rt.starts[b], end_r))
        k = e


def _append_side(ops: list[WordOp], tokens: Tokens, start: int, stop: int, kind: WordOpKind) -> None:
    """Tokens ``start..stop-1``, deleted or inserted: one op per sentence they touch."""
    k = start
    while k < stop:
        e = k + 1
        while e < stop and tokens.sentences[e] == tokens.sentences[k]:
            e += 1
        s, t = tokens.starts[k], tokens.ends[e - 1]
        if kind is WordOpKind.DELETE:
            ops.append(WordOp(kind, left_start=s, left_end=t))
        else:
            ops.append(WordOp(kind, right_start=s, right_end=t))
        k = e


def changed_word_count(ops: Sequence[WordOp], left_text: str, right_text: str) -> tuple[int, int]:
    """``(changed, total)`` word counts over both sides: how much of the group was rewritten."""
    changed = total = 0
    for op in ops:
        if op.op is WordOpKind.EQUAL:
            n = len(_TOKEN.findall(left_text[op.left_start : op.left_end]))
            total += 2 * n
        else:
            text = (
                left_text[op.left_start : op.left_end]
                if op.op is WordOpKind.DELETE
                else right_text[op.right_start : op.right_end]
            )
            n = len(_TOKEN.findall(text))
            changed += n
            total += n
    return changed, total
