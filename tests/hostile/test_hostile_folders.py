"""Hostile folders: links out of the folder, loops, pipes, sockets, devices, odd names, deep nesting,
a file swapped for a pipe after listing, one entry that breaks the engine (issue 13)."""

from __future__ import annotations

import io
import json
import os
import socket
import threading
import time

import pytest
from zoo import STORY, skip_reasons, write_story

from app.core import report
from app.core.documents import collect_files
from app.core.scan import analyse_batch

SECRET = "PRIVATE-KEY-3f9a1c do not leak this line"


def _with_timeout(fn, seconds: float = 5.0):
    """Run `fn` on a thread; fail (rather than hang the suite) if it blocks."""
    out = []
    t = threading.Thread(target=lambda: out.append(fn()), daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), f"blocked for more than {seconds} s"
    return out[0]


def _reports(result) -> dict[str, str]:
    out = {}
    for kind, writer in (("json", report.write_json), ("csv", report.write_csv), ("html", report.write_html)):
        buf = io.StringIO()
        writer(result, buf)
        out[kind] = buf.getvalue()
    return out


def test_links_out_of_the_folder_are_not_followed(tmp_path, scan_folder, unchanged):
    outside = tmp_path / "home"
    outside.mkdir()
    (outside / "id_rsa").write_text(f"{SECRET}\n" * 20)
    (outside / "notes").mkdir()
    (outside / "notes" / "private.txt").write_text(SECRET)
    docs = tmp_path / "docs"
    docs.mkdir()
    write_story(docs, "story.txt")
    (docs / "notes.txt").symlink_to(outside / "id_rsa")
    (docs / "users.txt").symlink_to("/etc/passwd")
    (docs / "relative.txt").symlink_to("../home/id_rsa")
    (docs / "more").symlink_to(outside / "notes")
    with unchanged(docs):
        result = _with_timeout(lambda: scan_folder(docs))
    reasons = skip_reasons(result)
    for name in ("notes.txt", "users.txt", "relative.txt", "more"):
        assert "outside the opened folder" in reasons[name], reasons
    assert [a.id for a in result.articles] == ["story.txt"]
    for text in _reports(result).values():
        assert SECRET not in text and "root:" not in text


def test_loops_pipes_sockets_and_devices_are_skipped_without_blocking(tmp_path, scan_folder, unchanged):
    docs = tmp_path / "docs"
    docs.mkdir()
    write_story(docs, "story.txt")
    (docs / "loop-a.txt").symlink_to(docs / "loop-b.txt")
    (docs / "loop-b.txt").symlink_to(docs / "loop-a.txt")
    (docs / "self.txt").symlink_to("self.txt")
    (docs / "zero.txt").symlink_to("/dev/zero")
    (docs / "dangling.txt").symlink_to(docs / "gone.txt")
    os.mkfifo(docs / "pipe.txt")
    (docs / "pipe-link.txt").symlink_to(docs / "pipe.txt")
    (docs / "inside.txt").symlink_to(docs / "story.txt")
    (docs / "sub").mkdir()
    (docs / "sub" / "up").symlink_to(docs)  # a folder loop
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(docs / "server.txt"))
    try:
        with unchanged(docs):
            started = time.monotonic()
            result = _with_timeout(lambda: scan_folder(docs))
            elapsed = time.monotonic() - started
    finally:
        sock.close()
    reasons = skip_reasons(result)
    assert "link loop" in reasons["loop-a.txt"] and "link loop" in reasons["self.txt"]
    assert "outside the opened folder" in reasons["zero.txt"]
    assert "broken link" in reasons["dangling.txt"]
    assert "named pipe" in reasons["pipe.txt"] and "named pipe" in reasons["pipe-link.txt"]
    assert "socket" in reasons["server.txt"]
    assert "link to a folder" in reasons["up"]
    # a link to a file inside the folder is read (it is the user's own file)
    assert sorted(a.id for a in result.articles) == ["inside.txt", "story.txt"]
    assert elapsed < 5


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_node_in_the_folder_is_skipped(tmp_path, scan_folder, unchanged):
    docs = tmp_path / "docs"
    docs.mkdir()
    write_story(docs, "story.txt")
    try:
        os.mknod(docs / "zero.txt", 0o600 | 0o020000, os.makedev(1, 5))  # a character device like /dev/zero
    except OSError as err:
        pytest.skip(f"no device nodes here ({err})")
    with unchanged(docs):
        result = _with_timeout(lambda: scan_folder(docs))
    assert "a device" in skip_reasons(result)["zero.txt"]
    assert [a.id for a in result.articles] == ["story.txt"]


@pytest.mark.parametrize("swap", ["pipe", "outside link", "folder"])
def test_a_file_swapped_after_listing_is_refused_without_blocking(tmp_path, swap):
    docs = tmp_path / "docs"
    docs.mkdir()
    write_story(docs, "story.txt")
    write_story(docs, "victim.txt")
    (tmp_path / "secret.txt").write_text(SECRET)
    sources, _ = collect_files([docs])
    victim = docs / "victim.txt"
    victim.unlink()
    if swap == "pipe":
        os.mkfifo(victim)
    elif swap == "outside link":
        victim.symlink_to(tmp_path / "secret.txt")
    else:
        victim.mkdir()
    out = _with_timeout(lambda: analyse_batch(sources))
    assert out[0][0].id == "story.txt"
    skipped = out[1]
    assert skipped.path == str(victim)
    expected = {"pipe": "named pipe", "outside link": "link", "folder": "not a regular file"}[swap]
    assert expected in skipped.reason, skipped.reason


