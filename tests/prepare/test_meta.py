"""Metadata and publication dates on the seeds (read at run time from ../shared) and on synthetic headers."""

from __future__ import annotations

import pytest

from newsprism.extract.times import infer_published
from newsprism.io.readers import DocHints, RawDoc
from newsprism.model import Article, Published, Removed
from newsprism.prepare import dates
from newsprism.prepare.meta import outlet_from_url, prepare_article


@pytest.fixture(scope="module")
def prepared(seeds_dir):
    out = {}
    for f in sorted(seeds_dir.glob("*.txt")):
        raw = RawDoc(id=f.stem, source=str(f), fmt="text", text=f.read_text(encoding="utf-8"), content_hash="")
        art = out[f.stem[:3]] = prepare_article(raw)
        infer_published(art)  # pass 2 infers a range, from the parse's sentences, where pass 1 found no date
    return out


@pytest.mark.parametrize(("seed", "outlet", "authors", "title_start"), [
    ("000", "The Daily Wire", ["Emily Zanotti"], "The Russians Have Landed Planes"),
    ("001", "The Moscow Times", [], "Russian Troops, Advisers Arrive in Venezuela"),
    ("002", "The Moscow Times", [], "Russian Military Specialists Arrive in Venezuela"),
    ("003", None, [], "Russia is ready to send more \u2018military specialists\u2019 to Venezuela"),
    ("004", "EU Today", ["Gary Cartwright"], "Kremlin Takes Active Steps"),
])
def test_seed_metadata(prepared, seed, outlet, authors, title_start):
    art = prepared[seed]
    assert art.outlet == outlet
    assert art.authors == authors
    assert art.title.startswith(title_start)
    assert art.title not in art.body.split("\n\n")[0]


def test_titles_exact(prepared):
    assert prepared["001"].title == "Russian Troops, Advisers Arrive in Venezuela \u2013 Reports"
    assert prepared["003"].title == "Russia is ready to send more \u2018military specialists\u2019 to Venezuela"


def test_explicit_date_and_url(prepared):
    art = prepared["002"]
    assert art.published.date == "2019-09-25" and art.published.inferred is False
    assert art.url.startswith("https://www.themoscowtimes.com/2019/09/25/")
    assert "Original url" not in art.body and "https://" not in art.body


def test_inferred_ranges_contain_the_true_dates_and_cite_evidence(prepared):
    # The undated seeds: whatever bound the text gives must hold the true date, and every bound is cited.
    truths = {"000": "2019-03-25", "001": "2019-03-25", "003": "2019-06-03", "004": "2019-01-25"}
    for seed, truth in truths.items():
        pub = prepared[seed].published
        assert (pub.earliest or "") <= truth <= (pub.latest or "9999"), seed
        assert pub.date is None or pub.date == truth
        assert bool(pub.evidence) == (pub.earliest is not None or pub.latest is not None), seed
        assert pub.inferred is (pub.earliest is not None or pub.latest is not None), seed
    assert prepared["004"].published.earliest is not None  # "last year" next to "May 2018"


def test_copyright_footer_is_not_a_publication_date(prepared):
    pub = prepared["000"].published
    assert not (pub.date or "").startswith("2020") and not (pub.earliest or "").startswith("2020")
    assert "upper bound" in pub.evidence


def test_url_date_is_explicit():
    raw = RawDoc(id="x", source="x.html", fmt="html", text="Rain fell all week in the capital, officials said.",
                 hints=DocHints(url="https://news.example.org/2021/04/07/rain"), has_header=False)
    art = prepare_article(raw)
    assert art.published.date == "2021-04-07" and not art.published.inferred
    assert art.outlet == "news.example.org"


def test_hints_win_and_title_line_is_not_repeated_in_body():
    raw = RawDoc(id="x", source="x.html", fmt="html", text="Storm hits coast\n\nThe storm reached the coast.",
                 hints=DocHints(title="Storm hits coast", outlet="Coast Herald", authors=["A. Writer"],
                                published="2020-02-02"), has_header=False)
    art = prepare_article(raw)
    assert (art.outlet, art.authors, art.published.date) == ("Coast Herald", ["A. Writer"], "2020-02-02")
    assert art.body == "The storm reached the coast."


def inferred(body: str, removed: list[Removed] = ()) -> Published:
    """The range pass 2 infers for an article pass 1 found no explicit date for, over the parse's sentences."""
    art = Article(id="a", source="a", body=body, removed=list(removed))
    infer_published(art)
    return art.published


