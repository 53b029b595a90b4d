"""The schemas' local references resolved once, for the pure-Python ``jsonschema`` validator.

``jsonschema`` looks every ``$ref`` up again for every value it checks (a JSON pointer walked
through the ``referencing`` registry, new resolvers on the way): on the path without jsonschema-rs
that was half of the validation time (measured on 2 cores: the 100 Steckbriefe of the benchmark
corpus 255 -> 127 ms, median of 9 passes).

Each ``"$ref": "#/$defs/NAME"`` is replaced, at its place among the keys, by
``"allOf": [definition]``: a schema whose only subschema is the definition validates exactly as
the reference does (JSON Schema 2020-12 applies ``$ref`` beside its siblings, as ``allOf`` is),
and ``jsonschema`` reports the same errors for it: the same keyword, instance, value and
subschema (``error.schema`` is the definition either way); only ``error.schema_path``, which
no message uses, reads ``allOf/0`` instead of ``$ref``. The annotations beside the reference
(``title``, ``examples``) stay where messages find them. A reference the resolution cannot
follow (another document, a pointer deeper than ``$defs``, a definition that refers back to
itself, a schema with an ``allOf`` of its own) is left as it is; ``$defs`` stays in place for it.
"""

from __future__ import annotations

from typing import Any

_PREFIX = "#/$defs/"
# keywords whose values are data, not schemas: never rewritten
_DATA = frozenset({"enum", "const", "examples", "default"})


def inline_local_refs(schema: dict) -> dict:
    """A copy of ``schema`` that validates the same without resolving local references."""
    defs = schema.get("$defs")
    if not isinstance(defs, dict):
        return schema
    return _Inliner(defs).schema(schema, root=True)


class _Inliner:
    def __init__(self, defs: dict):
        self.defs = defs
        self.done: dict[str, Any] = {}  # one resolved copy per definition, shared like the original
        self.open: set[str] = set()  # definitions being resolved (a reference back stays a $ref)

    def schema(self, node: Any, root: bool = False) -> Any:
        if isinstance(node, list):
            return [self.schema(item) for item in node]
        if not isinstance(node, dict) or ("$id" in node and not root):
            return node  # below an $id of its own, "#/$defs/..." means that resource's $defs
        out = {}
        for key, value in node.items():
            # beside an allOf of its own the reference stays: one key cannot hold both
            target = self.target(value) if key == "$ref" and "allOf" not in node else None
            if target is not None:
                out["allOf"] = [target]
            elif key == "$defs" or key in _DATA or key.startswith("x-"):
                out[key] = value
            else:
                out[key] = self.schema(value)
        return out

    def target(self, ref: Any) -> Any:
        """The resolved definition ``ref`` points to, or None to keep the reference."""
        if not isinstance(ref, str) or not ref.startswith(_PREFIX):
            return None
        name = ref[len(_PREFIX) :]
        if "/" in name or "~" in name or "%" in name or name not in self.defs or name in self.open:
            return None
        if name not in self.done:
            self.open.add(name)
            self.done[name] = self.schema(self.defs[name])
            self.open.discard(name)
        return self.done[name]
