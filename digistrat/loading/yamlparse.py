"""Bytes → text → plain data, YAML 1.2, with German messages for every way a file can be unreadable.

Two parsers give the same values:

* ruamel.yaml's safe loader (C parser from ``ruamel.yaml.clib`` when installed) — the
  reference path that always works;
* PyYAML's ``CSafeLoader`` with YAML 1.2 resolvers (``digistrat[fast]``, ~3x faster).
  PyYAML is YAML 1.1 at heart, so it only handles what both read alike: plain
  decimal numbers, plain dates, no duplicate keys, no merge keys. Anything else
  raises :class:`_Fallback` and the file is read again by ruamel.yaml, which also
  produces every error message (worded in German by :mod:`digistrat.loading.yamlerrors`). ``tests/test_yaml_parsers.py`` proves the equality.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass
from typing import Any

#: ``DIGISTRAT_NO_ACCEL=1`` switches the accelerators off (PyYAML here, jsonschema-rs in
#: :mod:`digistrat.schema`): only ruamel.yaml and jsonschema are used, the path that always works.
#: For comparing findings and for measuring the libraries alone (benchmarks/run.py).
NO_ACCEL_ENV = "DIGISTRAT_NO_ACCEL"


def accelerators_disabled() -> bool:
    return os.environ.get(NO_ACCEL_ENV, "") not in ("", "0")


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
    path: tuple = ()  # JSON path, where the problem belongs to one value (a duplicate key)

    def __str__(self) -> str:  # pragma: no cover - debugging aid
        return f"{self.code} {self.line}:{self.column} {self.message}"


# ---------------------------------------------------------------- decoding

_SAVE_AS_UTF8 = (
    "Bitte die Datei als UTF-8 speichern (VS Code: unten rechts auf die Kodierung klicken "
    "→ „Mit Kodierung speichern“ → UTF-8)."
)


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM) → str; UTF-16/32 and other encodings are refused clearly."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(raw) >= 2 and (raw[0] == 0 or raw[1] == 0)):
        raise ParseProblem(
            *CODE_ENCODING, f"Die Datei ist als UTF-16 gespeichert, erwartet wird UTF-8. {_SAVE_AS_UTF8}", 1, 1
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        byte = raw[exc.start]
        # Files from Windows editors are mostly Windows-1252: name the character the user typed.
        guess = bytes([byte]).decode("cp1252", errors="replace")
        what = (
            f"Das Zeichen „{guess}“ (Byte 0x{byte:02X}, vermutlich Windows-1252)"
            if guess.isprintable() and guess != "\ufffd"
            else f"Das Byte 0x{byte:02X}"
        )
        raise ParseProblem(
            *CODE_ENCODING,
            f"Die Datei ist nicht als UTF-8 gespeichert: {what} ist kein gültiges UTF-8. {_SAVE_AS_UTF8}",
            line,
            column,
        ) from None


# ---------------------------------------------------------------- ruamel (reference path)

_ruamel = None
_ruamel_pure = None


def _ruamel_yaml(pure: bool):
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import SafeConstructor

    class Yaml12Constructor(SafeConstructor):
        """ruamel keeps YAML 1.1's ``=`` (value) resolver; in YAML 1.2 a lone ``=`` is plain text."""

    Yaml12Constructor.add_constructor("tag:yaml.org,2002:value", SafeConstructor.construct_yaml_str)
    y = YAML(typ="safe", pure=pure)  # pure=False: the C parser when ruamel.yaml.clib is installed
    y.Constructor = Yaml12Constructor
    return y


def _ruamel_loader():
    global _ruamel
    if _ruamel is None:
        _ruamel = _ruamel_yaml(pure=False)
    return _ruamel


def _ruamel_pure_loader():
    global _ruamel_pure
    if _ruamel_pure is None:
        _ruamel_pure = _ruamel_yaml(pure=True)
    return _ruamel_pure


def prepare() -> None:
    """Set up the parser now (before forking workers, which then inherit it)."""
    if _pyyaml_loader() is None:
        _ruamel_loader()


def active_parsers() -> dict[str, str]:
    """Which parser implementations are active (for ``digistrat --debug-info`` and the benchmark)."""
    y = _ruamel_loader()
    info = {"ruamel": "C (ruamel.yaml.clib)" if "CParser" in repr(getattr(y, "Parser", "")) else "Python"}
    info["schnellpfad"] = "PyYAML CSafeLoader" if _pyyaml_loader() is not None else "aus"
    return info


def _load_ruamel(text: str) -> Any:
    loader = _ruamel_loader()
    try:
        return loader.load(text)
    except Exception as exc:  # YAMLError, or e.g. a ValueError for 2023-02-30; never a traceback
        if "CParser" in repr(getattr(loader, "Parser", "")):
            # ruamel.yaml.clib is an old libyaml: it refuses plain scalars with ":" inside [ ] and { }
            # ([1:20], [https://…]) that YAML 1.2 and the pure-Python parser accept. Errors are rare,
            # so a second opinion costs nothing on the clean path.
            try:
                return _ruamel_pure_loader().load(text)
            except Exception:
                pass  # a real error: word the C parser's message, as always
        from digistrat.loading.yamlerrors import translate

        raise translate(exc, text) from None


