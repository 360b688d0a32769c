"""The JSON Schema and the dataclasses of model.py describe the same `newsprism/1` contract, field by field.

Every dataclass reachable from `Analysis` has a `$defs` entry of the same name (the root object is `Analysis`
itself) listing exactly its fields, in its order, all required, no others allowed, each with the JSON type of
its annotation. A field added to the model without the schema (or the other way round) fails here, naming the
field, before any analysis.json in the wild breaks a reader.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from newsprism import model
from newsprism.model import Analysis

SIMPLE = {str: "string", int: "integer", float: "number", bool: "boolean"}


def load_schema() -> dict:
    return json.loads(resources.files("newsprism").joinpath("schema/analysis.schema.json").read_text())


def model_classes(root: type = Analysis) -> list[type]:
    """Every dataclass reachable from `root` through its type hints, `root` first, each once."""
    found: list[type] = []

    def visit(tp: Any) -> None:
        if dataclasses.is_dataclass(tp) and isinstance(tp, type):
            if tp in found:
                return
            found.append(tp)
            for hint in typing.get_type_hints(tp).values():
                visit(hint)
            return
        for arg in typing.get_args(tp):
            visit(arg)

    visit(root)
    return found


def object_for(cls: type, schema: dict, root: type = Analysis) -> dict | None:
    return schema if cls is root else schema.get("$defs", {}).get(cls.__name__)


def _types(node: dict) -> set[str]:
    t = node.get("type")
    return set(t) if isinstance(t, list) else {t} if t else set()


def _show(tp: Any) -> str:
    return getattr(tp, "__name__", None) or str(tp).replace("typing.", "").replace("collections.abc.", "")


def type_problems(tp: Any, node: dict, schema: dict, where: str) -> list[str]:
    """Why the schema node `node` does not describe values of the Python annotation `tp` (empty if it does)."""
    if tp is Any:
        return []
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    optional = origin in (typing.Union, types.UnionType) and type(None) in args
    allowed = _types(node)
    if optional:
        inner = [a for a in args if a is not type(None)]
        if len(inner) != 1:
            return [f"{where}: {_show(tp)} is a union the contract cannot express"]
        if "null" not in allowed:
            return [f"{where}: the dataclass says {_show(tp)}, but the schema does not allow null"]
        return type_problems(inner[0], {**node, "type": sorted(allowed - {"null"})}, schema, where)
    if "null" in allowed:
        return [f"{where}: the dataclass says {_show(tp)} (never None), but the schema allows null"]
    if dataclasses.is_dataclass(tp):
        want = f"#/$defs/{tp.__name__}"
        if node.get("$ref") != want:
            return [f"{where}: the dataclass says {tp.__name__}, so the schema should be {{'$ref': '{want}'}}, "
                    f"not {node}"]
        return []
    if "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        allowed = _types(node)
    if len(allowed) == 1:
        (allowed_one,) = allowed
        allowed = allowed_one
    if tp in SIMPLE:
        return [] if allowed == SIMPLE[tp] else [
            f"{where}: the dataclass says {tp.__name__}, so the schema type should be {SIMPLE[tp]!r}, not {allowed!r}"]
    if origin in (list, Sequence):
        if allowed != "array":
            return [f"{where}: the dataclass says {_show(tp)}, so the schema type should be 'array', not {allowed!r}"]
        return type_problems(args[0] if args else Any, node.get("items", {}), schema, f"{where}[]")
    if origin is dict:
        if allowed != "object":
            return [f"{where}: the dataclass says {_show(tp)}, so the schema type should be 'object', not {allowed!r}"]
        value = args[1] if args else Any
        if value is Any:
            return []
        extra = node.get("additionalProperties")
        if not isinstance(extra, dict):
            return [f"{where}: the dataclass says {_show(tp)}, so the schema should give additionalProperties a "
                    f"schema for the values"]
        return type_problems(value, extra, schema, f"{where}{{}}")
    return [f"{where}: no JSON type is known for the annotation {_show(tp)}"]


def mismatches(cls: type, schema: dict, root: type = Analysis) -> list[str]:
    """Everything on which the schema object for `cls` and the dataclass `cls` disagree, one readable line each."""
    name = cls.__name__
    node = object_for(cls, schema, root)
    if node is None:
        return [f"{name}: the schema has no $defs/{name} for this dataclass"]
    fields = [f.name for f in dataclasses.fields(cls)]
    props = node.get("properties", {})
    out = [f"{name}.{f}: field of the dataclass missing from the schema" for f in fields if f not in props]
    out += [f"{name}.{p}: property in the schema that the dataclass does not have" for p in props if p not in fields]
    if not out and list(props) != fields:
        out.append(f"{name}: the schema lists the properties in the order {list(props)}, the dataclass (and so "
                   f"analysis.json) in the order {fields}")
    missing = [f for f in fields if f not in node.get("required", [])]
    if missing:
        out.append(f"{name}: the writer always emits {missing}, but the schema does not list them in required")
    if node.get("additionalProperties") is not False:
        out.append(f"{name}: the schema object must say additionalProperties: false")
    if node.get("type") != "object":
        out.append(f"{name}: the schema type should be 'object', not {node.get('type')!r}")
    hints = typing.get_type_hints(cls)
    for f in fields:
        if f in props:
            out += type_problems(hints[f], props[f], schema, f"{name}.{f}")
    return out


@pytest.fixture(scope="module")
def schema() -> dict:
    return load_schema()


@pytest.mark.parametrize("cls", model_classes(), ids=lambda c: c.__name__)
def test_schema_object_agrees_with_dataclass(cls, schema):
    problems = mismatches(cls, schema)
    assert not problems, "schema/analysis.schema.json and model.py disagree:\n  " + "\n  ".join(problems)


def test_every_schema_def_is_used(schema):
    text = json.dumps(schema)
    unused = [name for name in schema["$defs"] if f'"#/$defs/{name}"' not in text]
    assert not unused, f"$defs no property refers to: {unused}"


def test_every_schema_object_is_closed(schema):
    # Objects the model types as dict[str, Any] (passages, spans, omissions) have their own $defs, so that the
    # contract fixes their keys too.
    open_objects = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            if "properties" in node and node.get("additionalProperties") is not False:
                open_objects.append(where)
            if node.get("type") == "object" and "properties" not in node and \
                    not isinstance(node.get("additionalProperties"), dict):
                open_objects.append(where)
            for k, v in node.items():
                walk(v, f"{where}/{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{where}/{i}")

    walk(schema, "#")
    assert not open_objects, f"objects that accept any key: {open_objects}"


def test_enums_are_the_model_constants(schema):
    from newsprism.corpus.timeline import _PRECISION_RANK

    defs = schema["$defs"]
    assert schema["properties"]["schema"]["const"] == model.SCHEMA
    assert defs["SourceCited"]["properties"]["kind"]["enum"] == list(model.SOURCE_KINDS)
    assert defs["OutletFraming"]["properties"]["sources_cited"]["propertyNames"]["enum"] == list(model.SOURCE_KINDS)
    assert defs["LoadedTerm"]["properties"]["voice"]["enum"] == list(model.VOICES)
    assert defs["FactMention"]["properties"]["stance"]["enum"] == list(model.STANCES)
    assert defs["Fact"]["properties"]["status"]["enum"] == list(model.FACT_STATUSES)
    assert set(defs["TimelineEvent"]["properties"]["precision"]["enum"]) == set(_PRECISION_RANK)


def test_every_model_class_is_documented():
    text = (Path(__file__).resolve().parents[1] / "docs" / "contract.md").read_text(encoding="utf-8")
    undocumented = [f"{c.__name__}.{f.name}" for c in model_classes() for f in dataclasses.fields(c)
                    if f"`{f.name}`" not in text]
    assert not undocumented, f"fields docs/contract.md never names: {undocumented}"


# The checker itself, on a dataclass and schema made to disagree: each kind of drift is reported by field name.

@dataclass
class _Inner:
    n: int


@dataclass
class _Probe:
    kept: str
    count: int
    maybe: str | None
    inner: _Inner
    items: list[_Inner] = field(default_factory=list)
    added: float = 0.0


_PROBE_SCHEMA = {
    "type": "object",
    "properties": {"kept": {"type": "string"}, "count": {"type": "number"}, "maybe": {"type": "string"},
                   "inner": {"type": "object"}, "items": {"type": "array", "items": {"$ref": "#/$defs/_Inner"}},
                   "gone": {"type": "string"}},
    "required": ["kept", "count", "maybe", "inner", "items"],
    "additionalProperties": False,
    "$defs": {"_Inner": {"type": "object", "properties": {"n": {"type": ["integer", "null"]}}, "required": ["n"],
                         "additionalProperties": False}},
}


def test_checker_names_each_disagreement():
    assert model_classes(_Probe) == [_Probe, _Inner]
    problems = mismatches(_Probe, _PROBE_SCHEMA, root=_Probe) + mismatches(_Inner, _PROBE_SCHEMA, root=_Probe)
    expected = [
        "_Probe.added: field of the dataclass missing from the schema",
        "_Probe.gone: property in the schema that the dataclass does not have",
        "_Probe: the writer always emits ['added'], but the schema does not list them in required",
        "_Probe.count: the dataclass says int, so the schema type should be 'integer', not 'number'",
        "_Probe.maybe: the dataclass says str | None, but the schema does not allow null",
        "_Probe.inner: the dataclass says _Inner, so the schema should be {'$ref': '#/$defs/_Inner'}, "
        "not {'type': 'object'}",
        "_Inner.n: the dataclass says int (never None), but the schema allows null",
    ]
    assert problems == expected


def _doc_examples() -> list[dict]:
    """Every JSON object in the ```json blocks of docs/contract.md."""
    text = (Path(__file__).resolve().parents[1] / "docs" / "contract.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in text.split("```json\n")[1:]]
    decoder, out = json.JSONDecoder(), []
    for block in blocks:
        pos = 0
        while block[pos:].strip():
            pos += len(block[pos:]) - len(block[pos:].lstrip())
            obj, pos = decoder.raw_decode(block, pos)
            out.append(obj)
    return out


def test_doc_examples_are_valid_records(schema):
    import jsonschema

    from newsprism.model import Article, check_spans, from_dict

    examples = _doc_examples()
    kinds = []
    for obj in examples:
        name = next((n for n, d in schema["$defs"].items() if list(d["properties"]) == list(obj)), None)
        assert name, f"docs/contract.md example with keys {list(obj)} matches no schema object"
        jsonschema.validate(obj, {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{name}"})
        kinds.append(name)
        if name == "Article":
            article = from_dict(Article, obj)
            assert not check_spans(article)
            for q in article.quotes:
                assert q.cue_start is None or article.body[q.cue_start:q.cue_end] == q.cue
            for lab in article.actor_labels:
                assert article.body[lab.start:lab.end] == lab.text
            assert article.sentences and article.sentences[-1].end == len(article.body)
    assert kinds == ["Article", "Fact", "Story", "TimelineEvent"]
