"""The side panes' shared parts: their layout, filter boxes, and refilling a box in place."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QVBoxLayout, QWidget


def pane_layout(pane: QWidget) -> QVBoxLayout:
    """The vertical layout of a side pane (notes, search, recommendations)."""
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(8, 8, 8, 6)
    layout.setSpacing(6)
    return layout


def filter_box(min_chars: int, tip: str = "") -> QComboBox:
    """A filter drop-down that stays narrow (``min_chars`` wide) whatever its entries."""
    box = QComboBox()
    if tip:
        box.setToolTip(tip)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(min_chars)
    return box


def filter_row(*boxes: QWidget) -> QHBoxLayout:
    """Filter boxes side by side, sharing the width."""
    row = QHBoxLayout()
    row.setSpacing(6)
    for box in boxes:
        row.addWidget(box, 1)
    return row


def refill(box: QComboBox, all_label: str, entries: Iterable[tuple[Any, str, QIcon | None]],
           keep_missing: bool = False) -> bool:
    """Replace ``box``'s entries (``(value, label, icon or None)``) after an "all" entry, keeping
    the current choice, without emitting signals.

    A choice no longer among the entries is added back as its own entry if ``keep_missing``;
    otherwise the box shows "all" and the answer is False (the caller clears its filter).
    """
    keep = box.currentData()
    box.blockSignals(True)
    box.clear()
    box.addItem(all_label, None)
    for value, label, icon in entries:
        if icon is None:
            box.addItem(label, value)
        else:
            box.addItem(icon, label, value)
    i = box.findData(keep) if keep is not None else 0
    if keep_missing and keep is not None and i < 0:
        box.addItem(f"{keep}", keep)
        i = box.count() - 1
    box.setCurrentIndex(max(i, 0))
    box.blockSignals(False)
    return keep is None or i >= 0
