"""What the findings panel lists, without Qt: identical findings grouped into one row, a filter
by kind, two orders (most serious first, or the document's), and the document order that F8
follows whatever order the list is in.

Two findings are identical when they say the same thing about the same words (kind, both
texts and the detail): "CNN missing in the rewrite" twice is one row with two locations.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from ..engine.model import FINDING_SEVERITY, Finding, FindingKind

_LAST = 1 << 30


class RowOrder(str, Enum):
    SEVERITY = "severity"
    POSITION = "position"


def position_key(f: Finding) -> tuple[int, int]:
    """Where ``f`` sits in the documents: its original sentence, then its rewrite sentence
    (a finding with no original sentence sorts by its rewrite sentence, after the others
    at the same place)."""
    left = f.left if f.left >= 0 else _LAST
    right = f.right if f.right >= 0 else _LAST
    return (left, right)


def in_document_order(findings: Sequence[Finding]) -> list[Finding]:
    return sorted(findings, key=position_key)


@dataclass(frozen=True)
class FindingRow:
    """One row of the panel: one finding, or several identical ones (in document order)."""

    findings: tuple[Finding, ...]

    @property
    def first(self) -> Finding:
        return self.findings[0]

    @property
    def kind(self) -> FindingKind:
        return self.first.kind

    def severity_key(self) -> tuple[int, tuple[int, int]]:
        return (FINDING_SEVERITY.get(self.kind, 99), position_key(self.first))


def group_findings(findings: Sequence[Finding]) -> list[FindingRow]:
    """Rows of identical findings, in the document order of each row's first finding."""
    rows: dict[tuple[str, str, str, str], list[Finding]] = {}
    for f in in_document_order(findings):
        rows.setdefault((f.kind.value, f.left_text, f.right_text, f.detail), []).append(f)
    return [FindingRow(tuple(fs)) for fs in rows.values()]


def arrange(
    rows: Sequence[FindingRow],
    *,
    kind: FindingKind | None = None,
    order: RowOrder = RowOrder.SEVERITY,
) -> list[FindingRow]:
    """``rows`` of ``kind`` only (None: every kind), most serious first or in document order."""
    kept = [r for r in rows if kind is None or r.kind is kind]
    if order is RowOrder.SEVERITY:
        return sorted(kept, key=FindingRow.severity_key)
    return sorted(kept, key=lambda r: position_key(r.first))


def kind_counts(findings: Sequence[Finding]) -> list[tuple[FindingKind, int]]:
    """How many findings of each kind, most serious kind first (kinds with none left out)."""
    counts: dict[FindingKind, int] = {}
    for f in findings:
        counts[f.kind] = counts.get(f.kind, 0) + 1
    return sorted(counts.items(), key=lambda kv: FINDING_SEVERITY.get(kv[0], 99))


def step(findings: Sequence[Finding], current: Finding | None, forward: bool) -> Finding | None:
    """The finding after (or before) ``current`` in document order, wrapping; the first (or
    last) when there is no current one. None when there are no findings."""
    ordered = in_document_order(findings)
    if not ordered:
        return None
    if current is None or current not in ordered:
        return ordered[0] if forward else ordered[-1]
    at = ordered.index(current)
    return ordered[(at + (1 if forward else -1)) % len(ordered)]
