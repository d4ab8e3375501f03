"""The pair PDF, read back with a PDF text extractor: readable body size, titles and page numbers, own flags only."""

import re
import threading
import unicodedata
from collections import Counter

import pytest
from pypdf import PdfReader

from app.core.pair_model import PairModel
from app.core.scan import run, scan
from app.core.settings import Settings
from app.gui.pdf import BODY_PT, write_pair_pdf
from tests.conftest import AP_A, AP_B, SEEDS
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
