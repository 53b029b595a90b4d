"""The schemas with their local references resolved once (digistrat/loading/schema_refs.py)
validate exactly as the schemas themselves: same errors, same German findings."""

from __future__ import annotations

import copy
import json
import random

import pytest
from jsonschema import Draft202012Validator

from digistrat.loading import schema, yamlparse
from digistrat.loading.schema_messages import translate
from digistrat.loading.schema_refs import _Inliner, inline_local_refs
from tests.conftest import EXAMPLE

KIND_FILES = {
    "strategie": ["strategie.yaml"],
    "partner": ["partner.yaml"],
    "agenda": ["agenda.yaml"],
    "foerderprogramme": ["foerderprogramme.yaml"],
    "config": ["digistrat.yaml"],
    "steckbrief": sorted(p.relative_to(EXAMPLE).as_posix() for p in (EXAMPLE / "steckbriefe").glob("*.yaml"))[:3],
}
ODD_VALUES = [None, "x", "2022-13", "12.06.2022", 10.2020, 1.5, -3, 10**20, True, [], {}, "ABC DEF"]


def _refs(node) -> list[str]:
    if isinstance(node, dict):
        return [r for k, v in node.items() if k != "$defs" for r in ([v] if k == "$ref" else _refs(v))]
    return [r for v in node for r in _refs(v)] if isinstance(node, list) else []


def _mutations(doc, rnd: random.Random, count: int):
    """``count`` copies of ``doc`` with a few values replaced, keys dropped, renamed or added."""
    for _ in range(count):
        d = copy.deepcopy(doc)
        for _ in range(rnd.randint(1, 3)):
            node = d
            for _ in range(rnd.randint(0, 4)):
                kids = [
                    k for k in (node.values() if isinstance(node, dict) else node) if isinstance(k, (dict, list)) and k
                ]
                if not kids:
                    break
                node = rnd.choice(kids)
            if not node:
                continue
            if isinstance(node, dict):
                key, r = rnd.choice(list(node)), rnd.random()
                if r < 0.5:
                    node[key] = rnd.choice(ODD_VALUES)
                elif r < 0.7:
                    del node[key]
                elif r < 0.9:
                    node[key[:-1] or "x"] = node.pop(key)
                else:
                    node["unbekannt"] = 1
            else:
                node[rnd.randrange(len(node))] = rnd.choice(ODD_VALUES)
        yield d


def _signature(error, defs=None) -> tuple:
    """Everything of an error a message could use (``defs``: resolve the original's subschema
    the same way, so that both sides compare as the schema that was actually applied)."""
    applied = _Inliner(defs).schema(error.schema, root=True) if defs is not None else error.schema
    return (
        error.validator,
        tuple(error.absolute_path),
        repr(error.instance),
        error.message,
        repr(error.validator_value),
        json.dumps(applied, sort_keys=True),
        tuple(_signature(sub, defs) for sub in error.context),
    )


@pytest.mark.parametrize("kind", schema.KINDS)
def test_every_local_reference_is_resolved_and_the_schema_itself_is_unchanged(kind):
    original = schema.load_schema(kind)
    before = json.dumps(original)
    resolved = inline_local_refs(original)
    assert _refs(original), "the schemas use references: this test would prove nothing"
    assert _refs(resolved) == []
    assert json.dumps(original) == before  # load_schema's dict is shared (jsonschema-rs, reference docs)


@pytest.mark.parametrize("kind", schema.KINDS)
def test_same_errors_and_findings_as_the_schema_with_references(kind):
    original = schema.load_schema(kind)
    with_refs, resolved = Draft202012Validator(original), Draft202012Validator(inline_local_refs(original))
    rnd = random.Random(kind)
    checked = 0
    for name in KIND_FILES[kind]:
        doc = yamlparse.load_document((EXAMPLE / name).read_bytes(), fast=False).data
        for instance in _mutations(doc, rnd, 60):
            expected, got = list(with_refs.iter_errors(instance)), list(resolved.iter_errors(instance))
            assert [_signature(e, original["$defs"]) for e in expected] == [_signature(e) for e in got]
            assert [list(translate(e, name)) for e in expected] == [list(translate(e, name)) for e in got]
            checked += len(expected)
    assert checked > 50


def test_references_it_cannot_follow_stay():
    tree = {"type": "object", "properties": {"kind": {"$ref": "#/$defs/baum"}}}
    deep = {"type": "string"}
    source = {
        "$defs": {"baum": tree, "text": {"type": "string", "minLength": 2}, "tief": {"x": deep}},
        "properties": {
            "a": {"$ref": "#/$defs/baum"},  # refers back to itself inside
            "b": {"$ref": "#/$defs/text", "allOf": [{"maxLength": 5}]},  # one key cannot hold both
            "c": {"$ref": "#/$defs/tief/x"},  # deeper than $defs
            "d": {"$ref": "other.json#/$defs/text"},  # another document
            "e": {"$id": "https://example.org/e", "$ref": "#/$defs/text", "$defs": {"text": {"type": "integer"}}},
            "f": {"title": "F", "$ref": "#/$defs/text", "examples": [{"$ref": "#/$defs/text"}]},
        },
    }
    out = inline_local_refs(source)["properties"]
    assert out["a"] == {"allOf": [{"type": "object", "properties": {"kind": {"$ref": "#/$defs/baum"}}}]}
    assert out["b"] == source["properties"]["b"]
    assert out["c"] == source["properties"]["c"] and out["d"] == source["properties"]["d"]
    assert out["e"] is source["properties"]["e"]  # "#/$defs/text" there means its own $defs
    assert out["f"] == {"title": "F", "allOf": [source["$defs"]["text"]], "examples": [{"$ref": "#/$defs/text"}]}
    instance = {"a": {"kind": {"kind": 3}}, "b": "sehr lang", "c": 1, "e": "x", "f": "y"}
    local = {k: v for k, v in source["properties"].items() if k != "d"}
    plain = Draft202012Validator({**source, "properties": local})
    resolved = Draft202012Validator({**inline_local_refs(source), "properties": {k: out[k] for k in local}})
    expected, got = list(plain.iter_errors(instance)), list(resolved.iter_errors(instance))
    assert [_signature(e)[:5] for e in expected] == [_signature(e)[:5] for e in got]
    assert [list(translate(e, "f.yaml")) for e in expected] == [list(translate(e, "f.yaml")) for e in got]
    assert len(expected) == 5  # one error in each property
