"""One real pair through every output (window lists, family view, pair header, CLI, CSV, JSON, HTML, PDF): the same figures."""

import csv
import json
import re
import unicodedata

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from app.cli import main as cli
from app.core import triage
from app.core.html_report import read_data
from app.core.pair_model import PairModel
from app.core.records import Relation
from app.gui.pdf import write_pair_pdf
from tests.conftest import AP_A, AP_B, FIXTURES, SEEDS

ARTICLES = FIXTURES / "relations" / "articles"


def scanned(qtbot, window, folder):
    with qtbot.waitSignal(window.scan_finished, timeout=120000) as blocker:
        window.open_paths([str(folder)])
    return blocker.args[0]


def the_ap_pair(result) -> int:
    names = {AP_A.name, AP_B.name}
    return next(n for n, p in enumerate(result.pairs)
                if {result.articles[p.a].id.rsplit("/", 1)[-1], result.articles[p.b].id.rsplit("/", 1)[-1]} == names)


def a_changed_copy(result) -> int:
    """The first copy or version in triage order that rewords some of the other (CNN's report and news4jax's
    reprint of an earlier version of it)."""
    return next(n for n in triage.order(result) if result.pairs[n].relation in (Relation.COPY, Relation.VERSION)
                and result.pairs[n].fidelity.changed > 0)


def flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.parametrize(("folder", "pick"), [(SEEDS, the_ap_pair), (ARTICLES, a_changed_copy)],
                         ids=["seeds-ap", "relations-changed-copy"])
def test_one_pair_shows_the_same_figures_in_every_output(qtbot, window, sync_tasks, tmp_path, capsys, folder, pick):
    result = scanned(qtbot, window, folder)
    n = pick(result)
    pair = result.pairs[n]
    a, b = result.articles[pair.a], result.articles[pair.b]
    t = triage.figures(pair)
    cells = t.cells()  # kept, changed, dropped, added (percent), high-risk
    assert not t.identical
    assert round(t.kept + t.changed + t.dropped, 2) == pytest.approx(1.0, abs=0.011)  # A's text, once

    # the pairs list: the figure columns, headed with their units
    table = window.pairs
    row = table.row_of(n)
    heads = [table.proxy.headerData(c, Qt.Orientation.Horizontal)
             for c in range(table.proxy.columnCount())]
    first = heads.index(triage.KEPT.header(sep="\n"))
    assert heads[first:first + 5] == [c.header(sep="\n") for c in triage.COLUMNS]
    assert "% of A" in heads[first] and "% of B" in heads[first + 3]
    shown = tuple(table.proxy.index(row, c).data() for c in range(first, first + 5))
    assert shown == cells

    # the pair view's header and the window's title
    window.open_pair(n)
    view = window.pair_view
    assert view.headline.text() == t.summary()
    assert f"{cells[0]} of A's text word for word" in view.headline.text()

    # the family view: the copy against its reference, in the same figures (the reference as A)
    family = result.family_of(pair.a)
    assert family is not None and pair.b in family
    copy = pair.b if family.reference == pair.a else pair.a
    against = pair.fidelity if family.reference == pair.a else pair.fidelity.mirrored()
    expected = triage.figures(pair, against).cells()
    window.family.show_family(result, family.reference)
    copies = window.family.copies
    r = next(k for k, c in enumerate(copies.rows) if c.copy == copy)
    assert tuple(copies.index(r, c).data() for c in (1, 2, 3, 4)) == (expected[0], expected[1], expected[2],
                                                                       expected[4])
    if family.reference == pair.a:
        assert expected == cells

    # the command line: summary text, CSV, JSON and HTML from its own scan of the folder
    out = {k: tmp_path / f"report.{k}" for k in ("json", "csv", "html")}
    assert cli(["scan", str(folder), *[x for k, p in out.items() for x in (f"--{k}", str(p))]]) == 0
    printed = capsys.readouterr().out
    line = next(x for x in printed.splitlines() if a.id in x and b.id in x)
    assert line.endswith(t.summary())

    with open(out["csv"], newline="", encoding="utf-8") as fh:
        rec = next(x for x in csv.DictReader(fh) if (x["a"], x["b"]) == (a.id, b.id))
    assert (triage.pct(float(rec["kept"])), triage.pct(float(rec["changed"])), triage.pct(float(rec["dropped"])),
            triage.pct(float(rec["added"])), triage.UPDATE_CELL if rec["tier"] == "update" else rec["high_risk"]) == cells
    assert rec["summary"] == t.summary() and rec["needs_editor"] == str(int(t.needs_editor))

    doc = json.loads(out["json"].read_text(encoding="utf-8"))
    rec = next(x for x in doc["pairs"] if (x["a"], x["b"]) == (a.id, b.id))
    assert rec["triage"] == t.as_dict() and rec["fidelity"]["summary"] == t.summary()

    page = out["html"].read_text(encoding="utf-8")
    data = read_data(page)
    k = next(k for k, p in enumerate(data["pairs"]) if (data["docs"][p["a"]][0], data["docs"][p["b"]][0]) == (a.id, b.id))
    assert tuple(data["pairs"][k]["f"]) == cells and t.summary() in data["pairs"][k]["h"][0]
    table_row = re.search(rf"<tr>(?:(?!</tr>).)*href='#p{k}'(?:(?!</tr>).)*</tr>", page).group(0)
    assert re.findall(r"<td class='n[^']*'>([^<]*)</td>", table_row)[-5:] == list(cells)

    # the PDF of the pair, read back as text
    pdf = tmp_path / "pair.pdf"
    write_pair_pdf(PairModel.of(result, n), str(pdf))
    text = flat(" ".join(p.extract_text() for p in PdfReader(str(pdf)).pages[:1]))
    assert flat(t.summary()) in text
