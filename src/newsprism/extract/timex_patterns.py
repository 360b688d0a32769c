"""The vocabulary and regular grammar of English time expressions in news text, used by `timex_rules`.

Each named pattern is one kind of expression; `timex_rules.normalise_at` turns a match of that kind into a
TIMEX3 value. Order matters: at one position the first pattern that matches wins, so longer forms come first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12,
    "dozen": 12, "a couple of": 2, "a couple": 2, "couple of": 2,
}  # fmt: skip
VAGUE = ("several", "a few", "few", "many", "some", "a number of", "dozens of", "numerous", "the")
UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M", "year": "Y",
    "decade": "DE", "century": "CE", "quarter": "Q", "weekend": "WE",
}  # fmt: skip
TIME_UNITS = {"S", "M", "H"}  # written after "PT"; the month M is told apart by the unit word
SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "fall": ("FA", 9), "autumn": ("FA", 9), "winter": ("WI", 12)}
PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}

# A month name ends a word: "Mark" and "Octel" hold no month.
MON_RE = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" \
       r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"  # fmt: skip
DAY_RE = r"(?:[0-3]?\d)(?:st|nd|rd|th)?\b"
WD_RE = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
NUMWORD_RE = "|".join(sorted((re.escape(k) for k in NUMBERS if k.split()[0] not in ("a", "an")), key=len, reverse=True))
NUM_RE = (rf"(?:\d+(?:\.\d+)?|an?\s+(?:hundred|thousand|dozen|couple\s+of|couple)|"
        rf"\b(?:{NUMWORD_RE})(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine|hundred|thousand))*|\ban?)")
TENS_RE = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|" \
        r"sixty|seventy|eighty|ninety)"
ONES_RE = r"(?:one|two|three|four|five|six|seven|eight|nine)"
# A year said rather than written, as broadcast transcripts give it: "nineteen ninety-four", "two thousand".
SPOKEN_YEAR_RE = rf"(?:(?:nineteen|twenty)[\s-]+{TENS_RE}(?:[\s-]+{ONES_RE})?|two\s+thousand(?:\s+(?:and\s+)?{ONES_RE})?)"
# After a month or a season only the "nineteen ninety-four" form: "in March two thousand people marched" is a count.
YEAR_WORD_RE = rf"(?:(?:1[5-9]|20)\d\d\b|(?:nineteen|twenty)[\s-]+{TENS_RE}(?:[\s-]+{ONES_RE})?\b)"
UNIT_RE = r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centur(?:y|ies)|quarters?)"
# Words between a count and its unit that leave the span's length as it is: "an additional year", "eight trading days".
DUR_MOD_RE = r"(?:more|additional|extra|further|trading|business|working|calendar)"
SEASON_RE = r"(?:spring|summer|fall|autumn|winter)"
REL_RE = r"(?:this|last|next|past|previous|coming|current|following|same|that|recent)"
MOD_RE = r"(?:(?:early|late|mid|the\s+(?:beginning|end|start|middle)\s+of|the\s+(?:early|late)|earlier|later)[\s-]+)?"
YEARQ_RE = r"(?:,?\s+(?:(?:1[5-9]|20)\d\d\b|last\s+year|this\s+year|next\s+year))?"
PART_RE = r"(?:\s+(?:morning|afternoon|evening|night)s?)?"
# Detokenised text spaces clock times out ("11: 41am", "7: 01 p. m."): the grammar allows it.
TIME_RE = r"(?:\d{1,2}(?:\s?[:.]\s?\d\d)?\s*(?:a\.\s?m\.|p\.\s?m\.|am\b|pm\b)|\bnoon\b|\bmidnight\b)"

PATTERNS: list[tuple[str, str]] = [
    ("iso", r"\b\d{4}-\d\d-\d\d\b"),
    ("md_range", rf"\b{MON_RE}\s+{DAY_RE}\s*(?:-|–|to|through)\s*{DAY_RE}{YEARQ_RE}"),
    ("md", rf"\b(?:{WD_RE},?\s+)?{MOD_RE}{MON_RE}\s+{DAY_RE}(?!\s*%){YEARQ_RE}"),
    ("dm", rf"\b{DAY_RE}\s+(?:of\s+)?{MON_RE}{YEARQ_RE}"),
    ("my", rf"\b{MOD_RE}{MON_RE},?\s+(?:of\s+)?{YEAR_WORD_RE}"),
    ("time", rf"\b(?:(?:about|around|approximately|at)\s+)?{TIME_RE}(?:\s+[ECMP][SD]T\b)?(?:,?\s+(?:(?:last|this|next)\s+)?{WD_RE}|\s+(?:today|yesterday|tomorrow)|,?\s+{MON_RE}\s+{DAY_RE}(?!\s*%))?"),  # noqa: E501
    # A part of a day named before or after its day: "mid-afternoon yesterday", "late Tuesday".
    ("part_day", rf"\b(?:(?:early|late|mid)[\s-]*(?:morning|afternoon|evening|night)?\s+(?:yesterday|today|tomorrow|{WD_RE})|"
                 r"(?:yesterday|tomorrow)\s+(?:morning|afternoon|evening|night))\b"),
    # Times that count from another time the text names ("the next day", "later that night", "late afternoon"):
    # resolved against the day the narrative last named (times.py), else left open.
    ("anaphoric", r"\b(?:(?:later|earlier)\s+(?:that|the\s+same|in\s+the)\s+(?:day|night|morning|afternoon|evening)|"
                  r"the\s+(?:next|following|previous|same)\s+(?:day|night|morning|afternoon|evening)|"
                  r"the\s+day\s+(?:before|after)|that\s+(?:night|morning|afternoon|evening)|"
                  r"(?:(?:early|late|mid)[\s-]+)(?:morning|afternoon|evening)|"
                  r"(?:the\s+)?(?:early|late|mid)[\s-]+(?:morning|afternoon|evening)\s+hours)\b"),
    # A weekday counted from the day the narrative last named: "down 4% from the previous Friday".
    ("anaph_weekday", rf"\bthe\s+(?:previous|prior|following)\s+{WD_RE}\b"),
    ("weekday", rf"\b(?:(?:last|next|this|past|coming|this\s+coming)\s+)?{MOD_RE}{WD_RE}{PART_RE}"),
    ("ago", rf"\b(?:about\s+|some\s+|nearly\s+|almost\s+)?(?:{NUM_RE}|several|a\s+few|few|many)\s+(?:more\s+)?{UNIT_RE}\s+(?:or\s+so\s+)?(?:ago|earlier|later|before|after|from\s+now)\b"),  # noqa: E501
    ("quarter", r"\b(?:(?:last|next|this)\s+year'?s\s+|(?:the\s+)?year[\s-](?:ago|earlier)\s+|the\s+)?"
                r"(?:(?:1[5-9]|20)\d\d\s+)?(?:fiscal[\s-]+)?(?:first|second|third|fourth)[\s-]quarter\b"
                r"(?:\s+of\s+(?:1[5-9]|20)\d\d\b)?"),
    ("year_ago_q", r"\b(?:the\s+)?(?:corresponding|comparable|same)\s+(?:period|quarter)\s+(?:of\s+)?(?:last\s+year|a\s+year\s+(?:ago|earlier))\b|"
                   r"\blast\s+year'?s\s+(?:quarter|period)\b"),
    ("year_earlier", r"\b(?:the\s+)?year[\s-](?:earlier|ago)(?:\s+(?:quarter|period))?\b"),
    ("century", r"\b(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)|(?:nine|eigh|seven|six)teenth|twentieth|twenty-first)[\s-]century\b"),  # noqa: E501
    ("spoken_year", rf"\b(?:nineteen|twenty)[\s-]+{TENS_RE}(?:[\s-]+{ONES_RE})?\b"),
    ("half", r"\b(?:the\s+)?(?:first|second|last|latter)\s+half\s+of\s+(?:(?:1[5-9]|20)\d\d\b|(?:the|this|last|next)\s+year\b)"),
    # The year a report is written in ("the full year", "earlier in the year", "year-end"); a year that ends on
    # a named day ("the year ended June 30") is a span; "the year 2000" is that year.
    ("year_named", rf"\bthe\s+year\s+(?:{YEAR_WORD_RE}|{SPOKEN_YEAR_RE}\b)"),
    ("year_span", r"\bthe\s+(?:fiscal\s+)?year(?=\s+end(?:ed|ing)\b)"),
    ("the_year", r"\b(?:the\s+(?:full\s+|current\s+|whole\s+|entire\s+)?(?:fiscal\s+)?year\b"
                 r"(?![\s-](?:ago|earlier|before|after|later|or|and|in|of|to)\b|\s+\d|-)|"
                 r"(?:earlier|later)\s+in\s+the\s+year\b|the\s+end\s+of\s+the\s+year\b|year[\s-]end\b|year's\s+end\b)"),
    # A year, month or quarter counted from the one the narrative last named: "that year", "the following month".
    ("anaph_period", r"\b(?:that|the\s+(?:following|same))\s+(?:year|month|quarter)\b"),
    # The quarter a results report is about: the last one completed at the anchor, or the current one.
    ("the_quarter", r"\bthe\s+(?:latest|most\s+recent|just[\s-]ended|recent|current)?\s*quarter\b(?!\s+(?:of|century|mile|point|final))|"
                    r"\bthe\s+(?:latest|most\s+recent)\s+period\b|\bthe\s+(?:1[5-9]|20)\d\d\s+(?:period|quarter)\b"),
    ("rel_unit", rf"\b{MOD_RE}(?:the\s+)?{REL_RE}\s+(?:{UNIT_RE}|weekend|{SEASON_RE})\b"),
    ("within", rf"\b{MOD_RE}this\s+(?:week|month|year|morning|afternoon|evening)\b"),
    ("dur_the", rf"\bthe\s+(?:past|last|next|coming|previous|first|final)\s+(?:(?:few|several|{NUM_RE})\s+)?{UNIT_RE}\b"),
    ("dur", rf"\b(?:the\s+)?(?:(?:no\s+)?(?:more|less|fewer)\s+than\s+|at\s+least\s+|nearly\s+|almost\s+|about\s+|some\s+|"
            rf"up\s+to\s+|over\s+|around\s+|roughly\s+|approximately\s+)?"
            rf"(?:{NUM_RE}(?:\s+\d/\d)?|several|a\s+few|few|many)[\s-]+(?:{DUR_MOD_RE}\s+)?{UNIT_RE}(?:-old\b)?\b"
            rf"(?:\s+and\s+a\s+half\b)?(?![\s-]+(?:quarter|half))(?!-(?:earlier|ago)\b)"),
    ("bare_plural", r"\b(?:(?:for|in|over)\s+)(?:days|weeks|months|years|decades|centuries)\b"),
    ("deictic", r"\b(?:today|yesterday|tomorrow|tonight|now|nowadays|recently|currently|"
                r"the\s+past(?!\s+(?:\d|few|several|one|two|three|four|five|six|seven|eight|nine|ten|twelve))|"
                r"the\s+(?:(?:near|immediate)\s+)?future|the\s+(?:near|short)\s+term|these\s+days|the\s+weekend|last\s+night|the\s+day\s+before\s+yesterday|that\s+day|recent\s+(?:days|weeks|months|years))\b"),  # noqa: E501
    ("season", rf"\b{MOD_RE}(?:the\s+)?{SEASON_RE}(?:\s+of)?\s+{YEAR_WORD_RE}"),
    # A season without a year ("the summer", "in early spring"): the anchor's; times.py keeps it only after an
    # article or a preposition ("fall" is mostly a verb).
    ("season_bare", rf"\b(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?{SEASON_RE}\b(?!\s+of\b)"),
    ("decade", r"\b(?:the\s+)?(?:early\s+|late\s+|mid\s?-?\s?)?(?:1[5-9]|20)?\d0\s?'?s\b|\bthe\s+'\d0s\b"),
    ("set", rf"\b(?:every|each)\s+(?:other\s+)?(?:{NUM_RE}\s+)?(?:{WD_RE}|{UNIT_RE}|morning|night|{MON_RE})\b|"
            r"\b(?:daily|weekly|monthly|annually|yearly|quarterly|hourly)\b"),
    ("month", rf"\b(?:(?:last|this|next|this\s+coming|coming)\s+)?{MOD_RE}{MON_RE}(?![\w.]*\s+\d)"
              rf"(?:\s+(?:last|this|next)\s+year)?"),
    ("year", r"\b(?:(?:early|late|mid)[\s-]+)?(?:fiscal\s+)?(?:1[6-9]|20)\d\d\b(?![,.]?\d)(?!\s*%)"),
    # TimeML's vague references as adjectives: "the current system" (now), "a recent filing" (the past).
    ("ref_adj", r"\b(?:current|recent)\b"),
]
MASTER = re.compile("|".join(f"(?P<{name}>{pat})" for name, pat in PATTERNS), re.IGNORECASE)



# Every expression contains one of these within its first few words; scanning only near them keeps the big
# alternation above from being tried at every character (5x faster on news text, same matches).
TRIGGER = re.compile(
    r"\d+|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|today|tonight|"
    r"yesterday|tomorrow|now|recent|current|future|past|week|month|year|day|decade|centur|hour|minute|second|"
    r"quarter|spring|summer|fall|autumn|winter|noon|midnight|morning|afternoon|evening|night|nineteen|twenty|"
    r"daily|hourly|annually|monthly|weekly|quarterly|yearly|term)",
    re.IGNORECASE,
)
_WORD_START = re.compile(r"(?<![\w'])[\w']")
LOOKBACK_WORDS = 7


def iter_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches `MASTER.finditer(text)` would give whose start lies within a few words before a trigger."""
    starts: set[int] = set()
    for t in TRIGGER.finditer(text):
        lo = max(0, t.start() - 80)
        window = [m.start() for m in _WORD_START.finditer(text, lo, t.start() + 1)]
        starts.update(window[-LOOKBACK_WORDS:])
        starts.add(t.start())
    done = 0
    for pos in sorted(starts):
        if pos < done:
            continue
        m = MASTER.match(text, pos)
        if m and m.end() > m.start():
            done = m.end()
            yield m
