"""Bytes → text → plain data, YAML 1.2, with German messages for every way a file can be unreadable.

Two parsers give the same values:

* ruamel.yaml's safe loader (:mod:`digistrat.loading.ruamel_path`) — the reference path that
  always works;
* PyYAML's ``CSafeLoader`` with YAML 1.2 resolvers (:mod:`digistrat.loading.pyyaml_path`,
  ~3x faster), which hands anything it might read differently to the reference path.

Decoding lives in :mod:`digistrat.loading.decoding`, the problem codes in
:mod:`digistrat.loading.problems`. ``tests/test_yaml_parsers.py`` proves the equality.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from digistrat.loading.decoding import decode
from digistrat.loading.problems import (
    CODE_DUPLICATE,
    CODE_EMPTY,
    CODE_ENCODING,
    CODE_SYNTAX,
    CODE_TAB,
    CODE_TOPLEVEL,
    ParseProblem,
)
from digistrat.loading.pyyaml_path import (
    NO_ACCEL_ENV,
    Fallback,
    accelerators_disabled,
    load_fast,
    load_fast_mapping,
    pyyaml_loader,
)
from digistrat.loading.ruamel_path import load_ruamel, ruamel_loader

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
    "load_mapping",
    "normalize",
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


def parse(text: str, *, fast: bool = True) -> Any:
    """YAML 1.2 text → plain Python data (dict/list/str/int/float/bool/None/date)."""
    if fast:
        try:
            return load_fast(text)
        except Fallback:
            pass
    return load_ruamel(text)


# Far above any real file (a Steckbrief has a few hundred values) and far below what aliases
# can multiply a small file into ("billion laughs"): beyond it the file is refused.
MAX_VALUES = 1_000_000


class _TooLarge(Exception):
    pass


def normalize(value: Any) -> Any:
    """JSON-shaped data: dates become ISO strings (unquoted dates are accepted), keys become strings.

    Aliases make ruamel.yaml share one object in several places; copying it out here is where a
    file of a few lines could grow without bound, so the number of values is capped.
    """
    budget = [MAX_VALUES]
    return _normalize(value, budget)


def _normalize(value: Any, budget: list) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooLarge
    if isinstance(value, dict):
        return {k if isinstance(k, str) else _key_text(k): _normalize(v, budget) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalize(v, budget) for v in value]
    if isinstance(value, (set, frozenset)):  # YAML !!set is a mapping with empty values; keep it in order
        return dict.fromkeys(sorted(_key_text(k) for k in value))
    if isinstance(value, _dt.datetime):
        return value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


def _key_text(key: Any) -> str:
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return ""
    if isinstance(key, (_dt.date, _dt.datetime)):
        return key.isoformat()
    return str(key)


def load_mapping(raw: bytes, *, fast: bool = True) -> tuple[dict, str]:
    """Decode, parse and normalize one file that must hold a mapping. Raises :class:`ParseProblem`."""
    try:
        return _load_mapping(raw, fast)
    except _TooLarge:
        text = raw.decode("utf-8", errors="replace")
        line, column = _self_alias_position(text)
        raise ParseProblem(
            *CODE_SYNTAX,
            f"Die Datei ergibt über {MAX_VALUES:_} Werte, weil YAML-Aliase (*name) Teile "
            "vervielfachen. Bitte die Aliase durch die Werte selbst ersetzen.".replace("_", "."),
            line,
            column,
        ) from None
    except RecursionError:
        # an alias inside its own anchor (`a: &r [*r]`) builds an endless structure
        text = raw.decode("utf-8", errors="replace")
        line, column = _self_alias_position(text)
        raise ParseProblem(
            *CODE_SYNTAX,
            "Ein YAML-Alias verweist auf sich selbst (*name innerhalb von &name); "
            "die Daten wären endlos verschachtelt.",
            line,
            column,
        ) from None


_ANCHOR = re.compile(r"&([^\s,\[\]{}]+)")


def _self_alias_position(text: str) -> tuple[int, int]:
    """The first alias that appears after its anchor was opened: the usual shape of a self-reference."""
    for match in _ANCHOR.finditer(text):
        alias = text.find(f"*{match.group(1)}", match.end())
        if alias != -1:
            line = text.count("\n", 0, alias) + 1
            return line, alias - (text.rfind("\n", 0, alias) + 1) + 1
    return 1, 1


def _load_mapping(raw: bytes, fast: bool) -> tuple[dict, str]:
    text = decode(raw)
    if not text.strip():
        raise ParseProblem(*CODE_EMPTY, "Die Datei ist leer.", 1, 1)
    if fast:
        try:
            data = load_fast_mapping(text)
        except Fallback:
            pass
        else:
            if data is None:
                raise ParseProblem(*CODE_EMPTY, "Die Datei enthält nur Kommentare, aber keine Daten.", 1, 1)
            return data, text
    data = parse(text, fast=False)
    if data is None:
        raise ParseProblem(*CODE_EMPTY, "Die Datei enthält nur Kommentare, aber keine Daten.", 1, 1)
    if not isinstance(data, dict):
        kind = "eine Liste" if isinstance(data, list) else f"ein einzelner Wert ({data!r})"
        raise ParseProblem(
            *CODE_TOPLEVEL,
            f"Auf oberster Ebene wird eine Zuordnung (Schlüssel: Wert) erwartet, gefunden wurde {kind}.",
            1,
            1,
        )
    return normalize(data), text
