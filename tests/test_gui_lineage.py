"""The window on a wire story updated twice and reprinted (the synthetic AP "backpedal" chain, real text): the
family view's lineage tree, a copy opened beside its source, and two versions drawn as the wire's update."""

import os
import shutil
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextCursor

from app.core.html_report import write_html
from app.core.pair_model import PairModel
from app.core.scan import Settings, run, scan
from app.core.styling import MARKS, Role
from app.gui.pair.formats import ROLE
from tests.conftest import FIXTURES
from tests.fixtures.relations import build_chains

CHAINS = FIXTURES / "relations" / "chains"
STORY = "ap-backpedal"  # AP's story, its two updates, outlets' copies and copies of those copies


@pytest.fixture(scope="module")
def chain(tmp_path_factory):
    """The story's files with their publication times as modification times (git keeps none), scanned."""
    rows = [r for r in build_chains.read_truth(CHAINS) if r["story"] == STORY]
    folder = tmp_path_factory.mktemp("chain")
    for r in rows:
        shutil.copy(CHAINS / r["file"], folder / r["file"])
        t = datetime.fromisoformat(r["published"]).timestamp()
        os.utime(folder / r["file"], (t, t))
    result = run(scan([str(folder)], Settings(min_overlap=0.0, use_cache=False)))
    doc = {a.id: n for n, a in enumerate(result.articles)}
    return result, doc, {r["file"]: r for r in rows}


@pytest.fixture
def shown(window, chain):
    result, doc, truth = chain
    window.show_result(result)
    (family,) = result.families
    window.show_family(family.reference)
    return window, result, doc, truth


def click(qtbot, tree, item) -> None:
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())


def test_the_family_view_shows_each_copy_under_the_copy_it_came_from(shown):
    window, _result, doc, truth = shown
    tree = window.family.lineage
    assert window.views.currentWidget() is window.family
    # every member under its true source, the wire's first version at the root
    for name, row in truth.items():
        assert tree.parent_of(doc[name]) == (doc[row["source"]] if row["source"] else None), name
    # Charlotte's copy was taken from Click2Houston's copy (their shared typo "pleaedd"), not from the wire
    item = tree.item_of(doc["53389_charlotteobserver.com.txt"])
    assert item.parent() is tree.item_of(doc["80803_click2houston.com.txt"])
    assert item.parent().parent() is tree.item_of(doc["64285_apnews.com.txt"]) is tree.topLevelItem(0)
    assert item.text(0).startswith("charlotteobserver.com · ")
    assert item.text(1) == "copy of a copy (version 1)"
    assert "pleaedd" in item.toolTip(0)  # the evidence: the edit it carries on from its source
    update = tree.item_of(doc["80382_apnews.com.txt"])
    assert update.text(1) == f"{MARKS[Role.UPDATE]} version 3: wire update" and update.text(6).endswith("update")


def test_clicking_a_copy_of_a_copy_shows_it_beside_its_source_not_the_reference(qtbot, shown):
    window, result, doc, _truth = shown
    (family,) = result.families
    tree = window.family.lineage
    copy, source = doc["50604_news4jax.com.txt"], doc["50318_foxbusiness.com.txt"]
    assert family.reference not in (copy, source)
    click(qtbot, tree, tree.item_of(copy))
    qtbot.waitUntil(lambda: window.views.currentWidget() is window.pair_view)
    view = window.pair_view
    a, b = view.articles()
    assert (a.id, b.id) == ("50318_foxbusiness.com.txt", "50604_news4jax.com.txt")  # the source on the left
    assert view.detail.text().startswith("One side was taken from the other: the differences are an outlet")
    assert view.title_a.text().endswith("· the source") and view.title_b.text().endswith("· copied from A")
    # News4Jax took Fox Business's copy whole, its trims carried on: against its source almost nothing changed
    assert view.fidelity().dropped < 0.05


def test_a_copy_the_scan_never_aligned_with_its_source_is_aligned_and_shown_beside_it(qtbot, window, chain,
                                                                                       sync_tasks):
    result, doc, _ = chain
    copy, source = doc["53389_charlotteobserver.com.txt"], doc["80803_click2houston.com.txt"]
    kept = result.pairs
    result.pairs = [p for p in kept if {p.a, p.b} != {copy, source}]
    try:
        window.show_result(result)
        window.show_family(result.families[0].reference)
        tree = window.family.lineage
        click(qtbot, tree, tree.item_of(copy))
        qtbot.waitUntil(lambda: window.views.currentWidget() is window.pair_view)
        a, b = window.pair_view.articles()
        assert (a.id, b.id) == ("80803_click2houston.com.txt", "53389_charlotteobserver.com.txt")
        assert window.pair_view.pair.role == "source"
    finally:
        result.pairs = kept


