"""Word-level changes inside a linked group, with diff-match-patch on word tokens.

Each word (or punctuation mark) becomes one character of a private alphabet, so
diff-match-patch diffs words, and its semantic clean-up yields whole-word replacements.
Ops are split at sentence boundaries so every span lies inside one sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from diff_match_patch import diff_match_patch

from .model import Sentence, WordOp, WordOpKind

_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]", re.UNICODE)
DIFF_TIMEOUT_S = 0.5


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    sentence: int


def tokenize(sentences: Sequence[Sentence], indices: Sequence[int]) -> list[Token]:
    """Word and punctuation tokens of the given sentences, with offsets into the document."""
    tokens: list[Token] = []
    for i in indices:
        s = sentences[i]
        for m in _TOKEN.finditer(s.text):
            tokens.append(Token(m.group(), s.start + m.start(), s.start + m.end(), i))
    return tokens


def _norm(token: str) -> str:
    return token.replace("’", "'").replace("“", '"').replace("”", '"')


def _encode(tokens: list[Token], alphabet: dict[str, str]) -> str:
    chars = []
    for t in tokens:
        key = _norm(t.text)
        ch = alphabet.get(key)
        if ch is None:
            # Skip the surrogate range: those code points cannot stand alone in a str.
            code = 0xE000 + len(alphabet)
            if code >= 0xF900:
                code += 0x10000
            ch = chr(code)
            alphabet[key] = ch
        chars.append(ch)
    return "".join(chars)


def diff_tokens(left: list[Token], right: list[Token]) -> list[tuple[int, int, int]]:
    """diff-match-patch over token strings: ``(op, count_left, count_right)`` runs, op in -1/0/1."""
    alphabet: dict[str, str] = {}
    a = _encode(left, alphabet)
    b = _encode(right, alphabet)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = DIFF_TIMEOUT_S
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    runs = []
    for op, text in diffs:
        n = len(text)
        runs.append((op, n if op <= 0 else 0, n if op >= 0 else 0))
    return runs


def word_ops(
    left_sentences: Sequence[Sentence],
    right_sentences: Sequence[Sentence],
    left: Sequence[int],
    right: Sequence[int],
) -> tuple[WordOp, ...]:
    """The word operations turning left sentences ``left`` into right sentences ``right``.

    Equal ops carry both spans; a run of equal words that crosses a sentence boundary on
    either side is split there.
    """
    lt = tokenize(left_sentences, sorted(left))
    rt = tokenize(right_sentences, sorted(right))
    ops: list[WordOp] = []
    li = ri = 0
    for op, nl, nr in diff_tokens(lt, rt):
        if op == 0:
            for k in range(nl):
                _append_equal(ops, lt[li + k], rt[ri + k], lt, rt, li + k, ri + k)
        elif op < 0:
            _append_side(ops, lt[li : li + nl], WordOpKind.DELETE)
        else:
            _append_side(ops, rt[ri : ri + nr], WordOpKind.INSERT)
        li += nl
        ri += nr
    return tuple(ops)


def _append_equal(
    ops: list[WordOp], a: Token, b: Token, lt: list[Token], rt: list[Token], ia: int, ib: int
) -> None:
    prev = ops[-1] if ops else None
    if (
        prev is not None
        and prev.op is WordOpKind.EQUAL
        and ia > 0
        and ib > 0
        and lt[ia - 1].end == prev.left_end
        and rt[ib - 1].end == prev.right_end
        and lt[ia - 1].sentence == a.sentence
        and rt[ib - 1].sentence == b.sentence
    ):
        ops[-1] = WordOp(WordOpKind.EQUAL, prev.left_start, a.end, prev.right_start, b.end)
    else:
        ops.append(WordOp(WordOpKind.EQUAL, a.start, a.end, b.start, b.end))


def _append_side(ops: list[WordOp], tokens: list[Token], kind: WordOpKind) -> None:
    start = 0
    for k in range(1, len(tokens) + 1):
        if k == len(tokens) or tokens[k].sentence != tokens[start].sentence:
            s, e = tokens[start].start, tokens[k - 1].end
            if kind is WordOpKind.DELETE:
                ops.append(WordOp(kind, left_start=s, left_end=e))
            else:
                ops.append(WordOp(kind, right_start=s, right_end=e))
            start = k


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
