"""Every text of a model object with its JSON path in the file (placeholder rule, PDF glyph check)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from digistrat.model.types import Jahresspanne, Periode, Ref, Zeitpunkt

# values that are parsed from text but are not texts themselves
_SKIP = (Zeitpunkt, Periode, Jahresspanne, Ref)


def text_fields(obj: Any) -> Iterator[tuple[tuple, str]]:
    """(JSON path, text) of every string inside a model object (strategie, a partner, the agenda, a
    Steckbrief, a programme), following the file's keys; ``obj.ref`` says which file."""
    return _strings(obj, obj.ref.path)


def _strings(obj: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    """(JSON path, text) of every string inside a model object, following the file's keys."""
    for f in dataclasses.fields(obj):
        if f.name == "ref":
            continue
        yield from _walk(getattr(obj, f.name), path + (f.name,))


def _walk(value: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            yield from _walk(v, path + (i,))
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(v, path + (k,))
    elif dataclasses.is_dataclass(value) and not isinstance(value, _SKIP):
        ref = getattr(value, "ref", None)
        yield from _strings(value, ref.path if isinstance(ref, Ref) and ref.file else path)
