"""The store's per-document tables, derived from the model: one table per list-of-records field of `Article`,
a row per record, the record's fields as columns (lists and dicts as JSON text, booleans as 0/1).

Deriving them means a new extractor's field gets its queryable table without a hand-kept list to update.
Entities are the one reshaped table: a row per *mention* (`mentions`), with the entity's id, name and type,
because a query asks where an entity is named, not for a nested list.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Iterator
from functools import cache
from typing import Any

from newsprism.model import Article, Entity, Mention, to_dict

# Sentence spans stay in each article's JSON: a row per sentence would be most of the store, and nothing
# queries them apart from their article.
NOT_TABLES = frozenset({"sentences", "authors"})
_SQL_TYPES = {str: str, int: int, float: float, bool: int}


def _item_type(hint: Any) -> type | None:
    """The record type of a `list[Record]` field, else None."""
    if typing.get_origin(hint) is list:
        (item,) = typing.get_args(hint)
        if dataclasses.is_dataclass(item):
            return item
    return None


def _column_type(hint: Any) -> type:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        hint = next(a for a in typing.get_args(hint) if a is not type(None))
    return _SQL_TYPES.get(hint, str)


def _columns(record: type) -> dict[str, type]:
    hints = typing.get_type_hints(record)
    return {f.name: _column_type(hints[f.name]) for f in dataclasses.fields(record)}


@cache
def table_fields() -> tuple[tuple[str, type], ...]:
    """(Article field, record type) of every per-document table, in model order."""
    hints = typing.get_type_hints(Article)
    out = []
    for f in dataclasses.fields(Article):
        item = _item_type(hints[f.name])
        if item is not None and f.name not in NOT_TABLES:
            out.append((f.name, item))
    return tuple(out)


def doc_columns() -> dict[str, dict[str, type]]:
    tables: dict[str, dict[str, type]] = {}
    for name, item in table_fields():
        if item is Entity:
            tables["mentions"] = {"article": str, "entity": str, "entity_name": str, "type": str,
                                  **_columns(Mention)}
        else:
            tables[name] = {"article": str, **_columns(item)}
    return tables


def _cell(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return int(value) if isinstance(value, bool) else value


def _row(article_id: str, record: Any) -> dict[str, Any]:
    return {"article": article_id, **{k: _cell(v) for k, v in to_dict(record).items()}}


def doc_rows(article: Article) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """(table, rows) for one article."""
    for name, item in table_fields():
        records = getattr(article, name)
        if item is Entity:
            yield "mentions", [{"article": article.id, "entity": e.id, "entity_name": e.name, "type": e.type,
                                **_row(article.id, m)} for e in records for m in e.mentions]
        else:
            yield name, [_row(article.id, r) for r in records]
