"""A title is the headline, never furniture; captions, announced lists and site notices on real pages."""

import json
from pathlib import Path

import pytest

from app.core.flags import read_parts
from app.core.flags.lines import page_lines

FIXTURES = Path(__file__).parent / "fixtures"
TOPS = [json.loads(line) for line in (FIXTURES / "titles" / "corpora_tops.jsonl").read_text("utf-8").splitlines()]
AP = (FIXTURES / "flags" / "ap_census_centurylink.txt").read_text(encoding="utf-8")
AP_HEADLINE = "Census citizenship question could transform state elections"

#: The first screen of issue 17: rows titled by these lines instead of the headline.
ISSUE_FURNITURE = ["Print", "Enter City and State or Zip Code", "comments", "Scroll to top of page",
                   "High 86F. Winds NNE at 5 to 10 mph", "Subscribe to Breaking News emails"]


def test_titles_of_the_real_corpora_are_their_headlines_or_none():
    # each of the 68 articles' opening lines, with the headline an editor sees there ("" where there is none)
    found = 0
    for row in TOPS:
        title = read_parts(row["text"]).title
        assert title in (row["headline"], ""), row["file"]
        found += bool(title)
    assert found >= 38 and sum(bool(row["headline"]) for row in TOPS) == 40


def test_a_page_title_loses_the_sites_name_and_section():
    titles = {row["file"]: read_parts(row["text"]).title for row in TOPS}
    assert titles["spotify/16361_miamiherald.com.txt"] == "Spotify CEO says anti-hate policy was rolled out incorrectly"
    assert titles["census/10053_nytimes.com.txt"] == "Will the Legitimacy of the Supreme Court Survive the Census Case?"
    nytimes = next(row["page_text"] for line in (FIXTURES / "pages.jsonl").read_text("utf-8").splitlines()
                   if "nytimes.com" in (row := json.loads(line))["url"])
    assert nytimes.startswith("Opinion | Republicans Are Following Trump to Nowhere - The New York Times")
    assert read_parts(nytimes).title == "Republicans Are Following Trump to Nowhere"


@pytest.mark.parametrize("prompt", ["Click to see how the census citizenship question could change state elections",
                                    "» Census citizenship question coverage"])
def test_a_prompt_or_a_link_is_no_title_even_where_it_shares_the_storys_words(prompt):
    body = AP.split("\n", 1)[1]
    assert read_parts(f"{prompt}\n\n{body}").title == ""


@pytest.mark.parametrize("furniture", ISSUE_FURNITURE)
def test_furniture_above_an_article_is_never_its_title(furniture):
    body = AP.split("\n", 1)[1]
    assert read_parts(f"{furniture}\n\n{body}").title == ""  # no headline: the file name stands in
    assert read_parts(f"{furniture}\n\n{AP}").title == AP_HEADLINE


def test_a_caption_next_to_its_credit_is_no_title():
    cnbc = next(row["text"] for row in TOPS if row["file"] == "spotify/15669_cnbc.com.txt")
    parts = read_parts(cnbc)
    assert parts.title == ""
    caption = cnbc.index("Daniel Ek, CEO and Founder of Spotify")
    assert any(f.kind == "caption" and f.start <= caption < f.end for f in parts.flags)


def _kinds(text: str) -> dict[str, str]:
    parts = read_parts(text)
    return {line.text: next((f.kind for f in parts.flags if f.start <= line.start < f.end), "")
            for line in page_lines(text)}


def test_a_gallery_caption_repeated_above_its_credit_is_a_caption_both_times():
    sfgate = next(row["text"] for row in TOPS if row["file"] == "spotify/12499_sfgate.com.txt")
    lines = [line.text for line in page_lines(sfgate)]
    described = [i for i, t in enumerate(lines) if t.startswith("Daniel Ek, chief executive officer")]
    assert len(described) == 2 and lines[described[1] + 1].startswith("Photo:")
    kinds = _kinds(sfgate)
    assert all(kinds[lines[i]] == "caption" for i in described)
    assert kinds["Spotify rescinded a short-lived policy that penalized artists for misconduct, bowing to pressure "
                 "from irate musicians and record labels."] == ""


def test_captions_cut_with_more_are_captions():
    gallery = (FIXTURES / "flags" / "gallery_sfgate.txt").read_text(encoding="utf-8")
    cut = {t: k for t, k in _kinds(gallery).items() if t.endswith("... more")}
    assert len(cut) == 2 and set(cut.values()) == {"caption"}


def test_a_photo_description_above_its_credit_in_a_dev_page_is_a_caption():
    latimes = next(row["page_text"] for line in (FIXTURES / "pages.jsonl").read_text("utf-8").splitlines()
               if "latimes.com" in (row := json.loads(line))["url"])
    kinds = _kinds(latimes)
    assert kinds["Kevin Mayer, the Disney executive who is overseeing the Disney+ streaming service"] == "caption"


def test_a_body_paragraph_above_a_bare_credit_stays_article():
    # a credit under a photo with no caption, between two paragraphs of the story (gizmodo.com)
    page = (FIXTURES / "flags" / "credit_in_body_gizmodo.txt").read_text(encoding="utf-8")
    kinds = _kinds(page)
    above = next(t for t in kinds if t.startswith("But the new design isn’t all that new."))
    assert kinds[above] == "" and kinds["Photo: iFixit"] == "caption"


CUTS = {json.loads(line)["url"].split("/")[2]: json.loads(line)["page_text"]
        for line in (FIXTURES / "flags" / "tuning_cuts.jsonl").read_text("utf-8").splitlines()}


def test_a_list_the_article_announces_stays_article():
    # billboard.com: the body ends "... Tour 2020 dates:"; rollingstone.com: "The Doobie Brothers Tour Dates"
    for site, first, last in (("www.billboard.com", "June 9 -- Coral Sky", "Oct. 10 -- The Cynthia Woods"),
                              ("www.rollingstone.com", "June 9 – West Palm", "October 10 – Houston")):
        kinds = _kinds(CUTS[site])
        dates = [t for t in kinds if t.startswith(first)] + [t for t in kinds if t.startswith(last)]
        assert len(dates) == 2 and all(kinds[t] == "" for t in dates), site
    kinds = _kinds(CUTS["www.rollingstone.com"])
    assert kinds["The Doobie Brothers Tour Dates"] == ""
    assert kinds["Mötley Crüe, Def Leppard, Poison Set 2020 Stadium Tour"] == "unrelated"  # the list has ended


def test_cookie_notices_are_never_the_body_and_the_review_is():
    page = CUTS["www.morebikes.co.uk"]
    kinds = _kinds(page)
    notices = [t for t in kinds if t.startswith(("This website uses cookies", "Necessary cookies"))]  # distinct
    assert len(notices) == 3 and all(kinds[t] == "boilerplate" for t in notices)
    review = next(t for t in kinds if t.startswith("If you want a book that makes you feel great"))
    assert kinds[review] == ""
    assert read_parts(page).title == "Bike & Style book with soundtrack review"


def test_other_stories_headlines_listed_among_the_paragraphs_are_flagged():
    kinds = _kinds(CUTS["news.sky.com"])
    for other in ("Babies and mothers died in what may be worst ever NHS maternity scandal, report finds",
                  "EuroMillions: UK ticket holder wins £105m jackpot prize"):
        assert kinds[other] == "unrelated"
    said = next(t for t in kinds if t.startswith("The 56-year-old said after his appointment"))
    assert kinds[said] == ""
