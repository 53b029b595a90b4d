"""The one label table agrees with the schemas: every enum of the format has its German labels,
in the schema's order, and the tables derived from it (categories, status order, colours) too."""

import json
from types import SimpleNamespace

import pytest

from digistrat.budget.views import _names
from digistrat.labels import BEZEICHNUNGEN, bezeichnung
from digistrat.model.types import KATEGORIEN, STATUS_REIHENFOLGE
from digistrat.render.svg import STATUS_FARBEN
from digistrat.resources import schemas_dir

# enums of the configuration that are options, not values shown in documents
TECHNICAL = {("config", "schweregrad"), ("config", "format")}

# (schema, property name) → label group, where the group is not named like the property
GROUP = {("steckbrief", "status", "foerderung"): "foerderstatus"}


def schema_enums():
    """(schema kind, property, parent definition) → enum values, for every enum in the schemas."""
    found = {}

    def walk(node, kind, trail):
        if isinstance(node, dict):
            if "enum" in node:
                name = trail[-1] if trail[-1] != "additionalProperties" else trail[-2]
                parent = next((t for t in reversed(trail[:-2]) if t not in ("properties", "items", "$defs")), "")
                found[(kind, name, parent)] = node["enum"]
            for key, value in node.items():
                walk(value, kind, trail + [key])
        elif isinstance(node, list):
            for value in node:
                walk(value, kind, trail)

    for path in sorted(schemas_dir().glob("*.schema.json")):
        walk(json.loads(path.read_text(encoding="utf-8")), path.name.split(".")[0], [""])
    return found


ENUMS = schema_enums()


SHOWN = sorted(k for k in ENUMS if k[:2] not in TECHNICAL)


@pytest.mark.parametrize("key", SHOWN, ids=lambda k: "/".join(k))
def test_every_schema_enum_has_labels_in_schema_order(key):
    assert list(BEZEICHNUNGEN[GROUP.get(key, key[1])]) == ENUMS[key]


def test_every_label_group_belongs_to_a_schema_enum():
    assert set(BEZEICHNUNGEN) == {GROUP.get(k, k[1]) for k in SHOWN}
    assert len(SHOWN) == len(ENUMS) - 2


def test_the_known_enums_are_found():
    assert ENUMS[("steckbrief", "status", "")] == list(STATUS_REIHENFOLGE)
    assert ENUMS[("steckbrief", "status", "foerderung")] == ["geplant", "beantragt", "bewilligt", "abgelehnt"]
    assert ENUMS[("steckbrief", "kategorie", "kosten")] == list(KATEGORIEN)


def test_derived_tables_agree():
    assert list(STATUS_FARBEN) == list(STATUS_REIHENFOLGE)
    assert list(KATEGORIEN) == list(BEZEICHNUNGEN["kategorie"])
    assert _names(SimpleNamespace(project=None), "kategorie") == BEZEICHNUNGEN["kategorie"]
    assert bezeichnung("in-umsetzung", "status") == "In Umsetzung"
    assert bezeichnung("massnahme", "typ") == "Maßnahme"
    assert bezeichnung("unbekannt", "status") == "unbekannt"
    assert bezeichnung(None, "status") == ""
