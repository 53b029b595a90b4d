"""JSON Schema validation with German messages.

Validators are built once per process. When ``jsonschema-rs`` is installed it answers the
common question "is this file valid?" in microseconds; only files it rejects are validated
again by ``jsonschema`` to collect the errors, so both paths produce the same findings.
"""

from __future__ import annotations

import difflib
import json
from functools import lru_cache
from typing import Any, Iterator

from digistrat.findings import Finding, Severity
from digistrat.resources import schemas_dir

KINDS = ("strategie", "partner", "agenda", "steckbrief", "foerderprogramme", "config")

C_GENERIC = ("DS010", "schema")
C_UNKNOWN_KEY = ("DS011", "unbekannter-schluessel")
C_REQUIRED = ("DS012", "pflichtfeld-fehlt")
C_TYPE = ("DS013", "falscher-typ")
C_ENUM = ("DS014", "ungueltiger-wert")
C_PATTERN = ("DS015", "falsches-format")
C_RANGE = ("DS016", "wertebereich")
C_NUMBER_AS_ID = ("DS017", "zahl-statt-text")

_TYPE_NAMES = {
    "string": "Text",
    "integer": "ganze Zahl",
    "number": "Zahl",
    "boolean": "Wahrheitswert (true/false)",
    "array": "Liste",
    "object": "Zuordnung (Schlüssel: Wert)",
    "null": "leerer Wert",
}


@lru_cache(maxsize=None)
def load_schema(kind: str) -> dict:
    if kind not in KINDS:
        raise KeyError(kind)
    with open(schemas_dir() / f"{kind}.schema.json", encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=None)
def _fast_validator(kind: str):
    try:
        import jsonschema_rs
    except ImportError:
        return None
    try:
        return jsonschema_rs.validator_for(load_schema(kind))
    except Exception:  # an accelerator that cannot read the schema is simply not used
        return None


@lru_cache(maxsize=None)
def _validator(kind: str):
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema(kind))


def accelerator_active() -> bool:
    return _fast_validator("steckbrief") is not None


def validate(kind: str, data: Any, file: str) -> list[Finding]:
    """All schema findings for one document (positions are filled in later)."""
    fast = _fast_validator(kind)
    if fast is not None and fast.is_valid(data):
        return []
    findings: list[Finding] = []
    for error in _validator(kind).iter_errors(data):
        findings.extend(_translate(error, file))
    # one schema error can be reached twice (e.g. via allOf); report it once
    unique = list(dict.fromkeys(findings))
    return unique


# ---------------------------------------------------------------- translation

def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "leer"
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
    return Finding(code=code[0], rule=code[1], severity=Severity.FEHLER, message=message,
                   file=file, path=tuple(path), at_key=at_key)


