"""The legend above the panes: what each background, mark and text style means."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from app.gui.style import MARKS, NAMES, colour


def legend() -> QWidget:
    w = QWidget()
    box = QHBoxLayout(w)
    box.setContentsMargins(0, 0, 0, 0)
    for kind in ("same", "changed", "moved", "only_a", "only_b"):
        b = QToolButton(text=f"{MARKS[kind]} {NAMES[kind]}")
        b.setEnabled(False)
        b.setAutoRaise(True)
        b.setStyleSheet(f"QToolButton {{ background: {colour(kind).name()}; color: palette(text); "
                        "border-radius: 3px; padding: 1px 6px; }")
        box.addWidget(b)
    flag = QLabel("<i style='color:gray'>⚑ flagged: not part of the article</i> · "
                  "<s>removed</s> / <u>added</u> words · <b style='color:#d00'>! high risk</b>")
    box.addWidget(flag)
    box.addStretch(1)
    return w
