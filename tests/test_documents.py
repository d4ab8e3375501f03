"""Reading articles: encodings, HTML, and bad input that must be reported, skipped, and never fatal."""

import os

import pytest

from app.core.documents import Unreadable, collect_files, read_article
from app.core.records import SourceFile
from app.core.scan import Settings, run, scan

SENTENCE = "The minister said on Tuesday that “the talks will resume” in Geneva — after a pause.\n"


def read(path):
    return read_article(SourceFile(path.name, str(path)))


def test_utf8_with_bom_is_decoded_without_the_bom(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf" + SENTENCE.encode())
    art = read(p)
    assert art.text == SENTENCE
    assert art.encoding == "utf-8-sig"


def test_utf16_with_bom(tmp_path):
    p = tmp_path / "wide.txt"
    p.write_bytes(SENTENCE.encode("utf-16"))
    assert read(p).text == SENTENCE


def test_windows_1252_curly_quotes_and_dashes(tmp_path):
    p = tmp_path / "cp1252.txt"
    text = (SENTENCE * 3).replace("Geneva", "Genève")
    p.write_bytes(text.encode("cp1252"))
    art = read(p)
    assert art.text == text
    assert "“the talks will resume”" in art.text


def test_crlf_and_cr_newlines_are_normalised(tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes(b"Headline\r\n\r\nFirst paragraph.\rSecond paragraph.\r\n")
    assert read(p).text == "Headline\n\nFirst paragraph.\nSecond paragraph.\n"


def test_html_keeps_the_title_and_drops_scripts(tmp_path):
    p = tmp_path / "page.html"
    p.write_text("<html><head><title>Quake hits coast</title><script>var x = 'tracker';</script></head>"
                 "<body><nav>Home | World</nav><p>A strong earthquake struck the coast on Monday.</p>"
                 "<p>Officials said 3 people were hurt.</p></body></html>", encoding="utf-8")
    art = read(p)
    assert art.title == "Quake hits coast"
    assert "A strong earthquake struck the coast on Monday." in art.text
    assert "tracker" not in art.text


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty file"), (b"   \n\n\t ", "empty"), (bytes(range(256)) * 40, "not text")],
)
def test_unreadable_content_has_a_reason(tmp_path, content, reason):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(Unreadable, match=reason):
        read(p)


def test_a_50_mb_file_is_skipped_without_being_read(tmp_path):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    with pytest.raises(Unreadable, match="too large"):
        read(p)


def test_a_scan_reports_bad_files_and_keeps_the_rest(tmp_path, seeds):
    for f in seeds.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    before = sorted(os.listdir(tmp_path))
    result = run(scan([str(tmp_path)], Settings(use_cache=False)))
    assert len(result.articles) == 5
    reasons = {os.path.basename(s.path): s.reason for s in result.skipped}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["photo.jpg"].startswith("not a text or HTML file")
    assert reasons["binary.txt"].startswith("not text")
    assert sorted(os.listdir(tmp_path)) == before  # nothing written into the folder read


def test_a_file_that_vanishes_mid_scan_is_reported(tmp_path, seeds):
    for f in seeds.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    gen = scan([str(tmp_path)], Settings(use_cache=False))
    next(gen)  # the files are listed; now one disappears before it is read
    (tmp_path / "004_1723fb8b04fd831d.txt").unlink()
    result = run(gen)
    assert len(result.articles) == 4
    assert [s.reason for s in result.skipped] == ["it vanished before it could be read"]
    assert len(result.pairs) == 1


def test_a_folder_without_permission_is_reported(tmp_path, seeds, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text(SENTENCE)
    (tmp_path / "open.txt").write_text(SENTENCE)
    if os.geteuid() == 0:  # root reads everything: make the folder refuse as it would for a user
        real_scandir = os.scandir

        def refusing(path="."):
            if os.fspath(path) == str(locked):
                raise PermissionError(13, "Permission denied", str(locked))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", refusing)
    else:
        locked.chmod(0)
    try:
        found, skipped = collect_files([str(tmp_path)])
    finally:
        locked.chmod(0o755)
    assert [f.id for f in found] == ["open.txt"]
    assert skipped[0].reason == "folder cannot be opened: permission denied"


def test_ids_are_relative_and_slash_separated(tmp_path):
    (tmp_path / "day1" / "wire").mkdir(parents=True)
    (tmp_path / "day1" / "wire" / "ap.txt").write_text(SENTENCE)
    found, _ = collect_files([str(tmp_path)])
    assert found[0].id == "day1/wire/ap.txt"