def _translate(error, file: str) -> Iterator[Finding]:
    from jsonschema.exceptions import best_match

    path = tuple(error.absolute_path)
    kw = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    custom = schema.get("x-meldung")

    if kw in ("oneOf", "anyOf") and not custom and error.context:
        yield from _translate(best_match(error.context), file)
        return
    if custom and kw not in ("required", "additionalProperties", "type", "enum"):
        yield _make(C_PATTERN if kw == "pattern" else C_GENERIC, file, path, custom)
        return

    if kw == "required":
        props = schema.get("properties", {})
        for name in error.validator_value:
            if isinstance(error.instance, dict) and name not in error.instance:
                title = props.get(name, {}).get("title")
                label = f"„{name}“ ({title})" if title and title.lower() != name else f"„{name}“"
                msg = custom or f"Pflichtfeld {label} fehlt."
                yield _make(C_REQUIRED, file, path, msg, at_key=bool(path))
                return
        return
    if kw == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extras = [k for k in error.instance if k not in schema.get("properties", {})]
        for key in extras:
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            if close:
                msg = f"Unbekannter Schlüssel „{key}“ – meinten Sie „{close[0]}“?"
            else:
                msg = f"Unbekannter Schlüssel „{key}“. Erlaubt sind hier: {', '.join(allowed)}."
            yield _make(C_UNKNOWN_KEY, file, path + (key,), msg, at_key=True)
        return
    if kw == "type":
        expected = error.validator_value
        expected_list = expected if isinstance(expected, list) else [expected]
        names = " oder ".join(_TYPE_NAMES.get(t, t) for t in expected_list)
        value = error.instance
        if "string" in expected_list and isinstance(value, (int, float)) and not isinstance(value, bool):
            yield _make(C_NUMBER_AS_ID, file, path,
                        f"„{_field(path)}“: {value} wird von YAML als Zahl gelesen, erwartet wird Text. "
                        f"Bitte in Anführungszeichen setzen: \"{value}\".")
            return
        if "string" in expected_list and isinstance(value, bool):
            yield _make(C_TYPE, file, path,
                        f"„{_field(path)}“: {_describe(value)} wird von YAML als Wahrheitswert gelesen, "
                        "erwartet wird Text. Bitte in Anführungszeichen setzen.")
            return
        extra = f" {custom}" if custom else ""
        yield _make(C_TYPE, file, path,
                    f"„{_field(path)}“: erwartet wird {names}, gefunden wurde {_describe(value)}.{extra}")
        return
    if kw == "enum":
        options = [str(o) for o in error.validator_value]
        close = difflib.get_close_matches(str(error.instance), options, n=1, cutoff=0.6)
        hint = f" – meinten Sie „{close[0]}“?" if close else ""
        yield _make(C_ENUM, file, path,
                    f"Ungültiger Wert {_describe(error.instance)} für „{_field(path)}“. "
                    f"Erlaubt: {', '.join(options)}.{hint}")
        return
    if kw == "const":
        yield _make(C_ENUM, file, path,
                    f"„{_field(path)}“ muss {_describe(error.validator_value)} sein.")
        return
    if kw == "pattern":
        yield _make(C_PATTERN, file, path,
                    f"„{_field(path)}“: {_describe(error.instance)} hat nicht die erwartete Form.")
        return
    if kw in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        bound = error.validator_value
        if kw == "minimum" and bound == 0:
            text = "darf nicht negativ sein"
        elif kw == "minimum":
            text = f"muss mindestens {bound} sein"
        elif kw == "maximum":
            text = f"darf höchstens {bound} sein"
        elif kw == "exclusiveMinimum":
            text = f"muss größer als {bound} sein"
        else:
            text = f"muss kleiner als {bound} sein"
        yield _make(C_RANGE, file, path, f"„{_field(path)}“ {text} (gefunden: {_describe(error.instance)}).")
        return
    if kw == "minItems":
        n = error.validator_value
        yield _make(C_RANGE, file, path,
                    f"„{_field(path)}“ braucht mindestens {n} {'Eintrag' if n == 1 else 'Einträge'}.")
        return
    if kw == "maxItems":
        yield _make(C_RANGE, file, path, f"„{_field(path)}“ hat zu viele Einträge (höchstens {error.validator_value}).")
        return
    if kw == "uniqueItems":
        yield _make(C_ENUM, file, path, f"„{_field(path)}“ enthält Einträge doppelt.")
        return
    if kw == "minLength":
        yield _make(C_RANGE, file, path, f"„{_field(path)}“ darf nicht leer sein.")
        return
    if kw == "propertyNames" and error.context:
        for sub in error.context:
            yield _make(C_PATTERN, file, path,
                        sub.schema.get("x-meldung") if isinstance(sub.schema, dict) and sub.schema.get("x-meldung")
                        else f"Schlüssel {_describe(sub.instance)} in „{_field(path)}“ hat nicht die erwartete Form.")
        return
    if kw == "not":
        yield _make(C_GENERIC, file, path, f"„{_field(path)}“: unzulässige Kombination von Angaben.")
        return
    yield _make(C_GENERIC, file, path, f"„{_field(path)}“: ungültiger Wert ({error.message}).")
