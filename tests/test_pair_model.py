"""The pair model without Qt, on the seeds' AP pair: where a sentence is, what the next change is, what is visible."""

import pytest

from app.core.pair_model import PairModel
from app.core.scan import compare_files
from tests.conftest import AP_A, AP_B


@pytest.fixture(scope="module")
def result():
    return compare_files(str(AP_A), str(AP_B))


@pytest.fixture(scope="module")
def model(result):
    return PairModel.of(result)


def sentence(article, needle: str) -> int:
    return next(i for i, (s, e) in enumerate(article.sentences) if needle in article.text[s:e])


def slot_with(model, side: str, needle: str) -> int | None:
    return model.slot_of(side, sentence(model.article_a if side == "a" else model.article_b, needle))


def test_a_shared_sentence_sits_in_one_row_on_both_sides(model):
    k = slot_with(model, "a", "Bennett visited Moscow for a meeting")
    assert k == slot_with(model, "b", "Bennett visited Moscow for a meeting")
    assert model.slots[k].kind == "same" and model.band_of(k).mark == "="
    junk = slot_with(model, "b", "SCROLL FOR NEXT")
    assert model.slots[junk].kind == "only_b" and model.slots[junk].a == []
    assert model.band_of(junk).mark == "⚑"


def test_next_change_skips_flagged_and_typography_rows_and_stops_at_the_end(model):
    headline = slot_with(model, "a", "Open for Talks")  # the rewritten headline: "President" added, a style change
    dateline = slot_with(model, "a", "Kyiv, March 12:")
    assert model.next_stop(-1) == headline  # the flagged photo caption above it is skipped
    assert model.next_stop(headline) == dateline  # three flagged quote lines between them are skipped
    assert model.next_stop(dateline) is None  # the last change: the view says so, then wraps
    assert model.next_stop(dateline, forward=False) == headline
    assert model.next_stop(-1, high_only=True) is None  # nothing in this pair changes a fact
    assert model.where(dateline) == "change 2 of 2, high-risk 0 of 0"
    # asked to, it stops at the flagged quote line right below the headline
    assert model.next_stop(headline, minor=True) == headline + 1
    assert model.band_of(headline + 1).minor and model.where(headline + 1).startswith("Row 4: flagged")


def test_visible_rows_are_those_of_the_sentences_on_screen(model):
    first, last = sentence(model.article_a, "Zelenskyy said Saturday"), sentence(model.article_a, "Putin has ignored")
    rows = model.rows_between("a", first, last)
    assert [model.rows[n].kind for n in rows] == ["same"] * 4
    k0, k1 = model.slot_of("a", first), model.slot_of("a", last)
    assert [b.row for b in model.bands_between(k0, k1)] == rows
    assert model.bands_between(len(model.slots), len(model.slots) + 5) == []


def test_hiding_flagged_text_drops_the_junk_rows_but_no_change(result, model):
    hidden = PairModel.of(result, hide_flagged=True)
    assert slot_with(hidden, "b", "SCROLL FOR NEXT") is None
    assert len(hidden.slots) < len(model.slots)
    assert len(hidden.stops()) == len(model.stops()) == 2


def test_swapping_mirrors_the_rows_and_the_fidelity(result, model):
    swapped = PairModel.of(result, swapped=True)
    assert swapped.article_a is model.article_b
    assert swapped.fidelity == model.fidelity.mirrored()
    k = slot_with(model, "b", "SCROLL FOR NEXT")
    assert swapped.slots[slot_with(swapped, "a", "SCROLL FOR NEXT")].kind == "only_a"
    assert model.slots[k].kind == "only_b"
    assert [swapped.rows[n].kind for n in swapped.rows_between("a", 0, 1)] == ["only_a", "only_a"]
