"""Spacing that text conversion put inside numbers and hyphenated words ("10, 000", "1. 5", "63 - year - old"),
taken out before a sentence is parsed for checking, so that one number reads as one number. The texts are read
with the spacing closed, never shown so.
"""

from __future__ import annotations

import re

_SPACED = [
    (re.compile(r"(\d),\s(\d{3})(?!\d)"), r"\1,\2"),  # "10, 000", "2, 000ft"
    (re.compile(r"(\d)\.\s(\d)"), r"\1.\2"),  # "1. 5"
    (re.compile(r"(?<![\w.])\.\s(\d)"), r".\1"),  # ". 09 percent"
    (re.compile(r"([a-z])\.\s(\d)"), r"\1 .\2"),  # "of. 09 percent": one sentence, so not a full stop
    (re.compile(r"(\d):\s(\d\d)"), r"\1:\2"),  # "06: 00"
    (re.compile(r"\b([Nn]o)\s?-\s?(one)\b"), r"\1 \2"),  # "No - one was hurt": the pronoun "no one"
    (re.compile(r"(\w)\s-\s(?=\w+\s-\s\w)"), r"\1-"),  # "63 - year - old", first joint
    (re.compile(r"(\w)-(\w+)\s-\s(\w)"), r"\1-\2-\3"),  # its second joint
    (re.compile(r"(\d|\bfirst|\bsecond|\bthird|\bfourth)\s-\s(?=[a-z])", re.I), r"\1-"),  # "first - degree"
    # "4,000ft": a unit glued to its number ("$5m" is five million, so a bare "m" stays glued)
    (re.compile(r"(\d)(ft|km|mph|kph|kg)\b"), r"\1 \2"),
]


def close_spacing(text: str) -> str:
    """The text with the spacing that conversion put inside numbers and hyphenated words taken out."""
    for pat, rep in _SPACED:
        text = pat.sub(rep, text)
    return text
