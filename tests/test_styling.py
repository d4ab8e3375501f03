"""Styled runs: every character of a row in exactly one run, no word edit lost under a flag, one palette."""

from itertools import pairwise

import pytest

from app.core.records import Edit, EditReason, Flag, Row
from app.core.scan import compare_files
from app.core.styling import LEGEND, MARKS, PALETTES, Role, block_role, colour, row_mark, side_runs
from tests.conftest import AP_A, AP_B


@pytest.fixture(scope="module")
def ap_pair():
    return compare_files(str(AP_A), str(AP_B))


def test_runs_tile_every_row_of_a_real_pair(ap_pair):
    arts, pair = ap_pair.articles, ap_pair.pairs[0]
    for row in pair.rows:
        for side, art in (("a", arts[0]), ("b", arts[1])):
            idx = row.a if side == "a" else row.b
            runs = side_runs(art.text, art.sentences, art.flags, row, side)
            if not idx:
                assert runs == []
                continue
            assert runs[0].start == art.sentences[idx[0]][0]
            assert runs[-1].end == art.sentences[idx[-1]][1]
            assert all(x.end == y.start and x.start < x.end for x, y in pairwise(runs))


def test_every_changed_word_of_a_real_pair_is_marked(ap_pair):
    arts, pair = ap_pair.articles, ap_pair.pairs[0]
    for row in pair.rows:
        for side, art, op, role in (("a", arts[0], "delete", Role.DELETED), ("b", arts[1], "insert", Role.INSERTED)):
            runs = side_runs(art.text, art.sentences, art.flags, row, side)
            marked = {k for r in runs if role in r.roles for k in range(r.start, r.end)}
            for e in row.edits:
                span = e.a if side == "a" else e.b
                if e.op == op:
                    assert set(range(*span)) <= marked


def test_a_word_edit_inside_a_flagged_span_keeps_both_layers():
    text = "Prices rose 5% on Monday. Read more: prices rose 7% today."
    sentences = [(0, 25), (26, len(text))]
    flags = [Flag(26, len(text), "promotion", "a link to another story")]
    five = text.index("5")
    row = Row("changed", [0, 1], [], edits=[Edit("delete", (five, five + 1), None, EditReason.NUMBER),
                                            Edit("delete", (text.index("7"), text.index("7") + 1), None,
                                                 EditReason.NUMBER)])
    runs = side_runs(text, sentences, flags, row, "a")
    inside = next(r for r in runs if r.start == text.index("7"))
    assert inside.roles == (Role.DELETED, Role.HIGH_RISK, Role.FLAGGED_TEXT)
    assert "promotion" in inside.tip and "number" in inside.tip and "removed in B" in inside.tip
    outside = next(r for r in runs if r.start == five)
    assert outside.roles == (Role.DELETED, Role.HIGH_RISK)
    plain = [r for r in runs if r.start >= 26 and not r.edit]
    assert plain and all(r.roles == (Role.FLAGGED_TEXT,) for r in plain)


def test_block_roles_keep_flagged_text_apart_from_only_in():
    flagged = {1, 2}
    assert block_role("only_a", [1, 2], flagged) is Role.FLAGGED
    assert block_role("only_a", [0, 1], flagged) is Role.ONLY_A
    assert block_role("only_b", [3], flagged) is Role.ONLY_B
    assert block_role("same", [], flagged) is Role.FILLER
    assert row_mark("changed", high_risk=True) == "≈!"
    assert row_mark("only_a") == "−" and MARKS[Role.FLAGGED] == "⚑"


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[k:k + 2], 16) for k in (1, 3, 5))


@pytest.mark.parametrize("dark", [False, True])
def test_palette_says_rose_green_amber_blue_grey(dark):
    r, g, b = _rgb(colour(Role.ONLY_A, dark))
    assert r > g and r > b  # rose
    r, g, b = _rgb(colour(Role.ONLY_B, dark))
    assert g > r and g > b  # green
    r, g, b = _rgb(colour(Role.CHANGED, dark))
    assert r >= g > b  # amber
    r, g, b = _rgb(colour(Role.MOVED, dark))
    assert b > r and b > g  # blue
    r, g, b = _rgb(colour(Role.FLAGGED, dark))
    assert max(r, g, b) - min(r, g, b) < 8  # neutral grey
    assert set(PALETTES["light"]) == set(PALETTES["dark"])
    assert all(str(role) in PALETTES["light"] for role in LEGEND)
