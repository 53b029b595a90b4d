"""Bytes → text → plain data, YAML 1.2, with German messages for every way a file can be unreadable.

Two parsers give the same values:

* ruamel.yaml's safe loader (C parser from ``ruamel.yaml.clib`` when installed) — the
  reference path that always works;
* PyYAML's ``CSafeLoader`` with YAML 1.2 resolvers (``digistrat[fast]``, ~3x faster).
  PyYAML is YAML 1.1 at heart, so it only handles what both read alike: plain
  decimal numbers, plain dates, no duplicate keys, no merge keys. Anything else
  raises :class:`_Fallback` and the file is read again by ruamel.yaml, which also
  produces every error message. ``tests/test_yaml_parsers.py`` proves the equality.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any

CODE_SYNTAX = ("DS001", "yaml-syntax")
CODE_ENCODING = ("DS002", "kodierung")
CODE_DUPLICATE = ("DS003", "doppelter-schluessel")
CODE_EMPTY = ("DS004", "leere-datei")
CODE_TOPLEVEL = ("DS005", "keine-zuordnung")
CODE_TAB = ("DS006", "tabulator")


@dataclass
class ParseProblem(Exception):
    """A file that cannot be read as a YAML mapping. Positions are 1-based."""

    code: str
    rule: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:  # pragma: no cover - debugging aid
        return f"{self.code} {self.line}:{self.column} {self.message}"


# ---------------------------------------------------------------- decoding

def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM) → str; UTF-16/32 and other encodings are refused clearly."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(raw) >= 2 and (raw[0] == 0 or raw[1] == 0)):
        raise ParseProblem(*CODE_ENCODING,
                           "Die Datei ist UTF-16-kodiert. Bitte als UTF-8 speichern "
                           "(VS Code: unten rechts auf die Kodierung klicken → „Mit Kodierung speichern“ → UTF-8).",
                           1, 1)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(raw[line_start: exc.start].decode("utf-8", errors="replace")) + 1
        guess = raw[exc.start: exc.start + 1].decode("cp1252", errors="replace")
        raise ParseProblem(*CODE_ENCODING,
                           f"Die Datei ist nicht UTF-8-kodiert: Byte 0x{raw[exc.start]:02X} "
                           f"(in Windows-1252 „{guess}“) ist kein gültiges UTF-8. "
                           "Bitte die Datei als UTF-8 speichern.", line, column) from None


# ---------------------------------------------------------------- ruamel (reference path)

_ruamel = None


def _ruamel_loader():
    global _ruamel
    if _ruamel is None:
        from ruamel.yaml import YAML

        _ruamel = YAML(typ="safe", pure=False)  # C parser when ruamel.yaml.clib is installed
    return _ruamel


def active_parsers() -> dict[str, str]:
    """Which parser implementations are active (for ``digistrat --debug-info`` and the benchmark)."""
    y = _ruamel_loader()
    info = {"ruamel": "C (ruamel.yaml.clib)" if "CParser" in repr(getattr(y, "Parser", "")) else "Python"}
    info["schnellpfad"] = "PyYAML CSafeLoader" if _pyyaml_loader() is not None else "aus"
    return info


_PROBLEMS = [
    ("found character '\\t' that cannot start any token", CODE_TAB,
     "Tabulatorzeichen sind in YAML zur Einrückung nicht erlaubt. Bitte Leerzeichen verwenden."),
    ("mapping values are not allowed", CODE_SYNTAX,
     "Ein Doppelpunkt steht an unerwarteter Stelle. Enthält ein Text „: “, muss er in Anführungszeichen stehen."),
    ("could not find expected ':'", CODE_SYNTAX,
     "Nach dem Schlüssel fehlt ein Doppelpunkt „:“."),
    ("did not find expected key", CODE_SYNTAX,
     "Die Einrückung passt nicht: Hier wurde ein Schlüssel derselben Ebene erwartet."),
    ("expected <block end>", CODE_SYNTAX,
     "Die Einrückung passt nicht: Hier wurde ein Schlüssel derselben Ebene erwartet."),
    ("did not find expected '-' indicator", CODE_SYNTAX,
     "Die Einrückung passt nicht: Hier wurde ein Listeneintrag „- “ erwartet."),
    ("found unexpected end of stream", CODE_SYNTAX,
     "Unerwartetes Dateiende: Anführungszeichen oder Klammer nicht geschlossen?"),
    ("found undefined alias", CODE_SYNTAX, "Unbekannter YAML-Alias (*name ohne passenden &name)."),
    ("expected a single document", CODE_SYNTAX,
     "Die Datei enthält mehrere YAML-Dokumente (---); erwartet wird genau eines."),
    ("found unknown escape character", CODE_SYNTAX,
     "Unbekannte Escape-Sequenz in einem Text in doppelten Anführungszeichen (\\ verdoppeln oder einfache Anführungszeichen nutzen)."),
]


def _translate(exc: Exception, text: str) -> ParseProblem:
    from ruamel.yaml.constructor import DuplicateKeyError

    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    if isinstance(exc, DuplicateKeyError):
        first = exc.context_mark
        key = _duplicate_key_name(exc)
        return ParseProblem(*CODE_DUPLICATE,
                            f"Doppelter Schlüssel „{key}“: steht schon in Zeile {first.line + 1}, "
                            f"Spalte {first.column + 1}. Jeder Schlüssel darf nur einmal vorkommen.",
                            line, column)
    problem = str(getattr(exc, "problem", "") or exc)
    context = str(getattr(exc, "context", "") or "")
    for needle, code, message in _PROBLEMS:
        if needle in problem or needle in context:
            if code == CODE_TAB or (line and "\t" in _leading_ws(text, line)):
                code, message = CODE_TAB, _PROBLEMS[0][2]
                line, column = _tab_position(text, line)
            return ParseProblem(*code, message, line, column)
    if line and "\t" in _leading_ws(text, line):
        line, column = _tab_position(text, line)
        return ParseProblem(*CODE_TAB, _PROBLEMS[0][2], line, column)
    return ParseProblem(*CODE_SYNTAX, f"YAML-Syntaxfehler: {problem.strip() or exc}", line, column)


def _duplicate_key_name(exc) -> str:
    m = re.search(r'found duplicate key "(.*?)"', str(exc.problem))
    return m.group(1) if m else "?"


def _leading_ws(text: str, line: int) -> str:
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return ""
    s = lines[line - 1]
    return s[: len(s) - len(s.lstrip(" \t"))]


def _tab_position(text: str, near_line: int) -> tuple[int, int]:
    """The first tab used as indentation at or before the line the parser stopped at."""
    lines = text.splitlines()
    for n in range(min(near_line, len(lines)), 0, -1):
        ws = _leading_ws(text, n)
        if "\t" in ws:
            return n, ws.index("\t") + 1
    return near_line, 1


def _load_ruamel(text: str) -> Any:
    from ruamel.yaml.error import YAMLError

    try:
        return _ruamel_loader().load(text)
    except YAMLError as exc:
        raise _translate(exc, text) from None
    except Exception as exc:  # e.g. ruamel's ConstructorError for odd tags; never a traceback
        raise _translate(exc, text) from None


# ---------------------------------------------------------------- PyYAML (fast path)

class _Fallback(Exception):
    """The fast parser met something it might read differently from YAML 1.2: use ruamel."""


_PLAIN_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_PLAIN_FLOAT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)\.[0-9]+$")
_PLAIN_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# YAML 1.2 resolvers, copied from ruamel.yaml's VersionedResolver for (1, 2).
_R_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_R_FLOAT = re.compile(r"""^(?:
     [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""", re.X)
_R_INT = re.compile(r"""^(?:[-+]?0b[0-1_]+
    |[-+]?0o?[0-7_]+
    |[-+]?[0-9_]+
    |[-+]?0x[0-9a-fA-F_]+)$""", re.X)
_R_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_R_TIMESTAMP = re.compile(r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
    (?:[Tt]|[ \t]+)[0-9][0-9]?
    :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
    (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""", re.X)

_pyyaml = None
_pyyaml_checked = False


def _pyyaml_loader():
    global _pyyaml, _pyyaml_checked
    if _pyyaml_checked:
        return _pyyaml
    _pyyaml_checked = True
    try:
        import yaml
    except ImportError:
        return None
    base = getattr(yaml, "CSafeLoader", None)
    if base is None:
        return None

    class Yaml12Loader(base):  # type: ignore[misc, valid-type]
        pass

    Yaml12Loader.yaml_implicit_resolvers = {}
    for tag, regexp, first in (
        ("bool", _R_BOOL, list("tTfF")),
        ("float", _R_FLOAT, list("-+0123456789.")),
        ("int", _R_INT, list("-+0123456789")),
        ("merge", re.compile(r"^(?:<<)$"), ["<"]),
        ("null", _R_NULL, ["~", "n", "N", ""]),
        ("timestamp", _R_TIMESTAMP, list("0123456789")),
    ):
        Yaml12Loader.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", regexp, first)

    def construct_int(loader, node):
        if not _PLAIN_INT.match(node.value):
            raise _Fallback
        return int(node.value)

    def construct_float(loader, node):
        if not _PLAIN_FLOAT.match(node.value):
            raise _Fallback
        return float(node.value)

    def construct_timestamp(loader, node):
        if not _PLAIN_DATE.match(node.value):
            raise _Fallback
        try:
            return _dt.date.fromisoformat(node.value)
        except ValueError:
            raise _Fallback from None

    def construct_mapping(loader, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge" or not isinstance(key_node, yaml.ScalarNode):
                raise _Fallback
            if key_node.value in seen:
                raise _Fallback  # ruamel names both positions of the duplicate key
            seen.add(key_node.value)
        return base.construct_mapping(loader, node, deep=deep)

    Yaml12Loader.add_constructor("tag:yaml.org,2002:int", construct_int)
    Yaml12Loader.add_constructor("tag:yaml.org,2002:float", construct_float)
    Yaml12Loader.add_constructor("tag:yaml.org,2002:timestamp", construct_timestamp)
    Yaml12Loader.construct_mapping = construct_mapping
    _pyyaml = (yaml, Yaml12Loader)
    return _pyyaml


def _load_fast(text: str) -> Any:
    fast = _pyyaml_loader()
    if fast is None or "%YAML" in text:
        raise _Fallback
    yaml, loader = fast
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass
    except _Fallback:
        raise
    except Exception:
        raise _Fallback from None  # ruamel reads it again and words the error


# ---------------------------------------------------------------- public API

def parse(text: str, *, fast: bool = True) -> Any:
    """YAML 1.2 text → plain Python data (dict/list/str/int/float/bool/None/date)."""
    if fast:
        try:
            return _load_fast(text)
        except _Fallback:
            pass
    return _load_ruamel(text)


def normalize(value: Any) -> Any:
    """JSON-shaped data: dates become ISO strings (unquoted dates are accepted), keys become strings."""
    if isinstance(value, dict):
        return {k if isinstance(k, str) else _key_text(k): normalize(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalize(v) for v in value]
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
    text = decode(raw)
    if not text.strip():
        raise ParseProblem(*CODE_EMPTY, "Die Datei ist leer.", 1, 1)
    data = parse(text, fast=fast)
    if data is None:
        raise ParseProblem(*CODE_EMPTY, "Die Datei enthält nur Kommentare, aber keine Daten.", 1, 1)
    if not isinstance(data, dict):
        kind = "eine Liste" if isinstance(data, list) else f"ein einzelner Wert ({data!r})"
        raise ParseProblem(*CODE_TOPLEVEL,
                           f"Auf oberster Ebene wird eine Zuordnung (Schlüssel: Wert) erwartet, gefunden wurde {kind}.",
                           1, 1)
    return normalize(data), text
