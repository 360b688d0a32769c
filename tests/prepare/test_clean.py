"""Boilerplate removal on the seeds (read at run time from ../shared) and the corpus-level repeat rule."""

from __future__ import annotations

import pytest

from newsprism.io.readers import RawDoc
from newsprism.model import Article
from newsprism.prepare.boilerplate import clean_text, remove_repeated_boilerplate, split_paragraphs
from newsprism.prepare.meta import prepare_article


@pytest.fixture(scope="module")
def prepared(seeds_dir):
    out = {}
    for f in sorted(seeds_dir.glob("*.txt")):
        raw = RawDoc(id=f.stem, source=str(f), fmt="text", text=f.read_text(encoding="utf-8"), content_hash="")
        out[f.stem[:3]] = prepare_article(raw)
    return out


BOILERPLATE = [  # (seed, text fragment, a word the reason must contain)
    ("001", "Support The Moscow Times!", "donation"),
    ("001", "we have a small favor to ask", "donation"),
    ("001", "please support us monthly", "donation"),
    ("001", "refuse to be silenced", "donation"),
    ("001", "Not ready to support today?", "donation"),
    ("001", "Remind me later.", "donation"),
    ("001", "paiment methods", "donation"),
    ("001", "Carlos Jasso / Reuters", "credit"),
    ("002", "Sergei Kiselyov / Moskva News Agency", "credit"),
    ("002", "Related article:", "related"),
    ("000", "Read more in:", "related"),
    ("000", "Socialism", "related"),
    ("000", "Advertise With Us", "navigation"),
    ("000", "Copyright 2020, The Daily Wire", "copyright"),
    ("003", "Source: Read Full Article", "source"),
    ("003", "(President Putin, pictured)", "caption"),
    ("003", "(pictured, street protests)", "caption"),
    ("004", "Follow EU Today on Social media", "follow"),
    ("004", "Gary Cartwright is publishing editor of EU Today", "bio"),
    ("004", "An experienced journalist and published author", "bio"),
    ("004", "available from Amazon", "advertisement"),
    ("004", "https://www.amazon.co.uk/", "link"),
    ("004", "Related posts", "related"),
    ("004", "Russian Mercenaries Syria", "caption"),
]


@pytest.mark.parametrize(("seed", "fragment", "why"), BOILERPLATE)
def test_boilerplate_moves_to_removed_with_reason(prepared, seed, fragment, why):
    art = prepared[seed]
    assert fragment not in art.body
    hits = [r for r in art.removed if fragment in r.text]
    assert hits, f"{fragment!r} not in removed"
    assert why in hits[0].reason.lower()


def test_read_more_tail_and_outlet_footer_gone(prepared):
    assert "Read more" not in prepared["001"].body
    assert not prepared["000"].body.rstrip().endswith("The Daily Wire")


CONTENT = [
    ("000", "Blackouts are continuing, according to Reuters."),
    ("000", "Reuters reports that the two planes took off from Russia Friday"),
    ("001", "Reuters contributed reporting to this article."),
    ("001", '"Russia has various contracts that are in the process of being fulfilled'),
    ("002", "Moscow has been one of Maduro's biggest backers"),
    ("002", "The Interfax report did not say how many specialists had been sent"),
    ("003", "Russia is ready to send military specialists"),  # bullet summary line is content
    ("003", "Rodriguez said those few ten thousand Cubans are mostly medical workers."),
    ("004", "he said."),
    ("004", "All three aircraft belong to the Russian air force, according to the tracking data."),
    ("004", "The contractors are associated with the so-called Wagner group"),
]


@pytest.mark.parametrize(("seed", "sentence"), CONTENT)
def test_factual_content_stays(prepared, seed, sentence):
    assert sentence in prepared[seed].body


def test_body_layout_and_broken_paragraph_rejoined(prepared):
    for art in prepared.values():
        assert "\n\n\n" not in art.body and "  " not in art.body and "\u00a0" not in art.body
    assert "this year to service military equipment" in prepared["002"].body
    assert "(pictured in Syria)" not in prepared["004"].body


def test_split_paragraphs_joins_hard_wrapped_prose_but_keeps_list_lines():
    text = ("The minister said on Monday that the talks had been postponed\nuntil the end of the month, "
            "according to two officials.\n\n- first point\n- second point\n")
    assert split_paragraphs(text) == [
        "The minister said on Monday that the talks had been postponed until the end of the month, "
        "according to two officials.", "- first point", "- second point"]


def test_short_factual_lines_are_not_boilerplate():
    body, removed = clean_text("Officials met in Geneva on Tuesday to discuss the ceasefire terms in detail.\n\n"
                               "The talks ended without agreement.\n\nBoth sides will meet again, AFP reported.")
    assert removed == []
    assert body.count("\n\n") == 2


def _art(aid, outlet, paras):
    return Article(id=aid, source=aid, outlet=outlet, body="\n\n".join(paras))


def test_repeated_paragraphs_within_one_outlet_are_removed():
    footer = "Sign our petition  for open data!"
    a = _art("a", "Example Post", ["Floods hit the north of the region overnight.", "Roads were closed.", footer])
    b = _art("b", "Example Post", ["The mayor resigned on Friday after a vote.", "A successor is due.",
                                   "sign our petition for open data"])
    c = _art("c", "Other Daily", ["Prices rose again in May.", "Economists were surprised.", footer])
    remove_repeated_boilerplate([a, b, c])
    assert footer not in a.body and "petition" not in b.body
    assert a.removed[0].reason == "repeated in 2 articles of Example Post"
    assert a.body == "Floods hit the north of the region overnight.\n\nRoads were closed."
    assert footer in c.body and not c.removed  # another outlet's copy is not furniture


def test_duplicate_articles_are_not_emptied_by_the_repeat_rule():
    paras = ["Floods hit the north of the region overnight.", "Roads were closed.", "Schools stayed shut."]
    a, b = _art("a", "Example Post", paras), _art("b", "Example Post", list(paras))
    remove_repeated_boilerplate([a, b])
    assert a.body == "\n\n".join(paras) and not a.removed


def test_layout_rules_only_for_plain_text():
    text = ("The committee published its long-awaited report on Monday after eight months of public hearings.\n\n"
            "Protesters gather outside the parliament building in the capital city\n\n"
            "It found that the agency had ignored three separate warnings about the state of the dam.")
    caption = "Protesters gather outside the parliament building"
    assert caption not in clean_text(text, layout=True)[0]  # an unpunctuated line between paragraphs: a caption
    assert caption in clean_text(text, layout=False)[0]  # from HTML it is a real heading or list item
