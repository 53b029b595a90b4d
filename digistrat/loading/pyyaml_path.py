"""The fast path: PyYAML's ``CSafeLoader`` (libyaml) with YAML 1.2 resolvers (``digistrat[fast]``).

PyYAML is YAML 1.1 at heart, so it only handles what both read alike: plain decimal numbers,
plain dates, no duplicate keys, no merge keys. Anything else raises :class:`Fallback` and the
file is read again by the reference path (:mod:`digistrat.loading.ruamel_path`).
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from typing import Any

#: ``DIGISTRAT_NO_ACCEL=1`` switches the accelerators off (PyYAML here, jsonschema-rs in
#: :mod:`digistrat.schema`): only ruamel.yaml and jsonschema are used, the path that always works.
#: For comparing findings and for measuring the libraries alone (benchmarks/run.py).
NO_ACCEL_ENV = "DIGISTRAT_NO_ACCEL"


def accelerators_disabled() -> bool:
    return os.environ.get(NO_ACCEL_ENV, "") not in ("", "0")


class Fallback(Exception):
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


def pyyaml_loader():
    """(the ``yaml`` module, the YAML 1.2 loader class), or None without PyYAML's C extension."""
    global _pyyaml, _pyyaml_checked
    if accelerators_disabled():
        return None
    if not _pyyaml_checked:
        _pyyaml_checked = True
        try:
            import yaml
        except ImportError:
            return None
        base = getattr(yaml, "CSafeLoader", None)
        if base is not None:
            _pyyaml = (yaml, _yaml12_loader(yaml, base))
    return _pyyaml


def _construct_int(loader, node):
    if not _PLAIN_INT.match(node.value):
        raise Fallback
    return int(node.value)


def _construct_float(loader, node):
    if not _PLAIN_FLOAT.match(node.value):
        raise Fallback
    return float(node.value)


def _construct_timestamp(loader, node):
    if not _PLAIN_DATE.match(node.value):
        raise Fallback
    try:
        return _dt.date.fromisoformat(node.value)
    except ValueError:
        raise Fallback from None


def _no_path_resolvers(self, *args):
    return None


def _yaml12_loader(yaml, base):
    """``CSafeLoader`` with YAML 1.2's resolvers and constructors that hand doubtful values to ruamel."""

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

    def construct_mapping(loader, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge" or not isinstance(key_node, yaml.ScalarNode):
                raise Fallback
            if key_node.value in seen:
                raise Fallback  # ruamel names both positions of the duplicate key
            seen.add(key_node.value)
        mapping = base.construct_mapping(loader, node, deep=deep)
        if len(mapping) != len(node.value):
            raise Fallback  # keys that differ in spelling but not in value (true/True, 1.0/1.00)
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

    Yaml12Loader.resolve = resolve
    Yaml12Loader.descend_resolver = _no_path_resolvers
    Yaml12Loader.ascend_resolver = _no_path_resolvers
    Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
    Yaml12Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
    Yaml12Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
    Yaml12Loader.construct_mapping = construct_mapping
    return Yaml12Loader


def load_fast(text: str) -> Any:
    fast = pyyaml_loader()
    if fast is None or "%YAML" in text:
        raise Fallback
    yaml, loader = fast
    try:
        return yaml.load(text, Loader=loader)
    except Fallback:
        raise
    except Exception:
        raise Fallback from None  # ruamel reads it again and words the error


_TAG = "tag:yaml.org,2002:"
_BOOL_VALUE = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


def load_fast_mapping(text: str) -> dict | None:
    """The normalized mapping of ``text`` (what ``normalize(parse(text))`` gives), or None for a
    document without data.

    Hot path of ``validate``: libyaml composes the node tree in C and :func:`_plain` turns it into
    JSON-shaped data in one walk, without PyYAML's generic constructor and a second
    ``normalize`` pass (about twice as fast). It accepts strictly less than :func:`load_fast`:
    a root that is not a mapping, non-text keys, or any value it is unsure of raise
    :class:`Fallback`, and ruamel.yaml decides.
    """
    fast = pyyaml_loader()
    if fast is None or "%YAML" in text:
        raise Fallback
    yaml, loader = fast
    try:
        root = yaml.compose(text, Loader=loader)
    except Exception:
        raise Fallback from None  # ruamel reads it again and words the error
    if root is None:
        return None
    if not isinstance(root, yaml.MappingNode):
        raise Fallback  # the error message quotes the value as ruamel reads it
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
                raise Fallback from None
            return value  # normalize() turns dates into this very ISO text
        raise Fallback  # other tags and number forms: ruamel decides
    if id(node) in active:
        raise Fallback  # an alias: reused (or recursive) collections go through the size-checked path
    if cls is mapping_cls and node.tag == _TAG + "map":
        active.add(id(node))
        out: dict = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not scalar_cls or key_node.tag != _TAG + "str" or key_node.value in out:
                raise Fallback  # merge keys, non-text keys and duplicates
            out[key_node.value] = _plain(value_node, scalar_cls, mapping_cls, sequence_cls, active)
        return out
    if cls is sequence_cls and node.tag == _TAG + "seq":
        active.add(id(node))
        return [_plain(item, scalar_cls, mapping_cls, sequence_cls, active) for item in node.value]
    raise Fallback
