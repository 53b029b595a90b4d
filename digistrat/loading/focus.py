"""Long lists cut down to the items with errors, so that wording schema errors stays fast.

jsonschema-rs finds *where* a document is invalid in microseconds; jsonschema (Python), which gives
the error objects the German messages are made from, walks every item of every list. For a
Steckbrief with 20,000 cost entries and one typo that took many seconds. :func:`focus` keeps, in
lists longer than :data:`LONG`, only the items an error lies in (a list with an error of its own,
e.g. too few items, stays whole), and :func:`Remap` turns the paths back into the file's indices.
"""

from __future__ import annotations

from typing import Any

LONG = 100


def focus(data: Any, error_paths: list[tuple]) -> tuple[Any, dict[tuple, list[int]]]:
    """(data with long lists cut to their failing items, {path in the cut data: original indices})."""
    remap: dict[tuple, list[int]] = {}
    if not error_paths:
        return data, remap
    return _cut(data, (), (), error_paths, remap), remap


def _cut(value: Any, path: tuple, cut_path: tuple, errors: list[tuple], remap: dict) -> Any:
    here = [e for e in errors if e[: len(path)] == path]
    if not here:
        return value
    if isinstance(value, dict):
        return {k: _cut(v, (*path, k), (*cut_path, k), here, remap) for k, v in value.items()}
    if not isinstance(value, list):
        return value
    if len(value) <= LONG or any(len(e) == len(path) for e in here):
        return [_cut(v, (*path, i), (*cut_path, i), here, remap) for i, v in enumerate(value)]
    keep = sorted({e[len(path)] for e in here if isinstance(e[len(path)], int) and e[len(path)] < len(value)})
    remap[cut_path] = keep
    return [_cut(value[i], (*path, i), (*cut_path, n), here, remap) for n, i in enumerate(keep)]


def original_path(path: tuple, remap: dict[tuple, list[int]]) -> tuple:
    """A path in the cut data → the same place in the original data."""
    if not remap:
        return path
    out = []
    for i, part in enumerate(path):
        keep = remap.get(tuple(path[:i]))
        out.append(keep[part] if keep is not None and isinstance(part, int) and part < len(keep) else part)
    return tuple(out)
