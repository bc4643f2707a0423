"""A readable terminal summary of a comparison (what ``article-diff compare`` prints)."""

from __future__ import annotations

import textwrap

from ..engine.model import ChangeKind, Comparison, Finding, Group, WordOpKind, percent
from .export_report import ignored_text, translation_counts
from .kind_text import KINDS
from .palette import TRANSLATION_LABELS
from .terminal import terminal_safe

MARK = {kind: text.ascii for kind, text in KINDS.items()}
LABEL = {kind: text.label.lower() for kind, text in KINDS.items()}
_ANSI = {"del": "\033[9;31m", "ins": "\033[4;32m", "dim": "\033[2m", "bold": "\033[1m", "warn": "\033[1;33m", "end": "\033[0m"}


def _c(s: str, style: str, color: bool) -> str:
    return f"{_ANSI[style]}{s}{_ANSI['end']}" if color else s


def render_summary(c: Comparison, *, color: bool = False, width: int = 100) -> str:
    """The comparison as plain text: header, figures, each group with its word changes,
    the additions, and the findings. Every piece of a document (names, sentences, findings)
    goes through :func:`terminal_safe`: nothing in a file can drive the terminal."""
    s = c.summary
    out: list[str] = []
    out.append(_c(f"Article Diff: {terminal_safe(c.left.display_name)}  ->  "
                  f"{terminal_safe(c.right.display_name)}", "bold", color))
    if c.model.semantic:
        out.append(f"Similarity: {terminal_safe(c.model.name)} (sentence meaning), sensitivity {c.sensitivity:.2f}")
    else:
        out.append(_c(f"WARNING: no sentence model; links use {terminal_safe(c.model.note)}.", "warn", color))
    out.append(f"Not counted as changes: {ignored_text(c.ignore)}.")
    other = "translation" if c.cross_language else "rewrite"
    if c.cross_language:
        # Between two languages there are no word edits: say how faithful each link is.
        kinds = f"{translation_counts(c)}, {s.added} added"
        key = ("Key: ~ translated  * shortened or changed  > moved  - omitted  + added"
               " (languages: word changes are not shown)")
    else:
        kinds = (f"{s.identical} identical, {s.minor_edit} minor edits, {s.reworded} reworded, "
                 f"{s.moved} moved, {s.omitted} omitted, {s.added} added")
        key = ("Key: = identical  ~ minor edit  * reworded  > moved  - omitted  + added;"
               " [-removed-] {+inserted+}")
    out.append(f"Left {s.left_sentences} sentences, right {s.right_sentences}: {kinds}.")
    out.append(
        f"{percent(s.kept_share)} of the original has a counterpart; "
        f"{percent(s.new_share)} of the {other} is new. "
        f"Findings: {s.findings}."
    )
    out.append(key)
    wrap = textwrap.TextWrapper(width=max(40, width), initial_indent="", subsequent_indent="      ")

    findings_by_left: dict[int, list[str]] = {}
    for f in c.findings:
        if f.left >= 0:
            findings_by_left.setdefault(f.left, []).append(f"!! {_finding_text(f)}")
    out.append("")
    group_at = {g.left[0]: g for g in c.groups}
    for i, sent in enumerate(c.left_sentences):
        g = group_at.get(i)
        if i in c.omitted:
            out.append(wrap.fill(f"{MARK[ChangeKind.OMITTED]} L{i + 1:<3} {_safe(sent.text)}"))
        elif g is not None:
            where = ", ".join(f"R{j + 1}" for j in g.right)
            label = TRANSLATION_LABELS[g.translation].lower() if g.translation else LABEL[g.kind]
            head = f"{MARK[g.kind]} L{'+'.join(str(x + 1) for x in g.left)} -> {where} [{label}, {g.similarity:.2f}]"
            out.append(head)
            if g.word_ops:
                out.append(wrap.fill("      " + _inline_diff(c, g, color)))
            else:  # two languages: no word edits, so both sides as written
                for side, sents, idx in (("L", c.left_sentences, g.left), ("R", c.right_sentences, g.right)):
                    text = " ".join(_safe(sents[k].text) for k in idx)
                    out.append(wrap.fill(f"      {side}: {text}"))
        for line in findings_by_left.get(i, []):
            out.append(wrap.fill("      " + _c(line, "warn", color)))
    if c.added:
        out.append("")
        for j in c.added:
            out.append(wrap.fill(f"{MARK[ChangeKind.ADDED]} R{j + 1:<3} {_safe(c.right_sentences[j].text)}"))
    if c.findings:
        out.append("")
        out.append(_c(f"Findings ({len(c.findings)})", "bold", color))
        for f in c.findings:
            where = f"L{f.left + 1}" if f.left >= 0 else "-"
            where += f" / R{f.right + 1}" if f.right >= 0 else ""
            out.append(wrap.fill(f"  ({where}) {_finding_text(f)}"))
    return "\n".join(out) + "\n"


def _safe(text: str) -> str:
    return terminal_safe(text, keep_newlines=True)


def _finding_text(f: Finding) -> str:
    return _safe(_finding_words(f))


def _finding_words(f: Finding) -> str:
    kind = f.kind.value.replace("_", " ")
    if f.left_text and f.right_text:
        return f"{kind}: “{f.left_text}” -> “{f.right_text}”"
    if f.left_text:
        return f"{kind}: “{f.left_text}” is not in the rewrite"
    return f"{kind}: “{f.right_text}” is new in the rewrite"


def _inline_diff(c: Comparison, g: Group, color: bool) -> str:
    """The group as one line of the rewrite, with removals and insertions marked in place;
    a space between two pieces only where the source had one."""
    out: list[str] = []
    last_l = last_r = -1
    for op in g.word_ops:
        if op.op is WordOpKind.DELETE:
            gap = c.left.text[last_l : op.left_start] if last_l >= 0 else " "
            t = _safe(c.left.text[op.left_start : op.left_end])
            piece = _c(t, "del", True) if color else f"[-{t}-]"
        else:
            gap = c.right.text[last_r : op.right_start] if last_r >= 0 else " "
            t = _safe(c.right.text[op.right_start : op.right_end])
            piece = t if op.op is WordOpKind.EQUAL else (_c(t, "ins", True) if color else f"{{+{t}+}}")
        if out and gap:
            out.append(" ")
        out.append(piece)
        if op.op is not WordOpKind.INSERT:
            last_l = op.left_end
        if op.op is not WordOpKind.DELETE:
            last_r = op.right_end
    return "".join(out)
