"""Pathological texts: encodings guessed wrong, HTML nested too deep, Unicode forms (issue 13: wrong text)."""

from __future__ import annotations

import unicodedata

import pytest
from zoo import PARAGRAPHS, STORY, write_story

from app.core.documents import LOW_CONFIDENCE, read_article, sniff
from app.core.records import SourceFile

RUSSIAN = ("Президент России заявил в понедельник, что переговоры с соседними странами будут продолжены. "
           "Министр иностранных дел сообщил журналистам, что делегации встретятся на следующей неделе.")


def _read(tmp_path, data: bytes, name: str = "a.txt"):
    (tmp_path / name).write_bytes(data)
    return read_article(SourceFile(name, str(tmp_path / name)))


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_read_by_its_zero_bytes(tmp_path, codec):
    art = _read(tmp_path, STORY.encode(codec))
    assert art.text.strip() == STORY.strip() and art.encoding == codec


@pytest.mark.parametrize("text", [RUSSIAN, "Привет, как дела? Всё хорошо, спасибо."])
def test_koi8r_russian_is_not_read_as_japanese(tmp_path, text):
    art = _read(tmp_path, text.encode("koi8_r"))
    assert art.text.strip() == text and art.encoding == "koi8_r"


def test_windows_1251_russian(tmp_path):
    art = _read(tmp_path, RUSSIAN.encode("cp1251"))
    assert art.text.strip() == RUSSIAN and art.encoding == "cp1251"


@pytest.mark.parametrize("text, codec", [
    ("Le président a déclaré lundi que les négociations continueraient à Genève.", "cp1252"),
    ("Die Regierung hat am Montag erklärt, dass die Gespräche fortgesetzt werden.", "cp1252"),
    ("Vláda v pondělí oznámila, že jednání budou pokračovat příští týden v Praze.", "cp1250"),
    ("Η κυβέρνηση ανακοίνωσε τη Δευτέρα ότι οι συνομιλίες θα συνεχιστούν.", "cp1253"),
    ("政府は月曜日、協議を来週も続けると発表した。", "shift_jis"),
])
def test_legacy_encodings_are_chosen_by_the_language_they_give(tmp_path, text, codec):
    assert _read(tmp_path, text.encode(codec)).text.strip() == text


def test_utf8_with_a_few_bad_bytes_stays_utf8(tmp_path):
    body = ("Zürich’s council met on Monday — “it was calm”, they said. " * 30).encode()
    art = _read(tmp_path, body[:900] + b"\xff" + body[900:1800] + b"\xe2\x80" + body[1800:])
    assert art.encoding == "utf-8" and art.text.count("Zürich’s council") >= 29
    assert art.text.count("\ufffd") == 1  # the cut-off sequence; the lone byte is read as Windows-1252
    assert any("mostly UTF-8" in note for note in art.notes)


def test_a_file_mixing_utf8_and_windows_1252_reads_each_part_as_written(tmp_path):
    part1 = "The café’s owner said the “new rules” were fair. ".encode()
    part2 = "Later he said “no” – and left the café for good. ".encode("cp1252")
    art = _read(tmp_path, part1 + part2 + "Ünd so wëiter.".encode())
    assert art.text.strip() == "The café’s owner said the “new rules” were fair. " \
        "Later he said “no” – and left the café for good. Ünd so wëiter."
    assert "\ufffd" not in art.text


def test_a_low_confidence_guess_is_listed_as_a_warning(tmp_path, scan_folder, unchanged):
    docs = tmp_path / "docs"
    docs.mkdir()
    write_story(docs, "story.txt")
    (docs / "odd.txt").write_bytes(bytes(range(0xA0, 0xFF)) * 3 + b" ok")
    with unchanged(docs):
        result = scan_folder(docs)
    odd = [a for a in result.articles if a.id == "odd.txt"]
    if odd:  # read as some 8-bit text: then the user is told the guess is weak
        assert odd[0].confidence < LOW_CONFIDENCE
        assert any(w.startswith("odd.txt: encoding guessed") for w in result.warnings), result.warnings
    else:
        assert any(s.path.endswith("odd.txt") for s in result.skipped)


def test_confidence_is_recorded_on_the_document():
    assert sniff(STORY.encode()).confidence == 1.0
    assert sniff(RUSSIAN.encode("koi8_r")).confidence > LOW_CONFIDENCE


def test_html_nested_thousands_deep_keeps_its_text_and_says_so(tmp_path, scan_folder):
    depth = 5000
    page = ("<html><head><title>Bridge closed</title></head><body><p>" + PARAGRAPHS[0] + "</p>"
            + "<div>" * depth + "<p>" + PARAGRAPHS[1] + "</p>" + "</div>" * depth
            + "<p>" + PARAGRAPHS[2] + "</p></body></html>")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "deep.html").write_text(page)
    result = scan_folder(docs)
    art = result.articles[0]
    for para in PARAGRAPHS[:3]:
        assert " ".join(para.split()) in " ".join(art.text.split())
    assert any("nested more than" in w for w in result.warnings)


def test_nfc_and_nfd_forms_of_one_text_pair_up(tmp_path, scan_folder, unchanged):
    text = ("Señor Müller, the café’s owner in Zürich, said the rénovation would cost 4 million francs. "
            "Élodie Brontë, the architect, said the façade would be restored by next spring. ") * 3
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "nfc.txt").write_text(unicodedata.normalize("NFC", text))
    (docs / "nfd.txt").write_text(unicodedata.normalize("NFD", text))
    with unchanged(docs):
        result = scan_folder(docs)
    assert len(result.pairs) == 1
    pair = result.pairs[0]
    assert pair.fidelity.verbatim > 0.95
    nfd = next(a for a in result.articles if a.id == "nfd.txt")
    assert nfd.text == unicodedata.normalize("NFD", text).strip() or nfd.text.startswith("Sen\u0303or")
    assert all(0 <= s < e <= len(nfd.text) for s, e in nfd.sentences)  # offsets into the text as read
