"""Recover line/column for findings, only for the files that have findings.

The clean path never builds a round-trip tree (it costs ~7 ms per file); when a file has
findings we parse it once more with ruamel.yaml's round-trip loader, whose nodes remember
where they stood, and walk each finding's JSON path down that tree.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from digistrat.findings import Finding


def _rt_load(text: str) -> Any:
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.allow_duplicate_keys = True  # duplicates were already reported; we only want positions here
    try:
        return y.load(text)
    except Exception:
        return None


def _child(node: Any, part):
    """Return (child, (line, col) of key or item, (line, col) of value) or None."""
    lc = getattr(node, "lc", None)
    if isinstance(node, dict):
        for key in node:
            if key == part or str(key) == str(part):
                kpos = vpos = None
                if lc is not None:
                    try:
                        kpos = lc.key(key)
                        vpos = lc.value(key)
                    except (KeyError, TypeError, AttributeError):
                        pass
                return node[key], kpos, vpos
        return None
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        pos = None
        if lc is not None:
            try:
                pos = lc.item(part)
            except (KeyError, TypeError, AttributeError):
                pass
        return node[part], pos, pos
    return None


def position_of(tree: Any, path: tuple, at_key: bool = False) -> tuple[int, int]:
    """1-based (line, column) of the node at ``path``; the deepest existing ancestor otherwise."""
    best = (0, 0)
    if tree is not None and getattr(tree, "lc", None) is not None:
        best = (tree.lc.line, tree.lc.col)
    node = tree
    for i, part in enumerate(path):
        found = _child(node, part)
        if found is None:
            break
        node, kpos, vpos = found
        last = i == len(path) - 1
        pos = kpos if (at_key and last) or not last else vpos
        if last and node is None and kpos is not None:
            pos = kpos  # an empty value has no place of its own (ruamel puts it on the next line)
        if not last and hasattr(node, "lc") and isinstance(node, (dict, list)) and len(node):
            # a nested collection: its own start is more precise than the key for deeper misses
            pos = kpos
        if pos is not None:
            best = pos
        if last and vpos is not None and not at_key and isinstance(node, (dict, list)) and getattr(node, "lc", None):
            # a mapping/sequence value starts on its own line: point at its key instead of its first child
            best = kpos or best
    return best[0] + 1, best[1] + 1


def locate(findings: Iterable[Finding], texts: dict[str, str]) -> list[Finding]:
    """Fill in line/column from ``texts`` (display path → file text) where missing."""
    trees: dict[str, Any] = {}
    out = []
    for f in findings:
        if f.line is None and f.file in texts:
            if f.file not in trees:
                trees[f.file] = _rt_load(texts[f.file])
            line, col = position_of(trees[f.file], tuple(f.path), f.at_key)
            f = f.located(line, col)
        out.append(f)
    return out
