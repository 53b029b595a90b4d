"""The reference path: ruamel.yaml composes the node tree (its C parser from ``ruamel.yaml.clib``
when installed, the pure-Python parser as second opinion); every error is worded in German by
:mod:`digistrat.loading.yamlerrors`. What the nodes mean is decided in :mod:`digistrat.loading.nodes`.
"""

from __future__ import annotations

import warnings
from typing import Any

from digistrat.loading import resolve as r
from digistrat.loading.problems import CODE_LIMIT, MAX_DEPTH, ParseProblem, depth_message
from digistrat.loading.yamlerrors import translate

_ruamel = None
_ruamel_pure = None

# ruamel.yaml.clib composes recursively in C and has no nesting limit: some 30,000 levels crash
# the process (segmentation fault). Below this many indicator characters the depth cannot come
# near that; above it, the events are counted first (see _check_depth).
_SURELY_SHALLOW = 2_000


def _ruamel_yaml(pure: bool):
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import ScalarNode, SequenceNode
    from ruamel.yaml.resolver import VersionedResolver
    from ruamel.yaml.tag import Tag

    plain, text, seq, mapping = (Tag(suffix=t) for t in (r.PLAIN, r.STR, r.SEQ, r.MAP))

    class PlainResolver(VersionedResolver):
        """Leaves plain scalars untyped (:data:`~digistrat.loading.resolve.PLAIN`): nodes.py types them."""

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is ScalarNode:
                return plain if implicit[0] else text
            return seq if kind is SequenceNode else mapping

    y = YAML(typ="safe", pure=pure)  # pure=False: the C parser when ruamel.yaml.clib is installed
    y.Resolver = PlainResolver
    return y


def ruamel_loader():
    global _ruamel
    if _ruamel is None:
        _ruamel = _ruamel_yaml(pure=False)
    return _ruamel


def _ruamel_pure_loader():
    global _ruamel_pure
    if _ruamel_pure is None:
        _ruamel_pure = _ruamel_yaml(pure=True)
    return _ruamel_pure


def node_classes() -> tuple[type, type]:
    from ruamel.yaml.nodes import MappingNode, ScalarNode

    return ScalarNode, MappingNode


def compose_ruamel(text: str) -> Any:
    """The root node of ``text`` (None for a document without data). Raises :class:`ParseProblem`."""
    loader = ruamel_loader()
    c_parser = "CParser" in repr(getattr(loader, "Parser", ""))
    if c_parser and sum(map(text.count, "[{-:?")) >= _SURELY_SHALLOW:
        _check_depth(loader, text)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ReusedAnchorWarning: English, on stderr; a reused anchor is valid YAML
            return loader.compose(text)
    except Exception as exc:  # YAMLError; never a traceback
        if c_parser:
            # ruamel.yaml.clib is an old libyaml: it refuses plain scalars with ":" inside [ ] and { }
            # ([1:20], [https://…]) that YAML 1.2 and the pure-Python parser accept. Errors are rare,
            # so a second opinion costs nothing on the clean path.
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    return _ruamel_pure_loader().compose(text)
            except Exception:
                pass  # a real error (or too deep for Python): word the C parser's message
        raise translate(exc, text) from None


def _check_depth(loader: Any, text: str) -> None:
    """Refuse, before composing, nesting deeper than MAX_DEPTH, at the first collection that is too deep."""
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

    depth = 0
    try:
        for event in loader.parse(text):
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    raise ParseProblem(*CODE_LIMIT, depth_message(), mark.line + 1, mark.column + 1)
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except ParseProblem:
        raise
    except Exception:
        return  # a syntax error: composing reports it
