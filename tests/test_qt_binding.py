"""The Qt binding keeps Python's books: a void Qt call must not take a reference from None.

shiboken6 6.12.0 returned None from every void method without a new reference on Python 3.11 (where None is
not immortal): after a few thousand calls (painting the overview map once) the process aborted with
"deallocating None". This pins the behaviour, not the version.
"""

import sys

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QWidget


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_void_qt_calls_leave_none_alone(qtbot):
    image = QImage(64, 64, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    widget = QWidget()
    qtbot.addWidget(widget)
    colour = QColor("red")
    before = sys.getrefcount(None)
    for _ in range(2000):
        painter.fillRect(QRectF(1, 1, 5, 5), colour)
        widget.setToolTip("x")
    after = sys.getrefcount(None)
    painter.end()
    assert after >= before - 50  # a few come and go with caches; a leak costs one per call: 4,000 here