def test_a_name_that_is_not_utf8_is_carried_losslessly_into_every_report(tmp_path, scan_folder, unchanged):
    docs = tmp_path / "docs"
    docs.mkdir()
    raw = b"caf\xe9 \xff<b>.txt"
    name = os.fsdecode(raw)
    (docs / name).write_text(STORY, encoding="utf-8")
    write_story(docs, "plain.txt")
    with unchanged(docs):
        result = scan_folder(docs)
    assert sorted(a.id for a in result.articles) == sorted([name, "plain.txt"])
    assert len(result.pairs) == 1
    reports = _reports(result)
    for kind, text in reports.items():
        encoded = text.encode("utf-8")  # what lands in a UTF-8 file: must not fail
        assert encoded.decode("utf-8") == text, kind
    doc = json.loads(reports["json"])
    ids = [d["id"] for d in doc["documents"]]
    assert name in ids  # the escaped form gives the exact bytes back
    assert os.fsencode(next(d["path"] for d in doc["documents"] if d["id"] == name)).endswith(raw)


def test_names_that_are_not_utf8_are_shown_with_replacement_characters(tmp_path):
    from app.cli import main

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / os.fsdecode(b"caf\xe9.txt")).write_text(STORY, encoding="utf-8")
    write_story(docs, "plain.txt")
    out_html, out_csv = tmp_path / "r.html", tmp_path / "r.csv"
    assert main(["scan", str(docs), "--no-cache", "--html", str(out_html), "--csv", str(out_csv)]) == 0
    for path in (out_html, out_csv):
        text = path.read_bytes().decode("utf-8")
        assert "caf\ufffd.txt" in text


def test_a_folder_nested_1200_deep_is_walked(tmp_path, scan_folder, unchanged):
    docs = tmp_path / "docs"
    deep = docs
    docs.mkdir()
    for _ in range(1200):  # not os.makedirs: it recurses
        deep = deep / "d"
        deep.mkdir()
    write_story(deep, "deep.txt")
    write_story(docs, "top.txt")
    try:
        with unchanged(docs):
            result = scan_folder(docs)
    finally:  # pytest's own clean-up of old temporary folders recurses: leave nothing this deep behind
        (deep / "deep.txt").unlink()
        while deep != docs:
            deep.rmdir()
            deep = deep.parent
    assert sorted(a.id.rsplit("/", 1)[-1] for a in result.articles) == ["deep.txt", "top.txt"]
    assert result.articles[0].id.count("/") == 1200 or result.articles[1].id.count("/") == 1200
    assert len(result.pairs) == 1


def test_an_entry_that_breaks_the_engine_is_skipped_and_the_rest_is_shown(tmp_path, scan_folder, monkeypatch):
    import app.core.scan as engine

    docs = tmp_path / "docs"
    docs.mkdir()
    write_story(docs, "a.txt")
    write_story(docs, "b.txt")
    write_story(docs, "poison.txt", STORY + "\nTRIGGER\n")
    real = engine.read_parts

    def breaks_on_trigger(text, lines=None):  # the scan hands over the page's lines it split once
        if "TRIGGER" in text:
            raise RecursionError("maximum recursion depth exceeded")
        return real(text, lines)

    monkeypatch.setattr(engine, "read_parts", breaks_on_trigger)
    result = scan_folder(docs)
    assert sorted(a.id for a in result.articles) == ["a.txt", "b.txt"] and len(result.pairs) == 1
    assert "could not be analysed (RecursionError" in skip_reasons(result)["poison.txt"]


def test_what_held_keeps_holding_binary_empty_and_huge_files(tmp_path, scan_folder, unchanged):
    docs = tmp_path / "docs"
    docs.mkdir()
    write_story(docs, "story.txt")
    (docs / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (docs / "empty.txt").write_bytes(b"")
    (docs / "blank.txt").write_text("   \n\n  ")
    (docs / "huge.txt").write_bytes(b"a" * 2_000_001)
    (docs / "image.png").write_bytes(b"\x89PNG\r\n")
    with unchanged(docs):
        result = scan_folder(docs, max_bytes=2_000_000)
    reasons = skip_reasons(result)
    assert "binary" in reasons["binary.txt"]
    assert "empty" in reasons["empty.txt"] and "empty" in reasons["blank.txt"]
    assert "too large" in reasons["huge.txt"]
    assert "not a text or HTML file" in reasons["image.png"]
    assert [a.id for a in result.articles] == ["story.txt"]


def test_xss_in_names_titles_and_text_is_inert_in_the_html_report(tmp_path, scan_folder):
    docs = tmp_path / "docs"
    docs.mkdir()
    payload = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    # the payload inside the story's own headline, so that it is the title
    headline = f"City council votes to close old bridge over river for repairs costing 42 million dollars {payload}"
    write_story(docs, f"{payload}.txt".replace("/", ""), f"{headline}\n\n{STORY}")
    write_story(docs, "b.txt", f"{STORY}\n{payload}\n")
    html = _reports(scan_folder(docs))["html"]
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
