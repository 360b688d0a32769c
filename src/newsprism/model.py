"""The data newsprism passes between stages, mirroring the `newsprism/1` JSON contract.

Every span-carrying record holds character offsets into its article's cleaned `body` (end exclusive), so
`body[start:end] == text` always holds; `check_spans` verifies that. Unknown values are `None`, never guessed.
Field order here is the key order of analysis.json, so keep it stable.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "newsprism/1"

SOURCE_KINDS = ("wire", "state_media", "government", "media", "anonymous", "data", "social", "other")
STANCES = ("asserts", "attributes", "disputes", "denies")
FACT_STATUSES = ("corroborated", "single_source", "same_origin", "contested", "denied")
VOICES = ("outlet", "quoted")


@dataclass(slots=True)
class Mention:
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: str
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class Quote:
    speaker: str | None
    speaker_entity: str | None
    text: str
    cue: str | None
    direct: bool
    anonymous: bool
    via: list[str]
    start: int
    end: int
    # Span of the words naming the speaker in the body ("port authority spokesman Tomas Reyes", "he"), when
    # the speaker is named in this article; `speaker` is the resolved name, so the two may differ.
    speaker_start: int | None = field(default=None, metadata={"span": "words"})
    speaker_end: int | None = None
    # Span of the attribution cue ("said", "according to"), when there is one: body[cue_start:cue_end] == cue.
    cue_start: int | None = field(default=None, metadata={"span": "verbatim"})
    cue_end: int | None = None


@dataclass(slots=True)
class SourceCited:
    name: str
    kind: str  # one of SOURCE_KINDS


@dataclass(slots=True)
class Quantity:
    value: float | None
    approx: bool
    hedge: str | None
    unit: str | None
    text: str
    start: int
    end: int
    # Upper bound of a range ("10-14"), else None.
    value_max: float | None = None


@dataclass(slots=True)
class TimeExpr:
    text: str
    value: str | None  # TIMEX3-style: 2019-03-23, 2019-04, 2018, P3D
    precision: str | None  # day, week, month, quarter, year, decade, duration, time, range
    start: int
    end: int
    type: str = "DATE"  # DATE, TIME, DURATION, SET


@dataclass(slots=True)
class LoadedTerm:
    text: str
    voice: str  # outlet | quoted
    start: int
    end: int
    label: str | None = None  # e.g. Loaded_Language, Name_Calling
    score: float | None = None


@dataclass(slots=True)
class LabelSpan:
    """Words the outlet, in its own voice, puts around an actor ("embattled socialist president")."""
    entity: str  # the actor's entity id: article-local while annotating, the corpus id in the output
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Sentence:
    """One sentence of the cleaned body as spaCy's parse split it: every stage that reads sentences reads these,
    so that a fact, a timeline clause and a stance feature all cut the text at the same places."""
    start: int
    end: int


@dataclass(slots=True)
class Removed:
    text: str
    reason: str


@dataclass(slots=True)
class Published:
    date: str | None = None
    inferred: bool = False
    earliest: str | None = None
    latest: str | None = None
    evidence: str | None = None


@dataclass(slots=True)
class Article:
    id: str
    source: str
    outlet: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    # A wire, agency or other outlet the byline credits instead of people ("By Reuters"); never in `authors`.
    credit: str | None = None
    url: str | None = None
    language: str | None = "en"
    published: Published = field(default_factory=Published)
    body: str = ""
    sentences: list[Sentence] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    sources_cited: list[SourceCited] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    loaded_terms: list[LoadedTerm] = field(default_factory=list)
    # Made with the one parse of the per-document pass, so that per-outlet framing never parses again.
    actor_labels: list[LabelSpan] = field(default_factory=list)
    # sha1 of the raw input bytes: the key for incremental re-runs.
    content_hash: str | None = None


@dataclass(slots=True)
class Rejected:
    source: str
    reason: str


@dataclass(slots=True)
class Duplicate:
    articles: list[str]
    kind: str  # exact | syndicated | near_duplicate | partial
    similarity: float
    original: str | None
    reason: str | None = None
    # Shared passages for partial reuse: [{"article": id, "start": s, "end": e}, ...]
    passages: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class Story:
    id: str
    label: str
    articles: list[str]
    earliest: str | None
    latest: str | None
    storyline: str | None = None
    # Readable name of the storyline (the topic several stories share), e.g. its most common entities.
    storyline_label: str | None = None


@dataclass(slots=True)
class CorpusEntity:
    id: str
    name: str
    type: str
    variants: list[str]
    articles: list[str]


@dataclass(slots=True)
class FactMention:
    article: str
    start: int
    end: int
    stance: str  # one of STANCES
    text: str | None = None
    origin: str | None = None


@dataclass(slots=True)
class Fact:
    id: str
    story: str | None
    statement: str
    mentions: list[FactMention]
    origins: list[str]
    independent_sources: int
    status: str  # one of FACT_STATUSES
    reason: str | None = None


@dataclass(slots=True)
class TimelineEvent:
    date: str
    precision: str
    event: str
    articles: list[str]
    fact: str | None = None
    earliest: str | None = None
    latest: str | None = None


@dataclass(slots=True)
class ActorLabel:
    entity: str
    label: str
    count: int = 1
    name: str | None = None
    spans: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class LoadedRate:
    """Loaded terms in an outlet's own voice per 1,000 words of its own voice, on the stories every compared
    outlet covered, with a 95% bootstrap interval over its articles: counts are only comparable normalised and
    on the same stories."""
    per_1k_words: float = 0.0
    low: float = 0.0
    high: float = 0.0
    terms: int = 0
    words: int = 0
    articles: int = 0
    stories: int = 0


@dataclass(slots=True)
class OutletFraming:
    outlet: str
    actor_labels: list[ActorLabel] = field(default_factory=list)
    loaded_terms: int = 0
    loaded_quoted: int = 0
    loaded_rate: LoadedRate = field(default_factory=LoadedRate)
    sources_cited: dict[str, int] = field(default_factory=dict)
    voices: dict[str, int] = field(default_factory=dict)
    omissions: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class Framing:
    outlets: list[OutletFraming] = field(default_factory=list)


@dataclass(slots=True)
class Analysis:
    schema: str = SCHEMA
    # A list, or during `analyze` an ArticleSpool (spool.py) that keeps them on disk: read it as a Sequence.
    articles: Sequence[Article] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    entities: list[CorpusEntity] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    framing: Framing = field(default_factory=Framing)


def to_dict(obj: Any) -> Any:
    """A JSON-ready view of any model object (dataclasses, lists, dicts), equal to dataclasses.asdict's."""
    return _plain(obj) if dataclasses.is_dataclass(obj) else obj


