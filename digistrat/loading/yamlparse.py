"""Bytes → text → plain data, YAML 1.2, with German messages for every way a file can be unreadable.

Two parsers give the same values:

* ruamel.yaml (:mod:`digistrat.loading.ruamel_path`) — the reference path that always works;
* PyYAML's libyaml (:mod:`digistrat.loading.pyyaml_path`, ~3x faster), which hands whatever it
  cannot compose to the reference path.

Both only compose a node tree; :mod:`digistrat.loading.nodes` turns either tree into data with
one set of YAML 1.2 rules and limits, so both give the same data and the same findings.

Decoding lives in :mod:`digistrat.loading.decoding`, the problem codes in
:mod:`digistrat.loading.problems`. ``tests/test_yaml_parsers.py`` proves the equality.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from digistrat.loading import pyyaml_path, ruamel_path
from digistrat.loading.decoding import decode
from digistrat.loading.nodes import Converter, SelfReference, TooManyValues, exact_numbers, too_many_values_message
from digistrat.loading.problems import (
    CODE_DUPLICATE,
    CODE_EMPTY,
    CODE_ENCODING,
    CODE_LIMIT,
    CODE_SYNTAX,
    CODE_TAB,
    CODE_TOPLEVEL,
    MAX_BYTES,
    MAX_VALUES,
    ParseProblem,
    german_number,
)
from digistrat.loading.pyyaml_path import NO_ACCEL_ENV, Fallback, accelerators_disabled, pyyaml_loader
from digistrat.loading.ruamel_path import ruamel_loader

__all__ = [
    "CODE_DUPLICATE",
    "CODE_EMPTY",
    "CODE_ENCODING",
    "CODE_SYNTAX",
    "CODE_TAB",
    "CODE_TOPLEVEL",
    "MAX_VALUES",
    "NO_ACCEL_ENV",
    "ParseProblem",
    "accelerators_disabled",
    "active_parsers",
    "decode",
    "exact_numbers",
    "load_document",
    "load_mapping",
    "parse",
    "prepare",
]


def prepare() -> None:
    """Set up the parser now (before forking workers, which then inherit it)."""
    if pyyaml_loader() is None:
        ruamel_loader()


def active_parsers() -> dict[str, str]:
    """Which parser implementations are active (for ``digistrat --debug-info`` and the benchmark)."""
    y = ruamel_loader()
    info = {"ruamel": "C (ruamel.yaml.clib)" if "CParser" in repr(getattr(y, "Parser", "")) else "Python"}
    info["schnellpfad"] = "PyYAML CSafeLoader" if pyyaml_loader() is not None else "aus"
    return info


@dataclass
class Document:
    """One file read as YAML: its data, its text, the nodes (for positions) and its exact numbers."""

    data: Any
    text: str
    root: Any = None
    classes: tuple = ()  # (scalar node class, mapping node class) of the parser that composed ``root``
    #: JSON path → (source text, line, column) of each number with a fraction or exponent
    numbers: dict[tuple, tuple[str, int, int]] = field(default_factory=dict)


def compose(text: str, fast: bool = True) -> tuple[Any, tuple[type, type]]:
    """(root node or None, (scalar node class, mapping node class)) of the fastest parser that can."""
    if fast:
        try:
            return pyyaml_path.compose_pyyaml(text), pyyaml_path.node_classes()
        except Fallback:
            pass
    return ruamel_path.compose_ruamel(text), ruamel_path.node_classes()


def _convert(text: str, root: Any, classes: tuple[type, type]) -> tuple[Any, dict]:
    converter = Converter(*classes, check_texts="\\" in text, merges="<<" in text)
    try:
        return converter.value(root), converter.numbers
    except TooManyValues as exc:
        line, column = _self_alias_position(text) if exc.aliases else (None, None)
        code = CODE_SYNTAX if exc.aliases else CODE_LIMIT
        raise ParseProblem(*code, too_many_values_message(exc.aliases), line or 1, column or 1) from None
    except SelfReference:
        line, column = _self_alias_position(text)
        raise ParseProblem(
            *CODE_SYNTAX,
            "Ein YAML-Alias verweist auf sich selbst (*name innerhalb von &name); "
            "die Daten wären endlos verschachtelt.",
            line,
            column,
        ) from None


def parse(text: str, *, fast: bool = True) -> Any:
    """YAML 1.2 text → JSON-shaped data (any document; None without data). Raises :class:`ParseProblem`."""
    root, classes = compose(text, fast)
    return None if root is None else _convert(text, root, classes)[0]


def load_document(raw: bytes, *, fast: bool = True) -> Document:
    """Decode, compose and convert one file that must hold a mapping. Raises :class:`ParseProblem`."""
    if len(raw) > MAX_BYTES:
        raise ParseProblem(
            *CODE_LIMIT,
            f"Die Datei ist {german_number(len(raw))} Byte groß; digistrat liest Dateien bis "
            f"{german_number(MAX_BYTES)} Byte. Bitte die Daten auf mehrere Dateien verteilen.",
            1,
            1,
        )
    text = decode(raw)
    if not text.strip():
        raise ParseProblem(*CODE_EMPTY, "Die Datei ist leer.", 1, 1)
    root, classes = compose(text, fast)
    if root is None:
        raise ParseProblem(*CODE_EMPTY, "Die Datei enthält nur Kommentare, aber keine Daten.", 1, 1)
    data, numbers = _convert(text, root, classes)
    if not isinstance(data, dict):
        kind = "eine Liste" if isinstance(data, list) else f"ein einzelner Wert ({data!r})"
        raise ParseProblem(
            *CODE_TOPLEVEL,
            f"Auf oberster Ebene wird eine Zuordnung (Schlüssel: Wert) erwartet, gefunden wurde {kind}.",
            1,
            1,
        )
    return Document(data, text, root, classes, numbers)


def load_mapping(raw: bytes, *, fast: bool = True) -> tuple[dict, str]:
    """(data, text) of one file that must hold a mapping; numbers with a fraction stay floats."""
    doc = load_document(raw, fast=fast)
    return doc.data, doc.text


_ANCHOR = re.compile(r"&([^\s,\[\]{}]+)")


def _self_alias_position(text: str) -> tuple[int, int]:
    """The first alias that appears after its anchor was opened: the usual shape of a self-reference."""
    for match in _ANCHOR.finditer(text):
        alias = text.find(f"*{match.group(1)}", match.end())
        if alias != -1:
            line = text.count("\n", 0, alias) + 1
            return line, alias - (text.rfind("\n", 0, alias) + 1) + 1
    return 1, 1
