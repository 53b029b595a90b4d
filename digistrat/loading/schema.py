"""JSON Schema validation with German messages.

Validators are built once per process. When ``jsonschema-rs`` is installed it answers the
common question "is this file valid?" in microseconds; only files it rejects are validated
again by ``jsonschema`` to collect the errors, so both paths produce the same findings.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from typing import Any

from digistrat import catalog
from digistrat.findings import Finding
from digistrat.formatting import closest
from digistrat.loading.focus import focus, original_path
from digistrat.loading.schema_messages import _field, _make
from digistrat.loading.schema_messages import translate as _translate
from digistrat.loading.schema_refs import inline_local_refs
from digistrat.loading.yamlparse import accelerators_disabled
from digistrat.resources import schemas_dir

KINDS = ("strategie", "partner", "agenda", "steckbrief", "foerderprogramme", "config")


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

    # local references resolved once here, not by jsonschema for every value (schema_refs.py)
    return Draft202012Validator(inline_local_refs(load_schema(kind)))


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
    # long lists cut to the items with errors (jsonschema-rs knows where they are): fast wording
    instance, remap = focus(data, _fast_error_paths(fast, data)) if fast is not None else (data, {})
    errors = list(_validator(kind).iter_errors(instance))
    typos = _typo_targets(errors)
    for error in errors:
        findings.extend(_translate(error, file, typos))
    if remap:
        findings = [replace(f, path=original_path(f.path, remap)) for f in findings]
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
            catalog.WERTEBEREICH,
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


def _fast_error_paths(fast, data: Any) -> list[tuple]:
    try:
        return [tuple(e.instance_path) for e in fast.iter_errors(data)]
    except Exception:
        return []


def _fast_is_valid(fast, data: Any) -> bool:
    try:
        return fast.is_valid(data)
    except Exception:  # a value JSON does not know (YAML !!binary): jsonschema judges and words it
        return False


# ---------------------------------------------------------------- translation
