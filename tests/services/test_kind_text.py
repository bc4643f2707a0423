"""One table names and marks every change kind for the window, the exports and the terminal."""

from __future__ import annotations

from viewer.engine.model import ChangeKind
from viewer.services import export_html, export_text, palette
from viewer.services.kind_text import KINDS, LABELS, MARKERS


def test_every_kind_has_one_distinct_name_and_marker():
    assert set(KINDS) == set(ChangeKind)
    for field in ("marker", "ascii", "label", "css"):
        values = [getattr(text, field) for text in KINDS.values()]
        assert len(set(values)) == len(values), field
    assert all(text.ascii.isascii() and len(text.ascii) == 1 for text in KINDS.values())


def test_every_output_reads_the_table():
    assert palette.LABELS is LABELS and palette.MARKERS is MARKERS
    for kind, text in KINDS.items():
        for pal in (palette.LIGHT, palette.DARK):
            assert (pal.style(kind).marker, pal.style(kind).label) == (text.marker, text.label)
        assert export_text.MARK[kind] == text.ascii
        assert export_text.LABEL[kind] == text.label.lower()
        assert export_html._KIND_CLASS[kind] == text.css
