"""The document panes: paragraphs, tints, word marks, margin markers, literal text, clicks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextCursor

from tests.ui.view.view_helpers import background, char_format, close, make_view, sentence_point
from viewer.engine.model import Block, BlockRole, ChangeKind, Document, Sentence, WordOpKind
from viewer.services.palette import LIGHT
from viewer.ui.document_pane import DocumentPane
from viewer.ui.pane_text import PaneContent, mark_strength
from viewer.ui.theme import blend

HOSTILE = "<b>bold</b> &amp; <script>alert(1)</script>"


def _kind_of(comparison, side, index):
    g = comparison.group_of_left(index) if side == "left" else comparison.group_of_right(index)
    if g is not None:
        return comparison.groups[g].kind
    return ChangeKind.OMITTED if side == "left" else ChangeKind.ADDED


def _unmarked_position(pane, comparison, side, index):
    """A QTextDocument position inside the sentence but outside any marked word."""
    sentence = (comparison.left_sentences if side == "left" else comparison.right_sentences)[index]
    for offset in range(sentence.start, sentence.end):
        fmt = char_format(pane, pane.text_position(offset))
        if (
            not fmt.fontStrikeOut()
            and not fmt.fontUnderline()
            and not sentence.text[offset - sentence.start].isspace()
        ):
            return pane.text_position(offset)
    return None


def test_paragraphs_follow_the_document_blocks(sample_view, sample_lexical):
    left = sample_view.left_pane
    document = sample_lexical.left
    assert left.document().blockCount() == len(document.blocks)
    expected = "\n".join(document.text[b.start : b.end] for b in document.blocks)
    assert left.toPlainText() == expected.replace("\xa0", " ")  # Qt shows no-break spaces as spaces
    for index, sentence in enumerate(sample_lexical.left_sentences):
        start, end = left.sentence_range(index)
        cursor = QTextCursor(left.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText().replace("\u2028", "\n") == sentence.text


def test_every_sentence_is_tinted_with_its_kind(sample_view, sample_lexical):
    for side, pane, sentences in (
        ("left", sample_view.left_pane, sample_lexical.left_sentences),
        ("right", sample_view.right_pane, sample_lexical.right_sentences),
    ):
        kinds = set()
        for i in range(len(sentences)):
            kind = _kind_of(sample_lexical, side, i)
            position = _unmarked_position(pane, sample_lexical, side, i)
            if position is None:
                continue
            assert background(pane, position) == LIGHT.style(kind).tint, (side, i)
            kinds.add(kind)
        assert len(kinds) >= 2  # the sample has reworded and unlinked sentences at least


def test_all_six_kinds_get_their_own_tint(crafted_view, crafted):
    seen = {}
    for side, pane, n in (
        ("left", crafted_view.left_pane, len(crafted.left_sentences)),
        ("right", crafted_view.right_pane, len(crafted.right_sentences)),
    ):
        for i in range(n):
            position = _unmarked_position(pane, crafted, side, i)
            seen[_kind_of(crafted, side, i)] = background(pane, position)
    assert set(seen) == set(ChangeKind)
    assert seen == {kind: LIGHT.style(kind).tint for kind in ChangeKind}


def test_removed_words_struck_out_and_inserted_words_underlined(sample_view, sample_lexical):
    left, right = sample_view.left_pane, sample_view.right_pane
    deletes = [op for g in sample_lexical.groups for op in g.word_ops if op.op is WordOpKind.DELETE]
    inserts = [op for g in sample_lexical.groups for op in g.word_ops if op.op is WordOpKind.INSERT]
    assert deletes and inserts
    theme = sample_view.theme()
    for op in deletes:
        fmt = char_format(left, left.text_position(op.left_start))
        assert fmt.fontStrikeOut()
        g = sample_lexical.group_of_left(
            next(
                i
                for i, s in enumerate(sample_lexical.left_sentences)
                if s.start <= op.left_start < s.end
            )
        )
        tint = theme.tint(sample_lexical.groups[g].kind)
        assert (
            fmt.background().color().name()
            == blend(tint, theme.deleted_bg, mark_strength(sample_lexical.groups[g].kind)).name()
        )
        if sample_lexical.groups[g].kind is not ChangeKind.REWORDED:
            assert fmt.foreground().color().name() == LIGHT.deleted_text
        assert fmt.background().color().name() != tint.name()
        assert not fmt.fontUnderline()
    for op in inserts:
        fmt = char_format(right, right.text_position(op.right_start))
        assert fmt.fontUnderline()
        assert not fmt.fontStrikeOut()
    kept = next(op for g in sample_lexical.groups for op in g.word_ops if op.op is WordOpKind.EQUAL)
    assert not char_format(left, left.text_position(kept.left_start)).fontStrikeOut()
    assert not char_format(right, right.text_position(kept.right_start)).fontUnderline()


def test_margin_markers_say_the_kind_beside_each_first_line(crafted_view, crafted, qtbot):
    pane = crafted_view.right_pane
    gutter = pane.gutter
    rows = gutter.markers()
    assert rows
    expected = {}
    for i in range(len(crafted.right_sentences)):
        top, _ = pane.first_line_span(i)
        expected.setdefault(round(top - pane.scroll_value()), []).append(
            _kind_of(crafted, "right", i)
        )
    got = {round(y): kinds for y, _, kinds in rows}
    for y, kinds in expected.items():
        assert set(got[y]) == set(kinds)
    # The chips are painted in the kind's band colour, left of the text.
    image = gutter.grab().toImage()
    chips = gutter.chips()
    assert {kind for _, kind in chips} >= {ChangeKind.ADDED, ChangeKind.MOVED, ChangeKind.MINOR}
    for rect, kind in chips:
        pixel = image.pixelColor(
            int(rect.left() + 2), int(rect.center().y() + rect.height() / 2 - 3)
        )
        assert close(pixel, crafted_view.theme().band(kind), 12), (kind, pixel.name())
    assert gutter.geometry().right() < pane.viewport().geometry().left()


def test_headings_are_bold_and_larger(crafted_view, crafted):
    pane = crafted_view.left_pane
    assert crafted.left.blocks[0].role is BlockRole.HEADING
    heading = char_format(pane, 1)
    body = char_format(pane, pane.sentence_range(1)[0] + 1)
    assert heading.fontWeight() == QFont.Weight.Bold
    assert heading.fontPointSize() > pane.reading_font().pointSizeF()
    assert body.fontWeight() != QFont.Weight.Bold


def test_prose_wraps_without_horizontal_scrolling(qtbot, sample_lexical):
    view = make_view(qtbot, sample_lexical, width=700)
    pane = view.left_pane
    assert pane.horizontalScrollBar().maximum() == 0
    assert pane.document().size().width() <= pane.viewport().width() + 1
    top, bottom = pane.sentence_span(2)
    assert bottom - top > 2.5 * pane.fontMetrics().height()  # a long sentence over several lines


def test_hostile_text_is_shown_literally(qtbot):
    text = f"{HOSTILE} Second sentence."
    document = Document(text=text, blocks=(Block(0, len(text)),), name="<i>evil</i>.txt")
    sentences = (
        Sentence(HOSTILE, 0, len(HOSTILE)),
        Sentence("Second sentence.", len(HOSTILE) + 1, len(text)),
    )
    view = make_view(qtbot, None)
    view.set_documents(document, document, sentences, sentences)
    for pane in (view.left_pane, view.right_pane):
        assert HOSTILE in pane.toPlainText()
        assert pane.toPlainText() == text
        for position in range(len(text)):
            fmt = char_format(pane, position)
            assert fmt.fontWeight() != QFont.Weight.Bold
            assert not fmt.isAnchor()
    assert "<i>evil</i>.txt" in view.left_header.text()
    assert view.left_header.textFormat() == Qt.TextFormat.PlainText


def test_untinted_before_the_comparison_and_after_clearing_it(qtbot, crafted):
    view = make_view(qtbot, None)
    view.set_documents(crafted.left, crafted.right, crafted.left_sentences, crafted.right_sentences)
    pane = view.left_pane
    assert pane.toPlainText().startswith("City Council Passes Budget")
    assert char_format(pane, 40).background().style() == Qt.BrushStyle.NoBrush
    assert pane.gutter.markers() == []
    view.set_comparison(crafted)
    assert (
        char_format(pane, pane.sentence_range(2)[0] + 1).background().style()
        != Qt.BrushStyle.NoBrush
    )
    view.set_comparison(None)
    assert (
        char_format(pane, pane.sentence_range(2)[0] + 1).background().style()
        == Qt.BrushStyle.NoBrush
    )
    assert view.comparison() is None
    assert pane.sentence_count() == len(crafted.left_sentences)


def test_empty_placeholder_documents(qtbot, crafted):
    view = make_view(qtbot, None)
    empty = Document(text="", blocks=())
    view.set_documents(crafted.left, empty, crafted.left_sentences, ())
    assert view.right_pane.toPlainText() == ""
    assert view.right_pane.sentence_count() == 0
    assert view.link_map.bands() == []
    assert view.next_change() == -1
    assert view.find("council")
    assert not view.find("")


def test_offsets_beyond_the_basic_plane(qtbot):
    text = "Emoji 😀 come first. Then 🎉🎉 a party. Last one here."
    blocks = (Block(0, len(text)),)
    starts = [0, text.index("Then"), text.index("Last")]
    ends = [text.index("Then") - 1, text.index("Last") - 1, len(text)]
    sentences = tuple(Sentence(text[s:e], s, e) for s, e in zip(starts, ends))
    pane = DocumentPane("left")
    qtbot.addWidget(pane)
    kinds = (ChangeKind.ADDED, ChangeKind.REWORDED, ChangeKind.MINOR)
    pane.set_content(PaneContent(Document(text=text, blocks=blocks), sentences, kinds))
    for i, sentence in enumerate(sentences):
        start, end = pane.sentence_range(i)
        cursor = QTextCursor(pane.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() == sentence.text
        assert background(pane, end - 1) == LIGHT.style(kinds[i]).tint


def test_clicking_a_sentence_reports_it(qtbot, crafted_view, crafted):
    pane = crafted_view.right_pane
    point = sentence_point(pane, 7)
    with qtbot.waitSignal(pane.sentence_clicked, check_params_cb=lambda i: i == 7):
        qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert pane.sentence_at(point) == 7


def test_a_sentence_qt_has_not_laid_out_is_measured_without_crashing(sample_view):
    """Qt leaves some blocks without lines (a hidden block; past the height its fixed-point
    layout can reach, as a 20,000-sentence text in a very narrow pane does). Asking an invalid
    line for its position reads through a null pointer: measuring must check first."""
    pane = sample_view.left_pane
    index = pane.sentence_count() - 1
    block = pane.document().findBlock(pane.sentence_range(index)[0])
    block.setVisible(False)  # Qt does not lay out a hidden block: its layout has no lines
    pane.document().markContentsDirty(block.position(), block.length())
    assert block.layout().lineCount() == 0
    pane._spans[index] = None  # measure it again now
    top, bottom = pane.sentence_span(index)
    assert bottom >= top


def test_positions_for_many_offsets_match_one_at_a_time(qtbot):
    """Sentence positions are computed for all sentences at once (40,000 for a 20,000-sentence
    pair); they must be exactly what ``position`` gives one offset at a time, characters
    beyond U+FFFF (two UTF-16 units in Qt) and offsets between blocks included."""
    import random

    text = "Intro 😀 text.\n\nSecond 𝔘𝔫𝔦 block here.\n\nThird\u00a0one.\n\n😀😀 end 𝔘."
    starts, blocks = 0, []
    for part in text.split("\n\n"):
        blocks.append(Block(starts, starts + len(part), BlockRole.PARAGRAPH))
        starts += len(part) + 2
    document = Document(text=text, blocks=tuple(blocks))
    pane = DocumentPane("left")
    qtbot.addWidget(pane)
    pane.set_content(PaneContent(document=document, sentences=()))
    layout = pane._layout
    offsets = list(range(len(text) + 1))
    random.Random(3).shuffle(offsets)
    assert layout.positions(offsets) == [layout.position(o) for o in offsets]
    assert layout.positions([]) == []
    # the same as the document Qt shows: each block's text at its positions
    cursor = QTextCursor(pane.document())
    for b in blocks:
        cursor.setPosition(layout.position(b.start))
        cursor.setPosition(layout.position(b.end), QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() == text[b.start : b.end]


def test_marks_in_a_reworded_sentence_are_lighter_than_in_a_minor_edit(qtbot, crafted_view, crafted):
    """A page of rewording must not read as a wall of marks: the new words of a reworded
    sentence keep more of the sentence's tint and a softer ink than those of a minor edit
    (still underlined: the mark is there); struck words alike."""
    from tests.ui.view.view_helpers import char_format

    theme = crafted_view.theme()
    right = crafted_view.right_pane

    def struck(kind):
        for g in crafted.groups:
            if g.kind is kind:
                for op in g.word_ops:
                    if op.op is WordOpKind.INSERT:
                        return char_format(right, right.text_position(op.right_start)), theme.tint(kind)
        raise AssertionError(f"no new word in a {kind} group")

    def distance(a, b):
        return sum(abs(x - y) for x, y in zip(a.getRgb()[:3], b.getRgb()[:3]))

    minor, minor_tint = struck(ChangeKind.MINOR)
    reworded, reworded_tint = struck(ChangeKind.REWORDED)
    assert minor.fontUnderline() and reworded.fontUnderline()
    assert distance(reworded.background().color(), reworded_tint) < distance(
        minor.background().color(), minor_tint)
    assert distance(reworded.foreground().color(), theme.text) < distance(
        minor.foreground().color(), theme.text)
