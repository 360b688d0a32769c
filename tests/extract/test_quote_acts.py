"""Attributions beyond "X said that ...": speech acts whose content is an object or an infinitive, findings of
studies and records, quotes signed with a dash, and the turns of an interview transcript. Wants, plans and other
private states are not attributions."""

from __future__ import annotations

from newsprism.model import Quote
from quoting import run


def one(text: str) -> Quote:
    quotes = run(text)
    assert len(quotes) == 1, [q.text for q in quotes]
    return quotes[0]


def cue(text: str, q: Quote) -> str:
    return text[q.cue_start:q.cue_end]


def test_directives_and_commitments_report_what_was_asked_or_promised():
    text = "The mayor urged residents to conserve water."
    q = one(text)
    assert (q.speaker, cue(text, q), q.text) == ("The mayor", "urged", "residents to conserve water")
    text = "Organisers called on drivers to avoid the city centre on Saturday."
    q = one(text)
    assert (cue(text, q), q.text) == ("called on", "drivers to avoid the city centre on Saturday")
    q = one("The union pledged to continue the strike until the talks resume.")
    assert q.speaker == "The union" and q.text == "to continue the strike until the talks resume"


def test_naming_and_calling_for_report_their_object():
    text = "Tenant groups have called for a freeze on rents."
    q = one(text)
    assert (q.speaker, cue(text, q), q.text) == ("Tenant groups", "have called for", "a freeze on rents")
    q = one("The council called the proposal reckless.")
    assert q.text == "the proposal reckless"


def test_private_states_and_refusals_are_not_attributions():
    assert run("She wants to run for mayor next year.") == []
    assert run("He plans to retire in the spring.") == []
    assert run("The company declined to comment on the report.") == []


def test_findings_of_studies_and_records_are_attributions_but_a_persons_finding_is_not():
    text = "A 2019 study by the university found that most tenants pay more than a third of their income in rent."
    q = one(text)
    assert (q.speaker, cue(text, q)) == ("A 2019 study by the university", "found")
    assert q.text == "most tenants pay more than a third of their income in rent"
    assert one("Security video shows that the driver ran a red light.").speaker == "Security video"
    assert run("He found the keys under the mat.") == []
    q = one("Both economists agreed that the tax would hurt small firms.")
    assert q.text == "the tax would hurt small firms"


def test_a_quote_signed_with_a_dash_is_the_signers():
    text = ("Readers told us what they think of the plan.\n\n"
            "“We need better schools for our children, not another stadium.”\u00a0― Ana Ruiz\u00a0\n"
            "“The rent is already too high in this neighbourhood.” — Tom Becker\n")
    quotes = run(text)
    signed = {q.text[:10]: q for q in quotes if q.direct}
    assert signed["We need be"].speaker == "Ana Ruiz"
    assert signed["The rent i"].speaker == "Tom Becker"  # not carried over from the quote before it
    assert [text[q.cue_start:q.cue_end] for q in signed.values()] == ["―", "—"]


def test_a_label_that_opens_several_turns_of_a_transcript_is_a_speaker():
    text = ('The senator spoke to the programme on Sunday.\n\n'
            '"MADDOX: Will you vote for the bill on Tuesday?\n\n'
            '"ORTEGA: I will vote for it. The bill protects renters."\n\n'
            '"MADDOX: And if the amendment fails?\n\n'
            '"ORTEGA: Then I will vote against it."')
    quotes = run(text)
    asks = [q for q in quotes if q.text.startswith(("Will you", "And if"))]
    assert [q.speaker for q in asks] == ["Maddox", "Maddox"]
    assert all(not q.text.startswith("MADDOX") for q in quotes)
    assert [q.speaker for q in quotes if "vote" in q.text and q.text.startswith(("I will", "Then"))] == \
        ["Ortega", "Ortega"]


def test_what_is_cited_is_content_unless_it_can_speak():
    quotes = run("The union, citing the long delays at the border, said drivers would strike on Monday.")
    said = next(q for q in quotes if q.text == "drivers would strike on Monday")
    assert said.speaker == "The union"  # a reason cited is not a relayed source
    q = one("The ministry cited security concerns.")
    assert (q.speaker, q.text) == ("The ministry", "security concerns")
    quotes = run("The agency, citing officials, said the talks failed.")
    assert [q.text for q in quotes] == ["the talks failed"] and quotes[0].speaker == "officials"


def test_what_a_plan_calls_for_is_not_a_demand():
    assert run("The budget calls for deep cuts to the arts.") == []
    assert one("The report calls for tighter rules on lending.").speaker == "The report"


def test_an_outlet_signature_is_nobody_a_later_pronoun_means():
    text = ("Markets fell sharply on Monday.\n\n“Traders are nervous about the rate decision.” — Reuters\n\n"
            "“We expect a second cut before June,” he said.\n")
    by_text = {q.text[:10]: q.speaker for q in run(text)}
    assert by_text["Traders ar"] == "Reuters"
    assert by_text["We expect "] != "Reuters"
