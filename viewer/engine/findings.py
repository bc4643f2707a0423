"""Editorial checks on a comparison: altered quotations, changed numbers and names.

Filled in by the findings work (issue 4); until then no check runs and the list is empty.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Comparison, Finding


def find_findings(comparison: "Comparison") -> list["Finding"]:
    """Every editorial red flag between linked (and unlinked) sentences of ``comparison``."""
    return []
