"""Keeping a review: File > Save Review / Save Review As / Open Review, recent reviews, the
unsaved-changes mark in the title, the question on close, autosave and crash recovery, and
reopening a review whose source files changed (keep the saved texts, or re-read them and
carry the decisions over).

Unsaved work is the session's undo stack not being clean: every review edit is a command, and
saving marks the stack clean.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ...services.atomic import ExportError
from ...services.autosave import INTERVAL_S, Autosaver, Recoverable, forget, recoverable
from ...services.documents import DocumentError, read_document
from ...services.review_file import (
    SUFFIX,
    Review,
    ReviewFileError,
    carry_over,
    describe_lost,
    load_review,
    review_of,
    save_review,
    source_status,
)
from ..controllers.settings import SettingsKeeper
from ..dialogs import Level
from ..reading import SplitDocument
from ..session import Session


class ReviewFiles(QObject):
    """Saving, opening and recovering reviews for one window."""

    saved = Signal(str)  # path
    opened = Signal(str)  # path ("" for a recovered review)
    carried_over = Signal(list)  # lines: what could not be carried over
    question_asked = Signal(QMessageBox)  # a question box, open (tests answer it)
    dirty_changed = Signal(bool)

    def __init__(self, session: Session, prefs: SettingsKeeper, window: QWidget,
                 show_message: Callable[..., None], compare_now: Callable[[], object],
                 set_sensitivity: Callable[[float], None]) -> None:
        super().__init__(window)
        self.session = session
        self.prefs = prefs
        self.window = window
        self._message = show_message
        self._compare_now = compare_now
        self._set_sensitivity = set_sensitivity
        self.path: str | None = None
        self.autosaver = Autosaver()
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(INTERVAL_S * 1000)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        session.undo_stack.cleanChanged.connect(self._on_undo_stack_clean_changed)
        session.documents_changed.connect(self._on_session_documents_changed)
        self._opening = False

    # -- state ---------------------------------------------------------------------------------
    def dirty(self) -> bool:
        """Is there review work not saved?"""
        return not self.session.undo_stack.isClean()

    def _on_undo_stack_clean_changed(self, clean: bool) -> None:
        self.dirty_changed.emit(not clean)

    def _on_session_documents_changed(self) -> None:
        if not self._opening:
            self.path = None  # new documents: a new review
            self.autosaver.discard()

    def current(self) -> Review | None:
        c = self.session.comparison()
        return review_of(c, self.session.review(), self.path) if c is not None else None

    # -- saving --------------------------------------------------------------------------------
    def save(self) -> bool:
        """File > Save Review (Ctrl+S): to the review's file, or ask where."""
        if self.path is None:
            return self.ask_save_as()
        return self.save_to(self.path)

    def ask_save_as(self) -> bool:
        if self.session.comparison() is None:
            return False
        left, right = self.session.documents()
        stem = f"{Path(left.display_name).stem} vs {Path(right.display_name).stem}" if left and right else "review"
        folder = self.prefs.value.export_folder or self.prefs.value.open_folder or str(Path.home())
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Save Review"), str(Path(folder) / (stem + SUFFIX)),
            self.tr("Article Diff reviews (*.adiff)"))
        if not path:
            return False
        if not path.lower().endswith(SUFFIX):
            path += SUFFIX
        return self.save_to(path)

    def save_to(self, path: str) -> bool:
        """Save the review to ``path`` (atomically; never over an article). False on failure,
        with a message."""
        review = self.current()
        if review is None:
            return False
        try:
            save_review(review, path, tr=self.tr)
        except ExportError as exc:
            self._message(str(exc), Level.ERROR)
            return False
        self.path = os.path.abspath(path)
        self.prefs.update(recent_reviews=self.prefs.value.with_recent_review(self.path).recent_reviews)
        self.session.undo_stack.setClean()
        self.autosaver.discard()
        self.saved.emit(self.path)
        return True

    def autosave(self) -> bool:
        """Save unsaved work to the autosave file (the timer calls this every few minutes)."""
        review = self.current()
        if review is None or not self.dirty():
            return False
        try:
            self.autosaver.save(review)
        except ExportError:
            return False
        return True

    def close_ok(self) -> bool:
        """The window is closing: ask about unsaved work. True: go on closing."""
        if not self.dirty():
            self.autosaver.discard()
            return True
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Article Diff"),
                          self.tr("The review has changes that are not saved. Save them?"),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self.window)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        self.question_asked.emit(box)
        answer = box.exec() if box.result() == 0 else box.result()
        if answer == QMessageBox.StandardButton.Save:
            ok = self.save()
        else:
            ok = answer == QMessageBox.StandardButton.Discard
        if ok:
            self.autosaver.discard()
        return ok

    def shutdown(self) -> None:
        self.autosave_timer.stop()

    # -- opening -------------------------------------------------------------------------------
    def ask_open(self) -> None:
        folder = self.prefs.value.open_folder or str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open Review"), folder,
                                              self.tr("Article Diff reviews (*.adiff)"))
        if path:
            self.open_review(path)

    def open_review(self, path: str, *, changed: str = "") -> bool:
        """Open the review file at ``path``. When a source file changed since it was saved,
        ``changed`` says what to do ("keep" the saved texts, "reread" the files and carry the
        review over); empty: ask."""
        try:
            review = load_review(path, tr=self.tr)
        except ReviewFileError as exc:
            self._message(exc.message, Level.ERROR)
            return False
        moved = [s for s in source_status(review) if s.state == "changed"]
        if moved and not changed:
            changed = self._ask_changed([Path(s.path or "").name for s in moved])
            if not changed:
                return False
        lost: list[str] = []
        if moved and changed == "reread":
            fresh = {}
            for s in moved:
                try:
                    fresh[s.side] = read_document(s.path or "")
                except DocumentError as exc:
                    self._message(exc.message, Level.ERROR)
                    return False
            result = carry_over(review, fresh.get("left"), fresh.get("right"))
            lost = [describe_lost(item, review, self.tr) for item in result.lost]
            review = result.review
        self.show_review(review, os.path.abspath(path))
        self.prefs.update(recent_reviews=self.prefs.value.with_recent_review(path).recent_reviews)
        if moved and changed == "reread":
            # Carried over: the review differs from the file until saved.
            self.session.undo_stack.resetClean()
            self.carried_over.emit(lost)
            if lost:
                self._message(self.tr("The files changed since the review was saved; %1 "
                                      "decisions or marks were on sentences that changed and "
                                      "could not be carried over.").replace("%1", str(len(lost))),
                              Level.WARNING, detail="\n".join(lost))
            else:
                self._message(self.tr("The files changed since the review was saved; every "
                                      "decision and mark was carried over."), Level.INFO)
        self.opened.emit(self.path or "")
        return True

    def _ask_changed(self, names: list[str]) -> str:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Article Diff"),
                          self.tr("%1 changed since this review was saved.").replace("%1", ", ".join(names)),
                          QMessageBox.StandardButton.Cancel, self.window)
        box.setInformativeText(self.tr(
            "Keep the texts saved in the review, or read the files again and carry the links "
            "and marks over to the sentences that did not change?"))
        keep = box.addButton(self.tr("Keep Saved Texts"), QMessageBox.ButtonRole.AcceptRole)
        reread = box.addButton(self.tr("Re-read Files"), QMessageBox.ButtonRole.ActionRole)
        self.question_asked.emit(box)
        if box.clickedButton() is None:
            box.exec()
        clicked = box.clickedButton()
        return "keep" if clicked is keep else "reread" if clicked is reread else ""

    def show_review(self, review: Review, path: str | None) -> None:
        """Put ``review``'s texts, settings and state into the session and compare."""
        self._opening = True
        try:
            self.session.set_sides(SplitDocument(review.left, review.left_sentences),
                                   SplitDocument(review.right, review.right_sentences))
        finally:
            self._opening = False
        self.path = path
        self._set_sensitivity(review.settings.sensitivity)
        self.session.set_review(review.state)
        self.session.undo_stack.clear()
        self.session.undo_stack.setClean()
        self._compare_now()

    # -- recovery ------------------------------------------------------------------------------
    def offer_recovery(self) -> list[Recoverable]:
        """After a crash: offer the newest autosave left behind (in the message bar)."""
        found = recoverable()
        if found:
            item = found[0]
            names = f"{item.review.left.display_name} ↔ {item.review.right.display_name}"
            self._message(self.tr("Article Diff closed without saving the review of %1.").replace("%1", names),
                          Level.WARNING, action=self.tr("Recover"),
                          callback=lambda: self.recover(item))
        return found

    def recover(self, item: Recoverable) -> None:
        """Open an autosaved review as unsaved work, and delete the autosave."""
        self.show_review(item.review, None)
        self.session.undo_stack.resetClean()
        forget(item)
        self.autosave()
        self.opened.emit("")
