"""The session model: one place for documents, comparison, selection, sensitivity and review
state; its signals come after the new values are in place."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from viewer.engine.compare import compare
from viewer.engine.embed import LexicalEmbedder
from viewer.engine.review import ReviewState, link
from viewer.services.documents import document_from_text
from viewer.ui.navigation import NO_SELECTION, Selection
from viewer.ui.reading import SplitDocument
from viewer.ui.session import Session

LEFT_TEXT = "The council met on Tuesday. The vote was close. Schools get more money."
RIGHT_TEXT = "The council met on Tuesday. The vote was very close. A bakery opened."


def _sides() -> tuple[SplitDocument, SplitDocument]:
    comparison = _comparison()
    return (SplitDocument(comparison.left, comparison.left_sentences),
            SplitDocument(comparison.right, comparison.right_sentences))


def _comparison():  # type: ignore[no-untyped-def]
    return compare(document_from_text(LEFT_TEXT, name="v1.txt"),
                   document_from_text(RIGHT_TEXT, name="v2.txt"), embedder=LexicalEmbedder())


class _Record:
    """Every signal of a session, with what the session held when it came."""

    def __init__(self, session: Session) -> None:
        self.events: list[tuple[str, object]] = []
        s = session
        s.documents_changed.connect(lambda: self.events.append(("documents", s.documents())))
        s.comparison_changed.connect(lambda c: self.events.append(("comparison", c)))
        s.selection_changed.connect(lambda sel: self.events.append(("selection", sel)))
        s.sensitivity_changed.connect(lambda v: self.events.append(("sensitivity", v)))
        s.review_changed.connect(lambda r: self.events.append(("review", r)))

    def names(self) -> list[str]:
        return [name for name, _ in self.events]


def test_new_documents_drop_the_comparison_selection_review_and_history(qapp) -> None:
    session = Session()
    left, right = _sides()
    session.set_sides(left, None)
    assert not session.has_pair() and session.has_any()
    assert session.documents() == (left.document, None)
    session.set_sides(left, right)
    session.set_comparison(_comparison())
    session.set_selection(Selection(0, None))
    session.set_review(link(ReviewState(), [0], [1]))
    session.undo_stack.push(QUndoCommand("an edit"))
    record = _Record(session)
    session.set_sides(right, left)
    assert record.names() == ["documents", "comparison", "selection", "review"]
    # the first signal already sees the new documents, no comparison and no selection
    assert record.events[0][1] == (right.document, left.document)
    assert session.comparison() is None and session.selection() == NO_SELECTION
    assert session.review() == ReviewState() and session.undo_stack.count() == 0
    assert session.file_paths() == ()  # pasted text has no path


def test_a_new_comparison_clears_the_selection_after_it_is_in_place(qapp) -> None:
    session = Session()
    session.set_sides(*_sides())
    first = _comparison()
    session.set_comparison(first)
    session.set_selection(Selection(-1, ("left", 2)))
    record = _Record(session)
    seen_during: list[object] = []
    session.comparison_changed.connect(lambda c: seen_during.append(session.selection()))
    # Other sentences (the texts were read again and changed): the selection cannot follow.
    second = compare(document_from_text(LEFT_TEXT + " A new sentence."), document_from_text(RIGHT_TEXT),
                     embedder=LexicalEmbedder())
    session.set_comparison(second)
    assert record.names() == ["comparison", "selection"]
    assert seen_during == [NO_SELECTION]
    session.set_comparison(second)  # the same one again: nothing
    assert record.names() == ["comparison", "selection"]


def test_signals_only_for_real_changes(qapp) -> None:
    session = Session(sensitivity=0.5)
    record = _Record(session)
    session.set_selection(NO_SELECTION)
    session.set_sensitivity(0.5)
    assert record.events == []
    session.set_sensitivity(1.7)  # clamped into 0..1
    session.set_selection(Selection(1, None))
    session.set_selection(Selection(1, None))
    assert record.events == [("sensitivity", 1.0), ("selection", Selection(1, None))]


def test_review_edits_go_through_the_undo_stack(qapp) -> None:
    """The pattern review commands follow: redo/undo set the session's state."""
    session = Session()
    session.set_sides(*_sides())

    class SetReview(QUndoCommand):
        def __init__(self, new: ReviewState) -> None:
            super().__init__("review edit")
            self.old, self.new = session.review(), new

        def redo(self) -> None:
            session.set_review(self.new)

        def undo(self) -> None:
            session.set_review(self.old)

    record = _Record(session)
    first = link(ReviewState(), [0], [0])
    second = link(first, [2], [2])
    session.undo_stack.push(SetReview(first))
    session.undo_stack.push(SetReview(second))
    assert session.review() == second
    session.undo_stack.undo()
    assert session.review() == first
    session.undo_stack.redo()
    assert record.events == [("review", first), ("review", second), ("review", first),
                             ("review", second)]


def test_the_selection_follows_its_sentences_through_a_realignment(qapp) -> None:
    from viewer.engine.compare import realign
    from viewer.engine.review import unlink

    session = Session()
    session.set_sides(*_sides())
    first = _comparison()
    session.set_comparison(first)
    g = first.group_of_left(1)
    assert g is not None
    session.set_selection(Selection(g, None))
    group = first.groups[g]
    # Unlinked by the editor: the selected sentence is now an omission, and stays selected.
    seen: list[object] = []
    session.comparison_changed.connect(lambda c: seen.append(session.selection()))
    second = realign(first, embedder=LexicalEmbedder(), review=unlink(ReviewState(), group.left, group.right))
    session.set_comparison(second)
    assert session.selection() == Selection(-1, ("left", group.left[0]))
    assert seen == [Selection(-1, ("left", group.left[0]))]
    # Undone: the same sentence's group is selected again.
    session.set_comparison(realign(second, embedder=LexicalEmbedder(), review=ReviewState()))
    now = session.comparison()
    assert now is not None and session.selection() == Selection(now.group_of_left(group.left[0]), None)
