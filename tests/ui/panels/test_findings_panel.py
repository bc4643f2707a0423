"""The findings panel reads as well as the PDF's findings (issue 17, point 4): where each finding
is, what changed, identical findings in one row, a filter by kind, two orders, and F8 walking
the document whatever the order of the list. On the sample pair with the real model."""

from __future__ import annotations

from viewer.engine.model import FindingKind
from viewer.ui.finding_rows import RowOrder, position_key
from viewer.ui.findings_panel import FindingsPanel

CREDIT = FindingKind.DROPPED_ATTRIBUTION


def _panel(qtbot, comparison) -> FindingsPanel:
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.resize(360, 700)
    panel.show()
    panel.set_comparison(comparison)
    return panel


def test_each_row_says_where_and_what_changed(qtbot, sample_comparison) -> None:
    panel = _panel(qtbot, sample_comparison)
    altered = next(f for f in sample_comparison.findings if f.kind is FindingKind.ALTERED_QUOTE)
    row = next(r for r, shown in enumerate(panel.rows()) if shown.first == altered)
    html = panel.item_html(row)
    assert f"L{altered.left + 1} → R{altered.right + 1}" in html
    assert "quoted words changed" in html  # the detail, as the PDF's card gives it


def test_identical_findings_share_one_row_with_every_location(qtbot, sample_comparison) -> None:
    panel = _panel(qtbot, sample_comparison)
    credits = sorted((f for f in sample_comparison.findings if f.kind is CREDIT), key=position_key)
    assert len(credits) == 2 and credits[0].left_text == credits[1].left_text == "CNN"
    assert panel.count() == len(sample_comparison.findings)
    assert len(panel.rows()) == len(sample_comparison.findings) - 1
    (row,) = [r for r, shown in enumerate(panel.rows()) if shown.kind is CREDIT]
    html = panel.item_html(row)
    assert "×2" in html
    for f in credits:
        assert f"L{f.left + 1} → R{f.right + 1}" in html
    # a click goes to the first; a second click on the same row to the next one
    with qtbot.waitSignal(panel.finding_activated) as first:
        panel.list.itemClicked.emit(panel.list.item(row))
    with qtbot.waitSignal(panel.finding_activated) as second:
        panel.list.itemClicked.emit(panel.list.item(row))
    assert [first.args[0], second.args[0]] == credits


def test_filter_by_kind_and_order_by_position(qtbot, sample_comparison) -> None:
    panel = _panel(qtbot, sample_comparison)
    kinds = [panel.kind_filter.itemText(i) for i in range(panel.kind_filter.count())]
    assert kinds[0] == f"All kinds ({len(sample_comparison.findings)})"
    assert "Dropped attribution (2)" in kinds
    panel.set_kind(FindingKind.UNQUOTED_QUOTE)
    assert {f.kind for f in panel.findings()} == {FindingKind.UNQUOTED_QUOTE}
    assert panel.count() == len(sample_comparison.findings)  # the title still counts them all
    panel.set_kind(None)
    severity = [row.kind for row in panel.rows()]
    assert severity[0] is FindingKind.ALTERED_QUOTE and severity[-1] is CREDIT
    panel.set_order(RowOrder.POSITION)
    firsts = [position_key(row.first) for row in panel.rows()]
    assert firsts == sorted(firsts) and [r.kind for r in panel.rows()] != severity


def test_f8_follows_the_document_whatever_the_order(qtbot, sample_comparison) -> None:
    panel = _panel(qtbot, sample_comparison)  # most serious first
    visited = []
    for _ in range(len(sample_comparison.findings)):
        with qtbot.waitSignal(panel.finding_activated) as activated:
            panel.select_next()
        visited.append(activated.args[0])
    assert visited == sorted(sample_comparison.findings, key=position_key)
    assert panel.current_finding() == visited[-1]
    with qtbot.waitSignal(panel.finding_activated) as wrapped:
        panel.select_next()
    assert wrapped.args[0] == visited[0]
    with qtbot.waitSignal(panel.finding_activated) as back:
        panel.select_previous()
    assert back.args[0] == visited[-1]


def test_a_translation_s_findings_say_translation(qtbot, sample_comparison) -> None:
    """Between two languages the right side is the translation (issue 18)."""
    from pathlib import Path

    from viewer.engine.compare import compare
    from viewer.engine.embed import CachedEmbedder
    from viewer.engine.multilingual import MultilingualEmbedder
    from viewer.services.documents import read_document

    data = Path(__file__).resolve().parents[2] / "data" / "translation"
    translation = compare(read_document(data / "en.txt"), read_document(data / "de.txt"),
                          embedder=CachedEmbedder(MultilingualEmbedder(), None))
    assert translation.cross_language and translation.findings
    panel = _panel(qtbot, translation)
    html = panel.item_html(0)
    assert "Translation:" in html and "Rewrite:" not in html
    panel.set_comparison(sample_comparison)  # an English pair again
    assert "Rewrite:" in panel.item_html(0)


def test_a_narrow_panel_puts_its_lists_under_the_title_instead_of_clipping_them(
        qtbot, sample_comparison) -> None:
    """The side panel's dock can be narrow (issue 17 point 7): the title and the two lists
    share a line when they fit and wrap onto lines of their own when they do not."""
    panel = _panel(qtbot, sample_comparison)
    title, kind, order = panel.title, panel.kind_filter, panel.order
    needed = sum(w.sizeHint().width() for w in (title, kind, order))
    panel.resize(needed + 40, 700)
    qtbot.waitUntil(lambda: order.y() < title.geometry().bottom())  # one line
    assert kind.y() < title.geometry().bottom()
    panel.resize(max(kind.sizeHint().width(), order.sizeHint().width()) + 10, 700)
    qtbot.waitUntil(lambda: order.y() > kind.geometry().bottom())
    assert kind.y() > title.geometry().bottom()
    for combo in (kind, order):
        assert panel.rect().contains(combo.geometry())
        assert combo.width() >= combo.sizeHint().width()
