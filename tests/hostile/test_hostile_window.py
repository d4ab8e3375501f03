"""The window shows hostile names as plain text, lists skips and warnings in its Skipped tab, and a cache
problem as one line in the status bar, never a dialog (issue 13: the window trusts what it should check)."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from zoo import STORY, write_story

HOSTILE = "<font color=red size=7>OFFICIAL"


def _scan(qtbot, window, folder):
    with qtbot.waitSignal(window.scan_finished, timeout=60000) as blocker:
        window.open_paths([str(folder)])
    return blocker.args[0]


def _skipped_lines(window) -> list[str]:
    return [window.skipped.item(n).text() for n in range(window.skipped.count())]


def test_a_file_name_with_markup_is_shown_as_plain_text(qtbot, window, tmp_path, unchanged):
    docs = tmp_path / "docs"
    docs.mkdir()
    write_story(docs, f"{HOSTILE}.txt")
    write_story(docs, "copy.txt", STORY + "\nReporting by Ann Lee.\n")
    with unchanged(docs):
        result = _scan(qtbot, window, docs)
    assert len(result.pairs) == 1
    qtbot.wait(200)
    labels = [w for w in window.findChildren(QLabel) if "OFFICIAL" in w.text()]
    assert labels, "the pair's title shows the file name"
    for label in labels:
        assert label.textFormat() == Qt.TextFormat.PlainText or HOSTILE not in label.text(), label.text()


def test_skips_and_warnings_are_listed_in_the_skipped_tab(qtbot, window, tmp_path, unchanged):
    docs = tmp_path / "docs"
    docs.mkdir()
    write_story(docs, "story.txt")
    write_story(docs, "copy.txt", STORY + "\nFiled.\n")
    (docs / "leak.txt").symlink_to("/etc/passwd")
    os.mkfifo(docs / "pipe.txt")
    depth = 3000
    (docs / "deep.html").write_text("<html><body>" + "<div>" * depth + f"<p>{STORY}</p>" + "</div>" * depth
                                    + "</body></html>")
    with unchanged(docs):
        result = _scan(qtbot, window, docs)
    assert result.warnings
    lines = _skipped_lines(window)
    assert any("leak.txt" in line and "outside the opened folder" in line for line in lines), lines
    assert any("pipe.txt" in line and "named pipe" in line for line in lines), lines
    assert any("nested more than" in line for line in lines), lines


def test_a_broken_cache_is_one_line_in_the_status_bar(qtbot, window, tmp_path):
    from app.core.cache import default_cache_path

    db = default_cache_path()
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(b"this is not a database" * 100)
    docs = tmp_path / "docs"
    docs.mkdir()
    write_story(docs, "story.txt")
    write_story(docs, "copy.txt", STORY + "\nFiled.\n")
    result = _scan(qtbot, window, docs)
    assert len(result.articles) == 2 and any("set aside" in w for w in result.warnings)
    status = window.statusBar().currentMessage() + " " + " ".join(
        w.text() for w in window.statusBar().findChildren(QLabel))
    assert "cache" in status.lower(), status