def test_no_evidence_no_date():
    assert inferred("The council met and voted on the budget.").earliest is None


def test_last_year_elsewhere_does_not_say_which_year_is_last():
    # Published late in 2016, "last year" is 2015: reading the named 2016 as last year would exclude the truth.
    pub = inferred("They first came before the March 2016 vote.\n\nThe flights in October last year were confirmed.")
    assert (pub.earliest, pub.latest, pub.inferred) == ("2016-03-01", None, True)


def test_inference_waits_for_the_parse_and_reads_its_sentences():
    raw = RawDoc(id="x", source="x", fmt="text", text="The flights in October last year followed the March 2016 vote.",
                 has_header=False)
    assert prepare_article(raw).published == Published()  # pass 1 reads only explicit dates
    # a sentence that speaks of the future names no past date: the given sentences decide what "the sentence" is
    body = "The vote was held in March 2016. A new vote will follow."
    assert dates.infer_published(body, [(0, 32), (33, len(body))]).earliest == "2016-03-01"
    assert dates.infer_published(body, [(0, len(body))]).earliest is None
    assert inferred(body).earliest == "2016-03-01"


def test_footer_year_only_an_upper_bound():
    pub = inferred("Nothing dated here.", [Removed("\u00a9 2023 Example Media", "copyright notice")])
    assert pub.earliest is None and pub.latest == "2023-12-31" and "upper bound" in pub.evidence


def test_outlet_from_url_table_and_prettifier():
    assert outlet_from_url("https://www.themoscowtimes.com/2019/x")[0] == "The Moscow Times"
    assert outlet_from_url("https://my-town-news.com/a") == ("My Town News", False)
    assert outlet_from_url(None) == (None, False)


def test_plain_text_without_header_keeps_its_text():
    art = prepare_article(RawDoc(id="x", source="x.txt", fmt="text", text="Officials said the bridge will reopen"))
    assert art.title is None and art.body == "Officials said the bridge will reopen"


# Error classes seen on real news, in lines written for these tests.

@pytest.mark.parametrize(("line", "day"), [
    ("May 03, 2013", "2013-05-03"),
    ("12: 52 p. m. EDT May 2, 2013", "2013-05-02"),
    ("2013 - 09 - 26", "2013-09-26"),
    ("Updated 4 / 9 / 2007 6: 04 PM", "2007-04-09"),
    ("Last updated 13: 26 14 / 09 / 2013", "2013-09-14"),
    ("Published: Tuesday, Dec. 20 2005 12: 00 a. m. MST", "2005-12-20"),
    ("PTI Nov 12, 2011, 05. 51AM IST NEW DELHI:", "2011-11-12"),
])
def test_date_line_under_the_title_is_the_publication_date(line, day):
    text = f"Harbour crane collapses in storm\n{line}\nA crane fell onto the quay on Tuesday, officials said."
    art = prepare_article(RawDoc(id="x", source="x", fmt="jsonl", text=text, content_hash="", has_header=False))
    assert (art.published.date, art.published.inferred) == (day, False)
    assert line in art.published.evidence


def test_a_sentence_with_a_date_is_not_a_date_line():
    assert dates.parse_date_line("The crane fell on May 3, 2013, the port said.") is None
    assert dates.parse_date_line("September 2019") is None


@pytest.mark.parametrize(("url", "day"), [
    ("https://www.example-news.com/world/2013/may/03/crane-collapse", "2013-05-03"),
    ("http://www.example-news.com/news/20070503/crane.html", "2007-05-03"),
    ("http://example-news.com/2013/05/03/crane/", "2013-05-03"),
    ("http://example-news.com/news/2007-04-09-crane_N.htm", "2007-04-09"),
    ("http://edition.example-news.com/2007/US/04/09/crane.collapse/", "2007-04-09"),
])
def test_url_path_dates(url, day):
    art = prepare_article(RawDoc(id="x", source="x", fmt="jsonl", text="A crane fell.", content_hash="",
                                 has_header=False, hints=DocHints(url=url)))
    assert art.published.date == day and "url" in art.published.evidence


def test_a_month_without_a_year_gives_no_upper_bound():
    # A December story recalling "in September": September of the year before is as possible as a decade before.
    pub = inferred("The plant was closed in 1999.\n\nInspectors visited in September and found damage.")
    assert pub.earliest == "1999-01-01" and pub.latest is None


