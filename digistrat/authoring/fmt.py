"""``digistrat fmt``: one layout for every project file, comments kept, data unchanged.

Rules (see docs/format.md, "Einheitliches Layout"):

* keys in the order of the format reference (the order of ``properties`` in the JSON Schemas);
  a comment line above a key moves with that key;
* two-space block indentation, list items indented under their key;
* lists in block style (``- eintrag``), unless they stand inside a one-line ``{…}`` mapping or
  hold comments between their entries;
* quotes only where YAML needs them (``id: "1.3"``), then double quotes;
* numbers without ``_`` digit separators (``30_000`` → ``30000``);
* dates as ISO dates without quotes (``"2024-06-30"`` → ``2024-06-30``).

A file with a YAML or schema error is left alone and reported. Before a file is written, its
new text is read again and must give exactly the same data; otherwise it is left alone too.
"""

from __future__ import annotations

import difflib
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarint import ScalarInt
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

from digistrat.authoring import roundtrip as rt
from digistrat.errors import DigistratError

_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


@dataclass
class FmtResult:
    """The outcome for one file: ``new`` is None when the file was refused (``problem`` says why)."""

    path: Path
    display: str
    old: str
    new: str | None = None
    problem: str | None = None

    @property
    def changed(self) -> bool:
        return self.new is not None and self.new != self.old

    def diff(self) -> str:
        if not self.changed or self.new is None:
            return ""
        lines = difflib.unified_diff(
            self.old.splitlines(keepends=True),
            self.new.splitlines(keepends=True),
            fromfile=f"a/{self.display}",
            tofile=f"b/{self.display}",
        )
        return "".join(
            line if line.endswith("\n") else line + "\n\\ Kein Zeilenumbruch am Dateiende\n" for line in lines
        )


# ---------------------------------------------------------------- schema lookup


class _Schema:
    """Resolves ``$ref`` inside one schema document."""

    def __init__(self, root: dict):
        self.root = root

    def resolve(self, node: Any) -> dict:
        seen = 0
        while isinstance(node, dict) and "$ref" in node and seen < 20:
            ref = node["$ref"]
            if not ref.startswith("#/"):
                return {}
            target: Any = self.root
            for part in ref[2:].split("/"):
                target = target.get(part, {}) if isinstance(target, dict) else {}
            node, seen = target, seen + 1
        return node if isinstance(node, dict) else {}

    def child(self, node: dict, key: Any) -> dict:
        props = node.get("properties", {})
        if key in props:
            return self.resolve(props[key])
        extra = node.get("additionalProperties")
        return self.resolve(extra) if isinstance(extra, dict) else {}

    def item(self, node: dict) -> dict:
        return self.resolve(node.get("items", {}))


def _is_date_schema(node: dict) -> bool:
    pattern = node.get("pattern", "")
    return node.get("format") == "date" or pattern.startswith("^[0-9]{4}-")


# ---------------------------------------------------------------- the rules


def _plain_value(value: Any, schema: dict) -> Any:
    """The value in its normal form (same data): quotes, digit separators and date strings."""
    if isinstance(value, (DoubleQuotedScalarString, SingleQuotedScalarString)):
        text = str(value)
        if _ISO_DATE.match(text) and _is_date_schema(schema):
            import datetime as _dt

            try:
                return _dt.date.fromisoformat(text)
            except ValueError:
                return value
        return text
    if isinstance(value, ScalarInt) and getattr(value, "_underscore", None):
        return int(value)
    return value


def _has_inner_comments(node: CommentedMap | CommentedSeq) -> bool:
    return any(any(entry) for entry in node.ca.items.values())


def _block_lists(node: CommentedMap) -> None:
    """Lists under the keys of a block mapping become block lists; trailing comment lines follow them."""
    for key in list(node):
        value = node[key]
        if isinstance(value, CommentedSeq) and value.fa.flow_style() and len(value) and not _has_inner_comments(value):
            rest = rt.detach_comments_after(node, key)
            value.fa.set_block_style()
            rt.attach_comments_after(node, key, rest)


def _normalise(node: Any, schema: dict, s: _Schema, in_flow: bool) -> None:
    if isinstance(node, CommentedMap):
        flow = in_flow or bool(node.fa.flow_style())
        if not flow:
            _block_lists(node)
        order = list(schema.get("properties", {}))
        if order:
            _reorder(node, order)
        for key in list(node):
            child = s.child(schema, key)
            new = _plain_value(node[key], child)
            if new is not node[key]:
                # CommentedMap.__setitem__ would keep the old quoting style: bypass it
                super(CommentedMap, node).__setitem__(key, new)
            _normalise(node[key], child, s, flow)
    elif isinstance(node, CommentedSeq):
        flow = in_flow or bool(node.fa.flow_style())
        item = s.item(schema)
        for i, value in enumerate(node):
            new = _plain_value(value, item)
            if new is not value:
                list.__setitem__(node, i, new)
            _normalise(node[i], item, s, flow)


