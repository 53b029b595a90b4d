"""JSON Schema validation with German messages.

Validators are built once per process. When ``jsonschema-rs`` is installed it answers the
common question "is this file valid?" in microseconds; only files it rejects are validated
again by ``jsonschema`` to collect the errors, so both paths produce the same findings.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from functools import cache
from typing import Any

from digistrat.catalog import (
    FALSCHER_TYP as C_TYPE,
)
from digistrat.catalog import (
    FALSCHES_FORMAT as C_PATTERN,
)
from digistrat.catalog import (
    PFLICHTFELD_FEHLT as C_REQUIRED,
)
from digistrat.catalog import (
    SCHEMA as C_GENERIC,
)
from digistrat.catalog import (
    UNBEKANNTER_SCHLUESSEL as C_UNKNOWN_KEY,
)
from digistrat.catalog import (
    UNGUELTIGER_WERT as C_ENUM,
)
from digistrat.catalog import (
    WERTEBEREICH as C_RANGE,
)
from digistrat.catalog import (
    ZAHL_STATT_TEXT as C_NUMBER_AS_ID,
)
from digistrat.findings import Finding, Severity
from digistrat.formatting import closest, meinten_sie
from digistrat.loading.yamlparse import accelerators_disabled
from digistrat.resources import schemas_dir

KINDS = ("strategie", "partner", "agenda", "steckbrief", "foerderprogramme", "config")


_TYPE_NAMES = {
    "string": "Text",
    "integer": "eine ganze Zahl",
    "number": "eine Zahl",
    "boolean": "ein Wahrheitswert (true/false)",
    "array": "eine Liste",
    "object": "eine Zuordnung (Schlüssel: Wert)",
    "null": "ein leerer Wert",
}


@cache
def load_schema(kind: str) -> dict:
    if kind not in KINDS:
        raise KeyError(kind)
    with open(schemas_dir() / f"{kind}.schema.json", encoding="utf-8") as fh:
        return json.load(fh)


@cache
def _fast_validator(kind: str):
    try:
        import jsonschema_rs
    except ImportError:
        return None
    try:
        return jsonschema_rs.validator_for(load_schema(kind))
    except Exception:  # an accelerator that cannot read the schema is simply not used
        return None


@cache
def _validator(kind: str):
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema(kind))


def prepare(kinds) -> None:
    """Build the validators for ``kinds`` now (before forking workers, which then inherit them)."""
    for kind in kinds:
        if accelerators_disabled() or _fast_validator(kind) is None:
            _validator(kind)  # every document goes through jsonschema then


def accelerator_active() -> bool:
    return not accelerators_disabled() and _fast_validator("steckbrief") is not None


def validate(kind: str, data: Any, file: str) -> list[Finding]:
    """All schema findings for one document (positions are filled in later)."""
    fast = None if accelerators_disabled() else _fast_validator(kind)
    if fast is not None and _fast_is_valid(fast, data):
        return []
    findings: list[Finding] = []
    errors = list(_validator(kind).iter_errors(data))
    typos = _typo_targets(errors)
    for error in errors:
        findings.extend(_translate(error, file, typos))
    reported = {f.path for f in findings}  # -.inf already fails "minimum": one finding per value
    findings.extend(f for f in _non_finite(data, file) if f.path not in reported)
    # one schema error can be reached twice (e.g. via allOf); report it once
    unique = list(dict.fromkeys(findings))
    return unique


def _typo_targets(errors) -> set[tuple[tuple, str]]:
    """(object path, field) for every unknown key that is a likely typo of that field.

    ``kurzbeschreibun:`` is one mistake; "unknown key, did you mean kurzbeschreibung?" says it all,
    so the missing required field it stands for is not reported a second time.
    """
    targets = set()
    for error in errors:
        if error.validator != "additionalProperties" or not isinstance(error.schema, dict):
            continue
        allowed = list(error.schema.get("properties", {}))
        for key in error.instance:
            if key not in allowed:
                close = closest(key, allowed)
                if close:
                    targets.add((tuple(error.absolute_path), close))
    return targets


def _non_finite(value: Any, file: str, path: tuple = ()) -> Iterator[Finding]:
    """``.nan`` and ``.inf`` pass every minimum/maximum of the schemas, but nothing can be computed with them.

    Runs only where jsonschema-rs did not accept the document: it never accepts them.
    """
    if isinstance(value, float) and not math.isfinite(value):
        label = "keine Zahl" if math.isnan(value) else "unendlich"
        yield _make(
            C_RANGE,
            file,
            path,
            f"„{_field(path)}“: YAML liest diesen Wert als „{label}“; damit kann "
            "nicht gerechnet werden. Bitte eine gewöhnliche Zahl angeben.",
        )
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _non_finite(item, file, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _non_finite(item, file, path + (i,))


def _fast_is_valid(fast, data: Any) -> bool:
    try:
        return fast.is_valid(data)
    except Exception:  # a value JSON does not know (YAML !!binary): jsonschema judges and words it
        return False


# ---------------------------------------------------------------- translation


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


def _translate(error, file: str, typos: set = frozenset()) -> Iterator[Finding]:
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
            yield from _translate(best, file, typos)
            return
    if custom and kw not in ("required", "additionalProperties", "type", "enum"):
        yield _make(C_PATTERN if kw == "pattern" else C_GENERIC, file, path, custom)
        return

    if kw == "required":
        # jsonschema raises one error per missing field; its message starts with the field's repr
        props = schema.get("properties", {})
        missing = [n for n in error.validator_value if isinstance(error.instance, dict) and n not in error.instance]
        name = next((n for n in missing if error.message.startswith(repr(n))), missing[0] if missing else None)
        if name is None or (path, name) in typos:
            return
        title = props.get(name, {}).get("title")
        label = f"„{name}“ ({title})" if title and title.lower() != name else f"„{name}“"
        yield _make(C_REQUIRED, file, path, custom or f"Pflichtfeld {label} fehlt.", at_key=bool(path))
        return
    if kw == "additionalProperties":
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
            yield _make(C_UNKNOWN_KEY, file, path + (key,), msg, at_key=True)
        return
    if kw == "type":
        expected = error.validator_value
        expected_list = expected if isinstance(expected, list) else [expected]
        names = " oder ".join(_TYPE_NAMES.get(t, t) for t in expected_list)
        value = error.instance
        if "string" in expected_list and isinstance(value, (int, float)) and not isinstance(value, bool):
            yield _make(
                C_NUMBER_AS_ID,
                file,
                path,
                # the source text may differ from the number (1.10 → 1.1): no ready-made suggestion
                f"„{_field(path)}“: YAML liest diesen Wert als Zahl ({value}), erwartet wird Text. Bitte in "
                'Anführungszeichen setzen, genau wie gemeint (z. B. "1.10" – ohne Anführungszeichen '
                "würde daraus 1.1).",
            )
            return
        if "string" in expected_list and isinstance(value, bool):
            yield _make(
                C_TYPE,
                file,
                path,
                f"„{_field(path)}“: {_describe(value)} wird von YAML als Wahrheitswert gelesen, "
                "erwartet wird Text. Bitte in Anführungszeichen setzen.",
            )
            return
        extra = f" {custom}" if custom else ""
        yield _make(
            C_TYPE, file, path, f"„{_field(path)}“: erwartet wird {names}, gefunden wurde {_describe(value)}.{extra}"
        )
        return
    if kw == "enum":
        options = [str(o) for o in error.validator_value]
        hint = meinten_sie(str(error.instance), options)
        problem = (
            f"Für „{_field(path)}“ fehlt der Wert."
            if error.instance is None
            else f"Ungültiger Wert {_describe(error.instance)} für „{_field(path)}“."
        )
        yield _make(C_ENUM, file, path, f"{problem}{hint} Erlaubt sind: {', '.join(options)}.")
        return
    if kw == "const":
        yield _make(C_ENUM, file, path, f"„{_field(path)}“ muss {_describe(error.validator_value)} sein.")
        return
    if kw == "pattern":
        yield _make(
            C_PATTERN, file, path, f"„{_field(path)}“: {_describe(error.instance)} hat nicht die erwartete Form."
        )
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
        yield _make(
            C_RANGE, file, path, f"„{_field(path)}“ braucht mindestens {n} {'Eintrag' if n == 1 else 'Einträge'}."
        )
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
            yield _make(
                C_PATTERN,
                file,
                path,
                sub.schema.get("x-meldung")
                if isinstance(sub.schema, dict) and sub.schema.get("x-meldung")
                else f"Schlüssel {_describe(sub.instance)} in „{_field(path)}“ hat nicht die erwartete Form.",
            )
        return
    if kw == "not":
        yield _make(C_GENERIC, file, path, f"„{_field(path)}“: unzulässige Kombination von Angaben.")
        return
    yield _make(C_GENERIC, file, path, f"„{_field(path)}“: ungültiger Wert ({error.message}).")
