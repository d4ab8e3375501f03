"""Sentence units for news copy."""

import itertools
import json

from app.core.sentences import dateline_length, split_sentences
from tests.conftest import FIXTURES


def units(text, language="en"):
    return [text[s:e] for s, e in split_sentences(text, language)]


def test_line_breaks_end_units_even_without_a_full_stop():
    text = "Storm hits coast\nBy Jane Doe\n\nThe storm arrived at dawn. Roads were closed.\n"
    assert units(text) == ["Storm hits coast", "By Jane Doe", "The storm arrived at dawn.", "Roads were closed."]


def test_news_abbreviations_do_not_end_sentences():
    text = "Gov. Gavin Newsom met Sen. Alex Padilla on Jan. 5 in the U.S. Capitol. They spoke for an hour."
    assert units(text) == ["Gov. Gavin Newsom met Sen. Alex Padilla on Jan. 5 in the U.S. Capitol.",
                           "They spoke for an hour."]


def test_quotation_with_attribution_stays_one_unit():
    text = "“We will rebuild, ” he said. “It will take years.” The mayor left."
    assert units(text) == ["“We will rebuild, ” he said.", "“It will take years.”", "The mayor left."]


def test_a_dateline_alone_on_its_line_joins_its_sentence():
    text = "WASHINGTON (AP) —\nThe Senate passed the bill on Friday.\n"
    assert units(text) == ["WASHINGTON (AP) —\nThe Senate passed the bill on Friday."]


def test_dateline_forms():
    assert dateline_length("KYIV: Ukraine's President said") == len("KYIV: ")
    assert dateline_length("Kyiv, March 12: Ukraine's President said") == len("Kyiv, March 12: ")
    assert dateline_length("WASHINGTON (AP) — The Senate") == len("WASHINGTON (AP) — ")
    assert dateline_length("Putin said: we are ready") == 0


def test_spans_are_ordered_and_inside_the_text(seeds):
    for path in seeds.iterdir():
        text = path.read_text(encoding="utf-8")
        spans = split_sentences(text)
        assert spans
        assert all(0 <= s < e <= len(text) for s, e in spans)
        assert all(e1 <= s2 for (_, e1), (s2, _) in itertools.pairwise(spans))
        assert all(text[s:e] == text[s:e].strip() for s, e in spans)


def test_german_model_knows_german_abbreviations():
    text = "Der Vertrag wurde am 3. Oktober unterzeichnet. Die Regierung begrüßte ihn."
    assert len(units(text, "de")) == 2


def _real_texts(seeds):
    """Every text of the repository: the seed articles and the real pages of the fixtures."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(seeds.iterdir())]
    for line in (FIXTURES / "pages.jsonl").read_text(encoding="utf-8").splitlines():
        page = json.loads(line)
        texts += [value for value in page.values() if isinstance(value, str) and len(value) > 200]
    return texts


def test_fast_punkt_splits_real_text_exactly_as_nltk(seeds):
    texts = _real_texts(seeds)
    tricky = ("He left at 5 p.m. Then (quietly.) She said “no.” (Fine.) U.S. officials met Mr. Smith... "
              "They met on Jan. 5.Nobody came!!! Really?! “Go.” 'Stop.' [Sic.] end")
    texts.append(tricky)
    texts.append("Der Vertrag wurde am 3. Okt. unterzeichnet. Dr. Müller sagte z.B. nichts. Ende.")
    sentences = 0
    for text in texts:
        for language in ("en", "de", "fr"):
            fast = split_sentences(text, language)
            assert fast == split_sentences(text, language, reference=True)
            sentences += len(fast)
    assert sentences > 1000  # the agreement covers real text, not a handful of lines
