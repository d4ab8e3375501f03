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
    lists_and_dots = "• 9. One item • 10. Another\n1.) First. 2.) Second.\nSo . . . . . . then.... N°. 5. U.S.” The end"
    for text in [*_real_texts(seeds), lists_and_dots]:
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


# The news rules (app/core/sentence_rules.py). Sentences quoted from shared/corpora name their file there.

def test_an_abbreviation_ends_a_sentence_before_a_sentence_starter():
    # census/00967_beforeitsnews.com.txt: Punkt ran the two sentences together.
    text = ("Court records show that Mr. Neuman, a decades-long friend of Mr. Hofeller’s, later became an informal "
            "adviser on census issues to Commerce Secretary Wilbur L. Ross Jr. By that summer, a top aide to "
            "Mr. Ross was pressing the Justice Department to say that it required detailed data from a census "
            "citizenship question to better enforce the Voting Rights Act.")
    assert [u.split()[-2:] for u in units(text)] == [["Ross", "Jr."], ["Rights", "Act."]]
    assert units("I live in the U.S. How about you?") == ["I live in the U.S.", "How about you?"]
    assert units("He left the bank at 6 P.M. Mr. Smith then went to the store.") == [
        "He left the bank at 6 P.M.", "Mr. Smith then went to the store."]


def test_an_abbreviation_before_a_name_or_in_a_lead_in_does_not_end_a_sentence():
    for text in (
        # census/14730_chicagotribune.com.txt, census/06844_bostonglobe.com.txt
        "Those worries deepened Tuesday when the U.S. Supreme Court heard oral arguments on the issue.",
        "On Thursday, Furman ordered the government to provide a response by 10 a.m. Friday; he called a "
        "hearing on the matter for Wednesday.",
        "At 5 a.m. Mr. Smith went to the bank.",
        "The U.S. “It is over,” he said.",
    ):
        assert units(text) == [text]


def test_a_quotation_mark_or_parenthesis_after_an_abbreviation_closes_the_sentence():
    assert units("He said, “I moved to the U.S.” The crowd cheered.") == [
        "He said, “I moved to the U.S.”", "The crowd cheered."]
    assert units("The bill came from Rep. Jane Doe (D-Calif.) The vote is Tuesday.") == [
        "The bill came from Rep. Jane Doe (D-Calif.)", "The vote is Tuesday."]
    # census/08985_washingtonpost.com.txt: a party label or an aside inside the sentence closes nothing.
    text = "Sen. Lindsey Graham (R-S.C.) sided with Trump (surprise!) and defended the tariffs. In turn, Graham ran."
    assert units(text) == ["Sen. Lindsey Graham (R-S.C.) sided with Trump (surprise!) and defended the tariffs.",
                           "In turn, Graham ran."]


def test_list_items_start_at_their_markers_and_keep_them():
    # Items are sentences of spotify/17324_startribune.com.txt and census/00604_slate.com.txt set as lists.
    first, second = "Spotify reversed its policy", "Hofeller held an office at the committee"
    for one, two in (("1.)", "2.)"), ("1)", "2)"), ("1.", "2."), ("a.", "b."), ("• 9.", "• 10."), ("⁃9.", "⁃10.")):
        assert units(f"{one} {first} {two} {second}") == [f"{one} {first}", f"{two} {second}"]
        assert units(f"{one} {first}. {two} {second}.") == [f"{one} {first}.", f"{two} {second}."]
    assert units("a. Spotify reversed its policy b. It said so c. Artists objected") == [
        "a. Spotify reversed its policy", "b. It said so", "c. Artists objected"]
    # Not a list: the line does not open with a marker, or the letters are initials.
    assert units("A. Smith and B. Jones met the 2 p.m. deadline.") == ["A. Smith and B. Jones met the 2 p.m. deadline."]


def test_a_number_after_a_number_sign_stays_in_its_sentence():
    assert units("You can find it at N°. 1026.253.553. That is where the files are.") == [
        "You can find it at N°. 1026.253.553.", "That is where the files are."]
    # spotify/17324_startribune.com.txt
    text = ('XXXtentacion, who had a Top 10 pop hit with "Sad!" and saw his sophomore album reach No. 1 this month, '
            "is awaiting trial on charges that he beat up his pregnant girlfriend.")
    assert units(text) == [text]


def test_three_dots_leave_words_out_inside_a_sentence():
    for text in (
        # census/08985_washingtonpost.com.txt (Punkt split it at every dot), spotify/03744_slate.com.txt
        "“This is the 75th commemoration . . . the president has said over and over again about the "
        "‘unshakable bond’ between the two countries.”",
        "Spotify recently shared a new policy around hate content and conduct … It’s important to note that "
        "our policy had two parts.",
        "The ruling is . . . I think it is wrong.",
    ):
        assert units(text) == [text]


def test_four_dots_end_a_sentence_and_spaced_ones_stay_one_mark():
    # census/06146_washingtonpost.com.txt: the omission goes on in lower case, so the quotation is one unit.
    text = ("“It was in the 1920s — after mass immigration from Southern and Eastern Europe. . . . that the [Ku "
            "Klux] Klan came back strong.”")
    assert units(text) == [text]
    assert units("Spotify never meant that.... It reversed the policy.") == [
        "Spotify never meant that....", "It reversed the policy."]
    assert units("The court heard the case . . . . The ruling is due in June.") == [
        "The court heard the case . . . .", "The ruling is due in June."]
    # The full stop on the word ends the sentence; the spaced ellipsis opens the next one.
    assert units("The court heard the case. . . . The ruling is due. . . .") == [
        "The court heard the case.", ". . . The ruling is due. . . ."]

