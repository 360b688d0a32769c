"""Framing a researcher can cite: units read as units, the right voice, and outlets compared on shared stories.

The hand-checked sample (tests/data/loaded_handcheck.json) holds ids, offsets, a digest of the term and a
judgement per flagged term, never the dataset text: the text is read from ../shared at run time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.corpus.framing.build import build_framing
from newsprism.corpus.framing.rates import bootstrap, own_voice_words, shared_stories
from newsprism.evals.handcheck_texts import read_texts, term_digest
from newsprism.extract.loaded import extract_loaded
from newsprism.model import Article, LoadedTerm, Quote, Story
from newsprism.nlp.load import get_nlp
from newsprism.run.pipeline import annotate_doc

HANDCHECK = Path(__file__).parents[1] / "data" / "loaded_handcheck.json"


def outlet_terms(body: str, quotes: list[Quote] | None = None) -> list[str]:
    art = Article(id="t", source="t", body=body, quotes=quotes or [])
    return [t.text.lower() for t in extract_loaded(get_nlp()(body), art) if t.voice == "outlet"]


# Units, idioms, literal senses and degree words: none of them judges anyone.
@pytest.mark.parametrize("body, word", [
    # multi-word units read as one (a neutral compound)
    ("The death toll rose to twelve on Tuesday, officials said.", "toll"),
    ("A bomb squad technician examined the parcel near the station.", "bomb"),
    ("The navy sent shore support crews to the harbour.", "shore"),
    ("Police charged him with drunken driving after the crash.", "drunken"),
    ("Jurors watched a video released by the district attorney.", "video"),
    # a noun the tagger reads as an adjective names a thing ("hoax columns"), it does not judge it
    ("Fernhollow Gazette has printed plenty of hoax columns over the years.", "hoax"),
    # idioms are units: "flip side" is not about flipping, "cry foul" is the standard phrase for protesting
    ("The flip side is that the late ferries leave islanders waiting for hours.", "flip"),
    ("Orchard growers cried foul over the irrigation tariff on Wednesday.", "foul"),
    # a degree adverb of a verb says how much, not how bad
    ("So the bakers will probably find ways to cut the flour bill dramatically.", "dramatically"),
    # "embattled" said of a place is literal: a town under attack
    ("The water tanks were flown to farmers in the embattled hill town of Varesk.", "embattled"),
    # a degree word on a change says how much, before or after its verb, adjective or adverb
    ("The ministry dramatically changed its ferry policy last spring.", "dramatically"),
    ("The patient suffered a drastic drop in blood pressure.", "drastic"),
    # the usual intensifier of its noun, a literal collocation, the standard name of a thing
    ("The mayor faced harsh criticism over the late ferries.", "harsh"),
    ("The clerk touched an awful lot of people with her letters.", "awful"),
    ("The smuggler was stripped naked and searched by the guards.", "naked"),
    ("He was convicted of plotting to build a dirty bomb in his garage.", "dirty"),
    # a medical sense is literal
    ("He woke up at a bus stop in acute pain and walked to the clinic.", "acute"),
    ("Detectives have not ruled out foul play in the ferry owner's death.", "foul"),
    ("The old burger bears an uncanny resemblance to a fresh one.", "uncanny"),
    ("The gunman had a long history of petty crime in the port.", "petty"),
    ("The rebels faced stiff resistance at the bridge on Sunday.", "stiff"),
    ("Divers swam among some weird and wonderful creatures off the reef.", "weird"),
    ("The judge handed down the harshest punishment the law allows.", "harsh"),
    ("In a cruel twist, the ferry sank on its last voyage.", "cruel"),
    # an -ed word of feeling tells the state of the one who feels it (its -ing form is an adjective too)
    ("Neighbours found the terrified girl hiding behind a garden shed.", "terrified"),
    ("The speech drew shocked responses from some in the hall.", "shocked"),
    # a plain intensifier of an adjective says how much
    ("The harbour master was mighty sure the storm would pass.", "mighty"),
    ("Sending the clip out on the radio was pretty damn perfect.", "damn"),
    # size, disorder and fear told as plain description; a standard word for them needs the model to agree
    ("The warehouse fire became a massive blaze within an hour.", "massive"),
    ("Chaos ensued at the ferry terminal after the gates closed.", "chaos"),
    ("Rumors were rampant that the mill would close.", "rampant"),
    ("Hundreds of villagers cowered in their cellars as the shells fell.", "cowered"),
    ("The council meeting ended in mayhem when the lights failed.", "mayhem"),
    # stock phrases of political reporting
    ("The ruling dealt a devastating blow to the harbour board's plans.", "devastating"),
    ("The senator faced scathing criticism from the ferry union.", "scathing"),
    ("The bill passed in the lame duck session of the council.", "lame"),
    ("The mill owners gained tremendous influence over the port.", "tremendous"),
    # "regime" of a thing is a system of rules, not a government
    ("Ferries operate under a regime of permits and inspections.", "regime"),
    # an adverb the model alone flags grades how much or how hard: how keenly, how surprising, how far apart
    ("The senator has aggressively courted the harbour unions for a year.", "aggressively"),
    ("The survey found a surprisingly strong demand for late ferries among the growers.", "surprisingly"),
    ("The dock union hired a vastly more seasoned captain on Tuesday.", "vastly"),
    ("The harbour board faced a bitterly polarized council.", "bitterly"),
    # a hard stretch of time is a hard stretch of time
    ("The governor had a brutal week in the polls after the ferry strike.", "brutal"),
    # a stock collocation with words between its two members ("devastating attack")
    ("Rebels launched a devastating night attack on the port.", "devastating"),
    # what the subject finds or feels is their view, not the writer's
    ("Growers find the tariff so toxic that they will sell up.", "toxic"),
    # the plain description of a manner, below the model-only adjective threshold
    ("The mill owner is a gruff campaigner with a tense manner.", "gruff"),
])
def test_words_that_do_not_judge_are_not_loaded(body, word):
    assert not any(word in t for t in outlet_terms(body))


def test_loaded_words_still_count_in_units():
    assert any("puppet" in t for t in outlet_terms("The puppet dictator addressed the crowd."))
    assert any("thugs" in t for t in outlet_terms("Masked thugs attacked the shop on Tuesday."))


def test_evaluative_participles_and_intensifiers_still_count():
    # an -ed word with no -ing pair is a judgement of the act, not a feeling
    assert any("botched" in t for t in outlet_terms("The police carried out a botched raid on the wrong house."))
    # an -ly intensifier made from an evaluative adjective judges by itself
    assert any("ridiculously" in t for t in outlet_terms("The mayor hosted a ridiculously expensive dinner."))


def test_url_slugs_are_not_prose():
    body = "http://example.com/news/horrific-murder-shocking-verdict.html\nThe court met on Monday."
    assert outlet_terms(body) == []


def test_quoted_and_indirect_speech_is_not_the_outlets():
    body = "The actor said the party was fun and that critics were vile liars. The show opened on Friday."
    end = body.index(" The show")
    q = Quote(speaker="Jane Doe", speaker_entity=None, text=body[16:end], cue="said", direct=False,
              anonymous=False, via=[], start=16, end=end)
    assert not any("vile" in t or "liar" in t for t in outlet_terms(body, [q]))


def test_bootstrap_interval_brackets_the_rate():
    sample = [(2, 400), (0, 300), (5, 500), (1, 350)]
    low, high = bootstrap(sample)
    rate = 1000 * 8 / 1550
    assert low <= rate <= high and low < high
    assert bootstrap([]) == (0.0, 0.0)


def test_shared_stories_need_every_named_outlet():
    outlets = {"a1": "A", "b1": "B", "a2": "A", "u": None}
    stories = [Story("S1", "s", ["a1", "b1"], None, None), Story("S2", "t", ["a2", "u"], None, None)]
    key, shared = shared_stories(outlets, stories)
    assert shared == {"S1"}
    # one named outlet: nothing to compare, every story counts
    assert shared_stories({"a1": "A", "u": None}, stories[:1])[1] == {"S1", "solo:u"}


def _art(aid, outlet, body, terms):
    art = Article(id=aid, source=aid, body=body, outlet=outlet)
    art.loaded_terms = [LoadedTerm(text="x", voice=v, start=0, end=1) for v in terms]
    return art


def test_rates_are_on_shared_stories_and_own_voice():
    body = 'Officials met. "We are furious," one said. The talks ended.'
    assert own_voice_words(Article(id="w", source="w", body=body)) == 7
    arts = [_art("a1", "A", body, ["outlet", "quoted"]), _art("b1", "B", body, []),
            _art("a2", "A", body * 3, ["outlet"] * 9)]  # a2: a story B never covered
    stories = [Story("S1", "s", ["a1", "b1"], None, None), Story("S2", "t", ["a2"], None, None)]
    by = {o.outlet: o for o in build_framing(arts, [], [], stories).outlets}
    ra, rb = by["A"].loaded_rate, by["B"].loaded_rate
    assert (ra.terms, ra.words, ra.articles, ra.stories) == (1, 7, 1, 1)
    assert ra.per_1k_words == pytest.approx(1000 / 7, abs=1e-3)
    assert (rb.terms, rb.articles) == (0, 1)
    assert by["A"].loaded_terms == 10  # the raw count still covers every article


# Floors just under the figures measured when the held-out part was judged, so that a change that loses precision
# or voice fails here. The targets are outlet-voice precision 0.80 and voice accuracy 0.95; the held-out
# part (PolNeAR election news, partisan outlets included) measured 0.750 and 0.972: the floors guard regressions,
# they do not claim the precision bar.
PRECISION_FLOOR = {("held_out", "polnear"): 0.72}
VOICE_FLOOR = 0.95


@pytest.mark.slow
def test_handcheck_precision_and_voice(datasets_dir):
    """Outlet-voice precision and voice accuracy on the held-out part of the hand check (PolNeAR train articles
    520-840, judged once after the gate, the lexicon and the voice rules were frozen), re-extracted now with the
    full per-document pipeline (quotes feed the voice): a judged term that is no longer flagged counts for
    neither; a newly flagged one is unjudged and not counted."""
    needed = [datasets_dir / "polnear" / "train" / "text"]
    missing = [str(p) for p in needed if not p.exists()]
    if missing:
        pytest.skip(f"the hand check's texts are read at run time and these are absent: {', '.join(missing)}")
    check = json.loads(HANDCHECK.read_text(encoding="utf-8"))
    rows = [r for r in check["terms"] if (r["part"], r["source"]) in PRECISION_FLOOR]
    assert sum(r["part"] == "held_out" for r in rows) >= 100
    ids = {r["doc"] for r in rows}
    texts = read_texts(datasets_dir, ids)
    assert set(texts) == ids
    now: dict[str, dict[tuple[int, int], str]] = {}
    order = sorted(ids)
    for doc_id, doc in zip(order, get_nlp().pipe([texts[i] for i in order]), strict=True):
        art = annotate_doc(Article(id=doc_id, source=doc_id, body=texts[doc_id]), doc)
        now[doc_id] = {(t.start, t.end): t.voice for t in art.loaded_terms}
    for r in rows:
        assert term_digest(texts[r["doc"]][r["start"]:r["end"]]) == r["digest"], r
    kept = [r for r in rows if (r["start"], r["end"]) in now[r["doc"]]]
    assert len(kept) >= 0.8 * len(rows)
    for (part, source), floor in PRECISION_FLOOR.items():
        outlet = [r for r in kept if (r["part"], r["source"]) == (part, source)
                  and now[r["doc"]][(r["start"], r["end"])] == "outlet"]
        assert len(outlet) >= 12, source
        precision = sum(r["loaded"] for r in outlet) / len(outlet)
        assert precision >= floor, (part, source, precision)
    held = [r for r in kept if r["part"] == "held_out"]
    voice_ok = sum(now[r["doc"]][(r["start"], r["end"])] == r["voice"] for r in held) / len(held)
    assert voice_ok >= VOICE_FLOOR, voice_ok


def test_lexicon_words_inside_names_are_names():
    body = ("The alliance is made up of the Red Banner, Jund al-Hadid, Sham al-Haqq and Liwa Nasr al-Sham, "
            "which includes local fighters.")
    assert not any("sham" in t for t in outlet_terms(body))
    # the same word in prose, or capitalised in a title-case headline, is still loaded
    assert any("sham" in t for t in outlet_terms("The election was a sham, and everyone knew it."))
    assert any("regime" in t for t in outlet_terms("Ostrelan Regime Jails Dock Union Leader"))
    assert any("regime" in t for t in outlet_terms("The regime of President Varn jailed the editor."))


def test_loaded_adverbs_and_embattled_people_still_count():
    assert any("brutally" in t for t in outlet_terms("Protesters were brutally beaten by the guards on Friday."))
    assert any("embattled" in t for t in outlet_terms("The embattled governor refused to resign on Monday."))
    # a nationality or the place a person governs does not make the person a place
    assert any("embattled" in t for t in outlet_terms("The embattled Ostrelan president refused to resign."))
    assert any("embattled" in t for t in outlet_terms("The embattled mayor of Lorvik refused to resign."))


def _voices(body: str) -> dict[str, str]:
    art = annotate_doc(Article(id="v", source="v", body=body), get_nlp()(body))
    return {t.text.lower(): t.voice for t in art.loaded_terms}


def test_passive_reporting_and_participles_do_not_make_speech():
    # "is said to": nobody named speaks, so the wording is the outlet's
    body = "The warlord is said to have grown so bloated that he could no longer ride his horse."
    assert "quoted" not in _voices(body).values()
    # a participial clause before the speaker describes the speaker in the outlet's words
    body = ("Dubbed the Lantern Man for his bizarre antics, the retired ferry owner finally admitted the arson at "
            "his trial.")
    assert _voices(body).get("bizarre antics") == "outlet"


def test_rumours_and_replies_as_speakers():
    # a rumour or "others" paraphrased is nobody in particular: the wording stays the outlet's
    body = "Some rumours suggested he was ill, others speculated it was a sign of a rift within the brutal regime."
    assert _voices(body).get("brutal regime") == "outlet"
    # "the other" of two named speakers is one of them
    body = "One guard said the prisoners were calm; the other said the brutal regime had starved them."
    assert _voices(body).get("brutal regime") == "quoted"
    body = "The latest rumour suggests that a ridiculously overpriced laptop will launch in June."
    assert _voices(body).get("ridiculously overpriced") == "outlet"
    # a reply post that opens with the handle it answers is the poster's words
    body = "@HarbourLines your ferries should be shut down such is the terrible level of service.\nNo reply came."
    assert _voices(body).get("terrible level") == "quoted"


def test_a_vow_is_the_speakers_wording():
    body = "The harbour chief vowed a ruthless purge of the smuggling gangs on Friday."
    assert _voices(body).get("ruthless purge") == "quoted"


def test_grading_words_still_count_where_they_judge():
    # an adverb that judges wherever it stands comes from the lexicon; the model alone flags no adverb
    assert any("callously" in t for t in outlet_terms("The senator callously stormed out of the hearing."))
    assert not any("dramatically" in t for t in outlet_terms("The senator dramatically stormed out of the hearing."))
    terms = outlet_terms("The brutal regime faced harsh criticism abroad.")
    assert any("brutal" in t for t in terms) and not any("harsh" in t for t in terms)
