"""Whose voice: quotes opened with a straight single mark, embedded social-media posts, the writer's lead-in
and aside beside reported speech, and speakers the parser tags oddly. Invented sentences."""

from __future__ import annotations

from newsprism.extract.voices import post_regions, quote_mark_regions, quoted_regions, speaker_label_regions
from newsprism.model import Article, Quote
from newsprism.nlp.load import get_nlp
from newsprism.run.pipeline import annotate_doc


def _voice(body: str, word: str) -> str | None:
    """The voice of the first loaded term holding `word`, None when none is flagged."""
    art = annotate_doc(Article(id="v", source="v", body=body), get_nlp()(body))
    return next((t.voice for t in art.loaded_terms if word in t.text.lower()), None)


def _marked(text: str) -> list[str]:
    return [text[s:e] for s, e in quote_mark_regions(text)]


def test_straight_single_quotes_open_quotes():
    # a British-style quote opening a paragraph, closed or running on to the next paragraph
    text = "The nurse spoke on Monday.\n'It was a truly awful night on the ward,' she said.\nShe left at dawn."
    assert _marked(text) == ["'It was a truly awful night on the ward,'"]
    text = "The nurse spoke on Monday.\n'It was a truly awful night and nobody slept.\nShe left at dawn."
    assert _marked(text) == ["'It was a truly awful night and nobody slept."]
    # scare quotes mid-sentence; apostrophes and a plural possessive open nothing
    text = "Ministers warned of 'disastrous' results. The players' union didn't reply."
    assert _marked(text) == ["'disastrous'"]
    assert _marked("The '90s were calm and the girls' school reopened.") == []
    # a quote reopened after the attribution runs on to the next paragraph, as one opening the paragraph does
    text = "'We are sorry,' she said. 'We also regret the harm he did.\nThe court sat on Monday."
    assert _marked(text) == ["'We are sorry,'", "'We also regret the harm he did."]


def test_straight_quote_paragraph_is_the_speakers_voice():
    body = ("The nurse spoke to reporters on Monday.\n\n'It was a truly horrific scene for everyone on the ward, "
            "and nobody slept.\n\nThe hospital reopened the ward on Friday.")
    assert _voice(body, "horrific") == "quoted"


def test_embedded_posts_are_quoted():
    text = ("Many readers reacted online.\n\nThis ridiculous trend has to stop #StopTheTrend\n\n"
            "#StopTheTrend I just want to shout at whoever started it.\n\n"
            "What an outrageous decision by the board— Jane Roe (@janeroe) February 11, 2015\n\n"
            "The #StopTheTrend tag was trending on Monday.\n\n#Harbour: Council reopens the ferry pier")
    got = [text[s:e] for s, e in post_regions(text)]
    assert got == ["This ridiculous trend has to stop #StopTheTrend",
                   "#StopTheTrend I just want to shout at whoever started it.",
                   "What an outrageous decision by the board— Jane Roe (@janeroe) February 11, 2015"]
    assert _voice(text, "outrageous") == "quoted"


def test_writers_lead_in_and_aside_stay_the_outlets():
    # a colon ends the writer's lead-in before someone's words
    body = ("Once the flood water went down, the village faced a truly bizarre problem: a farmer told the radio "
            "that his goats now sleep on the church roof.")
    assert _voice(body, "bizarre") == "outlet"
    # a trailing ", which ..." comments on the report
    body = "Mara Quint says her pupils have named their hamster the Admiral, which is a bizarre title for a pet."
    assert _voice(body, "bizarre") == "outlet"
    # "all told" and "everyone" are not speakers
    assert _voice("All told, the new ferry timetable is a ridiculous mess.", "ridiculous") == "outlet"
    assert _voice("Everyone will admit that the ferry timetable is a ridiculous mess.", "ridiculous") == "outlet"


def test_a_speaker_the_tagger_reads_as_an_adjective_still_speaks():
    body = ("It comes after the former general told members of Congress that he was ready to punish the gang "
            "for the brutal execution of a pilot.")
    assert _voice(body, "brutal execution") == "quoted"


def test_reported_speech_ends_with_its_paragraph():
    text = "A user claimed he saw the actor in the clip\n\nA shocking video of the brawl spread on Monday."
    start, end = text.index("he saw"), text.index(" spread")
    q = Quote(speaker="a user", speaker_entity=None, text=text[start:end], cue="claimed", direct=False,
              anonymous=False, via=[], start=start, end=end)
    assert quoted_regions(get_nlp()(text), [q]) == [(start, text.index("\n"))]


def _regions(text: str) -> list[str]:
    return [text[s:e] for s, e in quoted_regions(get_nlp()(text))]


def test_doubled_apostrophes_are_double_marks():
    # some archives write a double quotation mark as two straight apostrophes
    assert _marked("He called it ''a shameful thing'' on Monday.") == ["''a shameful thing'"]
    assert _marked("The players' union and the girls' school met.") == []


def test_posts_in_markup_are_quoted():
    body = '<tweet author="janeroe" id="1">This vile and pointless vandalism of the pier has to end</tweet>.\nThe mayor spoke.'
    assert _voice(body, "vile") == "quoted"


def test_a_label_another_party_puts_on_someone_is_theirs():
    # "slammed X as ...": the label is the one who slams
    assert any("elitist" in r for r in _regions("In 2008 the senator slammed her rival as elitist and out of touch."))
    # a participle after its clause takes that clause's subject
    text = "The mayor turned the tables, portraying the harbour chief as hypocritical because he took the money."
    assert any("as hypocritical" in r for r in _regions(text))
    # a naming participle whose subject the parse hung elsewhere: somebody called him that, not the outlet
    body = ("There is still time for Roe to mend ties with the council, even after repeatedly mocking them and "
            "calling the harbour chief a liar.")
    assert _voice(body, "liar") == "quoted"


def test_a_persons_name_and_a_colon_give_their_words():
    body = "Jane Roe: The ferry timetable is a ridiculous mess and a disgrace.\nThe Latest: ferries run late."
    assert _voice(body, "ridiculous") == "quoted"
    doc = get_nlp()(body)
    assert [body[s:e] for s, e in speaker_label_regions(doc)] == [" The ferry timetable is a ridiculous mess and a disgrace."]
