"""From the session's documents and sensitivity to a comparison, off the GUI thread.

New documents are compared at once; a sensitivity change waits for a pause (the slider is
dragged through many values). The runner's newest request wins; its result goes into the
:class:`~viewer.ui.session.Session`, whose ``comparison_changed`` repaints the window. Review
edits will re-align the same way: the session's ``review_changed`` -> :meth:`request`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from ...engine.embed import Embedder
from ...engine.model import Comparison, IgnoreOptions
from ...engine.progress import Progress
from ..jobs import ComparisonRunner, EmbedderFactory
from ..session import Session
from . import Host

DEBOUNCE_MS = 300


def default_embedder_factory(model_folder: str = "") -> Callable[[], Embedder]:
    """The real model (or the lexical fallback saying why), loaded when called."""

    def make(progress: Progress | None = None) -> Embedder:
        from ...services.workflow import make_model_switch

        return make_model_switch(model_folder or None, progress=progress)

    return make


class ComparingController(QObject):
    """Owns the :class:`~viewer.ui.jobs.ComparisonRunner` and the sensitivity debounce."""

    def __init__(self, session: Session, embedder_factory: EmbedderFactory, host: Host,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.host = host
        self.runner = ComparisonRunner(embedder_factory, self)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.closed = False
        self.model_choice = "auto"
        self.ignore = IgnoreOptions()
        """View > Ignore: differences that do not count as changes."""
        self.debounce.timeout.connect(self._on_debounce_timeout)
        self.runner.finished.connect(self._on_runner_finished)
        self.runner.failed.connect(self._on_runner_failed)
        self.runner.cancelled.connect(self._on_runner_cancelled)
        session.documents_changed.connect(self._on_session_documents_changed)
        session.sensitivity_changed.connect(self._on_session_sensitivity_changed)

    def request(self) -> int:
        """Compare the session's two sides now (0: not both open, or closing)."""
        if not self.session.has_pair() or self.closed:
            return 0
        self.debounce.stop()
        left, right = self.session.sides()
        assert left is not None and right is not None
        # The reading thread split both texts already (with the runner's default mode).
        # The editor's decisions are kept; a comparison of the same texts lends its
        # embeddings and word diffs (a slider move or a review edit embeds nothing).
        previous = self.session.comparison()
        if previous is not None and (previous.left is not left.document
                                     or previous.right is not right.document):
            previous = None
        return self.runner.request(
            left.document, right.document, sensitivity=self.session.sensitivity(),
            left_sentences=left.sentences, right_sentences=right.sentences,
            model_choice=self.model_choice, review=self.session.review(), previous=previous,
            ignore=self.ignore)

    def set_ignore(self, ignore: IgnoreOptions) -> None:
        """View > Ignore: compare again counting only the differences ``ignore`` leaves."""
        if ignore != self.ignore:
            self.ignore = ignore
            self.request()

    def set_model_choice(self, choice: str) -> None:
        """View > Sentence Model: compare again with ``choice`` ("auto", "english",
        "multilingual")."""
        if choice != self.model_choice:
            self.model_choice = choice
            self.request()

    def cancel(self) -> None:
        self.runner.cancel()

    def _on_session_documents_changed(self) -> None:
        self.request()

    def _on_session_sensitivity_changed(self, value: float) -> None:
        self.debounce.start()

    def _on_debounce_timeout(self) -> None:
        self.request()

    def _on_runner_finished(self, rid: int, comparison: Comparison) -> None:
        if rid != self.runner.latest_id or self.closed:
            return
        seconds = sum(comparison.timings.values())
        self.host.show_status(self.tr("Compared in %1 s").replace("%1", f"{seconds:.1f}"), 5000)
        self.session.set_comparison(comparison)

    def _on_runner_failed(self, rid: int, message: str) -> None:
        self.host.show_message(self.tr("The comparison failed: %1. The previous result stays "
                                       "on screen; try again or report the problem.")
                               .replace("%1", message))

    def _on_runner_cancelled(self, rid: int) -> None:
        self.host.show_status(self.tr("Comparison cancelled"), 4000)

    def shutdown(self) -> None:
        """The window closes: stop comparing (waits for the worker thread)."""
        self.closed = True
        self.debounce.stop()
        self.runner.shutdown()


__all__ = ["DEBOUNCE_MS", "ComparingController"]
