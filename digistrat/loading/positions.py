"""Line/column of findings, from the composed node tree (no round-trip parse).

A finding names its place by JSON path; the node tree that parsing composed anyway knows where
every key and value stands. :func:`position_in` walks a path down that tree;
:func:`locate` composes (in C) the files whose findings still lack a position.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from digistrat.findings import Finding
from digistrat.loading.nodes import Converter
from digistrat.loading.problems import ParseProblem


def _child(node: Any, part: Any, converter: Converter) -> tuple[Any, Any, Any] | None:
    """(child node, mark of its key or item, mark of the value) or None."""
    if node.__class__ is converter.mapping_cls:
        wanted = str(part)
        for key_node, value_node in node.value:
            try:
                key = converter.key(key_node)
            except ParseProblem:
                continue
            if isinstance(key, str) and key == wanted:
                return value_node, key_node.start_mark, value_node.start_mark
        return None
    if node.__class__ is not converter.scalar_cls and isinstance(part, int) and 0 <= part < len(node.value):
        item = node.value[part]
        return item, item.start_mark, item.start_mark
    return None


def _is_null(node: Any, converter: Converter) -> bool:
    if node.__class__ is not converter.scalar_cls:
        return False
    try:
        return converter.scalar(node) is None
    except ParseProblem:
        return False


def position_in(root: Any, classes: tuple[type, type], path: tuple, at_key: bool = False) -> tuple[int, int]:
    """1-based (line, column) of the value at ``path`` (of its key with ``at_key``, or when the value is
    empty or a collection); the deepest existing ancestor when the path leads nowhere."""
    if root is None:
        return 1, 1
    converter = Converter(*classes)
    best = root.start_mark
    node = root
    for i, part in enumerate(path):
        found = _child(node, part, converter)
        if found is None:
            break
        node, key_mark, value_mark = found
        last = i == len(path) - 1
        collection = node.__class__ is not converter.scalar_cls
        if not last or at_key or collection or _is_null(node, converter):
            best = key_mark
        else:
            best = value_mark
    return best.line + 1, best.column + 1


def locate(findings: Iterable[Finding], texts: Any) -> list[Finding]:
    """Fill in line/column from ``texts`` (display path → file text) where missing.

    One file's node tree at a time: the findings are taken file by file (in the order their files
    first appear) and each tree is dropped before the next file is composed, so thousands of
    findings in thousands of files never hold thousands of trees at once. The positions of a
    file's findings are kept in the result cache (keyed by its text and their paths), so a warm
    lint does not compose every file with a warning again.
    """
    from digistrat.loading import cache as result_cache

    cache = result_cache.active()
    out = list(findings)
    by_file: dict[str, list[int]] = {}
    for i, f in enumerate(out):
        if f.line is None and f.file in texts:
            by_file.setdefault(f.file, []).append(i)
    for file, indices in by_file.items():
        try:
            text = texts[file]
        except Exception:  # gone since it was read: no tree, every finding at 1:1
            text = None
        queries = [(tuple(out[i].path), out[i].at_key) for i in indices]
        key = cache.positions_key(text, queries) if cache is not None and text is not None else ""
        found = cache.get_positions(key, len(queries)) if cache is not None and key else None
        if found is None:
            found = _positions(text, queries)
            if cache is not None and key:
                cache.put_positions(key, found)
        for i, (line, column) in zip(indices, found):
            out[i] = out[i].located(line, column)
    return out


def _positions(text: str | None, queries: list[tuple[tuple, bool]]) -> list[tuple[int, int]]:
    from digistrat.loading.yamlparse import compose

    found = _positions_in_prefix(text, queries) if text is not None else None
    if found is not None:
        return found
    try:
        root, classes = compose(text) if text is not None else (None, (object, object))
    except Exception:  # unreadable: its parse problem was reported already
        root, classes = None, (object, object)  # no tree: every finding at 1:1
    return [position_in(root, classes, path, at_key) for path, at_key in queries]


# A top-level key at the start of a line, as a plain scalar: the line where its entry begins.
_KEY_LINE = "^{}[ \t]*:(?:[ \t]|$)"
# A line that can only begin a new top-level entry (a plain key), not continue the one before
# (a block sequence "- " at column 0, an indented line, a comment, a flow or quoted continuation
# would fail to compose when cut off, see below).
_NEXT_ENTRY = re.compile(r"^[A-Za-z0-9_]", re.M)


def _positions_in_prefix(text: str, queries: list[tuple[tuple, bool]]) -> list[tuple[int, int]] | None:
    """The positions from composing only the text up to the end of the last top-level entry asked
    for; None when that cannot be known to give the same positions as the whole text.

    lint's findings sit mostly on a top-level key near the top of a Steckbrief (``status``:
    DS132 for 3,560 of 10,000 files, composed again for their positions in 1.2 s). Cut at a
    line that begins a plain top-level key, the prefix composes to the same nodes for every
    entry before the cut. Where the cut falls inside a multi-line flow collection or quoted
    scalar, the prefix does not compose (unterminated), and where a key was found inside such a
    value instead of at the top level, it is missing from the prefix's root: both times the
    whole text is composed. Tags and ``%YAML`` (which may change the parser) are left to it too.
    """
    from digistrat.loading.yamlparse import compose

    if not queries or any(not path or not isinstance(path[0], str) for path, _ in queries):
        return None
    if "!" in text or "%YAML" in text:
        return None
    keys = {path[0] for path, _ in queries}
    end = 0
    for key in keys:
        match = re.search(_KEY_LINE.format(re.escape(key)), text, re.M)
        if match is None:
            return None
        end = max(end, match.end())
    newline = text.find("\n", end)
    cut = _NEXT_ENTRY.search(text, newline + 1) if newline >= 0 else None
    if cut is None:
        return None  # the entry runs to the end: nothing to save
    try:
        root, classes = compose(text[: cut.start()])
    except Exception:  # cut inside a multi-line value
        return None
    converter = Converter(*classes)
    if root is None or root.__class__ is not converter.mapping_cls:
        return None
    if any(_child(root, key, converter) is None for key in keys):
        return None
    return [position_in(root, classes, path, at_key) for path, at_key in queries]
