"""The panel beside the comparison: sensitivity, summary and findings, one above the other."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QStyle, QVBoxLayout, QWidget

from .findings_panel import FindingsPanel
from .summary_panel import SensitivityControl, SummaryPanel

SIDE_PANEL_WIDTH = 180


class SidePanel(QScrollArea):
    """Sensitivity, summary and findings, in a scroll area: in a short window the panel
    scrolls rather than squeezing its rows into each other."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidePanelScroll")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        panel = QWidget(self)
        panel.setObjectName("sidePanel")
        panel.setMinimumWidth(SIDE_PANEL_WIDTH)
        bar_width = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        self.setMinimumWidth(SIDE_PANEL_WIDTH + bar_width)  # room beside its scroll bar
        self.sensitivity_control = SensitivityControl(panel)
        self.summary = SummaryPanel(panel)
        self.findings = FindingsPanel(panel)
        self.findings.setMinimumHeight(150)  # a few findings stay in view; the rest scroll
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(10, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.sensitivity_control)
        layout.addWidget(_rule(panel))
        layout.addWidget(self.summary)
        layout.addWidget(_rule(panel))
        layout.addWidget(self.findings, 1)
        self.setWidget(panel)


def _rule(parent: QWidget) -> QFrame:
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


__all__ = ["SIDE_PANEL_WIDTH", "SidePanel"]