def _reorder(node: CommentedMap, order: list[str]) -> None:
    """Put the keys in ``order`` (unknown keys last, as they were); comment lines move with their key."""
    keys = list(node)
    rank = {k: (order.index(k) if k in order else len(order), i) for i, k in enumerate(keys)}
    wanted = sorted(keys, key=rank.__getitem__)
    if wanted == keys:
        return
    leads = {keys[i]: rt.detach_comments_after(node, keys[i - 1]) for i in range(1, len(keys))}
    tail = rt.detach_comments_after(node, keys[-1])
    for key in wanted:
        node.move_to_end(key)
    first_lead = leads.get(wanted[0], "")
    if first_lead:  # a key with a comment above it became the first: the comment opens the mapping
        _prepend_header(node, first_lead)
    for before, key in itertools.pairwise(wanted):
        rt.attach_comments_after(node, before, leads.get(key, ""))
    rt.attach_comments_after(node, wanted[-1], tail)


def _prepend_header(node: CommentedMap, text: str) -> None:
    lines = text.splitlines(keepends=True)
    header = node.ca.comment
    if header is None:
        node.ca.comment = header = [None, []]
    if header[1] is None:
        header[1] = []
    for line in lines:
        stripped = line.lstrip(" ")
        header[1].append(
            CommentToken(stripped if stripped.strip() else "\n", CommentMark(len(line) - len(stripped)), None)
        )


# ---------------------------------------------------------------- files


def format_text(text: str, kind: str, display: str = "<Text>") -> str:
    """The normal form of one project file of ``kind``; raises :class:`DigistratError` for bad input."""
    from digistrat.loading.positions import locate
    from digistrat.loading.schema import load_schema, validate
    from digistrat.loading.yamlparse import load_mapping

    doc = rt.parse_document(text, display)
    doc.newline = "\n"  # the normal form: LF line endings
    data, _ = load_mapping(text.encode("utf-8"), fast=False)
    findings = validate(kind, data, display)
    if findings:
        first = locate(findings[:1], {display: text})[0]
        where = f"{display}:{first.line}:{first.column}" if first.line else display
        more = f" (und {len(findings) - 1} weitere Befunde)" if len(findings) > 1 else ""
        raise DigistratError(f"{where}: {first.message}{more}")
    schema = load_schema(kind)
    _normalise(doc.data, schema, _Schema(schema), False)
    new = rt.dump_document(doc)
    after, _ = load_mapping(new.encode("utf-8"), fast=False)
    if after != data:  # pragma: no cover - a bug in a rule; never write such a file
        raise DigistratError(f"{display}: fmt hätte die Daten verändert; die Datei bleibt unverändert (bitte melden).")
    return new


def format_file(path: Path, display: str, kind: str) -> FmtResult:
    from digistrat.loading.yamlparse import ParseProblem, decode

    raw = path.read_bytes()
    try:
        text = decode(raw)
    except ParseProblem as problem:
        return FmtResult(path, display, "", problem=f"{display}:{problem.line}:{problem.column}: {problem.message}")
    result = FmtResult(path, display, text)
    try:
        result.new = format_text(text, kind, display)
    except rt.YamlFileError as exc:
        result.problem = exc.message.removesuffix(" Die Datei bleibt unverändert.")
    except DigistratError as exc:
        result.problem = exc.message
    return result


def collect(paths: list[Path]) -> list[tuple[Path, str, str]]:
    """(path, display, kind) of the project files meant by ``paths`` (folders: all their project files)."""
    from digistrat.loading.project import discover, display_path, find_root

    chosen: dict[Path, tuple[Path, str, str]] = {}
    for given in paths or [Path(".")]:
        root = find_root(given)
        files = {src.path.resolve(): src for src in discover(root)}
        target = Path(given).resolve()
        if target.is_dir():
            picked = [src for p, src in files.items() if target == p or target in p.parents]
        elif target in files:
            picked = [files[target]]
        else:
            raise DigistratError(
                f"{display_path(Path(given))} ist keine Projektdatei (strategie.yaml, partner.yaml, agenda.yaml, "
                "foerderprogramme.yaml, digistrat.yaml oder steckbriefe/*.yaml)."
            )
        for src in picked:
            chosen.setdefault(src.path.resolve(), (src.path, src.display, src.kind))
    return list(chosen.values())
