"""The pair PDF, read back with a PDF text extractor: readable body size, titles and page numbers, own flags only."""

import re
import threading
import unicodedata
from collections import Counter

import pytest
from pypdf import PdfReader

from app.core.pair_model import PairModel
from app.core.scan import compare_files, run, scan
from app.core.settings import Settings
from app.gui.pdf import BODY_PT, write_pair_pdf
from tests.conftest import AP_A, AP_B, FIXTURES, SEEDS
from tests.test_reports import wiretrace


def _read(path):
    """Each page's text and the size in points of every glyph drawn on it."""
    pages = []
    for page in PdfReader(str(path)).pages:
        sizes: Counter = Counter()

        def visit(text, cm, tm, _font, size, sizes=sizes):
            if text.strip():
                scale = (tm[2] ** 2 + tm[3] ** 2) ** 0.5 * (cm[2] ** 2 + cm[3] ** 2) ** 0.5
                sizes[round(size * scale, 1)] += len(text.strip())

        text = " ".join(unicodedata.normalize("NFKC", page.extract_text(visitor_text=visit)).split())  # ligatures
        pages.append((text, sizes))
    return pages


@pytest.fixture(scope="module")
def seeds_result():
    return run(scan([str(SEEDS)], Settings(use_cache=False)))


def test_pdf_body_text_is_readable_at_100_percent(qapp, tmp_path, seeds_result):
    path = tmp_path / "pair.pdf"
    write_pair_pdf(PairModel.of(seeds_result), str(path))
    pages = _read(path)
    sizes = sum((s for _, s in pages), Counter())
    body = sum(n for size, n in sizes.items() if 10 <= size <= 11)
    assert body / sum(sizes.values()) > 0.8, sizes  # the body, not just the headings
    assert min(sizes) >= 8  # header, footer and legend are small, never unreadable
    assert BODY_PT in sizes


def test_every_page_has_both_titles_and_its_number(qapp, tmp_path, seeds_result):
    path = tmp_path / "pair.pdf"
    write_pair_pdf(PairModel.of(seeds_result), str(path))
    pages = _read(path)
    pair = seeds_result.pairs[0]
    a, b = seeds_result.articles[pair.a], seeds_result.articles[pair.b]
    assert len(pages) > 1
    for n, (text, _) in enumerate(pages, 1):
        assert f"A: {' '.join(a.title.split()[:5])}" in text
        assert f"B: {' '.join(b.title.split()[:5])}" in text
        assert f"page {n} of {len(pages)}" in text
    assert "Bennett visited Moscow" in " ".join(t for t, _ in pages)
    assert "shared" in pages[0][0] and "only in A" in pages[0][0] and "flagged" in pages[0][0]  # the legend


def test_the_pdf_lists_the_pairs_own_flags_only(qapp, tmp_path, seeds_result):
    path = tmp_path / "pair.pdf"
    write_pair_pdf(PairModel.of(seeds_result), str(path))
    text = " ".join(t for t, _ in _read(path))
    pair = seeds_result.pairs[0]
    own = [(s, a) for s, a in (("A", seeds_result.articles[pair.a]), ("B", seeds_result.articles[pair.b]))]
    # a line at a page break is also drawn, clipped away, at the foot of the page before: count kinds, not lines
    listed = set(re.findall(r"\b([AB]) · (\w+): ", text))
    assert listed == {(s, f.kind) for s, art in own for f in art.flags}
    others = [art for n, art in enumerate(seeds_result.articles) if n not in (pair.a, pair.b)]
    foreign = [" ".join(art.text[f.start:f.end].split())[:40] for art in others for f in art.flags]
    assert foreign and not any(snippet in text for snippet in foreign if len(snippet) > 20)


def test_the_pdf_can_be_written_off_the_gui_thread(qapp, tmp_path, seeds_result):
    path = tmp_path / "pair.pdf"
    errors = []

    def work():
        try:
            write_pair_pdf(PairModel.of(seeds_result), str(path))
        except Exception as err:  # reported to the test below
            errors.append(err)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(60)
    assert errors == [] and path.read_bytes().startswith(b"%PDF")
    assert "page 1 of" in _read(path)[0][0]


def test_compare_writes_the_pdf(tmp_path):
    path = tmp_path / "pair.pdf"
    proc = wiretrace("compare", str(AP_A), str(AP_B), "--pdf", str(path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    pages = _read(path)
    assert pages and "page 1 of" in pages[0][0]


def _columns(path) -> tuple[str, str, int]:
    """The text drawn in the A and B columns of every page, in reading order, white space left out (a line may
    break inside a word), with the page headers and footers left out; and the number of pages."""
    left, right = [], []
    reader = PdfReader(str(path))
    for page in reader.pages:
        width = float(page.mediabox.width)
        frags = []

        def visit(text, cm, tm, _font, _size, frags=frags):
            if text.strip():
                x, y = tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                frags.append((-round(y, 1), x, text))

        page.extract_text(visitor_text=visit)
        header = max(-y for y, _, t in frags if t.startswith("A:"))
        footer = next(-y for y, _, t in frags if t.startswith("page"))
        for y, x, text in sorted(frags):
            if -y not in (header, footer):  # everything else counts, drawn in sight or not
                (left if x < width * 0.47 else right if x > width * 0.53 else []).append(text)
    flat = [re.sub(r"\s+", "", unicodedata.normalize("NFKC", "".join(c))) for c in (left, right)]
    return flat[0].split("Flagged")[0], flat[1], len(reader.pages)


def test_a_long_pair_has_each_sentence_once_across_page_breaks(tmp_path):
    # a real pair long enough for rows to meet page breaks: CBS's copy of the AP census story against AP's update
    a, b = FIXTURES / "relations" / "articles" / "08200_cbsnews.com.txt", FIXTURES / "relations" / "chains" / "27208_apnews.com.txt"
    path = tmp_path / "pair.pdf"
    proc = wiretrace("compare", str(a), str(b), "--pdf", str(path))
    assert proc.returncode == 0, proc.stderr
    left, right, pages = _columns(path)
    assert pages >= 3
    result = compare_files(str(a), str(b))
    checked = 0
    for art, column in zip(result.articles, (left, right), strict=True):
        own = re.sub(r"\s+", "", unicodedata.normalize("NFKC", art.text))
        for s, e in art.sentences:
            sentence = re.sub(r"\s+", "", unicodedata.normalize("NFKC", art.text[s:e]))
            if len(sentence) >= 30:
                assert column.count(sentence) == own.count(sentence), art.text[s:e]
                checked += 1
    assert checked > 40