# ---------------------------------------------------------------- PyYAML (fast path)


class _Fallback(Exception):
    """The fast parser met something it might read differently from YAML 1.2: use ruamel."""


_PLAIN_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_PLAIN_FLOAT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)\.[0-9]+$")
_PLAIN_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# YAML 1.2 resolvers, copied from ruamel.yaml's VersionedResolver for (1, 2).
_R_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_R_FLOAT = re.compile(
    r"""^(?:
     [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.X,
)
_R_INT = re.compile(
    r"""^(?:[-+]?0b[0-1_]+
    |[-+]?0o?[0-7_]+
    |[-+]?[0-9_]+
    |[-+]?0x[0-9a-fA-F_]+)$""",
    re.X,
)
_R_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_R_TIMESTAMP = re.compile(
    r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
    (?:[Tt]|[ \t]+)[0-9][0-9]?
    :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
    (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
    re.X,
)

_pyyaml = None
_pyyaml_checked = False


def _pyyaml_loader():
    global _pyyaml, _pyyaml_checked
    if accelerators_disabled():
        return None
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
        mapping = base.construct_mapping(loader, node, deep=deep)
        if len(mapping) != len(node.value):
            raise _Fallback  # keys that differ in spelling but not in value (true/True, 1.0/1.00)
        return mapping

    resolvers = Yaml12Loader.yaml_implicit_resolvers

    def resolve(self, kind, value, implicit):
        # BaseResolver.resolve without its path-resolver branch (none are registered here): libyaml
        # calls this for every node, so it is a fifth of the parsing time.
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return "tag:yaml.org,2002:str"
        return "tag:yaml.org,2002:seq" if kind is yaml.SequenceNode else "tag:yaml.org,2002:map"

    def no_path_resolvers(self, *args):
        return None

    Yaml12Loader.resolve = resolve
    Yaml12Loader.descend_resolver = no_path_resolvers
    Yaml12Loader.ascend_resolver = no_path_resolvers
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
        return yaml.load(text, Loader=loader)
    except _Fallback:
        raise
    except Exception:
        raise _Fallback from None  # ruamel reads it again and words the error


_TAG = "tag:yaml.org,2002:"
_BOOL_VALUE = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


def _load_fast_mapping(text: str) -> dict | None:
    """The normalized mapping of ``text`` (what ``normalize(parse(text))`` gives), or None for a
    document without data.

    Hot path of ``validate``: libyaml composes the node tree in C and :func:`_plain` turns it into
    JSON-shaped data in one walk, without PyYAML's generic constructor and a second
    ``normalize`` pass (about twice as fast). It accepts strictly less than :func:`_load_fast`:
    a root that is not a mapping, non-text keys, or any value it is unsure of raise
    :class:`_Fallback`, and ruamel.yaml decides.
    """
    fast = _pyyaml_loader()
    if fast is None or "%YAML" in text:
        raise _Fallback
    yaml, loader = fast
    try:
        root = yaml.compose(text, Loader=loader)
    except Exception:
        raise _Fallback from None  # ruamel reads it again and words the error
    if root is None:
        return None
    if not isinstance(root, yaml.MappingNode):
        raise _Fallback  # the error message quotes the value as ruamel reads it
    return _plain(root, yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode, set())


def _plain(node, scalar_cls, mapping_cls, sequence_cls, active: set) -> Any:
    cls = node.__class__
    if cls is scalar_cls:
        tag, value = node.tag, node.value
        if tag == _TAG + "str":
            return value
        if tag == _TAG + "int" and _PLAIN_INT.match(value):
            return int(value)
        if tag == _TAG + "float" and _PLAIN_FLOAT.match(value):
            return float(value)
        if tag == _TAG + "bool" and value in _BOOL_VALUE:
            return _BOOL_VALUE[value]
        if tag == _TAG + "null" and _R_NULL.match(value):
            return None
        if tag == _TAG + "timestamp" and _PLAIN_DATE.match(value):
            try:
                _dt.date.fromisoformat(value)
            except ValueError:
                raise _Fallback from None
            return value  # normalize() turns dates into this very ISO text
        raise _Fallback  # other tags and number forms: ruamel decides
    if id(node) in active:
        raise _Fallback  # an alias: reused (or recursive) collections go through the size-checked path
    if cls is mapping_cls and node.tag == _TAG + "map":
        active.add(id(node))
        out: dict = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not scalar_cls or key_node.tag != _TAG + "str" or key_node.value in out:
                raise _Fallback  # merge keys, non-text keys and duplicates
            out[key_node.value] = _plain(value_node, scalar_cls, mapping_cls, sequence_cls, active)
        return out
    if cls is sequence_cls and node.tag == _TAG + "seq":
        active.add(id(node))
        return [_plain(item, scalar_cls, mapping_cls, sequence_cls, active) for item in node.value]
    raise _Fallback


# ---------------------------------------------------------------- public API


def parse(text: str, *, fast: bool = True) -> Any:
    """YAML 1.2 text → plain Python data (dict/list/str/int/float/bool/None/date)."""
    if fast:
        try:
            return _load_fast(text)
        except _Fallback:
            pass
    return _load_ruamel(text)


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
            data = _load_fast_mapping(text)
        except _Fallback:
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
