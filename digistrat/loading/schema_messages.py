"""German findings for JSON Schema errors: one small function per schema keyword.

A schema may carry its own message (``x-meldung``); otherwise the keyword's function words
one from the error, naming the field and the value found.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Set
from decimal import Decimal
from typing import Any

from digistrat import catalog
from digistrat.findings import Finding, Severity
from digistrat.formatting import closest, meinten_sie

# "2.500.000" or a quoted "30.000": a German thousands separator where a number belongs
_THOUSANDS = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+")

# German dates: 12.06.2022, 06.2022 (a number for YAML; as a float 10.2020 arrives as 10.202)
_GERMAN_DAY = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")
_GERMAN_MONTH = re.compile(r"([0-9]{1,2})[./]([0-9]{1,4})")


def _date_like(schema: dict) -> bool:
    """A field for a month or a date (its pattern starts with four digits and a dash)."""
    return str(schema.get("pattern", "")).startswith("^[0-9]{4}-") or schema.get("format") == "date"


def _iso_hint(value, path) -> str:
    """`` Gemeint ist vermutlich „bis: 2022-06“.`` for a German date, else an empty string."""
    number = isinstance(value, (float, Decimal)) and not isinstance(value, bool)
    text = repr(value) if isinstance(value, float) else str(value) if isinstance(value, (str, Decimal)) else ""
    day = _GERMAN_DAY.fullmatch(text)
    month = _GERMAN_MONTH.fullmatch(text) if day is None else None
    iso = None
    if day:
        d, m, y = int(day.group(1)), int(day.group(2)), day.group(3)
        iso = f"{y}-{m:02d}-{d:02d}" if 1 <= m <= 12 and 1 <= d <= 31 else None
    elif month:
        m = int(month.group(1))
        y = month.group(2).ljust(4, "0") if number else month.group(2)
        iso = f"{y}-{m:02d}" if 1 <= m <= 12 and len(y) == 4 else None
    return f" Gemeint ist vermutlich „{_field(path)}: {iso}“." if iso else ""


_TYPE_NAMES = {
    "string": "Text",
    "integer": "eine ganze Zahl",
    "number": "eine Zahl",
    "boolean": "ein Wahrheitswert (true/false)",
    "array": "eine Liste",
    "object": "eine Zuordnung (Schlüssel: Wert)",
    "null": "ein leerer Wert",
}


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "ein leerer Wert"
    if isinstance(value, dict):
        return "eine Zuordnung"
    if isinstance(value, list):
        return "eine Liste"
    if isinstance(value, str):
        return f"„{value}“"
    return str(value)


def _field(path) -> str:
    for part in reversed(list(path)):
        if isinstance(part, str):
            return part
    return "Datei"


def _make(code, file, path, message, at_key=False) -> Finding:
    return Finding(
        code=code[0],
        rule=code[1],
        severity=Severity.FEHLER,
        message=message,
        file=file,
        path=tuple(path),
        at_key=at_key,
    )


Translator = Callable[[Any, str, tuple, dict, "str | None", Set[tuple[tuple, str]]], Iterator[Finding]]


def translate(error, file: str, typos: Set[tuple[tuple, str]] = frozenset()) -> Iterator[Finding]:
    """The findings of one jsonschema error (``typos``: (path, key) pairs whose missing required
    field is already explained by an unknown key close to it)."""
    from jsonschema.exceptions import best_match

    path = tuple(error.absolute_path)
    kw = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    custom = schema.get("x-meldung")

    if kw in ("oneOf", "anyOf") and not custom and error.context:
        # best_match on the parent error picks the branch that fits the value's type best
        # (on the bare context it would prefer the shallowest error, often the wrong branch)
        best = best_match([error])
        if best is not error:
            yield from translate(best, file, typos)
            return
    if custom and kw not in ("required", "additionalProperties", "type", "enum"):
        hint = _iso_hint(error.instance, path) if _date_like(schema) else ""
        yield _make(catalog.FALSCHES_FORMAT if kw == "pattern" else catalog.SCHEMA, file, path, custom + hint)
        return
    handler = _BY_KEYWORD.get(kw)
    if handler is not None and (kw != "propertyNames" or error.context):
        yield from handler(error, file, path, schema, custom, typos)
        return
    yield _make(catalog.SCHEMA, file, path, f"„{_field(path)}“: ungültiger Wert ({error.message}).")


def _required(error, file, path, schema, custom, typos) -> Iterator[Finding]:
    # jsonschema raises one error per missing field; its message starts with the field's repr
    props = schema.get("properties", {})
    missing = [n for n in error.validator_value if isinstance(error.instance, dict) and n not in error.instance]
    name = next((n for n in missing if error.message.startswith(repr(n))), missing[0] if missing else None)
    if name is None or (path, name) in typos:
        return
    title = props.get(name, {}).get("title")
    label = f"„{name}“ ({title})" if title and title.lower() != name else f"„{name}“"
    yield _make(catalog.PFLICHTFELD_FEHLT, file, path, custom or f"Pflichtfeld {label} fehlt.", at_key=bool(path))


def _additional(error, file, path, schema, custom, typos) -> Iterator[Finding]:
    allowed = sorted(schema.get("properties", {}))
    extras = [k for k in error.instance if k not in schema.get("properties", {})]
    for key in extras:
        close = closest(key, allowed)
        if key.strip(" €").isdigit():
            # {betrag: 1.250,50} is read as betrag 1.25 plus a key "50"
            msg = (
                f"Unbekannter Schlüssel „{key}“: Steht in den geschweiften Klammern eine Zahl mit Komma "
                "(z. B. 1.250,50)? Zahlen ohne Tausenderpunkt und mit Dezimalpunkt schreiben: 1250.50."
            )
        elif close:
            msg = f"Unbekannter Schlüssel „{key}“ – meinten Sie „{close}“?"
        else:
            msg = f"Unbekannter Schlüssel „{key}“. Erlaubt sind hier: {', '.join(allowed)}."
        yield _make(catalog.UNBEKANNTER_SCHLUESSEL, file, path + (key,), msg, at_key=True)


def _type(error, file, path, schema, custom, typos) -> Iterator[Finding]:
    expected = error.validator_value
    expected_list = expected if isinstance(expected, list) else [expected]
    names = " oder ".join(_TYPE_NAMES.get(t, str(t)) for t in expected_list)
    value = error.instance
    number = isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)
    if "string" in expected_list and number and custom and _date_like(schema) and _iso_hint(value, path):
        # 06.2022 is a number for YAML; "put it in quotes" would only lead to the next error (DS015)
        message = f"„{_field(path)}“: YAML liest diesen Wert als Zahl. {custom}{_iso_hint(value, path)}"
        yield _make(catalog.FALSCHES_FORMAT, file, path, message)
    elif "string" in expected_list and number:
        yield _make(
            catalog.ZAHL_STATT_TEXT,
            file,
            path,
            # the source text may differ from the number (1.10 → 1.1): no ready-made suggestion
            f"„{_field(path)}“: YAML liest diesen Wert als Zahl ({value}), erwartet wird Text. Bitte in "
            'Anführungszeichen setzen, genau wie gemeint (z. B. "1.10" – ohne Anführungszeichen '
            "würde daraus 1.1).",
        )
    elif "string" in expected_list and isinstance(value, bool):
        yield _make(
            catalog.FALSCHER_TYP,
            file,
            path,
            f"„{_field(path)}“: {_describe(value)} wird von YAML als Wahrheitswert gelesen, "
            "erwartet wird Text. Bitte in Anführungszeichen setzen.",
        )
    else:
        extra = f" {custom}" if custom else ""
        if isinstance(value, str) and {"number", "integer"} & set(expected_list) and _THOUSANDS.fullmatch(value):
            meant = value.replace(".", "")
            extra = f" Meinten Sie {meant}? Zahlen ohne Tausenderpunkt schreiben: {_field(path)}: {meant}."
        yield _make(
            catalog.FALSCHER_TYP,
            file,
            path,
            f"„{_field(path)}“: erwartet wird {names}, gefunden wurde {_describe(value)}.{extra}",
        )


def _enum(error, file, path, schema, custom, typos) -> Iterator[Finding]:
    options = [str(o) for o in error.validator_value]
    hint = meinten_sie(str(error.instance), options)
    problem = (
        f"Für „{_field(path)}“ fehlt der Wert."
        if error.instance is None
        else f"Ungültiger Wert {_describe(error.instance)} für „{_field(path)}“."
    )
    yield _make(catalog.UNGUELTIGER_WERT, file, path, f"{problem}{hint} Erlaubt sind: {', '.join(options)}.")


_BOUNDS = {
    "minimum": "muss mindestens {} sein",
    "maximum": "darf höchstens {} sein",
    "exclusiveMinimum": "muss größer als {} sein",
    "exclusiveMaximum": "muss kleiner als {} sein",
}


def _bound(error, file, path, schema, custom, typos) -> Iterator[Finding]:
    bound = error.validator_value
    if error.validator == "minimum" and bound == 0:
        text = "darf nicht negativ sein"
    else:
        text = _BOUNDS[error.validator].format(bound)
    yield _make(catalog.WERTEBEREICH, file, path, f"„{_field(path)}“ {text} (gefunden: {_describe(error.instance)}).")


def _min_items(error, file, path, schema, custom, typos) -> Iterator[Finding]:
    n = error.validator_value
    yield _make(
        catalog.WERTEBEREICH,
        file,
        path,
        f"„{_field(path)}“ braucht mindestens {n} {'Eintrag' if n == 1 else 'Einträge'}.",
    )


def _property_names(error, file, path, schema, custom, typos) -> Iterator[Finding]:
    for sub in error.context:
        yield _make(
            catalog.FALSCHES_FORMAT,
            file,
            path,
            sub.schema.get("x-meldung")
            if isinstance(sub.schema, dict) and sub.schema.get("x-meldung")
            else f"Schlüssel {_describe(sub.instance)} in „{_field(path)}“ hat nicht die erwartete Form.",
        )


def _fixed(code: catalog.Code, text: str) -> Translator:
    """A keyword whose message only needs the field, the value (``{value}``) and the schema's value (``{bound}``)."""

    def handler(error, file, path, schema, custom, typos) -> Iterator[Finding]:
        yield _make(
            code,
            file,
            path,
            text.format(
                field=_field(path),
                value=_describe(error.instance),
                expected=_describe(error.validator_value),
                bound=error.validator_value,
            ),
        )

    return handler


_BY_KEYWORD: dict[str, Translator] = {
    "required": _required,
    "additionalProperties": _additional,
    "type": _type,
    "enum": _enum,
    "const": _fixed(catalog.UNGUELTIGER_WERT, "„{field}“ muss {expected} sein."),
    "pattern": _fixed(catalog.FALSCHES_FORMAT, "„{field}“: {value} hat nicht die erwartete Form."),
    "minimum": _bound,
    "exclusiveMinimum": _bound,
    "maximum": _bound,
    "exclusiveMaximum": _bound,
    "minItems": _min_items,
    "maxItems": _fixed(catalog.WERTEBEREICH, "„{field}“ hat zu viele Einträge (höchstens {bound})."),
    "uniqueItems": _fixed(catalog.UNGUELTIGER_WERT, "„{field}“ enthält Einträge doppelt."),
    "minLength": _fixed(catalog.WERTEBEREICH, "„{field}“ darf nicht leer sein."),
    "propertyNames": _property_names,
    "not": _fixed(catalog.SCHEMA, "„{field}“: unzulässige Kombination von Angaben."),
}
