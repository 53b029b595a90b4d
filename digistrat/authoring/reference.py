"""Generate docs/format.md: the German format reference, key tables taken from the JSON Schemas.

``python -m digistrat.authoring.reference > docs/format.md`` — the prose lives in
``format_reference.md.j2`` beside this module; a test fails when the committed file is stale, so
the tables cannot drift from the schemas.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from digistrat.loading.schema import KINDS, load_schema

TEMPLATE = Path(__file__).with_name("format_reference.md.j2")

#: How the shared definitions read in the "Typ" column.
_DEF_LABELS = {
    "slug": "Kennung",
    "steckbrief_id": "Steckbrief-Kennung",
    "jahr": "Jahr",
    "datum": "Datum",
    "monat_oder_datum": "Monat oder Datum",
    "betrag": "Betrag (Euro)",
    "vzae": "VZÄ",
    "prozent": "Prozent",
}
_TYPE_LABELS = {
    "string": "Text",
    "integer": "ganze Zahl",
    "number": "Zahl",
    "boolean": "Wahrheitswert",
    "object": "Zuordnung",
    "array": "Liste",
}
V11_MARK = "ab Formatversion 1.1"


@dataclass
class Row:
    key: str
    typ: str
    pflicht: bool
    werte: str
    standard: str
    bedeutung: str
    version: str


class _Walker:
    def __init__(self, kind: str):
        self.root = load_schema(kind)
        self.rows: list[Row] = []

    def resolve(self, node: dict) -> tuple[dict, str | None]:
        """The schema behind ``$ref`` (merged with the referring node's own keywords) and the def name."""
        name = None
        merged = dict(node)
        while "$ref" in merged:
            ref = merged.pop("$ref")
            name = name or ref.rsplit("/", 1)[-1]
            target: Any = self.root
            for part in ref[2:].split("/"):
                target = target[part]
            merged = {**target, **merged}
        return merged, name

    def walk(self, node: dict, prefix: str, v11: bool) -> None:
        required = set(node.get("required", []))
        for key, prop in node.get("properties", {}).items():
            self.row(f"{prefix}{key}", prop, key in required, v11)
        extra = node.get("additionalProperties")
        if isinstance(extra, dict) and extra:
            self.row(f"{prefix}<{_placeholder(node)}>", extra, False, v11)

    def row(self, path: str, prop: dict, required: bool, v11: bool) -> None:
        schema, name = self.resolve(prop)
        v11 = v11 or V11_MARK in str(prop.get("description", ""))
        self.rows.append(
            Row(
                key=path,
                typ=self.type_label(schema, name),
                pflicht=required,
                werte=_allowed(schema, name),
                standard=_default(schema),
                bedeutung=_meaning(prop, schema),
                version="1.1" if v11 else "1",
            )
        )
        if schema.get("type") == "object" or "properties" in schema:
            self.walk(schema, f"{path}.", v11)
        elif schema.get("type") == "array":
            items, _ = self.resolve(schema.get("items", {}))
            if items.get("type") == "object" or "properties" in items:
                self.walk(items, f"{path}[].", v11)

    def type_label(self, schema: dict, name: str | None) -> str:
        if name in _DEF_LABELS:
            return _DEF_LABELS[name]
        if "enum" in schema or "const" in schema:
            return "Auswahl"
        kind = schema.get("type")
        if kind == "array":
            items, item_name = self.resolve(schema.get("items", {}))
            inner = self.type_label(items, item_name)
            return "Liste von Zuordnungen" if inner == "Zuordnung" else f"Liste ({inner})"
        if isinstance(kind, list):
            return " oder ".join(_TYPE_LABELS.get(str(k), str(k)) for k in kind)
        return _TYPE_LABELS.get(str(kind), "beliebig")


def _placeholder(node: dict) -> str:
    title = str(node.get("title", "")).lower()
    return "Regel" if "regel" in title or "schweregrad" in title or "optionen" in title else "Kennung"


def _allowed(schema: dict, name: str | None) -> str:
    if "enum" in schema:
        return ", ".join(f"`{v}`" for v in schema["enum"])
    if "const" in schema:
        return f"`{schema['const']}`"
    parts = []
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None and high is not None:
        parts.append(f"{low}–{high}")
    elif low is not None:
        parts.append(f"≥ {low}")
    elif high is not None:
        parts.append(f"≤ {high}")
    if name in ("betrag", "vzae"):
        parts.append("höchstens 2 Nachkommastellen")
    if name == "slug":
        parts.append("`a-z`, `0-9`, `-`")
    elif name == "steckbrief_id":
        parts.append("`A-Z`, `a-z`, `0-9`, `.`, `_`, `-`")
    elif name == "datum":
        parts.append("JJJJ-MM-TT")
    elif name == "monat_oder_datum":
        parts.append("JJJJ-MM oder JJJJ-MM-TT")
    if schema.get("minItems"):
        parts.append(f"mindestens {schema['minItems']} Eintrag" + ("e" if schema["minItems"] > 1 else ""))
    if schema.get("type") == "string" and schema.get("minLength") and name is None:
        parts.append("nicht leer")
    return ", ".join(parts) or "—"


def _default(schema: dict) -> str:
    if "default" not in schema:
        return "—"
    value = schema["default"]
    if isinstance(value, bool):
        value = "true" if value else "false"
    return f"`{value}`"


def _meaning(prop: dict, schema: dict) -> str:
    text = prop.get("description") or schema.get("description") or prop.get("title") or schema.get("title")
    return " ".join(str(text).split()) if text else "Wert für einen Eintrag, siehe die Zeile darüber."


def rows(kind: str) -> list[Row]:
    walker = _Walker(kind)
    walker.walk(walker.root, "", False)
    return walker.rows


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def table(kind: str) -> str:
    """The Markdown table of every key of one file kind."""
    lines = [
        "| Schlüssel | Typ | Pflicht | Erlaubte Werte | Standard | Ab Version | Bedeutung |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows(kind):
        lines.append(
            f"| `{r.key}` | {r.typ} | {'ja' if r.pflicht else 'nein'} | {_cell(r.werte)} | {r.standard} | "
            f"{r.version} | {_cell(r.bedeutung)} |"
        )
    return "\n".join(lines)


def generate() -> str:
    from jinja2 import Environment, StrictUndefined

    env = Environment(undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False)
    template = env.from_string(TEMPLATE.read_text(encoding="utf-8"))
    schemas = {kind: load_schema(kind) for kind in KINDS}
    return template.render(tabelle=table, schemas=schemas)


if __name__ == "__main__":
    import sys

    sys.stdout.write(generate())