def test_a_year_that_modifies_a_noun_or_a_future_is_not_past():
    assert inferred("The studio confirmed a 2011 release date for the sequel.").earliest is None
    assert inferred("He was due to be released in June 2010.").earliest is None
    assert inferred("The driver of a 2013 sedan fled.").earliest is None


def test_bylines_are_people_and_outlets_have_one_name():
    hints = DocHints(outlet="cbsnews.com", authors=["CBS News February", "Jane Marlow"])
    art = prepare_article(RawDoc(id="x", source="x", fmt="html", text="A crane fell.", content_hash="",
                                 has_header=False, hints=hints))
    assert art.outlet == "CBS News" and art.authors == ["Jane Marlow"]
    hints = DocHints(outlet="CNN", authors=["CNN"])
    art = prepare_article(RawDoc(id="y", source="y", fmt="html", text="A crane fell.", content_hash="",
                                 has_header=False, hints=hints))
    assert art.outlet == "CNN" and art.authors == []


def test_outlet_from_the_url_domain_when_nothing_names_it():
    art = prepare_article(RawDoc(id="x", source="x", fmt="jsonl", text="A crane fell.", content_hash="",
                                 has_header=False, hints=DocHints(url="https://www.abc7.com/crane-falls/123/")))
    assert art.outlet == "ABC7"
    art = prepare_article(RawDoc(id="y", source="y", fmt="jsonl", text="A crane fell.", content_hash="",
                                 has_header=False, hints=DocHints(url="https://www.harbourtown-gazette.com/a")))
    assert art.outlet == "Harbourtown Gazette"


def test_a_wire_in_the_byline_is_the_credit_not_an_author(prepared):
    # "By Reuters" on a Moscow Times page: Reuters supplied the text; nobody named wrote it
    assert prepared["002"].authors == [] and prepared["002"].credit == "Reuters"
    assert prepared["000"].credit is None


@pytest.mark.parametrize(("byline", "people", "credit"), [
    (["Reuters Staff"], [], "Reuters"),
    (["AP"], [], "The Associated Press"),
    (["Staff"], [], None),
    (["Staff Writer"], [], None),
    (["Jane Marlow, Associated Press"], ["Jane Marlow"], "The Associated Press"),
    (["Jane Marlow Staff Writer"], ["Jane Marlow"], None),
    (["Marlow, Jane"], ["Marlow, Jane"], None),
    (["Kessel News Service"], [], "Kessel News Service"),
    (["Theresa May"], ["Theresa May"], None),
    (["Jane Marlow Mar 3, 2019"], ["Jane Marlow"], None),
    (["Coast Herald Staff"], [], None),
    (["The Editorial Board"], [], None),
    (["By AP"], [], "The Associated Press"),
    (["From wire reports"], [], None),
])
def test_bylines_name_people_only(byline, people, credit):
    art = prepare_article(RawDoc(id="x", source="x", fmt="html", text="A crane fell.", content_hash="",
                                 has_header=False, hints=DocHints(outlet="Coast Herald", authors=byline)))
    assert (art.authors, art.credit) == (people, credit)


_PAGES = ("abc7news.com-Napa", "bbc.com.52241221", "cbsnews.com.carolina", "edition.cnn.com-royal",
          "independent.co.uk.penalty", "nytimes.com.blackouts", "reuters.com.parasite", "theguardian.com.academics")


def test_real_pages_bylines_hold_no_outlet_wire_or_date(datasets_dir):
    from newsprism.extract.sources import lookup
    from newsprism.io.readers import read_inputs

    pages = [datasets_dir / "trafilatura_eval" / "html" / f"{p}.html.gz" for p in _PAGES]
    pages = [p for p in pages if p.exists()]
    if not pages:
        pytest.skip("the trafilatura_eval news pages are absent")
    named = 0
    for raw in read_inputs([str(p) for p in pages]):
        art = prepare_article(raw)
        assert art.outlet, raw.source
        for name in art.authors:
            assert lookup(name) is None and outlet_from_url(f"http://{name}")[1] is False, (raw.source, name)
            assert not dates.parse_date_line(name) and not any(c.isdigit() for c in name), (raw.source, name)
            assert name.split()[-1] not in ("January", "February", "March", "News", "Staff"), (raw.source, name)
        named += bool(art.authors)
    assert named >= 5