def test_two_versions_are_drawn_as_the_wire_update_and_never_counted_as_high_risk(qtbot, shown):
    window, result, doc, _ = shown
    # San Diego's copy of version 3 against AP's version 2: the engine finds a high-risk row between them, but
    # it is the wire's update (version 3's changed number), not anything San Diego did
    n = next(k for k, p in enumerate(result.pairs) if {p.a, p.b} == {doc["85761_sandiegouniontribune.com.txt"],
                                                                      doc["89153_apnews.com.txt"]})
    pair = result.pairs[n]
    assert pair.relation == "version" and pair.fidelity.high_risk >= 1
    risky = next(r for r, row in enumerate(pair.rows) if row.severity == "high")
    window.open_pair(n)
    view = window.pair_view
    model = view.model
    assert not view.title_a.text().endswith("source")  # San Diego took version 3, not version 2: no lineage link
    assert model.update and not model.stops(high_only=True)
    # the row the engine called high-risk has the update look on both sides, its mark ↻, and no bold red wave
    slot = next(k for k, s in enumerate(model.slots) if s.row == risky)
    for pane in (view.left, view.right):
        assert pane.document().findBlockByNumber(slot).blockFormat().property(ROLE) == Role.UPDATE
    assert model.band_of(slot).mark.startswith(MARKS[Role.UPDATE]) and not model.band_of(slot).high
    changed = [b for b in model.bands if b.change and b.role is not Role.FLAGGED]
    assert changed and all(b.role is Role.UPDATE for b in changed)
    block = view.right.document().findBlockByNumber(slot)
    weights = []
    for at in range(block.position() + 1, block.position() + block.length()):
        cursor = QTextCursor(view.right.document())
        cursor.setPosition(at)
        weights.append(cursor.charFormat().fontWeight())
    assert weights and max(weights) < QFont.Weight.Bold.value  # no word drawn bold: nothing high-risk
    assert view.legend.chips[Role.UPDATE].isVisibleTo(view) and not view.legend.chips[Role.HIGH_RISK].isVisibleTo(view)
    assert "wire's update" in view.headline.text() and "high-risk" not in view.headline.text()
    status = window.statusBar().currentMessage()
    assert "wire's update" in status and "no high-risk" in status
    # the pairs list says "↻ update" where a copy gives its count; the window counts only outlets' edits
    row = window.pairs.row_of(n)
    risk = window.pairs.proxy.index(row, window.pairs.model_.columnCount() - 1).data()
    assert risk == f"{MARKS[Role.UPDATE]} update"
    outlets = sum(1 for p in result.pairs if p.relation == "copy" and p.fidelity.high_risk)
    anyone = sum(1 for p in result.pairs if p.fidelity.high_risk)
    assert anyone > outlets and f"· {outlets} with an outlet's high-risk edits" in window.status_text.text()


def test_a_copy_against_its_source_keeps_its_high_risk_look(qtbot, shown):
    window, _result, doc, _ = shown
    tree = window.family.lineage
    # Yahoo's copy of version 3 changed a number ("four" to "five"): an outlet's edit, shown as high risk
    click(qtbot, tree, tree.item_of(doc["48697_yahoo.com-news.txt"]))
    qtbot.waitUntil(lambda: window.views.currentWidget() is window.pair_view)
    model = window.pair_view.model
    assert [a.id for a in window.pair_view.articles()] == ["80382_apnews.com.txt", "48697_yahoo.com-news.txt"]
    assert not model.update and model.stops(high_only=True)
    assert window.pair_view.legend.chips[Role.HIGH_RISK].isVisibleTo(window.pair_view)
    assert not window.pair_view.legend.chips[Role.UPDATE].isVisibleTo(window.pair_view)


def test_the_html_report_and_the_pair_model_give_versions_the_update_look(chain, tmp_path):
    result, _doc, _ = chain
    n = next(k for k, p in enumerate(result.pairs) if p.is_update and p.fidelity.high_risk)
    model = PairModel.of(result, n)
    looks = [model.row_look(r) for r, row in enumerate(model.rows) if row.kind != "same"]
    assert looks and all(m.startswith(MARKS[Role.UPDATE]) and "!" not in m for *_, m in looks)
    assert any(Role.UPDATE in roles for *roles, _ in looks)
    out = tmp_path / "report.html"
    with open(out, "w", encoding="utf-8") as fh:
        write_html(result, fh)
    page = out.read_text(encoding="utf-8")
    assert f"<td class='n update'>{MARKS[Role.UPDATE]} update</td>" in page  # the summary's tables: a word, a mark
    assert ".update{background:" in page and "wire update: changed between versions" in page  # look and legend


def test_clicking_a_version_shows_it_as_the_wire_update_of_the_version_before(qtbot, shown):
    window, _result, doc, _ = shown
    tree = window.family.lineage
    click(qtbot, tree, tree.item_of(doc["80382_apnews.com.txt"]))
    qtbot.waitUntil(lambda: window.views.currentWidget() is window.pair_view)
    view = window.pair_view
    assert [a.id for a in view.articles()] == ["89153_apnews.com.txt", "80382_apnews.com.txt"]
    assert view.title_b.text().endswith("· the wire’s update of A") and view.model.update
    assert all(b.mark.startswith(MARKS[Role.UPDATE]) for b in view.model.bands if b.change and b.role is Role.UPDATE)


def test_the_family_table_and_the_overview_count_no_version_difference_as_high_risk(qtbot, window, chain):
    from app.gui.family import marks
    from app.gui.overview import layout

    result, doc, _ = chain
    (family,) = result.families
    ref = doc["89153_apnews.com.txt"]  # AP's second version, set against every copy (Documents ▸ activate it)
    window.result = result
    with qtbot.waitSignal(window.family.filled, timeout=60000):
        window.show_family(ref)
    by_pair = marks.pair_index(result.pairs)
    versions = [c for c in window.family.copies.rows if marks.rows_against(result, by_pair, ref, c.copy)[2]]
    # copies of other versions than the reference's, some of which the engine finds high-risk rows against it
    assert any(any(r.severity == "high" for r in marks.rows_against(result, by_pair, ref, c.copy)[0])
               for c in versions)
    assert all(c.high_risk == 0 for c in versions)
    # the overview's risk is each copy's own against its source: Yahoo's and San Diego's changed numbers
    (block,) = [b for b in layout.blocks(result) if b.reference >= 0]
    risky = {result.articles[t.doc].id for t in block.tiles if t.high_risk}
    assert risky == {result.articles[s.copy].id for s in family.lineage
                     if s.fidelity is not None and s.fidelity.high_risk and not s.update}
    assert "85761_sandiegouniontribune.com.txt" in risky and "80382_apnews.com.txt" not in risky