def _plain(x: Any) -> Any:
    # Not dataclasses.asdict: it deep-copies every leaf through its generic path (3.3 s for a 3,000-article
    # analysis, 1.8 s here, equal dicts). The model holds only these shapes.
    if x is None or isinstance(x, (str, int, float)):
        return x
    if isinstance(x, (list, Sequence)) and not isinstance(x, tuple):
        return [_plain(v) for v in x]
    if isinstance(x, dict):
        return {_plain(k): _plain(v) for k, v in x.items()}
    if isinstance(x, tuple):
        return tuple(_plain(v) for v in x)
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return {name: _plain(getattr(x, name)) for name in _field_names(type(x))}
    return copy.deepcopy(x)


@functools.cache
def _field_names(tp: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(tp))


def from_dict(cls: type, data: Any) -> Any:
    """Rebuild a model dataclass (recursively) from its `to_dict` form; unknown keys are ignored so that
    readers of an extended contract keep working."""
    return _builder(cls)(data)


def _same(data: Any) -> Any:
    return data


@functools.cache
def _builder(tp: Any) -> typing.Callable[[Any], Any]:
    """The function that rebuilds values of type `tp`, made once per type. Resolving the type hints for every
    object (typing.get_type_hints evaluates each string annotation anew) was most of the 19 s that loading a
    3,000-article store took."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return _builder(inner[0]) if len(inner) == 1 else _same
    if origin in (list, Sequence):
        (item,) = typing.get_args(tp) or (Any,)
        each = _builder(item)
        return lambda data: None if data is None else [each(x) for x in data]
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        fields = [(f.name, _builder(hints[f.name])) for f in dataclasses.fields(tp)]

        def build(data: Any) -> Any:
            if not isinstance(data, dict):
                return data
            return tp(**{name: make(data[name]) for name, make in fields if name in data})
        return build
    return _same


def iter_spans(article: Article) -> typing.Iterator[tuple[str, str | None, int, int]]:
    """Every (kind, text, start, end) span an article carries, found from the model rather than listed: each
    record with `text`/`start`/`end`, and each `X_start`/`X_end` pair beside a text field `X` (a quote's
    speaker and cue). `kind` is the field path ("quotes.cue")."""
    for name in _field_names(Article):
        value = getattr(article, name)
        if isinstance(value, list):
            for item in value:
                yield from _record_spans(name, item)


def _record_spans(path: str, record: Any) -> typing.Iterator[tuple[str, str | None, int, int]]:
    if not dataclasses.is_dataclass(record):
        return
    names = _field_names(type(record))
    if {"text", "start", "end"} <= set(names) and record.text is not None:
        yield path, record.text, record.start, record.end
    for name in names:
        value = getattr(record, name)
        kind = _span_kind(type(record), f"{name}_start")
        if kind and isinstance(value, str) and getattr(record, f"{name}_start") is not None:
            # a "words" span names its field's value without spelling it: only its place is checked
            text = value if kind == "verbatim" else None
            yield f"{path}.{name}", text, getattr(record, f"{name}_start"), getattr(record, f"{name}_end")
        elif isinstance(value, list):
            for item in value:
                yield from _record_spans(f"{path}.{name}", item)


@functools.cache
def _span_kind(tp: type, start_field: str) -> str | None:
    """"verbatim" or "words" when `start_field` opens a span of another field (its metadata says), else None."""
    for f in dataclasses.fields(tp):
        if f.name == start_field:
            return f.metadata.get("span")
    return None


def check_spans(article: Article) -> list[str]:
    """Offsets that do not point at their text (or, for a "words" span, outside the body or inside the quote
    it attributes); empty when the article is consistent."""
    bad = []
    n = len(article.body)
    for kind, text, start, end in iter_spans(article):
        if text is None:
            if not 0 <= start < end <= n:
                bad.append(f"{article.id}: {kind} [{start}:{end}] outside the body")
        elif article.body[start:end] != text:
            bad.append(f"{article.id}: {kind} [{start}:{end}] {text!r} != {article.body[start:end]!r}")
    for q in article.quotes:
        if q.speaker_start is not None and q.speaker_start < q.end and q.start < q.speaker_end:
            bad.append(f"{article.id}: quote [{q.start}:{q.end}] contains its own speaker's words")
    for s in article.sentences:
        if not 0 <= s.start < s.end <= n:
            bad.append(f"{article.id}: sentence [{s.start}:{s.end}] outside the body")
    return bad


def outlet_label(article_id: str, outlet: str | None) -> str:
    """How an article's outlet is named wherever outlets are counted or shown: an article of unknown outlet is
    its own outlet, named by its id, so two such articles are never silently one outlet."""
    return outlet or f"unknown outlet ({article_id})"
